"""The printed documents' wording, as a Danish HR consultant reads it: who signs, when the
plan is followed up, the role paragraph's clauses and shares, and a rule of one card."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline_tui.cli import cli
from pipeline_tui.store.repository import open_repository


def invoke(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args])


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.db"
    shutil.copy2(demo_db, target)
    return target


def test_the_one_who_holds_it_signs_by_their_role_or_as_consultant(
    demo_copy: Path, typical, read
) -> None:
    """A leader chosen from the organisation signs as "Leder" (MUS) or "Lederens leder";
    a name typed in instead (an HR consultant facilitating) signs as "… / konsulent"."""
    result = invoke(demo_copy, "--lang", "da", "plan", "print", str(typical.conversation_id))
    assert result.exit_code == 0, result.output
    text = read.flat(result.stdout)
    assert "konsulent" not in text
    assert "Der følges op på planen den " in text

    repo = open_repository(str(demo_copy))
    try:
        unsigned = next(
            c
            for c in repo.conversations.list()
            if c.status in ("completed", "in_progress") and c.kind == "mus"
        )
        record = repo.conversations.get(unsigned.id)
        assert record.conductor_id is not None
        repo.conversations.update(unsigned.id, conducted_by="Lise Konsulent", conductor_id=None)
    finally:
        repo.close()
    for lang, role in (("da", "Leder / konsulent: Lise Konsulent"), ("en", "/ consultant")):
        result = invoke(demo_copy, "--lang", lang, "plan", "print", str(unsigned.id))
        assert result.exit_code == 0, result.output
        assert role in read.flat(result.stdout), result.stdout


def test_the_role_paragraph_runs_its_clauses_on_in_lower_case(demo_db: Path, typical, read) -> None:
    """ "Det skal du ikke bruge tid på: at løse …; at være …", not "…: At løse …; At være";
    a share is "ca. 35%", the sign never alone at a line's start."""
    for lang, words, about in (
        ("da", "Det skal du ikke bruge tid på: at ", "ca. "),
        ("en", "Not to spend time on: taking ", "about "),
    ):
        result = invoke(demo_db, "--lang", lang, "plan", "print", str(typical.conversation_id))
        assert result.exit_code == 0, result.output
        text = read.flat(result.stdout)
        assert words in text, text
        assert "; At " not in text and "; Doing " not in text and "; Taking " not in text
        assert f"{about}" in text and " %" not in text
        for line in result.stdout.splitlines():
            assert not line.lstrip().startswith("%"), line


def test_a_rule_of_one_card_says_card(demo_db: Path) -> None:
    """The status conversation lets each pick up to one card: "pick up to 1 card"."""
    result = invoke(demo_db, "--lang", "en", "prep", "print", "7", "--kind", "status")
    assert result.exit_code == 0, result.output
    assert "pick up to 1 card\n" in result.stdout or "pick up to 1 card " in result.stdout
    assert "1 cards" not in result.stdout


@pytest.mark.parametrize("width", [80, 100])
def test_a_type_or_a_name_in_a_table_is_not_broken_inside_a_word(
    demo_db: Path, typical, width: int
) -> None:
    """The actions table folds its description, not "Relationship / s (20)" or a name:
    every word of the type and owner columns stands whole on one line."""
    from pipeline_tui import services
    from pipeline_tui.report.plan import plan_document
    from pipeline_tui.report.text import render_text

    repo = open_repository(str(demo_db))
    try:
        data = services.plan_input(repo, typical.conversation_id)
        plan = repo.plans.get(typical.conversation_id)
    finally:
        repo.close()
    for lang in ("da", "en"):
        text = render_text(plan_document(data, lang), width=width)
        lines = text.splitlines()
        words = {w for g in plan.goals for a in g.actions for w in a.owner.split()}
        words |= {"Relationships", "Relationer"} & set(text.split())
        assert words
        for word in words:
            assert any(word in line for line in lines), (lang, word, text)
        assert not any(line.strip("│ ").startswith("s (20)") for line in lines), text
