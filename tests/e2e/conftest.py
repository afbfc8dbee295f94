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
from pack_cache import seed_pack_cache

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
        # exec: the pane's process *is* the program (env execs it in turn), so the
        # pane pid is the program's pid and a signal to it reaches the program.
        # COLUMNS/LINES inherited from the test run would override the pane's size.
        line = f"exec env -u COLUMNS -u LINES {exports} {shlex.quote(str(COMMAND))} " + " ".join(
            shlex.quote(a) for a in args
        )
        self._tmux(
            "new-session", "-d", "-s", "app", "-x", str(self.width), "-y", str(self.height), line
        )
        self._tmux("set-option", "-t", "app", "remain-on-exit", "on")
        self.started = True

    def start_reporting(self, *args: str) -> None:
        """Start the program under a shell that prints "exit=N" when it ends and keeps the
        pane open, so that what it printed last can be read with its exit code."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        program = " ".join(shlex.quote(a) for a in (str(COMMAND), *args))
        line = f'env -u COLUMNS -u LINES {exports} {program}; echo "exit=$?"; sleep 600'
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            "sh",
            "-c",
            line,
        )
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

    def wait_for(self, *texts: str, timeout: float = 15.0) -> str:
        """The screen once it shows every one of `texts` (fails after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(text in shown for text in texts):
                return shown
            time.sleep(0.05)
        text = " and ".join(repr(t) for t in texts if t not in shown)
        size = self._tmux(
            "display-message", "-p", "-t", "app", "#{pane_width}x#{pane_height}", check=False
        )
        raise AssertionError(
            f"{text} did not appear on screen ({size.strip()}); it shows:\n{shown}"
        )

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

    def close_terminal(self, timeout: float = 10.0) -> None:
        """Close the terminal under the program (the tmux server goes): it gets SIGHUP."""
        pid = self.pid()
        self._tmux("kill-server", check=False)
        wait_gone(pid, timeout)

    def close(self) -> None:
        self._tmux("kill-server", check=False)


def process_gone(pid: int) -> bool:
    """The process has ended (a zombie nobody has reaped yet counts as ended)."""
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self").exists():
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return True
        return state in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not process_gone(pid):
        if time.monotonic() > deadline:
            raise AssertionError(f"process {pid} did not end within {timeout} s")
        time.sleep(0.05)


@pytest.fixture
def user_env(tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment of a user with empty folders and a pinned date.

    The cache holds the shipped packs' cache, as on any start after the user's first
    (`warm_pack_cache`); a test marked `cold_pack_cache` starts with it empty.
    """
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
    if request.node.get_closest_marker("cold_pack_cache") is None:
        seed_pack_cache(request.getfixturevalue("warm_pack_cache"), home / "cache")
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


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs, mounted for this test only (skipped where mounting is not allowed)."""
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if mount is None or umount is None:
        pytest.skip("mount/umount are not installed")
    where = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    where.mkdir()
    result = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({result.stderr.strip()})")
    try:
        yield where
    finally:
        subprocess.run([umount, "-l", str(where)], check=True)
