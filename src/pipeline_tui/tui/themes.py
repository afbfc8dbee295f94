"""Two themes: a calm dark one for a laptop, a high-contrast light one for a projector."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

DARK = Theme(
    name="pipeline-dark",
    primary="#5B9BD5",
    secondary="#3E6E9E",
    accent="#E8A33D",
    warning="#E8A33D",
    error="#E0605E",
    success="#5FB98E",
    foreground="#E4E7EB",
    background="#14181D",
    surface="#1C2229",
    panel="#252D36",
    dark=True,
)

LIGHT = Theme(
    name="pipeline-light",
    primary="#0B4F8A",
    secondary="#2E6DA4",
    accent="#9A4D00",
    warning="#9A4D00",
    error="#B00020",
    success="#1B6E3A",
    foreground="#111111",
    background="#FFFFFF",
    surface="#F3F4F6",
    panel="#E3E7EC",
    dark=False,
)


def register_themes(app: App[Any]) -> None:
    for theme in (DARK, LIGHT):
        app.register_theme(theme)
