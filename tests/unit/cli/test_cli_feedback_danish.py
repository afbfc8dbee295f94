"""feedback import of a Danish survey export: the columns and the rater groups named as the
app names them under --lang da (or in English as it shows them), and the file's bytes read
as a roster's are (UTF-16 "Unicode text", a Windows-1252 row among UTF-8 ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_tui.core.feedback import group_names
from pipeline_tui.texts import LANGUAGES, catalog
from pipeline_tui.vocabulary import RATER_GROUPS

DANISH_HEADER = "Samtale-ID;Gruppe;Bedømmer;Forventning_id;Vurdering;Kommentar\r\n"


def stored(peek) -> list[tuple[str, int | None, str]]:
    return peek(
        "SELECT r.rater_group, a.score, a.comment FROM feedback_answer a "
        "JOIN feedback_rater r ON r.id = a.rater_id ORDER BY a.id"
    )


def refusal(result, path: Path) -> list[str]:
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err and "unexpected error" not in result.err
    return [line for line in result.err.splitlines() if line.startswith(f"{path}:")]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_danish_export_imports_with_danish_columns_and_groups(
    talks, db_path: Path, tmp_path: Path, run_cli, peek, lang: str
) -> None:
    """Danish column names and the groups as the app shows them in Danish ("Kolleger",
    "Medarb.", a rater's "kollega"): all were unknown columns, then unknown groups."""
    e, ids = talks["evaluation"], talks["ids"]
    path = tmp_path / "svar.csv"
    path.write_text(
        DANISH_HEADER
        + f"{e};Kolleger;k1;{ids[0]};4;Lytter godt\r\n"
        + f"{e};koll.;k2;{ids[0]};3;\r\n"
        + f"{e};kollega;k3;{ids[1]};ikke observeret;\r\n"
        + f"{e};Medarbejdere;m1;{ids[0]};5;Giver plads til os\r\n"
        + f"{e};MEDARB.;m2;{ids[0]};2;\r\n"
        + f"{e}; medarbejder ;m3;{ids[0]};4;\r\n",
        encoding="utf-8-sig",
    )
    result = run_cli("--db", db_path, "--lang", lang, "feedback", "import", path)
    assert result.code == 0, result.err
    assert stored(peek) == [
        ("peer", 4, "Lytter godt"),
        ("peer", 3, ""),
        ("peer", None, ""),
        ("report", 5, "Giver plads til os"),
        ("report", 2, ""),
        ("report", 4, ""),
    ]


def test_english_display_names_and_column_spellings_are_taken_too(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    path = tmp_path / "answers.csv"
    path.write_text(
        "Conversation ID,Group,Rater,Expectation-ID,Score,Comment\n"
        f"{e},Peers,p1,{ids[0]},4,\n"
        f"{e},Direct reports,r1,{ids[0]},3,\n"
        f"{e},direct report,r2,{ids[0]},3,\n",
        encoding="utf-8",
    )
    result = run_cli("--db", db_path, "feedback", "import", path)
    assert result.code == 0, result.err
    assert [row[0] for row in stored(peek)] == ["peer", "report", "report"]


def test_every_name_the_app_shows_for_a_group_is_that_group() -> None:
    """The names of the catalogs (the summary, its short column heads, the printed plan; in
    every language) each name one group, and the group they are shown for."""
    names = group_names()
    for lang in LANGUAGES:
        texts = catalog(lang)
        for group in RATER_GROUPS:
            for prefix in ("summary.group.", "summary.group_short.", "doc.group."):
                shown = texts[prefix + group].lower()
                assert names[shown] == group, (lang, prefix, shown)
    assert names["andre"] == "other" and names["kollega"] == "peer"
    assert set(names.values()) == set(RATER_GROUPS)


def test_a_group_that_is_none_of_them_is_refused_by_line(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    path = tmp_path / "svar.csv"
    path.write_text(
        DANISH_HEADER + f"{e};Kolleger;k1;{ids[0]};4;\r\n" + f"{e};Chefer;c1;{ids[0]};4;\r\n",
        encoding="utf-8",
    )
    problems = refusal(run_cli("--db", db_path, "feedback", "import", path), path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:3: ")
    assert "Chefer" in problems[0]
    assert stored(peek) == []


def test_an_unknown_danish_column_is_still_refused(
    talks, db_path: Path, tmp_path: Path, run_cli
) -> None:
    path = tmp_path / "svar.csv"
    path.write_text(DANISH_HEADER.replace("Gruppe", "Hold") + "1;Kolleger;k1;x;4;\r\n")
    problems = refusal(run_cli("--db", db_path, "feedback", "import", path), path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:1: ")
    assert "'Hold'" in problems[0] and "group" in problems[0]  # as the file writes it


def test_a_utf16_tab_separated_export_imports(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    """Excel's "Unicode text": UTF-16 with its byte order mark, tab separated. It was
    refused as "not a CSV file" for its NUL bytes."""
    e, ids = talks["evaluation"], talks["ids"]
    text = DANISH_HEADER.replace(";", "\t") + f"{e}\tKolleger\tk1\t{ids[0]}\t4\tGør det godt\r\n"
    path = tmp_path / "svar.txt"
    path.write_bytes(text.encode("utf-16"))
    result = run_cli("--db", db_path, "feedback", "import", path)
    assert result.code == 0, result.err
    assert stored(peek) == [("peer", 4, "Gør det godt")]


def test_a_windows_1252_row_among_utf8_rows_keeps_its_letters(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    path = tmp_path / "svar.csv"
    path.write_bytes(
        (DANISH_HEADER + f"{e};Kolleger;k1;{ids[0]};4;Søren siger ja\r\n").encode()
        + f"{e};Kolleger;k2;{ids[0]};3;Åben og ærlig\r\n".encode("cp1252")
    )
    result = run_cli("--db", db_path, "feedback", "import", path)
    assert result.code == 0, result.err
    assert stored(peek) == [("peer", 4, "Søren siger ja"), ("peer", 3, "Åben og ærlig")]
    [note] = [line for line in result.err.splitlines() if line.startswith(f"{path}: ")]
    assert " 3 " in note and "Windows-1252" in note


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_refused_header_names_the_columns_in_both_languages_as_people_import_does(
    talks, db_path: Path, tmp_path: Path, run_cli, peek, lang: str
) -> None:
    """A Danish export with a column too many was refused with "(forventet: conversation_id,
    group, ...)", the English names only, a missing column by its English name ("manglende
    kolonne: group") and a file with no header the same; `people import` names its Danish
    columns too. Now each language's names first, the other's after, as the roster's."""
    danish = "samtale_id;gruppe;bedømmer;forventning_id;vurdering;kommentar"
    english = "conversation_id, group, rater, expectation_id, score, comment"
    extra = tmp_path / "svar.csv"
    extra.write_text("Samtale-ID;Bedømmer;Forventning_id;Vurdering;Hold\r\n1;k1;x;4;a\r\n")
    empty = tmp_path / "tom.csv"
    empty.write_text("\r\n")
    said = {
        path: refusal(run_cli("--lang", lang, "--db", db_path, "feedback", "import", path), path)
        for path in (extra, empty)
    }
    if lang == "da":
        assert said[extra] == [
            f"{extra}:1: ukendt kolonne: 'Hold'; manglende kolonne: gruppe "
            f"(forventet: {danish} – eller på engelsk: {english})"
        ]
        assert said[empty] == [
            f"{empty}:1: overskriftslinjen mangler: kolonnerne skal være {danish} – "
            f"eller på engelsk: {english}"
        ]
    else:
        assert said[extra] == [
            f"{extra}:1: unknown column 'Hold'; missing column group "
            f"(expected: {english}; or in Danish: {danish})"
        ]
        assert said[empty] == [f"{empty}:1: no header: expected {english}; or in Danish: {danish}"]
    assert stored(peek) == []
    # The Danish names said are the ones a file may have.
    fixed = tmp_path / "rettet.csv"
    evaluation, expectation = talks["evaluation"], talks["ids"][0]
    fixed.write_text(f"{danish}\r\n{evaluation};kolleger;k1;{expectation};3;\r\n")
    assert run_cli("--db", db_path, "feedback", "import", fixed).code == 0
    assert len(stored(peek)) == 1


@pytest.mark.parametrize(
    ("body", "danish", "english"),
    [
        ('{e},peer,k1,{x},4,"Lytter godt\n',
         "2: fejl i CSV-formatet: filen slutter inde i et felt i anførselstegn (det afsluttende "
         "anførselstegn mangler)",
         "2: broken CSV: the file ends inside a quoted field (its closing quote is missing)"),
        ('{e},peer,k1,{x},4,"Lytter" godt\n',
         "2: fejl i CSV-formatet: der skal stå ',' efter det afsluttende '\"' i et felt i "
         "anførselstegn",
         "2: broken CSV: ',' expected after the closing '\"' of a quoted field"),
    ],
    ids=["quote not closed", "text after a quote"],
)  # fmt: skip
def test_a_broken_csv_is_said_in_the_language_asked(
    talks, db_path: Path, tmp_path: Path, run_cli, peek, body: str, danish: str, english: str
) -> None:
    """The CSV reader's own English ("unexpected end of data", "',' expected after '\"'")
    was said as it was under --lang da, in a feedback file as in a roster."""
    path = tmp_path / "svar.csv"
    row = body.format(e=talks["evaluation"], x=talks["ids"][0])
    path.write_text("conversation_id,group,rater,expectation_id,score,comment\n" + row)
    for lang, said in (("da", danish), ("en", english)):
        result = run_cli("--lang", lang, "--db", db_path, "feedback", "import", path)
        assert refusal(result, path) == [f"{path}:{said}"]
    assert stored(peek) == []


def test_a_rows_problem_names_its_column_as_the_files_header_does(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    """A Danish export's row was refused by the English column names the file did not have
    ("group 'Chefer' skal være en af ...", "rater er tom", "score '9'"): the column is
    named as its header wrote it; an English file's as before."""
    e, ids = talks["evaluation"], talks["ids"]
    path = tmp_path / "svar.csv"
    path.write_text(
        DANISH_HEADER
        + f"abc;Kolleger;k1;{ids[0]};4;\r\n"
        + f"{e};Chefer;k2;{ids[0]};4;\r\n"
        + f"{e};Kolleger;;{ids[0]};4;\r\n"
        + f"{e};Kolleger;k3;x;9;\r\n"
    )
    said = refusal(run_cli("--lang", "da", "--db", db_path, "feedback", "import", path), path)
    assert [line.removeprefix(f"{path}:") for line in said] == [
        "2: Samtale-ID er 'abc' – der skal stå samtalens nummer",
        "3: Gruppe 'Chefer' skal være en af peer (kollega), report (medarbejder), other (anden)",
        "4: Bedømmer er tom (der skal stå spørgeskemaværktøjets anonyme respondent-id)",
        f"5: Forventning_id 'x' hører ikke til indholdet i samtale {e}",
        "5: Vurdering '9' er ikke på skalaen (1, 2, 3, 4, 5 – eller tom for ikke observeret)",
    ]
    english = tmp_path / "answers.csv"
    english.write_text(
        "conversation_id,group,rater,expectation_id,score\n" + f"{e},boss,,{ids[0]},4\n"
    )
    said = refusal(run_cli("--lang", "da", "--db", db_path, "feedback", "import", english), english)
    assert [line.removeprefix(f"{english}:") for line in said] == [
        "2: group 'boss' skal være en af peer (kollega), report (medarbejder), other (anden)",
        "2: rater er tom (der skal stå spørgeskemaværktøjets anonyme respondent-id)",
    ]
    assert stored(peek) == []
