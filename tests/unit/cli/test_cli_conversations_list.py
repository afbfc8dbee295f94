"""`conversations list` reads through `read_with` and `Reader.conversation_list`: the same
output as when it read through the ORM, and the store's `list` runs the same statement.

The reference is the ORM query `ConversationStore.list` ran before the listing moved into
`store.queries` (kept here, as it was), and the text the command printed on this module's
database before (`tests/fixtures/conversations_list/`: the table at 100 columns, the JSON,
the count line in Danish and English; written by main at 314bdd4 from `build_tricky`:
for each of `cases`, `NAME.txt` and `NAME.json` are the stdout of the table and of
`--json`, `NAME.da.err` and `NAME.en.err` the stderr of the table with `--lang da/en`;
`content_ref` as in tests/conftest.py, COLUMNS=100, a new SQLite file). The one change
since: a count of one is said in the singular ("1 samtale", `person-year.*.err`), kinds,
layers and states are named in the catalog's words, a long name folds between words
("Søren Øster Ågård med et meget / langt mellemnavn", not "...meget lan / gt..."), the
table's dates are the language's (01.02.2024, 1 Feb 2024; the JSON keeps ISO), and a
conversation dated ahead, not yet held, is listed "Planned" ("Planlagt"), as home and the
person page name it (it was "Draft" here; the JSON keeps the stored "draft").
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from raw_rows import store_raw
from sqlalchemy import func, text
from sqlmodel import Session, col, select

from pipeline_tui import records as r
from pipeline_tui.records import ContentRef
from pipeline_tui.store import models as m
from pipeline_tui.store.queries import COLUMNS
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines

EXPECTED = Path(__file__).resolve().parents[2] / "fixtures" / "conversations_list"


class Tricky(NamedTuple):
    ida: int
    bo: int
    no_plan: int


def build_tricky(repo: Repository, content: ContentRef) -> Tricky:
    """People with æøå and control characters in their names, conversations over four
    years (two on one day), each state of a plan: none, a draft with goals, signed by
    one party, signed by both, a follow-up date or none."""
    people = repo.people
    ida = people.create("Ida Ærø-Åberg", "lead_others", email="ida@example.dk", unit="Kirurgi")
    bo = people.create("Bo Lund", "lead_self", email="bo@example.dk", manager_id=ida.id)
    store_raw(repo, "person", bo.id, name="Bo \x1b[31mRød\x1b[0m\tLund\x7f")
    øje = people.create(
        "Søren Øster Ågård med et meget langt mellemnavn der ikke kan stå på én linje",
        "lead_self",
        email="soren@example.dk",
        unit="Øjenafdelingen\n2. sal",
        manager_id=ida.id,
    )
    talks, plans = repo.conversations, repo.plans
    # Ida: a signed LUS (follow-up, two goals), a completed one, a draft next year.
    signed = talks.start(
        ida.id, kind="lus", held_on=date(2024, 2, 1), content=content, conducted_by="Åse Lind"
    )
    plans.update(signed.id, follow_up_on=date(2024, 8, 15))
    plans.add_goal(signed.id, "Første mål")
    plans.add_goal(signed.id, "Andet mål")
    plans.sign(signed.id, "person")
    plans.sign(signed.id, "conductor")
    completed = talks.start(ida.id, kind="lus", held_on=date(2025, 5, 20), content=content)
    talks.set_status(completed.id, "completed")
    draft = talks.start(ida.id, kind="mus", held_on=date(2027, 1, 10), content=content)
    for title in ("Et", "To", "Tre"):
        plans.add_goal(draft.id, title)
    # Bo: two on the same day (newest id first), one signed by him only, one with no plan.
    half = talks.start(bo.id, kind="mus", held_on=date(2026, 3, 3), content=content)
    plans.update(half.id, follow_up_on=date(2026, 9, 30))
    plans.sign(half.id, "person")
    no_plan = talks.start(
        bo.id, kind="onboarding", held_on=date(2026, 3, 3), content=content, conducted_by="Ida"
    )
    with repo.engine.begin() as connection:
        connection.execute(text("DELETE FROM plan WHERE conversation_id = :id"), {"id": no_plan.id})
    # Søren: one in progress.
    going = talks.start(øje.id, kind="mus", held_on=date(2026, 11, 2), content=content)
    talks.set_rating(going.id, "lead_others.delegation", "self", score=3)
    plans.add_goal(going.id, "Mål med \x1b]0;titel\x07 indeni")
    return Tricky(ida.id, bo.id, no_plan.id)


def orm_listing(
    repo: Repository,
    *,
    person_id: int | None = None,
    year: int | None = None,
    limit: int | None = None,
) -> list[r.ConversationSummary]:
    """The ORM query `ConversationStore.list` ran before, as it was."""
    goals = (
        select(func.count(col(m.Goal.id)))
        .where(m.Goal.plan_id == m.Plan.id)
        .correlate(m.Plan)
        .scalar_subquery()
    )
    query = (
        select(m.Conversation, m.Person.name, m.Person.unit, m.Plan, goals)  # type: ignore[call-overload]  # sqlmodel's select() types at most four columns
        .join(m.Person, m.Person.id == m.Conversation.person_id)
        .join(m.Plan, m.Plan.conversation_id == m.Conversation.id, isouter=True)
        .order_by(col(m.Conversation.held_on).desc(), col(m.Conversation.id).desc())
    )
    if person_id is not None:
        query = query.where(m.Conversation.person_id == person_id)
    if year is not None:
        query = query.where(
            m.Conversation.held_on >= date(year, 1, 1),
            m.Conversation.held_on <= date(year, 12, 31),
        )
    if limit is not None:
        query = query.limit(limit)
    with Session(repo.engine) as session:
        return [
            r.ConversationSummary(
                id=c.id,
                person_id=c.person_id,
                person_name=name,
                unit=unit,
                kind=c.kind,
                layer=c.layer,
                held_on=c.held_on,
                status=c.status,
                conducted_by=c.conducted_by,
                goals=goal_count or 0,
                follow_up_on=plan.follow_up_on if plan else None,
                plan_signed=bool(plan and plan.signed_by_person_at and plan.signed_by_conductor_at),
            )
            for c, name, unit, plan, goal_count in session.exec(query).all()
        ]


def cases(ids: Tricky) -> dict[str, dict[str, Any]]:
    """Name -> the listing's filters: everything, one person, one year, both, none found."""
    return {
        "all": {},
        "person": {"person_id": ids.bo},
        "year": {"year": 2026},
        "person-year": {"person_id": ids.ida, "year": 2025},
        "none": {"year": 1999},
    }


def arguments(filters: dict[str, Any]) -> list[str]:
    found = []
    if "person_id" in filters:
        found += ["--person", str(filters["person_id"])]
    if "year" in filters:
        found += ["--year", str(filters["year"])]
    return found


@pytest.fixture
def tricky(repo: Repository, content_ref: ContentRef) -> Tricky:
    return build_tricky(repo, content_ref)


def test_the_store_lists_what_the_orm_query_listed(repo: Repository, tricky: Tricky) -> None:
    """`ConversationStore.list` (the TUI's person page, the services) runs the statement
    of `store.queries` and returns the same records as the ORM query did."""
    for filters in cases(tricky).values():
        listed = repo.conversations.list(**filters)
        assert listed == orm_listing(repo, **filters), filters
    everything = repo.conversations.list()
    assert len(everything) == 6
    assert [c.goals for c in everything if c.id == tricky.no_plan] == [0]
    assert {(c.plan_signed, c.status) for c in everything} >= {(True, "signed"), (False, "draft")}
    assert repo.conversations.list(limit=2) == orm_listing(repo, limit=2) == everything[:2]


def test_the_json_is_the_orm_records(run_cli, repo: Repository, tricky: Tricky, db: str) -> None:
    """`--json` prints the ORM query's records, field by field, in its order."""
    for filters in cases(tricky).values():
        result = run_cli("--db", db, "conversations", "list", "--json", *arguments(filters))
        assert result.code == 0, result.err
        expected = [dataclasses.asdict(c) for c in orm_listing(repo, **filters)]
        assert result.out == json.dumps(expected, ensure_ascii=False, indent=2, default=str) + "\n"
        assert result.err == ""


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_output_is_what_the_orm_path_printed(
    run_cli, repo: Repository, tricky: Tricky, db: str, lang: str, monkeypatch
) -> None:
    """Table, JSON and count line, byte for byte as approved (kinds, layers and states in
    the catalog's words since session 12, dates the language's since session 17; JSON
    unchanged), on
    SQLite and on PostgreSQL (the ids are the same on a new database of either)."""
    monkeypatch.setenv("COLUMNS", "100")
    for name, filters in cases(tricky).items():
        args = ["--db", db, "--lang", lang, "conversations", "list", *arguments(filters)]
        table = run_cli(*args)
        listed = run_cli(*args, "--json")
        assert table.code == listed.code == 0, table.err + listed.err
        shown = f"{name}.txt" if lang == "en" else f"{name}.{lang}.txt"  # (headings in Danish)
        assert table.out == (EXPECTED / shown).read_text(encoding="utf-8"), name
        assert table.err == (EXPECTED / f"{name}.{lang}.err").read_text(encoding="utf-8"), name
        assert listed.out == (EXPECTED / f"{name}.json").read_text(encoding="utf-8"), name
    assert "\x1b" not in table.out


@pytest.mark.parametrize(
    ("lang", "held", "follow_up"),
    [("da", "01.02.2024", "15.08.2024"), ("en", "1 Feb 2024", "15 Aug 2024")],
)
def test_the_table_writes_dates_as_the_language_does(
    run_cli, tricky: Tricky, db: str, lang: str, held: str, follow_up: str, monkeypatch
) -> None:
    """A Danish HR consultant read 2024-02-01 in the table where the app, the overview and
    the printed plan say 01.02.2024: the table's dates are now the language's (the app's
    `Locale.date`), and `--json` keeps ISO for machines."""
    monkeypatch.setenv("COLUMNS", "120")
    table = run_cli("--db", db, "--lang", lang, "conversations", "list", "--year", "2024")
    assert table.code == 0, table.err
    row = table.out.splitlines()[1]
    assert held in row and follow_up in row and "2024-" not in table.out
    listed = run_cli("--db", db, "--lang", lang, "conversations", "list", "--json")
    found = {c["id"]: c for c in json.loads(listed.out)}[1]
    assert (found["held_on"], found["follow_up_on"]) == ("2024-02-01", "2024-08-15")


@pytest.mark.sqlite_only
def test_the_listing_reads_with_the_stdlib(run_cli, repo: Repository, tricky, db: str) -> None:
    """On a local file the listing imports no SQLAlchemy (the ORM cost 5 s on 48,000 rows)."""
    from fresh_cli import run_fresh

    repo.close()
    done = run_fresh("--db", db, "conversations", "list", "--json")
    assert done.code == 0, done.err
    assert "sqlalchemy" not in done.imported
    assert json.loads(done.out)[0]["person_name"] == "Ida Ærø-Åberg"


@pytest.mark.sqlite_only
def test_a_file_that_breaks_midway_is_said_once(run_cli, repo, tricky: Tricky, db: str) -> None:
    """A row that cannot be read after the first rows were written (a name that is not
    UTF-8, written by another program): one line that quotes no data, exit 2, and the
    rows are not listed a second time by the storage layer."""
    repo.close()
    columns = ", ".join(c for c in COLUMNS["conversation"] if c != "id")
    connection = sqlite3.connect(db)
    with connection:  # 4,096 copies of Ida's draft, listed before Bo's conversations
        for _ in range(12):
            connection.execute(
                f"INSERT INTO conversation ({columns}) SELECT {columns} FROM conversation "
                "WHERE held_on = '2027-01-10'"
            )
        connection.execute(
            "UPDATE person SET name = CAST(x'426f20ff' AS TEXT) WHERE id = ?", (tricky.bo,)
        )
    connection.close()
    for args in (["--json"], []):
        result = run_cli("--db", db, "conversations", "list", *args)
        assert result.code == 2
        assert result.err.count("\n") == 1 and "stopped partway" in result.err, result.err
        assert "Bo" not in result.err and "\\x" not in result.err
        assert result.out.count("[\n  {") == (1 if args else 0)  # begun once, never again
        assert result.out.count("2027-01-10") == (4000 if args else 0)  # two whole batches


def test_without_lang_the_table_is_in_one_language(
    run_cli, tricky: Tricky, db: str, monkeypatch
) -> None:
    """Without --lang the headings and the count line are English (the command line's words
    for scripts), while the app's language is Danish: under "Date", "Layer" and "Status" the
    rows said 01.02.2024, "Leder af medarbejdere", "Underskrevet". The rows now speak the
    language of the headings: the table is the one `--lang en` prints."""
    monkeypatch.delenv("PIPELINE_TUI_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    table = run_cli("--db", db, "conversations", "list", "--year", "2024")
    assert table.code == 0, table.err
    english = run_cli("--db", db, "--lang", "en", "conversations", "list", "--year", "2024")
    assert table.out == english.out and table.err == english.err
    assert "1 Feb 2024" in table.out and "01.02.2024" not in table.out
