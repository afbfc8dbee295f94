"""A person's data: everything about them on request, and erasure without a trace."""

from __future__ import annotations

import pytest

from pipeline_tui.errors import NotFoundError
from pipeline_tui.store.privacy import ERASED, erase_person, person_export
from pipeline_tui.store.repository import Repository


def test_person_export_holds_their_conversations_and_plans(repo: Repository, sample_org) -> None:
    """The access export has the person, their conversations with everything said, and links."""
    data = person_export(repo.engine, sample_org.anna)
    assert data["format"] == "pipeline-tui-person-export"
    assert data["person"]["name"] == "Anna Berg"
    assert [c["held_on"] for c in data["conversations"]] == ["2026-03-02", "2027-03-01"]
    assert {r["score"] for r in data["ratings"]} == {2, 3, None}
    assert any(p["notes"] == "Vagtplanen tager to dage om måneden" for p in data["card_picks"])
    assert [g["title"] for g in data["goals"]] == [
        "Uddeleger vagtplanen",
        "Uddeleger vagtplanen helt",
    ]
    assert {a["description"] for a in data["actions"]} == {
        "Lær koordinatorerne op",
        "Sparring med Mette",
    }
    assert data["manager_of"] == [{"id": sample_org.jonas, "name": "Jonas Friis"}]
    assert data["conducted_conversations"] == [
        {"id": sample_org.jonas_talk, "held_on": "2026-04-14", "kind": "mus"}
    ]
    assert not any(c["person_id"] == sample_org.jonas for c in data["conversations"])
    with pytest.raises(NotFoundError):
        person_export(repo.engine, 999)


def test_erase_removes_them_and_scrubs_their_name_elsewhere(
    repo: Repository, sample_org, peek
) -> None:
    """Erasing Anna removes her rows; Jonas keeps his, with her name replaced everywhere."""
    removed = erase_person(repo.engine, sample_org.anna)
    assert peek("SELECT count(*) FROM person WHERE id = ?", sample_org.anna) == [(0,)]
    assert peek("SELECT count(*) FROM conversation WHERE person_id = ?", sample_org.anna) == [(0,)]
    assert peek("SELECT id, manager_id FROM person WHERE id = ?", sample_org.jonas) == [
        (sample_org.jonas, None)
    ]
    assert peek("SELECT conducted_by, conductor_id FROM conversation") == [(ERASED, None)]
    assert peek("SELECT notes FROM card_pick WHERE notes != ''") == [
        (f"{sample_org.note}; aftalt med {ERASED}",)
    ]
    assert peek("SELECT owner FROM action") == [(ERASED,)]
    # 1 person, 2 conversations, 3 ratings, 5 card picks, 2 plans, 2 goals, 2 actions
    assert removed == 17
    assert peek("SELECT rows_removed FROM erasure") == [(17,)]


def test_erase_leaves_other_people_with_the_same_name_alone(
    repo: Repository, sample_org, peek
) -> None:
    """Another person who shares (or contains) the erased name keeps their own name."""
    namesake = repo.people.create("Anna Berg", "lead_self", email="anna.berg2@example.dk")
    longer = repo.people.create("Anna Bergholt", "lead_self", email="ab@example.dk")
    erase_person(repo.engine, sample_org.anna)
    names = peek("SELECT name FROM person WHERE id IN (?, ?) ORDER BY id", namesake.id, longer.id)
    assert names == [("Anna Berg",), ("Anna Bergholt",)]


def test_erase_of_someone_missing_changes_nothing(repo: Repository, sample_org, peek) -> None:
    """A wrong id is reported and nothing is erased or logged."""
    with pytest.raises(NotFoundError):
        erase_person(repo.engine, 999)
    assert peek("SELECT count(*) FROM person") == [(3,)]
    assert peek("SELECT count(*) FROM erasure") == [(0,)]


def test_erase_scrubs_the_name_in_any_letter_case(repo: Repository, sample_org, peek) -> None:
    """The erased name and email in other letter cases, in someone else's notes, go too."""
    picks = repo.conversations.detail(sample_org.jonas_talk).picks
    repo.conversations.set_card_text(
        picks[0].id, "agreements", "Følg op med ANNA BERG og anna berg; spørg ANNA.BERG@EXAMPLE.DK"
    )
    erase_person(repo.engine, sample_org.anna)
    (agreements,) = peek("SELECT agreements FROM card_pick WHERE id = ?", picks[0].id)[0]
    assert agreements == f"Følg op med {ERASED} og {ERASED}; spørg {ERASED}"
    assert peek("SELECT count(*) FROM card_pick WHERE lower(notes) LIKE '%anna berg%'") == [(0,)]
