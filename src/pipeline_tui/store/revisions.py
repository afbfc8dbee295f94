"""The schema revisions this program knows, oldest first.

Kept as constants so opening an up-to-date database needs no Alembic import;
a test checks they match the scripts in `db/versions`.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD = KNOWN_REVISIONS[-1]

# Columns added after the first schema, by the revision that added them, with the value
# an older row gets: a file (or an export) at an older revision lacks exactly these.
ADDED_IN: dict[str, dict[tuple[str, str], object]] = {
    "0003": {("erasure", "erased_ids"): {}},
    "0004": {("plan", "readiness"): "", ("plan", "readiness_note"): ""},
    "0007": {("invitation", "rater_id"): None, ("invitation", "finished_at"): None},
}

# Tables added after the first schema, by the revision that added them: a file (or an
# export) at an older revision has none of them.
TABLES_ADDED_IN: dict[str, tuple[str, ...]] = {
    "0003": ("copy_made",),
    "0005": ("feedback_rater", "feedback_answer"),
    "0006": ("invitation",),
    "0008": ("rating_sum",),
}


# The statements that make a new SQLite database at HEAD, in the migrations' folder (written
# by `db/dump_head_schema.py`; a test checks them against the migrations).
HEAD_SCHEMA = "head_schema.json"


def migrations_dir() -> Path:
    """The Alembic scripts: packaged as `_db` in a wheel, top-level `db/` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_db"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "db"


@cache
def saved_head_schema() -> dict[str, Any]:
    """`head_schema.json` (HEAD's statements, the exported tables' columns), read once; {}
    where it is missing or not HEAD's (a migration just added): each caller then falls
    back to the migrations or the models."""
    try:
        saved = json.loads((migrations_dir() / HEAD_SCHEMA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved if isinstance(saved, dict) and saved.get("revision") == HEAD else {}
