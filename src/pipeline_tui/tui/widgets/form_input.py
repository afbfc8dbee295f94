"""A form's text field that keeps keys typed ahead in the fields they were meant for.

Textual hands every key to the widget that has the focus when the key is read, and
runs a binding (`tab`, the app's "focus next"; `enter`, `backspace`, the arrows of the
field itself) only once the key has bubbled up to the app, looked up from whatever
has the focus by then. A form typed in one burst (a paste, a fast typist, a loaded
machine) therefore put every letter into the first field: "Name, tab, email, tab,
title" all ended up as the name.

A `FormInput` answers its keys itself, in the order they were typed: `tab` /
`shift+tab` move the focus at once, and its own bindings (enter, backspace, the
arrows...) run at once too, so that none of them overtakes or lags behind the
letters around it. Every key it still receives once the focus has left it goes on
to the widget that has the focus now (the next field, a dropdown, a button), in
order. Keys with ctrl or alt and function keys are left to the app when it is not
focused. (The same idea for lists that open a text field: `type_ahead.HandsOnTyping`.)

Left as Textual does it: a dropdown chosen from in the middle of a burst ("↓ enter tab
Anna") gives the focus back to itself when it has taken the choice, after the tab has
run, so the letters behind it can be lost; typed at a person's pace they are not.
"""

from __future__ import annotations

from functools import cache

from textual import events
from textual.binding import Binding
from textual.widgets import Input


def _command(key: str) -> bool:
    """A key the app's or screen's bindings answer (ctrl+q, f1...), not typing."""
    return key.startswith(("ctrl+", "alt+")) or (key[:1] == "f" and key[1:].isdigit())


@cache
def _own_actions(widget_class: type[Input]) -> dict[str, str]:
    """Key -> action of the field's own bindings (Input's and its subclasses')."""
    actions: dict[str, str] = {}
    for cls in reversed(widget_class.__mro__):
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                for key in binding.key.split(","):
                    actions[key.strip()] = binding.action
    return actions


class FormInput(Input):
    async def on_key(self, event: events.Key) -> None:
        screen = self.screen
        focused = screen.focused
        if focused is self:
            if event.key in ("tab", "shift+tab"):
                event.stop()
                event.prevent_default()
                screen.focus_next() if event.key == "tab" else screen.focus_previous()
                return
            action = _own_actions(type(self)).get(event.key)
            if action is not None:  # in order with the letters, not when it reaches the app
                event.stop()
                event.prevent_default()
                await self.run_action(action)
            return
        if focused is None or _command(event.key):
            return
        # Read before the focus moved on: it belongs to the widget that has it now.
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))
