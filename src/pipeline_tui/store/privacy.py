"""A person's right of access (export) and right to erasure.

Erasure works by identity, not by text, in one short transaction: the person
and their conversations with ratings, cards, notes and plans go (cascade);
people they managed keep their rows without the link; conversations they
conducted keep the conversation, with the conductor shown as erased (signed
ones too: the name on them is the erased person's). A person
of the same name is never touched. Free-text mentions in other people's notes
are listed (`store.mentions`) and scrubbed only when asked. An `erasure` row
remains: when, how many rows, and the ids removed (numbers only), so a session
still open on them is refused with ErasedError instead of writing them back.

No byte of the erased data is left in the file: every connection runs with
`secure_delete` (deleted cells and freed pages are overwritten with zeros),
and the write-ahead log, which still holds the old pages, is checkpointed and
truncated afterwards. No whole-file VACUUM: other sessions keep saving.
"""

from __future__ import annotations

import time
from typing import Any, cast

from sqlalchemy import Engine, Table, func, select, update

from pipeline_tui.errors import NotFoundError
from pipeline_tui.store import models as m
from pipeline_tui.store.base import translated
from pipeline_tui.store.engine import writer
from pipeline_tui.store.erasure import ERASED, Erased
from pipeline_tui.store.mentions import Mention, find_mentions, needles, scrub
from pipeline_tui.store.transfer import iter_rows

__all__ = ["ERASED", "Erased", "erase_person", "mentions_of", "person_export"]
PRIVACY_FORMAT = "pipeline-tui-person-export"


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def person_export(engine: Engine, person_id: int) -> dict[str, Any]:
    """Everything stored about one person, as JSON-ready data."""
    person_t = _table(m.Person)
    people = list(iter_rows(engine, person_t, person_t.c.id == person_id))
    if not people:
        raise NotFoundError(f"no person with id {person_id}", "person", id=person_id)
    conv_t = _table(m.Conversation)
    conversations = list(iter_rows(engine, conv_t, conv_t.c.person_id == person_id))
    conv_ids = [c["id"] for c in conversations]
    rating_t, pick_t, plan_t = _table(m.Rating), _table(m.CardPick), _table(m.Plan)
    goal_t, action_t = _table(m.Goal), _table(m.Action)
    plans = list(iter_rows(engine, plan_t, plan_t.c.conversation_id.in_(conv_ids)))
    goals = list(iter_rows(engine, goal_t, goal_t.c.plan_id.in_([p["id"] for p in plans])))
    actions = list(iter_rows(engine, action_t, action_t.c.goal_id.in_([g["id"] for g in goals])))
    with engine.connect() as connection:
        reports = connection.execute(
            select(person_t.c.id, person_t.c.name).where(person_t.c.manager_id == person_id)
        ).all()
        conducted = connection.execute(
            select(conv_t.c.id, conv_t.c.held_on, conv_t.c.kind).where(
                conv_t.c.conductor_id == person_id
            )
        ).all()
    return {
        "format": PRIVACY_FORMAT,
        "person": people[0],
        "manager_of": [{"id": pid, "name": name} for pid, name in reports],
        "conversations": conversations,
        "ratings": list(iter_rows(engine, rating_t, rating_t.c.conversation_id.in_(conv_ids))),
        "card_picks": list(iter_rows(engine, pick_t, pick_t.c.conversation_id.in_(conv_ids))),
        "plans": plans,
        "goals": goals,
        "actions": actions,
        "conducted_conversations": [
            {"id": cid, "held_on": held.isoformat(), "kind": kind} for cid, held, kind in conducted
        ],
        "feedback": _feedback(engine, conv_ids),
        "preparation_links": _preparation_links(engine, conv_ids),
        "copies_made": _their_copies(engine, person_id),
    }


def _preparation_links(engine: Engine, conversation_ids: list[int]) -> list[dict[str, Any]]:
    """The links made for the person to prepare in a browser: when, until when, whether
    revoked (the secret's hash is left out: it is no fact about them). A rater's link is
    not theirs to see: its times could tell who answered."""
    invite_t = _table(m.Invitation)
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                invite_t.c.conversation_id,
                invite_t.c.created_at,
                invite_t.c.expires_at,
                invite_t.c.revoked_at,
            )
            .where(invite_t.c.conversation_id.in_(conversation_ids), invite_t.c.party == "self")
            .order_by(invite_t.c.created_at, invite_t.c.id)
        ).all()
    return [
        {
            "conversation_id": talk,
            "created_at": _stamp(made),
            "expires_at": _stamp(ends),
            "revoked_at": _stamp(revoked),
        }
        for talk, made, ends, revoked in rows
    ]


def _their_copies(engine: Engine, person_id: int) -> list[dict[str, Any]]:
    """The files written about the person alone (their exports, printed plans and
    preparation sheets), as the program noted them for an erasure to name."""
    copy_t = _table(m.CopyMade)
    with engine.connect() as connection:
        rows = connection.execute(
            select(copy_t.c.kind, copy_t.c.path, copy_t.c.made_at)
            .where(copy_t.c.person_id == person_id)
            .order_by(copy_t.c.made_at, copy_t.c.id)
        ).all()
    return [{"kind": kind, "path": path, "made_at": _stamp(made)} for kind, path, made in rows]


def _stamp(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _feedback(engine: Engine, conversation_ids: list[int]) -> list[dict[str, Any]]:
    """What peers, reports and others said, as the plan shows it: per group, the means and
    the comments of groups large enough to show, never one rater's answers or who they are."""
    from dataclasses import asdict

    from pipeline_tui.store.conversations import ConversationStore

    store = ConversationStore(engine)
    found = []
    for conversation_id in conversation_ids:
        groups = store.detail(conversation_id).feedback
        if groups:
            shown = [  # means to 2 decimals, as before they were kept whole (to 9)
                {**asdict(g), "means": [(key, round(value, 2)) for key, value in g.means]}
                for g in groups
            ]
            found.append({"conversation_id": conversation_id, "groups": shown})
    return found


def mentions_of(engine: Engine, person_id: int) -> list[Mention]:
    """Free-text mentions of the person in other people's records (see `store.mentions`)."""
    with engine.connect() as connection:
        return find_mentions(connection, person_id)


def erase_person(engine: Engine, person_id: int, *, scrub_mentions: bool = False) -> Erased:
    """Erase a person by identity; with `scrub_mentions`, also what names them elsewhere
    (searched before the write lock is taken, so other sessions keep saving meanwhile)."""
    with translated(engine, writing=True):
        return _erase_person(engine, person_id, scrub_mentions=scrub_mentions)


def _erase_person(engine: Engine, person_id: int, *, scrub_mentions: bool) -> Erased:
    mentions: list[Mention] = []
    if scrub_mentions:
        with engine.connect() as connection:
            mentions = find_mentions(connection, person_id)
    person_t, conv_t = _table(m.Person), _table(m.Conversation)
    with writer(engine).begin() as connection:
        who = needles(connection, person_id)
        ids = _owned_ids(connection, person_id)
        removed = sum(len(v) for v in ids.values()) + _count_ratings(connection, ids)
        # Signed ones too: a signed plan keeps its text, but the conductor's name on it is
        # the erased person's (it once stayed, unlinked, where nothing could find it again).
        conducted = connection.execute(
            update(conv_t)
            .where(conv_t.c.conductor_id == person_id)
            .values(conducted_by=ERASED, conductor_id=None)
        ).rowcount
        copies = _older_copies(connection, person_id)
        connection.execute(person_t.delete().where(person_t.c.id == person_id))
        scrubbed = scrub(connection, who, mentions) if scrub_mentions else 0
        connection.execute(
            _table(m.Erasure)
            .insert()
            .values(erased_at=m.utcnow(), rows_removed=removed, erased_ids=ids)
        )
    kept = sum(1 for x in mentions if not x.scrub) if scrub_mentions else None
    words = tuple(p for _, p in who.patterns(scrubbable_only=True)) if scrub_mentions else ()
    return Erased(
        removed,
        conducted or 0,
        scrubbed,
        kept,
        empty_log(engine),
        copies,
        tuple(ids["conversation"]),
        words,
    )


def _older_copies(connection: Any, person_id: int) -> tuple[tuple[str, str, str], ...]:
    """The copies made so far that may hold the person: every whole-database backup or
    export, and their own exports and printed plans (whose notes go with the person)."""
    copy_t = _table(m.CopyMade)
    rows = connection.execute(
        select(copy_t.c.kind, copy_t.c.path, copy_t.c.made_at)
        .where((copy_t.c.person_id.is_(None)) | (copy_t.c.person_id == person_id))
        .order_by(copy_t.c.made_at)
    ).all()
    return tuple((kind, path, made.strftime("%Y-%m-%d %H:%M")) for kind, path, made in rows)


def _owned_ids(connection: Any, person_id: int) -> dict[str, list[int]]:
    """The ids of the person's own rows, table by table (ratings are counted, not listed)."""
    conv_t, plan_t, goal_t = _table(m.Conversation), _table(m.Plan), _table(m.Goal)
    action_t, pick_t = _table(m.Action), _table(m.CardPick)
    found = connection.execute(
        select(_table(m.Person).c.id).where(_table(m.Person).c.id == person_id)
    ).scalars()
    ids: dict[str, list[int]] = {"person": list(found)}
    if not ids["person"]:
        raise NotFoundError(f"no person with id {person_id}", "person", id=person_id)
    talks = list(
        connection.execute(select(conv_t.c.id).where(conv_t.c.person_id == person_id)).scalars()
    )
    plans = list(
        connection.execute(select(plan_t.c.id).where(plan_t.c.conversation_id.in_(talks))).scalars()
    )
    goals = list(
        connection.execute(select(goal_t.c.id).where(goal_t.c.plan_id.in_(plans))).scalars()
    )
    ids.update(
        conversation=talks,
        plan=plans,
        goal=goals,
        action=list(connection.execute(select(action_t.c.id).where(action_t.c.goal_id.in_(goals))).scalars()),
        card_pick=list(connection.execute(select(pick_t.c.id).where(pick_t.c.conversation_id.in_(talks))).scalars()),
    )  # fmt: skip
    return ids


def _count_ratings(connection: Any, ids: dict[str, list[int]]) -> int:
    """The person's ratings, and the raters asked about them with their answers (counted, not
    listed: they go with the conversations)."""
    rating_t, rater_t, answer_t = (
        _table(m.Rating),
        _table(m.FeedbackRater),
        _table(m.FeedbackAnswer),
    )
    talks = ids["conversation"]
    ratings = select(func.count()).where(rating_t.c.conversation_id.in_(talks))
    raters = select(rater_t.c.id).where(rater_t.c.conversation_id.in_(talks))
    answers = select(func.count()).where(answer_t.c.rater_id.in_(raters))
    asked = select(func.count()).where(rater_t.c.conversation_id.in_(talks))
    return sum(connection.execute(query).scalar() or 0 for query in (ratings, answers, asked))


def empty_log(engine: Engine, patience: float = 3.0) -> bool:
    """Copy the write-ahead log into the file and truncate it, so the old pages it holds
    (the erased rows as they were) are gone from disk too. A session reading at that
    moment holds the log; it is retried for `patience` seconds. A no-op off SQLite."""
    if engine.dialect.name != "sqlite":
        return True
    deadline = time.monotonic() + patience
    raw = engine.raw_connection()
    try:
        while True:
            cursor = raw.cursor()
            busy, _log, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
            if not busy or time.monotonic() > deadline:
                return not busy
            time.sleep(0.05)
    finally:
        raw.close()
