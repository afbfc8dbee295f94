"""The installed `pipeline-tui serve`, started for a test on 127.0.0.1 and a free port."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

from .conftest import COMMAND, TODAY, run_command

START_TIMEOUT = 90.0  # a loaded two-core machine starts Python slowly


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> set[int]:
    """The processes `pid` started and that still run (the app processes of a server)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(x) for x in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def make_conversation(db: Path) -> tuple[int, int]:
    """A person (Jonas, an employee) with a MUS a week ahead, and a second person; the
    conversation's id and the other person's id."""
    repo = open_repository(str(db))
    try:
        pack = load_packs(None).default
        boss = repo.people.create("Mette Holm", "lead_others", email="mette@example.dk")
        person = repo.people.create(
            "Jonas Friis", "lead_self", email="jonas@example.dk", manager_id=boss.id
        )
        held_on = date.fromisoformat(TODAY) + timedelta(days=7)
        talk = services.start_conversation(repo, pack, person.id, held_on=held_on)
        return talk.id, boss.id
    finally:
        repo.close()


class Served:
    """One `pipeline-tui serve` process; its printed URL, its output, and a clean stop."""

    def __init__(
        self, env: dict[str, str], db: Path, *args: str, serve_args: tuple[str, ...] = ()
    ) -> None:
        """`args` go before the command (`--lang da`), `serve_args` after it."""
        self.port = free_port()
        self.env = env
        self.db = db
        self.process = subprocess.Popen(
            [str(COMMAND), "--db", str(db), *args, "serve", "--port", str(self.port), *serve_args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as in a terminal of its own
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.lines)),
            threading.Thread(target=self._read, args=(self.process.stderr, self.errors)),
        ]
        for reader in self._readers:
            reader.daemon = True
            reader.start()
        self.url = self._wait_for_url()
        self.base = f"http://127.0.0.1:{self.port}"

    @staticmethod
    def _read(stream, into: list[str]) -> None:
        for line in stream:
            into.append(line.rstrip("\n"))

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            for line in self.lines:
                if "http://" in line:
                    url = line[line.index("http://") :].strip()
                    if self._listening():
                        return url
            if self.process.poll() is not None:
                raise AssertionError(f"serve ended early: {self.errors}")
            time.sleep(0.1)
        raise AssertionError(f"serve printed no URL in {START_TIMEOUT} s: {self.lines}")

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=2).close()
        except OSError:
            return False
        return True

    def invite(self, conversation_id: int, *args: str) -> str:
        result = run_command(
            self.env,
            "--db",
            str(self.db),
            "invite",
            str(conversation_id),
            "--url",
            self.base,
            *args,
        )
        return result.stdout.strip()

    def app_processes(self) -> set[int]:
        return descendants(self.process.pid)

    def sessions(self) -> int:
        """How many app processes run (each is started through a shell of its own: the
        server's children)."""
        return len(children(self.process.pid))

    def stop(self, timeout: float = 60.0) -> int:
        """ctrl+c, as a person stops it in its terminal (SIGINT to the whole foreground
        process group); the exit code."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            for reader in self._readers:
                reader.join(timeout=5)

    def kill(self) -> None:
        if self.process.poll() is None:
            for pid in self.app_processes():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait(timeout=30)
