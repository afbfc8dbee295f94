"""Upgrades (issue 7, guarantee 7): every kept fixture database opens at HEAD with every row.

tests/fixtures/db holds one small database per schema revision, built by
make_fixture.py (`--revision REV`). Each is copied, opened through the program
(which upgrades it through every later migration) and read back row by row,
then through the command line (`export`, `overview --format json`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pipeline_tui.store.repository import open_repository
from pipeline_tui.store.revisions import HEAD, KNOWN_REVISIONS
from pipeline_tui.store.vetting import read_sqlite_state

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"
KEPT = sorted(FIXTURES.glob("*.sqlite"))
NOT_EXPORTED = {"invitation"}  # the program's bookkeeping (a link's hash), not data


@pytest.fixture(scope="module")
def make_fixture() -> ModuleType:
    """The script that builds the fixture databases, loaded as a module."""
    spec = importlib.util.spec_from_file_location("make_fixture_rev", FIXTURES / "make_fixture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table_rows(path: Path, expected: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict]]:
    """Every row of the tables of `expected` (not only those expected), limited to its columns."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        found = {}
        for table, rows in expected.items():
            columns = list(rows[0])
            cursor = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
            found[table] = [dict(zip(columns, row, strict=True)) for row in cursor]
        return found
    finally:
        connection.close()


def schema(path: Path) -> list[tuple[str, str, str]]:
    """Every table and index with its definition; a table's columns and constraints as a
    sorted list: Alembic's batch mode (SQLite's ALTER TABLE) writes the constraints of a
    table it rebuilds in an order that changes from run to run (a set's)."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
    return [(kind, name, _parts(sql) if kind == "table" else sql) for kind, name, sql in rows]


def _parts(sql: str) -> str:
    head, _, body = sql.partition("(")
    parts = sorted(part.strip() for part in body.rstrip().removesuffix(")").split(", \n"))
    return f"{head}({' | '.join(parts)})"


def as_exported(stored: Any, exported: Any) -> Any:
    """A value of make_fixture.ROWS in the form `export` writes it (ISO times, JSON, booleans)."""
    if isinstance(exported, bool):
        return bool(stored)
    if isinstance(exported, (dict, list)) and isinstance(stored, str):
        return json.loads(stored)
    timestamp = isinstance(stored, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\S+", stored)
    if timestamp and isinstance(exported, str):
        return datetime.fromisoformat(stored).replace(tzinfo=UTC).isoformat()
    return stored


def revision_of(path: Path) -> str:
    return path.stem


def test_there_is_a_fixture_for_every_known_revision(make_fixture: ModuleType) -> None:
    """Upgrades: every schema revision the program knows has its kept fixture database."""
    kept = {revision_of(path): path for path in KEPT}
    assert set(kept) == set(KNOWN_REVISIONS), (
        "add tests/fixtures/db/<rev>.sqlite with "
        "`.venv/bin/python tests/fixtures/db/make_fixture.py --revision <rev>`"
    )
    for revision, path in kept.items():
        assert make_fixture.fixture_path(revision) == path
        assert read_sqlite_state(path).revision == revision


@pytest.mark.parametrize("kept", KEPT, ids=revision_of)
def test_kept_fixture_is_what_make_fixture_builds(
    kept: Path, tmp_path: Path, make_fixture: ModuleType
) -> None:
    """Upgrades: a kept fixture has the schema of its revision's migrations and exactly ROWS."""
    fresh = make_fixture.build(tmp_path / kept.name, revision_of(kept))
    assert schema(kept) == schema(fresh)
    rows = make_fixture.rows_for(revision_of(kept))
    assert table_rows(kept, rows) == table_rows(fresh, rows) == rows


@pytest.mark.parametrize("kept", KEPT, ids=revision_of)
def test_kept_fixture_upgrades_to_head_with_every_row(
    kept: Path, tmp_path: Path, make_fixture: ModuleType, run_cli
) -> None:
    """Upgrades: a copy of each kept fixture opens at HEAD, rows intact, readable by the CLI."""
    before = hashlib.sha256(kept.read_bytes()).hexdigest()
    copy = Path(shutil.copyfile(kept, tmp_path / kept.name))
    rows = make_fixture.rows_for(revision_of(kept))

    repository = open_repository(str(copy))
    try:
        names = [person.name for person in repository.people.list()]
        assert sorted(names) == sorted(row["name"] for row in rows["person"])
        detail = repository.conversations.detail(1)
        assert len(detail.ratings) == len(rows["rating"])
        assert len(detail.picks) == len(rows["card_pick"])
        assert [len(goal.actions) for goal in detail.plan.goals] == [
            sum(1 for action in rows["action"] if action["goal_id"] == goal["id"])
            for goal in rows["goal"]
        ]
    finally:
        repository.close()
    assert read_sqlite_state(copy).revision == HEAD
    assert table_rows(copy, rows) == rows

    exported = run_cli("--db", copy, "export")
    assert exported.code == 0, exported.err
    document = json.loads(exported.out)
    assert document["schema_revision"] == HEAD
    for table, expected in rows.items():
        if table in NOT_EXPORTED:
            continue
        got = document["tables"][table]
        assert len(got) == len(expected), table
        for want, row in zip(expected, got, strict=True):
            assert {k: row[k] for k in want} == {k: as_exported(v, row[k]) for k, v in want.items()}

    overview = run_cli("--db", copy, "overview", "--year", "2026", "--format", "json")
    assert overview.code == 0, overview.err
    total = json.loads(overview.out)["total"]
    signed = sum(1 for plan in rows["plan"] if plan["signed_by_person_at"])
    assert (total["people"], total["held"], total["signed_plan"]) == (
        len(rows["person"]),
        len(rows["conversation"]),
        signed,
    )
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("kept", KEPT, ids=revision_of)
def test_the_cli_upgrades_a_kept_fixture_itself(
    kept: Path, tmp_path: Path, make_fixture: ModuleType, run_cli
) -> None:
    """Upgrades: `overview --format json` run first on an old copy upgrades it and counts it."""
    copy = Path(shutil.copyfile(kept, tmp_path / kept.name))
    overview = run_cli("--db", copy, "overview", "--year", "2026", "--format", "json")
    assert overview.code == 0, overview.err
    assert json.loads(overview.out)["total"]["people"] == len(make_fixture.ROWS["person"])
    assert read_sqlite_state(copy).revision == HEAD
    rows = make_fixture.rows_for(revision_of(kept))
    assert table_rows(copy, rows) == rows
