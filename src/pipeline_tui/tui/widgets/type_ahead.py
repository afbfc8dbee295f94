"""Keys typed ahead go where the person meant them: into the text field a key just opened.

Textual hands every key to the widget that has the focus *when the key is read*, and a
binding runs only when the key has bubbled up to the app. Keys typed quickly after `c`
(a comment) or `enter` (a card's notes), or on a loaded machine, are therefore all queued
on the list before the key that moves the focus has run; when they bubble up, the bindings
are looked up from the text field, and `r` (switch party) or a digit (a rating) of the
sentence was taken as a command, the rest of it lost.

A list using `HandsOnTyping` runs its focus-moving keys itself, in order with the keys
behind them, and passes every printable key it still receives after handing the focus to
a text field on to that field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.widget import Widget

    _Mixin = Widget
else:  # a plain mixin at run time: Textual's class set-up stays the widget's own
    _Mixin = object


class HandsOnTyping(_Mixin):
    """A focusable widget whose `hand_over` keys move the focus into a text field."""

    def hand_over(self) -> dict[str, Callable[[], None]]:
        """Key -> what it does (moving the focus at once, with `screen.set_focus`)."""
        return {}

    def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is self:
            run = self.hand_over().get(event.key)
            if run is not None:
                event.stop()
                event.prevent_default()
                run()
            return
        if isinstance(focused, TextArea | Input) and event.is_printable:
            # Sent here before the focus moved on: it belongs to the field that has it now.
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
