"""HR's overview (issue 18): the response rate of each evaluation that asked peers, reports or
others, the same through the stdlib fast path and through the storage layer."""

from __future__ import annotations

import json
from pathlib import Path

from two_leaders import anna_and_mette, begin

from pipeline_tui import clock
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.records import NewAnswer
from pipeline_tui.store.repository import open_repository
from pipeline_tui.texts import locale


def test_response_rate_per_evaluation(db_path: Path, run_cli) -> None:
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        anna, _mette = anna_and_mette(repo)
        conversation, ids = begin(repo, pack, anna.id, "evaluation")
        for rater in ("p1", "p2", "p3", "p4"):
            repo.feedback.invite(conversation, "peer", rater)
        repo.feedback.import_answers(
            [NewAnswer(conversation, "peer", rater, ids[0], 4) for rater in ("p1", "p2", "p3")]
        )
        status = repo.conversations.get(conversation).status
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
            conversation,
            "Anna Berg",
            "evaluation",
        )
        assert (row["asked"], row["answered"], row["rate"]) == (4, 3, 0.75)
        assert row["status"] == status  # one still collecting answers says so
    text = run_cli("--db", db_path, "--lang", "en", "overview", "--year", year)
    assert "Response rate" in text.out and "75%" in text.out
    assert locale("en").text(f"status.{status}") in text.out
    danish = run_cli("--db", db_path, "--lang", "da", "overview", "--year", year)
    assert locale("da").text(f"status.{status}") in danish.out
    assert "p1" not in text.out + fast.out
    csv = run_cli("--db", db_path, "overview", "--year", year, "--format", "csv")
    assert "responses,Anna Berg,1,rate,0.75" in csv.out
    other_year = run_cli("--db", db_path, "overview", "--year", "2001", "--format", "json")
    assert json.loads(other_year.out)["responses"] == []
