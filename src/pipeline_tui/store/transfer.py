"""The whole database as versioned JSON, and back.

The export is deterministic (tables in dependency order, rows by id, one row
per line, no timestamp of its own), so export → import → export gives the same
bytes. An import goes into an empty database only, is checked completely
first (types, enumerations, references, uniqueness; each problem with its
line), and is written in one transaction: all rows or none. Its problems are catalog
phrases (`texts.Phrase`: English as strings), said in the user's language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    select,
)
from sqlalchemy import func as sa_func

from pipeline_tui.core.addresses import plausible_email
from pipeline_tui.core.roster import BOMS, DOCUMENTS
from pipeline_tui.errors import UserError
from pipeline_tui.packs.records import snapshot_reads
from pipeline_tui.store import models as m
from pipeline_tui.store.exporting import FORMAT, FORMAT_VERSION, document, encode_row
from pipeline_tui.store.jsondoc import JsonDocument
from pipeline_tui.store.models import column_type
from pipeline_tui.store.queries import RESET_SEQUENCE_SQL
from pipeline_tui.store.revisions import ADDED_IN, KNOWN_REVISIONS, TABLES_ADDED_IN
from pipeline_tui.texts import LANGUAGES, Phrase
from pipeline_tui.vocabulary import (
    ACTION_KINDS,
    CONVERSATION_KINDS,
    CONVERSATION_STATUSES,
    GOAL_STATUSES,
    PICKED_BY,
    RATER_GROUPS,
    READINESS,
    STEPS,
    is_kind_key,
    with_control,
)
from pipeline_tui.vocabulary import PARTIES as RATERS

if TYPE_CHECKING:
    from pipeline_tui.store.repository import Repository

TABLES: tuple[Table, ...] = tuple(
    model.__table__  # type: ignore[attr-defined]  # SQLModel sets __table__ on table models
    for model in m.TABLES
)
TABLE_NAMED = {table.name: table for table in TABLES}
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("conversation", "status"): CONVERSATION_STATUSES,
    ("rating", "rater"): RATERS,
    ("card_pick", "picked_by"): PICKED_BY,
    ("goal", "status"): GOAL_STATUSES,
    ("action", "kind"): ACTION_KINDS,
    ("feedback_rater", "rater_group"): RATER_GROUPS,
    ("plan", "readiness"): ("", *READINESS),  # "": not answered
}
LIST_COLUMNS = {("goal", "expectation_ids"), ("goal", "card_ids")}
CASELESS = {("person", "email")}
# Free text (notes, comments, summaries) has no length in the schema; no one writes more.
MAX_TEXT = 100_000
# PostgreSQL's `integer` columns (every number here) hold 32 bits; SQLite's would take 64,
# so a file SQLite took would fail midway on PostgreSQL: both refuse alike, before writing.
SMALLEST, LARGEST = -(2**31), 2**31 - 1
# A finished 360° rater and their answers are detached to random ids below zero
# (`store.feedback.detach_rater`); every other row is numbered from 1, as the commands
# take ids, so a row numbered below 1 could not be named (shown, exported, erased).
BELOW_ZERO = {"feedback_rater", "feedback_answer"}
NUL = "\x00"  # PostgreSQL's text cannot hold it


SHOWN = 50  # problems an import's refusal lists; the rest are counted


class ImportProblems(UserError):
    """An import file that cannot be imported; `problems` holds one line each (phrases)."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:SHOWN]
        more = f"\n... and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
        super().__init__("the file was not imported:\n" + "\n".join(shown) + more)
        self.problems = problems


def _at(line: object, key: str, **values: object) -> Phrase:
    """A problem on `line` of the file: the phrase `cli.import.<key>`."""
    return Phrase("cli.import.at", line=line, problem=Phrase(f"cli.import.{key}", **values))


def iter_rows(
    source: Engine | Connection, table: Table, where: Any = None
) -> Iterator[dict[str, Any]]:
    """The rows of `table` (those `where` picks), by id; read on a connection of their own,
    or on `source` when it is one (a `read_snapshot`, with the other tables)."""
    query = select(table).order_by(table.c.id)
    if where is not None:
        query = query.where(where)
    # Positional, with the encoder looked up once per column: a million ratings
    # go through here, and `row._mapping[column]` per cell costs more than the rest.
    names = [column.name for column in table.columns]
    dated = [isinstance(column_type(column), (Date, DateTime)) for column in table.columns]
    if isinstance(source, Engine):
        with source.connect() as connection:
            yield from _rows(connection.execute(query), names, dated)
    else:
        yield from _rows(source.execute(query), names, dated)


def _rows(result: Any, names: list[str], dated: list[bool]) -> Iterator[dict[str, Any]]:
    for row in result:
        yield {
            name: value.isoformat() if is_date and value is not None else value
            for name, value, is_date in zip(names, row, dated, strict=True)
        }


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction for many reads, all of the database as it was at the first.
    On PostgreSQL that takes REPEATABLE READ: at its default (READ COMMITTED) each statement
    sees what was committed before it began, so a person and their conversation added
    between the reads of `person` and `conversation` left an export whose conversation
    names a person it does not hold, which no import takes. SQLite's read transaction is one
    snapshot already."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin():
            yield connection


def export_lines(engine: Engine) -> Iterator[str]:
    """The export document, a line at a time (rows stream; nothing is held in memory), every
    table read in one snapshot (`read_snapshot`)."""
    with read_snapshot(engine) as connection:
        yield from document(lambda name: map(encode_row, iter_rows(connection, TABLE_NAMED[name])))


def _check_value(table: Table, column: Any, value: Any) -> str | None:
    """A problem with one value, or None."""
    if value is None:
        return None if column.nullable else _value("null")
    kind = column_type(column)
    if (table.name, column.name) == ("conversation", "kind") and not is_kind_key(value):
        return _value("kind")
    if (table.name, column.name) in CHOICES and value not in CHOICES[(table.name, column.name)]:
        choices = ", ".join(c or "''" for c in CHOICES[(table.name, column.name)])
        return _value("choice", choices=choices)
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else _value("boolean")
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            return _value("number")
        if not SMALLEST <= value <= LARGEST:
            return _value("range", value=value, low=SMALLEST, high=LARGEST)
        if column.name == "version" and value < 1:
            return _value("version", value=value)
        if column.name == "id" and value < 1 and (table.name not in BELOW_ZERO or value == 0):
            return _value("id", value=value)
        return None
    if isinstance(kind, DateTime):
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return _value("moment")
        try:  # stored as UTC: year 1 at +05:00 is before the first moment Python can hold
            (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
        except OverflowError:
            return _value("moment_range")
        return None
    if isinstance(kind, Date):
        try:
            if len(value) != 10:
                raise ValueError
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return _value("date")
        return None
    if isinstance(kind, JSON):
        problem: str | None
        if (table.name, column.name) in LIST_COLUMNS:
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            problem = None if ok else _value("ids")
        else:
            problem = None if isinstance(value, dict) else _value("object")
        return (
            problem
            or _not_unicode(json.dumps(value, ensure_ascii=False))
            or (_value("nul") if _has_nul(value) else None)
        )
    if isinstance(kind, String):
        if not isinstance(value, str):
            return _value("text")
        problem = _not_unicode(value) or (_value("nul") if NUL in value else None)
        if problem:
            return problem
        if kind.length is not None and len(value) > kind.length:
            return _value("too_long", n=kind.length)
    return None


def _value(key: str, **values: object) -> Phrase:
    """What is wrong with a value: the phrase `cli.import.value.<key>`."""
    return Phrase(f"cli.import.value.{key}", **values)


def _not_unicode(text: str) -> str | None:
    """A lone surrogate (JSON allows "\\ud800") cannot be stored or exported as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _value("surrogate")
    return None


def _has_nul(value: Any) -> bool:
    """Whether a JSON value holds NUL in any text or key, however deep."""
    waiting = [value]
    while waiting:
        item = waiting.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            waiting.extend(item)
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)
    return False


def _decode_value(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = column_type(column)
    if isinstance(kind, DateTime):
        moment = datetime.fromisoformat(value)
        # Timestamps are UTC; one written without an offset is read as UTC.
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value


def _export_text(data: bytes) -> str:
    """An export's bytes as text: UTF-8 (with or without a BOM), as `export` writes it; or
    UTF-16 or UTF-32 by its byte order mark, as an editor saves it as "Unicode" (Windows
    Notepad's choice before UTF-8): it was refused as "not UTF-8 text" on line 1."""
    for mark, codec, _name in BOMS:
        if data.startswith(mark):
            body = data[len(mark) :]
            try:
                return body.decode(codec)
            except UnicodeDecodeError as exc:
                before = body[: exc.start].decode(codec, errors="replace")
                raise ImportProblems([_at(before.count("\n") + 1, "not_utf8")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportProblems([_at(line, "not_utf8")]) from None


def read_export(
    data: bytes, layers: Collection[str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Parse and check an export file; raise `ImportProblems` listing every problem.

    `layers`: the layers of the content pack in use, which every person's must be (as a
    roster's are); None checks no layer."""
    for mark, what in DOCUMENTS:  # a workbook or a PDF, given for the export
        if data.startswith(mark):
            raise ImportProblems([_at(1, f"not_export_{what}")])
    text = _export_text(data)
    if not text.strip():  # (it read "not valid JSON: Expecting value")
        raise ImportProblems([_at(1, "empty")])
    try:
        document = JsonDocument(text)
    except json.JSONDecodeError as exc:
        first = text.lstrip().partition("\n")[0]
        if exc.pos == len(text) - len(text.lstrip()) and any(c in first for c in ",;\t"):
            raise ImportProblems([_at(1, "not_export_csv")]) from None  # a roster, say
        end = len(text.rstrip())
        if exc.pos >= end or exc.msg.startswith("Unterminated string"):
            # The text stops before the document does (inside a string, or where more was
            # due): a file cut short, by a full disk or a copy that did not finish.
            raise ImportProblems([_at(text.count("\n", 0, end) + 1, "cut_short")]) from None
        raise ImportProblems([_at(exc.lineno, "not_json", error=exc.msg)]) from None
    except RecursionError:
        raise ImportProblems([_at(1, "too_deep")]) from None
    except ValueError:  # a number of more digits than Python reads (4300): none of ours is
        long = re.search(r"\d{4300,}", text)
        line = text.count("\n", 0, long.start()) + 1 if long else 1
        raise ImportProblems([_at(line, "number_too_long")]) from None
    doc = document.data
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportProblems([_at(1, "not_export", format=FORMAT)])
    problems: list[str] = []
    if doc.get("format_version") != FORMAT_VERSION:
        problems.append(_at(1, "format_version", version=doc.get("format_version")))
    if doc.get("schema_revision") not in KNOWN_REVISIONS:
        problems.append(_at(1, "schema_revision", revision=doc.get("schema_revision")))
    extra = set(doc) - {"format", "format_version", "schema_revision", "tables"}
    if extra:
        one = "_one" if len(extra) == 1 else ""
        problems.append(_at(1, f"unknown_keys{one}", keys=", ".join(sorted(extra))))
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise ImportProblems([*problems, _at(1, "no_tables")])
    names = {t.name for t in TABLES}
    for name in sorted(set(tables) - names):
        problems.append(_at(document.line_of(tables) or 1, "unknown_table", table=name))
    result: dict[str, list[dict[str, Any]]] = {}
    revision = doc.get("schema_revision")
    for table in TABLES:
        if table.name not in tables and _had_table(revision, table.name):
            # An export writes every table, an empty one as []: one left out was taken
            # out by hand, and reading it as empty would drop its rows without a word.
            problems.append(_at(document.line_of(tables) or 1, "missing_table", table=table.name))
            result[table.name] = []
            continue
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            problems.append(_at(document.line_of(tables), "not_list", table=table.name))
            continue
        _fill_added_columns(table.name, rows, str(doc.get("schema_revision")))
        result[table.name] = _check_rows(table, rows, document, problems)
    if not problems:
        _check_references(result, document, problems)
    if not problems:
        _check_meaning(result, document, problems, layers)
    if problems:
        raise ImportProblems(problems)
    return result


def _had_table(revision: object, table: str) -> bool:
    """Whether an export at `revision` writes `table` (a table added later it cannot); an
    unknown revision is refused on its own, so no table is asked of it."""
    if revision not in KNOWN_REVISIONS:
        return False
    return not any(
        table in names and str(revision) < added_in for added_in, names in TABLES_ADDED_IN.items()
    )


def _fill_added_columns(table: str, rows: list[Any], revision: str) -> None:
    """Give the rows of an export from an older schema the columns added since."""
    for added_in, columns in ADDED_IN.items():
        if revision >= added_in:
            continue
        for (name, column), default in columns.items():
            if name != table:
                continue
            for row in rows:
                if isinstance(row, dict) and column not in row:
                    row[column] = default


def _check_rows(
    table: Table, rows: list[Any], document: JsonDocument, problems: list[str]
) -> list[dict[str, Any]]:
    columns = {c.name: c for c in table.columns}
    checked = []
    for index, row in enumerate(rows):
        line = document.line_of(row) or document.line_of_item(rows, index) or "?"
        where = {"table": table.name, "row": index + 1}
        if not isinstance(row, dict):
            problems.append(_at(line, "row.not_object", **where))
            continue
        unknown = sorted(set(row) - set(columns))
        missing = sorted(set(columns) - set(row))
        if unknown:
            key = "row.unknown_columns_one" if len(unknown) == 1 else "row.unknown_columns"
            problems.append(_at(line, key, **where, names=", ".join(unknown)))
        if missing:
            key = "row.missing_columns_one" if len(missing) == 1 else "row.missing_columns"
            problems.append(_at(line, key, **where, names=", ".join(missing)))
        if unknown or missing:
            continue
        bad = False
        for name, column in columns.items():
            issue = _check_value(table, column, row[name])
            if issue:
                problems.append(_at(line, "row.value", **where, column=name, issue=issue))
                bad = True
        if not bad:
            row = {name: _decode_value(columns[name], row[name]) for name in columns}
            row["__line"] = document.line_of(rows[index])
            checked.append(row)
    return checked


def _check_references(
    tables: dict[str, list[dict[str, Any]]], document: JsonDocument, problems: list[str]
) -> None:
    ids = {name: {row["id"] for row in rows} for name, rows in tables.items()}
    for table in TABLES:
        rows = tables[table.name]
        seen: set[int] = set()
        for row in rows:
            if row["id"] in seen:
                problems.append(_at(row["__line"], "twice", table=table.name, id=row["id"]))
            seen.add(row["id"])
        for column in table.columns:
            for key in column.foreign_keys:
                target = key.column.table.name
                for row in rows:
                    value = row[column.name]
                    if value is not None and value not in ids[target]:
                        field = f"{table.name}.{column.name}"
                        problems.append(
                            _at(row["__line"], "reference", field=field, target=target, id=value)
                        )
        # A unique column is also a UniqueConstraint of the table: check each key once.
        uniques = {
            tuple(c.columns.keys())  # type: ignore[attr-defined]  # a unique constraint has columns
            for c in table.constraints
            if _is_unique(c)
        }
        uniques |= {(c.name,) for c in table.columns if c.unique}
        for keys in sorted(uniques):
            first: dict[tuple[Any, ...], int] = {}
            for row in rows:
                value = tuple(_unique_key(table.name, k, row[k]) for k in keys)
                if any(v is None for v in value):
                    continue
                if value in first:
                    problems.append(
                        _at(
                            row["__line"],
                            "repeats",
                            table=table.name,
                            columns=", ".join(keys),
                            value="/".join(map(str, value)),
                            first=first[value],
                        )
                    )
                else:
                    first[value] = row["__line"]


def _unique_key(table: str, column: str, value: Any) -> Any:
    """What makes a value unique: an email in any letter case is the same email."""
    if (table, column) in CASELESS and isinstance(value, str):
        return value.strip().lower()
    return value


def _check_meaning(
    tables: dict[str, list[dict[str, Any]]],
    document: JsonDocument,
    problems: list[str],
    layers: Collection[str] | None = None,
) -> None:
    """What the stores and the roster import refuse, though each value is well-formed:
    a manager cycle, a conversation of a kind its content does not define, a rating of an
    expectation the conversation's content does not hold or a score outside its scale, a
    text longer than anyone writes."""
    _check_managers(tables["person"], problems)
    for person in tables["person"]:
        line, who = person["__line"], person["id"]
        if not person["name"].strip():  # as the roster import and `people` refuse it
            problems.append(_at(line, "person.no_name", id=who))
        email = person["email"]
        if email is not None and not plausible_email(email):
            problems.append(_at(line, "person.email", id=who, email=email))
        elif email is not None and email != email.strip():
            # Stored as given, it would not be found again: a roster could add its owner twice.
            problems.append(_at(line, "person.spaces", id=who, email=email))
        for key in ("name", "email", "title", "unit"):
            found = with_control(person[key]) if isinstance(person[key], str) else None
            if found is not None:
                problems.append(_at(line, "person.control", id=who, column=key, char=found))
        if layers is not None and person["layer"] not in layers:
            choices = ", ".join(layers)
            layer = person["layer"]
            problems.append(_at(line, "person.layer", id=who, layer=layer, known=choices))
    snapshots = {row["id"]: row for row in tables["content_snapshot"]}
    for row in snapshots.values():
        if not snapshot_reads(row["texts"]):  # a plan of it could not be printed nor shown
            problems.append(_at(row["__line"], "snapshot", id=row["id"]))
    by_pack: dict[str, set[str]] = {}
    for row in snapshots.values():
        by_pack.setdefault(row["pack_hash"], set()).update(_expectation_ids(row["texts"]))
    conversations = {row["id"]: row for row in tables["conversation"]}
    for conversation in conversations.values():
        line, talk = conversation["__line"], conversation["id"]
        if conversation["language"] not in LANGUAGES:
            language = conversation["language"]
            languages = ", ".join(LANGUAGES)
            problems.append(
                _at(line, "conversation.language", id=talk, language=language, known=languages)
            )
        if conversation["step"] not in STEPS:
            problems.append(_at(line, "conversation.step", id=talk, step=conversation["step"]))
        kinds = _kinds(snapshots[conversation["snapshot_id"]]["texts"]) or set(CONVERSATION_KINDS)
        if conversation["kind"] not in kinds:
            problems.append(
                _at(
                    line,
                    "conversation.kind",
                    id=talk,
                    kind=conversation["kind"],
                    known=", ".join(sorted(kinds)),
                )
            )
    for pick in tables.get("card_pick", []):
        conversation = conversations[pick["conversation_id"]]
        cards = _card_ids(snapshots[conversation["snapshot_id"]]["texts"])
        if cards is not None and pick["card_id"] not in cards:
            problems.append(
                _at(
                    pick["__line"],
                    "card_pick.card",
                    id=pick["id"],
                    card=pick["card_id"],
                    conversation=conversation["id"],
                )
            )
    for erasure in tables.get("erasure", []):
        ids = erasure["erased_ids"]
        if not isinstance(ids, dict) or not all(
            isinstance(values, list) and all(type(v) is int for v in values)
            for values in ids.values()
        ):
            problems.append(_at(erasure["__line"], "erasure.ids", id=erasure["id"]))
    for rating in tables["rating"]:
        conversation = conversations[rating["conversation_id"]]
        snapshot = snapshots[conversation["snapshot_id"]]
        texts = snapshot["texts"]
        line, rated = rating["__line"], rating["id"]
        known = _expectation_ids(texts)
        # A conversation moved to another layer keeps its ratings of the old one (unused):
        # they are of the same pack, whose other snapshot is in the file.
        if known and rating["expectation_id"] not in by_pack.get(snapshot["pack_hash"], known):
            problems.append(
                _at(
                    line,
                    "rating.expectation",
                    id=rated,
                    expectation=rating["expectation_id"],
                    conversation=conversation["id"],
                )
            )
        scale = _scale(texts)
        score = rating["score"]
        if score is not None and (not 1 <= score <= 9 or (scale and score not in scale)):
            shown = ", ".join(map(str, sorted(scale))) if scale else "1-9"
            problems.append(_at(line, "rating.score", id=rated, score=score, scale=shown))
    raters = {row["id"]: row for row in tables.get("feedback_rater", [])}
    for answer in tables.get("feedback_answer", []):
        # A 360° answer is on its conversation's scale as the leader's own ratings are: 99
        # was imported and printed as a colleagues' average of 27.5 beside 1-5.
        rater = raters[answer["rater_id"]]
        scale = _scale(snapshots[conversations[rater["conversation_id"]]["snapshot_id"]]["texts"])
        score = answer["score"]
        if score is not None and (not 1 <= score <= 9 or (scale and score not in scale)):
            shown = ", ".join(map(str, sorted(scale))) if scale else "1-9"
            problems.append(
                _at(answer["__line"], "answer.score", id=answer["id"], score=score, scale=shown)
            )
    for table in TABLES:
        for column in table.columns:
            kind = column_type(column)
            if not isinstance(kind, String) or kind.length is not None:
                continue
            for row in tables[table.name]:
                value = row[column.name]
                if isinstance(value, str) and len(value) > MAX_TEXT:
                    field = f"{table.name}.{column.name}"
                    problems.append(_at(row["__line"], "too_long", field=field, n=MAX_TEXT))


def _check_managers(people: list[dict[str, Any]], problems: list[str]) -> None:
    """Nobody manages themself, directly or through others."""
    boss = {row["id"]: row["manager_id"] for row in people}
    line = {row["id"]: row["__line"] for row in people}
    reported: set[int] = set()
    for start in sorted(boss):
        seen: list[int] = []
        current: int | None = start
        while current is not None and current not in seen:
            seen.append(current)
            current = boss.get(current)
        if current is None or current in reported:
            continue
        loop = seen[seen.index(current) :]
        reported.update(loop)
        if len(loop) == 1:
            problems.append(_at(line[current], "own_manager", id=current))
        else:
            chain = " → ".join(str(i) for i in [*loop, loop[0]])
            problems.append(_at(line[current], "circle", chain=chain))


def _expectation_ids(texts: Any) -> set[str]:
    found = texts.get("expectations") if isinstance(texts, dict) else None
    if not isinstance(found, list):
        return set()
    return {e["id"] for e in found if isinstance(e, dict) and isinstance(e.get("id"), str)}


def _card_ids(texts: Any) -> set[str] | None:
    """The cards of a snapshot's deck (an empty set for a conversation without one), or None
    when the snapshot does not say (a hand-made one in the tests has no deck entry)."""
    if not isinstance(texts, dict) or "deck" not in texts:
        return None
    deck = texts["deck"]
    if deck is None:
        return set()
    cards = deck.get("cards") if isinstance(deck, dict) else None
    if not isinstance(cards, list):
        return None
    return {c["id"] for c in cards if isinstance(c, dict) and isinstance(c.get("id"), str)}


def _kinds(texts: Any) -> set[str]:
    """The kinds of conversation a snapshot's pack defines (none in an older snapshot,
    whose conversations are of the built-in kinds)."""
    found = texts.get("kinds") if isinstance(texts, dict) else None
    if not isinstance(found, list):
        return set()
    return {k["key"] for k in found if isinstance(k, dict) and isinstance(k.get("key"), str)}


def _scale(texts: Any) -> set[int]:
    scale = texts.get("scale") if isinstance(texts, dict) else None
    levels = scale.get("levels") if isinstance(scale, dict) else None
    if not isinstance(levels, list):
        return set()
    return {x["value"] for x in levels if isinstance(x, dict) and isinstance(x.get("value"), int)}


def _is_unique(constraint: Any) -> bool:
    from sqlalchemy import UniqueConstraint

    return isinstance(constraint, UniqueConstraint)


def import_rows(repo: Repository, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Write checked rows into an empty database in one transaction; counts per table.

    On PostgreSQL the id sequences are then moved past the highest id imported, so
    that the rows added later get ids of their own.
    """
    with repo.transaction() as tx:
        connection = tx.session.connection()  # type: ignore[union-attr]  # a transaction has its session
        for table in TABLES:
            count = connection.execute(select(sa_func.count()).select_from(table)).scalar()
            if count:
                raise UserError(
                    "the database is not empty: import into a new database (--db NEW.db)",
                    "not_empty",
                )
        counts = {}
        for table in TABLES:
            rows = [{k: v for k, v in row.items() if k != "__line"} for row in tables[table.name]]
            self_refs = [
                c.name
                for c in table.columns
                for k in c.foreign_keys
                if k.column.table.name == table.name
            ]
            if rows:
                first = [{**row, **dict.fromkeys(self_refs)} for row in rows]
                connection.execute(table.insert(), first)
                for column in self_refs:
                    updates = [row for row in rows if row[column] is not None]
                    for row in updates:
                        connection.execute(
                            table.update()
                            .where(table.c.id == row["id"])
                            .values({column: row[column]})
                        )
            counts[table.name] = len(rows)
        if connection.dialect.name == "postgresql":
            for table in TABLES:
                connection.exec_driver_sql(RESET_SEQUENCE_SQL.format(table=table.name))
    return counts
