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

A field left shows its text from the start: Textual keeps the view where the typing
ended, so a long goal title or name read "lanlægningen til to koordinatorer…" after a
tab, its beginning out of sight. Coming back selects it all and shows the end again.
"""

from __future__ import annotations

from textual import events, on
from textual.widgets import Input, Select

from pipeline_tui.tui.widgets.paste import PlainPaste
from pipeline_tui.tui.widgets.type_ahead import KeysInOrder


class FormInput(PlainPaste, KeysInOrder, Input):
    @on(events.Blur)
    def _show_the_start(self, _event: events.Blur) -> None:
        self.scroll_to(x=0, animate=False)


class FormSelect(KeysInOrder, Select[str]):
    async def on_key(self, event: events.Key) -> None:
        if self.expanded:  # keys for the open list, or on their way up from it
            return
        await super().on_key(event)
