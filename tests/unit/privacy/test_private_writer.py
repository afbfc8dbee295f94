"""Privacy: every file goes through one writer (`files.write_private`) that nobody can capture.

The temporary file is created with a random name, O_EXCL and O_NOFOLLOW: a name
another local user created in advance (a world-readable file, or a symbolic
link to a file of theirs) is never written into. An existing target is
refused unless replacing it was asked for; a special file never is.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.errors import UserError
from pipeline_tui.files import TargetExistsError, private_temporary, write_private
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

BIN = Path(sys.executable).parent
SECRET = "Anna Berg: fortrolig note om samarbejdet"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_pre_created_temporary_name_does_not_capture_the_output(tmp_path: Path) -> None:
    """Files an attacker put where the old writer made its temporary file (`.NAME.tmp-PID`),
    a readable file and a symbolic link to a file of theirs, get none of the content."""
    folder = tmp_path / "shared"
    folder.mkdir()
    target = folder / "export.json"
    trap = folder / f".export.json.tmp-{os.getpid()}"
    trap.write_text("", encoding="utf-8")
    trap.chmod(0o666)
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("", encoding="utf-8")
    link = folder / f".plan.txt.tmp-{os.getpid()}"
    link.symlink_to(theirs)

    write_private(target, SECRET)
    write_private(folder / "plan.txt", [SECRET, "\n"])

    assert target.read_text(encoding="utf-8") == SECRET
    assert (mode(target), mode(folder / "plan.txt")) == (0o600, 0o600)
    assert trap.read_text(encoding="utf-8") == "" and mode(trap) == 0o666
    assert theirs.read_text(encoding="utf-8") == ""
    leftovers = {p.name for p in folder.iterdir()} - {"export.json", "plan.txt"}
    assert leftovers == {trap.name, link.name}


def test_an_existing_target_is_refused_unless_asked(tmp_path: Path) -> None:
    """Without overwrite the old file stays byte for byte; with it, it is replaced, 0600."""
    target = tmp_path / "plan.txt"
    target.write_text("mine", encoding="utf-8")
    target.chmod(0o644)
    with pytest.raises(TargetExistsError):
        write_private(target, SECRET)
    assert target.read_text(encoding="utf-8") == "mine" and mode(target) == 0o644
    write_private(target, SECRET, overwrite=True)
    assert target.read_text(encoding="utf-8") == SECRET and mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["plan.txt"]


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "symlink"])
def test_a_target_that_is_not_a_regular_file_is_never_written(tmp_path: Path, kind: str) -> None:
    """A folder, a FIFO, /dev/null or a symbolic link as the output: refused even when forced."""
    if kind == "folder":
        target = tmp_path / "out"
        target.mkdir()
    elif kind == "fifo":
        target = tmp_path / "out"
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/null")
    else:
        target = tmp_path / "out"
        target.symlink_to(tmp_path / "elsewhere.txt")
    with pytest.raises(UserError):
        write_private(target, SECRET, overwrite=True)
    assert not (tmp_path / "elsewhere.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    """A writer that fails midway (private_temporary) leaves no file and no temporary."""
    target = tmp_path / "backup.db"
    with pytest.raises(RuntimeError), private_temporary(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("disk pulled")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def signed_talk(db_path: Path) -> int:
    pack = load_packs(None).default
    repository = open_repository(str(db_path))
    try:
        person = repository.people.create("Anna Berg", "lead_others", email="anna@example.dk")
        talk = services.start_conversation(repository, pack, person.id, held_on=date(2026, 3, 2))
        repository.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    finally:
        repository.close()
    return talk.id


def run(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_TUI_")}
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PIPELINE_TUI_TODAY="2026-11-23",
    )
    return subprocess.run(
        [str(BIN / "pipeline-tui"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_plan_print_onto_an_existing_file_exits_2_and_leaves_it(
    signed_talk: int, db_path: Path, tmp_path: Path, fmt: str
) -> None:
    """`plan print --output` onto an existing file: exit 2, one line, the file unchanged;
    with --force the plan replaces it."""
    target = tmp_path / "plan.out"
    target.write_bytes(b"my own notes\n")
    home = tmp_path / "home"
    refused = run("--db", db_path, "plan", "print", signed_talk, "--format", fmt, "-o", target,
                  home=home)  # fmt: skip
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.count("\n") == 1 and "exists already" in refused.stderr
    assert target.read_bytes() == b"my own notes\n"
    forced = run("--db", db_path, "plan", "print", signed_talk, "--format", fmt, "-o", target,
                 "--force", home=home)  # fmt: skip
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() != b"my own notes\n" and mode(target) == 0o600


@pytest.mark.parametrize(
    "command",
    [
        ("export", "--output"),
        ("person", "export", "1", "--output"),
        ("db", "backup"),
        ("prep", "print", "1", "--output"),
    ],
)
def test_every_output_option_refuses_an_existing_file(
    signed_talk: int, db_path: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """export, person export, db backup and prep print: an existing file is kept (exit 2)."""
    target = tmp_path / "exists.out"
    target.write_bytes(b"keep me")
    done = run("--db", db_path, *command, target, home=tmp_path / "home")
    assert done.returncode == 2, done.stderr
    assert "exists already" in done.stderr
    assert target.read_bytes() == b"keep me"
    forced = run("--db", db_path, *command, target, "--force", home=tmp_path / "home")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() != b"keep me" and mode(target) == 0o600
