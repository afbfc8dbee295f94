"""The small organisation several command-line tests start from: Anna Berg (leads others),
led by Mette Holm (leads leaders), and a conversation of Anna's begun through the services."""

from __future__ import annotations

from pipeline_tui import services
from pipeline_tui.packs.pack import Pack
from pipeline_tui.records import PersonRecord
from pipeline_tui.store.repository import Repository


def anna_and_mette(repo: Repository) -> tuple[PersonRecord, PersonRecord]:
    """(Anna, Mette): Anna Berg on lead_others, her manager Mette Holm on lead_leaders."""
    mette = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
    anna = repo.people.create(
        "Anna Berg", "lead_others", email="anna@example.dk", manager_id=mette.id
    )
    return anna, mette


def begin(repo: Repository, pack: Pack, person_id: int, kind: str) -> tuple[int, list[str]]:
    """A new conversation of `kind` for the person: its id and its expectations' ids in
    order."""
    record = services.start_conversation(repo, pack, person_id, kind=kind)
    content = services.conversation_content(repo.conversations.detail(record.id))
    return record.id, [e.id for e in content.ordered_expectations()]
