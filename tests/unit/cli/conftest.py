"""Fixtures of the command-line tests that several modules share."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository


@pytest.fixture
def talks(db_path: Path) -> dict[str, object]:
    """For one leader (Anna, led by Mette): a leadership evaluation, a LUS and a signed
    evaluation, each begun (one rating), so none is a draft; their ids, and the ids of the
    evaluation's expectations in order (`ids`)."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        boss = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        anna = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=boss.id
        )
        found: dict[str, object] = {}
        for name, kind in (("evaluation", "evaluation"), ("lus", "lus"), ("signed", "evaluation")):
            record = services.start_conversation(repo, pack, anna.id, kind=kind)
            content = services.conversation_content(repo.conversations.detail(record.id))
            ids = [e.id for e in content.ordered_expectations()]
            repo.conversations.set_rating(record.id, ids[0], "self", score=3)
            found[name] = record.id
            if name == "evaluation":
                found["ids"] = ids
        signed = record.id
        repo.plans.sign(signed, "person")
        repo.plans.sign(signed, "conductor")
        assert repo.conversations.get(signed).status == "signed"
    finally:
        repo.close()
    return found
