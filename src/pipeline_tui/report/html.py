"""The document as one self-contained HTML file: inline CSS and SVG, no external requests,
an A4 print stylesheet, and every user text escaped."""

from __future__ import annotations

import base64
from html import escape

from pipeline_tui.report.chart import (
    GROUP_COLOURS,
    MANAGER_COLOUR,
    SELF_COLOUR,
    radar_possible,
    radar_svg,
)
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
    read_logo,
)
from pipeline_tui.report.labels import format_date, format_number

CSS = f"""
@page {{ size: A4; margin: 16mm 15mm 18mm 15mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  color: #1d2530; font-size: 10.5pt; line-height: 1.4; margin: 0 auto; max-width: 180mm;
  padding: 12mm 0; overflow-wrap: anywhere; }}
header {{ border-bottom: 3px solid {MANAGER_COLOUR}; padding-bottom: 6pt; margin-bottom: 10pt; }}
h1 {{ font-size: 20pt; margin: 0; color: {MANAGER_COLOUR}; }}
.subtitle {{ color: #5b6672; margin: 2pt 0 0 0; }}
.organisation {{ font-weight: 600; color: #5b6672; margin: 0 0 4pt 0; }}
.organisation img.logo {{ height: 28pt; vertical-align: middle; margin-right: 8pt; }}
dl.meta {{ display: grid; grid-template-columns: max-content 1fr max-content 1fr;
  gap: 2pt 10pt; margin: 8pt 0 0 0; }}
dl.meta dt {{ font-weight: 600; color: #5b6672; }}
dl.meta dd {{ margin: 0; }}
h2 {{ font-size: 13pt; color: {MANAGER_COLOUR}; border-bottom: 1px solid #d5dbe1;
  padding-bottom: 2pt; margin: 16pt 0 6pt 0; break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 10pt 0 4pt 0; break-after: avoid; }}
p {{ margin: 0 0 6pt 0; white-space: pre-wrap; }}
p.muted {{ color: #6b7580; font-style: italic; }}
ul {{ margin: 0 0 6pt 0; padding-left: 14pt; }}
li {{ white-space: pre-wrap; }}
table {{ width: 100%; border-collapse: collapse; margin: 4pt 0 8pt 0; break-inside: auto; }}
th, td {{ text-align: left; vertical-align: top; padding: 3pt 5pt;
  border-bottom: 1px solid #e1e6eb; white-space: pre-wrap; }}
/* a heading's word is never broken: "anywhere" (above) let the browser make a column
   narrower than it ("Medarbejde/r", "Udfør/t"); a long word still wraps if it must */
th {{ background: #eef2f6; font-weight: 600; overflow-wrap: break-word; }}
tr {{ break-inside: avoid; }}
.goal {{ border-left: 3px solid {SELF_COLOUR}; padding: 2pt 0 2pt 8pt; margin: 8pt 0;
  break-inside: avoid; }}
.goal h3 {{ margin-top: 0; }}
.goal dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 1pt 8pt;
  margin: 0 0 4pt 0; }}
.goal dt {{ color: #5b6672; }}
.goal dd {{ margin: 0; }}
.profile {{ display: flex; flex-wrap: wrap; gap: 10pt; align-items: center;
  break-inside: avoid; }}
.profile svg {{ flex: 0 0 52%; width: 52%; height: auto; }}
.profile .bars {{ flex: 1; width: auto; }}
.bars td {{ border: none; padding: 1pt 4pt; }}
/* a dimension's name breaks between its words only: "anywhere" let the table squeeze
   in beside the chart with its names cut letter by letter ("Res/ultat/er og/drift");
   a table that cannot keep them whole goes below the chart instead */
.bars td:first-child {{ overflow-wrap: break-word; }}
.bars td.value {{ white-space: nowrap; }}
.bar {{ display: inline-block; height: 8pt; vertical-align: middle;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
.signatures {{ display: flex; gap: 20mm; margin-top: 18pt; break-inside: avoid; }}
.signature {{ flex: 1; }}
.signature .line {{ border-bottom: 1px solid #1d2530; height: 28pt; }}
.signature .who {{ margin-top: 3pt; }}
.signature .when {{ color: #5b6672; font-size: 9.5pt; }}
.boxes {{ white-space: nowrap; font-size: 11pt; letter-spacing: 1pt; }}
.hint {{ color: #6b7580; font-size: 9pt; }}
footer {{ margin-top: 18pt; color: #8a939c; font-size: 8.5pt; border-top: 1px solid #e1e6eb;
  padding-top: 4pt; }}
@media print {{
  body {{ padding: 0; max-width: none; font-size: 9.5pt; line-height: 1.3; }}
  h1 {{ font-size: 18pt; }}
  h2 {{ font-size: 12pt; margin: 10pt 0 4pt 0; }}
  th, td {{ padding: 2pt 4pt; }}
  .profile svg {{ flex-basis: 46%; width: 46%; }}
  .signatures {{ margin-top: 10pt; }}
}}
"""


def _text(value: str) -> str:
    return escape(value, quote=True)


def _table(table: Table) -> str:
    total = sum(table.widths) if table.widths else 0
    cols = ""
    if total:
        cols = (
            "<colgroup>"
            + "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in table.widths)
            + "</colgroup>"
        )
    head = "".join(f"<th>{_text(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_text(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _bars(profile: Profile, lang: str) -> str:
    rows = []
    for row in profile.rows:
        cells = []
        series = [(row.manager_mean, MANAGER_COLOUR), (row.self_mean, SELF_COLOUR)]
        series += [
            (value, GROUP_COLOURS.get(group, MANAGER_COLOUR))
            for group, value in zip(profile.groups, row.others, strict=False)
        ]
        for value, colour in series:
            width = 0 if value is None else value / profile.scale_max * 56
            shown = format_number(value, lang)
            cells.append(
                f'<td class="value"><span class="bar" '
                f'style="width:{width:.0f}pt;background:{colour}"></span> {shown}</td>'
            )
        rows.append(f"<tr><td>{_text(row.name)}</td>{''.join(cells)}</tr>")
    groups = "".join(f"<th>{_text(name)}</th>" for name in profile.group_labels)
    head = (
        f"<tr><th></th><th>{_text(profile.manager_label)}</th>"
        f"<th>{_text(profile.self_label)}</th>{groups}</tr>"
    )
    return f'<table class="bars">{head}{"".join(rows)}</table>'


def render_html(doc: Document) -> str:
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_text(doc.lang)}"><head><meta charset="utf-8">',
        f"<title>{_text(doc.title)} – {_text(doc.subtitle)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header>{_organisation(doc)}<h1>{_text(doc.title)}</h1>"
        f'<p class="subtitle">{_text(doc.subtitle)}</p>',
        '<dl class="meta">',
    ]
    out += [f"<dt>{_text(meta_label(k))}</dt><dd>{_text(v)}</dd>" for k, v in doc.meta]
    out.append("</dl></header><main>")
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level, 2), 3)
            # block.page_break is not forced here: a browser cannot first see whether the
            # page before would be left half empty (the PDF can); headings keep to their text
            out.append(f"<h{level}>{_text(block.text)}</h{level}>")
        elif isinstance(block, Para):
            css = ' class="muted"' if block.muted else ""
            out.append(f"<p{css}>{_text(block.text)}</p>")
        elif isinstance(block, Bullets):
            out.append("<ul>" + "".join(f"<li>{_text(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Profile):
            chart = radar_svg(block) if radar_possible(block) else ""
            out.append(f'<div class="profile">{chart}{_bars(block, doc.lang)}</div>')
        elif isinstance(block, Goal):
            details = "".join(f"<dt>{_text(k)}</dt><dd>{_text(v)}</dd>" for k, v in block.details)
            actions = _table(block.actions) if block.actions is not None else ""
            out.append(
                f'<section class="goal"><h3>{_text(block.title)}</h3>'
                f"<dl>{details}</dl>{actions}</section>"
            )
        elif isinstance(block, Signatures):
            items = []
            for item in block.items:
                when = (
                    f"{_text(item.signed_label)} {format_date(item.signed_on, doc.lang)}"
                    if item.signed_on
                    else f"{_text(block.date_label)}:"
                )
                items.append(
                    f'<div class="signature"><div class="line"></div>'
                    f'<div class="who">{_text(item.role)}: {_text(item.name)}</div>'
                    f'<div class="when">{when}</div></div>'
                )
            out.append(f'<div class="signatures">{"".join(items)}</div>')
        elif isinstance(block, RatingBoxes):
            boxes = " ".join(f"☐&nbsp;{_text(level)}" for level in block.levels)
            for dimension, expectations in block.groups:
                rows = "".join(
                    f'<tr><td>{_text(title)}<div class="hint">{_text(hint)}</div></td>'
                    f'<td class="boxes">{boxes}</td></tr>'
                    for title, hint in expectations
                )
                out.append(f"<h3>{_text(dimension)}</h3><table>{rows}</table>")
    out.append("</main>")
    if doc.footer:
        out.append(f"<footer>{_text(doc.footer)}</footer>")
    out.append("</body></html>")
    return "\n".join(out)


def _organisation(doc: Document) -> str:
    """The organisation's name, with its logo inlined (the page stays one file)."""
    if not doc.organisation and doc.logo is None:
        return ""
    logo = ""
    image = read_logo(doc.logo)
    if image is not None:
        kind, data = image
        encoded = base64.b64encode(data).decode("ascii")
        logo = f'<img class="logo" alt="" src="data:image/{kind};base64,{encoded}">'
    return f'<p class="organisation">{logo}{_text(doc.organisation)}</p>'
