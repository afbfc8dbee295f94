"""Keys typed ahead are answered in the order they were typed, by the widget meant.

Textual hands every key to the widget that has the focus *when the key is read*, lets
that widget take what it consumes itself (a letter into a text field) at once, and
runs a binding (a rating's digit, `c`, `tab`, `enter`, `escape`...) only once the key
has bubbled up to the app, looked up from whatever has the focus *by then*. Keys that
arrive together (a fast typist, a paste, `tmux send-keys`, a loaded machine) were
therefore answered out of order and by the wrong widget:

- "4 3 5 4 c Good year" on the expectations: `c` opened the comment at once, and the
  four ratings then reached the app with the comment focused: lost;
- "c Jeg gør det" after a move: the letters were queued on the list, and the `r` of
  "gør" switched the party when it reached the app;
- "Name tab email tab title" in a form: every letter went into the name.

A widget with `KeysInOrder` answers each key it is given itself, in order: a key it
consumes as it always has; a key with a binding (its own, its screen's or the app's:
`Screen.active_bindings`) by running that binding at once; a key it was handed after
the focus had already moved on (it was read before) by passing it on, in order, to the
widget that has the focus now. `hand_over` keys run first (a list's key that opens a
text field). Keys with ctrl or alt and function keys read before a focus change stay
with the app's bindings, as does any key on its way up from a focused widget inside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Mixin = Widget
else:  # a plain mixin at run time: Textual's class set-up stays the widget's own
    _Mixin = object


def _command(key: str) -> bool:
    """A key the app's or screen's bindings answer (ctrl+q, f1...), not typing."""
    return key.startswith(("ctrl+", "alt+")) or (key[:1] == "f" and key[1:].isdigit())


class KeysInOrder(_Mixin):
    """A focusable widget that answers the keys it is given in the order they came."""

    def hand_over(self) -> dict[str, Callable[[], None]]:
        """Key -> what it does (moving the focus at once, with `screen.set_focus`)."""
        return {}

    async def on_key(self, event: events.Key) -> None:
        screen = self.screen
        focused = screen.focused
        if focused is self:
            run = self.hand_over().get(event.key)
            if run is not None:
                event.stop()
                event.prevent_default()
                run()
                return
            if self.check_consume_key(event.key, event.character):
                return  # the widget's own (a letter into a text field)
            active = screen.active_bindings.get(event.key)
            if (
                active is not None
                and active.enabled
                and await self.app.run_action(active.binding.action, active.node)
            ):
                event.stop()
                event.prevent_default()
            return
        if focused is None or self in focused.ancestors or _command(event.key):
            return
        # Read before the focus moved on: it belongs to the widget that has it now.
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))


HandsOnTyping = KeysInOrder  # the lists' name for it: their keys that open a text field
