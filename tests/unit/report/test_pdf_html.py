"""The PDF (page count and extracted text) and the self-contained HTML of the demo plan."""

from __future__ import annotations

import math
import re
import subprocess

import pytest


def _print(run_cli, typical, fmt, out, lang="da"):
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt,
        "-o", out, "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    return out


def test_typical_plan_is_two_a4_pages(typical, read, run_cli, tmp_path) -> None:
    """A typical signed plan prints on exactly two A4 pages (pdfinfo)."""
    out = _print(run_cli, typical, "pdf", tmp_path / "plan.pdf")
    assert read.pdf_pages(out) == 2
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, timeout=60)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout)
    assert size and (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)


@pytest.mark.parametrize("lang", ("da", "en"))
def test_pdf_text_has_name_goals_and_actions(lang, typical, read, run_cli, tmp_path) -> None:
    """pdftotext finds the person's name, every goal and every action, in both languages."""
    out = _print(run_cli, typical, "pdf", tmp_path / f"plan-{lang}.pdf", lang)
    text = read.pdf_text(out)
    assert typical.name in text
    for title, _criterion, _due in typical.goals:
        assert read.flat(title) in text
    for action in typical.actions:
        assert read.flat(action) in text


@pytest.mark.slow
def test_every_signed_demo_plan_fits_three_pages(demo_db, read, run_cli, tmp_path) -> None:
    """No signed demo plan, however many themes and goals, runs past three pages."""
    from pipeline_tui.store.repository import open_repository

    repo = open_repository(str(demo_db))
    try:
        ids = [c.id for c in repo.conversations.list(year=2026) if c.status == "signed"]
    finally:
        repo.close()
    assert len(ids) > 5
    pages = {}
    for conversation_id in ids:
        out = tmp_path / f"{conversation_id}.pdf"
        result = run_cli(
            "--db", demo_db, "plan", "print", conversation_id, "--format", "pdf", "-o", out
        )
        assert result.code == 0, result.err
        pages[conversation_id] = read.pdf_pages(out)
    assert max(pages.values()) <= 3, pages
    assert sorted(pages.values())[len(pages) // 2] == 2, pages  # the median plan: two pages


def test_html_is_self_contained_with_radar_and_a4_print_css(typical, run_cli, tmp_path) -> None:
    """HTML is self-contained, has an inline radar and A4 print CSS with no forced breaks."""
    source = _print(run_cli, typical, "html", tmp_path / "plan.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", source, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", source, re.I)
    assert "<link" not in source.lower() and "<script" not in source.lower()
    assert re.search(r"<svg[^>]*>.*<polygon.*</svg>", source, re.S)
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", source)
    css = source.split("<style>")[1].split("</style>")[0]
    for rule in (
        r"h2 \{[^}]*break-after: avoid",
        r"\.goal \{[^}]*break-inside: avoid",
        r"\.signatures \{[^}]*break-inside: avoid",
        r"tr \{[^}]*break-inside: avoid",
    ):
        assert re.search(rule, css), rule  # fmt: skip
    # no forced break: a browser cannot see that the page before it would be left half empty
    assert "break-before: page" not in css and "page-break" not in source
    assert '<meta charset="utf-8">' in source


@pytest.mark.parametrize("axes", range(3, 9))
def test_radar_labels_sit_outside_the_outer_ring(axes) -> None:
    """Each axis label is anchored beyond the chart's outer ring, never on its corner."""
    from pipeline_tui.report.chart import Radar

    radar = Radar(100.0, 100.0, 40.0, axes, 5)
    for axis in range(axes):
        x, y, _align = radar.label_anchor(axis)
        assert math.dist((x, y), (radar.cx, radar.cy)) >= radar.radius * 1.1, axis


@pytest.mark.parametrize("lang", ("da", "en"))
def test_nothing_in_the_pdf_is_cut_short(lang, typical, read, run_cli, tmp_path) -> None:
    """Pack name with version and dimension names print whole in the PDF, never clipped."""
    from pipeline_tui.packs.loader import load_packs

    pack = load_packs(None).default
    out = _print(run_cli, typical, "pdf", tmp_path / f"plan-{lang}.pdf", lang)
    text = read.pdf_text(out)
    assert "…" not in text
    assert f"{pack.manifest.name.get(lang)} {pack.version}" in text


def test_long_names_wrap_in_header_and_signatures(repo, db_path, read, run_cli, tmp_path):
    """Long person and conductor names wrap in header and signatures, never clipped."""
    from datetime import date

    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs

    name = "Bartholomæus Østergaard-Vestergaard Frederiksen-Christiansen Ågesen"
    person = repo.people.create(name, "lead_others", email="b@example.dk", unit="Ortopædi")
    record = services.start_conversation(
        repo, load_packs(None).default, person.id, held_on=date(2026, 3, 2),
        conducted_by="Åse-Marie Bødker-Kristoffersen Vestergaard Holm",
    )  # fmt: skip
    repo.plans.sign(record.id, "person")
    out = tmp_path / "plan.pdf"
    result = run_cli("--db", db_path, "plan", "print", record.id, "--format", "pdf", "-o", out)
    assert result.code == 0, result.err
    text = read.pdf_text(out)
    assert "…" not in text
    for word in name.split():
        assert text.count(word) >= 3, word  # subtitle, header, signature line
    for word in ("Bødker-Kristoffersen", "Holm"):
        assert text.count(word) >= 2, word  # header, signature line


def test_a_plan_laid_out_again_prints_as_with_fonts_of_its_own(read, tmp_path) -> None:
    """A plan whose first page runs over is laid out again, tighter, with the fonts parsed
    for the first attempt: the PDF has the text, pages and embedded font subsets of that
    tighter layout made from scratch (with fonts parsed anew)."""
    from pipeline_tui.report.document import Document, Heading, Para
    from pipeline_tui.report.pdf import _layout, render_pdf

    words = "Æbler, øl og ålegræs på Østerbro — naïve café. " * 40
    doc = Document(
        title="Udviklingsplan",
        subtitle="MUS · Åse Ørum",
        meta=(("Dato", "23.11.2026"),),
        blocks=(
            Heading("Samtalen"),
            *(Para(words, muted=index % 3 == 0) for index in range(5)),
            Heading("Mål", page_break=True),
            Para("Færre møder, mere tid til faglig sparring."),
        ),
    )
    shared, alone = tmp_path / "shared.pdf", tmp_path / "alone.pdf"
    shared.write_bytes(render_pdf(doc))
    alone.write_bytes(bytes(_layout(doc, compact=True).output()))
    assert read.pdf_text(shared) == read.pdf_text(alone)
    assert "ålegræs på Østerbro" in read.pdf_text(shared)
    assert read.pdf_pages(shared) == read.pdf_pages(alone) == 2
    fonts = [
        subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        for path in (shared, alone)
    ]
    assert fonts[0] == fonts[1] and fonts[0].count("yes yes yes") == 3


@pytest.mark.parametrize("lang", ("da", "en"))
@pytest.mark.parametrize(
    "layer", ("lead_self", "lead_others", "lead_leaders", "lead_function", "lead_business")
)
def test_the_charts_axis_names_print_whole_on_every_layer(
    layer, lang, repo, db_path, read, run_cli, tmp_path
) -> None:
    """An English MUS (four dimensions) printed 'Collaboration and relationsh…' beside the
    chart's right spoke: a name too wide for two lines in the room beside the spoke was
    cut. It takes a third line instead."""
    from datetime import date

    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs

    pack = load_packs(None).default
    person = repo.people.create("Åse Lund-Thygesen D'Souza", layer, unit="Sundhedsplejen")
    kind = "mus" if layer == "lead_self" else "lus"
    record = services.start_conversation(
        repo, pack, person.id, kind=kind, held_on=date(2026, 11, 23), conducted_by="Mette"
    )
    content = services.conversation_content(repo.conversations.detail(record.id))
    for n, expectation in enumerate(content.ordered_expectations()):
        repo.conversations.set_rating(record.id, expectation.id, "manager", score=2 + n % 3)
        repo.conversations.set_rating(record.id, expectation.id, "self", score=3 + n % 3)
    repo.conversations.update(record.id, revealed=True)
    out = tmp_path / "plan.pdf"
    result = run_cli(
        "--db", db_path, "plan", "print", record.id, "--format", "pdf", "-o", out,
        "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    text = read.pdf_text(out)
    assert "…" not in text, [w for w in text.split() if "…" in w]
