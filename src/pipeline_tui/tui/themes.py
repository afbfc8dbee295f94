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


def start_in_theme(app: App[Any], name: str) -> None:
    """Start `app` (not yet running) in the registered theme `name`.

    Setting `App.theme` runs Textual's watcher, which re-parses every stylesheet from
    scratch and leaves the parse cache empty, so the next widget class mounted parses them
    all again: about 0.1 s of every start, before the first screen (`benchmarks/run.py`'s
    first-screen figure). Before the app runs nothing is parsed or styled yet, so it is
    enough to set the name and the variables the stylesheet is parsed with, and the
    classes the watcher would set: what `App.__init__` does for its default theme. A theme
    of the other brightness also changes how ANSI colours are mapped: that one is set the
    full way.
    """
    theme = app.get_theme(name)
    if theme is None or app.is_running or theme.dark != app.current_theme.dark:
        app.theme = name  # validated, and applied by Textual's watcher
        return
    app.set_reactive(App.theme, name)
    app.stylesheet.set_variables(app.get_css_variables())
    app.set_class(theme.dark, "-dark-mode", update=False)
    app.set_class(not theme.dark, "-light-mode", update=False)
    app.set_class(True, f"-theme-{name}", update=False)
