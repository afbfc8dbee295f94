"""Edge cases in every format: no ratings, no goals, a 2,000-character note, user text
with HTML, quotes, ampersands and Markdown syntax, and Danish letters in every field."""

from __future__ import annotations

import re
from datetime import date

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.labels import label

FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}

SCRIPT = "<script>alert(1)</script>"
NAME = "Søren “Sø” O'Ærø & <b>Å</b>"
TITLE = "Overlæge # ikke en overskrift"
UNIT = "R&D | **Ortopædi** Ø"
CONDUCTOR = 'Åse "Bø" `kode` æ'
GOAL = f'{SCRIPT} Få "styr" på **vagtplanen** & [link](http://x) Æ'
CRITERION = "# heading | kolonne | æøå 'citat'"
ACTION = "Læs `bogen` & skriv **noter** | ØÅ [her](http://x)"
OWNER = "Jørgen|Åse"
AGREEMENT = f"Vi aftaler: _kursiv_ & <i>ikke</i> {SCRIPT} æøåÆØÅ"
NOTE_TAIL = "SLUTNINGEN af noten æøåÆØÅ"


def _long_note() -> str:
    words = "Medarbejderen ønsker at udvikle sig & lære mere om ledelse på tværs af afdelinger"
    note = ""
    while len(note) < 2000 - len(NOTE_TAIL) - 1:
        note += words + ". "
    note = note[: 2000 - len(NOTE_TAIL) - 1].rstrip() + " " + NOTE_TAIL
    return note


NOTE = _long_note()


@pytest.fixture(scope="module")
def pack():
    return load_packs(None).default


def _person(repo):
    return repo.people.create(NAME, "lead_others", email="soren@example.dk", title=TITLE, unit=UNIT)


@pytest.fixture
def hostile(repo, pack) -> int:
    """A signed conversation whose every user-typed field holds markup, quotes and æøå."""
    person = _person(repo)
    record = services.start_conversation(
        repo, pack, person.id, held_on=date(2026, 3, 2), conducted_by=CONDUCTOR
    )
    detail = repo.conversations.detail(record.id)
    on_table = {p.card_id for p in detail.picks}
    card = next(c for c in services.conversation_content(detail).deck.cards if c.id not in on_table)
    pick = repo.conversations.pick_card(record.id, card.id, "self")
    repo.conversations.set_card_text(pick.id, "agreements", AGREEMENT)
    repo.plans.update(record.id, summary=NOTE, follow_up_on=date(2027, 3, 2))
    goal = repo.plans.add_goal(
        record.id, GOAL, success_criterion=CRITERION, due_on=date(2026, 9, 1)
    )
    repo.plans.add_action(goal.id, ACTION, owner=OWNER, due_on=date(2026, 5, 1))
    repo.plans.sign(record.id, "person")
    repo.plans.sign(record.id, "conductor")
    return record.id


@pytest.fixture
def empty(repo, pack) -> int:
    """A conversation just started: no ratings, no cards, no goals."""
    person = _person(repo)
    return services.start_conversation(repo, pack, person.id, held_on=date(2026, 3, 2)).id


def _print(run_cli, db_path, conversation_id, fmt, tmp_path):
    out = tmp_path / f"plan.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", db_path, "plan", "print", conversation_id, "--format", fmt, "-o", out,
        "--lang", "da",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_user_text_reads_exactly_as_typed(fmt, hostile, db_path, run_cli, read, tmp_path) -> None:
    """Markup, quotes, ampersands, Markdown and æøåÆØÅ in every field come out literally."""
    out = _print(run_cli, db_path, hostile, fmt, tmp_path)
    text = read.shown(out, fmt)
    for typed in (NAME, TITLE, UNIT, CONDUCTOR, GOAL, CRITERION, ACTION, OWNER, AGREEMENT):
        assert read.flat(typed) in text, (fmt, typed)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_2000_character_note_appears_whole(fmt, hostile, db_path, run_cli, read, tmp_path):
    """The plan's 2,000-character summary is printed in full, not cut short."""
    assert len(NOTE) == 2000
    out = _print(run_cli, db_path, hostile, fmt, tmp_path)
    assert read.flat(NOTE) in read.shown(out, fmt)


def test_html_has_no_live_markup_from_user_text(hostile, db_path, run_cli, read, tmp_path) -> None:
    """No <script>, <b> or <i> element comes from user text; the source holds them as entities."""
    out = _print(run_cli, db_path, hostile, "html", tmp_path)
    source = out.read_text(encoding="utf-8")
    _text, tags = read.html_text(source)
    assert "script" not in tags
    assert "b" not in tags and "i" not in tags and "a" not in tags
    assert "<script" not in source.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "&quot;Bø&quot;" in source and "O&#x27;Ærø" in source


def test_markdown_renders_user_text_literally(hostile, db_path, run_cli, read, tmp_path) -> None:
    """As CommonMark, user text makes no markup or HTML and `|` breaks no table row."""
    out = _print(run_cli, db_path, hostile, "markdown", tmp_path)
    rendered = read.markdown_html(out.read_text(encoding="utf-8"))
    assert "<script" not in rendered and "<b>" not in rendered and "<i>" not in rendered
    assert "<a " not in rendered
    assert "<code>" not in rendered
    assert "<strong>Ortopædi" not in rendered and "<strong>noter" not in rendered
    assert "<em>kursiv" not in rendered
    assert [h for h in re.findall(r"<h1>(.*?)</h1>", rendered)] == ["Udviklingsplan"]
    tables = re.findall(r"<table>(.*?)</table>", rendered, re.S)
    assert tables
    for table in tables:
        head = re.search(r"<thead>(.*?)</thead>", table, re.S).group(1)
        columns = head.count("<th")
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S):
            assert row.count("<td") == columns, row


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_ratings_and_no_goals_say_so(fmt, empty, db_path, run_cli, read, tmp_path) -> None:
    """An empty conversation prints both 'none yet' notes, unsigned lines and no chart."""
    out = _print(run_cli, db_path, empty, fmt, tmp_path)
    text = read.shown(out, fmt)
    assert label("da", "no_ratings") in text
    assert label("da", "no_goals") in text
    assert read.flat(NAME) in text
    assert "Underskrevet" not in text
    assert text.count(f"{label('da', 'signature_date')}:") >= 2  # two blank lines
    if fmt == "html":
        assert "<svg" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_english_labels_and_danish_text_together(fmt, hostile, db_path, run_cli, read, tmp_path):
    """In English the labels change while æøå in the user's text stays intact."""
    out = tmp_path / f"plan-en.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", db_path, "plan", "print", hostile, "--format", fmt, "-o", out, "--lang", "en"
    )  # fmt: skip
    assert result.code == 0, result.err
    text = read.shown(out, fmt)
    assert label("en", "goals") in text
    assert read.flat(GOAL) in text and read.flat(NAME) in text


LINE_STARTS = "1. ikke en liste\n- heller ikke\n+ eller\n===\n2) slut (æøå)"


@pytest.fixture
def list_like(repo, pack) -> int:
    """A plan whose note, goal and action begin lines the way Markdown lists and headings do."""
    person = repo.people.create("1. Åse (Ø)", "lead_self", email="aase@example.dk", unit="- Enhed")
    record = services.start_conversation(repo, pack, person.id, held_on=date(2026, 3, 2))
    repo.plans.update(record.id, summary=LINE_STARTS)
    goal = repo.plans.add_goal(record.id, "1. Mål (vigtigt)", success_criterion="- nået")
    repo.plans.add_action(goal.id, "2. Handling", owner="= Åse", due_on=date(2026, 5, 1))
    return record.id


def test_markdown_line_starts_stay_text_and_the_source_stays_readable(
    list_like, db_path, run_cli, read, tmp_path
) -> None:
    """Lines starting like Markdown lists stay text; dates and parentheses stay unescaped."""
    out = _print(run_cli, db_path, list_like, "markdown", tmp_path)
    source = out.read_text(encoding="utf-8")
    rendered = read.markdown_html(source)
    assert "<ol" not in rendered and "<h2>===" not in rendered
    assert rendered.count("<hr") == 1  # the footer's rule only
    text, _tags = read.markdown_text(source)
    for typed in (*LINE_STARTS.splitlines(), "1. Åse (Ø)", "- Enhed", "1. Mål (vigtigt)",
                  "- nået", "2. Handling", "= Åse"):  # fmt: skip
        assert typed in text, typed
    assert "01.05.2026" in source and "02.03.2026" in source  # not 01\.05.2026
    assert "\\(" not in source and "slut (æøå)" in source and "Mål (vigtigt)" in source


def test_a_comment_over_two_lines_keeps_its_line_break_in_a_list(read) -> None:
    """A rating's comment is a list item: Markdown made its second line a lazy continuation
    and HTML's list items collapsed the break, so both showed one line."""
    from pipeline_tui.report.document import Bullets, Document
    from pipeline_tui.report.html import render_html
    from pipeline_tui.report.markdown import render_markdown

    doc = Document("Plan", "MUS", (), (Bullets(("Første linje: æøå\nAnden linje",)),))
    shown_md = read.markdown_html(render_markdown(doc))
    assert "<li>Første linje: æøå<br />\nAnden linje</li>" in shown_md
    html = render_html(doc)
    assert "<li>Første linje: æøå\nAnden linje</li>" in html
    assert "li { white-space: pre-wrap; }" in html
