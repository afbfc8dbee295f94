"""Reading an HR roster (CSV) into people to add, or into problems by line.

The whole file is checked before anything is written: a roster imports
completely or not at all. Rosters come out of spreadsheets, so what they save
is accepted: UTF-8 with or without a BOM, else Windows-1252 (Danish Excel's
"CSV (semikolonsepareret)"), and the encoding used is reported; UTF-16 (or
UTF-32) by its byte order mark (Excel's "Unicode text"); a file of both UTF-8
and Windows-1252 lines (rows pasted or appended from another export) line by
line, naming the lines read as Windows-1252 (`decode`); a comma,
semicolon or tab between fields, taken from the header line or from Excel's
`sep=;` first line; the column names in English or in Danish.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline_tui.core.addresses import plausible_email
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
DANISH_NAMES = ("navn", "email", "titel", "enhed", "niveau", "leder_email")
DELIMITERS = (",", ";", "\t")
SEP_LINE = re.compile(r'^"?sep=(.)"?\s*$', re.IGNORECASE)
REQUIRED = ("name", "email", "layer")
MAX_LENGTHS = {"name": 200, "email": 320, "title": 200, "unit": 200, "layer": 64}
# Where a line ends, as the csv reader counts lines (a Mac CSV ends its lines with CR alone).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
Checked = tuple[int, str, str | None]  # (line, email, manager email) of a row read


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
    windows_lines: tuple[int, ...] = ()  # read as Windows-1252 in a file mostly UTF-8

    @property
    def ok(self) -> bool:
        return not self.problems


# Byte order marks, the longer first (UTF-32 LE's begins with UTF-16 LE's).
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 BE"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 BE"),
)
# Files a person may give instead of the CSV saved from them: a workbook (.xlsx and .ods
# are ZIP archives, an old .xls an OLE2 compound file) or a PDF.
DOCUMENTS = (
    (b"PK\x03\x04", "workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "workbook"),
    (b"%PDF-", "pdf"),
)
UTF8_BOM = b"\xef\xbb\xbf"
# What many HR and survey systems save as "Excel" (.xls): a web page holding a table, or
# Excel 2003's XML spreadsheet; text, but markup, not rows.
MARKUP = (b"<html", b"<!doctype html", b"<table", b"<?xml")
RAW_LINE_BREAK = re.compile(rb"(\r\n|\r|\n)")
WINDOWS_1252 = "Windows-1252"
MIXED = "UTF-8 and Windows-1252"


@dataclass(frozen=True)
class Decoded:
    """A file's bytes as text (None: it cannot be read, `problems` say where and why), the
    encoding it was read in and, in a file of both UTF-8 and Windows-1252 lines, the lines
    read as Windows-1252."""

    text: str | None
    encoding: str
    problems: tuple[tuple[int, Phrase], ...] = ()
    windows_lines: tuple[int, ...] = ()


def _latin(text: str) -> bool:
    """Whether `text` is what a roster written in a Latin script holds: letters with their
    accents (Latin-1, Latin Extended, combining accents), punctuation and symbols, a BOM.

    A line of Windows-1252 is now and then valid UTF-8 by accident: a capital letter before
    a symbol ("Ø" and a non-breaking space, 0xD8 0xA0, is Arabic U+0620 in UTF-8). Read as
    UTF-8 such bytes are another script, so in a file of both encodings a line that would
    be another script is read as Windows-1252."""
    return all(
        c < "\x80"
        or "\xa0" <= c < "\u0370"
        or "\u1e00" <= c < "\u1f00"
        or "\u2000" <= c < "\u2c00"
        or c == "\ufeff"
        for c in text
    )


def decode(data: bytes, not_text: str) -> Decoded:
    """Read a CSV file's bytes as a spreadsheet saves them.

    UTF-32 or UTF-16 when the file starts with its byte order mark (Excel's "Unicode
    text"); else UTF-8 (with or without a BOM) when the whole file is UTF-8; else line by
    line: a line that is UTF-8 as UTF-8, any other as Windows-1252. Danish letters in
    Windows-1252 are never UTF-8 (ø is 0xF8, a byte UTF-8 never holds before an ASCII
    letter), so a file pasted together from both (a row pasted from Excel's Danish CSV into
    a UTF-8 roster, two exports appended) keeps "Søren" whichever line he is on; it was read
    whole as Windows-1252, and "Søren" of the UTF-8 lines became "SÃ¸ren". A file without
    a UTF-8 letter (nor a BOM) is Windows-1252 throughout, as Danish Excel saves it. A line
    neither encoding reads is a problem (`not_text`, the catalog key that says so). A
    spreadsheet workbook or a PDF given instead of its CSV is said to be one, and so is a
    web page or an XML spreadsheet (an "Excel" export that is markup).
    """
    for mark, what in DOCUMENTS:
        if data.startswith(mark):
            return Decoded(None, "", ((1, Phrase(f"cli.csv.{what}")),))
    if data.removeprefix(UTF8_BOM).lstrip()[:16].lower().startswith(MARKUP):
        return Decoded(None, "", ((1, Phrase("cli.csv.markup")),))
    for mark, codec, name in BOMS:
        if data.startswith(mark):
            body = data[len(mark) :]
            try:
                return Decoded(body.decode(codec), name)
            except UnicodeDecodeError as exc:
                before = body[: exc.start].decode(codec, errors="replace")
                line = len(LINE_BREAK.findall(before)) + 1
                broken = Phrase("cli.csv.broken_unicode", encoding=name)
                return Decoded(None, name, ((line, broken),))
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if bom else data
    try:
        return Decoded(body.decode("utf-8"), "UTF-8 with BOM" if bom else "UTF-8")
    except UnicodeDecodeError:
        pass
    pieces = RAW_LINE_BREAK.split(body)
    parts: list[str] = []
    windows: list[int] = []
    unreadable: list[int] = []
    utf8_letters = bom  # a BOM says the file is UTF-8, its other lines pasted in
    for index, raw in enumerate(pieces):
        if index % 2:  # a line break, kept as it was
            parts.append(raw.decode("ascii"))
            continue
        number = index // 2 + 1
        text: str | None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and (text.isascii() or bom or _latin(text)):
            utf8_letters = utf8_letters or not text.isascii()
            parts.append(text)
            continue
        try:
            parts.append(raw.decode("cp1252"))
            windows.append(number)
        except UnicodeDecodeError:
            if text is None:
                unreadable.append(number)
            else:
                parts.append(text)  # UTF-8 of another script, and no Windows-1252
    if unreadable:
        return Decoded(None, "", tuple((n, Phrase(not_text)) for n in unreadable))
    if not utf8_letters:
        return Decoded("".join(parts), WINDOWS_1252)
    return Decoded("".join(parts), MIXED, windows_lines=tuple(windows))


def line_list(lines: Iterable[int], most: int = 10) -> str:
    """Line numbers for a message: "2, 5, 9", the first `most` of many and "…"."""
    numbers = [str(n) for n in lines]
    return ", ".join(numbers[:most]) + (", …" if len(numbers) > most else "")


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
    units: Iterable[str] = (),
) -> Roster:
    """Check a roster file.

    `layers` maps every accepted spelling of a layer (its key, and its name in
    each language, lower-cased) to the layer key; `existing_emails` returns
    which of the given emails are already in the database; `units` the units in it.
    """
    roster = Roster()
    decoded = decode(data, "cli.roster.not_text")
    text = decoded.text
    roster.encoding, roster.windows_lines = decoded.encoding, decoded.windows_lines
    if text is None:
        roster.problems.extend(RosterProblem(n, message) for n, message in decoded.problems)
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
        header = without_blank_tail([_column(h) for h in next(reader)])
    except csv.Error as exc:
        roster.problems.append(
            RosterProblem(header_line, Phrase("cli.csv.header_broken", error=csv_error(exc)))
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
    if rejected == [] and not roster.entries and not roster.problems:
        # A header and nothing below it (an export of an empty filter, the template): said,
        # not "imported 0 people" and exit 0 as if the file had been what was meant.
        roster.problems.append(RosterProblem(header_line, Phrase("cli.csv.no_rows")))
        return roster
    if rejected is not None:
        _check_references(roster, existing_emails, rejected)
        _check_units(roster, units)
    roster.problems.sort(key=lambda p: p.line)
    return roster


def csv_error(exc: csv.Error) -> Phrase | str:
    """What Python's CSV reader found wrong, in the catalog's words where it has them (they
    were said in the reader's English under --lang da: "unexpected end of data"); anything
    else as the reader said it."""
    said = str(exc)
    if said == "unexpected end of data":
        return Phrase("cli.csv.error.eof")
    if said.startswith("new-line character seen in unquoted field"):
        return Phrase("cli.csv.error.newline")
    found = re.fullmatch(r"'(.+)' expected after '(.+)'", said)
    if found:
        return Phrase("cli.csv.error.after_quote", expected=found[1], quote=found[2])
    found = re.fullmatch(r"field larger than field limit \((\d+)\)", said)
    if found:
        return Phrase("cli.csv.error.field_limit", limit=int(found[1]))
    return said


def without_blank_tail(header: list[str]) -> list[str]:
    """A header without the empty columns at its end: a sheet saved as CSV by Excel often
    writes a separator for each empty column it once had ("…;leder_email;;")."""
    while header and not header[-1]:
        header = header[:-1]
    return header


def fitted(values: list[str], width: int) -> list[str]:
    """A row's cells cut to the header's `width` when those beyond it are empty (the same
    empty columns at the end as the header's); a row with more in them stays as it is."""
    if len(values) > width and not any(v.strip() for v in values[width:]):
        return values[:width]
    return values


def column_problems(unknown: list[str], missing: list[str], twice: list[str]) -> tuple[Phrase, ...]:
    """What is wrong with a header's columns (a roster's, a feedback file's)."""
    parts = []
    if unknown:
        names = ", ".join(map(repr, unknown))
        parts.append(Phrase(f"cli.csv.unknown_columns{_one(unknown)}", names=names))
    if missing:
        parts.append(Phrase(f"cli.csv.missing_columns{_one(missing)}", names=", ".join(missing)))
    if twice:
        parts.append(Phrase(f"cli.csv.twice_columns{_one(twice)}", names=", ".join(twice)))
    return tuple(parts)


def _one(names: list[str]) -> str:
    """The ending of a key for exactly one column ("missing column", "manglende kolonne")."""
    return "_one" if len(names) == 1 else ""


def visible(email: str) -> str:
    """An email address without the invisible characters a copy from a mail program, a web
    page or another file brings along (a zero-width space, a direction mark, a soft hyphen,
    a BOM: Unicode's format characters): no address holds one, and the address stored with
    one would never be found by the address typed."""
    if email.isascii():
        return email
    return "".join(c for c in email if unicodedata.category(c) != "Cf").strip()


def _read_rows(
    reader: _reader,
    header: list[str],
    layers: Mapping[str, str],
    roster: Roster,
) -> list[Checked] | None:
    """Check each row; returns (line, email, manager) of the rows refused, or None if the
    CSV broke.

    The refused rows' emails still count for duplicates and as managers, and their managers
    are looked for too, so a problem on one line does not hide, or invent, problems on
    others, and a row's problems are all said at once.
    """
    known = ", ".join(sorted(set(layers.values())))
    rejected: list[Checked] = []
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return rejected
        except csv.Error as exc:
            # Reported where the broken row starts: an unclosed quote is only noticed at the end.
            roster.problems.append(
                RosterProblem(line, Phrase("cli.csv.broken", error=csv_error(exc)))
            )
            return None
        if not any(v.strip() for v in values):
            continue
        values = fitted(values, len(header))
        if len(values) != len(header):
            which = "cli.csv.fields_one" if len(values) == 1 else "cli.csv.fields"  # "1 field"
            fields = Phrase(which, n=len(values), expected=len(header))
            roster.problems.append(RosterProblem(line, fields))
            continue
        row = {key: value.strip() for key, value in zip(header, values, strict=True)}
        for key in ("email", "manager_email"):
            if key in row:
                row[key] = visible(row[key])
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
        said: set[str] = set()  # the columns refused for a control character already
        for key in ("name", "email", "title", "unit", "manager_email"):
            value = row.get(key, "")
            if LINE_BREAK.search(value) is not None:
                # A cell of several lines (Alt+Enter in Excel, a quoted line break): a name,
                # a title or a unit is one line wherever it is shown, listed and printed.
                broken = Phrase("cli.roster.line_break", column=_named(key))
                roster.problems.append(RosterProblem(line, broken))
                value = LINE_BREAK.sub(" ", value)
            found = with_control(value)
            if found is not None:
                control = Phrase("cli.roster.control", column=_named(key), char=found)
                roster.problems.append(RosterProblem(line, control))
                said.add(key)
        email = row.get("email", "").lower()
        # an address refused for its control character is not refused again as no address
        if email and "email" not in said and not plausible_email(email):
            bad = Phrase("cli.roster.bad_email", email=row["email"])
            roster.problems.append(RosterProblem(line, bad))
        layer_text = row.get("layer", "")
        layer = layers.get(layer_text.lower())
        if layer_text and layer is None:
            meant = difflib.get_close_matches(layer_text.lower(), list(layers), n=1, cutoff=0.6)
            unknown = (
                Phrase(
                    "cli.roster.unknown_layer_meant", layer=layer_text, meant=meant[0], known=known
                )
                if meant
                else Phrase("cli.roster.unknown_layer", layer=layer_text, known=known)
            )
            roster.problems.append(RosterProblem(line, unknown))
        manager = row.get("manager_email", "").lower() or None
        if manager and "manager_email" not in said and not plausible_email(manager):
            bad = Phrase("cli.roster.bad_manager_email", email=manager)
            roster.problems.append(RosterProblem(line, bad))
            manager = None  # said: not looked for as well
        if manager and manager == email:
            roster.problems.append(RosterProblem(line, Phrase("cli.roster.own_manager")))
            manager = None
        if len(roster.problems) != before:
            # An address with a control character is refused for it, and not named again
            # (as a duplicate, a manager not found): said as it is, it would act on the terminal.
            if manager is not None and with_control(manager) is not None:
                manager = None
            rejected.append((line, "" if with_control(email) else email, manager))
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
    rejected: list[Checked],
) -> None:
    read = [(e.line, e.email, e.manager_email) for e in roster.entries]
    rows = sorted(read + rejected, key=lambda row: row[0])
    first_line: dict[str, int] = {}
    for line, email, _manager in rows:
        if not email:
            continue
        if email in first_line:
            twice = Phrase("cli.roster.duplicate", email=email, first=first_line[email])
            roster.problems.append(RosterProblem(line, twice))
        else:
            first_line[email] = line
    in_db = existing_emails(list(first_line))
    for email, line in first_line.items():
        if email in in_db:
            roster.problems.append(RosterProblem(line, Phrase("cli.roster.stored", email=email)))
    managers = {manager for _line, _email, manager in rows if manager}
    unknown = managers - set(first_line)
    known_managers = set(first_line) | (existing_emails(unknown) if unknown else set())
    for line, _email, manager in rows:
        if manager and manager not in known_managers:
            missing = Phrase("cli.roster.no_manager", email=manager)
            roster.problems.append(RosterProblem(line, missing))
    _check_cycles(roster, rows)


def _check_units(roster: Roster, units: Iterable[str]) -> None:
    """One unit is written one way: 'lager' beside 'Lager' (in the file or the database)
    would be two units in the overview and the filters, each with part of the people."""
    stored: dict[str, str] = {}
    for unit in units:
        stored.setdefault(unit.casefold(), unit)
    exact = set(stored.values())
    first: dict[str, tuple[str, int]] = {}
    for entry in roster.entries:
        if not entry.unit or entry.unit in exact:
            continue
        folded = entry.unit.casefold()
        if folded in stored:
            said = Phrase("cli.roster.unit_stored", unit=entry.unit, stored=stored[folded])
            roster.problems.append(RosterProblem(entry.line, said))
        elif folded not in first:
            first[folded] = (entry.unit, entry.line)
        elif first[folded][0] != entry.unit:
            spelled, line = first[folded]
            said = Phrase("cli.roster.unit_spelled", unit=entry.unit, first=spelled, line=line)
            roster.problems.append(RosterProblem(entry.line, said))


def _check_cycles(roster: Roster, rows: list[Checked]) -> None:
    """Managers that lead back to where they start, each circle said once (the refused
    rows' managers count too: a circle is found before the rows' other problems are fixed)."""
    boss = {email: manager for _line, email, manager in rows if email and manager}
    line = {email: number for number, email, _manager in reversed(rows) if email}
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
