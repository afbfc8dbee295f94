"""The printed plan's font and colours (RGB), shared by the layout and the page."""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
INK = (29, 37, 48)
MUTED = (91, 102, 114)
ACCENT = (31, 95, 153)
SELF = (217, 130, 43)
GRID = (201, 209, 217)
MARGIN = 15
