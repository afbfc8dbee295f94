"""`db check`: SQLite's integrity and foreign-key checks plus ours; exit 0, or 2 with each
problem on its own line. Nothing is written to the file."""

from __future__ import annotations

import hashlib
import random
import re
import sqlite3
from pathlib import Path

import pytest
from raw_rows import tamper


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_healthy_database_is_ok_and_unchanged(run_cli, repo, sample_org, db_path: Path) -> None:
    """The sample organisation: exit 0, 'ok', counts; the file's bytes unchanged."""
    repo.close()
    before = sha256(db_path)
    result = run_cli("--db", db_path, "db", "check")
    assert result.code == 0, result.err
    assert result.out.endswith(f"{db_path}: ok\n")
    assert "3 people, 3 conversations, 0 erasures" in result.out
    assert sha256(db_path) == before


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (
            ["UPDATE rating SET conversation_id = 999 WHERE id = 1"],
            "orphan: rating row 1 points at a missing conversation (rating.conversation_id)",
        ),
        (
            ["DELETE FROM person WHERE name = 'Mette Holm'"],
            "points at a missing person (person.manager_id)",
        ),
        (
            ["UPDATE conversation SET status = 'archived' WHERE id = 1"],
            "unknown value: conversation 1 has status 'archived'",
        ),
        (["UPDATE goal SET version = 0 WHERE id = 1"], "version: goal 1 has version 0"),
        (
            ["UPDATE person SET manager_id = 3 WHERE name = 'Mette Holm'"],
            "managers in a circle: people",
        ),
        (
            ["INSERT INTO rating_sum VALUES ('x.goals', 'self', 2026, 'lead_others', 1, 3, 9)"],
            "rating sums: 1 kept group differs from the ratings and 0 groups of ratings are",
        ),
        (
            ["DROP TRIGGER rating_sum_update", "UPDATE rating SET score = 1 + score % 5"],
            "rating sums:",
        ),
        (
            ["UPDATE rating SET score = 12 WHERE id = 1"],  # (a content with no scale: 1-9)
            "off the scale: rating 1 has score 12 (its conversation's scale: 1-9)",
        ),
    ],
    ids=[
        "orphan-rating",
        "missing-manager",
        "status",
        "version",
        "circle",
        "sums",
        "sums-left",
        "score",
    ],
)
def test_each_problem_is_named_and_exits_2(
    run_cli, repo, sample_org, db_path: Path, statements: list[str], expected: str
) -> None:
    repo.close()
    tamper(db_path, *statements)
    before = sha256(db_path)
    result = run_cli("--db", db_path, "db", "check")
    assert result.code == 2, result.out
    assert expected in result.err
    assert result.err.splitlines()[-1].startswith("pipeline-tui: ")
    assert re.fullmatch(
        r"pipeline-tui: (1 problem|\d+ problems) in .+", result.err.splitlines()[-1]
    )
    assert "Traceback" not in result.err
    assert sha256(db_path) == before


def test_damaged_pages_are_reported(run_cli, repo, sample_org, db_path: Path) -> None:
    """Random bytes over an index's page: the integrity check names it, exit 2."""
    repo.close()
    tamper(db_path)
    connection = sqlite3.connect(db_path)
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ix_person_name'"
    ).fetchone()
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    with db_path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(random.Random(3).randbytes(64))
    result = run_cli("--db", db_path, "db", "check")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "integrity" in result.err or "damaged" in result.err


def test_a_missing_database_is_not_created(run_cli, db_path: Path) -> None:
    result = run_cli("--db", db_path, "db", "check")
    assert result.code == 2 and "no database" in result.err
    assert not db_path.exists()


def test_360_scores_off_the_scale_are_named(run_cli, talks, db_path: Path, tmp_path: Path) -> None:
    """A 360° answer edited by hand to 9, or to a word, on a scale of 1-5 passed `db check`
    ("ok", exit 0), and was averaged into the summary and the printed plan; each is now a
    problem of its row, in both languages, and the file is left as it was."""
    e, ids = talks["evaluation"], talks["ids"]
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "conversation_id,group,rater,expectation_id,score,comment\n"
        + "".join(f"{e},peer,r{n},{ids[0]},{n},\n" for n in (1, 2, 3)),
        encoding="utf-8",
    )
    assert run_cli("--db", db_path, "feedback", "import", answers).code == 0
    assert run_cli("--db", db_path, "db", "check").code == 0
    tamper(
        db_path,
        "UPDATE feedback_answer SET score = 9 WHERE id = 1",
        "UPDATE feedback_answer SET score = 'fire' WHERE id = 3",
    )
    before = sha256(db_path)
    result = run_cli("--db", db_path, "--lang", "en", "db", "check")
    assert result.code == 2, result.out
    assert result.err.splitlines() == [
        f"{db_path}: off the scale: feedback_answer 1 has score 9 "
        "(its conversation's scale: 1, 2, 3, 4, 5)",
        f"{db_path}: off the scale: feedback_answer 3 has score 'fire' "
        "(its conversation's scale: 1, 2, 3, 4, 5)",
        f"pipeline-tui: 2 problems in {db_path}",
    ]
    danish = run_cli("--db", db_path, "--lang", "da", "db", "check")
    assert "uden for skalaen: feedback_answer 1 har vurderingen 9" in danish.err
    assert sha256(db_path) == before
