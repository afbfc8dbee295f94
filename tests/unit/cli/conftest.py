"""Fixtures of the command-line tests that several modules share."""

from __future__ import annotations

from pathlib import Path

import pytest
from two_leaders import anna_and_mette, begin

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
        anna, _mette = anna_and_mette(repo)
        found: dict[str, object] = {}
        for name, kind in (("evaluation", "evaluation"), ("lus", "lus"), ("signed", "evaluation")):
            conversation, ids = begin(repo, pack, anna.id, kind)
            repo.conversations.set_rating(conversation, ids[0], "self", score=3)
            found[name] = conversation
            if name == "evaluation":
                found["ids"] = ids
        signed = conversation
        repo.plans.sign(signed, "person")
        repo.plans.sign(signed, "conductor")
        assert repo.conversations.get(signed).status == "signed"
    finally:
        repo.close()
    return found
