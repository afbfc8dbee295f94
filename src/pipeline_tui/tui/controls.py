"""The last guard of what the app draws: no character that drives a terminal.

Stored text is shown as it was typed or imported; a conductor's name, a note or a summary
that holds an escape sequence (ESC [ 2 J clears the screen, OSC 52 writes the clipboard, a
bell, a bidi override) reached the terminal as it was, and the terminal acted on it (the
sign-off step drew a conductor's name in red and its box out of line). Every line the
widgets draw passes this filter: the control characters in the text of a segment are
left out. Each of them is zero cells wide to Textual, so the line keeps the width it was
laid out with; what Textual writes itself (cursor moves, colours) is not in that text.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from pipeline_tui.vocabulary import CONTROL


class DropControls(LineFilter):
    """Leaves out the control characters (C0, DEL, C1, bidi overrides) of drawn text."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(CONTROL.search(segment.text) for segment in segments if not segment.control):
            return segments
        out: list[Segment] = []
        for segment in segments:
            if segment.control or CONTROL.search(segment.text) is None:
                out.append(segment)
                continue
            text = CONTROL.sub("", segment.text)
            if text:
                out.append(Segment(text, segment.style))
        return out
