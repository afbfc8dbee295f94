"""The demo organisation tells a story a consultant recognises: a goal followed up as
reached has its actions done, one partly reached some of them, one not reached none."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def test_last_years_goals_were_worked_on_as_far_as_their_follow_up_says(
    templates, tmp_path: Path
) -> None:
    db = tmp_path / "demo.db"
    templates.demo(db)
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT goal.status, COUNT(action.id), COALESCE(SUM(action.done), 0) "
            "FROM goal LEFT JOIN action ON action.goal_id = goal.id "
            "WHERE goal.reviewed_in_id IS NOT NULL GROUP BY goal.id"
        ).fetchall()
    finally:
        connection.close()
    by_status: dict[str, list[tuple[int, int]]] = {}
    for status, actions, done in rows:
        by_status.setdefault(status, []).append((actions, done))
    assert set(by_status) == {"done", "partly", "not_done"}, by_status
    assert all(done == actions > 0 for actions, done in by_status["done"])
    assert all(0 < done <= actions for actions, done in by_status["partly"])
    assert any(done < actions for actions, done in by_status["partly"])
    assert all(done == 0 for _actions, done in by_status["not_done"])
