"""Driving the installed `pipeline-tui` in a real terminal (tmux), as a person would.

Each test gets its own tmux server (-L), its own user folders and a pinned date,
so nothing leaks between tests or into the developer's own tmux and data.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TODAY = "2026-11-23"
COMMAND = Path(sys.executable).with_name("pipeline-tui")

pytestmark = pytest.mark.slow


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class Terminal:
    """One tmux session running the program; keys in, screen text out."""

    def __init__(self, env: dict[str, str], width: int = 80, height: int = 24) -> None:
        self.socket = f"pt-{uuid.uuid4().hex[:10]}"
        self.env = env
        self.width = width
        self.height = height
        self.started = False

    def _tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=20,
        )
        return result.stdout

    def start(self, *args: str) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        line = f"env {exports} exec {shlex.quote(str(COMMAND))} " + " ".join(
            shlex.quote(a) for a in args
        )
        self._tmux(
            "new-session", "-d", "-s", "app", "-x", str(self.width), "-y", str(self.height), line
        )
        self._tmux("set-option", "-t", "app", "remain-on-exit", "on")
        self.started = True

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["send-keys", "-t", "app"]
        if literal:
            args.append("-l")
        self._tmux(*args, *keys)
        time.sleep(0.15)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "app", check=False)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not appear on screen; it shows:\n{shown}")

    def pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", "app", "#{pane_pid}").strip())

    def dead(self) -> bool:
        out = self._tmux("display-message", "-p", "-t", "app", "#{pane_dead}", check=False)
        return out.strip() == "1"

    def kill(self, signum: int = signal.SIGKILL, timeout: float = 10.0) -> None:
        os.kill(self.pid(), signum)
        deadline = time.monotonic() + timeout
        while not self.dead():
            if time.monotonic() > deadline:
                raise AssertionError(f"the program did not end after signal {signum}")
            time.sleep(0.05)

    def close(self) -> None:
        self._tmux("kill-server", check=False)


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a user with empty folders and a pinned date."""
    home = tmp_path / "home"
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PIPELINE_TUI_TODAY": TODAY,
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    return env


@pytest.fixture
def terminal(user_env: dict[str, str]) -> Iterator[Terminal]:
    if not tmux_available():
        pytest.fail("tmux is needed for the end-to-end tests (apt-get install tmux)")
    term = Terminal(user_env)
    yield term
    term.close()


def run_command(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The installed command, outside any terminal (for setup and for reading results)."""
    result = subprocess.run(
        [str(COMMAND), *args], env=env, capture_output=True, text=True, timeout=120
    )
    if check and result.returncode != 0:
        raise AssertionError(f"pipeline-tui {' '.join(args)} failed:\n{result.stderr}")
    return result
