"""Text fields that save themselves: a TextArea for notes, an Input for one line.

A field is bound to a write function `write(repo, value, expected)`; typing
schedules that write (see `tui.autosave`), leaving the field commits it. The
`expected` value is what the field last loaded or saved, so the repository can
refuse to overwrite a change made in another session meanwhile; the user then
sees both versions and chooses (`ConflictScreen`). The base is advanced on the
writer thread right after each successful write, so a burst of queued writes
never trips over its own earlier saves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.widgets import Input, TextArea

from pipeline_tui.errors import ConflictError

Write = Callable[[Any, str, str | None], Any]


class _Base:
    """What one binding of a field last loaded or saved.

    A field is rebound as the user moves on (the next card, another goal) while
    writes for the previous binding may still be queued; each write checks and
    advances the base of the binding it was typed in, not the field's current one
    (a note committed on ctrl+n was checked against the next card's empty text
    and reported as changed elsewhere).
    """

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value


class _Autosave:
    """The shared behaviour; mixed into TextArea and Input below."""

    key: str | None = None
    label: str = ""
    _base: _Base | None = None

    @property
    def base(self) -> str:
        return self._base.value if self._base is not None else ""

    @base.setter
    def base(self, value: str) -> None:
        if self._base is None:
            self._base = _Base(value)
        else:
            self._base.value = value

    # What the field will hold in the database once the queued writes are done: the value
    # loaded or last scheduled. Edits are compared with it, not with `base` (advanced only
    # when a write has run), else typing back to the saved text before the writer caught
    # up would leave an intermediate text saved.
    _latest: str = ""
    _write: Write | None = None
    _filling: bool = False
    separator: str = "\n\n"  # between both versions kept after a conflict

    def bind_field(self, key: str, value: str, write: Write | None, label: str = "") -> None:
        """Show `value` and save edits with `write`; None makes the field read-only."""
        screen = getattr(self, "screen", None)
        if self.key is not None and self.key != key and screen is not None:
            screen.commit(self.key)
        self.key = key
        self.label = label
        self._write = write
        self._base = _Base(value)
        self._latest = value
        self._filling = True
        try:
            self._set_value(value)
        finally:
            self._filling = False
        self._set_readonly(write is None)

    def _set_value(self, value: str) -> None:
        raise NotImplementedError

    def _get_value(self) -> str:
        raise NotImplementedError

    def _set_readonly(self, readonly: bool) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        if self._filling or self.key is None or self._write is None:
            return
        value = self._get_value()
        if value == self._latest:  # a programmatic fill arrives here as a late Changed message
            return
        self._latest = value
        write, base = self._write, self._base or _Base("")

        def job(repo: Any) -> Any:
            result = write(repo, value, base.value)
            base.value = value
            return result

        self.screen.schedule(self.key, job, on_conflict=self._conflict)  # type: ignore[attr-defined]

    def _left(self) -> None:
        if self.key is not None:
            self.screen.commit(self.key)  # type: ignore[attr-defined]

    def _conflict(self, error: ConflictError) -> None:
        from pipeline_tui.tui.screens.conflict import ConflictScreen, merged

        theirs, mine = str(error.theirs or ""), str(error.mine or "")
        key, write = self.key, self._write

        def resolve(choice: str | None) -> None:
            if key != self.key or write is None:
                return
            value = {"theirs": theirs, "mine": mine}.get(
                choice or "both", merged(theirs, mine, self.separator)
            )
            self.bind_field(key, value, write, self.label)
            if value != theirs:
                self.base = self._latest = theirs  # the database holds theirs
                self._changed()
                self._left()
            else:
                self.base = theirs

        self.app.push_screen(ConflictScreen(self.label, theirs, mine), resolve)  # type: ignore[attr-defined]


class AutosaveTextArea(_Autosave, TextArea):
    DEFAULT_CSS = """
    AutosaveTextArea { height: 5; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)

    def _set_value(self, value: str) -> None:
        if value == self.text:  # the same text (mostly empty): keep the document, not its history
            self.history.clear()
            return
        self.load_text(value)

    def _get_value(self) -> str:
        return self.text

    def _set_readonly(self, readonly: bool) -> None:
        self.read_only = readonly

    @on(TextArea.Changed)
    def _on_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._changed()

    def on_blur(self) -> None:
        self._left()


class AutosaveInput(_Autosave, Input):
    separator = " / "  # one line: both versions kept side by side, never a line break

    def _set_value(self, value: str) -> None:
        self.value = value

    def _get_value(self) -> str:
        return self.value

    def _set_readonly(self, readonly: bool) -> None:
        self.disabled = readonly

    @on(Input.Changed)
    def _on_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed()

    def on_blur(self) -> None:
        self._left()
