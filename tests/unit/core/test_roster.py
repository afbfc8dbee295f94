"""Reading a roster CSV: everyone or nothing, and every problem with its line number."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from pipeline_tui.core.roster import Roster, read_roster

LAYERS = {
    "lead_self": "lead_self",
    "leder af sig selv (medarbejder)": "lead_self",
    "lead self (individual contributor)": "lead_self",
    "lead_others": "lead_others",
    "leder af medarbejdere": "lead_others",
    "lead others": "lead_others",
    "lead_leaders": "lead_leaders",
    "leder af ledere": "lead_leaders",
}
IN_DATABASE = {"direktor@example.dk"}


def in_database(emails: Iterable[str]) -> set[str]:
    return set(emails) & IN_DATABASE


def read(text: str, encoding: str = "utf-8") -> Roster:
    return read_roster(text.encode(encoding), LAYERS, in_database)


def problems(roster: Roster) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in roster.problems]


def test_comma_roster_with_managers_in_the_file_and_the_database() -> None:
    """A clean roster gives one entry per row, emails lower-cased, managers from file or DB."""
    roster = read(
        "name,email,title,unit,layer,manager_email\n"
        "Mette Holm,Mette.Holm@Example.dk,Centerchef,Ortopædi,lead_leaders,direktor@example.dk\n"
        "Anna Berg,anna@example.dk,Sygeplejerske,Ortopædi,lead_others,mette.holm@example.dk\n"
        "\n"
        "Jonas Friis,jonas@example.dk,,Ortopædi,lead_self,ANNA@example.dk\n"
    )
    assert roster.ok
    assert [(e.line, e.name, e.email, e.layer, e.manager_email) for e in roster.entries] == [
        (2, "Mette Holm", "mette.holm@example.dk", "lead_leaders", "direktor@example.dk"),
        (3, "Anna Berg", "anna@example.dk", "lead_others", "mette.holm@example.dk"),
        (5, "Jonas Friis", "jonas@example.dk", "lead_self", "anna@example.dk"),
    ]


def test_danish_semicolon_roster_with_bom_crlf_and_layer_names() -> None:
    """Excel's Danish CSV (BOM, semicolons, CRLF, æøå) with layers given by their Danish name."""
    roster = read(
        "\ufeffname;email;title;unit;layer;manager_email\r\n"
        "Søren Ærø;soren@example.dk;Overlæge;Kirurgi, Ø-afsnit;Leder af medarbejdere;\r\n"
        "Åse Møller;aase@example.dk;Sygeplejerske;Kirurgi;leder af sig selv (medarbejder);"
        "soren@example.dk\r\n"
    )
    assert problems(roster) == []
    assert [(e.name, e.unit, e.layer, e.manager_email) for e in roster.entries] == [
        ("Søren Ærø", "Kirurgi, Ø-afsnit", "lead_others", None),
        ("Åse Møller", "Kirurgi", "lead_self", "soren@example.dk"),
    ]


def test_quoted_field_over_two_lines_keeps_line_numbers() -> None:
    """A quoted value spanning lines does not shift the line numbers of later rows (a title
    of two lines is refused on the line where its row starts)."""
    roster = read(
        "name,email,title,layer\n"
        'Anna Berg,anna@example.dk,"Leder,\nnattevagt",lead_others\n'
        "Bo Lund,bo@example.dk,,lead_nobody\n"
    )
    assert problems(roster) == [
        (2, "title has a line break (a cell of several lines): write it on one line"),
        (4, "unknown layer 'lead_nobody' (known: lead_leaders, lead_others, lead_self)"),
    ]


def test_a_mistyped_layer_in_a_roster_names_the_closest_spelling() -> None:
    """A roster row with 'lead_other' (one letter short) said only the known keys; it now
    says which layer was probably meant, as the command line does for --layer."""
    roster = read("name,email,title,layer\nAnna Berg,anna@example.dk,Leder,lead_other\n")
    assert problems(roster) == [
        (
            2,
            "unknown layer 'lead_other' – did you mean 'lead_others'? "
            "(known: lead_leaders, lead_others, lead_self)",
        )
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("Anna,anna@example.dk,Chef,", [(2, "unknown layer 'Chef'")]),
        (
            "Anna,anna@example.dk,lead_self,\nBo,ANNA@example.dk,lead_self,",
            [(3, "duplicate email anna@example.dk (also on line 2)")],
        ),
        (
            "Anna,direktor@example.dk,lead_self,",
            [(2, "direktor@example.dk is already in the database")],
        ),
        (
            "Anna,anna@example.dk,lead_self,nobody@example.dk",
            [(2, "manager nobody@example.dk not found in the file or the database")],
        ),
        (
            'Anna,anna@example.dk,lead_self,\n"Bo" Lund,bo@example.dk,lead_self,',
            [(3, "broken CSV")],
        ),
        (
            'Anna,anna@example.dk,lead_self,\n"Bo Lund,bo@example.dk,lead_self,\n'
            "Carl,c@example.dk,lead_self,",
            [(3, "broken CSV")],
        ),
        ("Anna,anna@example.dk,lead_self,,extra", [(2, "5 fields, expected 4")]),
        ("Anna", [(2, "1 field, expected 4")]),  # was "1 fields"
        (",anna@example.dk,lead_self,", [(2, "name is empty")]),
        (
            "Anna,anna-at-example.dk,lead_self,",
            [(2, "'anna-at-example.dk' is not an email address")],
        ),
        ("Anna,anna@example.dk,lead_self,anna@example.dk", [(2, "own manager")]),
        (
            "Anna,a@example.dk,lead_self,b@example.dk\nBo,b@example.dk,lead_self,a@example.dk",
            [(2, "managers form a circle: a@example.dk → b@example.dk → a@example.dk")],
        ),
    ],
    ids=[
        "unknown-layer",
        "duplicate-email",
        "email-in-database",
        "manager-not-found",
        "broken-quoting",
        "unclosed-quote",
        "field-count",
        "one-field",
        "empty-name",
        "bad-email",
        "own-manager",
        "circle",
    ],
)
def test_a_bad_row_is_reported_by_line_and_nothing_is_accepted(rows, expected) -> None:
    """Each kind of bad row is named with its line, and the roster is not ok as a whole."""
    roster = read("name,email,layer,manager_email\n" + rows + "\n")
    assert not roster.ok
    found = problems(roster)
    assert [line for line, _ in found] == [line for line, _ in expected]
    for (_, message), (_, part) in zip(found, expected, strict=True):
        assert part in message


def test_every_problem_in_a_file_is_reported_not_just_the_first() -> None:
    """One pass reports all bad rows: layer, duplicate and missing manager together."""
    roster = read(
        "name,email,layer,manager_email\n"
        "Anna,anna@example.dk,Chef,\n"
        "Bo,bo@example.dk,lead_self,anna@example.dk\n"
        "Carl,carl@example.dk,lead_self,\n"
        "Carl igen,carl@example.dk,lead_self,\n"
        "Dorte,dorte@example.dk,lead_self,nobody@example.dk\n"
        "Eva,ANNA@example.dk,lead_self,\n"
    )
    assert problems(roster) == [
        (2, "unknown layer 'Chef' (known: lead_leaders, lead_others, lead_self)"),
        (5, "duplicate email carl@example.dk (also on line 4)"),
        (6, "manager nobody@example.dk not found in the file or the database"),
        (7, "duplicate email anna@example.dk (also on line 2)"),
    ]


def test_a_latin_1_roster_is_read_as_windows_1252_and_says_so() -> None:
    """A roster saved as Latin-1 (or Windows-1252) is not UTF-8: read as Windows-1252."""
    roster = read(
        "name;email;layer\nSøren;soren@example.dk;lead_self\nBo;bo@example.dk;lead_self\n"
        "Åse;aase@example.dk;lead_self\n",
        encoding="latin-1",
    )
    assert roster.ok, roster.problems
    assert roster.encoding == "Windows-1252"
    assert [e.name for e in roster.entries] == ["Søren", "Bo", "Åse"]


def test_bytes_no_encoding_can_read_are_named_by_line() -> None:
    """Bytes that are neither UTF-8 nor Windows-1252 (0x81 is unassigned): refused by line."""
    data = (
        "name;email;layer\nSøren;s@example.dk;lead_self\n".encode() + b"Bo\x81;b@x.dk;lead_self\n"
    )
    roster = read_roster(data, LAYERS, in_database)
    assert roster.entries == []
    assert [p.line for p in roster.problems] == [3]
    assert "neither UTF-8 nor Windows-1252" in roster.problems[0].message


def test_danish_excel_roster_windows_1252_sep_line_danish_headers() -> None:
    """Danish Excel's "CSV (semikolonsepareret)": Windows-1252, a `sep=;` first line, the
    Danish column names, layers by Danish name; line numbers count the sep line."""
    text = (
        "sep=;\r\n"
        "navn;email;titel;enhed;lag;leder_email\r\n"
        "Søren Ærø;soren@example.dk;Overlæge;Kirurgi, Ø-afsnit;Leder af medarbejdere;\r\n"
        "Åse Møller;aase@example.dk;Sygeplejerske – nat;Kirurgi;lead_self;soren@example.dk\r\n"
        "Bo Lund;bo@example.dk;;Kirurgi;Chef;\r\n"
    )
    roster = read(text, encoding="cp1252")
    assert roster.encoding == "Windows-1252"
    assert problems(roster) == [
        (5, "unknown layer 'Chef' (known: lead_leaders, lead_others, lead_self)")
    ]
    assert [
        (e.line, e.name, e.title, e.unit, e.layer, e.manager_email) for e in roster.entries
    ] == [
        (3, "Søren Ærø", "Overlæge", "Kirurgi, Ø-afsnit", "lead_others", None),
        (4, "Åse Møller", "Sygeplejerske – nat", "Kirurgi", "lead_self", "soren@example.dk"),
    ]


@pytest.mark.parametrize(
    ("layer", "manager"),
    [("Niveau", "Lederens e-mail"), ("Ledelsesniveau", "leders email"), ("lag", "leder_email")],
)
def test_the_danish_words_for_layer_and_manager_are_columns(layer: str, manager: str) -> None:
    """A roster written in the app's own words: "Niveau", as the app and the printed plan
    call the layer, and the manager's e-mail written out ("niveau" was an unknown column)."""
    text = (
        f"Navn;E-mail;Stilling;Afdeling;{layer};{manager}\n"
        "Mette Holm;mette@example.dk;Centerchef;Kirurgi;Leder af ledere;\n"
        "Anna Berg;anna@example.dk;Afdelingsleder;Kirurgi;Leder af medarbejdere;mette@example.dk\n"
    )
    roster = read(text)
    assert roster.ok, roster.problems
    assert [(e.name, e.layer, e.manager_email) for e in roster.entries] == [
        ("Mette Holm", "lead_leaders", None),
        ("Anna Berg", "lead_others", "mette@example.dk"),
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_every_delimiter_with_and_without_bom(delimiter: str, bom: str) -> None:
    """Comma, semicolon or tab, taken from the header; UTF-8 with or without a BOM."""
    rows = [
        ["navn", "email", "lag", "leder_email"],
        ["Mette Holm", "mette@example.dk", "lead_leaders", ""],
        ["Anna Berg", "anna@example.dk", "leder af medarbejdere", "mette@example.dk"],
    ]
    roster = read(bom + "".join(delimiter.join(row) + "\n" for row in rows))
    assert roster.ok, roster.problems
    assert roster.encoding == ("UTF-8 with BOM" if bom else "UTF-8")
    assert [(e.name, e.layer, e.manager_email) for e in roster.entries] == [
        ("Mette Holm", "lead_leaders", None),
        ("Anna Berg", "lead_others", "mette@example.dk"),
    ]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("", "no header"),
        ("name,email,department,lag\n", "unknown column 'department'"),
        ("name,title\n", "missing columns email, layer"),
        ("name,email,layer,email\n", "given twice: email"),
        ("name,email,layer\nAnna\x00,a@example.dk,lead_self\n", "NUL byte"),
    ],
)
def test_header_and_file_problems_are_on_line_one(text: str, part: str) -> None:
    """A missing or wrong header, or a binary file, is one problem on its line."""
    roster = read(text)
    assert len(roster.problems) == 1
    assert roster.problems[0].line in (1, 2)
    assert part in roster.problems[0].message
    assert roster.entries == []


def test_excels_empty_columns_at_the_end_are_left_out() -> None:
    """A sheet saved by Excel writes a separator for each empty column it once had
    ("…;leder_email;;"): the empty columns at the end are no columns (it said "unknown
    columns '', ''; column given twice"); a cell with something in it past the header is
    still refused, roster and feedback file alike."""
    from pipeline_tui.core.feedback import read_feedback

    roster = read(
        "navn;email;titel;enhed;lag;leder_email;;\r\n"
        "Anna Berg;anna@example.dk;Sygeplejerske;Kirurgi;lead_others;;;\r\n"
        "Bo Holm;bo@example.dk;Sygeplejerske;Kirurgi;lead_self;anna@example.dk\r\n"
    )
    assert roster.ok, problems(roster)
    assert [e.email for e in roster.entries] == ["anna@example.dk", "bo@example.dk"]
    refused = read(
        "navn;email;titel;enhed;lag;leder_email;\r\n"
        "Anna Berg;anna@example.dk;Sygeplejerske;Kirurgi;lead_others;;noget\r\n"
    )
    assert [p.message.key for p in refused.problems] == ["cli.csv.fields"]

    found = read_feedback(
        b"conversation_id;rater;group;expectation_id;score;comment;;\r\n"
        b"7;r1;peer;lead_others.delegation;4;;;\r\n",
        lambda ids: {},
        lambda target: (),
    )
    keys = [p.message.key for p in found.problems]
    assert keys and not any(key.startswith(("cli.csv.", "cli.feedback.columns")) for key in keys)


def test_one_unit_is_written_one_way_in_the_file_and_the_database() -> None:
    """'lager' beside 'Lager' would be two units in the overview and the filters, each with
    part of the people: the line that writes a unit another way than an earlier line, or
    than the database, is refused and told how it is written (they were imported as two)."""
    text = (
        "name,email,unit,layer\n"
        "A,a@example.dk,Lager,lead_self\n"
        "B,b@example.dk,lager,lead_self\n"
        "C,c@example.dk,Lager,lead_self\n"
        "D,d@example.dk,ØKONOMI,lead_self\n"
        "E,e@example.dk,Økonomi,lead_self\n"
    )
    roster = read_roster(text.encode(), LAYERS, in_database, units=["Økonomi", "IT"])
    assert [(p.line, str(p.message)) for p in roster.problems] == [
        (3, "unit 'lager' is written 'Lager' on line 2: write one unit one way"),
        (5, "unit 'ØKONOMI' is written 'Økonomi' in the database: write it so"),
    ]
    same = "name,email,unit,layer\nA,a@example.dk,IT,lead_self\nB,b@example.dk,IT,lead_self\n"
    assert read_roster(same.encode(), LAYERS, in_database, units=["IT"]).ok


def test_a_feedback_line_of_one_field_says_one_field() -> None:
    """A survey export's line with only a rater id on it was "1 fields, expected 6"."""
    from pipeline_tui.core.feedback import read_feedback

    found = read_feedback(
        b"conversation_id,rater,group,expectation_id,score,comment\r\nr1\r\n",
        lambda ids: {},
        lambda target: (),
    )
    assert (2, "1 field, expected 6") in [(p.line, str(p.message)) for p in found.problems]
