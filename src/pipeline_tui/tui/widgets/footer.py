"""The footer, redrawn only when the keys it shows change.

Textual's footer builds all of its keys again whenever the screen's bindings may have
changed, and that is every change of focus: a Tab from one field to the next, with the
same keys in force, removed and mounted a dozen widgets and styled each of them again.
Here the keys in force are compared with the ones on screen first; the same keys, in
the same language, enabled alike, are left as they are.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class SteadyFooter(Footer):
    """`Footer` that skips a recompose which would draw the keys already shown."""

    _drawn: tuple[Any, ...] | None = None

    def _keys_in_force(self) -> tuple[Any, ...]:
        active = self.screen.active_bindings
        shown = tuple(
            (binding, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_shown = palette[1:] if palette is not None else None
        return (shown, palette_shown, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys_in_force()
        if keys == self._drawn and self.children:
            return
        await super().recompose()
        self._drawn = keys if self.children else None
