"""Readiness for the next layer is stored on the plan: one of three answers or none."""

from __future__ import annotations

import pytest

from pipeline_tui.errors import ConflictError, UserError
from pipeline_tui.records import ConversationRecord
from pipeline_tui.store.repository import Repository


def test_readiness_and_its_note(repo: Repository, talk: ConversationRecord, peek) -> None:
    assert (repo.plans.get(talk.id).readiness, repo.plans.get(talk.id).readiness_note) == ("", "")
    plan = repo.plans.update(talk.id, readiness="later", readiness_note="Når teamet kører")
    assert (plan.readiness, plan.readiness_note) == ("later", "Når teamet kører")
    assert peek("SELECT readiness, readiness_note FROM plan") == [("later", "Når teamet kører")]
    with pytest.raises(UserError, match="readiness must be one of now, later, not_now"):
        repo.plans.update(talk.id, readiness="5")
    with pytest.raises(ConflictError):
        repo.plans.update(talk.id, readiness="now", expected={"readiness": ""})
    repo.plans.update(talk.id, readiness="")  # the answer taken back
    assert peek("SELECT readiness FROM plan") == [("",)]
