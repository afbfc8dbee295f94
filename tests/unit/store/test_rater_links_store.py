"""A 360° rater's link in storage (issue 18): it answers as the opaque rater it was made
for, only the expectations and scale of its own conversation, only while the link is
open, and stops once the rater is done; what it reads back is the rater's own answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from pipeline_tui.core.anonymity import answers_stamp, group_feedback, rater_key
from pipeline_tui.errors import RuleError, UserError
from pipeline_tui.records import ContentRef, RaterAnswer
from pipeline_tui.store.feedback import feedback_stamp, stored_answers
from pipeline_tui.store.invitations import AccessError, token_hash
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines

TEXTS = {
    "layer": {"key": "lead_others", "name": {"da": "Leder af medarbejdere"}},
    "expectations": [
        {"id": "lead_others.delegation", "title": {"da": "Uddelegerer"}},
        {"id": "lead_others.feedback", "title": {"da": "Giver feedback"}},
    ],
    "scale": {"levels": [{"value": v} for v in range(1, 6)]},
}
DELEGATION, FEEDBACK = "lead_others.delegation", "lead_others.feedback"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-02-20")  # before the evaluation (2 March)


@pytest.fixture
def evaluation(repo: Repository, person, leader):
    content = ContentRef(
        pack_id="test",
        pack_version="1.0.0",
        pack_hash="b" * 64,
        layer="lead_others",
        deck_id="",
        texts=TEXTS,
    )
    return repo.conversations.start(
        person.id, kind="evaluation", held_on=date(2026, 3, 2), content=content
    )


def rater_link(repo: Repository, conversation_id: int, group: str = "peer", secret: str = "r"):
    rater_id = repo.feedback.invite(conversation_id, group, secret)
    record, token = repo.invitations.issue(conversation_id, party=group, rater_id=rater_id)
    return record, token


def test_the_link_answers_as_its_rater_and_reads_back_only_their_answers(
    repo: Repository, evaluation, person
) -> None:
    mine, token = rater_link(repo, evaluation.id, secret="first")
    other, _ = rater_link(repo, evaluation.id, secret="second")
    assert repo.invitations.check(token) == mine
    assert mine.for_rater and mine.rater_id is not None and mine.rater_id != other.rater_id
    repo.conversations.set_rating(evaluation.id, DELEGATION, "self", score=1)
    repo.invitations.answer(other.id, DELEGATION, rating=(2, False), comment="the other's")

    assert repo.invitations.answer(mine.id, DELEGATION, rating=(4, False)) == RaterAnswer(4)
    # A comment keeps the rating, a rating keeps the comment; a comment alone is no rating.
    assert repo.invitations.answer(mine.id, DELEGATION, comment="Giver plads") == RaterAnswer(
        4, False, "Giver plads"
    )
    assert repo.invitations.answer(mine.id, FEEDBACK, comment="Ved ikke") == RaterAnswer(
        None, False, "Ved ikke"
    )
    assert repo.invitations.answer(mine.id, FEEDBACK, rating=(None, True)) == RaterAnswer(
        None, True, "Ved ikke"
    )
    assert repo.invitations.answer(mine.id, DELEGATION, rating=(5, False)).comment == "Giver plads"

    form = repo.invitations.form(mine.id)
    assert (form.conversation_id, form.kind, form.group) == (evaluation.id, "evaluation", "peer")
    assert form.person_name == person.name
    assert form.snapshot["expectations"] == TEXTS["expectations"]
    assert form.answers == {
        DELEGATION: RaterAnswer(5, False, "Giver plads"),
        FEEDBACK: RaterAnswer(None, True, "Ved ikke"),
    }
    rates = repo.feedback.response_rates([evaluation.id])
    assert [(r.asked, r.answered) for r in rates] == [(2, 2)]
    with repo.transaction() as tx:
        assert tx.session is not None
        answers = stored_answers(tx.session, evaluation.id)
    assert sorted((a.expectation_id, a.score) for a in answers) == [
        (DELEGATION, 2),
        (DELEGATION, 5),
        (FEEDBACK, None),
    ]
    assert not group_feedback(answers, 3)[0].shown  # two peers: below the threshold


def test_only_the_conversations_own_expectations_and_scale_are_taken(
    repo: Repository, evaluation, peek
) -> None:
    record, _ = rater_link(repo, evaluation.id)
    for expectation, rating, comment, reason in (
        ("lead_self.planning", (3, False), None, "expectation"),
        (DELEGATION, (6, False), None, "score"),
        (DELEGATION, (0, False), None, "score"),
        (DELEGATION, (3, True), None, "score"),
        (DELEGATION, None, "x" * 4001, "comment"),
    ):
        with pytest.raises(UserError) as refused:
            repo.invitations.answer(record.id, expectation, rating=rating, comment=comment)
        assert refused.value.reason == reason
    assert peek("SELECT COUNT(*) FROM feedback_answer") == [(0,)]


def test_a_link_and_its_rater_must_belong_together(repo: Repository, evaluation, talk) -> None:
    peer = repo.feedback.invite(evaluation.id, "peer", "p")
    elsewhere = repo.feedback.invite(talk.id, "peer", "p")
    for party, rater_id in (
        ("peer", None),
        ("self", peer),
        ("report", peer),
        ("peer", elsewhere),
        ("peer", 9999),
    ):
        with pytest.raises(UserError):
            repo.invitations.issue(evaluation.id, party=party, rater_id=rater_id)
    with pytest.raises(AccessError):  # the person's own link has no rater's form
        repo.invitations.form(repo.invitations.issue(evaluation.id)[0].id)


def test_the_link_stops_once_the_rater_is_done_and_their_answers_stay(
    repo: Repository, evaluation, peek
) -> None:
    record, token = rater_link(repo, evaluation.id)
    repo.invitations.answer(record.id, DELEGATION, rating=(3, False))
    repo.invitations.finish(record.id)
    # Nothing leads from the link to the rater any more.
    assert peek("SELECT rater_id FROM invitation WHERE id = ?", record.id) == [(None,)]
    for attempt in (
        lambda: repo.invitations.check(token),
        lambda: repo.invitations.get(record.id),
        lambda: repo.invitations.form(record.id),
        lambda: repo.invitations.answer(record.id, DELEGATION, rating=(1, False)),
        lambda: repo.invitations.finish(record.id),
    ):
        with pytest.raises(AccessError) as refused:
            attempt()
        assert refused.value.reason == "done"
    rates = repo.feedback.response_rates([evaluation.id])
    assert [(r.asked, r.answered) for r in rates] == [(1, 1)]


def test_a_revoked_or_held_evaluation_takes_no_more_answers(
    repo: Repository, evaluation, monkeypatch
) -> None:
    record, _ = rater_link(repo, evaluation.id, secret="a")
    repo.invitations.revoke(evaluation.id)
    with pytest.raises(AccessError) as refused:
        repo.invitations.answer(record.id, DELEGATION, rating=(3, False))
    assert refused.value.reason == "revoked"
    later, _ = rater_link(repo, evaluation.id, secret="b")
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-03-03")  # the day after the evaluation
    with pytest.raises(AccessError) as refused:
        repo.invitations.answer(later.id, DELEGATION, rating=(3, False))
    assert refused.value.reason == "held"


def test_a_signed_evaluation_is_held_and_refuses_a_rater(repo: Repository, evaluation) -> None:
    record, _ = rater_link(repo, evaluation.id)
    repo.plans.sign(evaluation.id, "person")
    repo.plans.sign(evaluation.id, "conductor")
    with pytest.raises((AccessError, RuleError)):
        repo.invitations.answer(record.id, DELEGATION, rating=(3, False))


def test_the_link_goes_with_its_rater_and_its_conversation(
    repo: Repository, evaluation, peek
) -> None:
    rater_link(repo, evaluation.id)
    repo.conversations.delete(evaluation.id)
    assert peek("SELECT COUNT(*) FROM invitation") == [(0,)]
    assert peek("SELECT COUNT(*) FROM feedback_rater") == [(0,)]


def test_erasing_the_leader_erases_the_raters_links(
    repo: Repository, evaluation, person, peek
) -> None:
    from pipeline_tui.store.privacy import erase_person

    record, _ = rater_link(repo, evaluation.id)
    repo.invitations.answer(record.id, DELEGATION, rating=(3, False), comment="Lytter")
    erase_person(repo.engine, person.id)
    for table in ("invitation", "feedback_rater", "feedback_answer"):
        assert peek(f"SELECT COUNT(*) FROM {table}") == [(0,)], table


# The QA finding (a "done" link still led to its rater's answers): the invitation keeps its
# hash and times, and the rater's row, answers and ids were written beside them.
def _link_to_answers(engine: str) -> str:
    """The outside QA's join: from a link's hash, by the invitation's time and the rater's
    (asked in the same transaction), to that rater's answers."""
    close = (
        "abs(julianday(i.created_at) - julianday(r.invited_at)) * 86400 < 1"
        if engine == "sqlite"
        else "abs(extract(epoch from i.created_at - r.invited_at)) < 1"
    )
    return (
        "SELECT a.expectation_id, a.score, a.comment FROM invitation i "
        "JOIN feedback_rater r ON r.conversation_id = i.conversation_id "
        f"AND r.rater_group = i.party AND {close} "
        "JOIN feedback_answer a ON a.rater_id = r.id WHERE i.token_hash = ?"
    )


def _answered_near_finish(engine: str) -> str:
    close = (
        "abs(julianday(i.finished_at) - julianday({t})) * 86400 < 1"
        if engine == "sqlite"
        else "abs(extract(epoch from i.finished_at - {t})) < 1"
    )
    return (
        "SELECT count(*) FROM invitation i JOIN feedback_rater r "
        "ON r.conversation_id = i.conversation_id AND r.rater_group = i.party "
        "JOIN feedback_answer a ON a.rater_id = r.id "
        f"WHERE i.token_hash = ? AND ({close.format(t='r.answered_at')} "
        f"OR {close.format(t='a.created_at')} OR {close.format(t='a.updated_at')})"
    )


def _started_a_week_ago(repo: Repository, conversation_id: int) -> None:
    """As an evaluation is: started some days before its raters are asked (else its own
    creation time, which a finished rater's rows take, would lie beside the links')."""
    from sqlmodel import Session

    from pipeline_tui.store import models as m

    with Session(repo.engine) as session:
        conversation = session.get(m.Conversation, conversation_id)
        assert conversation is not None
        conversation.created_at = datetime.now(UTC) - timedelta(days=7)
        session.add(conversation)
        session.commit()


def test_once_done_nothing_leads_from_the_link_to_the_answers_and_the_group_still_counts(
    repo: Repository, evaluation, engine: str, peek
) -> None:
    _started_a_week_ago(repo, evaluation.id)
    links = [rater_link(repo, evaluation.id, secret=s) for s in ("a", "b", "c")]
    others = rater_link(repo, evaluation.id, group="report", secret="d")
    asked = [record.rater_id for record, _ in links]
    for n, (record, _) in enumerate(links):
        repo.invitations.answer(record.id, DELEGATION, rating=(n + 2, False), comment=f"ord {n}")
        repo.invitations.answer(record.id, FEEDBACK, rating=(4, False))
        repo.invitations.answer(record.id, FEEDBACK, rating=(5, False))  # version 2
    repo.invitations.answer(others[0].id, DELEGATION, rating=(1, False))
    before = repo.conversations.detail(evaluation.id)
    peer = before.feedback[0]
    assert (peer.group, peer.shown, peer.raters) == ("peer", True, 3)
    old_answers = peek("SELECT id FROM feedback_answer")
    for (_record, token), n in zip(links, range(3), strict=True):
        assert peek(_link_to_answers(engine), token_hash(token))  # the leak, until done
        if n < 2:
            assert peek(_answered_near_finish(engine), token_hash(token)) == [(0,)]

    for record, _ in links:
        repo.invitations.finish(record.id)

    for _record, token in links:
        assert peek(_link_to_answers(engine), token_hash(token)) == []
        assert peek(_answered_near_finish(engine), token_hash(token)) == [(0,)]
        if engine == "postgresql":  # the transaction that wrote a row: the group's, or none
            same = peek(
                "SELECT r.id FROM invitation i JOIN feedback_rater r ON r.xmin = i.xmin "
                "WHERE i.token_hash = ?",
                token_hash(token),
            )
            assert len(same) in (0, 3)
    # The finished raters' rows carry nothing of their own: not their ids, keys or times.
    rows = peek(
        "SELECT r.id, r.rater_key, r.invited_at, r.answered_at, a.id, a.created_at, "
        "a.updated_at FROM feedback_rater r JOIN feedback_answer a ON a.rater_id = r.id "
        "WHERE r.rater_group = 'peer'"
    )
    assert len(rows) == 6
    assert not {row[0] for row in rows} & set(asked)
    assert not {(row[4],) for row in rows} & set(old_answers)
    assert all(row[0] < 0 and row[4] < 0 for row in rows)  # never an id the database gives
    assert not {row[1] for row in rows} & {rater_key(evaluation.id, s) for s in "abc"}
    assert len({row[2:4] + row[5:7] for row in rows}) == 1  # one time for all of them
    created = peek("SELECT created_at FROM conversation WHERE id = ?", evaluation.id)[0][0]
    assert rows[0][2] == created
    # The invitations forget; the report not done keeps its tie.
    assert peek("SELECT count(*) FROM invitation WHERE rater_id IS NOT NULL") == [(1,)]
    # What the evaluation shows is the same: the group, its count and means, the comments,
    # the response rate, the conversation's feedback stamp (no reload, no conflict).
    after = repo.conversations.detail(evaluation.id)
    assert after.feedback == before.feedback
    assert after.feedback[0].means == ((DELEGATION, 3.0), (FEEDBACK, 5.0))
    assert sorted(c for _, c in after.feedback[0].comments) == ["ord 0", "ord 1", "ord 2"]
    rates = repo.feedback.response_rates([evaluation.id])
    assert [(r.asked, r.answered) for r in rates] == [(4, 4)]
    with repo.transaction() as tx:
        assert tx.session is not None
        assert feedback_stamp(tx.session, evaluation.id) == answers_stamp(
            stored_answers(tx.session, evaluation.id)
        )
        assert sorted(a.version for a in stored_answers(tx.session, evaluation.id)) == [
            1,
            1,
            1,
            1,
            2,
            2,
            2,
        ]


def test_a_rater_done_without_a_score_is_still_not_counted_as_answered(
    repo: Repository, evaluation, peek
) -> None:
    record, _ = rater_link(repo, evaluation.id)
    repo.invitations.answer(record.id, DELEGATION, comment="Kun en kommentar")
    repo.invitations.finish(record.id)
    rates = repo.feedback.response_rates([evaluation.id])
    assert [(r.asked, r.answered) for r in rates] == [(1, 0)]
    assert peek("SELECT comment FROM feedback_answer") == [("Kun en kommentar",)]


def test_the_next_rater_after_the_done_ones_gets_an_id_of_its_own(
    repo: Repository, evaluation, peek
) -> None:
    """Rows left with only finished raters' (random) ids: the next rater's and answer's ids
    do not follow one of them (SQLite gives one more than the largest id)."""
    record, _ = rater_link(repo, evaluation.id, secret="a")
    repo.invitations.answer(record.id, DELEGATION, rating=(3, False))
    repo.invitations.finish(record.id)
    later, _ = rater_link(repo, evaluation.id, secret="b")
    repo.invitations.answer(later.id, DELEGATION, rating=(4, False))
    assert later.rater_id is not None and later.rater_id > 0
    imported = repo.feedback.invite(evaluation.id, "peer", "c")
    assert imported > 0
    assert peek("SELECT id FROM feedback_answer WHERE score = 4")[0][0] > 0


def test_revoking_drops_the_raters_who_gave_nothing_and_cuts_the_others_from_their_links(
    repo: Repository, evaluation, engine: str, peek
) -> None:
    """Revoked links open nothing again: a rater who gave nothing is asked no longer (the
    response rate counted them asked forever, and twice once new links went out), and one
    who answered keeps their answers, cut from the link as "done" cuts them."""
    _started_a_week_ago(repo, evaluation.id)
    links = [rater_link(repo, evaluation.id, secret=s) for s in ("a", "b", "c")]
    answered, commented, silent = (record for record, _ in links)
    repo.invitations.answer(answered.id, DELEGATION, rating=(4, False), comment="Lytter")
    repo.invitations.answer(commented.id, FEEDBACK, comment="Kun en kommentar")
    before = repo.conversations.detail(evaluation.id).feedback
    assert repo.invitations.revoke(evaluation.id) == 3
    for _record, token in links:
        assert peek(_link_to_answers(engine), token_hash(token)) == []
    assert peek("SELECT count(*) FROM invitation WHERE rater_id IS NOT NULL") == [(0,)]
    assert peek("SELECT count(*) FROM feedback_rater WHERE id > 0") == [(0,)]
    assert sorted(peek("SELECT comment FROM feedback_answer")) == [
        ("Kun en kommentar",),
        ("Lytter",),
    ]
    rates = repo.feedback.response_rates([evaluation.id])
    assert [(r.asked, r.answered) for r in rates] == [(2, 1)]
    assert repo.conversations.detail(evaluation.id).feedback == before
    with pytest.raises(AccessError):
        repo.invitations.answer(silent.id, DELEGATION, rating=(3, False))
