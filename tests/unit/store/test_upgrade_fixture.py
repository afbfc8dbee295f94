"""Upgrades (issue 7, guarantee 7) with real data: the demo organisation at the first schema.

test_upgrade_fixtures.py proves every kept schema revision upgrades with its
few hand-made rows. This file does the same for what a user's database looks
like after a year and a half: tests/fixtures/db/demo/<revision>.sqlite.gz holds
the whole demo organisation (28 people, 46 conversations, 1,213 ratings, ...)
at that revision (built by make_demo_fixture.py). A copy is read with the
stdlib sqlite3 module before and after the program upgrades it: every table,
every column, every row must be the same. Then the command line must read all
of it: people, conversations, every plan printed, an export that imports again.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pipeline_tui.store.revisions import HEAD, KNOWN_REVISIONS
from pipeline_tui.store.vetting import read_sqlite_state

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"
DEMO = sorted((FIXTURES / "demo").glob("*.sqlite.gz"))
Snapshot = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def revision_of(path: Path) -> str:
    return path.name.split(".")[0]


@pytest.fixture(scope="module")
def make_fixture() -> ModuleType:
    """tests/fixtures/db/make_fixture.py, for a database made by the migrations alone."""
    spec = importlib.util.spec_from_file_location("make_fixture_demo", FIXTURES / "make_fixture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=DEMO, ids=revision_of)
def kept(request: pytest.FixtureRequest) -> Path:
    return request.param


@pytest.fixture
def old_copy(kept: Path, tmp_path: Path) -> Path:
    """A fresh, unzipped copy of the kept file; the kept file itself must not change."""
    before = hashlib.sha256(kept.read_bytes()).hexdigest()
    copy = tmp_path / f"{revision_of(kept)}-demo.db"
    copy.write_bytes(gzip.decompress(kept.read_bytes()))
    yield copy
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == before


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def snapshot(path: Path) -> Snapshot:
    """Every table's columns and rows (in rowid order), read with the stdlib, read-only."""
    connection = read_only(path)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        tables: Snapshot = {}
        for name in names:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')]
            rows = connection.execute(
                f'SELECT {", ".join(columns)} FROM "{name}" ORDER BY rowid'
            ).fetchall()
            tables[name] = (columns, rows)
        return tables
    finally:
        connection.close()


def schema(path: Path) -> list[tuple[str, str, str, str]]:
    connection = read_only(path)
    try:
        return connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()


def dicts(tables: Snapshot, name: str) -> list[dict[str, Any]]:
    columns, rows = tables[name]
    return [dict(zip(columns, row, strict=True)) for row in rows]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(source: str) -> str:
    """The text a browser shows, whitespace collapsed."""
    parser = _Text()
    parser.feed(source)
    return " ".join(" ".join(parser.parts).split())


def test_there_is_a_demo_fixture_of_the_first_schema() -> None:
    """Upgrades: the demo organisation is kept at the first released schema revision."""
    assert [revision_of(path) for path in DEMO][:1] == [KNOWN_REVISIONS[0]]
    assert all(revision_of(path) in KNOWN_REVISIONS for path in DEMO)


def test_demo_fixture_is_a_database_of_its_revision(
    kept: Path, old_copy: Path, tmp_path: Path, make_fixture: ModuleType
) -> None:
    """Upgrades: the kept demo database has exactly the schema its revision's migrations make."""
    revision = revision_of(kept)
    assert read_sqlite_state(old_copy).revision == revision
    fresh = tmp_path / "fresh.db"
    make_fixture.create_schema(fresh, revision)
    assert schema(old_copy) == schema(fresh)


def test_demo_database_upgrades_with_every_row_of_every_table(old_copy: Path, run_cli) -> None:
    """Upgrades: the demo database at HEAD has every column of every row of every table."""
    before = snapshot(old_copy)
    counts = {name: len(rows) for name, (_columns, rows) in before.items()}
    assert counts["person"] == 28 and counts["conversation"] == 46
    assert counts["rating"] > 1000 and counts["action"] > 200 and counts["goal"] > 100

    result = run_cli("--db", old_copy, "db", "upgrade")
    assert result.code == 0, result.err
    assert f"schema {HEAD}" in result.out
    assert read_sqlite_state(old_copy).revision == HEAD

    after = snapshot(old_copy)
    assert set(after) >= set(before)
    for name, (columns, rows) in before.items():
        new_columns, new_rows = after[name]
        assert set(new_columns) >= set(columns), name
        keep = [new_columns.index(column) for column in columns]
        assert [tuple(row[i] for i in keep) for row in new_rows] == rows, name
    connection = read_only(old_copy)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def test_the_cli_reads_every_person_conversation_and_plan_of_the_old_demo(
    old_copy: Path, tmp_path: Path, run_cli
) -> None:
    """Upgrades: the CLI lists, prints every plan of, and exports the old demo database."""
    before = snapshot(old_copy)
    people = dicts(before, "person")
    listed = run_cli("--db", old_copy, "people", "list", "--json")  # the first command upgrades
    assert listed.code == 0, listed.err
    assert sorted((p["name"], p["email"]) for p in json.loads(listed.out)) == sorted(
        (p["name"], p["email"]) for p in people
    )
    assert all(p["email"].endswith("@fjordklinikken.dk") for p in people)

    talks = run_cli("--db", old_copy, "conversations", "list", "--json")
    assert talks.code == 0, talks.err
    stored = dicts(before, "conversation")
    assert sorted(c["id"] for c in json.loads(talks.out)) == [c["id"] for c in stored]
    assert {c["status"] for c in stored} == {"draft", "in_progress", "completed", "signed"}

    name_of = {p["id"]: p["name"] for p in people}
    plan_of = {p["conversation_id"]: p["id"] for p in dicts(before, "plan")}
    goals = dicts(before, "goal")
    for talk in stored:
        target = tmp_path / f"plan-{talk['id']}.html"
        args = ("plan", "print", str(talk["id"]), "--format", "html", "--output", target)
        printed = run_cli("--db", old_copy, *args)
        assert printed.code == 0, printed.err
        shown = html_text(target.read_text(encoding="utf-8"))
        assert name_of[talk["person_id"]] in shown
        for goal in goals:
            if goal["plan_id"] == plan_of[talk["id"]] and goal["title"]:
                assert " ".join(goal["title"].split()) in shown, (talk["id"], goal["title"])

    exported = run_cli("--db", old_copy, "export")
    assert exported.code == 0, exported.err
    document = json.loads(exported.out)
    assert document["schema_revision"] == HEAD
    assert {name: len(rows) for name, rows in document["tables"].items()} == {
        **{name: len(rows) for name, (_columns, rows) in before.items()},
        "feedback_rater": 0,  # tables added after 0001 (by 0004)
        "feedback_answer": 0,
    }
    file = tmp_path / "export.json"
    file.write_text(exported.out, encoding="utf-8")
    again = tmp_path / "again.db"
    imported = run_cli("--db", again, "import", file)
    assert imported.code == 0, imported.err
    assert run_cli("--db", again, "export").out == exported.out


class _GroupedSums:
    """The overview's figures with the rating sums summed over the ratings themselves
    (the GROUP BY the overview ran before migration 0008), the rest as `reader` reads them."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)

    def rating_aggregates(self, year: int, person_ids: Any = None) -> Any:
        everyone = [p.id for p in self._reader.people()] if person_ids is None else person_ids
        found = self._reader.rating_aggregates(year, everyone)
        return sorted(found, key=lambda a: (a.layer, a.expectation_id, a.rater))


@pytest.mark.cold_pack_cache  # the full load below writes the cache
def test_the_upgrade_sums_the_demos_ratings_and_the_overview_is_unchanged(
    old_copy: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Upgrades: migration 0008 fills the kept rating sums from the demo's ratings (the
    GROUP BY over them, year by year), and `overview --format json`, reading those sums and
    the pack's names from the packs' cache, writes for each year the very bytes the
    overview makes from the ratings themselves and the pack loaded in full."""
    from pipeline_tui.cli.common import dump_json
    from pipeline_tui.cli.overview import as_data
    from pipeline_tui.core.overview import overview
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.store.queries import sqlite_reader

    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-11-23")
    result = run_cli("--db", old_copy, "db", "upgrade")
    assert result.code == 0, result.err
    connection = read_only(old_copy)
    try:
        kept_sums = connection.execute(
            "SELECT expectation_id, rater, year, layer, n, total, total_sq FROM rating_sum "
            "ORDER BY 1, 2, 3, 4"
        ).fetchall()
        summed = connection.execute(
            "SELECT r.expectation_id, r.rater, CAST(substr(c.held_on, 1, 4) AS INTEGER), "
            "c.layer, COUNT(r.score), SUM(r.score), SUM(r.score * r.score) "
            "FROM rating r JOIN conversation c ON c.id = r.conversation_id "
            "WHERE c.status IN ('in_progress', 'completed', 'signed') AND r.score IS NOT NULL "
            "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        ).fetchall()
        years = [row[0] for row in connection.execute("SELECT DISTINCT year FROM rating_sum")]
    finally:
        connection.close()
    assert len(kept_sums) > 50 and kept_sums == summed
    assert len(years) >= 2
    pack = load_packs(None).default  # the full load (pydantic), which also writes the cache
    opened = sqlite_reader(old_copy)
    assert opened is not None
    reader, close = opened
    try:
        for year in years:
            shown = run_cli("--db", old_copy, "overview", "--format", "json", "--year", str(year))
            assert shown.code == 0, shown.err
            view = overview(_GroupedSums(reader), pack, year)
            assert shown.out == dump_json(as_data(view, pack, "da")), year
            assert json.loads(shown.out)["weakest"], year
    finally:
        close()
