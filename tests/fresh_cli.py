"""Running a command in a fresh interpreter, to see what it imported (on the path via pyproject).

The quick paths (a listing, `export`, `db check`, a refusal) must leave SQLAlchemy out:
in the test process it is loaded already, so they are run through `pipeline_tui.cli.run`
in a new `python -c` and asked afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "textual")

SCRIPT = """
import json, sys
from pipeline_tui.cli import run
code = run(json.loads(sys.argv[1]))
heavy = sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)
print(json.dumps([code, heavy]), file=sys.stderr)
"""


class Fresh(NamedTuple):
    code: int
    out: str
    err: str  # what the command said on stderr, without the report of the imports
    imported: list[str]  # the heavy modules the command imported


def run_fresh(*args: str | Path) -> Fresh:
    """`pipeline-tui ARGS...` through `cli.run` in a new interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps([str(a) for a in args]), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    *said, report = done.stderr.splitlines() or [""]
    try:
        code, imported = json.loads(report)
    except ValueError:
        raise AssertionError(f"the command did not finish: {done.stderr}") from None
    return Fresh(code, done.stdout, "".join(f"{line}\n" for line in said), imported)
