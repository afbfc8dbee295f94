"""The document as Markdown, with every user text escaped (no markup, no raw HTML)."""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|~])")  # "(" is harmless once "[" and "]" are escaped
_BULLET = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def escape(text: str, line_start: bool = True) -> str:
    """Text that Markdown shows as typed: specials backslashed, HTML turned into entities.

    A "-", "+" or "1." at the start of a line would make a list; those are escaped too
    (at the very start of `text` only when it begins a line, `line_start`: a date after
    a label or in a table cell is left as "05.11.2026").
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)

    def mark(match: re.Match[str]) -> str:
        if match.start() == 0 and not line_start:
            return match.group(0)
        return f"{match.group(1)}\\{match.group(2)}"

    return _NUMBERED.sub(mark, _BULLET.sub(mark, text))


def _cell(text: str) -> str:
    return escape(text, line_start=False).replace("\r", "").replace("\n", "<br>")


def _item(text: str) -> str:
    """A list item keeps its line breaks: each further line indented under the item (not a
    lazy continuation, which a viewer joins to the line before) after a hard break."""
    return "  \n  ".join(escape(line) for line in text.splitlines()) or ""


def _lines(text: str) -> str:
    """A paragraph keeps its line breaks (two trailing spaces), each line escaped."""
    return "  \n".join(escape(line) for line in text.splitlines()) or ""


def _table(table: Table) -> list[str]:
    out = [
        "| " + " | ".join(_cell(c) for c in table.columns) + " |",
        "|" + "|".join(" --- " for _ in table.columns) + "|",
    ]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*out, ""]


def render_markdown(doc: Document) -> str:
    out = [f"**{escape(doc.organisation)}**", ""] if doc.organisation else []
    out += [f"# {escape(doc.title)}", "", f"*{escape(doc.subtitle)}*", ""]
    for key, value in doc.meta:
        out.append(f"- **{escape(meta_label(key))}** {escape(value, line_start=False)}")
    out.append("")
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {escape(block.text)}", ""]
        elif isinstance(block, Para):
            text = _lines(block.text)
            out += [f"*{text}*" if block.muted and text else text, ""]
        elif isinstance(block, Bullets):
            out += [f"- {_item(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            out += _table(block)
        elif isinstance(block, Profile):
            groups = "".join(f" {escape(name)} |" for name in block.group_labels)
            out += [
                f"| | {escape(block.manager_label)} | {escape(block.self_label)} |{groups}",
                "| --- | --- | --- |" + " --- |" * len(block.group_labels),
            ]
            glyphs = [GROUP_GLYPHS.get(group, "▚") for group in block.groups]
            width = bar_width(block)
            for row in block.rows:
                boss = _bar_cell(row.manager_mean, block.scale_max, "█", width, doc.lang)
                own = _bar_cell(row.self_mean, block.scale_max, "▒", width, doc.lang)
                others = "".join(
                    f" {_bar_cell(value, block.scale_max, glyph, width, doc.lang)} |"
                    for glyph, value in zip(glyphs, row.others, strict=False)
                )
                out.append(f"| {_cell(row.name)} | {boss} | {own} |{others}")
            out.append("")
        elif isinstance(block, Goal):
            out += [f"### {escape(block.title)}", ""]
            out += [f"- **{escape(k)}:** {_cell(v)}" for k, v in block.details]
            out.append("")
            if block.actions is not None:
                out += _table(block.actions)
        elif isinstance(block, Signatures):
            for item in block.items:
                signed = (
                    f"{escape(item.signed_label)} {format_date(item.signed_on, doc.lang)}"
                    if item.signed_on
                    else f"{escape(block.date_label)}: \\_\\_\\_\\_\\_\\_\\_\\_"
                )
                out += [
                    "\\_" * 30,
                    "",
                    f"{escape(item.role)}: {escape(item.name)} · {signed}",
                    "",
                ]
        elif isinstance(block, RatingBoxes):
            boxes = " ".join(f"☐ {escape(level)}" for level in block.levels)
            for dimension, items in block.groups:
                out += [f"### {escape(dimension)}", ""]
                for title, hint in items:
                    out += [f"- **{escape(title)}** — {boxes}  ", f"  *{escape(hint)}*"]
                out.append("")
    if doc.footer:
        out += ["---", "", f"*{escape(doc.footer)}*", ""]
    return "\n".join(out)


def _bar_cell(value: float | None, scale_max: int, glyph: str, width: int, lang: str) -> str:
    """A profile's value: its bar and its figure, or one dash where there is none (a bar of
    "–" beside the figure "–" wrote it twice: "`–         ` –")."""
    if value is None:
        return "–"
    return f"`{bar(value, scale_max, glyph, width)}` {_num(value, lang)}"


def _num(value: float | None, lang: str) -> str:
    return format_number(value, lang)
