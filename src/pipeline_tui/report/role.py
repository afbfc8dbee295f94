"""The layer's role description as document blocks: in full on the preparation
sheet, compactly (one line per part) in the printed plan."""

from __future__ import annotations

from pipeline_tui.packs.role import role_sections
from pipeline_tui.packs.shapes import LayerShape
from pipeline_tui.report.document import Block, Bullets, Heading, Para
from pipeline_tui.report.labels import label


def _clauses(lines: tuple[str, ...]) -> str:
    """Lines run on after a colon, separated by semicolons: each in lower case as a clause
    ("…: at følge driften; at favorisere…"), unless it begins with a name or an
    abbreviation (a capital followed by another capital, or a single letter)."""
    return "; ".join(
        line[0].lower() + line[1:] if len(line) > 1 and line[0].isupper() and line[1].islower()
        else line
        for line in lines
    )  # fmt: skip


def role_blocks(layer: LayerShape, lang: str, *, compact: bool = False) -> list[Block]:
    heading = label(lang, "role.heading", layer=layer.name.get(lang))
    if compact:  # one paragraph: the plan must stay within its two pages
        parts = [f"{heading}. {layer.purpose.get(lang)}"]
        for section in role_sections(layer, lang, compact=True)[1:]:
            parts.append(f"{label(lang, f'role.{section.key}')}: {_clauses(section.lines)}.")
        return [Para(" ".join(parts), muted=True)]
    blocks: list[Block] = [Heading(heading)]
    for section in role_sections(layer, lang, compact=compact):
        title = label(lang, f"role.{section.key}")
        if section.key == "purpose":
            blocks.append(Para(section.lines[0]))
        elif compact:
            blocks.append(Para(f"{title}: {_clauses(section.lines)}", muted=True))
        else:
            blocks += [Heading(title, level=3), Bullets(section.lines)]
    return blocks
