"""Home's "this year's conversation" counts only the yearly kinds, like HR's coverage.

An onboarding or a status conversation held this year does not make a person's
MUS or LUS done: the people list still says the conversation is due. Both read
paths (the stdlib one at start-up and the storage layer's) agree, and the
start-up path gets the yearly kinds from the content cache.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.core.due import has_conversation_this_year, status_key
from pipeline_tui.packs import light
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.home import people_rows_sql, read_people_head, read_people_rows
from pipeline_tui.store.repository import Repository

TODAY = date(2026, 11, 23)


@pytest.mark.cold_pack_cache  # the full load below writes the cache the light path reads
def test_only_a_yearly_conversation_makes_this_years_conversation(
    repo: Repository, db_path: Path
) -> None:
    pack = load_packs(None).default
    yearly = light.yearly_kinds(None)  # written to the cache by the load above
    assert yearly == ("mus", "lus", "evaluation")
    ane = repo.people.create("Ane Test", "lead_self", email="ane@example.dk").id
    bo = repo.people.create("Bo Test", "lead_self", email="bo@example.dk").id
    mus = services.start_conversation(repo, pack, ane, held_on=date(2026, 3, 2))
    repo.conversations.set_status(mus.id, "completed")
    status = services.start_conversation(repo, pack, bo, kind="status", held_on=date(2026, 5, 4))
    repo.conversations.set_status(status.id, "completed")

    def states(rows) -> dict[str, tuple[bool, str]]:
        return {
            row.name.split()[0]: (has_conversation_this_year(row, TODAY), status_key(row, TODAY))
            for row in rows
        }

    counted = {"Ane": (True, "completed"), "Bo": (False, "due")}
    assert states(read_people_rows(db_path, yearly)) == counted
    assert states(repo.people.rows(yearly)) == counted
    head, total = read_people_head(db_path, 1, yearly)
    assert (total, states(head)) == (2, {"Ane": counted["Ane"]})
    # Without the pack's kinds (a pack from before kinds were data) every kind counts.
    assert states(read_people_rows(db_path))["Bo"] == (True, "completed")


def test_a_kind_key_that_is_not_one_never_reaches_the_statement() -> None:
    sql = people_rows_sql(["mus", "x') OR 1=1 --", "status"])
    assert "c.kind IN ('mus', 'status')" in sql and "OR 1=1" not in sql
    assert "c.kind IN (NULL)" in people_rows_sql([])


@pytest.mark.cold_pack_cache
def test_a_conversation_left_open_last_year_is_not_this_years(
    repo: Repository, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year on, a LUS left in progress last year and a MUS prepared last year and never
    held: both are due this year. The people list said "LUS · In progress" and "MUS ·
    Draft" beside last year's date, while HR's overview listed them as due this year;
    a draft from earlier this year still reads as a draft."""
    pack = load_packs(None).default
    yearly = light.yearly_kinds(None)
    today = date(2027, 11, 25)
    monkeypatch.setenv("PIPELINE_TUI_TODAY", today.isoformat())
    ids = {
        name: repo.people.create(f"{name} Test", layer, email=f"{name.lower()}@example.dk").id
        for name, layer in (("Ane", "lead_others"), ("Bo", "lead_self"), ("Cai", "lead_self"))
    }
    left = services.start_conversation(repo, pack, ids["Ane"], held_on=date(2026, 11, 21))
    repo.conversations.set_status(left.id, "in_progress")
    services.start_conversation(repo, pack, ids["Bo"], held_on=date(2026, 11, 30))
    services.start_conversation(repo, pack, ids["Cai"], held_on=date(2027, 3, 1))

    def states(rows) -> dict[str, str]:
        return {row.name.split()[0]: status_key(row, today) for row in rows}

    expected = {"Ane": "due", "Bo": "due", "Cai": "draft"}
    assert states(read_people_rows(db_path, yearly)) == expected
    assert states(repo.people.rows(yearly)) == expected
    view = services.overview(repo, pack, today.year, today=today)
    assert set(view.coverage.not_held) == set(ids.values())
