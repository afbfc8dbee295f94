"""Showing fresh data in fields the user may be typing in.

The conversation screen reloads after every structural change (a goal added,
an action deleted) and hands the step the fresh data again. A field must not
be refilled while the user is in it (the cursor would jump and keystrokes
arrive in the old text), nor while its last edit is still on its way to the
database (the reload may have read the row just before that write landed).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, Select

from pipeline_tui.tui.widgets.autosave_text import AutosaveInput, AutosaveTextArea, Write

AutosaveField = AutosaveInput | AutosaveTextArea


def is_dirty(field: AutosaveField) -> bool:
    """Typed text not yet written: the writer thread advances `base` after each write."""
    current = field.value if isinstance(field, AutosaveInput) else field.text
    return field.key is not None and current != field.base


def refill(field: AutosaveField, key: str, value: str, write: Write | None, label: str) -> None:
    """Bind a text field to `key`, unless the user is editing that very field."""
    if field.key == key and (field.has_focus or is_dirty(field)):
        return
    field.bind_field(key, value, write, label)


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
