"""A form's text field and dropdown that answer keys typed ahead in order.

"Name tab email tab title" typed in one burst (a paste, a fast typist, `tmux
send-keys`) all went into the name: Textual runs `tab` only when it has bubbled up to
the app, after the letters behind it. These answer every key in order
(`type_ahead.KeysInOrder`).

The dropdown does so while it is closed: "unit, tab, tab, manager, enter" passes it
without losing the manager. Left as Textual does it: a dropdown *chosen from* in the
middle of a burst ("↓ enter tab Anna") gives the focus back to itself when it has taken
the choice, after the tab has run, so the letters behind it can be lost; typed at a
person's pace they are not.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Select

from pipeline_tui.tui.widgets.paste import PlainPaste
from pipeline_tui.tui.widgets.type_ahead import KeysInOrder


class FormInput(PlainPaste, KeysInOrder, Input):
    pass


class FormSelect(KeysInOrder, Select[str]):
    async def on_key(self, event: events.Key) -> None:
        if self.expanded:  # keys for the open list, or on their way up from it
            return
        await super().on_key(event)
