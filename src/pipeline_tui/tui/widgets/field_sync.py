"""Showing stored values in selects and checkboxes without writing them back.

(Text fields keep what the user is typing in themselves: `AutosaveInput.bind_field`.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from rich.text import Text
from textual.widgets import Checkbox, Select

V = TypeVar("V")


def plain_options(options: Iterable[tuple[str, V]]) -> list[tuple[Text, V]]:
    """Options named by data (units, the pack's layer and kind names) as plain text: a
    select reads a string as markup, so "Team [Øst]" showed as "Team " and "Team [/] Vest"
    stopped the app with a MarkupError."""
    return [(Text(name), value) for name, value in options]


def set_quietly(widget: Select[Any] | Checkbox, value: Any) -> None:
    """Show a stored value without the Changed message that would write it back."""
    if widget.value == value:
        return
    message = Select.Changed if isinstance(widget, Select) else Checkbox.Changed
    with widget.prevent(message):
        widget.value = value


def reset_options(select: Select[Any], options: list[tuple[str, Any]], value: Any) -> None:
    """New option names (another language) with the same value shown, quietly.

    Select only redraws its current label when the value changes, so it is
    moved to another option and back.
    """
    with select.prevent(Select.Changed):
        select.set_options(options)
        other = next((v for _name, v in options if v != value), None)
        if other is not None:
            select.value = other
        select.value = value
