"""db path / upgrade / backup: storage housekeeping from the command line."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from pathlib import Path

from pipeline_tui import config
from pipeline_tui.store.repository import Repository
from pipeline_tui.store.revisions import HEAD
from pipeline_tui.store.vetting import read_sqlite_state

FIXTURE_0001 = Path(__file__).resolve().parents[2] / "fixtures" / "db" / "0001.sqlite"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_db_path_names_the_file_without_creating_it(run_cli, db_path: Path) -> None:
    """`db path` prints the database given by --db, or the default one, and creates nothing."""
    result = run_cli("--db", db_path, "db", "path")
    assert (result.code, result.out) == (0, f"{db_path}\n")
    default = run_cli("db", "path")
    assert (default.code, default.out) == (0, f"{config.default_db_path()}\n")
    assert not db_path.exists() and not config.default_db_path().exists()


def test_db_path_follows_the_environment(run_cli, db_path: Path, monkeypatch) -> None:
    """PIPELINE_TUI_DB chooses the database when --db is not given."""
    monkeypatch.setenv("PIPELINE_TUI_DB", str(db_path))
    assert run_cli("db", "path").out == f"{db_path}\n"


def test_db_path_hides_a_server_password(run_cli) -> None:
    """A server URL is shown without its password."""
    result = run_cli("--db", "postgresql://hr:hemmelig@db.example.dk/pipeline", "db", "path")
    assert result.out == "postgresql://hr:***@db.example.dk/pipeline\n"


def test_db_path_hides_a_password_in_the_query_string(run_cli) -> None:
    """libpq takes a password (and a client key's, sslpassword) as a query parameter too:
    masked there as in the user part, whatever the case of its name; the rest stays."""
    given = {
        "postgresql://hr@db.example.dk/pipeline?password=hemmelig": (
            "postgresql://hr@db.example.dk/pipeline?password=***"
        ),
        "postgresql://hr:hemmelig@db.example.dk/pipeline?sslmode=require&PASSWORD=hemmelig"
        "&sslpassword=hemmelig&application_name=mus": (
            "postgresql://hr:***@db.example.dk/pipeline?sslmode=require&PASSWORD=***"
            "&sslpassword=***&application_name=mus"
        ),
        "postgresql://hr:hem?melig@db.example.dk/pipeline?user=a@b&pass%77ord=hemmelig": (
            "postgresql://hr:***@db.example.dk/pipeline?user=a@b&pass%77ord=***"
        ),
        "postgresql://hr:a-long-hemmelig@h?password=hemmelig": "postgresql://hr:***@h?password=***",
    }
    for url, shown in given.items():
        result = run_cli("--db", url, "db", "path")
        assert (result.code, result.out) == (0, f"{shown}\n")


def test_a_refusal_names_the_server_without_the_password_of_its_query(run_cli) -> None:
    """A server that cannot be reached: the refusal names the URL, its password masked."""
    url = "postgresql://hr@127.0.0.1:1/pipeline?password=hemmelig&sslpassword=hemmelig"
    for lang in ("en", "da"):
        result = run_cli("--lang", lang, "--db", url, "people", "list")
        assert result.code == 2, result
        assert "postgresql://hr@127.0.0.1:1/pipeline?password=***&sslpassword=***" in result.err
        assert "hemmelig" not in result.out + result.err
        assert "Traceback" not in result.err


def test_db_upgrade_creates_a_private_database_at_head(run_cli, db_path: Path) -> None:
    """`db upgrade` on a new path makes the database, owner-only, at the current schema."""
    result = run_cli("--db", db_path, "db", "upgrade")
    assert result.code == 0
    assert f"schema {HEAD}" in result.out
    assert read_sqlite_state(db_path).revision == HEAD
    if os.name == "posix":
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_db_upgrade_brings_an_old_database_to_head(run_cli, tmp_path: Path) -> None:
    """`db upgrade` on a copy of the kept 0001 database keeps its people and reaches HEAD."""
    old = Path(shutil.copyfile(FIXTURE_0001, tmp_path / "old.db"))
    assert run_cli("--db", old, "db", "upgrade").code == 0
    assert read_sqlite_state(old).revision == HEAD
    listing = run_cli("--db", old, "people", "list", "--json")
    assert "Søren Æbeløe" in listing.out


def test_db_upgrade_refuses_a_newer_database(run_cli, db_path: Path) -> None:
    """A database from a newer program: exit 2, one clear line, its bytes unchanged."""
    run_cli("--db", db_path, "db", "upgrade")
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    connection.commit()
    connection.close()
    before = digest(db_path)
    result = run_cli("--db", db_path, "db", "upgrade")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "newer pipeline-tui" in result.err
    assert digest(db_path) == before


def test_db_backup_is_a_consistent_private_copy(
    run_cli, repo: Repository, db_path: Path, tmp_path: Path
) -> None:
    """A backup taken while the database is open has every committed row (even in the WAL)."""
    repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    assert Path(f"{db_path}-wal").stat().st_size > 0  # the row is still in the WAL
    copy = tmp_path / "backup.db"
    result = run_cli("--db", db_path, "db", "backup", copy)
    assert result.code == 0, result.err
    if os.name == "posix":
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert read_sqlite_state(copy).revision == HEAD
    listing = run_cli("--db", copy, "people", "list", "--json")
    assert '"name": "Anna Berg"' in listing.out


def test_db_backup_refuses_to_overwrite(run_cli, repo: Repository, db_path: Path, tmp_path) -> None:
    """An existing file is never overwritten by a backup."""
    target = tmp_path / "exists.db"
    target.write_bytes(b"important")
    result = run_cli("--db", db_path, "db", "backup", target)
    assert result.code == 2
    assert "exists already" in result.err
    assert target.read_bytes() == b"important"


def test_db_backup_of_a_server_database_is_refused(run_cli, tmp_path: Path) -> None:
    """A server database is backed up with its own tools: exit 2, nothing written."""
    target = tmp_path / "copy.db"
    result = run_cli("--db", "postgresql://hr@db.example.dk/pipeline", "db", "backup", target)
    assert result.code == 2
    assert "SQLite" in result.err
    assert not target.exists()


def test_db_backup_into_a_missing_folder(
    run_cli, repo: Repository, db_path: Path, tmp_path
) -> None:
    """A backup into a folder that does not exist is a usage error."""
    result = run_cli("--db", db_path, "db", "backup", tmp_path / "nowhere" / "copy.db")
    assert result.code == 2
    assert "does not exist" in result.err


def test_db_backup_to_a_dash_is_refused(
    run_cli, repo: Repository, db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    """`-` is standard output for every other command; `db backup -` wrote a file named "-"
    (and did not note the copy). A backup is a database file: refused, exit 2, nothing
    written or noted."""
    repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    monkeypatch.chdir(tmp_path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    for force in ([], ["--force"]):
        result = run_cli("--db", db_path, "db", "backup", "-", *force)
        assert (result.code, result.out, result.err) == (
            2,
            "",
            "pipeline-tui: a backup is a database file, not something to write to standard "
            "output: give a file name (or a folder to put the backup in) instead of -\n",
        )
    danish = run_cli("--lang", "da", "--db", db_path, "db", "backup", "-")
    assert (danish.code, danish.err) == (
        2,
        "pipeline-tui: en backup er en databasefil og kan ikke skrives til standard output: "
        "angiv et filnavn (eller en mappe at lægge backuppen i) i stedet for -\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("SELECT count(*) FROM copy_made").fetchone() == (0,)
    finally:
        connection.close()


def test_db_backup_of_a_damaged_database_says_so_and_changes_nothing(
    run_cli, templates, tmp_path: Path
) -> None:
    """A database damaged inside (its header fine) copied page by page without a word: the
    backup said "Backed up" of a file that cannot be read, and noted the copy in the damaged
    file. Now: one line, exit 2, no backup file, the database's bytes as they were."""
    damaged = tmp_path / "damaged.db"
    templates.demo(damaged)
    size = damaged.stat().st_size
    with damaged.open("r+b") as handle:  # a page in the middle, overwritten
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(b"\xde\xad\xbe\xef" * 1024)
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    assert run_cli("--db", damaged, "db", "check").code == 2  # the check sees it
    copy = tmp_path / "backup.db"
    result = run_cli("--db", damaged, "db", "backup", copy)
    assert result.code == 2, result.out
    assert "damaged" in result.err and "no backup was written" in result.err
    assert "Backed up" not in result.out and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not copy.exists() and list(tmp_path.glob("backup.db*")) == []
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_db_backup_of_an_old_database_copies_it_as_it_is(run_cli, tmp_path: Path) -> None:
    """The copy to keep before an upgrade: `db backup` of a 0001 database upgraded the
    database first (its bytes changed, revision HEAD) and copied the upgraded file. Now
    the database is untouched and the backup is the same schema 0001 database."""
    old = Path(shutil.copyfile(FIXTURE_0001, tmp_path / "old.db"))
    before = digest(old)
    copy = tmp_path / "before-upgrade.db"
    result = run_cli("--db", old, "db", "backup", copy)
    assert result.code == 0, result.err
    assert digest(old) == before
    assert read_sqlite_state(old).revision == "0001"
    assert read_sqlite_state(copy).revision == "0001"
    assert run_cli("--db", copy, "db", "check").code == 0


def test_a_server_database_that_cannot_be_opened_is_said_in_the_language_asked(
    run_cli, pg_cluster
) -> None:
    """A database the server refuses (here: one that does not exist; a wrong password, an
    unknown role are said the same way) is exit 2, one line in the language asked (it was
    English whatever --lang said), the server's own words in it, never the password."""
    url = pg_cluster.url("no_such_database").replace("postgres@", "postgres:hemmelig@")
    shown = config.describe(url)
    said = {}
    for lang in ("en", "da"):
        result = run_cli("--lang", lang, "--db", url, "people", "list")
        assert result.code == 2, result
        assert "hemmelig" not in result.out + result.err and "Traceback" not in result.err
        said[lang] = result.err
    assert said["en"].startswith(f"pipeline-tui: cannot open the database {shown}: ")
    assert said["da"].startswith(f"pipeline-tui: kan ikke åbne databasen {shown}: ")
    assert 'database "no_such_database" does not exist' in said["da"]


def test_a_new_server_database_its_role_may_not_create_tables_in_says_so(
    run_cli, pg_cluster
) -> None:
    """A department's first start, by a role that may not create tables (PostgreSQL 15's
    default for a role that does not own the database): it said the database "needs an
    upgrade to schema ..." and to run `db upgrade` "as the role that owns its tables", of a
    database that has no tables and no schema to upgrade. It now says so, and who can make
    them; nothing is made."""
    url = pg_cluster.new_database()
    name = url.rsplit("/", 1)[1]
    role = f"r_{name}"
    try:
        pg_cluster.admin(f'CREATE ROLE "{role}" LOGIN')
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=pg_cluster.port, user="postgres", dbname=name, autocommit=True
        ) as connection:
            connection.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            connection.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
            as_role = pg_cluster.url(name, user=role)
            shown = config.describe(as_role)
            said = {}
            for lang in ("en", "da"):
                result = run_cli("--lang", lang, "--db", as_role, "people", "list")
                said[lang] = (result.code, result.err)
            error = "permission denied for schema public"
            assert said == {
                "en": (
                    2,
                    f"pipeline-tui: the database {shown} has no tables yet, and its role may not "
                    f"create them ({error}): nothing was changed; run `pipeline-tui db upgrade` "
                    "once as the role that owns the database\n",
                ),
                "da": (
                    2,
                    f"pipeline-tui: databasen {shown} har ingen tabeller endnu, og dens rolle må "
                    f"ikke oprette dem ({error}): intet er ændret; kør `pipeline-tui db upgrade` "
                    "én gang som den rolle, der ejer databasen\n",
                ),
            }
            tables = connection.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()
            assert tables == (0,)
    finally:
        pg_cluster.drop(url)
        pg_cluster.admin(f'DROP ROLE IF EXISTS "{role}"')


def test_an_older_server_database_its_role_may_not_upgrade_is_refused_untouched(
    run_cli, pg_cluster
) -> None:
    """A department's database at an older schema, opened by a role that may read and write
    its rows but not change its tables: every command said "could not upgrade ...:
    permission denied for schema public", in English whatever --lang said, and not what to
    do. It now says, in the language asked, that the owner must run `db upgrade` once;
    the database stays at its schema."""
    from alembic import command
    from alembic.config import Config

    from pipeline_tui.store.engine import make_engine, writer
    from pipeline_tui.store.revisions import migrations_dir

    url = pg_cluster.new_database()
    name = url.rsplit("/", 1)[1]
    role = f"r_{name}"
    engine = make_engine(url)
    try:
        settings = Config()
        settings.set_main_option("script_location", str(migrations_dir()))
        with writer(engine).begin() as connection:
            settings.attributes["connection"] = connection
            command.upgrade(settings, "0004")
        pg_cluster.admin(f'CREATE ROLE "{role}" LOGIN')
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC; "
                f'GRANT USAGE ON SCHEMA public TO "{role}"; '
                f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"'
            )
        as_role = pg_cluster.url(name, user=role)
        shown = config.describe(as_role)
        said = {}
        for lang in ("en", "da"):
            result = run_cli("--lang", lang, "--db", as_role, "people", "list")
            assert result.code == 2, result
            said[lang] = result.err
        assert said == {
            "en": f"pipeline-tui: the database {shown} needs an upgrade to schema {HEAD}, "
            "which its role may not make (permission denied for schema public): nothing was "
            "changed; run `pipeline-tui db upgrade` once as the role that owns its tables\n",
            "da": f"pipeline-tui: databasen {shown} skal opgraderes til skema {HEAD}, og det "
            "må dens rolle ikke (permission denied for schema public): intet er ændret; kør "
            "`pipeline-tui db upgrade` én gang som den rolle, der ejer tabellerne\n",
        }
        with engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert revision.scalar() == "0004"
    finally:
        engine.dispose()
        pg_cluster.drop(url)
        pg_cluster.admin(f'DROP ROLE IF EXISTS "{role}"')


def test_a_password_holding_an_unencoded_at_is_refused_and_never_shown(
    run_cli, monkeypatch
) -> None:
    """A password typed into the URL as it is, "@" and all: the URL was read to the first
    "@", so `db path` printed `postgresql://hr:***@ss:w/rd%#?&x@127.0.0.1/pipeline`, the
    rest of the password for a host, and a command failed on the host or the port made of
    it ("invalid literal for int() with base 10: 'w'"). Now it is refused before anything
    is opened, in one line that does not echo the URL, exit 2; a "@" in a query string of
    key=value pairs is still the query's own."""
    secret = "p@ss:w/rd%#?&x"
    url = f"postgresql://hr:{secret}@127.0.0.1:1/pipeline"
    said = {
        "en": "pipeline-tui: the password in the --db URL seems to hold an @: write each @ "
        "in it as %40 (postgresql://user:pa%40ss@host/dbname), or keep the password out of "
        "the URL, in ~/.pgpass\n",
        "da": "pipeline-tui: adgangskoden i URL'en i --db ser ud til at indeholde et @: skriv "
        "hvert @ i den som %40 (postgresql://bruger:ko%40de@vært/databasenavn), eller hold "
        "adgangskoden ude af URL'en, i ~/.pgpass\n",
    }
    for lang in ("en", "da"):
        for command in (("db", "path"), ("people", "list"), ("db", "upgrade")):
            result = run_cli("--lang", lang, "--db", url, *command)
            assert (result.code, result.out, result.err) == (2, "", said[lang]), command
    monkeypatch.setenv("PIPELINE_TUI_DB", "postgresql://hr:a@b@127.0.0.1:1/pipeline")
    result = run_cli("people", "list")
    assert result.code == 2 and "PIPELINE_TUI_DB URL" in result.err and "a@b" not in result.err
    # Wherever such a URL is described after all, the whole password is masked.
    assert config.describe(url) == "postgresql://hr:***@127.0.0.1:1/pipeline"
    for given in ("postgresql://hr:a@b/c@h/db", "postgresql://hr:a@b?c@h/db"):
        assert config.describe(given) == "postgresql://hr:***@h/db"
    query = "postgresql://hr:hemmelig@db.example.dk/pipeline?application_name=hr@mus"
    assert (
        config.describe(query)
        == "postgresql://hr:***@db.example.dk/pipeline?application_name=hr@mus"
    )
    assert run_cli("--db", query, "db", "path").out == f"{config.describe(query)}\n"


def test_a_server_url_with_a_broken_ipv6_address_is_refused_in_one_line(run_cli) -> None:
    """`[::1:5432` (the closing bracket forgotten) was "unexpected error: ValueError", exit 1,
    a traceback in error.log; it is bad input: one line naming the URL, its password masked,
    exit 2."""
    for url in ("postgresql://hr:hemmelig@[::1:5432/pipeline", "postgresql://hr@::1]/pipeline"):
        result = run_cli("--db", url, "people", "list")
        assert result.code == 2, result
        assert result.err == (
            f"pipeline-tui: cannot use the database {config.describe(url)}: Invalid IPv6 URL\n"
        )
        assert "hemmelig" not in result.err
    assert not (config.cache_dir() / "error.log").exists()
