"""Reading an HR roster (CSV) into people to add, or into problems by line.

The whole file is checked before anything is written: a roster imports
completely or not at all. Rosters come out of spreadsheets, so what they save
is accepted: UTF-8 with or without a BOM, else Windows-1252 (Danish Excel's
"CSV (semikolonsepareret)"), and the encoding used is reported; a comma,
semicolon or tab between fields, taken from the header line or from Excel's
`sep=;` first line; the column names in English or in Danish.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline_tui.texts import Phrase
from pipeline_tui.vocabulary import with_control

if TYPE_CHECKING:
    from _csv import Reader as _reader

COLUMNS = ("name", "email", "title", "unit", "layer", "manager_email")
# The Danish column names, as a Danish HR system or spreadsheet writes them.
DANISH_COLUMNS = {
    "navn": "name",
    "e-mail": "email",
    "mail": "email",
    "titel": "title",
    "stilling": "title",
    "enhed": "unit",
    "afdeling": "unit",
    "lag": "layer",
    "niveau": "layer",  # the word the app and the printed plan use for the layer
    "ledelsesniveau": "layer",
    "leder_email": "manager_email",
    "leder_e-mail": "manager_email",
    "leder-email": "manager_email",
    "lederens e-mail": "manager_email",
    "lederens email": "manager_email",
    "leders e-mail": "manager_email",
    "leders email": "manager_email",
}
DANISH_NAMES = ("navn", "email", "titel", "enhed", "lag", "leder_email")
DELIMITERS = (",", ";", "\t")
SEP_LINE = re.compile(r'^"?sep=(.)"?\s*$', re.IGNORECASE)
REQUIRED = ("name", "email", "layer")
MAX_LENGTHS = {"name": 200, "email": 320, "title": 200, "unit": 200, "layer": 64}
EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")
# Where a line ends, as the csv reader counts lines (a Mac CSV ends its lines with CR alone).
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class RosterProblem:
    """A problem on a line: `message` is a catalog `Phrase` (English as a string), which the
    command line says in the language asked."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class RosterEntry:
    line: int
    name: str
    email: str
    title: str
    unit: str
    layer: str
    manager_email: str | None


@dataclass
class Roster:
    entries: list[RosterEntry] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)
    encoding: str = "UTF-8"

    @property
    def ok(self) -> bool:
        return not self.problems


def _decode(data: bytes) -> tuple[str | None, str, list[int]]:
    """The text, the encoding it was read in, and the lines that cannot be read in any."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "UTF-8 with BOM", []
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "UTF-8", []
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("cp1252"), "Windows-1252", []
        except UnicodeDecodeError:
            pass
    unreadable = []
    for number, raw in enumerate(re.split(rb"\r\n|\r|\n", data), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            unreadable.append(number)
    return None, "", unreadable


def _delimiter(header: str) -> str:
    """The delimiter the header line uses most (a comma when none is used)."""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _named(column: str) -> Phrase:
    """A column, as a problem names it (in Danish by its Danish name)."""
    return Phrase(f"cli.roster.column.{column}")


def _column(name: str) -> str:
    name = name.strip().lower()
    return DANISH_COLUMNS.get(name, name)


def read_roster(
    data: bytes,
    layers: Mapping[str, str],
    existing_emails: Callable[[Iterable[str]], set[str]],
) -> Roster:
    """Check a roster file.

    `layers` maps every accepted spelling of a layer (its key, and its name in
    each language, lower-cased) to the layer key; `existing_emails` returns
    which of the given emails are already in the database.
    """
    roster = Roster()
    text, roster.encoding, unreadable = _decode(data)
    if text is None:
        roster.problems.extend(RosterProblem(n, Phrase("cli.roster.not_text")) for n in unreadable)
        return roster
    if "\x00" in text:
        line = len(LINE_BREAK.findall(text, 0, text.index("\x00"))) + 1
        roster.problems.append(RosterProblem(line, Phrase("cli.csv.nul")))
        return roster
    lines = text.splitlines()
    sep = SEP_LINE.match(lines[0]) if lines else None
    header_line = 2 if sep else 1
    if len(lines) < header_line or not lines[header_line - 1].strip():
        expected = ", ".join(COLUMNS)
        roster.problems.append(
            RosterProblem(header_line, Phrase("cli.csv.no_header", expected=expected))
        )
        return roster
    delimiter = sep.group(1) if sep else _delimiter(lines[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        if sep:
            next(reader)  # Excel's "sep=;" line: it only names the delimiter
        header = [_column(h) for h in next(reader)]
    except csv.Error as exc:
        roster.problems.append(
            RosterProblem(header_line, Phrase("cli.csv.header_broken", error=str(exc)))
        )
        return roster
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or duplicated:
        found = column_problems(unknown, missing, duplicated)
        expected = ", ".join(COLUMNS)
        danish = ";".join(DANISH_NAMES)
        roster.problems.append(
            RosterProblem(
                header_line,
                Phrase("cli.roster.columns", problems=found, expected=expected, danish=danish),
            )
        )
        return roster
    rejected = _read_rows(reader, header, layers, roster)
    if rejected is not None:
        _check_references(roster, existing_emails, rejected)
    roster.problems.sort(key=lambda p: p.line)
    return roster


def column_problems(unknown: list[str], missing: list[str], twice: list[str]) -> tuple[Phrase, ...]:
    """What is wrong with a header's columns (a roster's, a feedback file's)."""
    parts = []
    if unknown:
        parts.append(Phrase("cli.csv.unknown_columns", names=", ".join(map(repr, unknown))))
    if missing:
        parts.append(Phrase("cli.csv.missing_columns", names=", ".join(missing)))
    if twice:
        parts.append(Phrase("cli.csv.twice_columns", names=", ".join(twice)))
    return tuple(parts)


def _read_rows(
    reader: _reader,
    header: list[str],
    layers: Mapping[str, str],
    roster: Roster,
) -> list[tuple[int, str]] | None:
    """Check each row; returns (line, email) of the rows refused, or None if the CSV broke.

    The refused rows' emails still count for duplicates and as managers, so a
    problem on one line does not hide, or invent, problems on others.
    """
    known = ", ".join(sorted(set(layers.values())))
    rejected: list[tuple[int, str]] = []
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return rejected
        except csv.Error as exc:
            # Reported where the broken row starts: an unclosed quote is only noticed at the end.
            roster.problems.append(RosterProblem(line, Phrase("cli.csv.broken", error=str(exc))))
            return None
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            fields = Phrase("cli.csv.fields", n=len(values), expected=len(header))
            roster.problems.append(RosterProblem(line, fields))
            continue
        row = {key: value.strip() for key, value in zip(header, values, strict=True)}
        before = len(roster.problems)
        for key in REQUIRED:
            if not row.get(key):
                roster.problems.append(
                    RosterProblem(line, Phrase("cli.roster.empty", column=_named(key)))
                )
        for key, limit in MAX_LENGTHS.items():
            if len(row.get(key, "")) > limit:
                too_long = Phrase("cli.roster.too_long", column=_named(key), limit=limit)
                roster.problems.append(RosterProblem(line, too_long))
        for key in ("name", "email", "title", "unit", "manager_email"):
            found = with_control(row.get(key, ""))
            if found is not None:
                control = Phrase("cli.roster.control", column=_named(key), char=found)
                roster.problems.append(RosterProblem(line, control))
        email = row.get("email", "").lower()
        if email and not EMAIL.match(email):
            bad = Phrase("cli.roster.bad_email", email=row["email"])
            roster.problems.append(RosterProblem(line, bad))
        layer_text = row.get("layer", "")
        layer = layers.get(layer_text.lower())
        if layer_text and layer is None:
            unknown = Phrase("cli.roster.unknown_layer", layer=layer_text, known=known)
            roster.problems.append(RosterProblem(line, unknown))
        manager = row.get("manager_email", "").lower() or None
        if manager and not EMAIL.match(manager):
            bad = Phrase("cli.roster.bad_manager_email", email=manager)
            roster.problems.append(RosterProblem(line, bad))
        if manager and manager == email:
            roster.problems.append(RosterProblem(line, Phrase("cli.roster.own_manager")))
        if len(roster.problems) != before:
            if email:
                rejected.append((line, email))
        else:
            roster.entries.append(
                RosterEntry(
                    line=line,
                    name=row["name"],
                    email=email,
                    title=row.get("title", ""),
                    unit=row.get("unit", ""),
                    layer=layer or "",
                    manager_email=manager,
                )
            )


def _check_references(
    roster: Roster,
    existing_emails: Callable[[Iterable[str]], set[str]],
    rejected: list[tuple[int, str]],
) -> None:
    first_line: dict[str, int] = {}
    for line, email in sorted([(e.line, e.email) for e in roster.entries] + rejected):
        if email in first_line:
            twice = Phrase("cli.roster.duplicate", email=email, first=first_line[email])
            roster.problems.append(RosterProblem(line, twice))
        else:
            first_line[email] = line
    in_db = existing_emails(list(first_line))
    for email, line in first_line.items():
        if email in in_db:
            roster.problems.append(RosterProblem(line, Phrase("cli.roster.stored", email=email)))
    managers = {e.manager_email for e in roster.entries if e.manager_email}
    known_managers = set(first_line) | existing_emails(managers - set(first_line))
    for entry in roster.entries:
        if entry.manager_email and entry.manager_email not in known_managers:
            missing = Phrase("cli.roster.no_manager", email=entry.manager_email)
            roster.problems.append(RosterProblem(entry.line, missing))
    _check_cycles(roster)


def _check_cycles(roster: Roster) -> None:
    boss = {e.email: e.manager_email for e in roster.entries if e.manager_email}
    line = {e.email: e.line for e in roster.entries}
    reported: set[str] = set()
    for start in boss:
        seen = [start]
        current = boss.get(start)
        while current is not None and current not in seen:
            seen.append(current)
            current = boss.get(current)
        if current == start and start not in reported:
            reported.update(seen)
            chain = " → ".join([*seen, start])
            roster.problems.append(
                RosterProblem(line[start], Phrase("cli.roster.circle", chain=chain))
            )
