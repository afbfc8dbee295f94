"""Schema migrations: revisions known to the program, models agreeing with them, upgrades."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from pipeline_tui.store import models
from pipeline_tui.store.migrate import migrations_dir, open_engine
from pipeline_tui.store.repository import Repository
from pipeline_tui.store.revisions import HEAD, KNOWN_REVISIONS
from pipeline_tui.store.vetting import read_sqlite_state

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"


@pytest.fixture(scope="module")
def make_fixture() -> ModuleType:
    """The script that builds tests/fixtures/db/0001.sqlite, loaded as a module."""
    spec = importlib.util.spec_from_file_location("make_fixture", FIXTURES / "make_fixture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return ScriptDirectory.from_config(config)


def stored_rows(path: Path, expected: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The rows of `path`, limited to the tables and columns of `expected`."""
    connection = sqlite3.connect(path)
    try:
        found = {}
        for table, rows in expected.items():
            columns = list(rows[0])
            cursor = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
            found[table] = [dict(zip(columns, row, strict=True)) for row in cursor]
        return found
    finally:
        connection.close()


def test_known_revisions_match_the_scripts() -> None:
    """store/revisions.py lists exactly the scripts in db/versions, oldest first, one head."""
    directory = scripts()
    chain = [script.revision for script in reversed(list(directory.walk_revisions()))]
    assert tuple(chain) == KNOWN_REVISIONS
    assert directory.get_heads() == [HEAD]


def test_models_and_migrations_agree(db_path: Path) -> None:
    """Autogenerate finds nothing to change between the models and a migrated database."""
    engine = open_engine(str(db_path))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == []
    exported = {model.__tablename__ for model in models.TABLES}
    # bookkeeping, and the rating sums the database keeps (derived data)
    assert set(SQLModel.metadata.tables) == exported | {"copy_made", "invitation", "rating_sum"}


def test_upgrade_from_the_initial_revision_keeps_every_row(
    tmp_path: Path, make_fixture: ModuleType
) -> None:
    """A database made by revision 0001 with rows in it opens at HEAD with every row intact."""
    old = make_fixture.build(tmp_path / "old.db")
    assert read_sqlite_state(old).revision == "0001"
    engine = open_engine(str(old))
    try:
        repo = Repository(engine, str(old))
        detail = repo.conversations.detail(1)
        assert detail.conversation.status == "signed"
        assert len(detail.ratings) == 3 and len(detail.picks) == 3
        assert [len(goal.actions) for goal in detail.plan.goals] == [2, 1]
    finally:
        engine.dispose()
    assert read_sqlite_state(old).revision == HEAD
    assert stored_rows(old, make_fixture.ROWS) == make_fixture.ROWS
    upgraded = Repository(open_engine(str(old)), str(old))
    try:
        added = upgraded.people.create(
            "Ny Person", "lead_self", email="ny@example.dk", manager_id=2
        )
        assert (added.id, added.manager_name) == (4, "Anna Berg")
    finally:
        upgraded.close()


def test_kept_0001_fixture_opens_with_every_row(tmp_path: Path, make_fixture: ModuleType) -> None:
    """A copy of tests/fixtures/db/0001.sqlite opens through the program and has every row."""
    kept = FIXTURES / "0001.sqlite"
    before = hashlib.sha256(kept.read_bytes()).hexdigest()
    copy = Path(shutil.copyfile(kept, tmp_path / "0001.sqlite"))
    assert read_sqlite_state(copy).revision == "0001"
    engine = open_engine(str(copy))
    try:
        repo = Repository(engine, str(copy))
        assert [p.name for p in repo.people.list()] == ["Anna Berg", "Mette Holm", "Søren Æbeløe"]
        [summary] = repo.conversations.list()
        assert (summary.person_name, summary.goals, summary.plan_signed) == ("Anna Berg", 2, True)
        plan = repo.plans.get(1)
        assert plan.goals[1].carried_from_id == plan.goals[0].id
        assert repo.conversations.detail(1).snapshot == make_fixture.SNAPSHOT_TEXTS
    finally:
        engine.dispose()
    assert read_sqlite_state(copy).revision == HEAD
    assert stored_rows(copy, make_fixture.ROWS) == make_fixture.ROWS
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("typed", "stored", "wanted"),
    [
        ("Mette Holm", 1, 1),  # the name of the person referenced: kept
        ("Anna Berg", 1, 2),  # retyped in the setup step, the reference was left behind
        ("ANNA.BERG@example.dk", None, 2),  # an email of one person
        ("Ekstern konsulent", 1, None),  # an outsider: text only
        ("Søren Æbeløe", None, None),  # two people of that name (one added below): text only
    ],
)
def test_0003_points_the_conductor_at_the_person_named(
    tmp_path: Path, make_fixture: ModuleType, typed: str, stored: int | None, wanted: int | None
) -> None:
    """Upgrading to 0003 makes who conducted a reference wherever the typed name is exactly
    one person, and keeps the typed text."""
    old = make_fixture.build(tmp_path / "old.db", "0002")
    connection = sqlite3.connect(old)
    with connection:
        connection.execute(
            "INSERT INTO person (id, name, email, title, unit, layer, created_at, updated_at, "
            "version) SELECT 4, name, 'soren2@example.dk', title, unit, layer, created_at, "
            "updated_at, version FROM person WHERE id = 3"
        )
        connection.execute(
            "UPDATE conversation SET conducted_by = ?, conductor_id = ? WHERE id = 1",
            (typed, stored),
        )
    connection.close()
    open_engine(str(old)).dispose()
    connection = sqlite3.connect(old)
    try:
        row = connection.execute("SELECT conducted_by, conductor_id FROM conversation").fetchall()
    finally:
        connection.close()
    assert row == [(typed, wanted)]


def schema_of(path: Path) -> tuple[str, list[tuple[str, str, str, object]]]:
    """The revision and every table, index and trigger; a table's columns and constraints
    as a set (a table rebuilt by a batch migration lists its constraints in any order)."""
    connection = sqlite3.connect(path)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        rows = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
    schema = []
    for kind, name, table, sql in rows:
        if kind == "table" and sql:
            head, _, body = sql.partition("(")
            parts = frozenset(part.strip() for part in body[: body.rindex(")")].split(", \n"))
            schema.append((kind, name.strip('"'), table, (head.replace('"', ""), parts)))
        else:
            schema.append((kind, name, table, sql))
    return revision, schema


def test_a_new_database_has_the_schema_the_migrations_make(tmp_path: Path) -> None:
    """A new SQLite database is made from db/head_schema.json (no Alembic); it is the very
    schema that running every migration makes: tables, indexes, triggers, the revision."""
    from pipeline_tui.store.engine import make_engine
    from pipeline_tui.store.migrate import upgrade
    from pipeline_tui.store.revisions import HEAD_SCHEMA

    saved = json.loads((migrations_dir() / HEAD_SCHEMA).read_text(encoding="utf-8"))
    assert saved["revision"] == HEAD, "a migration was added: run python db/dump_head_schema.py"

    migrated = tmp_path / "migrated.db"
    engine = make_engine(str(migrated))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    made = tmp_path / "made.db"
    open_engine(str(made)).dispose()

    assert schema_of(made) == schema_of(migrated)
    assert schema_of(made)[0] == HEAD
    assert any(kind == "trigger" for kind, *_ in schema_of(made)[1])  # the rating sums'


def test_a_new_database_is_made_without_alembic(tmp_path: Path) -> None:
    """The first start of a new user does not import Alembic or run eight migrations."""
    script = (
        "import sys\n"
        "from pipeline_tui.store.repository import open_repository\n"
        f"open_repository({str(tmp_path / 'new.db')!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
    assert read_sqlite_state(tmp_path / "new.db").revision == HEAD
