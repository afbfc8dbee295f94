"""The document as an A4 PDF, made in-process with fpdf2.

fpdf2 is pure Python and installs from PyPI alone; the DejaVu Sans font that
ships in `report/fonts` covers Danish (æ ø å) and most European text. Tables
wrap and break across pages by themselves; a heading marked `page_break`
(the goals) starts a new page, so a typical plan prints as two pages: the
conversation on the first, the plan and the signatures on the second.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import logging
import unicodedata
from typing import TYPE_CHECKING, Any, cast

from pipeline_tui.report.chart import GROUP_COLOURS, Radar, radar_possible
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
    strings,
)
from pipeline_tui.report.labels import format_date, format_number
from pipeline_tui.report.pdf_style import ACCENT, FONT, FONTS, GRID, INK, MARGIN, MUTED, SELF

if TYPE_CHECKING:
    from fpdf.fonts import FontFace

    from pipeline_tui.report.pdf_page import PlanPDF


# fpdf2 warns of the glyphs a face lacks through `logging`, which Python prints raw on
# stderr when nothing else listens ("Font MPDFAA+DejaVuSansBook is missing the following
# glyphs: …"): the command line says it in the user's words (`unprintable`) instead.
logging.getLogger("fpdf").addHandler(logging.NullHandler())


BOTTOM = 18  # mm below the last line of a page: the footer's
GOAL_ROOM = 50  # mm a goal needs below it to begin on a page at all


class _RunsOver(Exception):
    """The forced page break came after page 1 had run over: three pages or more."""


def unprintable(doc: Document) -> str:
    """The characters of `doc` its PDF cannot show (an emoji, Chinese), each once in the
    order they come, joined by spaces: DejaVu Sans has no glyph for them, and fpdf2 leaves
    them out. The text, Markdown and HTML formats keep them. Marks that only change the
    character before (a skin tone's joiner, a variation selector) are not named."""
    covered = _covered()
    missing = dict.fromkeys(
        char
        for text in strings(doc)
        for char in text
        if ord(char) not in covered and unicodedata.category(char)[0] not in "CMZ"
    )
    return " ".join(missing)


@functools.cache
def _covered() -> frozenset[int]:
    """The code points the three faces all have glyphs for."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # fontTools has no types

    faces = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
    maps = [set(TTFont(str(FONTS / face), lazy=True).getBestCmap()) for face in faces]
    return frozenset(set.intersection(*maps))


def render_pdf(doc: Document) -> bytes:
    """The document as PDF bytes. A plan whose first page runs over is laid out again
    without the forced page break and a little tighter, so that it still fits on two pages."""
    fonts: dict[str, Any] = {}  # parsed once, shared by the layouts of this document
    try:
        # stops as soon as the forced break would start a third page (saves half a layout)
        pdf = _layout(doc, compact=False, give_up=True, fonts=fonts)
    except _RunsOver:
        tighter = _layout(doc, compact=True, fonts=fonts)
        if tighter.pages_count <= 2:
            return bytes(tighter.output())
        pdf = _layout(doc, compact=False, fonts=fonts)
        return bytes((tighter if tighter.pages_count < pdf.pages_count else pdf).output())
    if pdf.pages_count > 2 and any(
        isinstance(block, Heading) and block.page_break for block in doc.blocks
    ):
        tighter = _layout(doc, compact=True, fonts=fonts)
        if tighter.pages_count < pdf.pages_count:
            pdf = tighter
    return bytes(pdf.output())


def _layout(
    doc: Document, compact: bool, give_up: bool = False, fonts: dict[str, Any] | None = None
) -> PlanPDF:
    # Deferred: fpdf2 (with Pillow and fontTools) is only needed to print a PDF.
    from pipeline_tui.report.pdf_page import PlanPDF

    pdf = PlanPDF(format="A4", unit="mm")
    pdf.compact = compact
    pdf.give_up = give_up
    pdf.footer_text = doc.footer
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    _add_fonts(pdf, {} if fonts is None else fonts)
    pdf.set_title(f"{doc.title} – {doc.subtitle}")
    pdf.set_creator("pipeline-tui")
    pdf.set_lang(doc.lang)
    pdf.add_page()
    _header(pdf, doc)
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
            _heading(pdf, block, room=_room(pdf, following))
        elif isinstance(block, Para):
            pdf.set_font(FONT, "I" if block.muted else "", 9.5 if pdf.compact else 10)
            pdf.set_text_color(*(MUTED if block.muted else INK))
            pdf.multi_cell(0, _line(pdf), block.text, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1)
        elif isinstance(block, Bullets):
            pdf.set_font(FONT, "", 9.5 if pdf.compact else 10)
            pdf.set_text_color(*INK)
            for item in block.items:  # hanging indent: wrapped lines start under the text
                pdf.cell(4, _line(pdf), "•")
                pdf.multi_cell(0, _line(pdf), item, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Profile):
            _profile(pdf, block, doc.lang)
        elif isinstance(block, Goal):
            _goal(pdf, block)
        elif isinstance(block, Signatures):
            _signatures(pdf, block, doc.lang)
        elif isinstance(block, RatingBoxes):
            _boxes(pdf, block)
    return pdf


def _add_fonts(pdf: PlanPDF, parsed: dict[str, Any]) -> None:
    """DejaVu Sans, regular, bold and oblique. Parsing a face (the widths and ids of its
    6,000 glyphs) costs ~30 ms; a plan laid out twice parses them once, into `parsed`, and
    a later layout gets copies, each with a subset of its own (the glyphs it uses)."""
    if not parsed:
        pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdf.add_font(FONT, "I", str(FONTS / "DejaVuSans-Oblique.ttf"))
        parsed.update(pdf.fonts)
        return
    from fpdf.fonts import SubsetMap

    for key, font in parsed.items():
        again = copy.copy(font)
        again.subset = SubsetMap(again)
        again.missing_glyphs = []
        again.biggest_size_pt = 0
        pdf.fonts[key] = again


def _header(pdf: PlanPDF, doc: Document) -> None:
    image = read_logo(doc.logo)
    if image is not None:
        # a logo fpdf cannot read is left out: it never stops a plan from printing
        with contextlib.suppress(Exception):
            pdf.image(io.BytesIO(image[1]), x=pdf.w - MARGIN - 30, y=MARGIN - 4, h=12)
    if doc.organisation:
        pdf.set_font(FONT, "B", 10)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 5, doc.organisation, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 10, doc.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 6, doc.subtitle, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.line(MARGIN, pdf.get_y() + 1, pdf.w - MARGIN, pdf.get_y() + 1)
    pdf.ln(4)
    half = (pdf.w - 2 * MARGIN) / 2
    pdf.set_font(FONT, "B", 9)
    key_widths = [  # per column, so the right one's short keys leave its values more room
        max((pdf.get_string_width(meta_label(k)) for k, _ in doc.meta[column::2]), default=20) + 2
        for column in (0, 1)
    ]
    row_top = bottom = pdf.get_y()
    for index, (key, value) in enumerate(doc.meta):
        x = MARGIN + (index % 2) * half
        key_width = key_widths[index % 2]
        if index % 2 == 0:
            row_top = bottom  # a long value wraps and pushes the next row down, never cut
        pdf.set_xy(x, row_top)
        pdf.set_font(FONT, "B", 9)
        pdf.set_text_color(*MUTED)
        pdf.cell(key_width, 5, meta_label(key))
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(*INK)
        pdf.multi_cell(half - key_width - 2, 5, value, new_x="LMARGIN", new_y="NEXT", align="L")
        bottom = max(bottom, pdf.get_y())
    pdf.set_y(bottom + 3)


def _line(pdf: PlanPDF) -> float:
    """Line height of body text."""
    return 4.5 if pdf.compact else 5


def _clip(pdf: PlanPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def _room(pdf: PlanPDF, following: object) -> float:
    """How far above the foot of the page a heading must begin to stay with what follows
    it. The signature lines stay on the page of their heading; so does the first goal, which
    moves to a new page when its head does not fit (`_goal`): "Goals and actions" was left
    alone at the foot of a page, its goals all on the next."""
    if isinstance(following, Signatures):
        return 60
    if isinstance(following, Goal):
        heading = 9 if pdf.compact else 12  # _heading's space, line and rule
        need = _goal_need(pdf, following)
        if pdf.t_margin + heading + need > pdf.page_break_trigger:
            return heading + GOAL_ROOM + 1  # a goal taller than a page begins where it is
        return heading + max(GOAL_ROOM, need + BOTTOM) + 1
    if isinstance(following, Bullets):  # a list that fits on a page stays whole under it
        return max(45, _list_room(pdf, following))
    return 45


def _goal_need(pdf: PlanPDF, block: Goal) -> float:
    """The height a goal keeps together on a page (`_goal`): the whole goal with its
    actions where a page holds it, else its head (title, details, first action)."""
    need = _goal_head_height(pdf, block, whole=True)
    if pdf.t_margin + need > pdf.page_break_trigger:
        need = _goal_head_height(pdf, block)
    return need


def _heading(pdf: PlanPDF, block: Heading, room: float = 45) -> None:
    if block.page_break and not pdf.compact and pdf.get_y() > 40:
        if pdf.give_up and pdf.page_no() >= 2:
            raise _RunsOver
        pdf.add_page()
    size = (12 if pdf.compact else 13) if block.level <= 2 else 10.5 if pdf.compact else 11
    if pdf.get_y() > pdf.h - room:
        pdf.add_page()
    pdf.ln((1.5 if pdf.compact else 3) if block.level <= 2 else 1)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*(ACCENT if block.level <= 2 else INK))
    pdf.multi_cell(0, 6 if pdf.compact else 7, block.text, new_x="LMARGIN", new_y="NEXT", align="L")
    if block.level <= 2:
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.3)
        pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
        pdf.ln(1.5 if pdf.compact else 2)


def _list_room(pdf: PlanPDF, block: Bullets) -> float:
    """The room a heading needs above the foot of the page to keep a list that fits on a
    page whole under it (its last item alone at the top of the next page read as belonging
    to no heading); 0 for a list longer than a page."""
    font = (pdf.font_family, pdf.font_style, pdf.font_size_pt)
    pdf.set_font(FONT, "", 9.5 if pdf.compact else 10)
    lines = sum(_lines(pdf, pdf.epw - 4, item) for item in block.items)
    pdf.set_font(*font)
    need = 12 + lines * _line(pdf) + 1  # the heading (at most), the items, the gap after
    if pdf.t_margin + need > pdf.page_break_trigger:
        return 0
    return pdf.h - pdf.page_break_trigger + need


def _table(pdf: PlanPDF, block: Table) -> None:
    pdf.set_font(FONT, "", 8.5 if pdf.compact else 9)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    pdf.set_fill_color(255, 255, 255)  # body cells unfilled, whatever was drawn before
    widths = block.widths or tuple(1 for _ in block.columns)
    line, padding = (4.1, 0.8) if pdf.compact else (4.6, 1.2)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=line,
        first_row_as_headings=True,
        headings_style=_heading_style(),
        borders_layout="HORIZONTAL_LINES",
        padding=padding,
    ) as table:
        table.row(block.columns)
        for row in block.rows:
            for part in _page_high(pdf, row, widths, line, padding):
                table.row(part)
    pdf.ln(2)


def _page_high(
    pdf: PlanPDF, row: tuple[str, ...], weights: tuple[float, ...], line: float, padding: float
) -> list[tuple[str, ...]]:
    """The row as rows that each fit on a page: fpdf2 cannot break a table row across
    pages, and a card's agreements of a few thousand characters stopped the whole print
    ("row too high"). A taller row goes on in the rows below it, its cells' wrapped lines
    shared out in order, as many to a row as a page holds under the repeated headings."""
    most = max(5, int((pdf.page_break_trigger - pdf.t_margin - 25) / line))
    widths = [pdf.epw * w / sum(weights) - 2 * padding for w in weights]
    cells = [_wrapped(pdf, width, line, cell) for width, cell in zip(widths, row, strict=False)]
    tallest = max((len(lines) for lines in cells), default=0)
    if tallest <= most:
        return [row]
    return [
        tuple("\n".join(lines[start : start + most]) for lines in cells)
        for start in range(0, tallest, most)
    ]


def _wrapped(pdf: PlanPDF, width: float, line: float, text: str) -> list[str]:
    """`text`'s lines in the current font at `width` mm, as multi_cell wraps them."""
    lines = pdf.multi_cell(width, line, text, dry_run=True, output="LINES", align="L")
    return [str(each) for each in lines] if isinstance(lines, list) else [text]


def _heading_style() -> FontFace:
    from fpdf.fonts import FontFace

    return FontFace(emphasis="BOLD", fill_color=(238, 242, 246), color=INK)


CHART_WIDTH = 95  # the radar and its labels; the bars go to the right of it


def _profile(pdf: PlanPDF, block: Profile, lang: str) -> None:
    top = pdf.get_y()
    if top > pdf.h - 90:
        pdf.add_page()
        top = pdf.get_y()
    chart_height = 0.0
    left = MARGIN
    if radar_possible(block):
        chart_height = 58.0 if pdf.compact else 72.0
        radius = 20.0 if pdf.compact else 24.0
        radar = Radar(
            MARGIN + CHART_WIDTH / 2, top + chart_height / 2 + 2, radius, len(block.rows),
            block.scale_max,
        )  # fmt: skip
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.2)
        for level in range(1, block.scale_max + 1):
            pdf.polygon(radar.ring(level), style="D")
        for axis in range(radar.axes):
            pdf.line(radar.cx, radar.cy, *radar.point(axis, block.scale_max))
        manager = [row.manager_mean for row in block.rows]
        own = [row.self_mean for row in block.rows]
        if any(v is not None for v in manager):
            with pdf.local_context(fill_opacity=0.25):
                pdf.set_fill_color(*ACCENT)
                pdf.set_draw_color(*ACCENT)
                pdf.set_line_width(0.6)
                pdf.polygon(radar.polygon(manager), style="DF")
        if any(v is not None for v in own):
            pdf.set_draw_color(*SELF)
            pdf.set_line_width(0.6)
            pdf.set_dash_pattern(dash=1.5, gap=1)
            pdf.polygon(radar.polygon(own), style="D")
            pdf.set_dash_pattern()
        for index, group in enumerate(block.groups):
            values = [row.others[index] if index < len(row.others) else None for row in block.rows]
            if any(v is not None for v in values):
                pdf.set_draw_color(*_rgb(GROUP_COLOURS.get(group, "#5f6b7a")))
                pdf.set_line_width(0.6)
                pdf.polygon(radar.polygon(values), style="D")
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(*INK)
        for axis, row in enumerate(block.rows):
            _radar_label(pdf, radar, axis, row.name)
        _radar_legend(pdf, block, top)
        left = MARGIN + CHART_WIDTH + 2
    if block.groups:  # four or five columns of bars need the page's width: under the chart
        _profile_bars(pdf, block, MARGIN, top + chart_height + 2, lang, bool(chart_height))
        pdf.set_y(pdf.get_y() + 2)
        return
    _profile_bars(pdf, block, left, top + (14 if chart_height else 0), lang, bool(chart_height))
    pdf.set_y(max(pdf.get_y(), top + chart_height) + 2)


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _radar_legend(pdf: PlanPDF, block: Profile, top: float) -> None:
    """Which shape is whose, in the chart's corner: a chart handed over on paper has no
    bars beside it to explain the colours to someone who reads only the chart."""
    x, y = MARGIN, top + 1
    with pdf.local_context(fill_opacity=0.25):
        pdf.set_fill_color(*ACCENT)
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.6)
        pdf.rect(x, y, 5, 2.4, style="DF")
    pdf.set_draw_color(*SELF)
    pdf.set_line_width(0.6)
    pdf.set_dash_pattern(dash=1.5, gap=1)
    pdf.line(x, y + 5.2, x + 5, y + 5.2)
    pdf.set_dash_pattern()
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*INK)
    pdf.text(x + 6.5, y + 2.2, block.manager_label)
    pdf.text(x + 6.5, y + 6.2, block.self_label)
    for index, (group, name) in enumerate(zip(block.groups, block.group_labels, strict=False)):
        line_y = y + 9.2 + index * 4
        pdf.set_draw_color(*_rgb(GROUP_COLOURS.get(group, "#5f6b7a")))
        pdf.line(x, line_y, x + 5, line_y)
        pdf.text(x + 6.5, line_y + 1, name)


def _radar_label(pdf: PlanPDF, radar: Radar, axis: int, name: str) -> None:
    """An axis label beside its spoke, wrapped onto a second line rather than over the chart."""
    x, y, align = radar.label_anchor(axis)
    room = {
        "end": x - MARGIN,
        "start": MARGIN + CHART_WIDTH - x,
        "middle": CHART_WIDTH,
    }[align]
    lines = [name]
    if pdf.get_string_width(name) > room and " " in name:
        words = name.split()
        best = min(
            range(1, len(words)),
            key=lambda cut: max(
                pdf.get_string_width(" ".join(words[:cut])),
                pdf.get_string_width(" ".join(words[cut:])),
            ),
        )
        lines = [" ".join(words[:best]), " ".join(words[best:])]
        if max(pdf.get_string_width(line) for line in lines) > room:
            # two lines are still too wide ("Collaboration and relationships" beside the
            # right spoke printed "and relationsh…"): as many lines as the words need
            lines = _fill(pdf, words, room)
    lines = [_clip(pdf, line, room) for line in lines]  # only a word wider than the room
    line_height = 2.9
    if align == "middle":  # above the top spoke, below the bottom one
        first = y - (len(lines) - 1) * line_height if y < radar.cy else y
    else:
        first = y - (len(lines) - 1) * line_height / 2
    for index, line in enumerate(lines):
        width = pdf.get_string_width(line)
        left = x - width if align == "end" else x - width / 2 if align == "middle" else x
        pdf.text(left, first + index * line_height + 1, line)


def _fill(pdf: PlanPDF, words: list[str], room: float) -> list[str]:
    """The words in lines no wider than `room` (a word wider than it on a line alone)."""
    lines: list[str] = []
    for word in words:
        if lines and pdf.get_string_width(f"{lines[-1]} {word}") <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _profile_bars(
    pdf: PlanPDF, block: Profile, left: float, top: float, lang: str, legend: bool = False
) -> None:
    """The means as bars; the parties' names head the columns unless the chart's `legend`
    names them already (a long name such as "Lederens leder" ran into the next column)."""
    bar_width, number_width = (13, 8) if not block.groups else (11, 7)
    column = bar_width + 1 + number_width
    colours = [ACCENT, SELF, *(_rgb(GROUP_COLOURS.get(g, "#5f6b7a")) for g in block.groups)]
    labels = [block.manager_label, block.self_label, *block.group_labels]
    name_width = pdf.w - MARGIN - left - len(colours) * column
    pdf.set_xy(left, top)
    pdf.set_font(FONT, "B", 8)
    pdf.set_text_color(*MUTED)
    pdf.cell(name_width, 5, "")
    for index, (colour, name) in enumerate(zip(colours, labels, strict=True)):
        pdf.set_text_color(*colour)
        last = index == len(colours) - 1
        pdf.cell(
            column,
            5,
            "" if legend else _clip(pdf, name, column - 1),
            new_x="LMARGIN" if last else "RIGHT",
            new_y="NEXT" if last else "TOP",
            align="L",
        )
    text_width, line = name_width - 2, 3.4  # a gap before the bar
    for row in block.rows:
        y = pdf.get_y()
        pdf.set_font(FONT, "", 8)
        pdf.set_text_color(*INK)
        # a long dimension name wraps onto a second line rather than being cut short
        wrapped = pdf.multi_cell(text_width, line, row.name, dry_run=True, output="LINES")
        lines = len(cast("list[str]", wrapped))  # output="LINES" gives the lines alone
        height = max(6.0, lines * line + 1.6)
        pdf.set_xy(left, y + (height - lines * line) / 2)
        pdf.multi_cell(text_width, line, row.name, align="L")
        x = left + name_width
        values = (row.manager_mean, row.self_mean, *row.others)
        for value, colour in zip(values, colours, strict=False):
            if value is not None:
                pdf.set_fill_color(*colour)
                bar = bar_width * value / block.scale_max
                pdf.rect(x, y + height / 2 - 1.2, bar, 2.4, style="F")
            pdf.set_xy(x + bar_width + 1, y)
            pdf.cell(number_width, height, format_number(value, lang))
            x += bar_width + 1 + number_width
        pdf.set_y(y + height)


def _goal(pdf: PlanPDF, block: Goal) -> None:
    # a goal stays on one page with all its actions where a page holds it: actions carried
    # over stood on the next page under a bare table heading, not saying whose they were.
    # A longer goal keeps its title, details and first action together: a goal at the foot
    # of a page with its actions' table on the next read as a goal without actions
    need = _goal_need(pdf, block)
    if pdf.get_y() > pdf.h - GOAL_ROOM or (
        pdf.get_y() + need > pdf.page_break_trigger
        and pdf.t_margin + need <= pdf.page_break_trigger
    ):
        pdf.add_page()
    pdf.ln(2)
    y = pdf.get_y()
    pdf.set_font(FONT, "B", 10.5)
    pdf.set_text_color(*INK)
    pdf.set_x(MARGIN + 3)
    pdf.multi_cell(0, 5.5, block.title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 9)
    for key, value in block.details:
        pdf.set_x(MARGIN + 3)
        pdf.set_text_color(*MUTED)
        pdf.cell(32, 4.8, key)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 4.8, value, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_draw_color(*SELF)
    pdf.set_line_width(0.8)
    pdf.line(MARGIN, y, MARGIN, pdf.get_y())
    if block.actions is not None:
        pdf.ln(1)
        _table(pdf, block.actions)


def _lines(pdf: PlanPDF, width: float, text: str) -> int:
    """How many lines `text` takes in the current font at `width` mm (as multi_cell wraps)."""
    lines = pdf.multi_cell(width, 5, text, dry_run=True, output="LINES", align="L")
    return max(1, len(lines) if isinstance(lines, list) else 1)


def _goal_head_height(pdf: PlanPDF, block: Goal, *, whole: bool = False) -> float:
    """The height of a goal's title, its details, and its actions' headings and first row
    (every row when `whole`), as `_goal` and `_table` lay them out."""
    font = (pdf.font_family, pdf.font_style, pdf.font_size_pt)
    width = pdf.epw - 3
    pdf.set_font(FONT, "B", 10.5)
    height = 2 + _lines(pdf, width, block.title) * 5.5
    pdf.set_font(FONT, "", 9)
    height += sum(_lines(pdf, width - 32, value) * 4.8 for _, value in block.details)
    table = block.actions
    if table is not None and table.rows:
        size, line, padding = (8.5, 4.1, 0.8) if pdf.compact else (9.0, 4.6, 1.2)
        weights = table.widths or tuple(1 for _ in table.columns)
        widths = [pdf.epw * w / sum(weights) - 2 * padding for w in weights]
        height += 1
        rows = table.rows if whole else table.rows[:1]
        for style, row in (("B", table.columns), *(("", row) for row in rows)):
            pdf.set_font(FONT, style, size)
            tallest = max(_lines(pdf, w, cell) for w, cell in zip(widths, row, strict=False))
            height += tallest * line + 2 * padding
    pdf.set_font(*font)
    return height


def _signatures(pdf: PlanPDF, block: Signatures, lang: str) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    pdf.ln(10 if pdf.compact else 12)
    width = (pdf.w - 2 * MARGIN - 20) / 2
    y = pdf.get_y()
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    bottom = y + 14
    for index, item in enumerate(block.items[:2]):
        x = MARGIN + index * (width + 20)
        pdf.line(x, y, x + width, y)
        pdf.set_xy(x, y + 1.5)
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(*INK)
        # a long name wraps under the line rather than being cut short
        pdf.multi_cell(width, 5, f"{item.role}: {item.name}", new_x="LEFT", new_y="NEXT", align="L")
        pdf.set_text_color(*MUTED)
        when = (
            f"{item.signed_label} {format_date(item.signed_on, lang)}"
            if item.signed_on
            else f"{block.date_label}:"
        )
        pdf.cell(width, 5, when)
        bottom = max(bottom, pdf.get_y() + 7)
    pdf.set_y(bottom)


def _boxes(pdf: PlanPDF, block: RatingBoxes) -> None:
    boxes = "  ".join(f"☐ {level}" for level in block.levels)
    box_width = 48
    for dimension, items in block.groups:
        _heading(pdf, Heading(dimension, level=3))
        for title, hint in items:
            if pdf.get_y() > pdf.h - 28:
                pdf.add_page()
            y = pdf.get_y()
            pdf.set_font(FONT, "", 9)
            pdf.set_text_color(*INK)
            text_width = pdf.w - 2 * MARGIN - box_width - 2
            pdf.multi_cell(text_width, 4.6, title, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_font(FONT, "I", 7.5)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(text_width, 3.8, hint, new_x="LMARGIN", new_y="NEXT", align="L")
            end = pdf.get_y()
            pdf.set_xy(pdf.w - MARGIN - box_width, y)
            pdf.set_font(FONT, "", 9.5)
            pdf.set_text_color(*INK)
            pdf.cell(box_width, 5, boxes, align="R")
            pdf.set_y(end + 1.5)
