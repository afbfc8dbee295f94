"""What the command line still said in English under --lang da (or PIPELINE_TUI_LANG=da):
`content validate`'s summary and its own problem lines, the column names of a roster's
header problems, the rater groups and conversation kinds in `feedback import`'s lines,
click's own usage errors; and counts written "problem(s)", "1 rows", "1 answers" in either
language. The same runs in English say what they said, a count of one in the singular."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parents[3] / "content"
HELP = re.compile(r"Se 'pipeline-tui[\w ]* --help' for at få hjælp\.")


def pack_copy(where: Path) -> Path:
    """A copy of the shipped default pack at `where`."""
    shutil.copytree(SHIPPED / "default", where)
    return where


# content validate


def test_a_valid_pack_is_counted_in_danish(run_cli) -> None:
    danish = run_cli("--lang", "da", "content", "validate", SHIPPED)
    assert danish.code == 0, danish.err
    said = re.fullmatch(
        rf"OK default \S+ \({re.escape(str(SHIPPED / 'default'))}\): \d+ niveauer, "
        r"\d+ forventninger, \d+ kortspil med \d+ kort, \d+ aktiviteter; sprog: da, en\n",
        danish.out,
    )
    assert said is not None, danish.out
    english = run_cli("--lang", "en", "content", "validate", SHIPPED)
    assert re.fullmatch(
        r"OK default \S+ \(.+\): \d+ layers, \d+ expectations, \d+ decks with \d+ cards, "
        r"\d+ activities; languages da, en\n",
        english.out,
    ), english.out


def test_a_broken_pack_is_summed_up_in_danish(run_cli, tmp_path: Path) -> None:
    """A key missing in one copy, YAML that does not parse in another, a third one fine."""
    packs = tmp_path / "packs"
    missing = pack_copy(packs / "mangler")
    manifest = missing / "pack.yaml"
    manifest.write_text(
        re.sub(r"(?m)^version:.*\n", "", manifest.read_text(encoding="utf-8")), encoding="utf-8"
    )
    broken = pack_copy(packs / "yaml")
    (broken / "scale.yaml").write_text("levels: [\n  - bad\n", encoding="utf-8")
    pack_copy(packs / "fin")

    danish = run_cli("--lang", "da", "content", "validate", packs)
    assert danish.code == 2
    lines = danish.out.splitlines()
    assert len(lines) == 2, danish.out
    assert lines[0].startswith(f"{manifest}:") and lines[1].startswith(f"{broken}/scale.yaml:")
    assert danish.err == (
        "pipeline-tui: 2 fejl i 3 indholdspakker: ret dem, og kør kommandoen igen\n"
    )
    english = run_cli("--lang", "en", "content", "validate", packs)
    assert english.out.splitlines()[0].endswith(": missing field 'version'")
    assert danish.out.splitlines()[0].endswith(": feltet 'version' mangler")
    assert ": ikke gyldig YAML: " in lines[1] and ": not valid YAML: " in english.out
    assert english.err == (
        "pipeline-tui: 2 problems in 3 content packs; fix them and run the command again\n"
    )

    one = run_cli("--lang", "da", "content", "validate", missing)
    assert one.code == 2
    assert one.err == "pipeline-tui: 1 fejl i 1 indholdspakke: ret den, og kør kommandoen igen\n"


def test_no_pack_and_one_id_twice_are_said_in_danish(run_cli, tmp_path: Path) -> None:
    empty = tmp_path / "tom"
    empty.mkdir()
    nothing = run_cli("--lang", "da", "content", "validate", empty)
    assert (nothing.code, nothing.out) == (
        2,
        f"{empty}: her er ingen indholdspakke (en pakkemappe indeholder pack.yaml)\n",
    )
    assert nothing.err == (
        "pipeline-tui: 1 fejl i 1 indholdspakke: ret den, og kør kommandoen igen\n"
    )
    pack_copy(tmp_path / "to" / "a")
    pack_copy(tmp_path / "to" / "b")
    twice = run_cli("--lang", "da", "content", "validate", tmp_path / "to")
    assert twice.code == 2
    a, b = tmp_path / "to" / "a" / "pack.yaml", tmp_path / "to" / "b" / "pack.yaml"
    assert twice.out == (
        f"{b}: pakke-id'et 'default' bruges også af {a} – giv hver pakke sit eget id\n"
    )
    english = run_cli("--lang", "en", "content", "validate", tmp_path / "to")
    assert english.out == (
        f"{b}: pack id 'default' is also used by {a}; give each pack its own id\n"
    )


# people import, person mentions / erase


@pytest.mark.parametrize(
    ("header", "danish", "english"),
    [
        ("navn;email\n", "manglende kolonne: niveau (forventet: ",
         "missing column layer (expected: "),
        ("navn;name;email;lag\n", "kolonne, der står to gange: navn (forventet: ",
         "column given twice: name (expected: "),
        ("", "overskriftslinjen mangler: kolonnerne skal være navn, e-mail, titel, enhed, "
         "niveau, lederens e-mail",
         "no header: expected name, email, title, unit, layer, manager_email"),
    ],
    ids=["missing", "twice", "no header"],
)  # fmt: skip
def test_a_roster_header_names_its_columns_in_danish(
    run_cli, tmp_path: Path, db_path: Path, header: str, danish: str, english: str
) -> None:
    roster = tmp_path / "liste.csv"
    roster.write_text(header, encoding="utf-8")
    said = run_cli("--db", db_path, "--lang", "da", "people", "import", roster)
    assert said.code == 2
    lines = said.err.splitlines()
    assert lines[0].startswith(f"{roster}:1: {danish}"), said.err
    assert lines[1:] == [f"pipeline-tui: 1 fejl i {roster}: intet er importeret"]
    as_before = run_cli("--db", db_path, "--lang", "en", "people", "import", roster)
    lines = as_before.err.splitlines()
    assert lines[0].startswith(f"{roster}:1: {english}"), as_before.err
    assert lines[1:] == [f"pipeline-tui: 1 problem in {roster}: nothing was imported"]
    assert not db_path.exists()


def test_roster_problems_are_counted_without_s_in_brackets(
    run_cli, tmp_path: Path, db_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,layer\nA,a-at-example.dk,lead_self\nB,,x\n", encoding="utf-8")
    english = run_cli("--db", db_path, "people", "import", roster)
    assert english.code == 2
    assert english.err.splitlines()[-1] == (
        f"pipeline-tui: 3 problems in {roster}: nothing was imported"
    )
    assert "(s)" not in english.err


def test_an_erasure_counts_one_in_the_singular(
    run_cli, sample_org, repo, db_path: Path, tmp_path: Path
) -> None:
    """Anna conducted one conversation; her name is in Jonas's records and a namesake has it."""
    repo.people.create("Anna Berg", "lead_self", email="anna.berg2@example.dk")
    alone = repo.people.create("Ib Ene", "lead_self").id
    mentions = run_cli("--db", db_path, "person", "mentions", sample_org.anna)
    assert mentions.code == 0, mentions.err
    assert re.fullmatch(r"\d+ mentions\n", mentions.err), mentions.err

    english = run_cli(
        "--db", db_path, "person", "erase", sample_org.anna, "--yes", "--scrub-mentions"
    )
    assert english.code == 0, english.err
    assert english.out.splitlines()[1] == (
        "1 conversation they conducted now shows the conductor as erased"
    )
    assert re.search(r"^\d+ mentions? of their name (were|was) kept", english.err, re.M)
    assert "(s)" not in english.out + english.err

    danish = run_cli("--db", db_path, "--lang", "da", "person", "erase", alone, "--yes")
    assert danish.out.splitlines()[0] == f"Person {alone} er slettet (1 række fjernet)"


# feedback import


def answers(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "svar.csv"
    path.write_text(
        "conversation_id,group,rater,expectation_id,score,comment\n" + body, encoding="utf-8"
    )
    return path


def test_feedback_problems_name_groups_and_kinds_in_danish(
    run_cli, talks, db_path: Path, tmp_path: Path
) -> None:
    e, lus, ids = talks["evaluation"], talks["lus"], talks["ids"]
    path = answers(
        tmp_path,
        f"{e},peer,r1,{ids[0]},4,\n"  # 2: fine
        f"{e},boss,r2,{ids[0]},4,\n"  # 3: no such group
        f"{lus},peer,r5,{ids[0]},3,\n"  # 4: a LUS asks no one else
        f"{e},report,r1,{ids[1]},5,\n"  # 5: r1 is a peer on line 2
        f"{e},other,r8,{ids[1]},5,\n",  # 6: the evaluation asks peers and reports
    )
    danish = run_cli("--db", db_path, "--lang", "da", "feedback", "import", path)
    assert danish.code == 2
    groups = "peer (kollega), report (medarbejder), other (anden)"
    assert danish.err.splitlines() == [
        f"{path}:3: group 'boss' skal være en af {groups}",
        f"{path}:4: samtale {lus} er en LUS: kun en lederevaluering (eller en samtaletype, som "
        "indholdspakken lader spørge andre) tager imod svar fra andre",
        f"{path}:5: denne bedømmer er peer (kollega) i linje 2, men report (medarbejder) her",
        f"{path}:6: samtale {e} er en lederevaluering, som spørger peer (kollega), report "
        "(medarbejder) – ikke other (anden)",
        f"pipeline-tui: 4 fejl i {path}: intet er importeret",
    ]
    english = run_cli("--db", db_path, "--lang", "en", "feedback", "import", path)
    assert english.err.splitlines() == [
        f"{path}:3: group 'boss' is not one of peer, report, other",
        f"{path}:4: conversation {lus} is a LUS: only a leadership evaluation (or a kind the "
        "pack lets ask others) takes answers from others",
        f"{path}:5: this rater is peer on line 2, report here",
        f"{path}:6: a leadership evaluation asks peer, report, not other (conversation {e})",
        f"pipeline-tui: 4 problems in {path}: nothing was imported",
    ]


def test_one_answer_and_one_problem_in_the_singular(
    run_cli, talks, db_path: Path, tmp_path: Path
) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    path = answers(tmp_path, f"{e},peer,r1,{ids[0]},4,\n")
    dry = run_cli("--db", db_path, "--lang", "da", "feedback", "import", path, "--dry-run")
    assert dry.out == f"{path}: 1 svar fra 1 bedømmer kan importeres (prøvekørsel, intet skrevet)\n"
    done = run_cli("--db", db_path, "feedback", "import", path)
    assert done.code == 0, done.err
    assert done.out == f"Imported 1 answer from 1 rater into {db_path}\n"
    bad = answers(tmp_path, f"{e},peer,r1,{ids[0]},9,\n")
    refused = run_cli("--db", db_path, "feedback", "import", bad)
    assert refused.err.splitlines()[-1] == (
        f"pipeline-tui: 1 problem in {bad}: nothing was imported"
    )


# click's usage errors


USAGE = [
    (("people", "import", "--foo", "x"), "ukendt tilvalg: --foo"),
    (("--foo", "db", "path"), "ukendt tilvalg: --foo"),
    (("person", "export", "1", "--outpt", "x"), "ukendt tilvalg: --outpt. Mente du --output?"),
    (("nosuch",), "ukendt kommando: nosuch"),
    (("person", "erase"), "mangler argumentet PERSON_ID"),
    (("person", "erase", "1", "2"), "uventet ekstra argument: 2"),
    (("person", "erase", "1", "2", "3"), "uventede ekstra argumenter: 2 3"),
    (("overview", "--format", "xml"),
     "ugyldig værdi for --format: 'xml' er ikke en af mulighederne (text, json, csv)"),
    (("overview", "--year", "next"), "ugyldig værdi for --year: 'next' er ikke et helt tal"),
    (("overview", "--year", "0"), "ugyldig værdi for --year: 0 er ikke mellem 1 og 9999"),
    (("person", "erase", "0"),
     "ugyldig værdi for PERSON_ID: 0 er mindre end 1"),
    (("plan", "print", "1", "--lang", "xx"),
     "ugyldig værdi for --lang: 'xx' er ikke en af mulighederne (da, en)"),
    (("people", "list", "--json=3"), "--json tager ingen værdi"),
    (("export", "--output"), "--output skal have en værdi"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "danish"), USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_click_usage_errors_are_said_in_danish(
    run_cli, db_path: Path, args: tuple[str, ...], danish: str
) -> None:
    said = run_cli("--lang", "da", "--db", db_path, *args)
    assert (said.code, said.out) == (2, "")
    lines = said.err.splitlines()
    assert lines[0] == f"pipeline-tui: {danish}", said.err
    assert len(lines) <= 2 and all(HELP.fullmatch(line) for line in lines[1:]), said.err
    english = run_cli("--lang", "en", "--db", db_path, *args)
    assert english.code == 2
    assert english.err.splitlines()[-1].startswith("Error: ")  # click's own, as before
    assert not db_path.exists()


def test_a_usage_error_follows_the_language_of_the_environment(
    run_cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mappe"
    folder.mkdir()
    monkeypatch.setenv("PIPELINE_TUI_LANG", "da")
    said = run_cli("--db", db_path, "people", "import", folder)
    assert said.code == 2
    assert said.err == (
        f"pipeline-tui: ugyldig værdi for FIL: {folder} er en mappe, ikke en fil\n"
        "Se 'pipeline-tui people import --help' for at få hjælp.\n"
    )
    assert run_cli("--lang", "en", "--db", db_path, "nosuch").err.endswith(
        "Error: No such command 'nosuch'.\n"
    )


def test_a_group_without_its_command_still_shows_its_help(run_cli) -> None:
    shown = run_cli("--lang", "da", "people")
    assert shown.code == 2
    assert "import" in shown.err and "list" in shown.err and "pipeline-tui:" not in shown.err
