"""The arrows point one way: storage and the non-TUI commands never load Textual.

Checked in a fresh interpreter, because the test process itself has Textual loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import importlib, json, pkgutil, sys

def loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] == "textual")

import pipeline_tui.store
for module in pkgutil.iter_modules(pipeline_tui.store.__path__, "pipeline_tui.store."):
    importlib.import_module(module.name)
import pipeline_tui.core.roster
from pipeline_tui.cli import run
codes = [run(list(args)) for args in json.loads(sys.argv[1])]
found = loaded()
import textual.app  # the control: the probe does see Textual once it is imported
report = {"codes": codes, "textual": found, "control": bool(loaded())}
print(json.dumps(report), file=sys.stderr)
"""


def probe(commands: list[list[str]]) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(commands)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stderr.strip().splitlines()[-1])


def test_store_and_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    """Importing every store module and running non-TUI commands leaves textual unloaded."""
    db = str(tmp_path / "hygiene.db")
    result = probe(
        [
            ["--db", db, "db", "upgrade"],
            ["--db", db, "people", "list", "--json"],
            ["--db", db, "conversations", "list"],
            ["--db", db, "export", "--output", str(tmp_path / "dump.json")],
            ["--db", db, "db", "path"],
        ]
    )
    assert result == {"codes": [0, 0, 0, 0, 0], "textual": [], "control": True}
