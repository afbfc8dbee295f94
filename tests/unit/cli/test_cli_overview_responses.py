"""HR's overview (issue 18): the response rate of each evaluation that asked peers, reports or
others, the same through the stdlib fast path and through the storage layer."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline_tui import clock, services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.records import NewAnswer
from pipeline_tui.store.repository import open_repository


def test_response_rate_per_evaluation(db_path: Path, run_cli) -> None:
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        boss = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        anna = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=boss.id
        )
        record = services.start_conversation(repo, pack, anna.id, kind="evaluation")
        content = services.conversation_content(repo.conversations.detail(record.id))
        first = content.ordered_expectations()[0].id
        for rater in ("p1", "p2", "p3", "p4"):
            repo.feedback.invite(record.id, "peer", rater)
        repo.feedback.import_answers(
            [NewAnswer(record.id, "peer", rater, first, 4) for rater in ("p1", "p2", "p3")]
        )
    finally:
        repo.close()
    year = str(clock.today().year)
    fast = run_cli("--db", db_path, "overview", "--year", year, "--format", "json")
    stored = run_cli(
        "--db", db_path, "overview", "--year", year, "--format", "json", "--manager", "1"
    )  # fmt: skip
    assert fast.code == 0 and stored.code == 0, fast.err + stored.err
    for result in (fast, stored):
        [row] = json.loads(result.out)["responses"]
        assert (row["conversation"], row["person"]["name"], row["kind"]) == (
            record.id,
            "Anna Berg",
            "evaluation",
        )
        assert (row["asked"], row["answered"], row["rate"]) == (4, 3, 0.75)
    text = run_cli("--db", db_path, "--lang", "en", "overview", "--year", year)
    assert "Response rate" in text.out and "75%" in text.out
    assert "p1" not in text.out + fast.out
    csv = run_cli("--db", db_path, "overview", "--year", year, "--format", "csv")
    assert "responses,Anna Berg,1,rate,0.75" in csv.out
    other_year = run_cli("--db", db_path, "overview", "--year", "2001", "--format", "json")
    assert json.loads(other_year.out)["responses"] == []
