"""The keyword arguments every Textual widget takes, for widgets that pass them on."""

from __future__ import annotations

from typing import TypedDict


class WidgetArgs(TypedDict, total=False):
    """`Widget.__init__`'s keywords (a scrolling container takes the same)."""

    name: str | None
    id: str | None
    classes: str | None
    disabled: bool
