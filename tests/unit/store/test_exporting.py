"""`export` of a local SQLite file with the stdlib alone (`store.exporting`): the document the
storage layer writes, from a description of the tables saved with HEAD's statements."""

from __future__ import annotations

from pathlib import Path

from fresh_cli import run_fresh

from pipeline_tui.store.exporting import described_by_models, exported_tables
from pipeline_tui.store.repository import Repository
from pipeline_tui.store.transfer import export_lines


def test_the_saved_description_of_the_tables_is_the_models() -> None:
    """db/head_schema.json holds every exported table, in order, with its columns in order and
    what each holds, as the models declare them (run db/dump_head_schema.py after a change)."""
    from pipeline_tui.store.revisions import saved_head_schema

    assert "exported" in saved_head_schema(), "run python db/dump_head_schema.py"
    saved = exported_tables()
    assert saved == described_by_models()
    assert [table for table, _columns in saved] == list(saved_head_schema()["exported"])
    names = [table for table, _columns in saved]
    assert names[0] == "person" and "rating" in names and "invitation" not in names
    kinds = {f"{table}.{column}": kind for table, columns in saved for column, kind in columns}
    assert kinds["person.created_at"] == "moment"
    assert kinds["conversation.held_on"] == "date"
    assert kinds["rating.not_observed"] == "flag"
    assert kinds["goal.expectation_ids"] == "json"
    assert kinds["person.name"] == "plain"


def test_export_of_a_local_file_imports_no_orm(repo: Repository, sample_org, db_path: Path) -> None:
    """`pipeline-tui export` on a local file at the current schema writes, byte for byte, the
    document the storage layer writes, without importing SQLAlchemy (~0.3 s, not ~0.9 s)."""
    expected = "".join(export_lines(repo.engine))
    repo.close()
    done = run_fresh("--db", db_path, "export")
    assert (done.code, done.imported, done.err) == (0, [], "")
    assert done.out == expected
    assert '"person": [' in expected and sample_org.anna
