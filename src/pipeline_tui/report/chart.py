"""The profile drawn as a radar (spider) chart: geometry once, for SVG and PDF alike.

With fewer than three dimensions a radar shows nothing useful; callers then
draw bars instead (`radar_possible`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from pipeline_tui.report.document import Profile

MANAGER_COLOUR = "#1f5f99"
SELF_COLOUR = "#d9822b"
GRID_COLOUR = "#c9d1d9"
# The rater groups of a 360° evaluation: a colour (HTML, PDF) and a bar glyph (text, Markdown).
GROUP_COLOURS = {"peer": "#2e7d4f", "report": "#7b4ea3", "other": "#5f6b7a"}
GROUP_GLYPHS = {"peer": "▓", "report": "░", "other": "▚"}


@dataclass(frozen=True)
class Radar:
    cx: float
    cy: float
    radius: float
    axes: int
    scale_max: int

    def point(self, axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / self.axes
        r = self.radius * max(min(value, self.scale_max), 0) / self.scale_max
        return (self.cx + r * math.cos(angle), self.cy + r * math.sin(angle))

    def ring(self, level: float) -> list[tuple[float, float]]:
        return [self.point(i, level) for i in range(self.axes)]

    def polygon(self, values: list[float | None]) -> list[tuple[float, float]]:
        return [self.point(i, v or 0.0) for i, v in enumerate(values)]

    def label_anchor(self, axis: int) -> tuple[float, float, str]:
        """Where an axis label goes and how it is aligned (start, middle, end)."""
        angle = -math.pi / 2 + 2 * math.pi * axis / self.axes
        reach = self.radius * 1.12  # beyond the outer ring, not on it (point() clamps)
        x, y = self.cx + reach * math.cos(angle), self.cy + reach * math.sin(angle)
        if abs(x - self.cx) < self.radius * 0.15:
            align = "middle"
        else:
            align = "start" if x > self.cx else "end"
        return x, y, align


def _wrap(name: str, width: int = 16) -> list[str]:
    """A long axis label on two lines, cut at the space nearest the middle."""
    if len(name) <= width or " " not in name:
        return [name]
    spaces = [i for i, c in enumerate(name) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], name[cut + 1 :]]


BAR = 20  # characters of a text bar


def bar(value: float | None, scale_max: int, glyph: str, width: int = BAR) -> str:
    """A bar of `glyph` for text and Markdown (here, so Markdown need not import rich)."""
    if value is None:
        return "–".ljust(width)
    filled = round(value / scale_max * width)
    return (glyph * filled).ljust(width, "·")


def bar_width(profile: Profile) -> int:
    """Bars short enough that self, manager and three groups fit beside the names."""
    return BAR if not profile.groups else 10


def radar_possible(profile: Profile) -> bool:
    return len(profile.rows) >= 3


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def radar_svg(profile: Profile, width: int = 520, height: int = 360) -> str:
    """An inline SVG radar chart with a legend; every label escaped."""
    radar = Radar(width / 2, height / 2 + 8, min(width, height) / 2 - 52, len(profile.rows),
                  profile.scale_max)  # fmt: skip
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="radar">'
    ]
    for level in range(1, profile.scale_max + 1):
        parts.append(
            f'<polygon points="{_points(radar.ring(level))}" fill="none" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
    for axis in range(radar.axes):
        x, y = radar.point(axis, profile.scale_max)
        parts.append(
            f'<line x1="{radar.cx:.1f}" y1="{radar.cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}"/>'
        )
    manager = [row.manager_mean for row in profile.rows]
    own = [row.self_mean for row in profile.rows]
    if any(v is not None for v in manager):
        parts.append(
            f'<polygon points="{_points(radar.polygon(manager))}" fill="{MANAGER_COLOUR}" '
            f'fill-opacity="0.22" stroke="{MANAGER_COLOUR}" stroke-width="2"/>'
        )
    if any(v is not None for v in own):
        parts.append(
            f'<polygon points="{_points(radar.polygon(own))}" fill="none" '
            f'stroke="{SELF_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    for index, group in enumerate(profile.groups):
        values = [row.others[index] if index < len(row.others) else None for row in profile.rows]
        if any(v is not None for v in values):
            parts.append(
                f'<polygon points="{_points(radar.polygon(values))}" fill="none" '
                f'stroke="{GROUP_COLOURS.get(group, GRID_COLOUR)}" stroke-width="2"/>'
            )
    for axis, row in enumerate(profile.rows):
        x, y, align = radar.label_anchor(axis)
        lines = _wrap(row.name)
        if align == "middle":  # above the top spoke grows upwards, below the bottom downwards
            first = y - (len(lines) - 1) * 17 if y < radar.cy else y
        else:
            first = y - (len(lines) - 1) * 8.5
        spans = "".join(
            f'<tspan x="{x:.1f}" y="{first + index * 17:.1f}">{escape(line)}</tspan>'
            for index, line in enumerate(lines)
        )
        parts.append(
            f'<text text-anchor="{align}" font-size="15" fill="#1d2530" '
            f'dominant-baseline="middle">{spans}</text>'
        )
    parts.append(
        f'<rect x="10" y="10" width="14" height="4" fill="{MANAGER_COLOUR}"/>'
        f'<text x="30" y="14" font-size="14" dominant-baseline="middle">'
        f"{escape(profile.manager_label)}</text>"
        f'<line x1="10" y1="30" x2="24" y2="30" stroke="{SELF_COLOUR}" stroke-width="2" '
        f'stroke-dasharray="4 2"/><text x="30" y="30" font-size="14" '
        f'dominant-baseline="middle">{escape(profile.self_label)}</text>'
    )
    for index, (group, name) in enumerate(zip(profile.groups, profile.group_labels, strict=False)):
        y = 46 + index * 16
        colour = GROUP_COLOURS.get(group, GRID_COLOUR)
        parts.append(
            f'<line x1="10" y1="{y}" x2="24" y2="{y}" stroke="{colour}" stroke-width="2"/>'
            f'<text x="30" y="{y}" font-size="14" dominant-baseline="middle">'
            f"{escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
