"""A Static that redraws only when its text changes.

Every `update` repaints the widget, and one with a layout arranges the whole
screen again; on a key press (the expectations step redraws its texts on every
move) that is most of the time to the next frame. Texts that stay the same are
left alone, and a text whose height cannot change is updated without a layout.
"""

from __future__ import annotations

from textual.widgets import Static


class ShownText(Static):
    _shown: str | None = None

    def show(self, text: str, *, layout: bool = True) -> None:
        """Show `text` (markup); `layout=False` when its height cannot change."""
        if text != self._shown:
            self._shown = text
            self.update(text, layout=layout)
