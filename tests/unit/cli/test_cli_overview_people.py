"""`pipeline-tui overview`: a figure is shown only when it stands for at least three different
people, however many conversations of the year those people had (on either engine, for
everyone from the kept sums and for a unit from the ratings themselves, in every format)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest

from pipeline_tui.store.repository import Repository, open_repository

pytestmark = pytest.mark.both_engines

PLANNING, QUALITY = "lead_self.planning", "lead_self.quality"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-11-23")


def rated(repo: Repository, content_ref, person_id: int, held_on: date, scores: dict) -> None:
    """A conversation of `person_id` begun (in progress) on `held_on`, rated by the manager."""
    content = replace(content_ref, layer="lead_self", deck_id="mus")
    talk = repo.conversations.start(person_id, kind="mus", held_on=held_on, content=content)
    for expectation, score in scores.items():
        repo.conversations.set_rating(talk.id, expectation, "manager", score=score)
    repo.conversations.set_status(talk.id, "in_progress")


def overview(run_cli, db: str, fmt: str, *args: str) -> str:
    result = run_cli(
        "--lang", "en", "--db", db, "overview", "--year", "2026", "--format", fmt, *args
    )
    assert result.code == 0, result.err
    return result.out


def shown_rows(run_cli, db: str, *args: str) -> list[list[str]]:
    """The CSV's rows of figures per expectation or dimension."""
    rows = csv.reader(io.StringIO(overview(run_cli, db, "csv", *args)))
    return [row for row in rows if row[0] in ("dimension", "weakest")]


def test_two_people_are_never_shown_however_many_conversations_they_had(
    repo: Repository, content_ref, run_cli, db: str
) -> None:
    """Jonas has three conversations of the year on his layer, Sofie one: four ratings of
    planning, but two people. Nothing of the layer is shown, for everyone or for the unit.
    A third person rated on planning shows the layer, but quality, rated for Jonas (twice)
    and Sofie only, is still left out of the weakest list and of the dimension's figure."""
    jonas = repo.people.create("Jonas Friis", "lead_self", unit="B")
    sofie = repo.people.create("Sofie Dahl", "lead_self", unit="B")
    for day, score in ((date(2026, 2, 1), 2), (date(2026, 5, 1), 3), (date(2026, 9, 1), 4)):
        rated(repo, content_ref, jonas.id, day, {PLANNING: score, QUALITY: 1})
    rated(repo, content_ref, sofie.id, date(2026, 4, 1), {PLANNING: 5, QUALITY: 1})
    repo.close()

    for scope in ((), ("--unit", "B")):
        data = json.loads(overview(run_cli, db, "json", *scope))
        assert data["too_few_to_show"] == ["lead_self"], scope
        assert (data["dimensions"], data["weakest"]) == ([], {}), scope
        assert shown_rows(run_cli, db, *scope) == [], scope
        text = " ".join(overview(run_cli, db, "text", *scope).split())
        assert "Too few to show (ratings of fewer than 3 people)" in text, scope

    more = open_repository(db)
    try:
        ida = more.people.create("Ida Lund", "lead_self", unit="B")
        rated(more, content_ref, ida.id, date(2026, 6, 1), {PLANNING: 1})
    finally:
        more.close()

    for scope in ((), ("--unit", "B")):
        data = json.loads(overview(run_cli, db, "json", *scope))
        assert data["too_few_to_show"] == [], scope
        weakest = data["weakest"]["lead_self"]
        assert [item["expectation"] for item in weakest] == [PLANNING], scope
        assert weakest[0]["manager"]["n"] == 5  # (2 + 3 + 4 + 5 + 1) / 5
        assert weakest[0]["manager"]["mean"] == 3.0
        (results,) = data["dimensions"]
        assert (results["dimension"], results["manager"]["n"]) == ("results", 5), scope
        assert {row[2] for row in shown_rows(run_cli, db, *scope)} == {"results", PLANNING}
