"""A person's data: everything about them on request, and erasure without a trace."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.errors import ErasedError, NotFoundError
from pipeline_tui.store.privacy import ERASED, erase_person, mentions_of, person_export
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines


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


def test_erase_removes_them_and_anonymises_references_by_id(
    repo: Repository, sample_org, peek
) -> None:
    """Erasing Anna removes her rows; Jonas keeps his, the conductor shown as erased; a note
    naming her is kept (a mention, listed for review) unless scrubbing is asked for."""
    done = erase_person(repo.engine, sample_org.anna)
    assert peek("SELECT count(*) FROM person WHERE id = ?", sample_org.anna) == [(0,)]
    assert peek("SELECT count(*) FROM conversation WHERE person_id = ?", sample_org.anna) == [(0,)]
    assert peek("SELECT id, manager_id FROM person WHERE id = ?", sample_org.jonas) == [
        (sample_org.jonas, None)
    ]
    assert peek("SELECT conducted_by, conductor_id FROM conversation") == [(ERASED, None)]
    assert peek("SELECT notes FROM card_pick WHERE notes != ''") == [
        (f"{sample_org.note}; aftalt med Anna Berg",)
    ]
    assert peek("SELECT owner FROM action") == [("Anna Berg",)]
    # 1 person, 2 conversations, 3 ratings, 5 card picks, 2 plans, 2 goals, 2 actions
    assert (done.rows_removed, done.conducted, done.scrubbed) == (17, 1, 0)
    assert done.mentions_kept is None  # not searched without scrubbing
    assert peek("SELECT rows_removed FROM erasure") == [(17,)]


def test_a_signed_conversation_they_conducted_shows_the_conductor_as_erased_too(
    repo: Repository, sample_org, peek
) -> None:
    """A signed plan once kept the conductor's typed name, unlinked: `person mentions` could
    no longer find it and the erasure's count left it out."""
    repo.plans.sign(sample_org.jonas_talk, "person")
    repo.plans.sign(sample_org.jonas_talk, "conductor")
    assert peek("SELECT status FROM conversation WHERE id = ?", sample_org.jonas_talk) == [
        ("signed",)
    ]
    done = erase_person(repo.engine, sample_org.anna)
    assert peek("SELECT conducted_by, conductor_id FROM conversation") == [(ERASED, None)]
    assert done.conducted == 1


def test_erase_with_scrub_mentions_replaces_the_mentions(
    repo: Repository, sample_org, peek
) -> None:
    """--scrub-mentions: her name in Jonas's note and as an action's owner is replaced."""
    before = mentions_of(repo.engine, sample_org.anna)
    assert [(x.table, x.column, x.matched, x.scrub) for x in before] == [
        ("action", "owner", "name", True),
        ("card_pick", "notes", "name", True),
    ]
    done = erase_person(repo.engine, sample_org.anna, scrub_mentions=True)
    assert (done.scrubbed, done.mentions_kept) == (2, 0)
    assert peek("SELECT notes FROM card_pick WHERE notes != ''") == [
        (f"{sample_org.note}; aftalt med {ERASED}",)
    ]
    assert peek("SELECT owner FROM action") == [(ERASED,)]


def test_erase_leaves_other_people_with_the_same_name_alone(
    repo: Repository, sample_org, peek
) -> None:
    """Another person who shares (or contains) the erased name keeps their own name."""
    namesake = repo.people.create("Anna Berg", "lead_self", email="anna.berg2@example.dk")
    longer = repo.people.create("Anna Bergholt", "lead_self", email="ab@example.dk")
    erase_person(repo.engine, sample_org.anna, scrub_mentions=True)
    names = peek("SELECT name FROM person WHERE id IN (?, ?) ORDER BY id", namesake.id, longer.id)
    assert names == [("Anna Berg",), ("Anna Bergholt",)]


def test_a_namesakes_records_are_untouched_even_when_scrubbing(
    repo: Repository, sample_org, content_ref, peek
) -> None:
    """Two people called Anna Berg: the one not erased keeps the conversation she conducts
    (by reference), her own notes naming herself, and mentions that may be of her."""
    other = repo.people.create("Anna Berg", "lead_self", email="anna.berg2@example.dk")
    bo = repo.people.create("Bo Lund", "lead_self", email="bo@example.dk", manager_id=other.id)
    talk = repo.conversations.start(
        bo.id,
        kind="mus",
        held_on=date(2026, 5, 1),
        content=content_ref,
        conducted_by="Anna Berg",
        conductor_id=other.id,
    )
    pick = repo.conversations.detail(talk.id).picks[0]
    repo.conversations.set_card_text(pick.id, "notes", "Anna Berg hjælper med vagtplanen")
    own = repo.conversations.start(
        other.id, kind="mus", held_on=date(2026, 5, 2), content=content_ref
    )
    own_pick = repo.conversations.detail(own.id).picks[0]
    repo.conversations.set_card_text(own_pick.id, "notes", "Jeg, Anna Berg, vil lære mere")
    before = peek("SELECT * FROM conversation WHERE id IN (?, ?) ORDER BY id", talk.id, own.id)
    notes_before = peek("SELECT * FROM card_pick WHERE id IN (?, ?)", pick.id, own_pick.id)

    found = mentions_of(repo.engine, sample_org.anna)
    kept = {
        (x.conversation_id, x.scrub, x.reason)
        for x in found
        if x.conversation_id != sample_org.jonas_talk
    }
    assert kept == {
        (talk.id, False, "another person has the same name: it may be them"),
        (own.id, False, "another person has the same name: it may be them"),
    }
    erase_person(repo.engine, sample_org.anna, scrub_mentions=True)
    assert (
        peek("SELECT * FROM conversation WHERE id IN (?, ?) ORDER BY id", talk.id, own.id) == before
    )
    assert peek("SELECT * FROM card_pick WHERE id IN (?, ?)", pick.id, own_pick.id) == notes_before


def test_a_conductor_name_is_a_reference_when_it_is_one_person(
    repo: Repository, sample_org, content_ref
) -> None:
    """Typing who conducts sets the reference when the name (or email) is exactly one
    person, keeps it for a namesake told apart by the reference, and clears it for an
    outsider; renaming the person renames the conductor shown."""
    talks = repo.conversations
    talk = talks.start(sample_org.jonas, kind="mus", held_on=date(2026, 6, 1), content=content_ref,
                       conducted_by="mette holm")  # fmt: skip
    assert talk.conductor_id == sample_org.mette
    talk = talks.update(talk.id, conducted_by="Ekstern Konsulent")
    assert talk.conductor_id is None and talk.conducted_by == "Ekstern Konsulent"
    talk = talks.update(talk.id, conducted_by="anna.berg@example.dk")
    assert talk.conductor_id == sample_org.anna
    namesake = repo.people.create("Anna Berg", "lead_self", email="anna.berg2@example.dk")
    talk = talks.update(talk.id, conducted_by="Anna Berg")
    assert talk.conductor_id == sample_org.anna  # the reference it had tells them apart
    talk = talks.update(talk.id, conducted_by="Mette Holm")
    talk = talks.update(talk.id, conducted_by="Anna Berg")
    assert talk.conductor_id is None  # two people of that name: free text only
    talk = talks.update(talk.id, conducted_by="Anna Berg", conductor_id=namesake.id)
    assert talk.conductor_id == namesake.id
    repo.people.update(namesake.id, name="Anna Berg-Holm")
    assert talks.get(talk.id).conducted_by == "Anna Berg-Holm"


def test_writes_from_a_session_open_on_an_erased_conversation_are_refused(
    db, sample_org, peek
) -> None:
    """Two repositories on one file: after one erases Anna, the other's writes for her
    conversation (rating, card note, goal, action, plan, setup) fail with ErasedError and
    nothing is re-created."""
    from pipeline_tui.store.repository import open_repository

    session = open_repository(db)  # the TUI, open on Anna's conversation
    eraser = open_repository(db)
    try:
        detail = session.conversations.detail(sample_org.anna_talk)
        goal = detail.plan.goals[0]
        action = goal.actions[0]
        pick = detail.picks[0]
        erase_person(eraser.engine, sample_org.anna)
        counts = peek(
            "SELECT (SELECT count(*) FROM conversation), (SELECT count(*) FROM rating), "
            "(SELECT count(*) FROM card_pick), (SELECT count(*) FROM plan), "
            "(SELECT count(*) FROM goal), (SELECT count(*) FROM action), "
            "(SELECT count(*) FROM person)"
        )
        talk = sample_org.anna_talk
        writes = [
            lambda: session.conversations.set_rating(
                talk, "lead_others.delegation", "self", score=4
            ),
            lambda: session.conversations.set_rating_comment(
                talk, "lead_others.delegation", "self", "x"
            ),
            lambda: session.conversations.set_card_text(pick.id, "notes", "skrevet efter"),
            lambda: session.conversations.pick_card(talk, "lus.feedback", "self"),
            lambda: session.conversations.update(talk, conducted_by="Mette Holm"),
            lambda: session.plans.update(talk, summary="skrevet efter"),
            lambda: session.plans.add_goal(talk, "Et nyt mål"),
            lambda: session.plans.update_goal(goal.id, title="skrevet efter"),
            lambda: session.plans.add_action(goal.id, "skrevet efter"),
            lambda: session.plans.update_action(action.id, description="skrevet efter"),
            lambda: session.people.update(sample_org.anna, title="skrevet efter"),
        ]
        for write in writes:
            with pytest.raises(ErasedError):
                write()
        assert (
            peek(
                "SELECT (SELECT count(*) FROM conversation), (SELECT count(*) FROM rating), "
                "(SELECT count(*) FROM card_pick), (SELECT count(*) FROM plan), "
                "(SELECT count(*) FROM goal), (SELECT count(*) FROM action), "
                "(SELECT count(*) FROM person)"
            )
            == counts
        )
        with pytest.raises(NotFoundError) as plain:
            session.plans.update_goal(99_999, title="x")
        assert not isinstance(plain.value, ErasedError)
    finally:
        session.close()
        eraser.close()


def test_erase_of_someone_missing_changes_nothing(repo: Repository, sample_org, peek) -> None:
    """A wrong id is reported and nothing is erased or logged."""
    with pytest.raises(NotFoundError):
        erase_person(repo.engine, 999)
    assert peek("SELECT count(*) FROM person") == [(3,)]
    assert peek("SELECT count(*) FROM erasure") == [(0,)]


def test_erase_scrubs_the_name_in_any_letter_case(repo: Repository, sample_org, peek) -> None:
    """With --scrub-mentions the name and email in other letter cases, in someone else's
    notes, go too; her first name alone as well (no one else is called Anna)."""
    picks = repo.conversations.detail(sample_org.jonas_talk).picks
    repo.conversations.set_card_text(
        picks[0].id,
        "agreements",
        "Følg op med ANNA BERG og anna berg; spørg ANNA.BERG@EXAMPLE.DK eller Anna. "
        "Annalise bliver",
    )
    erase_person(repo.engine, sample_org.anna, scrub_mentions=True)
    (agreements,) = peek("SELECT agreements FROM card_pick WHERE id = ?", picks[0].id)[0]
    assert agreements == (
        f"Følg op med {ERASED} og {ERASED}; spørg {ERASED} eller {ERASED}. Annalise bliver"
    )
    assert peek("SELECT count(*) FROM card_pick WHERE lower(notes) LIKE '%anna berg%'") == [(0,)]
