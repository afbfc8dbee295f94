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

import os
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pipeline_tui import clock
from pipeline_tui.config import Settings, demo_db_path, ensure_private_dir, sqlite_path
from pipeline_tui.core.due import one_year_after
from pipeline_tui.demo.builder import held_conversation
from pipeline_tui.demo.texts import (
    FEEDBACK_COMMENTS,
    ORGANISATION,
    PEOPLE,
    READINESS_NOTE,
    REVIEW_NOTES,
    work_of,
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
            "work": work_of(person.title, person.unit),
        }
        if index % 9 != 8:  # a few joined this year and had no conversation last year
            held_on = _date_in(rnd, last_year, date(last_year, 6, 30))
            follow_up = one_year_after(held_on)
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
        follow_up = one_year_after(held_on)
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


# The mark `ensure_demo_database` leaves in the header of a demo database file it makes:
# SQLite's application id says "a pipeline-tui demo", its user version which file it was
# made as (a checksum of its full path). `demo` opens only a demo database (or one it makes
# now); `demo --reset` throws away only the file the demo made at that place, or the demo's
# own file in the user data folder: never a database someone copied from it, nor another.
DEMO_MARK = 0x50544446  # "PTDF"
_HEADER = b"SQLite format 3\x00"


def _place_mark(path: Path) -> int:
    import zlib

    return zlib.crc32(str(path).encode("utf-8", "surrogatepass")) & 0x7FFFFFFF


def _header_marks(path: Path) -> tuple[int, int] | None:
    """The application id and user version in the header of the SQLite file `path`, read
    without opening it as a database (nothing written beside it); None if it is none."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return None
    if len(header) < 72 or not header.startswith(_HEADER):
        return None
    return int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big")


def is_demo_database(path: Path) -> bool:
    """Whether the file `path` is a demo database `ensure_demo_database` made (or a copy)."""
    marks = _header_marks(path)
    return marks is not None and marks[0] == DEMO_MARK


def made_here(path: Path) -> bool:
    """Whether the file at `path` is the demo database made at that very place (not a copy)."""
    marks = _header_marks(path)
    return marks == (DEMO_MARK, _place_mark(path))


def _mark(path: Path) -> None:
    """Leave the demo's mark in the header of the file it made at `path` (in the file
    itself, not only in its write-ahead log, so it can be read without SQLite)."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute(f"PRAGMA application_id = {DEMO_MARK}")
        connection.execute(f"PRAGMA user_version = {_place_mark(path)}")
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _refuse_to_touch(path: Path, *, reset: bool) -> None:
    """Refuse, before a byte is changed, a database file `demo` must leave alone: one that
    is not a demo database (to open), or not the one the demo made there (to throw away).
    The demo's own file in the user data folder is always its own."""
    from pipeline_tui.errors import UserError

    if reset and path.is_dir():
        raise UserError(f"{path} is a folder: --reset left it untouched", "db_folder", db=path)
    if path == demo_db_path().resolve():
        return
    if reset:
        if os.path.lexists(path) and not made_here(path):
            raise UserError(
                f"{path} is not a demo database made there by pipeline-tui demo: --reset "
                f"throws away only such a one, and {path} was left untouched",
                "demo_not_resettable",
                db=path,
            )
    elif path.is_file() and path.stat().st_size > 0 and not is_demo_database(path):
        raise UserError(
            f"{path} is not a demo database: pipeline-tui demo opens only one it made, and "
            f"{path} was left untouched",
            "demo_not_demo",
            db=path,
        )


def _holds_people(db: str) -> bool:
    """Whether the server database `db` has a person table with a row in it, asked without
    creating or upgrading anything; False when it cannot be asked (no such table: a new
    database; no server: the storage layer then says why)."""
    from sqlalchemy import text

    from pipeline_tui.store.engine import make_engine
    from pipeline_tui.store.queries import ANY_PERSON_SQL

    try:
        engine = make_engine(db)
    except Exception:  # a URL the storage layer refuses, in its own words
        return False
    try:
        with engine.connect() as connection:
            return bool(connection.execute(text(ANY_PERSON_SQL)).first())
    except Exception:
        return False
    finally:
        engine.dispose()


def ensure_demo_database(db: str, settings: Settings, *, reset: bool = False) -> None:
    """Create the demo database unless it exists (or `reset` asks for a new one).

    A file that is not a demo database is refused, never opened or written (`DEMO_MARK`);
    `reset` throws away only the file the demo made at that place. On a database server
    the demo is built only into an empty database, and `reset` is refused.
    """
    from pipeline_tui.config import describe
    from pipeline_tui.errors import UserError
    from pipeline_tui.packs.loader import load_packs

    path = sqlite_path(db)
    if path is None and reset:
        where = describe(db)
        raise UserError(
            f"--reset throws away a demo database file only: {where} is a database server, "
            "left untouched",
            "demo_reset_server",
            db=where,
        )
    if path is not None:
        _refuse_to_touch(path, reset=reset)
        if reset and os.path.lexists(path):
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        if path.exists() and path.stat().st_size > 0:
            return
        if path == demo_db_path().resolve():
            ensure_private_dir(path.parent)
    if path is None and _holds_people(db):
        # A server database holds no mark of the demo: one with people in it may be a
        # department's own, which the demo opened (upgraded first) as its own, printing its
        # plans under the demo organisation's name. Asked before the storage layer opens it.
        where = describe(db)
        raise UserError(
            f"{where} holds people already: on a database server pipeline-tui demo builds "
            f"its organisation only into an empty database, and {where} was left "
            "untouched (open it without demo: pipeline-tui --db URL)",
            "demo_server_not_empty",
            db=where,
        )
    repo = open_repository(db)
    try:
        if repo.people.count() == 0:
            build_demo(repo, load_packs(settings.content_dir).default)
    finally:
        repo.close()
    if path is not None:
        _mark(path)


__all__ = ["ORGANISATION", "build_demo", "ensure_demo_database"]
