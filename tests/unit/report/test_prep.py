"""`pipeline-tui prep print`: the preparation sheet in every format, with the layer's
expectations and empty rating boxes, the deck's cards and rules and the playbook's steps."""

from __future__ import annotations

import stat

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}


@pytest.fixture(scope="module")
def pack():
    return load_packs(None).default


def _person(demo_db, layer):
    repo = open_repository(str(demo_db))
    try:
        return next(p for p in repo.people.list() if p.layer == layer)
    finally:
        repo.close()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("layer", "kind"), [("lead_others", "lus"), ("lead_self", "mus")])
def test_prep_sheet_has_expectations_cards_rules_and_steps(
    fmt, layer, kind, demo_db, pack, read, run_cli, tmp_path
) -> None:
    """Every format lists expectations with boxes, the cards, rules and 'before' steps."""
    person = _person(demo_db, layer)
    content = services.content_for(pack, layer, kind)
    out = tmp_path / f"prep.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", demo_db, "prep", "print", person.id, "--kind", kind, "--format", fmt,
        "-o", out, "--lang", "da",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = read.shown(out, fmt)
    assert person.name in text
    assert content.layer.name.get("da") in text
    expectations = content.ordered_expectations()
    assert expectations
    for expectation in expectations:
        assert read.flat(expectation.title.get("da")) in text, expectation.id
    boxes = " ".join(f"☐ {v}" for v in content.scale_values)
    assert text.count("☐") >= len(expectations) * (len(content.scale_values) + 1)
    if fmt != "pdf":
        assert boxes in text.replace("\u00a0", " ")
    deck = content.deck
    for card in deck.cards:
        assert read.flat(card.title.get("da")) in text, card.id
    for rule in deck.rules.text:
        assert read.flat(rule.get("da")) in text
    for step in deck.playbook.before:
        assert read.flat(step.title.get("da")) in text
        assert read.flat(step.text.get("da")) in text


def test_prep_without_output_names_the_file(demo_db, run_cli, tmp_path, monkeypatch) -> None:
    """Without --output the sheet goes to forberedelse-<name>.pdf in the documents folder."""
    import os
    from pathlib import Path

    person = _person(demo_db, "lead_self")
    monkeypatch.chdir(tmp_path)
    result = run_cli("--db", demo_db, "prep", "print", person.id, "--format", "pdf")
    assert result.code == 0, result.err
    written = Path(result.out.strip())
    assert written.parent == Path(os.environ["XDG_DOCUMENTS_DIR"]) / "pipeline-tui"
    assert written.is_file() and written.name.startswith("forberedelse-")
    assert written.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("layer", "kind", "rated", "cards", "intro"),
    [
        ("lead_others", "evaluation", True, False, "prep.intro_rate"),
        ("lead_self", "onboarding_1m", False, True, "prep.intro_cards"),
        ("lead_self", "mus", True, True, "prep.intro"),
    ],
)
def test_the_sheet_asks_only_for_what_the_kind_of_conversation_has(
    layer, kind, rated, cards, intro, demo_db, pack, run_cli
) -> None:
    """A leadership evaluation has no cards, an onboarding after a month rates nothing:
    their sheets said "choose the cards" and asked every expectation rated all the same."""
    from pipeline_tui.report.labels import label

    person = _person(demo_db, layer)
    result = run_cli(
        "--db", demo_db, "--lang", "da", "prep", "print", person.id, "--kind", kind, "-o", "-"
    )
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert label("da", intro) in text
    assert (label("da", "prep.rate") in text and "☐" in text) is rated
    assert (label("da", "prep.rules") in text) is cards
    expectation = services.content_for(pack, layer, kind).ordered_expectations()[0]
    assert (expectation.title.get("da") in text) is rated


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("layer", "kind", "lang", "said"),
    [
        ("lead_self", "mus", "da", "Medarbejder"),
        ("lead_others", "lus", "da", "Leder"),
        ("lead_others", "evaluation", "da", "Leder"),
        ("lead_self", "mus", "en", "Employee"),
        ("lead_others", "lus", "en", "Leader"),
    ],
)
def test_the_sheet_names_the_person_as_a_field_not_a_title(
    fmt, layer, kind, lang, said, demo_db, run_cli, read, tmp_path
) -> None:
    """The sheet's head read "Leder Bo Øst" (a role word glued before the name, as if it
    were a title) wherever its two columns closed up; every field is now "Leder: Bo Øst",
    as the Markdown sheet had it, in every format, for every kind, in both languages."""
    person = _person(demo_db, layer)
    out = tmp_path / f"prep.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", demo_db, "prep", "print", person.id, "--kind", kind, "--format", fmt,
        "-o", out, "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    text = read.shown(out, fmt)
    assert f"{said}: {person.name}" in text
    assert f"{said} {person.name}" not in text
    job = "Stilling" if lang == "da" else "Job title"
    assert f"{job}: {person.title}" in text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_text_sheet_puts_each_example_under_its_own_expectation(
    lang, demo_db, pack, run_cli
) -> None:
    """The text sheet printed an expectation's example after its boxes and a blank line,
    right above the next expectation's title, where it read as that one's; it now stands
    under its own title, before the boxes, and a blank line ends each expectation."""
    person = _person(demo_db, "lead_self")
    result = run_cli(
        "--db", demo_db, "prep", "print", person.id, "--kind", "mus", "--format", "text",
        "-o", "-", "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    expectations = services.content_for(pack, "lead_self", "mus").ordered_expectations()
    for expectation in expectations:
        at = lines.index(expectation.title.get(lang))
        example = expectation.indicators[0].get(lang)
        below = " ".join(lines[at + 1 : lines.index("", at)])
        assert below.startswith(example), (expectation.id, lines[at : at + 4])
        assert below.endswith("☐ –"), (expectation.id, lines[at : at + 4])


@pytest.mark.parametrize(("lang", "quoted"), [("da", "»{}«"), ("en", "“{}”")])
def test_the_cards_always_on_the_table_are_told_apart(lang, quoted, demo_db, pack, run_cli) -> None:
    """ "Altid med: Året, der gik, Trivsel i hverdagen" read as three cards: a title with a
    comma ran into the next. Each title is now quoted, as the pack's own rules quote them."""
    person = _person(demo_db, "lead_self")
    result = run_cli(
        "--db", demo_db, "prep", "print", person.id, "--kind", "mus", "--format", "markdown",
        "-o", "-", "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    deck = services.content_for(pack, "lead_self", "mus").deck
    always = [c.title.get(lang) for c in deck.cards if c.id in deck.rules.always_included]
    if lang == "da":
        assert any("," in title for title in always), "the pack has a title with a comma"
    cards = ", ".join(quoted.format(title) for title in always)
    assert f"{'Altid med' if lang == 'da' else 'Always on the table'}: {cards}" in result.out


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("layer", ["lead_function", "lead_business"])
def test_a_short_list_is_not_split_from_its_heading(lang, layer, demo_db, run_cli, tmp_path):
    """The evaluation's sheet for a function leader: "Det skal du ikke bruge tid på" and three
    of its items ended page 1, the fourth item stood alone at the top of page 2, under no
    heading (the heading's room was measured to the paper's edge, not to the footer's
    margin). A list that fits on a page now goes whole with its heading."""
    import subprocess

    person = _person(demo_db, layer)
    out = tmp_path / "prep.pdf"
    result = run_cli(
        "--db", demo_db, "prep", "print", person.id, "--kind", "evaluation",
        "--lang", lang, "-o", out,
    )  # fmt: skip
    assert result.code == 0, result.err
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(out), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    pages = [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]
    assert len([page for page in pages if page]) >= 2
    for number, lines in enumerate(pages[1:], start=2):
        assert not (lines and lines[0].startswith("•")), (number, lines[:2])
