"""The command line speaks the language asked, all of it: with --lang da the roster's and the
feedback file's problems by line, an import's, `db check`'s, the refusals of files and
databases, and what an erasure reports are Danish (they stayed English while the rest of the
command line spoke Danish). The same runs in English say what they always said."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

LONG_NAME = "N" * 201
ROSTER = (
    "name,email,title,unit,layer,manager_email\n"
    "Mette Holm,mette@example.dk,Direktør,Klinik,lead_leaders,\n"  # 2: fine
    "Anna Berg,anna@example.dk,Leder,Ortopædi,nolayer,mette@example.dk\n"  # 3: unknown layer
    ",bo@example.dk,,,lead_self,\n"  # 4: no name
    "Carl,not-an-email,,,lead_self,\n"  # 5: not an address
    "Dora,dora@example.dk,,,lead_self,nobody@example.dk\n"  # 6: no such manager
    "Eva,eva@example.dk,,,lead_self,eva@example.dk\n"  # 7: her own manager
    "Finn,mette@example.dk,,,lead_self,\n"  # 8: Mette's address again
    "Gert,gert@example.dk,,,lead_self,hans@example.dk\n"  # 9: Gert and Hans manage each other
    "Hans,hans@example.dk,,,lead_self,gert@example.dk\n"  # 10
    "Ib,ib@example.dk,,,lead_self\n"  # 11: a field short
    "Jens,jens@example.dk,,,lead_self,bad manager\n"  # 12: the manager's address is not one
    "Karl,karl@example.dk,T,U,lead_self,,extra\n"  # 13: a field too many
    "Lis,lis@example.dk,Titel\x07,,lead_self,\n"  # 14: a control character
    f"{LONG_NAME},long@example.dk,,,lead_self,\n"  # 15: a name too long
    "Mads,mads@example.dk,,,,\n"  # 16: no layer
    "Ole,ole@example.dk,,,lead_self,\n"  # 17: in the database already
)
LAYERS = "lead_business, lead_function, lead_leaders, lead_others, lead_self"
ROSTER_DA = [
    f"3: ukendt niveau 'nolayer' (brug et af: {LAYERS} – eller niveauets navn)",
    "4: navn mangler",
    "5: 'not-an-email' er ikke en gyldig e-mailadresse",
    "6: lederen nobody@example.dk findes hverken i filen eller i databasen",
    "7: en person kan ikke være sin egen leder",
    "8: e-mailadressen mette@example.dk står allerede i linje 2",
    "9: lederne går i ring: gert@example.dk → hans@example.dk → gert@example.dk",
    "11: antallet af felter er 5, men skal være 6",
    "12: lederens e-mail 'bad manager' er ikke en gyldig e-mailadresse",
    "13: antallet af felter er 7, men skal være 6",
    "14: titel indeholder et kontroltegn (\\x07)",
    "15: navn er længere end 200 tegn",
    "16: niveau mangler",
    "17: ole@example.dk findes allerede i databasen",
]
ROSTER_EN = [
    f"3: unknown layer 'nolayer' (known: {LAYERS})",
    "4: name is empty",
    "5: 'not-an-email' is not an email address",
    "6: manager nobody@example.dk not found in the file or the database",
    "7: a person cannot be their own manager",
    "8: duplicate email mette@example.dk (also on line 2)",
    "9: managers form a circle: gert@example.dk → hans@example.dk → gert@example.dk",
    "11: 5 fields, expected 6",
    "12: manager_email 'bad manager' is not an email address",
    "13: 7 fields, expected 6",
    "14: title has a control character (\\x07)",
    "15: name is longer than 200 characters",
    "16: layer is empty",
    "17: ole@example.dk is already in the database",
]


def problem_lines(err: str, file: Path) -> list[str]:
    """The `FILE:LINE: message` lines of a refusal, without the file's name."""
    prefix = f"{file}:"
    return [line[len(prefix) :] for line in err.splitlines() if line.startswith(prefix)]


def assert_nothing_english(danish: str, english: str) -> None:
    """No line of the Danish run is a line of the English run (the same problems, in other
    words), and the Danish run said something."""
    said = [line for line in danish.splitlines() if line.strip()]
    assert said
    leaked = [line for line in said if line in english.splitlines()]
    assert leaked == []


@pytest.fixture
def roster(tmp_path: Path, db_path: Path) -> Path:
    repo = open_repository(str(db_path))
    try:
        repo.people.create("Ole Dahl", "lead_self", email="ole@example.dk")
    finally:
        repo.close()
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def test_every_kind_of_roster_problem_is_said_in_danish(run_cli, roster, db_path) -> None:
    danish = run_cli("--db", db_path, "--lang", "da", "people", "import", roster)
    assert danish.code == 2
    assert problem_lines(danish.err, roster) == ROSTER_DA
    assert danish.err.endswith(f"pipeline-tui: 14 fejl i {roster}: intet er importeret\n")
    english = run_cli("--db", db_path, "--lang", "en", "people", "import", roster)
    assert english.code == 2
    assert problem_lines(english.err, roster) == ROSTER_EN  # as it always said
    assert english.err.endswith(f"pipeline-tui: 14 problems in {roster}: nothing was imported\n")
    assert_nothing_english(danish.err, english.err)
    assert_nothing_english(
        run_cli("--db", db_path, "--lang", "da", "people", "import", roster, "--dry-run").err,
        english.err,
    )


@pytest.mark.parametrize(
    ("content", "danish"),
    [
        (b"navn;email;foo\n", "1: ukendt kolonne: 'foo'; manglende kolonne: niveau (forventet: "
         "navn;email;titel;enhed;niveau;leder_email – eller på engelsk: name, email, title, unit, "
         "layer, manager_email)"),
        (b"", "1: overskriftslinjen mangler: kolonnerne skal være navn, e-mail, titel, enhed, "
         "niveau, lederens e-mail"),
        (b"name,email,layer\nA\x00,a@example.dk,lead_self\n",
         "2: indeholder en NUL-byte: det er ikke en CSV-fil"),
        (b"name,email,layer\n\x81\x8d\x8f\x90\x9d,a@example.dk,lead_self\n",
         "2: hverken UTF-8 eller Windows-1252: gem listen i Excel som »CSV UTF-8«"),
        (b'name,email,layer\n"Anna,a@example.dk,lead_self\n',
         "2: fejl i CSV-formatet: filen slutter inde i et felt i anførselstegn (det "
         "afsluttende anførselstegn mangler)"),
    ],
    ids=["columns", "no header", "nul", "encoding", "quote"],
)  # fmt: skip
def test_a_roster_that_cannot_be_read_is_refused_in_danish(
    run_cli, tmp_path: Path, db_path: Path, content: bytes, danish: str
) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    result = run_cli("--db", db_path, "--lang", "da", "people", "import", path)
    assert result.code == 2
    assert problem_lines(result.err, path) == [danish]
    english = run_cli("--db", db_path, "people", "import", path)
    assert_nothing_english(result.err, english.err)


def test_a_windows_roster_is_reported_in_danish_once(run_cli, tmp_path: Path, db_path) -> None:
    """How the file was read is said once (a new database's roster said it twice)."""
    path = tmp_path / "roster.csv"
    path.write_bytes("name;email;layer\nSøren;soren@example.dk;lead_self\n".encode("cp1252"))
    result = run_cli("--db", db_path, "--lang", "da", "people", "import", path)
    assert result.code == 0, result.err
    assert result.err == f"{path}: ikke UTF-8 – læst som Windows-1252 (dansk Excel-CSV)\n"


def test_one_person_in_the_short_danish_layer_name(run_cli, tmp_path: Path, db_path) -> None:
    """A Danish HR roster in the app's words: "Niveau" with the layer's name as a person types
    it, without its note in brackets ("Leder af sig selv" for "Leder af sig selv
    (medarbejder)", refused as an unknown layer), and one person is "1 person" (it said
    "1 personer" / "1 people")."""
    path = tmp_path / "liste.csv"
    path.write_text(
        "Navn;E-mail;Stilling;Afdeling;Niveau;Lederens e-mail\n"
        "Søren Ærø;soren@example.dk;Portør;Logistik;leder af sig selv;\n",
        encoding="utf-8",
    )
    dry = run_cli("--db", db_path, "--lang", "da", "people", "import", path, "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out == f"{path}: 1 person kan importeres (prøvekørsel, intet skrevet)\n"
    done = run_cli("--db", db_path, "--lang", "da", "people", "import", path)
    assert done.code == 0, done.err
    assert done.out.startswith("Importerede 1 person i ")
    listed = json.loads(run_cli("--db", db_path, "people", "list", "--json").out)
    assert [(p["name"], p["layer"]) for p in listed] == [("Søren Ærø", "lead_self")]


def test_every_kind_of_feedback_problem_is_said_in_danish(
    run_cli, talks, db_path: Path, tmp_path: Path
) -> None:
    e, lus, signed, ids = talks["evaluation"], talks["lus"], talks["signed"], talks["ids"]
    body = (
        f"{e},peer,r1,{ids[0]},4,Godt\n"  # 2: fine
        f"{e},boss,r2,{ids[0]},4,\n"  # 3
        f"{e},peer,,{ids[0]},4,\n"  # 4
        f"{e},peer,r3,lead_self.planning,4,\n"  # 5
        f"{e},peer,r4,{ids[0]},6,\n"  # 6
        f"{lus},peer,r5,{ids[0]},3,\n"  # 7
        f"{signed},report,r6,{ids[0]},3,\n"  # 8
        f"999,peer,r7,{ids[0]},3,\n"  # 9
        f"x,peer,r7,{ids[0]},3,\n"  # 10
        f"{e},peer,r1,{ids[0]},5,\n"  # 11
        f"{e},report,r1,{ids[1]},5,\n"  # 12
        f"{e},other,r8,{ids[1]},5,\n"  # 13
        f"{e},peer,r9,{ids[1]}\n"  # 14
        f"{e},peer,anna@example.dk,{ids[1]},3,\n"  # 15
        f"{e},peer,Mette Holm,{ids[1]},3,\n"  # 16
        f"{e},peer,r10,,3,\n"  # 17
    )
    path = tmp_path / "answers.csv"
    path.write_text(
        "conversation_id,group,rater,expectation_id,score,comment\n" + body, encoding="utf-8"
    )
    danish = run_cli("--db", db_path, "--lang", "da", "feedback", "import", path)
    assert danish.code == 2
    rater_id = "brug spørgeskemaværktøjets anonyme respondent-id"
    assert problem_lines(danish.err, path) == [
        "3: group 'boss' skal være en af peer (kollega), report (medarbejder), other (anden)",
        "4: rater er tom (der skal stå spørgeskemaværktøjets anonyme respondent-id)",
        f"5: expectation_id 'lead_self.planning' hører ikke til indholdet i samtale {e}",
        "6: score '6' er ikke på skalaen (1, 2, 3, 4, 5 – eller tom for ikke observeret)",
        f"7: samtale {lus} er en LUS: kun en lederevaluering (eller en samtaletype, som "
        "indholdspakken lader spørge andre) tager imod svar fra andre",
        f"8: samtale {signed} er underskrevet: der kan ikke komme flere svar til",
        "9: der er ingen samtale med id 999",
        "10: conversation_id er 'x' – der skal stå samtalens nummer",
        f"11: denne bedømmer har allerede besvaret '{ids[0]}' i linje 2",
        "12: denne bedømmer er peer (kollega) i linje 2, men report (medarbejder) her",
        f"13: samtale {e} er en lederevaluering, som spørger peer (kollega), report (medarbejder) "
        "– ikke other (anden)",
        "14: antallet af felter er 4, men skal være 6",
        f"15: rater ligner en e-mailadresse: {rater_id} – en adresse kan føres tilbage til "
        "personen",
        f"16: rater er navnet eller e-mailadressen på en person i databasen: {rater_id} – et "
        "navn kan føres tilbage til personen",
        f"17: expectation_id er tom (samtale {e})",
    ]
    assert danish.err.endswith(f"pipeline-tui: 15 fejl i {path}: intet er importeret\n")
    english = run_cli("--db", db_path, "--lang", "en", "feedback", "import", path)
    assert "3: group 'boss' is not one of peer, report, other" in problem_lines(english.err, path)
    assert_nothing_english(danish.err, english.err)


def test_file_refusals_are_said_in_danish(run_cli, repo, db_path: Path, tmp_path: Path) -> None:
    anna = repo.people.create("Anna Berg", "lead_others").id
    taken = tmp_path / "taken.json"
    taken.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(taken)
    too_long = tmp_path / ("a" * 300 + ".json")
    cases = [
        (("export", "-o", taken), f"{taken} findes allerede: intet er skrevet (vælg en anden "
         "fil, eller tilføj --force for at erstatte den)"),
        (("export", "-o", tmp_path / "nowhere" / "x.json"),
         f"mappen {tmp_path / 'nowhere'} findes ikke"),
        (("export", "-o", taken / "x.json"),
         f"{taken} er en fil, ikke en mappe: x.json kan ikke skrives i den"),
        (("export", "-o", link, "--force"), f"{link} er et symbolsk link: det er ikke overskrevet"),
        (("export", "-o", os.devnull), f"{os.devnull} er ikke en almindelig fil (men en enhed "
         "eller en pipe): intet er skrevet"),
        (("export", "-o", too_long), f"kan ikke skrive {too_long}: filnavnet er for langt"),
        (("prep", "print", anna, "--format", "markdown", "-o", too_long),
         f"kan ikke skrive {too_long}: filnavnet er for langt"),
        (("db", "backup", db_path), "backuppen kan ikke være selve databasen: vælg en anden fil"),
        (("--content", tmp_path / "nowhere", "db", "path"),
         f"indholdsmappen findes ikke: {tmp_path / 'nowhere'}"),
        (("people", "import", tmp_path / "missing.csv"),
         f"filen findes ikke: {tmp_path / 'missing.csv'}"),
    ]  # fmt: skip
    for args, danish in cases:
        result = run_cli("--db", db_path, "--lang", "da", *args)
        assert (result.code, result.err) == (2, f"pipeline-tui: {danish}\n"), args
        english = run_cli("--db", db_path, "--lang", "en", *args)
        assert english.code == 2
        assert_nothing_english(result.err, english.err)


def test_database_refusals_are_said_in_danish(run_cli, tmp_path: Path) -> None:
    not_ours = tmp_path / "budget.xlsx"
    not_ours.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
    made = tmp_path / "made.db"
    open_repository(str(made)).close()
    cut = tmp_path / "cut.db"
    whole = made.read_bytes()
    cut.write_bytes(whole[: len(whole) // 2])
    cases = [
        (not_ours, f"{not_ours} er ikke en pipeline-tui-database (ikke en SQLite-fil)"),
        (tmp_path, f"{tmp_path} er en mappe, ikke en databasefil"),
        (foreign, f"{foreign} indeholder tabeller, men ingen pipeline-tui-skemaversion: det er "
         "ikke en pipeline-tui-database, og den er ikke rørt"),
        (newer, f"{newer} er skrevet af en nyere pipeline-tui (skema 9999; dette program kender "
         "op til "),
        (cut, f"databasen {cut} er beskadiget (afkortet: {len(whole) // 2} af {len(whole)} "
         "bytes): intet er ændret. Gendan den fra en sikkerhedskopi"),
    ]  # fmt: skip
    for db, danish in cases:
        result = run_cli("--db", db, "--lang", "da", "people", "list")
        assert result.code == 2, db
        assert result.err.startswith(f"pipeline-tui: {danish}"), result.err
        assert result.err.count("\n") == 1
        english = run_cli("--db", db, "--lang", "en", "people", "list")
        assert_nothing_english(result.err, english.err)


def test_the_bare_command_refuses_a_database_in_danish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pipeline-tui --lang da --db FILE` (the app, opened without click) said it in English."""
    from pipeline_tui.launch import open_app

    not_ours = tmp_path / "budget.xlsx"
    not_ours.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    for lang, said in (
        ("da", f"{not_ours} er ikke en pipeline-tui-database (ikke en SQLite-fil)"),
        ("en", f"{not_ours} is not a pipeline-tui database (not a SQLite file)"),
    ):
        assert open_app({"--db": str(not_ours), "--lang": lang}) == 2
        assert capsys.readouterr().err == f"pipeline-tui: {said}\n"


def test_db_check_speaks_danish(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "pipeline.db"
    repo = open_repository(str(db))
    try:
        anna = repo.people.create("Anna Berg", "lead_others")
        jonas = repo.people.create("Jonas Friis", "lead_self", manager_id=anna.id)
    finally:
        repo.close()
    fine = run_cli("--db", db, "--lang", "da", "db", "check")
    assert (fine.code, fine.out) == (
        0,
        f"{db}: 2 personer, 0 samtaler, 0 sletninger\n{db}: i orden\n",
    )
    assert_nothing_english(fine.out, run_cli("--db", db, "--lang", "en", "db", "check").out)
    with sqlite3.connect(db) as connection:  # what only a bug or a hand could write
        connection.execute("UPDATE person SET manager_id = ? WHERE id = ?", (jonas.id, anna.id))
        connection.execute("UPDATE person SET version = 0 WHERE id = ?", (jonas.id,))
    found = run_cli("--db", db, "--lang", "da", "db", "check")
    assert found.code == 2
    assert found.err.splitlines() == [
        f"{db}: version: person {jonas.id} har version 0 (skal være mindst 1)",
        f"{db}: lederne går i ring: personerne {jonas.id} -> {anna.id} -> {jonas.id}",
        f"pipeline-tui: 2 fejl i {db}",
    ]
    english = run_cli("--db", db, "--lang", "en", "db", "check")
    assert english.err.splitlines()[-1] == f"pipeline-tui: 2 problems in {db}"
    assert_nothing_english(found.err, english.err)
    assert run_cli("--db", db.with_name("none.db"), "--lang", "da", "db", "check").err == (
        f"pipeline-tui: der er ingen database i {db.with_name('none.db')}\n"
    )


def test_an_export_file_that_cannot_be_imported_is_refused_in_danish(
    run_cli, tmp_path: Path
) -> None:
    source = tmp_path / "source.db"
    repo = open_repository(str(source))
    try:
        repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    finally:
        repo.close()
    exported = tmp_path / "export.json"
    assert run_cli("--db", source, "export", "-o", exported).code == 0
    text = exported.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"Anna Berg"' in row)
    cases = [
        (text.replace('"version": 1', '"version": "one"'),
         [f"linje {line}: person række 1: version skal være et tal"]),
        (text.replace('"anna@example.dk"', '"anna(at)example.dk"').replace(
            '"layer": "lead_others"', '"layer": "lead_nobody"'),
         [f"linje {line}: person 1: 'anna(at)example.dk' er ikke en gyldig e-mailadresse",
          f"linje {line}: person 1: ukendt niveau 'lead_nobody' (kendte: lead_self, "
          "lead_others, lead_leaders, lead_function, lead_business)"]),
        (text.replace('"format_version": 1', '"format_version": 7'),
         ["linje 1: format_version 7 understøttes ikke"]),
        ('{"people" []}', ["linje 1: ikke gyldig JSON: Expecting ':' delimiter"]),
        ("{", ["linje 1: filen slutter midt i eksporten: den er blevet afkortet (en fuld disk, "
               "en kopi, der ikke blev færdig?)"]),
    ]  # fmt: skip
    target = tmp_path / "new.db"
    for content, danish in cases:
        broken = tmp_path / "broken.json"
        broken.write_text(content, encoding="utf-8")
        result = run_cli("--db", target, "--lang", "da", "import", broken)
        assert result.code == 2
        assert result.err.splitlines() == ["pipeline-tui: filen er ikke importeret:", *danish]
        english = run_cli("--db", target, "--lang", "en", "import", broken)
        assert english.err.startswith("pipeline-tui: the file was not imported:\nline ")
        assert_nothing_english(result.err, english.err)
    assert not target.exists()


@pytest.mark.parametrize("scrub", [False, True])
def test_an_erasure_and_its_mentions_are_reported_in_danish(
    run_cli, sample_org, repo, db_path: Path, tmp_path: Path, scrub: bool
) -> None:
    """Anna's name in Jonas's records: listed, then kept (a namesake has her name), and the
    copies that may still hold her named."""
    anna = sample_org.anna
    repo.people.create("Anna Berg", "lead_self", email="anna.berg2@example.dk")  # a namesake
    copy = tmp_path / "copy.json"
    assert run_cli("--db", db_path, "export", "-o", copy).code == 0
    listed = run_cli("--db", db_path, "--lang", "da", "person", "mentions", anna)
    assert listed.code == 0, listed.err
    kept = "[bevares: en anden person hedder det samme – det kan være vedkommende]"
    talk = f"samtale {sample_org.jonas_talk} (Jonas Friis, 14.04.2026)"  # not 2026-04-14
    assert listed.out.splitlines()[0] == f"{talk} action.owner #3, navn: Anna Berg  {kept}"
    assert listed.err == "2 omtaler\n"
    english = run_cli("--db", db_path, "--lang", "en", "person", "mentions", anna)
    assert "(Jonas Friis, 14 Apr 2026)" in english.out.splitlines()[0]
    assert_nothing_english(listed.out + listed.err, english.out + english.err)

    erased = run_cli(
        "--db", db_path, "--lang", "da", "person", "erase", anna, "--yes",
        *(["--scrub-mentions"] if scrub else []),
    )  # fmt: skip
    assert erased.code == 0, erased.err
    assert erased.out.splitlines()[1:] == [
        "Samtaler, som vedkommende har holdt, og som nu står som holdt af en slettet person: 1"
    ]
    kept_by_name = (
        "Omtaler af navnet, der er bevaret, fordi en anden person hedder det samme og de derfor "
        "kan handle om vedkommende: 2."
        if scrub
        else "Hvor andres noter nævner vedkommende ved navn, står det der stadig (se dem med "
        "`person mentions ID` før sletningen; --scrub-mentions erstatter dem)."
    )
    said = erased.err.splitlines()
    assert said[0] == "Anna Berg er leder for 1 person, som derefter står uden leder."
    assert said[1:3] == [
        kept_by_name,
        "Disse kopier er lavet før nu og kan stadig indeholde vedkommendes data – slet dem, "
        "eller lav dem igen:",
    ]
    assert said[3].endswith(f"  eksport: {copy}")
    assert said[4:] == [
        "Backups, eksporter og udskrevne planer, der er lavet før nu, kan stadig indeholde "
        "vedkommendes data (også kopier lavet med andre værktøjer) – slet dem, eller lav dem "
        "igen."
    ]


def test_links_databases_and_backups_are_refused_in_danish(
    run_cli, tmp_path: Path, db_path: Path
) -> None:
    """What QA still found English under --lang da: a database in a folder that does not
    exist, a URL the database engine cannot use, a backup of a damaged database, a rating
    link for a MUS, a serve address that cannot work; and "link(s)" when one is revoked."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        boss = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        jonas = repo.people.create(
            "Jonas Friis", "lead_self", email="jonas@example.dk", manager_id=boss.id
        )
        mus = services.start_conversation(repo, pack, jonas.id, kind="mus").id
    finally:
        repo.close()

    def refused(*args: str | Path) -> str:
        result = run_cli("--lang", "da", *args)
        assert result.code == 2 and result.out == "", result
        assert result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
        return result.err.removeprefix("pipeline-tui: ").rstrip("\n")

    missing = tmp_path / "mangler"
    assert refused("--db", missing / "x.db", "people", "list") == (
        f"mappen {missing} findes ikke: x.db kan ikke oprettes dér"
    )
    assert refused("--db", "foo://x", "people", "list").startswith(
        "kan ikke bruge databasen foo://x: "
    )
    assert refused("--db", db_path, "invite", str(mus), "--group", "peer") == (
        f"samtale {mus} (MUS) spørger kun lederen og lederens leder: kun en lederevaluering "
        "(eller en samtaletype, som indholdspakken lader spørge andre) tager imod svar fra andre"
    )
    assert refused("--db", db_path, "invite", str(mus), "--url", "javascript:x") == (
        "adressen på pipeline-tui serve skal begynde med http:// eller https://, "
        "ikke 'javascript:x'"
    )
    assert refused("--db", db_path, "invite", str(mus), "--url", "http://x/?a=1").startswith(
        "adressen på pipeline-tui serve slutter før et '?' eller '#': ikke 'http://x/?a=1'"
    )
    made = run_cli("--lang", "da", "--db", db_path, "invite", str(mus))
    assert made.code == 0, made.err
    revoked = run_cli("--lang", "da", "--db", db_path, "invite", str(mus), "--revoke")
    assert revoked.out == f"Trak 1 link til samtale {mus} tilbage\n"

    damaged = tmp_path / "skadet.db"
    data = bytearray(db_path.read_bytes())
    data[4096 * 2 : 4096 * 6] = bytes(range(256)) * 64
    damaged.write_bytes(bytes(data))
    said = refused("--db", damaged, "db", "backup", tmp_path / "kopi.db")
    assert said.startswith("databasen er beskadiget (") and said.endswith(
        "der er ikke taget nogen sikkerhedskopi (kopiér selve filen, fx med cp, for at gemme "
        "den, som den er)"
    ), said
    assert not (tmp_path / "kopi.db").exists()
