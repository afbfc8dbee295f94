"""Several `pipeline-tui` commands started at once on a --db that does not exist yet.

Each installed command imports its own roster into the same new database. The rosters
are named pipes: every command starts, reads its pipe and waits there until all are
waiting; then the rosters are written, so the commands go on to create the database
together. What they import after reading (SQLAlchemy, the models: ~0.5 s of CPU each)
is imported before, by a `sitecustomize` on their PYTHONPATH, so they reach the
database together rather than one after the other (left to the scheduler, one of
three failed with "table alembic_version already exists", exit 2, in about half the
starts; with the preload and four commands, in every start). All must succeed, and
the database holds one schema and every roster.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from pipeline_tui.store.revisions import HEAD

from .conftest import COMMAND

pytestmark = pytest.mark.slow

COMMANDS = 4
ROUNDS = 1
# Imports only: what the commands would import after their start, imported before it.
PRELOAD = """
import pipeline_tui.core.roster
import pipeline_tui.packs.loader
import pipeline_tui.store.migrate
import pipeline_tui.store.models
import pipeline_tui.store.repository
"""


def open_for_writing(pipe: Path, deadline: float) -> int:
    """The pipe's writing end, once its command has opened it for reading."""
    while True:
        try:
            return os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:  # ENXIO: nobody reads it yet
            if exc.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def import_together(env: dict[str, str], target: Path, folder: Path) -> list[tuple[int, str, str]]:
    """`people import` of one roster each, COMMANDS commands released at once onto `target`;
    each one's exit code, output and errors."""
    pipes = []
    for n in range(COMMANDS):
        pipe = folder / f"roster{n}.csv"
        os.mkfifo(pipe, 0o600)
        pipes.append(pipe)
    commands = [
        subprocess.Popen(
            [str(COMMAND), "--db", str(target), "people", "import", str(pipe)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for pipe in pipes
    ]
    try:
        deadline = time.monotonic() + 60
        ends = [open_for_writing(pipe, deadline) for pipe in pipes]
        for n, end in enumerate(ends):  # the start: every roster at once
            os.write(end, f"name,email,layer\nPerson {n},p{n}@example.dk,lead_self\n".encode())
        for end in ends:
            os.close(end)
        results = [command.communicate(timeout=60) for command in commands]
    finally:
        for command in commands:
            if command.poll() is None:
                command.kill()
                command.communicate()
    return [(c.returncode, out, err) for c, (out, err) in zip(commands, results, strict=True)]


def test_commands_started_together_on_a_new_database_all_succeed(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    preload = tmp_path / "preload"
    preload.mkdir()
    (preload / "sitecustomize.py").write_text(PRELOAD, encoding="utf-8")
    env = {**user_env, "PYTHONPATH": str(preload)}
    for round_ in range(ROUNDS):
        folder = tmp_path / f"round{round_}"
        folder.mkdir(mode=0o700)
        target = folder / "pipeline.db"
        results = import_together(env, target, folder)
        said = f"Imported 1 person into {target}\n"
        assert results == [(0, said, "")] * COMMANDS
        connection = sqlite3.connect(target)
        try:
            versions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            assert versions == [(HEAD,)]
            people = connection.execute("SELECT name FROM person ORDER BY name").fetchall()
            assert people == [(f"Person {n}",) for n in range(COMMANDS)]
        finally:
            connection.close()
        beside = {p.name for p in folder.iterdir() if not p.name.startswith("roster")}
        assert beside - {"pipeline.db-wal", "pipeline.db-shm"} == {"pipeline.db"}
