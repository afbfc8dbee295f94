"""Write `head_schema.json`: the statements that make a new SQLite database at the newest
schema, read from a database the migrations have just made, and the exported tables'
columns as the models declare them (what `store.exporting` writes, without the models).

Run it after adding a migration (a test fails until then):

    python db/dump_head_schema.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def migrated_statements(path: Path) -> tuple[str, list[str]]:
    """The revision and the CREATE statements (creation order) of a migrated database."""
    connection = sqlite3.connect(path)
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        rows = connection.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
            "ORDER BY rowid"
        ).fetchall()
    finally:
        connection.close()
    statements = [sql for (sql,) in rows]
    statements.append(f"INSERT INTO alembic_version (version_num) VALUES ('{revision}')")
    return revision, statements


def main() -> None:
    from pipeline_tui.store.engine import make_engine
    from pipeline_tui.store.exporting import described_by_models
    from pipeline_tui.store.migrate import upgrade
    from pipeline_tui.store.revisions import HEAD_SCHEMA

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "head.db"
        engine = make_engine(str(path))
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        revision, statements = migrated_statements(path)
    exported = {table: dict(columns) for table, columns in described_by_models()}
    out = HERE / HEAD_SCHEMA
    out.write_text(
        json.dumps({"revision": revision, "statements": statements, "exported": exported}, indent=1)
        + "\n",
        encoding="utf-8",
    )
    print(f"{out}: {len(statements)} statements for revision {revision}", file=sys.stderr)


if __name__ == "__main__":
    main()
