"""Development plans in the store: goals, actions, sign-off, follow-up of the last plan."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_tui.errors import ConflictError, NotFoundError, RuleError, UserError
from pipeline_tui.records import ContentRef, ConversationRecord, PersonRecord
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines


def test_plan_texts_and_follow_up(repo: Repository, talk: ConversationRecord, peek) -> None:
    """The plan's summary and follow-up date are written; a stale `expected` conflicts."""
    plan = repo.plans.update(talk.id, summary="Godt år", follow_up_on=date(2026, 9, 1))
    assert (plan.summary, plan.follow_up_on) == ("Godt år", date(2026, 9, 1))
    assert peek("SELECT summary, follow_up_on FROM plan") == [("Godt år", "2026-09-01")]
    with pytest.raises(ConflictError):
        repo.plans.update(talk.id, summary="Mit udkast", expected={"summary": ""})
    with pytest.raises(UserError):
        repo.plans.update(talk.id, follow_up_on="next year")
    with pytest.raises(UserError):
        repo.plans.update(talk.id, signed_by_person_at=None)
    assert peek("SELECT summary FROM plan") == [("Godt år",)]


def test_goals_add_update_delete(repo: Repository, talk, peek) -> None:
    """Goals are added in order, changed field by field, and deleted with their actions."""
    first = repo.plans.add_goal(
        talk.id,
        "Uddeleger vagtplanen",
        expectation_ids=["lead_others.delegation"],
        card_ids=["card.a"],
        due_on=date(2026, 6, 1),
    )
    second = repo.plans.add_goal(talk.id, "Feedback hver uge")
    assert (first.position, second.position) == (0, 1)
    changed = repo.plans.update_goal(
        first.id, success_criterion="To koordinatorer lægger planen", status="in_progress"
    )
    assert changed.version == first.version + 1
    assert peek(
        "SELECT title, expectation_ids, status, success_criterion FROM goal ORDER BY id"
    ) == [
        (
            "Uddeleger vagtplanen",
            '["lead_others.delegation"]',
            "in_progress",
            "To koordinatorer lægger planen",
        ),
        ("Feedback hver uge", "[]", "open", ""),
    ]
    with pytest.raises(ConflictError):
        repo.plans.update_goal(first.id, title="Andet", expected={"title": "Gammel titel"})
    with pytest.raises(UserError):
        repo.plans.update_goal(first.id, status="forgotten")
    repo.plans.add_action(first.id, "Lær koordinatorerne op")
    repo.plans.delete_goal(first.id)
    assert peek("SELECT title FROM goal") == [("Feedback hver uge",)]
    assert peek("SELECT count(*) FROM action") == [(0,)]
    with pytest.raises(NotFoundError):
        repo.plans.goal(first.id)


def test_actions_add_update_delete(repo: Repository, talk, peek) -> None:
    """Actions carry a 70-20-10 type, owner and due date; they can be changed and removed."""
    goal = repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    course = repo.plans.add_action(goal.id, "Kursus i delegering", kind="formal", owner="HR")
    mentor = repo.plans.add_action(goal.id, "Sparring med Mette", kind="relationships")
    assert (course.position, mentor.position) == (0, 1)
    repo.plans.update_action(course.id, due_on=date(2026, 5, 1), done=True)
    assert peek("SELECT description, kind, owner, due_on, done FROM action ORDER BY id") == [
        ("Kursus i delegering", "formal", "HR", "2026-05-01", 1),
        ("Sparring med Mette", "relationships", "", None, 0),
    ]
    assert [a.description for a in repo.plans.goal(goal.id).actions] == [
        "Kursus i delegering",
        "Sparring med Mette",
    ]
    with pytest.raises(UserError):
        repo.plans.add_action(goal.id, "Noget", kind="magic")
    with pytest.raises(UserError):
        repo.plans.update_action(mentor.id, goal_id=1)
    repo.plans.delete_action(mentor.id)
    assert peek("SELECT description FROM action") == [("Kursus i delegering",)]
    with pytest.raises(NotFoundError):
        repo.plans.delete_action(mentor.id)


def test_signatures_are_dated_by_the_pinned_day(
    repo: Repository, talk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With PIPELINE_TUI_TODAY, a signature falls on that (local) day, as the print date and
    every other date the program writes do: a plan printed "23.11.2026" was signed on the
    wall clock's day before."""
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-11-23")
    repo.plans.sign(talk.id, "person")
    plan = repo.plans.sign(talk.id, "conductor")
    for moment in (plan.signed_by_person_at, plan.signed_by_conductor_at):
        assert moment is not None and moment.astimezone().date() == date(2026, 11, 23)
    assert repo.conversations.get(talk.id).completed_at.astimezone().date() == date(2026, 11, 23)


def test_signing_by_both_freezes_the_content(repo: Repository, talk, peek) -> None:
    """Signed by both, a conversation is 'signed': content edits are refused, progress is not."""
    goal = repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    action = repo.plans.add_action(goal.id, "Lær koordinatorerne op")
    pick = repo.conversations.pick_card(talk.id, "card.a", "self")
    once = repo.plans.sign(talk.id, "person")
    assert once.signed_by_person_at is not None and not once.is_signed
    assert repo.conversations.get(talk.id).status == "in_progress"
    both = repo.plans.sign(talk.id, "conductor")
    assert both.is_signed
    assert peek("SELECT status, completed_at IS NOT NULL FROM conversation") == [("signed", 1)]

    refused = [
        lambda: repo.plans.update(talk.id, summary="Ændret"),
        lambda: repo.plans.add_goal(talk.id, "Et mål mere"),
        lambda: repo.plans.update_goal(goal.id, title="Ny titel"),
        lambda: repo.plans.delete_goal(goal.id),
        lambda: repo.plans.add_action(goal.id, "Mere"),
        lambda: repo.plans.update_action(action.id, description="Andet"),
        lambda: repo.plans.delete_action(action.id),
        lambda: repo.conversations.set_rating(talk.id, "x", "self", score=3),
        lambda: repo.conversations.set_rating_comment(talk.id, "x", "self", "hej"),
        lambda: repo.conversations.pick_card(talk.id, "card.b", "self"),
        lambda: repo.conversations.set_card_text(pick.id, "notes", "nyt"),
        lambda: repo.conversations.update(talk.id, kind="mus"),
        lambda: repo.conversations.set_status(talk.id, "in_progress"),
    ]
    for edit in refused:
        with pytest.raises(RuleError):
            edit()

    repo.plans.update_goal(goal.id, status="done", progress_notes="Klaret i maj")
    repo.plans.update_action(action.id, done=True)
    assert peek("SELECT title, status, progress_notes FROM goal") == [
        ("Uddeleger vagtplanen", "done", "Klaret i maj")
    ]
    assert peek("SELECT description, done FROM action") == [("Lær koordinatorerne op", 1)]
    assert peek("SELECT summary FROM plan") == [("",)]
    with pytest.raises(UserError):
        repo.plans.sign(talk.id, "hr")


def test_previous_plan(
    repo: Repository, person: PersonRecord, talk: ConversationRecord, content_ref: ContentRef
) -> None:
    """The follow-up finds the person's latest earlier concluded conversation with goals,
    not later ones (signed here: an unsigned one is no plan to review, see below)."""
    goal = repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    repo.plans.sign(talk.id, "person")
    repo.plans.sign(talk.id, "conductor")
    empty = repo.conversations.start(
        person.id, kind="lus", held_on=date(2026, 9, 1), content=content_ref
    )
    later = repo.conversations.start(
        person.id, kind="lus", held_on=date(2027, 3, 1), content=content_ref
    )
    found = repo.plans.previous_plan(person.id, before_conversation_id=later.id)
    assert found is not None
    conversation, plan = found
    assert (conversation.id, [g.id for g in plan.goals]) == (talk.id, [goal.id])
    assert repo.plans.previous_plan(person.id, before_conversation_id=talk.id) is None
    assert repo.plans.previous_plan(person.id, before_conversation_id=empty.id)[0].id == talk.id


def test_previous_plan_passes_over_a_plan_never_concluded(
    repo: Repository, person: PersonRecord, talk: ConversationRecord, content_ref: ContentRef
) -> None:
    """A follow-up reviewed the goals of whatever earlier conversation had some: a draft
    never held, or a conversation left in progress, was followed up as "the last plan".
    The plan reviewed is the latest concluded one (signed or completed); an unconcluded
    one after it is named, so the follow-up can say it passed it over."""
    repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")  # 2026-03-02, never signed
    now = repo.conversations.start(
        person.id, kind="lus", held_on=date(2027, 3, 1), content=content_ref
    )
    assert repo.plans.previous_plan(person.id, before_conversation_id=now.id) is None
    found, skipped = repo.plans.previous_plans(person.id, before_conversation_id=now.id)
    assert found is None
    assert skipped is not None and skipped.id == talk.id

    older = repo.conversations.start(
        person.id, kind="lus", held_on=date(2025, 3, 3), content=content_ref
    )
    kept = repo.plans.add_goal(older.id, "Holder 1:1-samtaler")
    repo.conversations.set_status(older.id, "completed")
    found, skipped = repo.plans.previous_plans(person.id, before_conversation_id=now.id)
    assert found is not None
    assert (found[0].id, [g.id for g in found[1].goals]) == (older.id, [kept.id])
    assert skipped is not None and skipped.id == talk.id
    assert repo.plans.previous_plan(person.id, before_conversation_id=now.id) == found


def test_review_goal_at_the_next_conversation(
    repo: Repository, person, talk, content_ref, peek
) -> None:
    """A goal of last year's signed plan is reviewed in this year's conversation."""
    goal = repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    repo.plans.sign(talk.id, "person")
    repo.plans.sign(talk.id, "conductor")
    now = repo.conversations.start(
        person.id, kind="lus", held_on=date(2027, 3, 1), content=content_ref
    )
    reviewed = repo.plans.review_goal(goal.id, "partly", "Halvvejs", in_conversation_id=now.id)
    assert (reviewed.status, reviewed.review_note, reviewed.reviewed_in_id) == (
        "partly",
        "Halvvejs",
        now.id,
    )
    assert peek("SELECT status, review_note, reviewed_in_id FROM goal") == [
        ("partly", "Halvvejs", now.id)
    ]
    with pytest.raises(UserError):
        repo.plans.review_goal(goal.id, "open", "", in_conversation_id=now.id)
    with pytest.raises(NotFoundError):
        repo.plans.review_goal(goal.id, "done", "", in_conversation_id=999)


def test_review_note_is_checked_and_written_in_one_transaction(
    repo: Repository, person, talk, content_ref, peek
) -> None:
    """The note editor's starting point is checked inside the write: a note changed by another
    session meanwhile is refused with both versions and left as it is; a status given keeps
    the note, a note given keeps the status."""
    goal = repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    now = repo.conversations.start(
        person.id, kind="lus", held_on=date(2027, 3, 1), content=content_ref
    )
    repo.plans.review_goal(goal.id, "done", "Klaret", in_conversation_id=now.id)

    kept = repo.plans.review_goal(goal.id, "not_done", None, in_conversation_id=now.id)
    assert (kept.status, kept.review_note) == ("not_done", "Klaret")
    noted = repo.plans.review_goal(
        goal.id, None, "Ikke nået", in_conversation_id=now.id, expected_note="Klaret"
    )
    assert (noted.status, noted.review_note) == ("not_done", "Ikke nået")

    with pytest.raises(ConflictError) as refused:  # this editor started from "Klaret"
        repo.plans.review_goal(
            goal.id, None, "Min tekst", in_conversation_id=now.id, expected_note="Klaret"
        )
    assert (refused.value.theirs, refused.value.mine) == ("Ikke nået", "Min tekst")
    assert peek("SELECT status, review_note FROM goal") == [("not_done", "Ikke nået")]
    # Writing what is already there is not a conflict.
    same = repo.plans.review_goal(
        goal.id, None, "Ikke nået", in_conversation_id=now.id, expected_note="Klaret"
    )
    assert same.review_note == "Ikke nået"

    fresh = repo.plans.add_goal(talk.id, "Hold 1:1-samtaler")
    first = repo.plans.review_goal(fresh.id, None, "Godt på vej", in_conversation_id=now.id)
    assert first.status == "partly"  # a note before a status: partly, until one is chosen
