"""Text fields that save themselves: a TextArea for notes, an Input for one line.

A field is bound to a key in the conversation session and to `op_for(value)`,
the write (`ops.Op`) that stores a value; typing queues that write through the
session (see `tui.autosave`), leaving the field writes it at once. The session
compares each write with the value it last knew to be stored, so the
repository refuses to overwrite a change made in another session meanwhile;
the user then sees both versions and chooses (`ConflictScreen`, "keep both"
by default). What the field shows comes from the session too: a value typed
but not yet saved is shown again when the field comes back to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.widgets import Input, TextArea

from pipeline_tui.errors import ConflictError
from pipeline_tui.ops import Op
from pipeline_tui.tui.widgets.form_input import FormInput
from pipeline_tui.tui.widgets.paste import PlainPaste
from pipeline_tui.tui.widgets.type_ahead import KeysInOrder
from pipeline_tui.tui.widgets.wrapped_text import WrappedTextArea

if TYPE_CHECKING:
    from textual.app import App

    from pipeline_tui.tui.session import ConversationSession

OpFor = Callable[[str], Op]


class _Autosave:
    """The shared behaviour; mixed into TextArea and Input below."""

    key: str | None = None
    label: str = ""
    session: ConversationSession | None = None
    # What the field will hold in the database once the queued writes are done: the value
    # shown or last typed. An edit equal to it writes nothing (a programmatic fill arrives
    # as a late Changed message).
    _latest: str = ""
    _op_for: OpFor | None = None
    _saved: Callable[[Any], None] | None = None  # after each write of this field landed
    _filling: bool = False
    separator: str = "\n\n"  # between both versions kept after a conflict
    if TYPE_CHECKING:  # provided by the widget this is mixed into
        app: App[Any]
        has_focus: bool

    def bind_field(
        self,
        session: ConversationSession,
        key: str,
        stored: str,
        op_for: OpFor | None,
        label: str = "",
        *,
        saved: Callable[[Any], None] | None = None,
    ) -> None:
        """Show the value of `key` (typed but unsaved, else `stored`) and save edits with
        `op_for`; None makes the field read-only. The field the user is typing in is left
        as it is when it is bound to its own key again (a reload)."""
        if self.key == key and self.session is session and self._editing():
            # What the user is typing stays, and so does the value it is compared with: a
            # change made elsewhere meanwhile must meet the user's edit as a conflict.
            return
        if self.key is not None and self.key != key and self.session is not None:
            self.session.commit(self.key)
        self.session = session
        self.key = key
        self.label = label
        self._op_for = op_for
        self._saved = saved
        session.know(key, stored)
        value = session.text(key, stored)
        self._latest = value
        self._filling = True
        try:
            self._set_value(value)
        finally:
            self._filling = False
        self._set_readonly(op_for is None)

    def _editing(self) -> bool:
        return self.has_focus or (
            self.session is not None and self.session.pending(self.key or "") is not None
        )

    def _set_value(self, value: str) -> None:
        raise NotImplementedError

    def _get_value(self) -> str:
        raise NotImplementedError

    def _set_readonly(self, readonly: bool) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        if self._filling or self.key is None or self._op_for is None or self.session is None:
            return
        value = self._get_value()
        if value == self._latest:
            return
        self._latest = value
        self.session.type(
            self.key,
            self._op_for(value),
            label=self.label,
            done=self._saved,
            on_conflict=self._conflict,
        )

    def _left(self) -> None:
        if self.key is not None and self.session is not None:
            self.session.commit(self.key)

    def _conflict(self, error: ConflictError) -> None:
        from pipeline_tui.tui.dialogs.conflict import ConflictScreen, merged

        theirs, mine = str(error.theirs or ""), str(error.mine or "")
        key, op_for, session = self.key, self._op_for, self.session
        if key is None or op_for is None or session is None:
            return

        def resolve(choice: str | None) -> None:
            value = {"theirs": theirs, "mine": mine}.get(
                choice or "both", merged(theirs, mine, self.separator)
            )
            session.conflict_resolved(key, theirs)  # the database holds theirs
            if value != theirs:
                session.type(key, op_for(value), label=self.label, on_conflict=self._conflict)
                session.commit(key)
            if key == self.key:
                self._latest = value
                self._filling = True
                try:
                    self._set_value(value)
                finally:
                    self._filling = False

        self.app.push_screen(ConflictScreen(self.label, theirs, mine), resolve)


class AutosaveTextArea(_Autosave, PlainPaste, KeysInOrder, WrappedTextArea):
    DEFAULT_CSS = """
    AutosaveTextArea { height: 5; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self._loaded = False  # text put in from the database, where no cursor was placed yet

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """Enter is a new line here, as TextArea types it (not a binding of the screen)."""
        return super().check_consume_key(key, character) or (key == "enter" and not self.read_only)

    def _set_value(self, value: str) -> None:
        if value == self.text:  # the same text (mostly empty): keep the document, not its history
            self.history.clear()
            return
        self.load_text(value)
        self._loaded = True

    def _get_value(self) -> str:
        return self.text

    def _set_readonly(self, readonly: bool) -> None:
        self.read_only = readonly

    @on(TextArea.Changed)
    def _on_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._changed()

    def on_focus(self) -> None:
        """Typing goes after the text there, as in a one-line field: arriving with tab at a
        filled-in suggestion once put the cursor before it, and the words typed went in
        front of it. (A click places the cursor where it points, after this.)"""
        if self._loaded:
            self._loaded = False
            self.move_cursor(self.document.end)

    def on_blur(self) -> None:
        self._left()


class AutosaveInput(_Autosave, FormInput):
    separator = " / "  # one line: both versions kept side by side, never a line break

    def __init__(self, **kwargs: Any) -> None:
        # Tab into a field that saves itself keeps what it holds: with the whole text
        # selected on focus, the next key replaced "Conducted by" and saved at once.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(**kwargs)

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
