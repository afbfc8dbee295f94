"""The demo organisation behind `pipeline-tui demo`.

Twenty-eight people of a fictional private hospital, on every layer of the
default pack, with last year's signed conversations and plans, and this year
in every state: signed, completed, in progress, a draft, not yet held; some
follow-ups overdue, some due within two weeks; last year's goals reviewed
(and one carried into the new plan) where this year's conversation is signed.
Two leaders have this year's leadership evaluation instead of a LUS, with answers
from anonymous peers and direct reports: one group still below the threshold.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline_tui import clock
from pipeline_tui.config import Settings, demo_db_path, ensure_private_dir, sqlite_path
from pipeline_tui.demo.builder import held_conversation
from pipeline_tui.demo.texts import (
    FEEDBACK_COMMENTS,
    ORGANISATION,
    PEOPLE,
    READINESS_NOTE,
    REVIEW_NOTES,
)
from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import NewAnswer
from pipeline_tui.services import carry_goal, content_for, default_kind
from pipeline_tui.store.bulk import HeldConversation
from pipeline_tui.store.people import NewPerson
from pipeline_tui.store.repository import Repository, open_repository

SEED = 2026
EMAIL_DOMAIN = "fjordklinikken.dk"
# What this year looks like for each person, in PEOPLE order (None: not held yet).
THIS_YEAR = (
    "signed", "signed", "signed", "completed", "signed", "signed", "signed", "in_progress",
    "signed", None, "signed", "signed", "completed", "signed", None, "in_progress", "signed",
    None, "draft", "signed", None, "signed", "completed", None, "signed", None, "signed", None,
)  # fmt: skip
# Follow-up of last year's plan for people not held this year: days from today.
FOLLOW_UP_SHIFT = {9: -20, 14: -45, 17: 5, 20: 11, 23: -3, 25: 60, 27: 9}
# This year's leadership evaluations with 360° answers, by PEOPLE index: per group, the
# raters asked and how many of them answered. Lise Kjær's is completed, every group shown;
# Jakob Nørgaard's is under way, his direct reports still below the anonymity threshold.
EVALUATIONS = {
    3: (("peer", 5, 4), ("report", 4, 3)),
    7: (("peer", 4, 3), ("report", 3, 2)),
}
EVALUATION_READINESS = ("later", READINESS_NOTE)


def email(key: str) -> str:
    return f"{key}@{EMAIL_DOMAIN}"


def _date_in(rnd: random.Random, year: int, before: date) -> date:
    """A working day in `year`, before `before`."""
    start = date(year, 1, 15)
    end = min(before, date(year, 12, 15))
    if end <= start:
        return start
    day = start + timedelta(days=rnd.randint(0, (end - start).days))
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def build_demo(repo: Repository, pack: Pack, today: date | None = None) -> None:
    """Fill an empty database with the demo organisation, in one transaction."""
    with repo.transaction() as tx:
        _build(tx, pack, today)


def _build(repo: Repository, pack: Pack, today: date | None) -> None:
    today = today or clock.today()
    rnd = random.Random(SEED)
    added = repo.people.import_people(
        [
            NewPerson(
                name=name,
                layer=layer if pack.layer(layer) else pack.layers[-1].key,
                email=email(key),
                title=title,
                unit=unit,
                manager_email=email(boss) if boss else None,
            )
            for key, name, title, unit, layer, boss in PEOPLE
        ]
    )
    by_id = {p.id: p for p in added}
    last_year = today.year - 1
    previous: dict[int, int] = {}
    held = []
    for index, person in enumerate(added):
        kind = default_kind(pack, person.layer)
        content = content_for(pack, person.layer, kind)
        boss = by_id.get(person.manager_id) if person.manager_id else None
        common: dict[str, Any] = {
            "person_id": person.id,
            "person_name": person.name,  # an action's owner: the full name, as the app writes it
            "kind": kind,
            "conducted_by": boss.name if boss else "Ekstern konsulent",
            "conductor_id": boss.id if boss else None,
        }
        if index % 9 != 8:  # a few joined this year and had no conversation last year
            held_on = _date_in(rnd, last_year, date(last_year, 6, 30))
            follow_up = held_on.replace(year=held_on.year + 1)
            if index in FOLLOW_UP_SHIFT:
                follow_up = today + timedelta(days=FOLLOW_UP_SHIFT[index])
            conversation = held_conversation(
                rnd, content, held_on=held_on, status="signed", follow_up_on=follow_up, **common
            )
            previous[person.id] = repo.bulk.record([conversation])[0]
        state = THIS_YEAR[index % len(THIS_YEAR)]
        if state is None:
            continue
        evaluation = EVALUATIONS.get(index) if _offers(pack, person.layer, "evaluation") else None
        readiness = ("", "")
        if evaluation:
            content = content_for(pack, person.layer, "evaluation")
            common["kind"] = "evaluation"
            readiness = EVALUATION_READINESS
        if state == "draft":
            held_on = today + timedelta(days=7)
        elif state == "in_progress":
            held_on = today - timedelta(days=rnd.randint(0, 3))
        else:
            held_on = _date_in(rnd, today.year, today - timedelta(days=14))
        follow_up = held_on.replace(year=held_on.year + 1)
        conversation = held_conversation(
            rnd,
            content,
            held_on=held_on,
            status=state,
            follow_up_on=follow_up,
            readiness=readiness,
            **common,
        )
        conversation_id = repo.bulk.record([conversation])[0]
        held.append((person.id, conversation_id, state))
        if evaluation:
            answers = random.Random(f"{SEED} feedback {index}")
            _feedback(repo, answers, content, conversation, conversation_id, evaluation)
    _review_last_year(repo, rnd, previous, held)


def _offers(pack: Pack, layer: str, kind: str) -> bool:
    return any(k.key == kind for k in pack.kinds_for(layer))


def _feedback(
    repo: Repository,
    rnd: random.Random,
    content: ConversationContent,
    conversation: HeldConversation,
    conversation_id: int,
    groups: tuple[tuple[str, int, int], ...],
) -> None:
    """Anonymous raters' answers, as a survey tool's file brings them in: near the
    manager's rating, now and then not observed or with a comment on the expectation's
    dimension; the raters who were asked and have not answered are counted as asked."""
    values = content.scale_values
    low, high = min(values), max(values)
    manager = {r.expectation_id: r.score for r in conversation.ratings if r.rater == "manager"}
    answers = []
    waiting = []
    for group, asked, answered in groups:
        comments = {d: list(texts) for d, texts in FEEDBACK_COMMENTS[group].items()}
        for texts in comments.values():
            rnd.shuffle(texts)
        for number in range(asked):
            rater = f"demo-{rnd.getrandbits(64):016x}"
            if number >= answered:
                waiting.append((group, rater))
                continue
            for expectation in content.ordered_expectations():
                base = manager.get(expectation.id) or rnd.choice((3, 3, 4, 4))
                score = None if rnd.random() < 0.06 else base + rnd.choice((-1, -1, 0, 0, 0, 1))
                unsaid = comments.get(expectation.dimension)
                comment = unsaid.pop() if unsaid and rnd.random() < 0.12 else ""
                answers.append(
                    NewAnswer(
                        conversation_id,
                        group,
                        rater,
                        expectation.id,
                        None if score is None else max(low, min(high, score)),
                        comment,
                    )
                )
    repo.feedback.import_answers(answers)
    for group, rater in waiting:
        repo.feedback.invite(conversation_id, group, rater)


def _review_last_year(
    repo: Repository,
    rnd: random.Random,
    previous: dict[int, int],
    held: list[tuple[int, int, str]],
) -> None:
    """Where this year's conversation has been held, last year's goals were followed up:
    a goal reached has its actions done, one partly reached about half of them; where the
    new plan is still open, an unfinished goal was carried into it."""
    for person_id, conversation_id, state in held:
        if state == "draft" or person_id not in previous:
            continue
        plan = repo.plans.get(previous[person_id])
        for goal in plan.goals:
            status = rnd.choice(("done", "done", "partly", "not_done"))
            finished = {"done": len(goal.actions), "partly": (len(goal.actions) + 1) // 2}
            for action in goal.actions[: finished.get(status, 0)]:
                repo.plans.update_action(action.id, done=True)
            reviewed = repo.plans.review_goal(
                goal.id, status, REVIEW_NOTES[status], in_conversation_id=conversation_id
            )
            if status == "partly" and state != "signed":
                carry_goal(repo, repo.plans.goal(reviewed.id), conversation_id)


def ensure_demo_database(db: str, settings: Settings, *, reset: bool = False) -> None:
    """Create the demo database unless it exists (or `reset` asks for a new one)."""
    from pipeline_tui.packs.loader import load_packs

    path = sqlite_path(db)
    if path is not None:
        if reset:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        if path.exists() and path.stat().st_size > 0:
            return
        if path == demo_db_path():
            ensure_private_dir(path.parent)
    repo = open_repository(db)
    try:
        if repo.people.count() == 0:
            build_demo(repo, load_packs(settings.content_dir).default)
    finally:
        repo.close()


__all__ = ["ORGANISATION", "build_demo", "ensure_demo_database"]
