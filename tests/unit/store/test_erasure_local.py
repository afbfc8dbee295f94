"""`person erase` on a local file with the stdlib: the same erasure as the storage layer's."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from pipeline_tui.errors import NotFoundError
from pipeline_tui.store.erasure import erase_local, open_local, who
from pipeline_tui.store.privacy import erase_person
from pipeline_tui.store.repository import Repository, open_repository


def copy_of(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as a, sqlite3.connect(target) as b:
        a.backup(b)
    a.close()
    b.close()
    return target


def every_row(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
                for t in tables}  # fmt: skip
    finally:
        connection.close()


def test_the_same_rows_go_and_the_same_record_stays(
    repo: Repository, sample_org, db_path: Path, tmp_path: Path
) -> None:
    """Erasing Anna (who leads Jonas and conducted his conversation) with the stdlib leaves
    the database as the storage layer's erasure leaves it: her rows, her raters and their
    answers gone, Jonas without a manager, his conversation's conductor erased, the same
    erasure row (apart from its time) and the same answer, copies included."""
    with repo.engine.begin() as connection:
        talk = connection.exec_driver_sql(
            "SELECT id FROM conversation WHERE person_id = ? ORDER BY id LIMIT 1",
            (sample_org.anna,),
        ).scalar()
        connection.exec_driver_sql(
            "INSERT INTO feedback_rater (conversation_id, rater_group, rater_key, invited_at) "
            "VALUES (?, 'peer', 'k1', '2026-02-01 10:00:00.000000')",
            (talk,),
        )
        connection.exec_driver_sql(
            "INSERT INTO feedback_answer (created_at, updated_at, version, rater_id, "
            "expectation_id, score, not_observed, comment) VALUES ('2026-02-02 10:00:00.000000', "
            "'2026-02-02 10:00:00.000000', 1, 1, 'x', 3, 0, '')"
        )
        connection.exec_driver_sql(
            "INSERT INTO copy_made (kind, path, made_at, person_id) VALUES "
            "('export', '/tmp/all.json', '2026-03-01 09:30:00.000000', NULL), "
            "('plan', '/tmp/anna.pdf', '2026-03-02 09:30:00.000000', ?), "
            "('plan', '/tmp/jonas.pdf', '2026-03-03 09:30:00.000000', ?)",
            (sample_org.anna, sample_org.jonas),
        )
    repo.close()
    theirs, ours = copy_of(db_path, tmp_path / "a.db"), copy_of(db_path, tmp_path / "b.db")

    other = open_repository(str(theirs))
    expected = erase_person(other.engine, sample_org.anna)
    other.close()
    local = open_local(ours)
    assert local is not None
    try:
        assert who(local, sample_org.anna) == ("Anna Berg", 1)
        found = erase_local(local, sample_org.anna)
    finally:
        local.close()

    assert found == expected
    assert found.rows_removed == 17 + 2 and found.conducted == 1  # + the rater and the answer
    assert [path for _kind, path, _made in found.copies] == ["/tmp/all.json", "/tmp/anna.pdf"]
    before, after = every_row(theirs), every_row(ours)
    erasures = before.pop("erasure"), after.pop("erasure")
    assert before == after
    (_id, _at, removed, ids), (_id2, _at2, removed2, ids2) = erasures[0][0], erasures[1][0]
    assert (removed, json.loads(ids)) == (removed2, json.loads(ids2))
    assert json.loads(ids2)["person"] == [sample_org.anna]
    for path in (theirs, ours):  # the log was emptied: the old pages are gone with it
        assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_someone_missing_changes_nothing(repo: Repository, sample_org, db_path: Path) -> None:
    before = every_row(db_path)
    local = open_local(db_path)
    assert local is not None
    try:
        with pytest.raises(NotFoundError):
            who(local, 999)
        with pytest.raises(NotFoundError):
            erase_local(local, 999)
    finally:
        local.close()
    assert every_row(db_path) == before


def test_only_a_local_file_at_the_current_schema(repo: Repository, db_path: Path, tmp_path):
    """Anything else goes to the storage layer: no file, an empty one, another revision, a
    read-only folder."""
    assert open_local(None) is None
    assert open_local(tmp_path / "missing.db") is None
    (tmp_path / "empty.db").touch()
    assert open_local(tmp_path / "empty.db") is None
    older = copy_of(db_path, tmp_path / "older.db")
    with sqlite3.connect(older) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0005'")
    connection.close()
    assert open_local(older) is None
    folder = tmp_path / "locked"
    folder.mkdir()
    locked = copy_of(db_path, folder / "db.db")
    folder.chmod(0o500)
    try:
        writable = os.access(folder, os.W_OK)  # root writes anywhere
        assert (open_local(locked) is None) is not writable
    finally:
        folder.chmod(0o700)
