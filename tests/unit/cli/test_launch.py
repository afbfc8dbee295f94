"""The bare `pipeline-tui` opens the app without the click command line; all else goes to click."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_tui.launch import bare_options

COMMAND = Path(sys.executable).with_name("pipeline-tui")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {}),
        (["--db", "x.db"], {"--db": "x.db"}),
        (["--db=x.db", "--lang", "en"], {"--db": "x.db", "--lang": "en"}),
        (["--content", "pack", "--db", "a b.db"], {"--content": "pack", "--db": "a b.db"}),
    ],
)
def test_only_global_options_take_the_fast_path(args, expected) -> None:
    """Global options alone, in any order and either spelling, open the app directly."""
    assert bare_options(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["people", "list"],
        ["--db", "x.db", "export"],
        ["--db"],
        ["--db", "--lang", "en"],
        ["--db=", "--lang", "en"],
        ["--db", "a.db", "--db", "b.db"],
        ["--lang", "xx"],
        ["--colour", "red"],
    ],
)
def test_anything_else_goes_to_the_full_command_line(args) -> None:
    """Help, version, commands and malformed options get click's handling and messages."""
    assert bare_options(args) is None


def test_bare_command_refuses_a_bad_database_with_exit_2(tmp_path) -> None:
    """The fast path keeps the promise: a clear message, exit 2, no traceback, file untouched."""
    target = tmp_path / "notes.txt"
    target.write_text("not a database\n", encoding="utf-8")
    result = subprocess.run(
        [str(COMMAND), "--db", str(target)],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 2
    assert "not a pipeline-tui database" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "not a database\n"


def test_bad_language_still_gets_clicks_message() -> None:
    """An unknown --lang falls through to click, which names the choices; exit 2."""
    result = subprocess.run(
        [str(COMMAND), "--lang", "xx"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 2
    assert "'xx' is not one of da, en" in result.stderr
