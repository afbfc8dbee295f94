"""Bad input everywhere (issue 7, guarantee 5): the JSON import through `pipeline-tui import`.

Each example takes a real export of a database with something in every table
(self-references, a signed plan, an erasure record, texts in several scripts),
changes it, and imports the result through the real command line into a copy
of an empty database. Either the import is clean, and a new `export` holds
exactly the rows of the file, or it is refused: exit 2, one `line N: ...` per
problem, the line of the broken row among them, and the database still empty.
Exit 1, a traceback or an error.log fail.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.types import TypeDecorator

from pipeline_tui.core.roster import BOMS
from pipeline_tui.records import ContentRef
from pipeline_tui.store import models
from pipeline_tui.store.privacy import erase_person
from pipeline_tui.store.repository import open_repository
from pipeline_tui.store.transfer import MAX_TEXT, export_lines

PROFILE = settings.get_profile("reliability")  # registered in conftest.py
TABLES = {model.__tablename__: model.__table__ for model in models.TABLES}
CHOICE_COLUMNS = {
    ("conversation", "kind"),
    ("conversation", "status"),
    ("rating", "rater"),
    ("card_pick", "picked_by"),
    ("goal", "status"),
    ("action", "kind"),
}
PROBLEM = re.compile(r"^line (\d+): \S")
HEADER = "pipeline-tui: the file was not imported:"
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
SURROGATE = "\ud800"
# What an edit may put in a text and still import: no NUL (PostgreSQL's text holds none);
# in a person's name, title or unit no control character, and a name not blank (as a roster).
VALID_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
PERSON_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def kind_of(column) -> Any:
    kind = column.type
    return kind.impl if isinstance(kind, TypeDecorator) else kind


def unique_columns(table) -> set[str]:
    found = {c.name for c in table.columns if c.unique or c.primary_key}
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            found.update(constraint.columns.keys())
    return found


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An export with rows in every table, made by the program from a real database."""
    path = tmp_path_factory.mktemp("json-import") / "rich.db"
    repo = open_repository(str(path))
    try:
        people = repo.people
        boss = people.create("Mette Holm", "lead_leaders", email="mette@example.dk", unit="Ø")
        leader = people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=boss.id
        )
        people.create("Jonas 👩🏽‍⚕️ Friis", "lead_self", manager_id=leader.id)
        gone = people.create("Bo Kort", "lead_self", email="bo@example.dk")
        content = ContentRef(
            pack_id="default",
            pack_version="1.0.0",
            pack_hash="c" * 64,
            layer="lead_others",
            deck_id="lus",
            texts={"layer": {"key": "lead_others", "name": {"da": "Leder af medarbejdere"}}},
            always_included=("lus.wellbeing",),
        )
        talks, plans = repo.conversations, repo.plans
        first = talks.start(
            leader.id,
            kind="lus",
            held_on=date(2026, 3, 2),
            content=content,
            conducted_by=boss.name,
            conductor_id=boss.id,
        )
        talks.set_rating(first.id, "lead_others.delegation", "self", score=2)
        talks.set_rating(first.id, "lead_others.feedback", "manager", not_observed=True)
        talks.set_rating_comment(first.id, "lead_others.delegation", "self", "עברית · ‏العربية")
        pick = talks.pick_card(first.id, "lus.delegation", "self")
        talks.set_card_text(pick.id, "notes", "Vagtplanen\ntager to dage")
        talks.set_card_played(pick.id)
        plans.update(first.id, summary="Et år", follow_up_on=date(2026, 9, 1))
        goal = plans.add_goal(
            first.id, "Uddeleger", expectation_ids=["lead_others.delegation"], card_ids=["x"]
        )
        plans.add_action(goal.id, "Lær dem op", owner="Anna", due_on=date(2026, 4, 1))
        plans.sign(first.id, "person")
        plans.sign(first.id, "conductor")
        second = talks.start(leader.id, kind="lus", held_on=date(2027, 3, 1), content=content)
        plans.add_goal(second.id, "Helt", carried_from_id=goal.id)
        plans.review_goal(goal.id, "partly", "Halvvejs", in_conversation_id=second.id)
        erase_person(repo.engine, gone.id)
        return json.loads("".join(export_lines(repo.engine)))
    finally:
        repo.close()


def dumps_row(row: Any) -> str:
    text = json.dumps(row, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate can only be written escaped
        text = json.dumps(row)
    return text


def render(doc: dict[str, Any], duplicate_key: tuple[str, int, str] | None = None):
    """The document laid out like `export` (one row per line), and each row's line."""
    lines = ["{"]
    for key, value in doc.items():
        if key != "tables":
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    where: dict[tuple[str, int], int] = {}
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        lines.append(f'  "tables": {json.dumps(tables)}')
    else:
        lines.append('  "tables": {')
        for index, (name, rows) in enumerate(tables.items()):
            comma = "," if index < len(tables) - 1 else ""
            if not isinstance(rows, list) or not rows:
                lines.append(f"    {json.dumps(name)}: {json.dumps(rows)}{comma}")
                continue
            lines.append(f"    {json.dumps(name)}: [")
            for number, row in enumerate(rows):
                where[(name, number)] = len(lines) + 1
                text = dumps_row(row)
                if duplicate_key is not None and duplicate_key[:2] == (name, number):
                    key = duplicate_key[2]
                    text = "{" + f"{json.dumps(key)}: {dumps_row(row[key])}, " + text[1:]
                lines.append(f"      {text}{',' if number < len(rows) - 1 else ''}")
            lines.append(f"    ]{comma}")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n", where


def wrong_values(table_name: str, column) -> list[Any]:
    """Values of the wrong type or out of range for `column`; each must be refused."""
    kind = kind_of(column)
    wrong: list[Any] = []
    if not column.nullable:
        wrong.append(None)
    if (table_name, column.name) == ("conversation", "kind"):  # any key of a pack's kinds
        return [*wrong, "Bogus kind!", 3]
    if (table_name, column.name) in CHOICE_COLUMNS:
        return [*wrong, "bogus", 3]
    if isinstance(kind, Boolean):
        return [*wrong, 0, 1, "true", []]
    if isinstance(kind, Integer):
        return [*wrong, "7", 7.5, True, [], {}, 2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 10**40]
    if isinstance(kind, DateTime):
        return [
            *wrong,
            "yesterday",
            5,
            "",
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:59:59-05:00",
        ]
    if isinstance(kind, Date):
        return [*wrong, "2026-02-30", "2026-1-1", 20260101, "", "2026-01-01T10:00:00"]
    if isinstance(kind, JSON):
        return (
            [*wrong, "a", 1, [1], {"a": 1}]
            if table_name == "goal" and column.name.endswith("_ids")  # lists of ids
            else [*wrong, [], "x"]
        )
    if isinstance(kind, String):
        wrong += [5, True, [], {}, SURROGATE, f"ok {SURROGATE} no"]
        if kind.length is not None:
            wrong.append("x" * (kind.length + 1))
        return wrong
    raise AssertionError(f"no wrong values for {table_name}.{column.name}")


def filled_rows(doc: dict[str, Any]) -> list[tuple[str, int]]:
    return [(name, i) for name, rows in doc["tables"].items() for i in range(len(rows))]


@st.composite
def changed_documents(draw, base: dict[str, Any]):
    """(document, duplicate key or None, change, line that must be reported or None)."""
    doc = copy.deepcopy(base)
    tables = doc["tables"]
    table_name, index = draw(st.sampled_from(filled_rows(doc)))
    table, row = TABLES[table_name], tables[table_name][index]
    column = draw(st.sampled_from(list(table.columns)))
    change = draw(
        st.sampled_from(
            [
                "valid_text",
                "valid_null",
                "huge_text",
                "wrong_value",
                "drop_column",
                "unknown_column",
                "duplicate_row",
                "broken_reference",
                "duplicate_key",
                "not_an_object",
                "top_level",
            ]
        )
    )
    duplicate = None
    target: tuple[str, int] | None = (table_name, index)
    editable = [
        c
        for c in table.columns
        if isinstance(kind_of(c), String)
        and not c.foreign_keys
        and c.name not in unique_columns(table)
        and (table_name, c.name) not in CHOICE_COLUMNS
    ]
    if change in ("valid_text", "huge_text") and editable:
        column = draw(st.sampled_from(editable))
        limit = kind_of(column).length
        if change == "huge_text" and limit is None:  # longer than anyone writes: refused
            row[column.name] = draw(TEXT) * 10 + "x" * (MAX_TEXT + 1)
            return doc, None, "too_long", target
        else:
            text = VALID_TEXT
            if table_name == "person":
                text = PERSON_TEXT.filter(str.strip) if column.name == "name" else PERSON_TEXT
            row[column.name] = draw(text)[: limit or None]
        return doc, None, "valid", None
    if change == "valid_null" and column.nullable:
        row[column.name] = None
        return doc, None, "valid", None
    if change in ("valid_text", "huge_text", "valid_null", "wrong_value"):
        row[column.name] = draw(st.sampled_from(wrong_values(table_name, column)))
    elif change == "drop_column":
        del row[column.name]
    elif change == "unknown_column":
        row[draw(st.sampled_from(["favourite_colour", "", "ID", "name "]))] = draw(TEXT)
    elif change == "duplicate_row":
        tables[table_name].append(copy.deepcopy(row))
        target = (table_name, len(tables[table_name]) - 1)
    elif change == "broken_reference":
        keys = [c for c in table.columns if c.foreign_keys]
        if not keys:
            row["id"] = "one"
        else:
            column = draw(st.sampled_from(keys))
            referred = next(iter(column.foreign_keys)).column.table.name
            row[column.name] = max((r["id"] for r in tables[referred]), default=0) + 1000
    elif change == "duplicate_key":
        duplicate = (table_name, index, column.name)
    elif change == "not_an_object":
        tables[table_name][index] = draw(st.sampled_from([5, "row", [], None, True]))
    else:
        target = None
        what = draw(st.sampled_from(["key", "version", "table", "tables", "list", "revision"]))
        if what == "key":
            doc["exported_by"] = "someone"
        elif what == "version":
            doc["format_version"] = draw(st.sampled_from([2, "1", None, 1.5]))
        elif what == "revision":
            doc["schema_revision"] = draw(st.sampled_from(["9999", 2, None]))
        elif what == "table":
            tables["people"] = []
        elif what == "tables":
            doc["tables"] = draw(st.sampled_from([[], "all", None]))
        else:
            tables[table_name] = {"rows": tables[table_name]}
    return doc, duplicate, change, target


def normalised(tables: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Tables as `export` writes them: every table, rows by id, times as UTC."""
    result = {}
    for name, table in TABLES.items():
        rows = [dict(row) for row in tables.get(name, [])]
        for row in rows:
            for column in table.columns:
                value = row.get(column.name)
                if isinstance(kind_of(column), DateTime) and isinstance(value, str):
                    moment = datetime.fromisoformat(value)
                    moment = moment.replace(tzinfo=moment.tzinfo or UTC)
                    row[column.name] = moment.astimezone(UTC).isoformat()
        result[name] = sorted(rows, key=lambda r: r["id"])
    return result


def run_import(run_cli, scratch, copy_db, template: Path, data: bytes):
    folder = scratch()
    db = copy_db(template, folder)
    file = folder / "import.json"
    file.write_bytes(data)
    empty = run_cli("--db", db, "export")
    result = run_cli("--db", db, "import", file)
    after = run_cli("--db", db, "export")
    assert empty.code == after.code == 0, (empty.err, after.err)
    return result, empty.out, after.out


def refused_lines(result) -> list[int]:
    """The line numbers of a refusal; every problem must have one."""
    head, *problems = result.err.rstrip("\n").split("\n")
    assert head == HEADER, result.err
    problems = [p for p in problems if not p.startswith("... and ")]
    assert problems, result.err
    lines = []
    for problem in problems:
        match = PROBLEM.match(problem)
        assert match, f"a problem without its line: {problem!r}"
        lines.append(int(match[1]))
    return lines


@PROFILE
@given(data=st.data())
def test_changed_exports_import_exactly_or_are_refused_by_line(
    data, exported, run_cli, empty_db_template, scratch, copy_db, assert_no_crash
) -> None:
    """Bad input (JSON import): changed rows import exactly or are refused by their line."""
    doc, duplicate, change, target = data.draw(changed_documents(exported))
    text, where = render(doc, duplicate)
    result, empty, after = run_import(
        run_cli, scratch, copy_db, empty_db_template, text.encode("utf-8")
    )
    assert_no_crash(result)
    if change == "valid":
        assert result.code == 0, result.err[-3000:]
        assert normalised(json.loads(after)["tables"]) == normalised(doc["tables"])
        return
    assert result.code == 2, (change, result.out)
    assert after == empty
    reported = refused_lines(result)
    if target is not None:
        assert where[target] in reported, (change, target, where[target], result.err[-3000:])
    else:
        assert reported


@st.composite
def damaged_bytes(draw, base: dict[str, Any]) -> tuple[bytes, str]:
    text, _ = render(base)
    data = text.encode("utf-8")
    damage = draw(st.sampled_from(["truncated", "line_cut", "inserted", "replaced", "encoding"]))
    at = draw(st.integers(0, len(data)))
    if damage == "truncated":
        return data[:at], damage
    if damage == "line_cut":
        lines = text.split("\n")
        number = draw(st.integers(0, len(lines) - 1))
        keep = draw(st.integers(0, max(len(lines[number]) - 1, 0)))
        lines[number] = lines[number][:keep]
        return "\n".join(lines).encode("utf-8"), damage
    if damage == "inserted":
        junk = draw(st.binary(min_size=1, max_size=16) | TEXT.map(str.encode))
        return data[:at] + junk + data[at:], damage
    if damage == "replaced":
        junk = draw(st.binary(min_size=1, max_size=8))
        return data[:at] + junk + data[at + len(junk) :], damage
    encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]))
    return text.encode(encoding, errors="replace"), damage


def as_text(data: bytes) -> str:
    """A file's bytes as `import` reads them: UTF-16 or UTF-32 by a byte order mark (an
    export saved again as "Unicode"), else UTF-8 with or without its BOM."""
    for mark, codec, _name in BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(codec)
    return data.decode("utf-8-sig")


@PROFILE
@given(data=st.data())
def test_damaged_export_files_are_refused_cleanly(
    data, exported, run_cli, empty_db_template, scratch, copy_db, assert_no_crash
) -> None:
    """Bad input (JSON import): truncated files and lines, random bytes, other encodings."""
    damaged, damage = data.draw(damaged_bytes(exported))
    result, empty, after = run_import(run_cli, scratch, copy_db, empty_db_template, damaged)
    assert_no_crash(result)
    if result.code == 0:  # the damage left valid JSON (e.g. inside a text, or trailing space)
        parsed = json.loads(as_text(damaged))
        assert normalised(json.loads(after)["tables"]) == normalised(parsed["tables"])
        return
    assert after == empty, damage
    refused_lines(result)
