"""`demo` and `demo --reset`: the demo opens and throws away only a demo database it made,
never a database someone has (a copy of the demo with their changes, another database, a
text file, a server): refused in one line, exit 2, the file's bytes unchanged."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline_tui import config
from pipeline_tui.config import Settings
from pipeline_tui.demo import ensure_demo_database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_name(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT name FROM person WHERE id = 1").fetchone()[0]
    finally:
        connection.close()


def rename_first(path: Path, name: str) -> None:
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("UPDATE person SET name = ? WHERE id = 1", (name,))
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


@pytest.fixture(autouse=True)
def _no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused `demo` never reaches the app (were it opened, the test would fail, not wait)."""

    def opened(*_args: object, **_kwargs: object) -> int:
        raise AssertionError("the app was opened")

    monkeypatch.setattr("pipeline_tui.cli.app.run_app", opened)


@pytest.fixture(scope="module")
def made_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database as `pipeline-tui demo --db FILE` makes it (built once per module)."""
    path = tmp_path_factory.mktemp("made") / "demo.db"
    ensure_demo_database(str(path), Settings())
    return path


def test_reset_refuses_a_copy_of_the_demo_with_someones_data(
    run_cli, made_demo: Path, tmp_path: Path, monkeypatch
) -> None:
    """The tester's case: the demo copied to real.db and changed there; `demo --reset` with
    --db (or PIPELINE_TUI_DB) naming real.db deleted and rebuilt it. Now refused."""
    real = tmp_path / "real.db"
    shutil.copy2(made_demo, real)
    rename_first(real, "REAL DATA")
    before = digest(real)
    result = run_cli("--db", real, "demo", "--reset")
    assert result.code == 2, result
    assert result.err == (
        f"pipeline-tui: {real} is not a demo database made there by pipeline-tui demo: "
        f"--reset throws away only such a one, and {real} was left untouched\n"
    )
    monkeypatch.setenv("PIPELINE_TUI_DB", str(real))
    danish = run_cli("--lang", "da", "demo", "--reset")
    assert danish.code == 2
    assert danish.err == (
        f"pipeline-tui: {real} er ikke en demodatabase, som pipeline-tui demo har lavet dér: "
        f"--reset smider kun sådan en væk, og {real} er ikke rørt\n"
    )
    assert digest(real) == before and first_name(real) == "REAL DATA"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real.db"]


def test_demo_leaves_a_file_that_is_no_demo_database_alone(
    run_cli, templates, tmp_path: Path
) -> None:
    """A pipeline-tui database of someone's (not made by the demo) and a text file given as
    --db: neither is opened by `demo` nor thrown away by `demo --reset`."""
    real = tmp_path / "pipeline.db"
    templates.sample_org(real)
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n", encoding="utf-8")
    for path in (real, text):
        before = digest(path)
        opened = run_cli("--db", path, "demo")
        assert opened.code == 2, opened
        assert opened.err == (
            f"pipeline-tui: {path} is not a demo database: pipeline-tui demo opens only one "
            f"it made, and {path} was left untouched (open it without demo: "
            f"pipeline-tui --db {path})\n"
        )
        reset = run_cli("--db", path, "demo", "--reset")
        assert reset.code == 2, reset
        assert "--reset throws away only such a one" in reset.err
        assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "pipeline.db"]


def test_reset_refuses_a_folder_and_a_server(run_cli, tmp_path: Path) -> None:
    """A folder as --db is no database to throw away; on a server --reset would throw
    nothing away (and fill a database that is someone's): refused before connecting."""
    folder = tmp_path / "folder.db"
    folder.mkdir()
    (folder / "kept").write_text("x", encoding="utf-8")
    result = run_cli("--db", folder, "demo", "--reset")
    assert (result.code, result.err) == (
        2,
        f"pipeline-tui: {folder} is a folder, not a database file\n",
    )
    assert (folder / "kept").read_text(encoding="utf-8") == "x"
    server = run_cli("--db", "postgresql://hr:hemmelig@127.0.0.1:1/pipeline", "demo", "--reset")
    assert (server.code, server.err) == (
        2,
        "pipeline-tui: --reset throws away a demo database file only: "
        "postgresql://hr:***@127.0.0.1:1/pipeline is a database server, left untouched\n",
    )


def test_reset_makes_the_demo_it_made_anew(tmp_path: Path) -> None:
    """What --reset throws away: the file the demo made at that place (marked in its
    header), and the demo's own file in the data folder whatever is in it."""
    from pipeline_tui.demo import is_demo_database, made_here

    made = tmp_path / "mine.db"
    ensure_demo_database(str(made), Settings())
    assert is_demo_database(made) and made_here(made)
    rename_first(made, "Changed in the demo")
    ensure_demo_database(str(made), Settings(), reset=True)
    assert first_name(made) != "Changed in the demo" and made_here(made)
    moved = tmp_path / "moved.db"
    made.rename(moved)  # a demo elsewhere is a demo to open, not one made there
    assert is_demo_database(moved) and not made_here(moved)
    ensure_demo_database(str(moved), Settings())  # opens: nothing refused
    own = config.demo_db_path()
    own.parent.mkdir(parents=True)
    own.write_text("not even a database", encoding="utf-8")
    ensure_demo_database(str(own), Settings(), reset=True)
    assert made_here(own) and first_name(own)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_server_database_with_people_is_no_demo(
    run_cli, db: str, sample_org, peek, monkeypatch
) -> None:
    """A department's server database given to `pipeline-tui demo`: it holds no demo mark,
    and the demo opened the department's own as its demo, its plans printed under the demo
    organisation's name. One with people in it is refused, untouched, in the language
    asked (an empty one named with --db still gets the demo built into it)."""
    monkeypatch.setattr("pipeline_tui.cli.app.run_app", lambda settings: 0)  # no terminal here
    before = peek("SELECT id, name FROM person ORDER BY id")
    shown = config.describe(db)
    said = {
        "en": f"pipeline-tui: {shown} holds people already: on a database server "
        "pipeline-tui demo builds its organisation only into an empty database, and "
        f"{shown} was left untouched (open it without demo: pipeline-tui --db URL)\n",
        "da": f"pipeline-tui: {shown} indeholder allerede personer: på en databaseserver "
        "bygger pipeline-tui demo kun sin organisation i en tom database, og "
        f"{shown} er ikke rørt (åbn den uden demo: pipeline-tui --db URL)\n",
    }
    for lang in ("en", "da"):
        result = run_cli("--lang", lang, "--db", db, "demo")
        assert (result.code, result.err) == (2, said[lang])
    assert peek("SELECT id, name FROM person ORDER BY id") == before


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_the_department_server_in_the_environment_gets_no_demo(
    run_cli, db: str, peek, monkeypatch
) -> None:
    """The department's new, empty database set for every command (PIPELINE_TUI_DB, as
    docs/postgresql.md shows), and `pipeline-tui demo` to try the demo first: the demo
    organisation's 28 people and their conversations were built into the department's
    database. A server from the environment is refused; nothing is made."""
    monkeypatch.setattr("pipeline_tui.cli.app.run_app", lambda settings: 0)  # no terminal here
    monkeypatch.setenv("PIPELINE_TUI_DB", db)
    result = run_cli("demo")
    assert (result.code, result.err) == (
        2,
        f"pipeline-tui: PIPELINE_TUI_DB names a database server ({config.describe(db)}): "
        "pipeline-tui demo builds its organisation on a server only into a database named "
        "with --db; nothing was changed (for the demo's own file: PIPELINE_TUI_DB= "
        "pipeline-tui demo)\n",
    )
    assert peek("SELECT count(*) FROM person") == [(0,)]


def test_a_server_database_with_people_at_an_older_schema_is_not_upgraded_by_the_demo(
    run_cli, pg_cluster, monkeypatch
) -> None:
    """The refusal comes before the storage layer opens the database: one at an older
    schema is left at it (the demo upgraded it first, then found people in it)."""
    from alembic import command
    from alembic.config import Config

    from pipeline_tui.store.engine import make_engine, writer
    from pipeline_tui.store.revisions import migrations_dir

    monkeypatch.setattr("pipeline_tui.cli.app.run_app", lambda settings: 0)  # no terminal here
    url = pg_cluster.new_database()
    engine = make_engine(url)
    try:
        settings = Config()
        settings.set_main_option("script_location", str(migrations_dir()))
        with writer(engine).begin() as connection:
            settings.attributes["connection"] = connection
            command.upgrade(settings, "0004")
            connection.exec_driver_sql(
                "INSERT INTO person (created_at, updated_at, version, name, email, title, unit, "
                "layer) VALUES (now(), now(), 1, 'Bo Lund', 'bo@example.dk', '', '', 'lead_self')"
            )
        result = run_cli("--db", url, "demo")
        assert result.code == 2 and "holds people already" in result.err, result
        with engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert revision.scalar() == "0004"
    finally:
        engine.dispose()
        pg_cluster.drop(url)
