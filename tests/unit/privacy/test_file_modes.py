"""Privacy (issue 7, guarantee 6): every file the program creates is owner-only.

The database and its -wal/-shm files, backups, exports, a person's export and
printed plans are created 0600 and the program's folders 0700, even when the
user's umask would let everyone read them: each command runs as its own
process (the installed `pipeline-tui`) started with umask 000.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

BIN = Path(sys.executable).parent
SCRIPT_NAME = "<script>alert('Sø')</script> Berg"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_TUI_")}
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DOCUMENTS_DIR=str(home / "Documents"),
        PIPELINE_TUI_TODAY="2026-11-23",
    )
    return env


def loose(*command: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run a command in a new process whose umask is 000 (new files would be 0666)."""
    done = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment(home),
        preexec_fn=lambda: os.umask(0),
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done


def pipeline(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    return loose(BIN / "pipeline-tui", *args, home=home)


@pytest.fixture
def filled(db_path: Path) -> tuple[int, int]:
    """A person whose name holds markup and a signed conversation with a goal: (person, talk)."""
    pack = load_packs(None).default
    repository = open_repository(str(db_path))
    try:
        person = repository.people.create(SCRIPT_NAME, "lead_others", email="sb@example.dk")
        talk = services.start_conversation(
            repository, pack, person.id, held_on=date(2026, 3, 2), conducted_by="Mette <i>Holm"
        )
        goal = repository.plans.add_goal(talk.id, "Uddeleger <b>vagtplanen</b>")
        repository.plans.add_action(goal.id, "Lær & <u>koordinatorerne</u> op")
        repository.plans.sign(talk.id, "person")
        repository.plans.sign(talk.id, "conductor")
    finally:
        repository.close()
    return person.id, talk.id


def test_default_database_folder_and_file_are_private_under_umask_000(tmp_path: Path) -> None:
    """Privacy: `db upgrade` at the default location makes the folder 0700 and the file 0600."""
    home = tmp_path / "home"
    pipeline("db", "upgrade", home=home)
    folder = home / "data" / "pipeline-tui"
    database = folder / "pipeline.db"
    assert database.is_file()
    assert (mode(folder), mode(database)) == (0o700, 0o600)


def test_database_wal_and_shm_are_private_while_in_use_under_umask_000(tmp_path: Path) -> None:
    """Privacy: a new database's file, -wal and -shm, seen while the program writes, are 0600."""
    database = tmp_path / "new.db"
    probe = (
        "import json, os, stat, sys\n"
        "from pipeline_tui.store.repository import open_repository\n"
        "path = sys.argv[1]\n"
        "repo = open_repository(path)\n"
        "repo.people.create('Anna Berg', 'lead_self', email='anna@example.dk')\n"
        "modes = {s: stat.S_IMODE(os.stat(path + s).st_mode) for s in ('', '-wal', '-shm')}\n"
        "repo.close()\n"
        "print(json.dumps(modes))\n"
    )
    done = loose(sys.executable, "-c", probe, database, home=tmp_path / "home")
    assert json.loads(done.stdout) == {"": 0o600, "-wal": 0o600, "-shm": 0o600}
    assert mode(database) == 0o600


@pytest.mark.slow
def test_backups_and_exports_are_private_under_umask_000(
    filled: tuple[int, int], db_path: Path, tmp_path: Path
) -> None:
    """Privacy: db backup, export -o, person export -o and plan print -o all write 0600 files."""
    person, talk = filled
    home = tmp_path / "home"
    out = tmp_path / "out"
    out.mkdir()
    pipeline("--db", db_path, "db", "backup", out / "backup.db", home=home)
    pipeline("--db", db_path, "export", "--output", out / "all.json", home=home)
    pipeline("--db", db_path, "person", "export", person, "--output", out / "p.json", home=home)
    for fmt, suffix in (("html", "html"), ("pdf", "pdf"), ("markdown", "md"), ("text", "txt")):
        target = out / f"plan.{suffix}"
        pipeline("--db", db_path, "plan", "print", talk, "--format", fmt, "-o", target, home=home)
    written = sorted(path.name for path in out.iterdir())
    assert written == [
        "all.json",
        "backup.db",
        "p.json",
        "plan.html",
        "plan.md",
        "plan.pdf",
        "plan.txt",
    ]
    assert {name: mode(out / name) for name in written} == dict.fromkeys(written, 0o600)
    assert json.loads((out / "p.json").read_text(encoding="utf-8"))["person"]["name"] == SCRIPT_NAME
    cache = home / "cache" / "pipeline-tui"
    if cache.exists():  # the parsed-pack cache, written by the commands that load the pack
        assert mode(cache) == 0o700
        for path in cache.rglob("*"):
            assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_an_existing_file_is_kept_unless_forced_then_replaced_by_a_private_one(
    filled: tuple[int, int], db_path: Path, tmp_path: Path
) -> None:
    """Privacy: export onto a world-readable file is refused (exit 2, file unchanged);
    with --force it leaves a 0600 file with the new content."""
    target = tmp_path / "export.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    home = tmp_path / "home"
    refused = subprocess.run(
        [str(BIN / "pipeline-tui"), "--db", str(db_path), "export", "--output", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment(home),
    )
    assert refused.returncode == 2
    assert "exists already" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "old"
    pipeline("--db", db_path, "export", "--force", "--output", target, home=home)
    assert mode(target) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "pipeline-tui-export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_program_folders_are_private_under_umask_000(
    filled: tuple[int, int], db_path: Path, tmp_path: Path
) -> None:
    """Privacy: the data, config and cache folders, the cache's packs folder inside it, and
    the folder printed plans go to, are 0700 when made by a process whose umask is 000."""
    home = tmp_path / "home"
    pipeline("db", "upgrade", home=home)  # the data folder
    pipeline("--db", db_path, "prep", "print", filled[0], home=home)  # the pack cache
    # the documents folder a plan goes to unless told otherwise (it was 0777 here)
    printed = pipeline("--db", db_path, "plan", "print", filled[1], "--format", "html", home=home)
    save = "from pipeline_tui.config import UserPreferences; UserPreferences('en').save()"
    loose(sys.executable, "-c", save, home=home)  # the config folder
    folders = {
        "data": home / "data" / "pipeline-tui",
        "config": home / "config" / "pipeline-tui",
        "cache": home / "cache" / "pipeline-tui",
        "packs": home / "cache" / "pipeline-tui" / "packs",
        "documents": home / "Documents" / "pipeline-tui",
    }
    assert Path(printed.stdout.strip()).parent == folders["documents"]
    assert {name: mode(path) for name, path in folders.items()} == dict.fromkeys(folders, 0o700)
    assert mode(folders["config"] / "config.json") == 0o600
    assert all(mode(path) == 0o600 for path in folders["packs"].iterdir())


def test_printed_html_escapes_a_name_with_a_script(
    filled: tuple[int, int], db_path: Path, tmp_path: Path
) -> None:
    """Privacy: plan print --format html shows a name with <script> as text, never as markup."""
    _person, talk = filled
    target = tmp_path / "plan.html"
    args = ("--db", db_path, "plan", "print", talk, "--format", "html", "-o", target)
    pipeline(*args, home=tmp_path / "home")
    source = target.read_text(encoding="utf-8")
    assert "<script" not in source.lower()
    assert "&lt;script&gt;alert(&#x27;Sø&#x27;)&lt;/script&gt; Berg" in source
    for tag in ("<b>", "<u>", "<i>"):
        assert tag not in source
    assert "&lt;b&gt;vagtplanen&lt;/b&gt;" in source
