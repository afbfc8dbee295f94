"""One module of queries (`store.queries`): the stdlib reader behind `plan print` and the
first screen returns exactly what the stores return, and no other module holds SQL."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pipeline_tui.demo import build_demo
from pipeline_tui.errors import NotFoundError
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.queries import COLUMNS, Reader, as_moment, sqlite_reader
from pipeline_tui.store.repository import Repository

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"
SOURCE = Path(__file__).resolve().parents[3] / "src" / "pipeline_tui"


def open_fast_reader(path: Path | None) -> Reader | None:
    """The stdlib reader on `path`, with its close function as `close`."""
    opened = sqlite_reader(path)
    if opened is None:
        return None
    reader, close = opened
    reader.close = close  # type: ignore[attr-defined]
    return reader


@pytest.fixture
def demo(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> Repository:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-11-23")
    build_demo(repo, load_packs(None).default)
    return repo


def test_every_demo_conversation_reads_the_same(demo: Repository, db_path: Path) -> None:
    """Detail, person and previous plan of each demo conversation equal the stores' records."""
    reader = open_fast_reader(db_path)
    assert reader is not None
    try:
        conversations = demo.conversations.list()
        assert len(conversations) > 20
        for summary in conversations:
            stored = demo.conversations.detail(summary.id)
            assert reader.detail(summary.id) == stored
            person = stored.conversation.person_id
            assert reader.person(person) == demo.people.get(person)
            assert reader.previous_plan(
                person, before_conversation_id=summary.id
            ) == demo.plans.previous_plan(person, before_conversation_id=summary.id)
    finally:
        reader.close()


def test_unknown_ids_are_refused_like_the_stores(demo: Repository, db_path: Path) -> None:
    """A missing conversation or person raises the same NotFoundError message."""
    reader = open_fast_reader(db_path)
    assert reader is not None
    try:
        with pytest.raises(NotFoundError, match="no conversation with id 99999"):
            reader.detail(99999)
        with pytest.raises(NotFoundError, match="no person with id 99999"):
            reader.person(99999)
    finally:
        reader.close()


def test_fast_path_only_for_a_current_local_file(tmp_path: Path) -> None:
    """No file, not a database, or an older schema: no fast reader (the stores decide)."""
    assert open_fast_reader(None) is None
    assert open_fast_reader(tmp_path / "missing.db") is None
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    assert open_fast_reader(text) is None
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "0001.sqlite", old)
    assert open_fast_reader(old) is None


def test_plan_print_of_an_older_database_upgrades_it(
    demo: Repository, db_path: Path, run_cli
) -> None:
    """`plan print` on a file at schema 0001 goes through the stores, upgrades it and prints."""
    signed = next(c for c in demo.conversations.list() if c.status == "signed")
    expected = run_cli("--db", db_path, "plan", "print", str(signed.id), "--lang", "en")
    demo.close()
    connection = sqlite3.connect(db_path)  # back to revision 0001: without 0002's-0008's
    with connection:
        for trigger in (
            "rating_sum_insert",
            "rating_sum_delete",
            "rating_sum_update",
            "rating_sum_conversation_update",
            "rating_sum_conversation_delete",
        ):
            connection.execute(f"DROP TRIGGER {trigger}")  # 0008's
        connection.execute("DROP TABLE rating_sum")
        connection.execute("DROP INDEX ix_conversation_person_summary")
        connection.execute("DROP TABLE feedback_answer")
        connection.execute("DROP TABLE feedback_rater")
        connection.execute("ALTER TABLE plan DROP COLUMN readiness_note")
        connection.execute("ALTER TABLE plan DROP COLUMN readiness")
        for index in (
            "ix_conversation_conductor_id",
            "ix_goal_reviewed_in_id",
            "ix_goal_carried_from_id",
        ):
            connection.execute(f"DROP INDEX {index}")
        connection.execute("ALTER TABLE erasure DROP COLUMN erased_ids")
        connection.execute("DROP TABLE copy_made")
        connection.execute("DROP TABLE invitation")  # 0006's
        connection.execute("DROP INDEX ix_conversation_held_on")
        connection.execute("DROP INDEX ix_rating_scores")
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.close()
    assert open_fast_reader(db_path) is None
    result = run_cli("--db", db_path, "plan", "print", str(signed.id), "--lang", "en")
    assert result.code == 0, result.err
    assert result.out == expected.out and signed.person_name in result.out
    assert open_fast_reader(db_path) is not None


def test_no_module_but_the_queries_holds_select_text() -> None:
    """Every read lives once: SQL text is in `store.queries`, nowhere else in the program."""
    holding = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if path.name != "queries.py" and "SELECT " in path.read_text(encoding="utf-8")
    )
    assert holding == []


def test_the_columns_read_are_the_tables_columns() -> None:
    """The queries name each column; every one of them is a column of its table."""
    from pipeline_tui.store import models as m

    tables = {model.__tablename__: model.__table__ for model in m.TABLES}
    for table, columns in COLUMNS.items():
        assert set(columns) <= set(tables[table].columns.keys()), table


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("2026-12-06 13:11:15.093594", datetime(2026, 12, 6, 13, 11, 15, 93594, tzinfo=UTC)),
        ("2026-12-06 13:11:15", datetime(2026, 12, 6, 13, 11, 15, tzinfo=UTC)),
        ("2026-12-06T13:11", datetime(2026, 12, 6, 13, 11, tzinfo=UTC)),
        ("2026-12-06", datetime(2026, 12, 6, tzinfo=UTC)),
        ("2026-12-06 13:11:15+01:00", datetime(2026, 12, 6, 12, 11, 15, tzinfo=UTC)),
        ("2026-12-06T13:11:15Z", datetime(2026, 12, 6, 13, 11, 15, tzinfo=UTC)),
        ("2026-12-06 13:11:15-05:30", datetime(2026, 12, 6, 18, 41, 15, tzinfo=UTC)),
        (datetime(2026, 12, 6, 13, 11), datetime(2026, 12, 6, 13, 11, tzinfo=UTC)),
    ],
)
def test_a_stored_moment_is_read_as_utc(stored: object, expected: datetime) -> None:
    """SQLite's text without an offset is UTC (read in one step), with one it is converted;
    PostgreSQL's values come as datetimes."""
    read = as_moment(stored)
    assert read == expected and read is not None and read.utcoffset() == timedelta(0)
