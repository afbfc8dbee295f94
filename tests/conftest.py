"""Fixtures every test shares: an isolated user environment, a database file, the CLI.

Tests use real SQLite files in temporary folders, never mocks. The autouse
fixture points the platform folders (data, config, cache) at a temporary home
and clears the settings' environment variables, so no test reads or writes the
developer's own database or preferences.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import settings as hypothesis_settings
from pack_cache import seed_pack_cache

from pipeline_tui import config
from pipeline_tui.records import ContentRef
from pipeline_tui.store.repository import Repository, open_repository

# Hypothesis runs the same examples on every run and writes no example database into the
# checkout, so a run cannot fail by chance (CI flaked on a random example once).
# HYPOTHESIS_PROFILE=explore draws new examples for a local hunt.
hypothesis_settings.register_profile("fixed", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))


# A fast suite on few cores (issue 16). About half of a worker's time goes to waiting: for a
# program in a terminal, a browser, a server, the app's own timers. So `-n auto` starts two
# workers per core, not one, and the longest tests go first (a 45-second walk that starts
# last is the run's tail). PYTEST_XDIST_AUTO_NUM_WORKERS still overrides the count.
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1)


# The order the workers take tests in: these first (each runs for 10–60 s, mostly waiting),
# then the rest of the end-to-end tests, the UI tests and the unit tests. Within a group
# the collection order stays, so a module's tests still share their fixtures.
LONGEST_FIRST = (
    "tests/benchmarks/",
    "tests/e2e/test_newcomer_walk.py",
    "tests/e2e/test_serve_rater_browser.py",
    "tests/e2e/test_unsaved_answers.py",
    "tests/ui/test_walkthrough.py",
    "tests/e2e/test_postgresql.py",
    "tests/e2e/test_crash_safety.py",
    "tests/e2e/test_serve_browser.py",
    "tests/e2e/",
    "tests/ui/",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = config.rootpath

    def rank(item: pytest.Item) -> int:
        where = item.path.relative_to(root).as_posix() if item.path.is_relative_to(root) else ""
        for index, prefix in enumerate(LONGEST_FIRST):
            if where.startswith(prefix):
                return index
        return len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the collection order within each group


@pytest.fixture(scope="session")
def warm_pack_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped packs' cache as every start after a user's first finds it: a cache folder
    (`<XDG_CACHE_HOME>/pipeline-tui`) written once per worker by the real loader.

    A cold load (YAML, every check, the cache write) costs ~80 ms of CPU more than a warm
    one, and a test with an empty cache paid it in each process that loads the packs: about
    a tenth of the suite's CPU. The tests of the cold path (tests/unit/packs, the newcomer's
    first start, a test marked `cold_pack_cache`) start without it.
    """
    from pipeline_tui.packs.loader import load_packs

    home = tmp_path_factory.mktemp("warm-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        config._dirs.cache_clear()
        try:
            load_packs(None)
        finally:
            config._dirs.cache_clear()
    folder = home / config.APP_NAME
    assert any((folder / "packs").glob("*.json")), "the loader wrote no cache"
    return folder


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[Path]:
    """Point XDG data/config/cache at a fresh home and forget cached paths and settings.

    The home's cache holds the shipped packs' cache already (`warm_pack_cache`), unless the
    test is marked `cold_pack_cache`.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    if request.node.get_closest_marker("cold_pack_cache") is None:
        seed_pack_cache(request.getfixturevalue("warm_pack_cache"), home / "cache")
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))  # where plans print
    for name in (config.ENV_DB, config.ENV_CONTENT, config.ENV_LANG):
        monkeypatch.delenv(name, raising=False)
    # xdist's workers have COLUMNS=80; a listing then fits 80 columns, where in a pipe it
    # would not fit at all: a test that wants a terminal's width says so
    monkeypatch.delenv("COLUMNS", raising=False)
    config._dirs.cache_clear()
    yield home
    config._dirs.cache_clear()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database file goes (not created yet)."""
    return tmp_path / "pipeline.db"


# Engines: a test module marked `both_engines` runs each test that uses `db` (directly or
# through `repo`, `peek`, `sample_org`...) on SQLite and on PostgreSQL; a test in it marked
# `sqlite_only` (it looks at the file itself) runs on SQLite alone.
ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    both = metafunc.definition.get_closest_marker("both_engines") is not None
    if both and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The database engine this test runs on: "sqlite" unless parametrized."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 for the whole run (see `pg_server`)."""
    from needs import missing
    from pg_server import NO_BINARIES, Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        missing(NO_BINARIES)
    cluster = Cluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def own_pg_cluster() -> Iterator[Any]:
    """A cluster of the test's own, to stop and start (`pause`, `resume`) while the shared one
    keeps running for the others."""
    from needs import missing
    from pg_server import NO_BINARIES, Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        missing(NO_BINARIES)
    cluster = Cluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Any) -> Iterator[str]:
    """A new empty PostgreSQL database (psycopg 3 URL), dropped after the test."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop(url)


@pytest.fixture(scope="session")
def pg_head(pg_cluster: Any) -> str:
    """The name of a database at the current schema, made once per run by the storage layer
    on a new database (the migrations, as on a department's first start): the template
    of each test's database (`pg_db`), so that each test does not run them again."""
    url = pg_cluster.new_database()
    open_repository(url).close()
    return url.rsplit("/", 1)[1]


@pytest.fixture(scope="session")
def pg_sample(pg_cluster: Any, pg_head: str) -> str:
    """The name of a database holding the sample organisation, built once per run by the
    repository (`fill_sample_org`): the template of `pg_sample_db`."""
    url = pg_cluster.new_database(template=pg_head)
    repository = open_repository(url)
    try:
        made = fill_sample_org(repository)
    finally:
        repository.close()
    assert made == SAMPLE_ORG, made
    return url.rsplit("/", 1)[1]


@pytest.fixture
def pg_sample_db(pg_cluster: Any, pg_sample: str) -> Iterator[str]:
    """A new PostgreSQL database holding the sample organisation (a copy of `pg_sample`)."""
    url = pg_cluster.new_database(template=pg_sample)
    yield url
    pg_cluster.drop(url)


@pytest.fixture
def pg_db(pg_cluster: Any, pg_head: str) -> Iterator[str]:
    """A new PostgreSQL database at the current schema, holding nothing, as the storage
    layer leaves a new one (a copy of `pg_head`); dropped after the test. For a database
    without even the schema, `pg_url`."""
    url = pg_cluster.new_database(template=pg_head)
    yield url
    pg_cluster.drop(url)


@pytest.fixture
def db(engine: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """The test's database as `--db` takes it: a file path (SQLite) or a URL (PostgreSQL).

    For a test that uses `sample_org`, it holds the sample organisation already: a copy of
    one built once per worker through the repository (`Templates.sample_org`, `pg_sample`).
    """
    sample = "sample_org" in request.fixturenames
    if engine == "postgresql":
        return request.getfixturevalue("pg_sample_db" if sample else "pg_db")
    if sample:
        request.getfixturevalue("templates").sample_org(db_path)
    return str(db_path)


class Templates:
    """Databases built once per worker through the real code path, copied for each test.

    The demo organisation costs ~1 s to build; a copy of the closed file a few
    milliseconds, and it keeps the file's owner-only mode. (A new, empty database needs no
    template: it is made from `db/head_schema.json` in ~5 ms.)
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: dict[str, Path] = {}

    def _template(self, name: str, fill: Callable[[Repository], None]) -> Path:
        if name not in self._made:
            path = self.folder / f"{name}.db"
            repository = open_repository(str(path))
            try:
                fill(repository)
            finally:
                repository.close()
            assert not path.with_name(path.name + "-wal").exists()  # all of it in the file
            self._made[name] = path
        return self._made[name]

    def demo(self, target: Path) -> None:
        """`target` becomes the demo organisation as `pipeline-tui demo` builds it today."""
        from pipeline_tui.demo import build_demo
        from pipeline_tui.packs.loader import load_packs

        def fill(repository: Repository) -> None:
            with pytest.MonkeyPatch.context() as patch:  # anything that asks the clock
                patch.setenv("PIPELINE_TUI_TODAY", TODAY_PINNED.isoformat())
                build_demo(repository, load_packs(None).default, today=TODAY_PINNED)

        shutil.copy2(self._template("demo", fill), target)

    def sample_org(self, target: Path) -> None:
        """`target` becomes the sample organisation (`fill_sample_org`)."""

        def fill(repository: Repository) -> None:
            made = fill_sample_org(repository)
            assert made == SAMPLE_ORG, made  # the ids every copy's test is given

        shutil.copy2(self._template("sample_org", fill), target)


TODAY_PINNED = date(2026, 11, 23)  # PIPELINE_TUI_TODAY in the UI and end-to-end tests


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def repo(db: str) -> Iterator[Repository]:
    """A repository on a new database at the current schema."""
    repository = open_repository(db)
    yield repository
    repository.close()


def _plain(value: Any) -> Any:
    """A value as SQLite's stdlib driver returns it: dates as ISO text, booleans as 0/1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):  # JSON columns: SQLite holds the text
        return json.dumps(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


@pytest.fixture
def peek(engine: str, db: str) -> Callable[..., list[tuple[Any, ...]]]:
    """Query the test's database on a separate connection: sees only what was committed.

    `?` placeholders; on PostgreSQL the values come back as SQLite gives them (dates as
    text, booleans as 0/1), so one assertion holds for both engines.
    """

    def query(sql: str, *params: Any) -> list[tuple[Any, ...]]:
        if engine == "postgresql":
            import psycopg

            dsn = db.replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(dsn) as connection:
                statement = sql.replace("%", "%%").replace("?", "%s")
                rows = connection.execute(statement, params or None).fetchall()
            return [tuple(_plain(v) for v in row) for row in rows]
        connection = sqlite3.connect(db)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    return query


class CliResult(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `pipeline-tui ARGS...` in-process; returns (exit code, stdout, stderr)."""
    from pipeline_tui.cli import run

    def invoke(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = run([str(a) for a in args])
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return invoke


@pytest.fixture
def content_ref() -> ContentRef:
    """Hand-made conversation content (a LUS deck, two cards always on the table): no pack."""
    return hand_made_content()


def hand_made_content() -> ContentRef:
    return ContentRef(
        pack_id="test",
        pack_version="1.0.0",
        pack_hash="a" * 64,
        layer="lead_others",
        deck_id="lus",
        texts={"layer": {"key": "lead_others", "name": {"da": "Leder af medarbejdere"}}},
        always_included=("deck.wellbeing", "deck.last_plan"),
    )


@dataclass(frozen=True)
class SampleOrg:
    """Ids in the sample organisation; `note` is a text only Jonas's conversation holds."""

    mette: int
    anna: int
    jonas: int
    anna_talk: int
    jonas_talk: int
    note: str


@pytest.fixture
def sample_org(repo: Repository) -> SampleOrg:
    """Three people in a line, and a conversation each for Anna and Jonas with everything in it.

    Anna leads Jonas and conducts his conversation: her name is written in his
    records (who conducts, an action's owner, a note), which an erasure of Anna
    must scrub.

    The test's database holds it from the start (`db`): a copy of one that
    `fill_sample_org` built through the repository once per worker (0.2 s of
    writes, paid by some 130 tests on two engines, became a file copy).
    """
    return SAMPLE_ORG


def fill_sample_org(repo: Repository) -> SampleOrg:
    """Write the sample organisation through the repository; its ids."""
    content_ref = hand_made_content()
    people = repo.people
    mette = people.create(
        "Mette Holm", "lead_leaders", email="mette.holm@example.dk", unit="Ortopædi"
    )
    anna = people.create(
        "Anna Berg",
        "lead_others",
        email="anna.berg@example.dk",
        title="Afdelingssygeplejerske",
        unit="Ortopædi",
        manager_id=mette.id,
    )
    jonas = people.create(
        "Jonas Friis", "lead_self", email="jonas.friis@example.dk", manager_id=anna.id
    )
    talks = repo.conversations
    anna_talk = talks.start(
        anna.id,
        kind="lus",
        held_on=date(2026, 3, 2),
        content=content_ref,
        conducted_by="Mette Holm",
        conductor_id=mette.id,
    )
    talks.set_rating(anna_talk.id, "lead_others.delegation", "self", score=2)
    talks.set_rating(anna_talk.id, "lead_others.delegation", "manager", score=3)
    talks.set_rating(anna_talk.id, "lead_others.feedback", "manager", not_observed=True)
    talks.set_rating_comment(
        anna_talk.id, "lead_others.delegation", "self", "Jeg gør for meget selv"
    )
    pick = talks.pick_card(anna_talk.id, "lus.delegation", "self")
    talks.set_card_text(pick.id, "notes", "Vagtplanen tager to dage om måneden")
    talks.set_card_text(pick.id, "agreements", "Koordinatorerne overtager vagtplanen")
    talks.set_card_played(pick.id)
    plans = repo.plans
    plans.update(anna_talk.id, summary="Et år med uddelegering", follow_up_on=date(2026, 9, 1))
    goal = plans.add_goal(
        anna_talk.id,
        "Uddeleger vagtplanen",
        expectation_ids=["lead_others.delegation"],
        card_ids=["lus.delegation"],
        due_on=date(2026, 6, 1),
    )
    plans.add_action(goal.id, "Lær koordinatorerne op", owner="Anna Berg", due_on=date(2026, 4, 1))
    plans.add_action(goal.id, "Sparring med Mette", kind="relationships", owner="Mette Holm")
    plans.sign(anna_talk.id, "person")
    plans.sign(anna_talk.id, "conductor")
    next_talk = talks.start(anna.id, kind="lus", held_on=date(2027, 3, 1), content=content_ref)
    plans.add_goal(next_talk.id, "Uddeleger vagtplanen helt", carried_from_id=goal.id)
    plans.review_goal(goal.id, "partly", "Halvvejs", in_conversation_id=next_talk.id)

    note = "Jonas vil gerne have nattevagter i foråret"
    jonas_talk = talks.start(
        jonas.id,
        kind="mus",
        held_on=date(2026, 4, 14),
        content=content_ref,
        conducted_by="Anna Berg",
        conductor_id=anna.id,
    )
    talks.set_rating(jonas_talk.id, "lead_self.planning", "self", score=4)
    card = talks.pick_card(jonas_talk.id, "mus.future", "self")
    talks.set_card_text(card.id, "notes", f"{note}; aftalt med Anna Berg")
    jonas_goal = plans.add_goal(jonas_talk.id, "Flere nattevagter")
    plans.add_action(jonas_goal.id, "Tal med vagtplanlæggeren", owner="Anna Berg")
    return SampleOrg(mette.id, anna.id, jonas.id, anna_talk.id, jonas_talk.id, note)


# The ids of a sample organisation written into a new database (`fill_sample_org`).
SAMPLE_ORG = SampleOrg(1, 2, 3, 1, 3, "Jonas vil gerne have nattevagter i foråret")
