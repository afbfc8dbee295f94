"""A PostgreSQL role that lacks a privilege the change needs (a role given SELECT only, or
the usual SELECT/INSERT/UPDATE/DELETE without UPDATE on the sequences, which an import
sets): the change is refused in one line of the user's language, exit code 2, nothing
changed and nothing in error.log. It was "unexpected error: ProgrammingError: permission
denied for table person", exit 1; in the app "Something unexpected went wrong ... Your
answers are saved" while the answer was not saved, and it was dropped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline_tui import config
from pipeline_tui.errors import StorageError
from pipeline_tui.store.repository import open_repository
from pipeline_tui.texts import locale, refusal

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

ROSTER = "name,email,title,unit,layer,manager_email\nBo Lund,bo.lund@example.dk,,,lead_self,\n"
SAID = {
    "en": "pipeline-tui: the database {db} does not let its role do this ({error}): nothing "
    "was changed; its administrator can grant the role the rights it needs "
    "(docs/postgresql.md)\n",
    "da": "pipeline-tui: databasen {db} giver ikke dens rolle lov til dette ({error}): intet "
    "er ændret; databasens administrator kan give rollen de rettigheder, den skal bruge "
    "(docs/postgresql.md)\n",
}


def _role(pg_cluster: Any, db: str, grants: str) -> Iterator[str]:
    name = db.rsplit("/", 1)[1]
    role = f"r_{name}"
    pg_cluster.admin(f'CREATE ROLE "{role}" LOGIN')
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=pg_cluster.port, user="postgres", dbname=name, autocommit=True
    ) as connection:
        connection.execute(grants.format(role=role))
    try:
        yield pg_cluster.url(name, user=role)
    finally:
        pg_cluster.drop(db)
        pg_cluster.admin(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture
def reader(db: str, sample_org: Any, pg_cluster: Any) -> Iterator[str]:
    """The sample organisation, as a role that may only read it."""
    yield from _role(pg_cluster, db, 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')


@pytest.fixture
def clerk(db: str, pg_cluster: Any) -> Iterator[str]:
    """An empty database at the current schema, as a role that may change rows but not
    set the id sequences."""
    yield from _role(
        pg_cluster,
        db,
        'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"; '
        'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"',
    )


def test_writing_commands_without_the_rights_are_refused_in_one_line(
    run_cli, reader: str, sample_org: Any, peek, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    before = peek("SELECT id, name FROM person ORDER BY id")
    shown = config.describe(reader)
    for lang in ("en", "da"):
        for command, table in (
            (("people", "import", roster), "person"),
            (("person", "erase", sample_org.jonas, "--yes"), "conversation"),
        ):
            done = run_cli("--lang", lang, "--db", reader, *command)
            error = f"permission denied for table {table}"
            assert (done.code, done.err.splitlines()[-1] + "\n") == (
                2,
                SAID[lang].format(db=shown, error=error),
            ), command
    assert peek("SELECT id, name FROM person ORDER BY id") == before
    assert not (config.cache_dir() / "error.log").exists()


def test_an_import_that_may_not_set_the_sequences_is_refused_whole(
    run_cli, clerk: str, tmp_path: Path
) -> None:
    """An export of a SQLite file, imported by a role that may add rows but not move the id
    sequences past them: refused whole, nothing imported."""
    source = tmp_path / "source.db"
    assert run_cli("--db", source, "people", "import", _roster(tmp_path)).code == 0
    exported = tmp_path / "all.json"
    assert run_cli("--db", source, "export", "-o", exported).code == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["tables"]["person"]
    done = run_cli("--db", clerk, "import", exported)
    error = "permission denied for sequence person_id_seq"
    assert (done.code, done.err) == (
        2,
        SAID["en"].format(db=config.describe(clerk), error=error),
    )
    assert run_cli("--db", clerk, "people", "list", "--json").out.strip() == "[]"
    assert not (config.cache_dir() / "error.log").exists()


def _roster(tmp_path: Path) -> Path:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    return roster


def test_a_store_write_without_the_rights_is_kept_to_try_again(reader: str) -> None:
    """The app's writes: a StorageError whose answer the app keeps and tries again (its
    administrator may grant the rights meanwhile), said in the app's language."""
    repository = open_repository(reader)
    try:
        with pytest.raises(StorageError) as caught:
            repository.people.create("Bo Lund", "lead_self", email="bo.lund@example.dk")
    finally:
        repository.close()
    error = caught.value
    assert (error.reason, error.transient) == ("denied", True)
    assert "\n" not in str(error)
    assert (
        refusal(error, locale("da"))
        == SAID["da"].format(
            db=config.describe(reader), error="permission denied for table person"
        )[len("pipeline-tui: ") : -1]
    )
