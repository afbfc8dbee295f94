"""Conversations in the store: starting one, ratings, comments, cards, compare-and-set."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from pipeline_tui.errors import ConflictError, NotFoundError, RuleError, UserError
from pipeline_tui.records import ContentRef, ConversationRecord, PersonRecord
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines


EXPECTATION = "lead_others.delegation"
ALWAYS_INCLUDED = ("deck.wellbeing", "deck.last_plan")  # content_ref's deck cards


def test_start_puts_the_deck_cards_on_the_table_and_an_empty_plan(
    repo: Repository, talk: ConversationRecord, peek
) -> None:
    """A new conversation is a draft with the always-included cards (by 'deck') and a plan."""
    assert (talk.status, talk.kind, talk.layer, talk.step) == (
        "draft",
        "lus",
        "lead_others",
        "setup",
    )
    assert peek(
        "SELECT card_id, picked_by, position FROM card_pick WHERE conversation_id = ? "
        "ORDER BY position",
        talk.id,
    ) == [(card, "deck", i) for i, card in enumerate(ALWAYS_INCLUDED)]
    assert peek(
        "SELECT summary, follow_up_on, signed_by_person_at FROM plan WHERE conversation_id = ?",
        talk.id,
    ) == [("", None, None)]
    assert peek("SELECT count(*) FROM goal") == [(0,)]
    detail = repo.conversations.detail(talk.id)
    assert detail.plan is not None and detail.plan.goals == ()
    assert detail.snapshot["layer"]["key"] == "lead_others"
    assert [p.card_id for p in detail.picks] == list(ALWAYS_INCLUDED)


def test_conversations_with_the_same_content_share_one_snapshot(
    repo: Repository, talk, person, content_ref: ContentRef, peek
) -> None:
    """The content texts are stored once per pack hash, layer and deck, not per conversation."""
    second = repo.conversations.start(
        person.id, kind="lus", held_on=date(2027, 3, 1), content=content_ref
    )
    assert second.snapshot_id == talk.snapshot_id
    assert peek("SELECT count(*) FROM content_snapshot") == [(1,)]


def test_start_refuses_bad_input(repo: Repository, person, content_ref, peek) -> None:
    """A kind that is no pack key or a missing person starts nothing.

    Which kinds a pack offers is checked by `services` (the store holds any
    kind a pack can name); here only the key's form.
    """
    for bad in ("Chat", "", "a" * 21, "mus; drop"):
        with pytest.raises(UserError):
            repo.conversations.start(
                person.id, kind=bad, held_on=date(2026, 1, 1), content=content_ref
            )
    with pytest.raises(NotFoundError):
        repo.conversations.start(999, kind="mus", held_on=date(2026, 1, 1), content=content_ref)
    assert peek("SELECT count(*) FROM conversation") == [(0,)]


def test_set_rating_upserts_one_row_per_rater(repo: Repository, talk, peek) -> None:
    """Rating twice updates the same row; self and manager ratings are separate rows."""
    first = repo.conversations.set_rating(talk.id, EXPECTATION, "self", score=2)
    assert peek("SELECT status FROM conversation WHERE id = ?", talk.id) == [("in_progress",)]
    second = repo.conversations.set_rating(talk.id, EXPECTATION, "self", score=4)
    assert (second.id, second.score, second.version) == (first.id, 4, first.version + 1)
    repo.conversations.set_rating(talk.id, EXPECTATION, "manager", score=3)
    assert peek("SELECT rater, score, not_observed FROM rating ORDER BY rater") == [
        ("manager", 3, 0),
        ("self", 4, 0),
    ]


@pytest.mark.sqlite_only
def test_the_database_refuses_a_second_rating_row(repo: Repository, talk) -> None:
    """The unique constraint (conversation, expectation, rater) holds even for a raw insert."""
    repo.conversations.set_rating(talk.id, EXPECTATION, "self", score=2)
    connection = sqlite3.connect(repo.engine.url.database)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(
                "INSERT INTO rating (created_at, updated_at, version, conversation_id, "
                "expectation_id, rater, score, not_observed, comment) "
                "VALUES ('2026-01-01', '2026-01-01', 1, ?, ?, 'self', 5, 0, '')",
                (talk.id, EXPECTATION),
            )
    finally:
        connection.close()


def test_not_observed_and_clearing(repo: Repository, talk, peek) -> None:
    """'Not observed' replaces a score; neither clears the rating."""
    repo.conversations.set_rating(talk.id, EXPECTATION, "manager", score=5)
    marked = repo.conversations.set_rating(talk.id, EXPECTATION, "manager", not_observed=True)
    assert (marked.score, marked.not_observed, marked.is_rated) == (None, True, True)
    assert peek("SELECT score, not_observed FROM rating") == [(None, 1)]
    cleared = repo.conversations.set_rating(talk.id, EXPECTATION, "manager")
    assert not cleared.is_rated
    assert peek("SELECT score, not_observed FROM rating") == [(None, 0)]


@pytest.mark.parametrize(
    ("rater", "kwargs"),
    [
        ("self", {"score": 3, "not_observed": True}),
        ("self", {"score": 0}),
        ("self", {"score": 10}),
        ("boss", {"score": 3}),
    ],
)
def test_set_rating_refuses_bad_values(repo: Repository, talk, peek, rater, kwargs) -> None:
    """A score and 'not observed' at once, a score out of range, an unknown rater: nothing saved."""
    with pytest.raises(UserError):
        repo.conversations.set_rating(talk.id, EXPECTATION, rater, **kwargs)
    assert peek("SELECT count(*) FROM rating") == [(0,)]


def test_comment_is_stored_without_a_score(repo: Repository, talk, peek) -> None:
    """A comment can come before the score, and is kept when the score is set."""
    repo.conversations.set_rating_comment(talk.id, EXPECTATION, "self", "Jeg uddelegerer for lidt")
    repo.conversations.set_rating(talk.id, EXPECTATION, "self", score=2)
    assert peek("SELECT score, comment FROM rating") == [(2, "Jeg uddelegerer for lidt")]


def test_comment_conflict_keeps_both_versions(repo: Repository, talk, peek) -> None:
    """Writing over a comment changed elsewhere raises ConflictError with theirs and mine."""
    repo.conversations.set_rating_comment(talk.id, EXPECTATION, "self", "Skrevet et andet sted")
    with pytest.raises(ConflictError) as caught:
        repo.conversations.set_rating_comment(
            talk.id, EXPECTATION, "self", "Min tekst", expected=""
        )
    assert (caught.value.theirs, caught.value.mine) == ("Skrevet et andet sted", "Min tekst")
    assert peek("SELECT comment FROM rating") == [("Skrevet et andet sted",)]


def test_writing_the_stored_value_is_no_conflict(repo: Repository, talk, peek) -> None:
    """Two sessions writing the same text do not conflict; a matching `expected` writes."""
    repo.conversations.set_rating_comment(talk.id, EXPECTATION, "self", "Samme")
    same = repo.conversations.set_rating_comment(talk.id, EXPECTATION, "self", "Samme", expected="")
    assert same.comment == "Samme"
    repo.conversations.set_rating_comment(talk.id, EXPECTATION, "self", "Ny", expected="Samme")
    assert peek("SELECT comment FROM rating") == [("Ny",)]


def test_card_text_conflict(repo: Repository, talk, peek) -> None:
    """Card notes use compare-and-set too: a stale `expected` is refused, nothing overwritten."""
    pick = repo.conversations.pick_card(talk.id, "card.feedback", "self")
    repo.conversations.set_card_text(pick.id, "notes", "Fra den anden terminal")
    with pytest.raises(ConflictError) as caught:
        repo.conversations.set_card_text(pick.id, "notes", "Mine noter", expected="")
    assert caught.value.theirs == "Fra den anden terminal"
    assert caught.value.mine == "Mine noter"
    repo.conversations.set_card_text(pick.id, "agreements", "Aftale", expected="")
    assert peek("SELECT notes, agreements FROM card_pick WHERE id = ?", pick.id) == [
        ("Fra den anden terminal", "Aftale")
    ]
    with pytest.raises(UserError):
        repo.conversations.set_card_text(pick.id, "prompts", "x")


def test_pick_card_respects_the_party_limit(repo: Repository, talk, peek) -> None:
    """A party's picks stop at the deck's limit; the deck's own cards do not count."""
    repo.conversations.pick_card(talk.id, "card.a", "manager", limit=2)
    repo.conversations.pick_card(talk.id, "card.b", "manager", limit=2)
    with pytest.raises(RuleError):
        repo.conversations.pick_card(talk.id, "card.c", "manager", limit=2)
    third = repo.conversations.pick_card(talk.id, "card.c", "self", limit=2)
    assert third.position == len(ALWAYS_INCLUDED) + 2
    assert peek(
        "SELECT picked_by, count(*) FROM card_pick WHERE conversation_id = ? GROUP BY picked_by "
        "ORDER BY picked_by",
        talk.id,
    ) == [("deck", 2), ("manager", 2), ("self", 1)]


def test_pick_card_refuses_a_card_already_on_the_table(repo: Repository, talk, peek) -> None:
    """A card is on the table once: neither party can pick it again, nor a deck card."""
    repo.conversations.pick_card(talk.id, "card.a", "self")
    with pytest.raises(RuleError):
        repo.conversations.pick_card(talk.id, "card.a", "manager")
    with pytest.raises(RuleError):
        repo.conversations.pick_card(talk.id, ALWAYS_INCLUDED[0], "self")
    with pytest.raises(UserError):
        repo.conversations.pick_card(talk.id, "card.z", "deck")
    assert peek("SELECT count(*) FROM card_pick") == [(len(ALWAYS_INCLUDED) + 1,)]


def test_unpick(repo: Repository, talk, peek) -> None:
    """A party's card can be put back; a deck card or a card with notes cannot."""
    pick = repo.conversations.pick_card(talk.id, "card.a", "self")
    noted = repo.conversations.pick_card(talk.id, "card.b", "self")
    repo.conversations.set_card_text(noted.id, "notes", "Vi talte om det")
    repo.conversations.unpick_card(talk.id, "card.a")
    with pytest.raises(RuleError, match="always on the table"):
        repo.conversations.unpick_card(talk.id, ALWAYS_INCLUDED[0])
    with pytest.raises(RuleError):
        repo.conversations.unpick_card(talk.id, "card.b")
    with pytest.raises(NotFoundError):
        repo.conversations.unpick_card(talk.id, "card.a")
    assert peek("SELECT count(*) FROM card_pick WHERE id = ?", pick.id) == [(0,)]
    assert peek("SELECT card_id FROM card_pick ORDER BY position") == [
        *[(card,) for card in ALWAYS_INCLUDED],
        ("card.b",),
    ]


def test_card_played(repo: Repository, talk, peek) -> None:
    """Playing a card is stored at once."""
    pick = repo.conversations.pick_card(talk.id, "card.a", "self")
    assert repo.conversations.set_card_played(pick.id).played
    assert peek("SELECT played FROM card_pick WHERE id = ?", pick.id) == [(1,)]


def test_update_setup_and_status(repo: Repository, talk, peek) -> None:
    """Setup fields, step and status are written; unknown fields and steps are refused."""
    updated = repo.conversations.update(talk.id, step="cards", revealed=True, kind="mus")
    assert (updated.step, updated.revealed, updated.kind) == ("cards", True, "mus")
    assert updated.version > talk.version
    done = repo.conversations.set_status(talk.id, "completed")
    assert done.completed_at is not None
    assert peek("SELECT step, revealed, kind, status FROM conversation") == [
        ("cards", 1, "mus", "completed")
    ]
    with pytest.raises(UserError):
        repo.conversations.update(talk.id, person_id=1)
    with pytest.raises(UserError):
        repo.conversations.update(talk.id, step="dessert")
    with pytest.raises(UserError):
        repo.conversations.set_status(talk.id, "signed")


def test_list_and_get(repo: Repository, talk: ConversationRecord, person: PersonRecord) -> None:
    """Listings carry the person, the plan's state and goal count; filters by person and year."""
    repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    [summary] = repo.conversations.list(person_id=person.id)
    assert (summary.person_name, summary.unit, summary.goals, summary.plan_signed) == (
        "Anna Berg",
        "Ortopædi",
        1,
        False,
    )
    assert repo.conversations.list(year=2025) == []
    assert repo.conversations.get(talk.id).person_name == "Anna Berg"
    with pytest.raises(NotFoundError):
        repo.conversations.get(999)
