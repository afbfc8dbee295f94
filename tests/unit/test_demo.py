"""The demo organisation tells a story a consultant recognises: a goal followed up as
reached has its actions done, one partly reached some of them, one not reached none; no
plan says the same goal twice; two leaders have a leadership evaluation with 360° answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pipeline_tui.store.repository import open_repository


def demo_rows(templates, tmp_path: Path, *queries: str) -> list[list[tuple]]:
    """The rows of each of `queries`, asked of a new demo database."""
    db = tmp_path / "demo.db"
    templates.demo(db)
    connection = sqlite3.connect(db)
    try:
        return [connection.execute(query).fetchall() for query in queries]
    finally:
        connection.close()


def test_last_years_goals_were_worked_on_as_far_as_their_follow_up_says(
    templates, tmp_path: Path
) -> None:
    [rows] = demo_rows(
        templates,
        tmp_path,
        "SELECT goal.status, COUNT(action.id), COALESCE(SUM(action.done), 0) "
        "FROM goal LEFT JOIN action ON action.goal_id = goal.id "
        "WHERE goal.reviewed_in_id IS NOT NULL GROUP BY goal.id",
    )
    by_status: dict[str, list[tuple[int, int]]] = {}
    for status, actions, done in rows:
        by_status.setdefault(status, []).append((actions, done))
    assert set(by_status) == {"done", "partly", "not_done"}, by_status
    assert all(done == actions > 0 for actions, done in by_status["done"])
    assert all(0 < done <= actions for actions, done in by_status["partly"])
    assert any(done < actions for actions, done in by_status["partly"])
    assert all(done == 0 for _actions, done in by_status["not_done"])


def test_no_plan_has_two_goals_of_the_same_words(templates, tmp_path: Path) -> None:
    """Two cards of one theme played in one conversation used to share their agreement,
    and the plan got the same goal twice (then last year's follow-up listed it twice)."""
    twice, agreements = demo_rows(
        templates,
        tmp_path,
        "SELECT plan_id, title FROM goal GROUP BY plan_id, title HAVING COUNT(*) > 1",
        "SELECT conversation_id, agreements FROM card_pick WHERE agreements != '' "
        "GROUP BY conversation_id, agreements HAVING COUNT(*) > 1",
    )
    assert twice == [] and agreements == []


def test_two_leaders_have_a_leadership_evaluation_with_answers_from_others(
    templates, tmp_path: Path, run_cli
) -> None:
    """The demo shows the 360° evaluation a consultant came to see: Lise Kjær's completed
    evaluation with every group over the threshold (the plan prints peers and direct
    reports, blind spots, comments and her readiness); Jakob Nørgaard's under way with his
    direct reports still below it; HR's overview counts who was asked and who answered."""
    db = tmp_path / "demo.db"
    templates.demo(db)
    shown = run_cli("--db", db, "overview", "--year", "2026", "--format", "json")
    assert shown.code == 0, shown.err
    overview = json.loads(shown.out)
    rates = {
        r["person"]["name"]: (r["kind"], r["asked"], r["answered"]) for r in overview["responses"]
    }
    assert rates == {
        "Lise Kjær": ("evaluation", 9, 7),
        "Jakob Nørgaard": ("evaluation", 7, 5),
    }
    kinds = {k["kind"]: k["conversations"] for k in overview["kinds"]}
    assert kinds["evaluation"] == 2

    text = run_cli("--db", db, "--lang", "da", "overview", "--year", "2026").out
    # The weakest expectations of every layer together, in the pipeline's order (they came
    # by key: function, others, self; the layers with too few raters after the rates).
    layers = (
        "Leder af sig selv",
        "Leder af medarbejdere",
        "Leder af ledere",
        "Funktionsleder",
        "Topleder",
    )
    found = [text.index(f"Svageste forventninger – {layer}") for layer in layers]
    assert found == sorted(found), found
    assert text.index("Svarprocent") > text.rindex("Svageste forventninger")
    assert "Lise Kjær" in text[text.index("Svarprocent") :]

    ids = {r["person"]["name"]: r["conversation"] for r in overview["responses"]}
    printed = run_cli(
        "--db", db, "plan", "print", ids["Lise Kjær"], "--format", "markdown", "--lang", "da",
        "-o", "-",
    )  # fmt: skip
    assert printed.code == 0, printed.err
    plan = printed.out
    assert "| | Lederens leder | Leder | Kolleger | Medarbejdere |" in plan
    assert "Kolleger: 4 har svaret" in plan and "Medarbejdere: 3 har svaret" in plan
    assert "Kommentarer fra kolleger" in plan and "Kommentarer fra medarbejdere" in plan
    assert "Blind plet" in plan
    assert "## Klar til næste niveau (Topleder)" in plan
    assert "Klar om et til to år – Først skal helheden" in plan
    assert "demo-" not in plan  # the raters' ids, which only the survey tool knew

    repo = open_repository(str(db))
    try:
        feedback = repo.conversations.detail(ids["Jakob Nørgaard"]).feedback
    finally:
        repo.close()
    assert {g.group: (g.shown, bool(g.means)) for g in feedback} == {
        "peer": (True, True),
        "report": (False, False),
    }


def test_a_draft_has_its_decks_fixed_cards_on_the_table(templates, tmp_path: Path) -> None:
    """A conversation begun in the app has its deck's always-included cards on the table
    from the start; the demo's drafts had none, and the sign-off list said "the cards have
    been played (0/0)" while the cards step showed two on the table."""
    [drafts] = demo_rows(
        templates,
        tmp_path,
        "SELECT c.id, c.kind, COUNT(p.id), SUM(p.picked_by = 'deck') FROM conversation c "
        "LEFT JOIN card_pick p ON p.conversation_id = c.id "
        "WHERE c.status = 'draft' GROUP BY c.id",
    )
    assert drafts, "the demo has a draft"
    assert all(count >= 1 and count == fixed for _id, _kind, count, fixed in drafts), drafts
