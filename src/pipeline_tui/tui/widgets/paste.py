"""Pasted text without the NUL character, for every field a person types into.

A terminal (or a browser, under `serve`) pastes what the clipboard holds, and a clipboard
can hold a NUL (text copied out of a binary file or a badly converted document). No key
types one. A NUL cannot be shown, PostgreSQL's text cannot hold it (the save failed there,
again and again), a file name cannot contain it, and an export holding one is refused by
`import`. The field takes the pasted text without it; nothing else of the paste changes,
except that a one-line field takes pasted lines joined by spaces (not the first line only).
A paste read together with a tab typed before it goes where the tab went.

A one-line field with a longest length (a goal's title, a name) takes as much of a longer
paste as it has room for, and says that the rest was left out: Textual's field refused
the whole paste, and a goal pasted from a mail came to nothing, without a word.
"""

from __future__ import annotations

import re

from textual import events
from textual.widget import Widget
from textual.widgets import Input

from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.widgets.type_ahead import HoldsKeys
from pipeline_tui.tui.widgets.wrapped_text import WrappedTextArea

NUL = "\x00"


class PlainPaste:
    """Mixed in before the Input or TextArea whose pastes it cleans: its handler runs first
    (Textual calls the handlers along the class's MRO), then the field's own inserts."""

    def on_paste(self, event: events.Paste) -> None:
        screen = self.screen if isinstance(self, Widget) else None
        if isinstance(screen, HoldsKeys) and screen.keep_paste(event):
            return  # read while a new goal or action is made: held for its field
        focused = screen.focused if screen is not None else None
        if focused is not None and focused is not self:
            # Read before the focus moved on (a tab just before it, answered first): it
            # belongs to the field that has the focus now, as the keys typed after a tab.
            event.stop()
            event.prevent_default()
            focused.post_message(events.Paste(event.text))
            return
        if NUL in event.text:
            event.text = event.text.replace(NUL, "")
        if isinstance(self, Input) and ("\n" in event.text or "\r" in event.text):
            event.text = one_line(event.text)
        if isinstance(self, Input) and self.max_length:
            event.text = _what_fits(self, event.text, self.max_length)


def _what_fits(field: Input, text: str, longest: int) -> str:
    """The beginning of `text` that the field has room for (the selection it replaces
    counts as room); a notice when that is not all of it. A beginning the field refuses all
    the same (letters in a date) is left to the field, which says why."""
    start, end = sorted(field.selection)
    room = max(0, longest - len(field.value) + (end - start))
    if len(text) <= room:
        return text
    kept = field.value[:start] + text[:room] + field.value[end:]
    if field.restrict and re.fullmatch(field.restrict, kept) is None:
        return text
    left_out = len(text) - room
    key = "paste.cut_one" if left_out == 1 else "paste.cut"
    field.notify(t(key, longest=longest, n=left_out), severity="warning")
    return text[:room]


def one_line(text: str) -> str:
    """Lines pasted into a one-line field, joined by spaces: Textual's Input keeps only the
    first line, and the rest of a goal pasted from a mail was dropped without a word."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class PlainInput(PlainPaste, Input):
    """A one-line field (a file name, a search) that takes pastes without NUL."""


class PlainTextArea(PlainPaste, WrappedTextArea):
    """A text field that takes pastes without NUL."""
