"""Bad input everywhere (issue 7, guarantee 5): the roster CSV through `people import`.

Every example runs the real command line on a copy of a database that already
holds two people, and compares a full `export` before and after. A roster is
either imported whole (the people in the database are exactly the rows given)
or refused whole: exit 2, one `FILE:LINE: message` per problem, a count that
matches, and the database unchanged. Exit 1, a traceback or an error.log fail.

The rosters are generated with their defects known: a roster without defects
must import, and every defective row must be named by its own line number.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline_tui.core.roster import decode
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

PROFILE = settings.get_profile("reliability")  # registered in conftest.py
EXISTING = [  # already in the database before every import
    ("Dorte Dahl", "dorte.dahl@example.dk", "lead_function", None),
    ("Erik Eng", "erik.eng@example.dk", "lead_others", "dorte.dahl@example.dk"),
]
OPTIONAL = ("title", "unit", "manager_email")
ROW_DEFECTS = (
    "empty_name",
    "long_name",
    "bad_email",
    "dup_email",
    "db_email",
    "unknown_layer",
    "unknown_manager",
    "self_manager",
    "bad_manager_email",
    "extra_field",
    "missing_field",
    "long_title",
    "manager_cycle",
    "line_break",
)
BREAKS = re.compile(r"\r\n|\r|\n")
PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>.+)$")
SUMMARY = re.compile(r"^pipeline-tui: (\d+) problems? in .+: nothing was imported$")


def _layer_spellings() -> list[tuple[str, str]]:
    """(spelling, key) for every layer of the shipped pack: its key and its names."""
    spellings = []
    for layer in load_packs(None).default.layers:
        spellings.append((layer.key, layer.key))
        spellings.extend((name, layer.key) for name in layer.name.root.values())
    return spellings


LAYERS = _layer_spellings()

# Free text: anything a spreadsheet cell may hold (quotes, both delimiters, tabs, any
# script), except NUL, which makes the whole file refused (tested below), the other control
# characters, which refuse their line (test_control_characters.py), and line breaks, which
# refuse it too (a name, a title, a unit is one line: the `line_break` defect).
cell_text = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.just("\t")),
    max_size=30,
)
name_text = st.builds(
    lambda before, core, after: f"{before}{core}{after}",
    cell_text.map(lambda s: s[:10]),
    st.text(alphabet=st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=12),
    cell_text.map(lambda s: s[:10]),
)


@dataclass
class Row:
    name: str
    email: str
    title: str
    unit: str
    layer: str  # as written in the file
    layer_key: str
    manager: str  # as written in the file ("" for none)
    extra: list[str] = field(default_factory=list)  # values beyond the header's columns
    drop_last: bool = False  # one value fewer than the header's columns
    partner: int | None = None  # manager_cycle: the row this one manages, and is managed by
    defect: str | None = None


def random_case(draw, text: str) -> str:
    return draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))


def padded(draw, text: str) -> str:
    return draw(st.sampled_from(["", " ", "  "])) + text + draw(st.sampled_from(["", " ", "\t"]))


@st.composite
def rosters(draw, *, defects: bool = True) -> tuple[list[str], list[Row], str, str]:
    """(columns, rows, delimiter, line ending) of a roster, each row with at most one defect."""
    count = draw(st.integers(1, 7))
    rows: list[Row] = []
    for index in range(count):
        spelling, key = draw(st.sampled_from(LAYERS))
        rows.append(
            Row(
                name=draw(name_text),
                email=padded(draw, random_case(draw, f"person{index}@example.dk")),
                title=draw(cell_text),
                unit=draw(cell_text),
                layer=padded(draw, random_case(draw, spelling)),
                layer_key=key,
                manager="",
            )
        )
    # Managers: a rank order decides who may lead whom, so there are no circles;
    # a manager may come later in the file, or already be in the database.
    ranks = draw(st.permutations(range(count)))
    for index, row in enumerate(rows):
        above = [i for i in range(count) if ranks[i] < ranks[index]]
        choice = draw(st.sampled_from(["none", "file", "database"]))
        if choice == "file" and above:
            row.manager = random_case(draw, f"person{draw(st.sampled_from(above))}@example.dk")
        elif choice == "database":
            row.manager = random_case(draw, draw(st.sampled_from(EXISTING))[1])
    columns = ["name", "email", "layer", *draw(st.lists(st.sampled_from(OPTIONAL), unique=True))]
    if any(row.manager for row in rows) and "manager_email" not in columns:
        columns.append("manager_email")
    columns = draw(st.permutations(columns))
    if defects:
        chosen = draw(st.lists(st.integers(0, count - 1), unique=True, max_size=3))
        for index in sorted(chosen):
            _spoil(draw, rows, index, columns)
    delimiter = draw(st.sampled_from([",", ";"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))  # Unix, Windows, old Mac
    return list(columns), rows, delimiter, ending


def _spoil(draw, rows: list[Row], index: int, columns: list[str]) -> None:
    row = rows[index]
    options = list(ROW_DEFECTS)
    # A duplicate needs an earlier row whose email is read (a row with the wrong
    # number of fields is not read at all); a manager defect needs the column.
    sources = [r for r in rows[:index] if not (r.extra or r.drop_last)]
    if not sources:
        options.remove("dup_email")
    if "manager_email" not in columns:
        options = [o for o in options if "manager" not in o]
    if "title" not in columns:
        options.remove("long_title")
    # The partner is a later row, not spoiled yet and not already in another circle
    # (a second circle through it would overwrite the first one's manager).
    taken = {r.partner for r in rows[:index] if r.partner is not None}
    free = [j for j in range(index + 1, len(rows)) if j not in taken]
    if (not free or index in taken) and "manager_cycle" in options:
        options.remove("manager_cycle")
    defect = draw(st.sampled_from(options))
    row.defect = defect
    if defect == "empty_name":
        row.name = draw(st.sampled_from(["", "  ", "\t"]))
    elif defect == "long_name":
        row.name = "N" * draw(st.integers(201, 400))
    elif defect == "long_title":
        row.title = "T" * 201
    elif defect == "bad_email":
        row.email = draw(st.sampled_from(["", "no-at-sign", "a@b", "two@@example.dk", "a b@x.dk"]))
    elif defect == "dup_email":
        row.email = random_case(draw, draw(st.sampled_from(sources)).email.strip())
    elif defect == "db_email":
        row.email = random_case(draw, draw(st.sampled_from(EXISTING))[1])
    elif defect == "unknown_layer":
        row.layer = draw(st.sampled_from(["chief", "lead_nobody", "7", "Leder"]))
    elif defect == "unknown_manager":
        row.manager = f"nobody{index}@example.dk"
    elif defect == "self_manager":
        row.manager = row.email.strip()
    elif defect == "bad_manager_email":
        row.manager = draw(st.sampled_from(["boss", "boss@", "@example.dk"]))
    elif defect == "extra_field":
        # something past the headings (an empty cell there is one of Excel's empty columns
        # at the end, left out: tests/unit/core/test_roster.py)
        row.extra = [draw(name_text)]
    elif defect == "missing_field":
        row.drop_last = True
    elif defect == "line_break":  # a cell of several lines, in a column that is one line
        column = draw(st.sampled_from([c for c in ("name", "title", "unit") if c in columns]))
        value = getattr(row, column) or "x"
        at = draw(st.integers(0, len(value)))
        cut = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        setattr(row, column, f"{value[:at]}a{cut}b{value[at:]}")
    elif defect == "manager_cycle":
        row.partner = draw(st.sampled_from(free))
        partner = rows[row.partner]
        row.manager, partner.manager = partner.email.strip(), row.email.strip()


def csv_record(values: list[str], delimiter: str, ending: str) -> str:
    """One CSV record; a value holding CR or LF is quoted (the csv module quotes only the
    characters of its own line ending)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(values)
    return buffer.getvalue().removesuffix("\r\n") + ending


def render(columns: list[str], rows: list[Row], delimiter: str, ending: str) -> tuple[str, list]:
    """The CSV text and the line on which each row starts (the reader's line numbers)."""
    text = csv_record(columns, delimiter, ending)
    starts = []
    for row in rows:
        starts.append(len(BREAKS.findall(text)) + 1)
        values = {
            "name": row.name,
            "email": row.email,
            "title": row.title,
            "unit": row.unit,
            "layer": row.layer,
            "manager_email": row.manager,
        }
        record = [values[c] for c in columns] + row.extra
        text += csv_record(record[:-1] if row.drop_last else record, delimiter, ending)
    return text, starts


@pytest.fixture(scope="module")
def roster_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the two EXISTING people, copied for every example."""
    path = tmp_path_factory.mktemp("roster") / "template.db"
    repo = open_repository(str(path))
    try:
        ids: dict[str, int] = {}
        for name, email, layer, manager in EXISTING:
            person = repo.people.create(name, layer, email=email, manager_id=ids.get(manager))
            ids[email] = person.id
    finally:
        repo.close()
    return path


def export(run_cli, db: Path) -> str:
    result = run_cli("--db", db, "export")
    assert result.code == 0, result.err
    return result.out


def refused_lines(result, file: Path) -> list[int]:
    """The problem lines of a refusal, checked for form; the summary's count must match."""
    *problems, summary = result.err.rstrip("\n").split("\n")
    # "FILE: not UTF-8; read as ...": how the file was read, not a problem ("FILE:LINE: ...")
    problems = [text for text in problems if not text.startswith(f"{file}: ")]
    lines = []
    for text in problems:
        match = PROBLEM.match(text)
        assert match, f"not FILE:LINE: message: {text!r}"
        assert match["file"] == str(file)
        lines.append(int(match["line"]))
    counted = SUMMARY.match(summary)
    assert counted, summary
    assert int(counted[1]) == len(lines) >= 1
    return lines


def people_added(before: str, after: str) -> list[dict]:
    """The person rows in `after` that `before` did not have, managers as emails."""
    old = {row["id"] for row in json.loads(before)["tables"]["person"]}
    rows = json.loads(after)["tables"]["person"]
    email_of = {row["id"]: row["email"] for row in rows}
    return [
        {
            "name": row["name"],
            "email": row["email"],
            "title": row["title"],
            "unit": row["unit"],
            "layer": row["layer"],
            "manager": email_of[row["manager_id"]] if row["manager_id"] else None,
        }
        for row in rows
        if row["id"] not in old
    ]


def expected_people(columns: list[str], rows: list[Row]) -> list[dict]:
    return [
        {
            "name": row.name.strip(),
            "email": row.email.strip().lower(),
            "title": row.title.strip() if "title" in columns else "",
            "unit": row.unit.strip() if "unit" in columns else "",
            "layer": row.layer_key,
            "manager": row.manager.strip().lower() or None,
        }
        for row in rows
    ]


def _row(index: int, manager: str = "", **changes) -> Row:
    values = {"name": f"Person {index}", "email": f"person{index}@example.dk", "title": ""}
    values |= {"unit": "", "layer": "lead_self", "layer_key": "lead_self", "manager": manager}
    return Row(**(values | changes))


# Two people who manage each other (the third is fine): rare among random rosters.
CIRCLE = (
    ["name", "email", "layer", "manager_email"],
    [
        _row(0, "person2@example.dk", defect="manager_cycle", partner=2),
        _row(1),
        _row(2, "person0@example.dk"),
    ],
    ";",
    "\r\n",
)


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 100))
@given(roster=rosters(), dry_run=st.booleans(), bom=st.booleans())
@example(roster=CIRCLE, dry_run=False, bom=True)
def test_roster_imports_whole_or_is_refused_by_line(
    roster, dry_run, bom, run_cli, roster_template, scratch, copy_db, assert_no_crash
) -> None:
    """Bad input (roster CSV): a clean roster imports exactly; each bad row is named by line."""
    columns, rows, delimiter, ending = roster
    text, starts = render(columns, rows, delimiter, ending)
    folder = scratch()
    db = copy_db(roster_template, folder)
    file = folder / "roster.csv"
    file.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    before = export(run_cli, db)

    result = run_cli("--db", db, "people", "import", file, *(["--dry-run"] if dry_run else []))
    assert_no_crash(result)
    after = export(run_cli, db)
    defective = [(start, row) for start, row in zip(starts, rows, strict=True) if row.defect]
    if not defective:
        assert result.code == 0, result.err
        people = "1 person" if len(rows) == 1 else f"{len(rows)} people"
        if dry_run:
            assert after == before
            assert f"{people} can be imported" in result.out
        else:
            assert result.out.startswith(f"Imported {people} into")
            assert people_added(before, after) == expected_people(columns, rows)
        return
    assert result.code == 2, (result.out, result.err)
    assert after == before
    reported = refused_lines(result, file)
    for start, row in defective:
        # A circle is reported once, on one of its rows (or the partner has its own defect).
        lines = {start} if row.partner is None else {start, starts[row.partner]}
        assert lines & set(reported), (row.defect, lines, result.err)


# --- whole-file damage: encodings, headers, NUL, huge fields, random bytes -------------

ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-32"]


@st.composite
def damaged_rosters(draw) -> tuple[bytes, str, set[int] | None, list[Row], list[str]]:
    """(file bytes, damage, lines that must be reported or None, rows, columns)."""
    columns, rows, delimiter, ending = draw(rosters(defects=False))
    text, starts = render(columns, rows, delimiter, ending)
    damage = draw(
        st.sampled_from(
            [
                "encoding",
                "unknown_column",
                "missing_column",
                "duplicated_column",
                "nul",
                "huge_field",
                "no_header",
                "random_bytes",
                "bytes_inserted",
                "truncated",
            ]
        )
    )
    header_end = len(text.split(ending, 1)[0])
    if damage == "encoding":
        encoding = draw(st.sampled_from(ENCODINGS))
        data = text.encode(encoding, errors="replace")
        if data.removeprefix(b"\xef\xbb\xbf") == text.encode("utf-8"):
            return data, "clean", None, rows, columns  # the same bytes: must import
        if _roster_text(data) == text:
            return data, "clean", None, rows, columns  # Windows-1252 that says the same
        if _roster_text(data) is not None:
            return data, "misread", None, rows, columns  # read as other letters: no crash
        return data, damage, None, rows, columns  # refused, lines checked by the command
    if damage == "unknown_column":
        text = f"{text[:header_end]}{delimiter}department{text[header_end:]}"
        return text.encode(), damage, {1}, rows, columns
    if damage == "missing_column":
        gone = draw(st.sampled_from(["name", "email", "layer"]))
        kept = [c for c in columns if c != gone]
        rows_text, _ = render(kept, rows, delimiter, ending)
        return rows_text.encode(), damage, {1}, rows, columns
    if damage == "duplicated_column":
        again = draw(st.sampled_from(columns))
        text = f"{text[:header_end]}{delimiter}{again}{text[header_end:]}"
        return text.encode(), damage, {1}, rows, columns
    if damage == "nul":
        at = draw(st.integers(0, len(text)))
        line = len(BREAKS.findall(text[:at])) + 1
        return (text[:at] + "\x00" + text[at:]).encode(), damage, {line}, rows, columns
    if damage == "huge_field":
        index = draw(st.integers(0, len(rows) - 1))
        rows[index].name = "H" * 140_000  # beyond the csv module's field limit
        text, starts = render(columns, rows, delimiter, ending)
        return text.encode(), damage, {starts[index]}, rows, columns
    if damage == "no_header":
        blank = draw(st.sampled_from(["", "\n", " \r\n", "\ufeff", "\t\n\n"]))
        return blank.encode(), damage, {1}, rows, columns
    if damage == "random_bytes":
        return draw(st.binary(max_size=300)), damage, None, rows, columns
    data = text.encode()
    at = draw(st.integers(0, len(data)))
    if damage == "bytes_inserted":
        return (
            data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:],
            damage,
            None,
            rows,
            columns,
        )
    return data[:at], damage, None, rows, columns


@PROFILE
@given(damaged=damaged_rosters())
def test_damaged_roster_files_are_refused_cleanly(
    damaged, run_cli, roster_template, scratch, copy_db, assert_no_crash
) -> None:
    """Bad input (roster CSV): wrong encodings, bad headers, NUL, huge fields, random bytes."""
    data, damage, must_report, rows, columns = damaged
    folder = scratch()
    db = copy_db(roster_template, folder)
    file = folder / "roster.csv"
    file.write_bytes(data)
    before = export(run_cli, db)

    result = run_cli("--db", db, "people", "import", file)
    assert_no_crash(result)
    after = export(run_cli, db)
    if damage == "clean":
        assert result.code == 0, result.err
        assert people_added(before, after) == expected_people(columns, rows)
        return
    if damage == "misread":  # another encoding read as Windows-1252: imports or is refused
        assert result.code == 0 or after == before
        return
    if result.code == 0:  # random damage that still left a readable roster
        assert damage in ("random_bytes", "bytes_inserted", "truncated"), damage
        added = people_added(before, after)
        assert result.out.startswith(f"Imported {len(added)} people")
        text = _roster_text(data)
        assert text is not None and all(person["name"] in text for person in added)
        return
    assert after == before
    reported = refused_lines(result, file)
    if must_report is not None:
        assert must_report <= set(reported), (damage, must_report, result.err)
    if damage == "encoding" and not data.startswith(tuple(BOMS)):
        bad = [  # the lines neither UTF-8 nor Windows-1252 read
            number
            for number, raw in enumerate(re.split(rb"\r\n|\r|\n", data), start=1)
            if not _is_utf8(raw, first=number == 1) and not _is_cp1252(raw)
        ]
        assert set(bad) <= set(reported) and bad, (bad, result.err)


BOMS = {
    b"\xff\xfe\x00\x00": "utf-32-le",
    b"\x00\x00\xfe\xff": "utf-32-be",
    b"\xff\xfe": "utf-16-le",
    b"\xfe\xff": "utf-16-be",
}


def _roster_text(data: bytes) -> str | None:
    """The text as the importer reads it: UTF-32 or UTF-16 by its byte order mark; UTF-8 (a
    BOM allowed); else line by line, UTF-8 or Windows-1252 (`core.roster.decode`, whose rules
    for such a file tests/unit/cli/test_cli_roster_encodings.py tests)."""
    for bom, codec in BOMS.items():  # the longer marks first
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode(data, "cli.roster.not_text").text


def _is_utf8(raw: bytes, *, first: bool) -> bool:
    try:
        raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_cp1252(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def test_a_mac_roster_in_latin_1_is_read_as_windows_1252(
    run_cli, roster_template, scratch, copy_db, assert_no_crash
) -> None:
    """Roster CSV: a Mac CSV (CR line ends, Latin-1) imports with its æøå intact, and the
    command says which encoding it read."""
    folder = scratch()
    db = copy_db(roster_template, folder)
    file = folder / "mac.csv"
    text = (
        "name;email;layer\r"
        "Åse Møller;aase@example.dk;lead_self\r"
        "Bo Berg;bo@example.dk;lead_self\r"
        "Søren Ærø;soren@example.dk;lead_self\r"
    )
    file.write_bytes(text.encode("latin-1"))
    before = export(run_cli, db)
    result = run_cli("--db", db, "people", "import", file)
    assert_no_crash(result)
    assert result.code == 0, result.err
    assert "Windows-1252" in result.err
    added = {person["name"] for person in people_added(before, export(run_cli, db))}
    assert added == {"Åse Møller", "Bo Berg", "Søren Ærø"}
