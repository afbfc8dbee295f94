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
widget that has the focus now (ctrl+t too: it is answered there, in its place among
the letters). `hand_over` keys run first (a list's key that opens a text field). A key
on its way up from a focused widget inside is left alone.

A screen with `HoldsKeys` can hold every key for a moment while a write it started
will move the focus (ctrl+n makes a goal, then puts the cursor in its title): the keys
typed meanwhile are kept, in order, and handed to the widget that takes the focus, not
lost on the list or typed into the goal before. The hold lasts while what moves the focus
is still under way (`waiting`: the write not yet landed, a step still mounting), and
`HOLD_AT_MOST` after that (3 s: with 1.5 s, on a CI machine running four workers on two
cores, the goal's title took the focus after the hold had ended, and "Uddeleg" typed
into it came after the rest of "Uddeleger vagtplanen …", handed on one step later).
It used to end `HOLD_AT_MOST` after the key, however long the write took: on a loaded
machine "ctrl+t Hand over" then put "Hand" into the goal's title, or let the space typed
next overtake the keys handed on and land first. A paste is held as the keys are, in its
place among them: "ctrl+n" and the goal pasted from a mail at once lost the paste on the
goal list (or put it into the goal's title left behind).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    _Mixin = Widget
    _ScreenMixin = Screen[Any]
else:  # plain mixins at run time: Textual's class set-up stays the widget's own
    _Mixin = object
    _ScreenMixin = object

HOLD_AT_MOST = 3.0  # seconds after what moves the focus is done: the keys are let go then
HOLD_LONGEST = 6.0  # seconds: a write that waits on a locked database lets go of commands
_LOOK_EVERY = 0.1  # seconds between looks at whether what moves the focus is done
PASTE = "paste"  # a held paste: (PASTE, the text pasted) among the held keys


class KeysInOrder(_Mixin):
    """A focusable widget that answers the keys it is given in the order they came."""

    def hand_over(self) -> dict[str, Callable[[], None]]:
        """Key -> what it does (moving the focus at once, with `screen.set_focus`)."""
        return {}

    async def on_key(self, event: events.Key) -> None:
        screen = self.screen
        if isinstance(screen, HoldsKeys) and screen.keep(event):
            return
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
        if focused is None or self in focused.ancestors:
            return
        # Read before the focus moved on: it belongs to the widget that has it now.
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))


HandsOnTyping = KeysInOrder  # the lists' name for it: their keys that open a text field


def typed_text(keys: list[tuple[str, str | None]]) -> str:
    """The text `keys` type into an empty field: their printable characters, a backspace
    taking back the one before; any other key (enter, tab, ctrl+…) types nothing."""
    text: list[str] = []
    for key, character in keys:
        if key == PASTE:
            text.append(" ".join((character or "").split()))
        elif key == "backspace":
            if text:
                text.pop()
        elif character and character.isprintable() and not key.startswith("ctrl+"):
            text.append(character)
    return "".join(text)


def _types(key: str, character: str | None) -> bool:
    """Whether the key (or a held paste) types into a text field (`typed_text`)."""
    return key in (PASTE, "backspace") or bool(typed_text([(key, character)]))


class HoldsKeys(_ScreenMixin):
    """A screen that can hold the keys typed while a write moves the focus (see above)."""

    _held: list[tuple[str, str | None]] | None = None
    _until: Callable[[Widget], bool] | None = None
    _typed: Callable[[str], None] | None = None
    _text_only = False  # only text is held: the write waited `HOLD_LONGEST`
    _holds = 0

    def hold_keys(
        self,
        until: Callable[[Widget], bool],
        waiting: Callable[[], bool] | None = None,
        typed: Callable[[str], None] | None = None,
    ) -> None:
        """Hold every key from now until a widget for which `until` is true takes the
        focus, then hand them to it in order. Given up `HOLD_AT_MOST` after `waiting` (what
        will move the focus is still under way) last said yes; then the keys go to
        whatever has the focus. A write still waiting `HOLD_LONGEST` after the key (another
        program holds the database's lock) lets go of the keys that type nothing (esc,
        ctrl+q: the user can act) and of every such key after; the text stays held for the
        field it was typed for (let go at 6 s onto the goal list, "ctrl+n Delegate the rota"
        made a goal with no title once the lock went). `typed` is told the text the held
        keys type so far, at each key (the title of a goal not made yet: kept for recovery)."""
        if self._held is None:  # keys held by a hold still running stay held, in order
            self._held = []
        self._text_only = False
        self._until = until
        self._typed = typed
        self._holds += 1
        hold = self._holds
        started = busy = time.monotonic()

        def look() -> None:
            nonlocal busy
            if self._holds != hold or self._held is None:  # a later hold, or let go
                return
            now = time.monotonic()
            if waiting is not None and waiting():
                busy = now
            if now - busy >= HOLD_AT_MOST:
                self.release_keys()
                return
            if now - started >= HOLD_LONGEST and not self._text_only:
                self._let_go_commands()
            self.set_timer(_LOOK_EVERY, look)

        self.set_timer(_LOOK_EVERY, look)

    def keep(self, event: events.Key) -> bool:
        """Hold `event` if keys are held now (and say so)."""
        if self._held is None or (self._text_only and not _types(event.key, event.character)):
            return False
        self._held.append((event.key, event.character))
        event.stop()
        event.prevent_default()
        if self._typed is not None:
            self._typed(typed_text(self._held))
        return True

    def keep_paste(self, event: events.Paste) -> bool:
        """Hold the paste `event` among the keys, if keys are held now (and say so)."""
        if self._held is None:
            return False
        self._held.append((PASTE, event.text))
        event.stop()
        event.prevent_default()
        if self._typed is not None:
            self._typed(typed_text(self._held))
        return True

    def _let_go_commands(self) -> None:
        """Hand the held keys that type nothing to whatever has the focus, in order, and
        hold only text from now on (see `hold_keys`)."""
        self._text_only = True
        held = self._held or []
        self._held = [(key, character) for key, character in held if _types(key, character)]
        target = self.focused or self
        for key, character in held:
            if not _types(key, character):
                target.post_message(events.Key(key, character))

    def release_keys(self) -> None:
        held, self._held, self._until, self._typed = self._held, None, None, None
        self._text_only = False
        if held:
            target = self.focused or self
            for key, character in held:
                if key == PASTE:
                    target.post_message(events.Paste(character or ""))
                else:
                    target.post_message(events.Key(key, character))

    def on_key(self, event: events.Key) -> None:
        self.keep(event)  # a key that bubbled up from a widget that answers no keys itself

    def on_paste(self, event: events.Paste) -> None:
        self.keep_paste(event)  # from a widget that takes no paste (the goal list)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        until = self._until
        if self._held is not None and until is not None and until(event.widget):
            self.release_keys()
