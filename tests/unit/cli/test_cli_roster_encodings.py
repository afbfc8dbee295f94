"""people import: how a roster's bytes are read (a file pasted together from UTF-8 and
Windows-1252, Excel's UTF-16 "Unicode text"), every problem of a row said at once, and
emails as a copy brings them (invisible characters, "null").

Each refusal is exit code 2 with one `FILE:LINE: message` per problem and nothing written;
each import keeps the Danish letters of every line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline_tui.core.roster import MIXED, WINDOWS_1252, decode, line_list

pytestmark = pytest.mark.both_engines

HEADER = "navn;email;titel;enhed;lag;leder_email\r\n"
SOREN = "Søren Ærø;soren@example.dk;Direktør;Direktionen;lead_business;\r\n"
AASE = (
    "Åse Møller;aase@example.dk;Oversygeplejerske;Kirurgi, Ø-afsnit;lead_others;"
    "soren@example.dk\r\n"
)
BJORN = "Bjørn Dæhlie;bjorn@example.dk;Sygeplejerske – nat;Kirurgi;lead_self;aase@example.dk\r\n"
NAMES = ["Bjørn Dæhlie", "Søren Ærø", "Åse Møller"]


def people(run_cli, db: str) -> list[dict]:
    result = run_cli("--db", db, "people", "list", "--json")
    assert result.code == 0, result.err
    return sorted(json.loads(result.out), key=lambda p: p["name"])


def refused(result, path: Path) -> list[str]:
    """The problems of a refusal ("FILE:LINE: message"), checked for form: exit 2, no
    traceback, nothing on stdout."""
    assert result.code == 2, (result.out, result.err)
    assert result.out == ""
    assert "Traceback" not in result.err and "unexpected error" not in result.err
    problem = re.compile(rf"^{re.escape(str(path))}:\d+: ")
    return [line for line in result.err.splitlines() if problem.match(line)]


def import_file(run_cli, db: str, tmp_path: Path, data: bytes, *options: str):
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    return path, run_cli("--db", db, "people", "import", *options, path)


# --- a file of UTF-8 lines and Windows-1252 lines ---------------------------------------


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_a_windows_1252_row_pasted_into_a_utf8_roster_keeps_every_name(
    run_cli, db: str, tmp_path: Path, bom: bytes
) -> None:
    """One row pasted from Danish Excel's CSV (Windows-1252) into a UTF-8 roster: each line
    is read in its own encoding, so "Søren" stays Søren (it became "SÃ¸ren" when the whole
    file was read as Windows-1252; with a BOM the file was refused), and the note names the
    line read as Windows-1252."""
    data = bom + (HEADER + SOREN).encode() + AASE.encode("cp1252") + BJORN.encode()
    path, result = import_file(run_cli, db, tmp_path, data)
    assert result.code == 0, result.err
    assert result.out.startswith("Imported 3 people")
    assert [p["name"] for p in people(run_cli, db)] == NAMES
    found = {p["name"]: p for p in people(run_cli, db)}
    assert found["Åse Møller"]["unit"] == "Kirurgi, Ø-afsnit"
    assert found["Bjørn Dæhlie"]["title"] == "Sygeplejerske – nat"
    assert found["Bjørn Dæhlie"]["manager_name"] == "Åse Møller"
    [note] = [line for line in result.err.splitlines() if line.startswith(f"{path}: ")]
    assert " 3 " in note and "Windows-1252" in note and "UTF-8" in note
    assert "Ã" not in result.err


def test_the_mixed_file_note_is_said_on_a_dry_run_and_in_danish(
    run_cli, db: str, tmp_path: Path
) -> None:
    data = (HEADER + SOREN).encode() + AASE.encode("cp1252") + BJORN.encode("cp1252")
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    dry = run_cli("--db", db, "--lang", "da", "people", "import", "--dry-run", path)
    assert dry.code == 0, dry.err
    assert f"{path}: linjerne 3, 4 er ikke UTF-8" in dry.err
    assert people(run_cli, db) == []


def test_a_windows_1252_line_that_happens_to_be_utf8_stays_windows_1252(
    run_cli, db: str, tmp_path: Path
) -> None:
    """A Windows-1252 line whose only Danish letter is a capital before a non-breaking space
    ("Ø\xa0afsnit": 0xD8 0xA0) is valid UTF-8 by accident (Arabic U+0620): read as
    Windows-1252 like its neighbours, in a file of both encodings and in one of Windows-1252
    alone (nothing that imported before is lost). (A file that is UTF-8 throughout is read
    as UTF-8, whatever script it holds.)"""
    bo = "Bo Lund;bo@example.dk;Sygeplejerske;Ø\xa0afsnit;lead_self;\r\n"
    assert bo.encode("cp1252").decode("utf-8") != bo  # the accident
    for number, data in enumerate(
        [
            (HEADER + SOREN).encode() + (AASE + bo).encode("cp1252"),  # mixed
            (HEADER + SOREN + AASE + bo).encode("cp1252"),  # all Windows-1252
        ]
    ):
        path = tmp_path / f"roster{number}.csv"
        path.write_bytes(data)
        result = run_cli("--db", db, "people", "import", "--dry-run", path)
        assert result.code == 0, result.err
        assert decode(data, "cli.roster.not_text").text == (HEADER + SOREN + AASE + bo)
    assert decode((HEADER + bo).encode("cp1252"), "x").encoding == "UTF-8"
    assert decode((HEADER + SOREN + bo).encode("cp1252"), "x").encoding == WINDOWS_1252


def test_a_line_neither_encoding_reads_is_refused_by_its_number(
    run_cli, db: str, tmp_path: Path
) -> None:
    """0x81 is no letter in UTF-8 nor in Windows-1252: that line is named, the others not
    (the Windows-1252 line is readable), and nothing is imported."""
    data = (
        (HEADER + SOREN).encode() + AASE.encode("cp1252") + b"Bo\x81;bo@example.dk;;;lead_self;\r\n"
    )
    path, result = import_file(run_cli, db, tmp_path, data)
    problems = refused(result, path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:4: neither UTF-8 nor")
    assert people(run_cli, db) == []


@pytest.mark.sqlite_only
def test_a_refused_mixed_roster_leaves_no_database_behind(run_cli, db: str, tmp_path: Path) -> None:
    """A new database is not made for a roster refused for its own sake; the note on how the
    file was read comes once."""
    bad = AASE.replace("lead_others", "Chef")
    data = (HEADER + SOREN).encode() + bad.encode("cp1252")
    path, result = import_file(run_cli, db, tmp_path, data)
    problems = refused(result, path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:3: unknown layer 'Chef'")
    assert len([line for line in result.err.splitlines() if line.startswith(f"{path}: ")]) == 1
    assert not Path(db).exists()


# --- UTF-16 (Excel's "Unicode text") and UTF-32, by the byte order mark ------------------


@pytest.mark.parametrize(
    ("codec", "delimiter", "ending"),
    [
        ("utf-16", "\t", "\r\n"),  # Excel's "Unicode text": UTF-16 LE with BOM, tabs
        ("utf-16-be-bom", ";", "\r\n"),
        ("utf-16", ",", "\n"),
        ("utf-32", ";", "\n"),
    ],
    ids=["excel-unicode-text", "utf16-be-semicolon", "utf16-comma", "utf32"],
)
def test_a_utf16_roster_imports(
    run_cli, db: str, tmp_path: Path, codec: str, delimiter: str, ending: str
) -> None:
    """A UTF-16 (or UTF-32) roster with its byte order mark imports with every letter; it
    was refused as "not a CSV file" for its NUL bytes. The delimiter is found as in any
    file; a quoted field holds the delimiter."""
    rows = [line.rstrip("\r\n").split(";") for line in (HEADER, SOREN, AASE, BJORN)]
    rows[2][3] = f'"Kirurgi{delimiter} Ø-afsnit"'
    text = "".join(delimiter.join(row) + ending for row in rows)
    data = (
        b"\xfe\xff" + text.encode("utf-16-be") if codec == "utf-16-be-bom" else text.encode(codec)
    )
    _path, result = import_file(run_cli, db, tmp_path, data)
    assert result.code == 0, result.err
    assert result.err == ""  # nothing to say about how it was read
    listing = people(run_cli, db)
    assert [p["name"] for p in listing] == NAMES
    assert {p["unit"] for p in listing} == {
        "Direktionen",
        f"Kirurgi{delimiter} Ø-afsnit",
        "Kirurgi",
    }
    assert [p["manager_name"] for p in listing] == ["Åse Møller", None, "Søren Ærø"]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        ((HEADER + SOREN).encode("utf-16") + b"A", 3),  # an odd byte at the end
        ((HEADER + SOREN).encode("utf-16") + "Bo".encode("utf-16-le") + b"\x00\xd8;\x00", 3),
        ("sep=;\r\n".encode("utf-16") + b"\x00\xdc" + HEADER.encode("utf-16-le"), 2),
    ],
    ids=["odd-length", "lone-surrogate", "lone-surrogate-header"],
)
def test_a_broken_utf16_roster_is_refused_on_one_line(
    run_cli, db: str, tmp_path: Path, data: bytes, line: int
) -> None:
    path, result = import_file(run_cli, db, tmp_path, data)
    [problem] = refused(result, path)
    assert problem.startswith(f"{path}:{line}: starts as UTF-16 LE")
    assert people(run_cli, db) == []


def test_utf16_without_its_byte_order_mark_is_still_not_taken_for_text(
    run_cli, db: str, tmp_path: Path
) -> None:
    """Without the mark nothing says the bytes are UTF-16: refused for its NUL bytes, as
    before, on one line."""
    path, result = import_file(run_cli, db, tmp_path, (HEADER + SOREN).encode("utf-16-le"))
    problems = refused(result, path)
    assert len(problems) == 1 and "NUL" in problems[0]


# --- a row's problems, all at once --------------------------------------------------------


def test_a_refused_rows_manager_is_looked_for_too(run_cli, db: str, tmp_path: Path) -> None:
    """A row with an unknown layer whose manager is nowhere gets both problems on its line
    (the manager was looked for only once the row was otherwise right, so fixing the
    layer brought a second refusal)."""
    text = (
        "name,email,layer,manager_email\n"
        "Bo Lund,null,Chef,nobody@example.dk\n"
        "Carl Ek,carl@example.dk,lead_self,NULL\n"
        "Dan Dam,dan@example.dk,,\n"
    )
    path, result = import_file(run_cli, db, tmp_path, text.encode())
    problems = refused(result, path)
    assert problems == [
        f"{path}:2: 'null' is not an email address",
        f"{path}:2: unknown layer 'Chef' (known: lead_business, lead_function, lead_leaders,"
        " lead_others, lead_self)",
        f"{path}:2: manager nobody@example.dk not found in the file or the database",
        f"{path}:3: manager_email 'null' is not an email address",
        f"{path}:4: layer is empty",
    ]
    assert people(run_cli, db) == []


def test_a_circle_through_a_refused_row_is_said_at_once(run_cli, db: str, tmp_path: Path) -> None:
    text = (
        "name,email,layer,manager_email\n"
        "Ann Ahl,ann@example.dk,Chef,bo@example.dk\n"
        "Bo Berg,bo@example.dk,lead_self,ann@example.dk\n"
    )
    path, result = import_file(run_cli, db, tmp_path, text.encode())
    problems = refused(result, path)
    assert any("unknown layer 'Chef'" in p for p in problems)
    assert any(
        "managers form a circle: ann@example.dk → bo@example.dk → ann@example.dk" in p
        for p in problems
    ), problems


def test_a_row_refused_twice_over_is_still_a_manager_and_a_duplicate(
    run_cli, db: str, tmp_path: Path
) -> None:
    """Nothing invented: a refused row's email still counts as a manager (no "not found"
    on the row it manages) and for duplicates."""
    text = (
        "name,email,layer,manager_email\n"
        ",ann@example.dk,Chef,\n"
        "Bo Berg,bo@example.dk,lead_self,ann@example.dk\n"
        "Ann Igen,ANN@example.dk,lead_self,\n"
    )
    path, result = import_file(run_cli, db, tmp_path, text.encode())
    problems = refused(result, path)
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:2", f"{path}:2", f"{path}:4"]
    assert problems[2] == f"{path}:4: duplicate email ann@example.dk (also on line 2)"


def test_an_address_with_a_control_character_is_refused_for_it_and_not_named_again(
    run_cli, db: str, tmp_path: Path
) -> None:
    """Looking for a refused row's manager must not say an address that holds an escape
    sequence (nor did the duplicate of one): said as it is, it would act on the terminal."""
    text = (
        "name,email,layer,manager_email\n"
        "Bo Berg,bo@example.dk,Chef,boss@exa\x1b[31mmple.dk\n"
        "Co Carl,co\x1b[31m@example.dk,lead_self,\n"
        "Do Dahl,co\x1b[31m@example.dk,lead_self,\n"
    )
    path, result = import_file(run_cli, db, tmp_path, text.encode())
    problems = refused(result, path)
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:{n}" for n in (2, 2, 3, 4)]
    assert all("control character (\\x1b)" in p or "unknown layer" in p for p in problems)
    assert "\x1b" not in result.err


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u202a", "\u2069"])
def test_a_bidirectional_override_in_a_roster_is_refused(
    run_cli, db: str, tmp_path: Path, mark: str
) -> None:
    """A right-to-left override or isolate shows a name in another order than it is read
    (display spoofing): refused as the escape sequences are, named as an escape, nothing
    imported."""
    text = f"name,email,title,layer\nBo {mark}draB,bo@example.dk,Chef {mark}x,lead_self\n"
    path, result = import_file(run_cli, db, tmp_path, text.encode())
    problems = refused(result, path)
    escaped = repr(mark)[1:-1]
    assert problems == [
        f"{path}:2: name has a control character ({escaped})",
        f"{path}:2: title has a control character ({escaped})",
    ]
    assert mark not in result.err
    assert people(run_cli, db) == []


# --- emails as a copy brings them --------------------------------------------------------


def test_invisible_characters_around_an_email_are_not_stored(
    run_cli, db: str, tmp_path: Path
) -> None:
    """A zero-width space, a direction mark, a soft hyphen or a BOM copied along with an
    address: the address is stored without it (it was stored with it, and the person
    could not be found by the address typed), and it is found as a manager."""
    text = (
        "name,email,layer,manager_email\n"
        "Ann Ahl,\u200bann@example.dk\u200e,lead_others,\n"
        "Bo Berg,\ufeffbo@exam\u00adple.dk,lead_self,ann@example.dk\u200b\n"
    )
    _path, result = import_file(run_cli, db, tmp_path, text.encode())
    assert result.code == 0, result.err
    listing = people(run_cli, db)
    assert [(p["email"], p["manager_name"]) for p in listing] == [
        ("ann@example.dk", None),
        ("bo@example.dk", "Ann Ahl"),
    ]
    again = tmp_path / "again.csv"
    again.write_text("name,email,layer\nAnn Igen,ann@example.dk,lead_self\n", encoding="utf-8")
    problems = refused(run_cli("--db", db, "people", "import", again), again)
    assert problems == [f"{again}:2: ann@example.dk is already in the database"]


@pytest.mark.parametrize(
    ("email", "said"),
    [
        ("\u200b", "email is empty"),
        ("null", "'null' is not an email address"),
        ("NULL@", "'NULL@' is not an email address"),
        (" ", "email is empty"),
    ],
)
def test_an_email_that_is_no_address_is_refused(
    run_cli, db: str, tmp_path: Path, email: str, said: str
) -> None:
    text = f"name,email,layer\nAnn Ahl,{email},lead_self\n"
    path, result = import_file(run_cli, db, tmp_path, text.encode())
    assert refused(result, path) == [f"{path}:2: {said}"]


def test_valid_addresses_are_taken_as_they_are(run_cli, db: str, tmp_path: Path) -> None:
    """What a roster holds that is an address: capitals, +, an apostrophe, Danish letters
    in the domain, "null" as a name before the @."""
    emails = [
        "Anne.O'Brien@Example.DK",
        "hr+leder@example.dk",
        "søren@ærø-kommune.dk",
        "null@example.dk",
    ]
    text = "name,email,layer\n" + "".join(
        f"Person {n},{email},lead_self\n" for n, email in enumerate(emails)
    )
    _path, result = import_file(run_cli, db, tmp_path, text.encode())
    assert result.code == 0, result.err
    assert sorted(p["email"] for p in people(run_cli, db)) == sorted(e.lower() for e in emails)


# --- the decoding rules themselves -----------------------------------------------------


def test_decode_says_which_lines_it_read_as_windows_1252() -> None:
    data = (
        (HEADER + SOREN).encode() + AASE.encode("cp1252") + SOREN.encode() + AASE.encode("cp1252")
    )
    decoded = decode(data, "cli.roster.not_text")
    assert decoded.encoding == MIXED
    assert decoded.windows_lines == (3, 5)
    assert decoded.text == HEADER + SOREN + AASE + SOREN + AASE
    assert line_list(range(1, 30)) == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ((HEADER + SOREN).encode(), "UTF-8"),
        (b"\xef\xbb\xbf" + (HEADER + SOREN).encode(), "UTF-8 with BOM"),
        ((HEADER + SOREN).encode("cp1252"), WINDOWS_1252),
        ((HEADER + SOREN).encode("utf-16"), "UTF-16 LE"),
        (b"\xfe\xff" + (HEADER + SOREN).encode("utf-16-be"), "UTF-16 BE"),
        ((HEADER + SOREN).encode("utf-32"), "UTF-32 LE"),
    ],
)
def test_decode_reads_each_whole_file_encoding(data: bytes, encoding: str) -> None:
    decoded = decode(data, "cli.roster.not_text")
    assert (decoded.text, decoded.encoding, decoded.windows_lines) == (
        HEADER + SOREN,
        encoding,
        (),
    )


# --- a workbook or a PDF given instead of the CSV ---------------------------------------


def _workbook() -> bytes:
    """An .xlsx as Excel writes one: a ZIP archive of XML parts (the roster in a sheet)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/worksheets/sheet1.xml", f"<sheetData>{HEADER}{SOREN}</sheetData>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "en", "da"),
    [
        (_workbook(), "this is a spreadsheet workbook", "det er en regnearksfil"),
        (  # an .xls of Excel 97-2003: an OLE2 compound file
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + HEADER.encode(),
            "this is a spreadsheet workbook",
            "det er en regnearksfil",
        ),
        (b"%PDF-1.7\n" + HEADER.encode() + b"%%EOF\n", "this is a PDF", "det er en PDF"),
        (  # an HR system's "Export to Excel": a web page with a table, saved as .xls
            b'\xef\xbb\xbf\r\n<html xmlns:o="urn:schemas-microsoft-com:office:office">\r\n'
            b"<body><table><tr><td>navn</td><td>email</td></tr></table></body></html>\r\n",
            "this is a web page or an XML spreadsheet",
            "det er en webside eller et XML-regneark",
        ),
        (  # Excel 2003's XML spreadsheet
            b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>\n',
            "this is a web page or an XML spreadsheet",
            "det er en webside eller et XML-regneark",
        ),
    ],
    ids=["xlsx", "xls", "pdf", "html-xls", "xml-2003"],
)
def test_a_workbook_or_a_pdf_given_for_the_csv_is_said_to_be_one(
    run_cli, db: str, tmp_path: Path, data: bytes, en: str, da: str
) -> None:
    """The file a person has at hand: one problem that says what it is and how to save
    the CSV, in the language asked, for a roster and for answers; nothing imported. (A web
    page or an XML spreadsheet, what many systems export as "Excel", was read as a CSV
    whose header was "unknown column '<html xmlns:o=...>'; missing columns name, ...".)"""
    path, result = import_file(run_cli, db, tmp_path, data)
    (said,) = refused(result, path)
    assert said.startswith(f"{path}:1: {en}") and "CSV UTF-8" in said, said
    danish = run_cli("--lang", "da", "--db", db, "people", "import", path)
    (sagt,) = refused(danish, path)
    assert sagt.startswith(f"{path}:1: {da}") and "CSV UTF-8" in sagt, sagt
    answers = run_cli("--db", db, "feedback", "import", path)
    (about,) = refused(answers, path)
    assert about.startswith(f"{path}:1: {en}"), about
    assert people(run_cli, db) == []
