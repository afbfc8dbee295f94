"""`db check`: is this database whole and consistent? Read-only, stdlib sqlite3.

SQLite's own checks (`PRAGMA integrity_check`: pages, indexes, free list;
`PRAGMA foreign_key_check`: every reference points at a row, whether or not the
writer had foreign keys on) and ours, which SQLite cannot know: values only
this program writes (statuses, kinds, raters), row versions, managers in a
circle, and the schema revision. Nothing is written: the file is opened
read-only after the same checks that refuse a file that is not ours. What it finds is made
of catalog phrases (`texts.Phrase`: English as strings), said in the user's language.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline_tui.packs.records import snapshot_reads
from pipeline_tui.store import queries as q
from pipeline_tui.store.readonly import read_only_uri
from pipeline_tui.store.revisions import HEAD
from pipeline_tui.texts import Phrase
from pipeline_tui.vocabulary import (
    ACTION_KINDS,
    CONVERSATION_KINDS,
    CONVERSATION_STATUSES,
    GOAL_STATUSES,
    PICKED_BY,
    RATER_GROUPS,
    READINESS,
)
from pipeline_tui.vocabulary import PARTIES as RATERS

STAMPED = ("person", "conversation", "rating", "card_pick", "plan", "goal", "action")
ALLOWED = {
    ("conversation", "status"): CONVERSATION_STATUSES,
    ("conversation", "kind"): CONVERSATION_KINDS,
    ("rating", "rater"): RATERS,
    ("goal", "status"): GOAL_STATUSES,
    ("action", "kind"): ACTION_KINDS,
    ("card_pick", "picked_by"): PICKED_BY,
    ("feedback_rater", "rater_group"): RATER_GROUPS,
    ("plan", "readiness"): ("", *READINESS),  # "": not answered
}
# The columns holding JSON: a damaged text in one fails every command that reads its row.
JSON_COLUMNS = (
    ("content_snapshot", "texts"),
    ("goal", "expectation_ids"),
    ("goal", "card_ids"),
    ("erasure", "erased_ids"),
)
LIMIT = 20  # problems of one kind listed; the rest are counted


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(path: Path, revision: str | None) -> CheckReport:
    """Every problem found in the SQLite file at `path` (already known to be ours)."""
    report = CheckReport()
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        _integrity(connection, report)
        if report.problems:
            return report  # a damaged file: the row checks would only repeat it
        _foreign_keys(connection, report)
        _values(connection, report)
        _json(connection, report)
        _versions(connection, report)
        _scores(connection, report)
        _manager_circles(connection, report)
        if revision is not None and revision >= "0008":
            _rating_sums(connection, report)
        if revision != HEAD:
            report.notes.append(Phrase("cli.check.schema", revision=revision, head=HEAD))
        counts = {
            table: connection.execute(q.COUNT_SQL.format(table=table)).fetchone()[0]
            for table in ("person", "conversation", "erasure")
        }
        people, conversations, erasures = (
            counts["person"],
            counts["conversation"],
            counts["erasure"],
        )
        report.notes.append(
            Phrase(
                "cli.check.counts",
                people=Phrase(f"cli.people_count{_one(people)}", n=people),
                conversations=Phrase(
                    f"cli.conversations_count{_one(conversations)}", n=conversations
                ),
                erasures=Phrase(f"cli.check.erasures{_one(erasures)}", n=erasures),
            )
        )
    except sqlite3.DatabaseError as exc:
        report.problems.append(Phrase("cli.check.unreadable", error=str(exc)))
    finally:
        connection.close()
    return report


def _listed(report: CheckReport, lines: Sequence[str], what: str) -> None:
    """The first `LIMIT` of `lines`, and how many more of `what` (a `cli.check.more.` key)."""
    report.problems.extend(lines[:LIMIT])
    if len(lines) > LIMIT:
        report.problems.append(Phrase(f"cli.check.more.{what}", n=len(lines) - LIMIT))


def _integrity(connection: sqlite3.Connection, report: CheckReport) -> None:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        found = [Phrase("cli.check.integrity", detail=row) for row in rows]
        _listed(report, found, "integrity")


def _foreign_keys(connection: sqlite3.Connection, report: CheckReport) -> None:
    lines = []
    for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
        column = _fk_column(connection, table, parent)
        lines.append(
            Phrase("cli.check.orphan", table=table, row=rowid, parent=parent, column=column)
        )
    _listed(report, lines, "orphans")


def _fk_column(connection: sqlite3.Connection, table: str, parent: str) -> str:
    for row in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
        if row[2] == parent:
            return f"{table}.{row[3]}"
    return table


def _has(connection: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether the table has the column (a database of an older revision may lack both)."""
    return any(row[1] == column for row in connection.execute(f'PRAGMA table_info("{table}")'))


def _values(connection: sqlite3.Connection, report: CheckReport) -> None:
    lines = []
    for (table, column), allowed in ALLOWED.items():
        if not _has(connection, table, column):
            continue
        marks = ", ".join("?" for _ in allowed)
        query = q.UNKNOWN_VALUES_SQL.format(table=table, column=column, marks=marks)
        for row_id, value in connection.execute(query, allowed):
            lines.append(
                Phrase("cli.check.value", table=table, row=row_id, column=column, value=value)
            )
    _listed(report, lines, "values")


def _json(connection: sqlite3.Connection, report: CheckReport) -> None:
    """JSON that does not parse, and content snapshots the program cannot show
    (`records.snapshot_reads`): each named by its row, as export and print would fail on it."""
    lines = []
    for table, column in JSON_COLUMNS:
        if not _has(connection, table, column):
            continue
        for row_id, stored in connection.execute(q.column_sql(table, column)):
            try:
                value = json.loads(stored)
            except (TypeError, ValueError):
                lines.append(Phrase("cli.check.json", table=table, row=row_id, column=column))
                continue
            if table == "content_snapshot" and not snapshot_reads(value):
                lines.append(Phrase("cli.check.snapshot", row=row_id))
    _listed(report, lines, "values")


def _versions(connection: sqlite3.Connection, report: CheckReport) -> None:
    lines = []
    for table in STAMPED:
        query = q.BAD_VERSIONS_SQL.format(table=table)
        for row_id, version in connection.execute(query):
            lines.append(Phrase("cli.check.version", table=table, row=row_id, version=version))
    _listed(report, lines, "versions")


def _scores(connection: sqlite3.Connection, report: CheckReport) -> None:
    """Scores off their conversation's scale (a leader's and a conductor's ratings, the
    360° answers): a hand edit's 9 on a scale of 1-5, or a text, is averaged into the
    summary, the printed plan and HR's overview as if it were a level. The scale is the
    conversation's content snapshot's; one the program cannot read is said by `_json`."""
    scales: dict[int, set[int]] = {}
    for row_id, stored in connection.execute(q.column_sql("content_snapshot", "texts")):
        try:
            scales[row_id] = _scale(json.loads(stored))
        except (TypeError, ValueError):
            continue
    lines = []
    for table, query in q.SCORES_SQL.items():
        if not _has(connection, table, "score"):
            continue
        for row_id, score, snapshot in connection.execute(query):
            scale = scales.get(snapshot, set())
            on_scale = type(score) is int and 1 <= score <= 9 and (not scale or score in scale)
            if not on_scale:
                shown = ", ".join(map(str, sorted(scale))) if scale else "1-9"
                lines.append(
                    Phrase("cli.check.score", table=table, row=row_id, score=score, scale=shown)
                )
    _listed(report, lines, "scores")


def _scale(texts: object) -> set[int]:
    """The levels of a content snapshot's scale (none when it holds no readable scale)."""
    scale = texts.get("scale") if isinstance(texts, dict) else None
    levels = scale.get("levels") if isinstance(scale, dict) else None
    if not isinstance(levels, list):
        return set()
    return {x["value"] for x in levels if isinstance(x, dict) and type(x.get("value")) is int}


def _manager_circles(connection: sqlite3.Connection, report: CheckReport) -> None:
    boss = dict(connection.execute(q.MANAGERS_SQL))
    seen_in_circle: set[int] = set()
    lines = []
    for start in boss:
        chain, current = [start], boss.get(start)
        while current is not None and current not in chain:
            chain.append(current)
            current = boss.get(current)
        if current == start and start not in seen_in_circle:
            seen_in_circle.update(chain)
            circle = " -> ".join(map(str, [*chain, start]))
            lines.append(Phrase("cli.check.circle", people=circle))
    _listed(report, lines, "circles")


def _rating_sums(connection: sqlite3.Connection, report: CheckReport) -> None:
    """The overview's kept rating sums (`rating_sum`, kept by triggers) against the sums
    over the ratings themselves."""
    kept = set(connection.execute(q.KEPT_SUMS_SQL))
    summed = set(connection.execute(q.SUMMED_SQL))
    wrong, missing = len(kept - summed), len(summed - kept)
    if wrong or missing:
        report.problems.append(
            Phrase(
                "cli.check.sums",
                wrong=Phrase(f"cli.check.sums_wrong{_one(wrong)}", n=wrong),
                missing=Phrase(f"cli.check.sums_missing{_one(missing)}", n=missing),
            )
        )


def _one(count: int) -> str:
    """The ending of a key for exactly one of something (`cli.texts.one`)."""
    return "_one" if count == 1 else ""
