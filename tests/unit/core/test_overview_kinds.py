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


def test_coverage_counts_only_the_yearly_conversations(repo, db_path, run_cli) -> None:
    """An onboarding or a status conversation is not the year's MUS/LUS.

    Hand-counted for 2026, five people:
    - Ane: MUS, signed                         -> offered, held, signed
    - Bo: status conversation, held            -> nothing (not yearly)
    - Cai: onboarding after 1 month, signed; MUS prepared (a draft)
                                               -> offered only
    - Dan: onboarding after 3 months, held; LUS held
                                               -> offered, held
    - Eva: no conversation                     -> nothing
    Offered 3 (Ane, Cai, Dan), held 2 (Ane, Dan), signed 1 (Ane). Counting every kind
    would give offered 4, held 4, signed 2.
    """
    pack = load_packs(None).default
    people = {
        name: repo.people.create(f"{name} Test", layer, email=f"{name}@example.dk").id
        for name, layer in (
            ("Ane", "lead_self"),
            ("Bo", "lead_self"),
            ("Cai", "lead_self"),
            ("Dan", "lead_others"),
            ("Eva", "lead_self"),
        )
    }

    def talk(name: str, kind: str, on: date, status: str) -> None:
        record = services.start_conversation(repo, pack, people[name], kind=kind, held_on=on)
        if status == "signed":
            repo.plans.sign(record.id, "person")
            repo.plans.sign(record.id, "conductor")
        elif status != "draft":
            repo.conversations.set_status(record.id, status)

    talk("Ane", "mus", date(2026, 3, 2), "signed")
    talk("Bo", "status", date(2026, 5, 4), "completed")
    talk("Cai", "onboarding_1m", date(2026, 2, 1), "signed")
    talk("Cai", "mus", date(2026, 12, 1), "draft")
    talk("Dan", "onboarding_3m", date(2026, 4, 1), "in_progress")
    talk("Dan", "lus", date(2026, 10, 1), "completed")

    view = services.overview(repo, pack, 2026, today=date(2026, 11, 23))
    total = view.coverage.total
    assert (total.people, total.offered, total.held, total.signed) == (5, 3, 2, 1)
    names = {v: k for k, v in people.items()}
    assert sorted(names[i] for i in view.coverage.not_held) == ["Bo", "Cai", "Eva"]
    by_layer = {
        row.key: (row.people, row.offered, row.held, row.signed) for row in view.coverage.by_layer
    }
    assert by_layer == {"lead_self": (4, 2, 1, 1), "lead_others": (1, 1, 1, 0)}
    # The per-kind line still counts every kind held in the year.
    assert {k: held for k, (_count, held) in view.kinds.items()} == {
        "mus": 1,
        "lus": 1,
        "onboarding_1m": 1,
        "onboarding_3m": 1,
        "status": 1,
    }

    # The command line's fast path (stdlib sqlite3) counts the same.
    result = run_cli(
        "--db", db_path, "--lang", "en", "overview", "--year", "2026", "--format", "json"
    )
    assert result.code == 0, result.err
    printed = json.loads(result.out)["total"]
    assert [printed[k] for k in ("people", "offered", "held", "signed_plan")] == [5, 3, 2, 1]
