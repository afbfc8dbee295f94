"""A text field whose lines are drawn again once they are wrapped for a new width.

Textual draws a resized TextArea at its new width first and wraps its text for that width
afterwards (on the Resize event), without drawing it again: after the terminal was made
wider or narrower, a comment showed the old line breaks on the new width until the next
key, with words cut off or gone ("Jeg skriver en kommentar og" / "efter resize", the
"fortsætter" between them nowhere), as if the text typed had been lost.
"""

from __future__ import annotations

from textual.widgets import TextArea


class WrappedTextArea(TextArea):
    def _on_resize(self) -> None:
        super()._on_resize()
        self.refresh()
