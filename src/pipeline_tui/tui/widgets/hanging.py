"""A list entry whose wrapped lines hang under its text, not under the mark before it.

An option such as "○ The difficult conversations" wraps in a narrow list; as plain
markup its second line would start at the edge, under the mark. Here each
paragraph is a prefix (a mark, an indent) and a body, and the body wraps in the
width left beside the prefix.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    def __init__(self, *paragraphs: tuple[str, str], clip: bool = False) -> None:
        """Each paragraph is (prefix markup, body markup); `clip` keeps each paragraph to
        one line, ending in "…" where it is cut (a list of many long entries)."""
        self.paragraphs = [
            (Content.from_markup(prefix), Content.from_markup(body)) for prefix, body in paragraphs
        ]
        self.clip = clip

    def __str__(self) -> str:
        return "\n".join(prefix.plain + body.plain for prefix, body in self.paragraphs)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            prefix.cell_length + body.get_optimal_width(rules, container_width)
            for prefix, body in self.paragraphs
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        if self.clip:
            return len(self.paragraphs)
        return sum(
            body.get_height(rules, max(width - prefix.cell_length, 1))
            for prefix, body in self.paragraphs
        )

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        for prefix, body in self.paragraphs:
            indent = min(prefix.cell_length, max(width - 1, 0))
            if self.clip:
                body = body.truncate(width - indent, ellipsis=True)
                lines = body.render_strips(width - indent, 1, style, options)[:1]
            else:
                lines = body.render_strips(width - indent, None, style, options)
            if not indent:
                strips.extend(lines)
                continue
            blank = Strip.blank(indent, style.rich_style)
            head = blank
            if prefix.plain.strip():
                head = prefix.render_strips(indent, 1, style, options)[0]
                head = head.crop(0, indent).extend_cell_length(indent, style.rich_style)
            strips.extend(
                Strip.join([head if n == 0 else blank, line]) for n, line in enumerate(lines)
            )
        return strips if height is None else strips[:height]
