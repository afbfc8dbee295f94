"""The overview counts the year's conversations per kind, the pack's own kinds included."""

from __future__ import annotations

import json
from datetime import date

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs


def test_conversations_are_counted_per_kind(repo, db_path, run_cli) -> None:
    pack = load_packs(None).default
    boss = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    nurse = repo.people.create(
        "Jonas Friis", "lead_self", email="jonas@example.dk", manager_id=boss.id
    )
    mus = services.start_conversation(repo, pack, nurse.id, held_on=date(2026, 3, 2))
    repo.conversations.update(mus.id, step="expectations")
    services.start_conversation(repo, pack, nurse.id, kind="status", held_on=date(2026, 9, 1))
    services.start_conversation(
        repo, pack, nurse.id, kind="onboarding_1m", held_on=date(2025, 2, 1)
    )
    services.start_conversation(repo, pack, boss.id, held_on=date(2026, 4, 1))

    view = services.overview(repo, pack, 2026, today=date(2026, 11, 23))
    assert list(view.kinds) == ["mus", "lus", "status"]  # the pack's order; 2025's not counted
    assert {k: count for k, (count, _held) in view.kinds.items()} == {
        "mus": 1,
        "lus": 1,
        "status": 1,
    }
    one_layer = services.overview(repo, pack, 2026, layer="lead_self", today=date(2026, 11, 23))
    assert list(one_layer.kinds) == ["mus", "status"]

    result = run_cli(
        "--db", db_path, "--lang", "en", "overview", "--year", "2026", "--format", "json"
    )
    assert result.code == 0, result.err
    kinds = {k["kind"]: k for k in json.loads(result.out)["kinds"]}
    assert kinds["status"] == {
        "kind": "status",
        "name": "Status conversation",
        "conversations": 1,
        "held": 0,
    }
