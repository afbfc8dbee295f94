"""A Static that redraws only when its text changes.

Every `update` repaints the widget, and one with a layout arranges the whole
screen again; on a key press (the expectations step redraws its texts on every
move) that is most of the time to the next frame. Texts that stay the same are
left alone, and a text whose height cannot change is updated without a layout.

The texts shown lately are kept parsed (`Content`, which also keeps its height
and line breaks for the width it was last drawn at): moving back to an
expectation seen a moment ago neither parses its markup nor wraps it again.

A text may also be paragraphs, (prefix, body) markup shown as `Hanging`: a bulleted
line's wrapped part goes on under its text, not under the bullet.
"""

from __future__ import annotations

from textual.content import Content
from textual.visual import Visual
from textual.widgets import Static

from pipeline_tui.tui.widgets.hanging import Hanging

KEEP = 64  # parsed texts kept per widget

Paragraphs = tuple[tuple[str, str], ...]


class ShownText(Static):
    _shown: str | Paragraphs | None = None
    _parsed: dict[str | Paragraphs, Visual] | None = None

    def show(self, text: str | Paragraphs, *, layout: bool = True) -> None:
        """Show `text` (markup, or paragraphs for `Hanging`); `layout=False` when its
        height cannot change."""
        if text != self._shown:
            self._shown = text
            self.update(self._content(text), layout=layout)

    def _content(self, text: str | Paragraphs) -> Visual:
        parsed = self._parsed
        if parsed is None:
            parsed = self._parsed = {}
        content = parsed.pop(text, None)
        if content is None:
            if not isinstance(text, str):
                content = Hanging(*text)
            elif self._render_markup:
                content = Content.from_markup(text)
            else:
                content = Content(text)
            if len(parsed) >= KEEP:
                del parsed[next(iter(parsed))]  # the one used longest ago
        parsed[text] = content  # last in the order: used most lately
        return content
