"""The installed `pipeline-tui` command, run as a user would: exit codes and streams."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / ("pipeline-tui.exe" if os.name == "nt" else "pipeline-tui")

pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed")


def pipeline_tui(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_version() -> None:
    """The command runs and reports its version."""
    done = pipeline_tui("--version")
    assert (done.returncode, done.stdout) == (0, "pipeline-tui, version 0.1.0\n")


def test_db_upgrade_and_listing(db_path: Path) -> None:
    """A database is created by `db upgrade` and listed as JSON by the installed command."""
    assert pipeline_tui("--db", db_path, "db", "upgrade").returncode == 0
    done = pipeline_tui("--db", db_path, "people", "list", "--json")
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


MODULES_PROBE = """
import json, sys
from pipeline_tui.launch import main
try:
    main()
finally:
    print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def imports_of(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the command line in a fresh interpreter; its result (stderr without the probe's
    line) and the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", MODULES_PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stderr.splitlines(keepends=True)
    found = set(json.loads(lines[-1].removeprefix("MODULES ")))
    done.stderr = "".join(lines[:-1])
    return done, found


HEAVY = {"pydantic", "yaml", "sqlalchemy", "textual"}


@pytest.mark.cold_pack_cache  # the first use of the packs writes their cache
def test_people_listing_takes_layer_names_from_the_packs_cache(
    repo, sample_org, db_path: Path
) -> None:
    """`people list --json` needs no content pack, and the rest of `people list` needs no
    pydantic, PyYAML or SQLAlchemy once a full load has cached the packs: --layer accepts a
    name in either language, the table shows the names, an unknown layer is refused with the
    keys (exit 2)."""
    done, imported = imports_of("--db", db_path, "people", "list", "--json")
    assert done.returncode == 0 and len(json.loads(done.stdout)) == 3
    assert imported & HEAVY == set()
    layer = ("--db", db_path, "people", "list", "--json", "--layer", "LEDER AF LEDERE")
    first, _ = imports_of(*layer)  # the first use of the shipped packs caches them
    done, imported = imports_of(*layer)
    assert json.loads(first.stdout) == json.loads(done.stdout)
    assert [p["name"] for p in json.loads(done.stdout)] == ["Mette Holm"]
    assert imported & HEAVY == set()
    done, imported = imports_of("--db", db_path, "--lang", "en", "people", "list")
    assert "Lead leaders" in done.stdout and imported & HEAVY == set()
    done, _ = imports_of("--db", db_path, "people", "list", "--layer", "boss")
    assert (done.returncode, done.stdout) == (2, "")
    assert "'boss'" in done.stderr and "lead_others, lead_leaders" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_command_imports_its_own_module_only(repo, sample_org, db_path: Path) -> None:
    """The command line knows which module defines each sub-command (checked against the
    modules) and imports only that one: `person erase` loads neither the plan printing
    nor the overview nor the server commands, and needs no SQLAlchemy on a local file."""
    import importlib

    from pipeline_tui.cli import COMMAND_MODULES

    defined = {
        command.name: module
        for module in set(COMMAND_MODULES.values())
        for command in importlib.import_module(f"pipeline_tui.cli.{module}").COMMANDS
    }
    assert defined == COMMAND_MODULES
    done, imported = imports_of("--db", db_path, "person", "erase", sample_org.jonas, "--yes")
    assert done.returncode == 0, done.stderr
    assert "Erased person" in done.stdout
    commands = {m.rsplit(".", 1)[1] for m in imported if m.startswith("pipeline_tui.cli.")}
    assert commands == {"people", "common", "texts", "terminal"}
    assert imported & HEAVY == set()


def test_bad_database_exits_2_without_a_traceback(tmp_path: Path) -> None:
    """A non-database --db: exit 2, one line on stderr, nothing on stdout, the file untouched."""
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n", encoding="utf-8")
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    done = pipeline_tui("--db", other, "people", "list")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("pipeline-tui: ") and done.stderr.count("\n") == 1
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before


def test_erase_prompt_answered_no(repo, sample_org, db_path: Path, peek) -> None:
    """`person erase` asks on the terminal; 'n' keeps the person and their conversations
    and is not a failure (exit 0, "Nothing erased.")."""
    done = pipeline_tui("--db", db_path, "person", "erase", sample_org.anna, stdin="n\n")
    assert done.returncode == 0
    assert "Erase Anna Berg" in done.stdout
    assert "Nothing erased." in done.stdout
    assert "Traceback" not in done.stderr
    assert peek("SELECT count(*) FROM conversation WHERE person_id = ?", sample_org.anna) == [(2,)]


def test_erase_prompt_without_an_answer_erases_nothing(
    repo, sample_org, db_path: Path, peek
) -> None:
    """The input ends at `person erase`'s question (a script without --yes): no answer is not
    a yes; one line says so and names --yes, exit 2, the person and conversations stay."""
    done = pipeline_tui("--db", db_path, "person", "erase", sample_org.anna, stdin="")
    assert done.returncode == 2, done.stderr
    assert "Aborted" not in done.stderr and "Traceback" not in done.stderr
    said = "no answer was given, so nothing was done (--yes does it without asking)\n"
    assert done.stderr.endswith(said)
    assert peek("SELECT count(*) FROM conversation WHERE person_id = ?", sample_org.anna) == [(2,)]


def test_feedback_import_of_a_bad_file_exits_2(db_path: Path, tmp_path: Path) -> None:
    """Issue 18: a feedback file with problems: exit 2, a line per problem and the summary,
    no traceback, the database's bytes unchanged; a missing file likewise."""
    assert pipeline_tui("--db", db_path, "db", "upgrade").returncode == 0
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    bad = tmp_path / "svar.csv"
    bad.write_text(
        "conversation_id,group,rater,expectation_id,score,comment\n7,peer,x,e,3,\n1,chef,y,e,9,\n",
        encoding="utf-8",
    )
    done = pipeline_tui("--db", db_path, "feedback", "import", bad)
    assert (done.returncode, done.stdout) == (2, "")
    lines = done.stderr.splitlines()
    assert lines[0] == f"{bad}:2: no conversation with id 7"
    assert lines[-1] == f"pipeline-tui: {len(lines) - 1} problems in {bad}: nothing was imported"
    assert "Traceback" not in done.stderr
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    missing = pipeline_tui("--db", db_path, "feedback", "import", tmp_path / "none.csv")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
