"""Two programs making the same new database at the same moment: both succeed, one schema.

The app and a command (or two commands) started together on a --db that does not exist
yet both create it; one of them used to fail with "table alembic_version already
exists", "cannot create the database: File exists" or "disk I/O error", and a failing
one removed the file the other had just made and written to (its rows lost). Here
worker processes, each with the storage layer imported and warmed up, are released
together onto the same fresh database by one line on their stdin, round after round:
each opens it through `open_repository` and adds a person. Every worker must succeed,
the database must hold one schema at the current revision, every worker's person, and
nothing beside it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_tui.store.repository import open_repository
from pipeline_tui.store.revisions import HEAD
from pipeline_tui.store.vetting import vet

pytestmark = pytest.mark.both_engines

WORKERS = 3
ROUNDS = {"sqlite": 5, "postgresql": 1}

# One worker: everything opening a database imports is imported (and a scratch database
# opened) before it says ready, so the workers reach the new database together.
WORKER = r"""
import sys, tempfile
from pathlib import Path
from pipeline_tui.store.repository import open_repository

name = sys.argv[1]
with tempfile.TemporaryDirectory() as scratch:
    open_repository(str(Path(scratch) / "warm.db")).close()
print("ready", flush=True)
for line in sys.stdin:
    db = line.rstrip("\n")
    try:
        repo = open_repository(db)
        try:
            repo.people.create(name, "lead_self")
        finally:
            repo.close()
        print("ok", flush=True)
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else ""
        print(f"{type(exc).__name__}: {first}", flush=True)
"""


def names() -> list[str]:
    return [f"Worker {n}" for n in range(WORKERS)]


def race(databases: list[str]) -> list[list[str]]:
    """Each database opened by every worker at once; each worker's answer, round by round."""
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in names()
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None and worker.stdout.readline() == "ready\n"
        answers = []
        for db in databases:
            for worker in workers:  # the start: one line to each, microseconds apart
                assert worker.stdin is not None
                worker.stdin.write(f"{db}\n")
                worker.stdin.flush()
            answers.append([w.stdout.readline().strip() for w in workers if w.stdout])
        return answers
    finally:
        for worker in workers:
            if worker.stdin is not None:
                worker.stdin.close()
        for worker in workers:
            worker.wait(timeout=60)
            if worker.stdout is not None:
                worker.stdout.close()


def test_a_new_database_opened_at_once_by_several_programs(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Every worker opens the new database and writes its row; the schema is made once
    (one revision row, HEAD's tables and columns), every row is there, and on SQLite the
    file is owner-only with no lock file (nor anything else) left beside it."""
    if engine == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        databases = [cluster.new_database() for _ in range(ROUNDS[engine])]
    else:
        databases = []
        for n in range(ROUNDS[engine]):
            folder = tmp_path / f"round{n}"
            folder.mkdir(mode=0o700)
            databases.append(str(folder / "pipeline.db"))
    try:
        answers = race(databases)
        assert answers == [["ok"] * WORKERS] * len(databases)
        for db in databases:
            repo = open_repository(db)
            try:
                with repo.engine.connect() as connection:
                    versions = connection.exec_driver_sql(
                        "SELECT version_num FROM alembic_version"
                    ).all()
                assert [tuple(row) for row in versions] == [(HEAD,)]
                assert sorted(p.name for p in repo.people.list()) == names()
            finally:
                repo.close()
            if engine == "sqlite":
                path = Path(db)
                state = vet(path)  # HEAD's tables and columns, none missing
                assert state is not None and state.revision == HEAD
                connection = sqlite3.connect(path)
                try:
                    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                finally:
                    connection.close()
                assert stat.S_IMODE(path.stat().st_mode) == 0o600
                beside = set(os.listdir(path.parent)) - {"pipeline.db-wal", "pipeline.db-shm"}
                assert beside == {"pipeline.db"}  # no lock file, no -journal
    finally:
        if engine == "postgresql":
            for db in databases:
                cluster.drop(db)
