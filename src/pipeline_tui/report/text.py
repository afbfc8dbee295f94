"""The document in the terminal with rich: tables, bars, colour when the terminal has it."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from pipeline_tui.report.chart import GROUP_GLYPHS, bar, bar_width
from pipeline_tui.report.document import (
    Bullets,
    Document,
    Goal,
    Heading,
    Para,
    Profile,
    RatingBoxes,
    Signatures,
    Table,
    meta_label,
)
from pipeline_tui.report.labels import format_date, format_number


def _table(table: Table) -> RichTable:
    out = RichTable(show_lines=False, header_style="bold", expand=True)
    for index, column in enumerate(table.columns):
        if max(len(text) for text in (column, *(row[index] for row in table.rows))) <= 12:
            # short cells (a date, a tick, "Udført") are never broken in the middle
            out.add_column(column, no_wrap=True)
            continue
        weight = table.widths[index] if table.widths else 1
        longest = max(len(word) for text in (column, *(row[index] for row in table.rows))
                      for word in text.split() or [""])  # fmt: skip
        # A narrow column (a type, a name) gets at least its longest word: Rich takes a
        # ratio column's `width` as the least the ratio may give it ("Relationships (20)"
        # broke as "Relationship / s (20)" beside a wide column of descriptions).
        least = min(longest, 16) if weight < 2 else None
        out.add_column(column, ratio=int(weight * 10), overflow="fold", width=least)
    for row in table.rows:
        out.add_row(*(Text(cell) for cell in row))
    return out


def _profile(block: Profile, lang: str) -> RichTable:
    out = RichTable(box=None, show_header=True, header_style="bold", pad_edge=False)
    out.add_column("")
    out.add_column(f"█ {block.manager_label}")
    out.add_column(f"▒ {block.self_label}")
    glyphs = [GROUP_GLYPHS.get(group, "▚") for group in block.groups]
    width = bar_width(block)
    for glyph, name in zip(glyphs, block.group_labels, strict=False):
        out.add_column(f"{glyph} {name}")
    for row in block.rows:
        manager_bar = bar(row.manager_mean, block.scale_max, "█", width)
        out.add_row(
            Text(row.name),
            Text(f"{manager_bar} {_num(row.manager_mean, lang)}", "cyan"),
            Text(
                f"{bar(row.self_mean, block.scale_max, '▒', width)} {_num(row.self_mean, lang)}",
                "yellow",
            ),
            *(
                Text(f"{bar(value, block.scale_max, glyph, width)} {_num(value, lang)}", "green")
                for glyph, value in zip(glyphs, row.others, strict=False)
            ),
        )
    return out


def _num(value: float | None, lang: str) -> str:
    return format_number(value, lang) if value is not None else ""


def renderables(doc: Document) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(doc.organisation, style="bold")] if doc.organisation else []
    parts += [
        Text(doc.title, style="bold"),
        Text(doc.subtitle, style="dim"),
    ]
    meta = RichTable.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for key, value in doc.meta:
        meta.add_row(Text(meta_label(key)), Text(value))
    parts += [Text(""), meta]
    if doc.blocks and not isinstance(doc.blocks[0], Heading):
        parts.append(Text(""))  # "Udskrevet: …" ran straight into "Rollebeskrivelse: …"
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(Text(""))
            if block.level <= 2:
                parts.append(Rule(Text(block.text, style="bold"), align="left"))
            else:
                parts.append(Text(block.text, style="bold"))
        elif isinstance(block, Para):
            parts.append(Text(block.text, style="dim" if block.muted else ""))
        elif isinstance(block, Bullets):
            parts.extend(Text(f"• {item}") for item in block.items)
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Profile):
            parts.append(_profile(block, doc.lang))
        elif isinstance(block, Goal):
            lines: list[RenderableType] = [Text(block.title, style="bold")]
            lines += [Text(f"{k}: {v}") for k, v in block.details]
            if block.actions is not None:
                lines.append(_table(block.actions))
            parts.append(Padding(Group(*lines), (1, 0, 0, 0)))
        elif isinstance(block, Signatures):
            for item in block.items:
                signed = (
                    f"{item.signed_label} {format_date(item.signed_on, doc.lang)}"
                    if item.signed_on
                    else f"{block.date_label}: ____________"
                )
                parts.append(Text(f"\n{'_' * 36}\n{item.role}: {item.name}   {signed}"))
        elif isinstance(block, RatingBoxes):
            boxes = "  ".join(f"☐ {level}" for level in block.levels)
            # Each expectation's example under its title, then its boxes and a blank line:
            # the example stood after the blank line, just above the next title, and read
            # as that one's.
            for dimension, items in block.groups:
                parts.append(Text(dimension, style="bold underline"))
                for title, hint in items:
                    parts.append(Text(title))
                    if hint:
                        parts.append(Padding(Text(hint, style="dim"), (0, 0, 0, 2)))
                    parts.append(Text(f"  {boxes}\n"))
    if doc.footer:
        parts += [Text(""), Text(doc.footer, style="dim")]
    return parts


def print_document(doc: Document, console: Console | None = None) -> None:
    console = console or Console()
    for part in renderables(doc):
        console.print(part)


def render_text(doc: Document, width: int = 100) -> str:
    """Plain text (no colour) for a file."""
    console = Console(width=width, record=True, color_system=None, file=_Null())
    print_document(doc, console)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


class _Null(io.StringIO):
    """Rich's console writes here while recording: nothing is kept but the record."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass
