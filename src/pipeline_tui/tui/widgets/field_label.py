"""A field's label that puts the cursor in its field when clicked, as a form's label does.

A click on a plain label focused the nearest focusable container (a step's page), and
the letters typed then reached that page's keys (the summary's d/p/n/c changed a
review) instead of the field the user had pointed at.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.css.query import NoMatches
from textual.widgets import Label


class FieldLabel(Label):
    """A label for the field with the id `for_id` (looked up in the label's screen)."""

    def __init__(self, renderable: Any = "", *, for_id: str, **kwargs: Any) -> None:
        super().__init__(renderable, **kwargs)
        self.for_id = for_id

    def on_click(self, event: events.Click) -> None:
        try:
            field = self.screen.query_one(f"#{self.for_id}")
        except NoMatches:
            return
        if field.focusable:
            event.stop()
            self.screen.set_focus(field)
