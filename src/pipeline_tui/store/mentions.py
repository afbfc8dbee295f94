"""Free-text mentions of a person in other people's records, for review before an erasure.

An erasure follows references (`store.identity`); a name typed into someone
else's note is not a reference and may even be someone else's. So mentions
are found and listed (`person mentions ID`) and scrubbed only when asked
(`person erase ID --scrub-mentions`), and then only where the text can only
mean this person: an email always, the full name or the first name only when
no one else in the database has it (a namesake's own records, or a mention
that may be of the namesake, are never touched).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, text, update

from pipeline_tui.errors import NotFoundError
from pipeline_tui.store import models as m
from pipeline_tui.store import queries as q
from pipeline_tui.store.erasure import ERASED
from pipeline_tui.store.models import utcnow

TABLES: dict[str, Table] = {
    str(model.__tablename__): model.__table__  # type: ignore[attr-defined]  # set on table models
    for model in m.TABLES
}

# The text columns of the records that belong to a conversation, with the joins that lead
# from each table to its conversation (alias c).
TEXT_COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "conversation": (("conducted_by",), "conversation c"),
    "rating": (("comment",), "rating t JOIN conversation c ON c.id = t.conversation_id"),
    "card_pick": (
        ("notes", "agreements"),
        "card_pick t JOIN conversation c ON c.id = t.conversation_id",
    ),
    "plan": (
        ("summary", "strengths", "development_areas", "readiness_note"),
        "plan t JOIN conversation c ON c.id = t.conversation_id",
    ),
    "goal": (
        ("title", "success_criterion", "progress_notes", "review_note"),
        "goal t JOIN plan p ON p.id = t.plan_id JOIN conversation c ON c.id = p.conversation_id",
    ),
    "action": (
        ("description", "owner"),
        "action t JOIN goal g ON g.id = t.goal_id JOIN plan p ON p.id = g.plan_id "
        "JOIN conversation c ON c.id = p.conversation_id",
    ),
    # a peer's, report's or other's comment (360°): listed without its words (see _excerpt)
    "feedback_answer": (
        ("comment",),
        "feedback_answer t JOIN feedback_rater fr ON fr.id = t.rater_id "
        "JOIN conversation c ON c.id = fr.conversation_id",
    ),
}
# A rater's comment may belong to a group too small to show: a listing of mentions must not
# show what the plan withholds, so its excerpt is only what was matched.
WITHHELD = {"feedback_answer"}


@dataclass(frozen=True)
class Mention:
    """One text field in another person's record that names the person."""

    table: str
    column: str
    row_id: int
    conversation_id: int
    owner_id: int
    owner_name: str
    held_on: date | str
    matched: str  # "email", "name" or "first name"
    excerpt: str
    scrub: bool  # whether --scrub-mentions replaces it
    reason: str  # why it is kept, when it is


@dataclass(frozen=True)
class Needles:
    """What names the person, and which of those may be scrubbed."""

    email: str | None
    name: str
    first_name: str | None
    name_unique: bool
    first_name_unique: bool

    def patterns(self, *, scrubbable_only: bool) -> list[tuple[str, re.Pattern[str]]]:
        found = []
        if self.email:
            found.append(("email", _word(self.email)))
        if self.name and (self.name_unique or not scrubbable_only):
            found.append(("name", _word(self.name)))
        if self.first_name and (self.first_name_unique or not scrubbable_only):
            found.append(("first name", _word(self.first_name)))
        return found


def _word(needle: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)", re.IGNORECASE)


def needles(connection: Connection, person_id: int) -> Needles:
    row = connection.execute(text(q.PERSON_NAME_EMAIL_SQL), {"id": person_id}).first()
    if row is None:
        raise NotFoundError(f"no person with id {person_id}", "person", id=person_id)
    name, email = row[0].strip(), (row[1] or "").strip() or None
    first = name.split()[0] if len(name.split()) > 1 else None
    others = connection.execute(text(q.OTHER_NAMES_SQL), {"id": person_id}).scalars()
    same_name = same_first = False
    for other in others:
        other = other.strip().lower()
        same_name = same_name or other == name.lower()
        same_first = same_first or (first is not None and other.split()[:1] == [first.lower()])
    return Needles(
        email=email,
        name=name if len(name) >= 3 else "",
        first_name=first if first and len(first) >= 3 else None,
        name_unique=not same_name,
        first_name_unique=not same_first,
    )


def find_mentions(connection: Connection, person_id: int) -> list[Mention]:
    """Every text field of other people's records that names the person: their email, their
    full name, or their first name where no one else has it (whole words, any letter case),
    oldest conversation first. A conductor given by reference is not a mention."""
    who = needles(connection, person_id)
    patterns = [
        (kind, pattern)
        for kind, pattern in who.patterns(scrubbable_only=False)
        if kind != "first name" or who.first_name_unique  # a shared first name is noise
    ]
    if not patterns:
        return []
    scrubbable = {kind for kind, _ in who.patterns(scrubbable_only=True)}
    likes = [_like(_plain(p.pattern)) for _, p in patterns]
    found: list[Mention] = []
    # SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's needs ILIKE for that.
    op = "ILIKE" if connection.dialect.name == "postgresql" else "LIKE"
    for table, (columns, source) in TEXT_COLUMNS.items():
        alias = "c" if table == "conversation" else "t"
        for column in columns:
            like = " OR ".join(
                f"{alias}.{column} {op} :n{i} ESCAPE '\\'" for i in range(len(likes))
            )
            extra = " AND c.conductor_id IS NULL" if table == "conversation" else ""
            sql = q.MENTIONS_SQL.format(
                alias=alias, column=column, source=source, extra=extra, like=like
            )
            params: dict[str, Any] = {"pid": person_id}
            params.update({f"n{i}": needle for i, needle in enumerate(likes)})
            for row_id, value, talk, owner, owner_name, held in connection.execute(
                text(sql), params
            ):
                for kind, pattern in patterns:
                    match = pattern.search(value or "")
                    if match is None:
                        continue
                    found.append(
                        Mention(
                            table=table,
                            column=column,
                            row_id=row_id,
                            conversation_id=talk,
                            owner_id=owner,
                            owner_name=owner_name,
                            held_on=held,
                            matched=kind,
                            excerpt=match.group(0) if table in WITHHELD else _excerpt(value, match),
                            scrub=kind in scrubbable,
                            reason="" if kind in scrubbable else _kept_because(kind),
                        )
                    )
                    break
    found.sort(key=lambda x: (str(x.held_on), x.conversation_id, x.table, x.column, x.row_id))
    return found


def _like(needle: str) -> str:
    """A LIKE pattern that finds `needle` in any letter case with SQLite's built-in LIKE
    (fast, but it folds ASCII letters only): other letters match any one character, and
    the regular expression decides afterwards."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "%" + "".join(ch if ch.isascii() else "_" for ch in escaped) + "%"


def _plain(pattern: str) -> str:
    """The literal text of a `_word` pattern, lower-cased, for a coarse SQL filter."""
    inner = pattern.removeprefix(r"(?<!\w)").removesuffix(r"(?!\w)")
    return re.sub(r"\\(.)", r"\1", inner).lower()


def _kept_because(kind: str) -> str:
    if kind == "name":
        return "another person has the same name: it may be them"
    return "another person has the same first name: it may be them"


def _excerpt(value: str, match: re.Match[str], room: int = 30) -> str:
    start, end = max(0, match.start() - room), min(len(value), match.end() + room)
    snippet = " ".join(value[start:end].split())
    return f"{'…' if start else ''}{snippet}{'…' if end < len(value) else ''}"


def scrub(connection: Connection, who: Needles, mentions: list[Mention]) -> int:
    """Replace what names the person, in the fields `mentions` points at, by the erased
    marker; only what `Needles` allows. Values are re-read (another session may have
    changed them since they were found). Returns the number of fields changed."""
    patterns = [p for _, p in who.patterns(scrubbable_only=True)]
    changed = 0
    for table, column, row_id in sorted(
        {(x.table, x.column, x.row_id) for x in mentions if x.scrub}
    ):
        current = connection.execute(
            text(q.FIELD_SQL.format(column=column, table=table)), {"id": row_id}
        ).scalar()
        if current is None:
            continue
        new = current
        for pattern in patterns:
            new = pattern.sub(ERASED, new)
        if new != current:
            stored = TABLES[table]
            connection.execute(
                update(stored)
                .where(stored.c.id == row_id)
                .values({column: new, "version": stored.c.version + 1, "updated_at": utcnow()})
            )
            changed += 1
    return changed
