"""Store fixtures: two people and a conversation, on hand-made content (no pack needed)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.records import ContentRef, ConversationRecord, PersonRecord
from pipeline_tui.store.repository import Repository


@pytest.fixture
def leader(repo: Repository) -> PersonRecord:
    return repo.people.create(
        "Mette Holm", "lead_leaders", email="mette.holm@example.dk", unit="Ortopædi"
    )


@pytest.fixture
def person(repo: Repository, leader: PersonRecord) -> PersonRecord:
    return repo.people.create(
        "Anna Berg",
        "lead_others",
        email="anna.berg@example.dk",
        title="Afdelingssygeplejerske",
        unit="Ortopædi",
        manager_id=leader.id,
    )


@pytest.fixture
def talk(
    repo: Repository, person: PersonRecord, leader: PersonRecord, content_ref: ContentRef
) -> ConversationRecord:
    """A LUS for Anna, conducted by her manager."""
    return repo.conversations.start(
        person.id,
        kind="lus",
        held_on=date(2026, 3, 2),
        content=content_ref,
        conducted_by=leader.name,
        conductor_id=leader.id,
    )
