"""What the command line still said in English under --lang da, or with "(s)" in either
language: what `import` imported (by table name), `db check`'s counts and sums, the column
and key problems of a roster or an export, the listings' column headings, `content list`,
`content validate`'s own problem lines, and a refused rater link. In Danish they read as
an HR consultant would write them; in English a count of one is singular, and a kind of
conversation that starts with a vowel takes "an"."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from raw_rows import tamper
from two_leaders import anna_and_mette, begin

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository
from pipeline_tui.texts import LANGUAGES, catalog

SHIPPED = Path(__file__).resolve().parents[3] / "content"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-01-02")
    monkeypatch.delenv("PIPELINE_TUI_SERVE_URL", raising=False)


@pytest.fixture
def org(db_path: Path) -> dict[str, int]:
    """Two people (a leader and her manager) and, for the leader, a leadership evaluation
    and a LUS, each with one rating of her own; and a newcomer's onboarding conversation."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        anna, mette = anna_and_mette(repo)
        found: dict[str, int] = {"anna": anna.id, "mette": mette.id}
        for kind in ("evaluation", "lus"):
            conversation, ids = begin(repo, pack, anna.id, kind)
            repo.conversations.set_rating(conversation, ids[0], "self", score=3)
            found[kind] = conversation
            found["expectation"] = ids[0]  # type: ignore[assignment]
    finally:
        repo.close()
    return found


# No "(s)" anywhere


def test_no_text_counts_in_brackets() -> None:
    """A count says "1 problem" or "2 problems", never "problem(s)" or "lederevaluering(er)"."""
    for lang in LANGUAGES:
        bracketed = [
            key
            for key, text in catalog(lang).items()
            if re.search(r"\w\((s|er|e|r)\)", text) is not None
        ]
        assert bracketed == [], lang


# import


def test_an_import_names_what_it_imported_in_the_catalogs_words(
    run_cli, org, db_path: Path, tmp_path: Path
) -> None:
    export = tmp_path / "eksport.json"
    assert run_cli("--db", db_path, "export", "-o", export).code == 0
    danish_db, english_db = tmp_path / "ny.db", tmp_path / "new.db"
    danish = run_cli("--lang", "da", "--db", danish_db, "import", export)
    assert danish.code == 0, danish.err
    assert danish.out == (
        "Importerede 2 personer, 2 versioner af indholdet, 2 samtaler, 2 vurderinger, "
        f"2 valgte kort og 2 udviklingsplaner i {danish_db}\n"
    )
    english = run_cli("--lang", "en", "--db", english_db, "import", export)
    assert english.out == (
        "Imported 2 people, 2 content snapshots, 2 conversations, 2 ratings, 2 card picks and "
        f"2 development plans into {english_db}\n"
    )


def test_one_of_each_is_said_in_the_singular(run_cli, db_path: Path, tmp_path: Path) -> None:
    repo = open_repository(str(db_path))
    try:
        ib = repo.people.create("Ib Ene", "lead_others")
        services.start_conversation(repo, load_packs(None).default, ib.id, kind="evaluation")
    finally:
        repo.close()
    export = tmp_path / "eksport.json"
    assert run_cli("--db", db_path, "export", "-o", export).code == 0
    target = tmp_path / "ny.db"
    danish = run_cli("--lang", "da", "--db", target, "import", export)
    assert danish.out == (
        f"Importerede 1 person, 1 version af indholdet, 1 samtale og 1 udviklingsplan i {target}\n"
    )
    english = run_cli("--lang", "en", "--db", tmp_path / "new.db", "import", export)
    assert english.out.startswith(
        "Imported 1 person, 1 content snapshot, 1 conversation and 1 development plan into "
    )


def test_an_exports_column_and_key_problems_are_counted(
    run_cli, org, db_path: Path, tmp_path: Path
) -> None:
    export = tmp_path / "eksport.json"
    assert run_cli("--db", db_path, "export", "-o", export).code == 0
    data = json.loads(export.read_text(encoding="utf-8"))
    data["extra"] = 1
    del data["tables"]["person"][0]["title"]
    data["tables"]["person"][1]["age"] = 40
    data["tables"]["person"][1]["shoe"] = 40
    export.write_text(json.dumps(data, indent=2), encoding="utf-8")
    danish = run_cli("--lang", "da", "--db", tmp_path / "ny.db", "import", export)
    assert danish.code == 2
    said = danish.err
    assert "ukendt nøgle: extra" in said
    assert re.search(r"person række 1: manglende kolonne: title$", said, re.M), said
    assert re.search(r"person række 2: ukendte kolonner: age, shoe$", said, re.M), said
    english = run_cli("--lang", "en", "--db", tmp_path / "new.db", "import", export)
    assert "unknown key extra" in english.err
    assert re.search(r"person row 1: missing column title$", english.err, re.M), english.err
    assert re.search(r"person row 2: unknown columns age, shoe$", english.err, re.M)
    assert "(s)" not in said + english.err


# db check


def test_db_check_counts_in_words_in_both_languages(run_cli, org, db_path: Path) -> None:
    danish = run_cli("--lang", "da", "--db", db_path, "db", "check")
    assert danish.code == 0, danish.err
    assert f"{db_path}: 2 personer, 2 samtaler, 0 sletninger\n" in danish.out
    english = run_cli("--lang", "en", "--db", db_path, "db", "check")
    assert f"{db_path}: 2 people, 2 conversations, 0 erasures\n" in english.out


def test_db_check_says_one_problem_and_the_rating_sums_in_danish(
    run_cli, org, db_path: Path
) -> None:
    tamper(db_path, "DELETE FROM rating_sum WHERE rowid = (SELECT min(rowid) FROM rating_sum)")
    danish = run_cli("--lang", "da", "--db", db_path, "db", "check")
    assert danish.code == 2
    lines = danish.err.splitlines()
    assert lines == [
        f"{db_path}: vurderingssummer: 0 gemte grupper afviger fra vurderingerne, og 1 gruppe "
        "af vurderinger er ikke gemt (rating_sum, HR-overblikket over alle). En eksport, der "
        "importeres i en ny fil, lægger dem sammen igen",
        f"pipeline-tui: 1 fejl i {db_path}",
    ]
    english = run_cli("--lang", "en", "--db", db_path, "db", "check")
    assert english.err.splitlines() == [
        f"{db_path}: rating sums: 0 kept groups differ from the ratings and 1 group of ratings "
        "is not kept (rating_sum, HR's overview for everyone); an export imported into a new "
        "file sums them again",
        f"pipeline-tui: 1 problem in {db_path}",
    ]


# a roster's columns and lines


def test_one_missing_column_is_singular(run_cli, tmp_path: Path, db_path: Path) -> None:
    roster = tmp_path / "liste.csv"
    roster.write_text("name,email\nA,a@example.dk\n", encoding="utf-8")
    danish = run_cli("--db", db_path, "--lang", "da", "people", "import", roster)
    assert danish.err.startswith(f"{roster}:1: manglende kolonne: niveau (forventet: ")
    english = run_cli("--db", db_path, "people", "import", roster)
    assert english.err.startswith(f"{roster}:1: missing column layer (expected: ")
    roster.write_text("email\na@example.dk\n", encoding="utf-8")
    two = run_cli("--db", db_path, "people", "import", roster)
    assert two.err.startswith(f"{roster}:1: missing columns name, layer (expected: ")


@pytest.mark.parametrize(
    ("bad", "danish", "english"),
    [
        ([3], "linje 3 er ikke UTF-8 og er læst som Windows-1252 (dansk Excel-CSV), resten som "
         "UTF-8: kontrollér æ, ø og å i den",
         "line 3 is not UTF-8: read as Windows-1252 (Excel's Danish CSV), the other lines as "
         "UTF-8; check its æ, ø and å"),
        ([2, 3], "linjerne 2, 3 er ikke UTF-8 og er læst som Windows-1252 (dansk Excel-CSV), "
         "resten som UTF-8: kontrollér æ, ø og å i dem",
         "lines 2, 3 are not UTF-8: read as Windows-1252 (Excel's Danish CSV), the other "
         "lines as UTF-8; check their æ, ø and å"),
    ],
    ids=["one", "two"],
)  # fmt: skip
def test_lines_read_as_windows_1252_are_counted(
    run_cli, tmp_path: Path, bad: list[int], danish: str, english: str
) -> None:
    rows = [
        "name,email,layer",
        "Ærø Ås,aeroe@example.dk,lead_self",
        "Søren Ø,s@example.dk,lead_self",
        "Åse Ø,aase@example.dk,lead_self",  # (always UTF-8: the file is not all Windows-1252)
    ]
    roster = tmp_path / "liste.csv"
    roster.write_bytes(
        b"\n".join(
            row.encode("cp1252" if number in bad else "utf-8")
            for number, row in enumerate(rows, start=1)
        )
        + b"\n"
    )
    said = run_cli("--db", tmp_path / "da.db", "--lang", "da", "people", "import", roster)
    assert said.code == 0, said.err
    assert said.err.splitlines()[0] == f"{roster}: {danish}"
    said = run_cli("--db", tmp_path / "en.db", "people", "import", roster)
    assert said.err.splitlines()[0] == f"{roster}: {english}"


# listings


def test_the_listings_headings_are_danish_and_json_keeps_its_fields(
    run_cli, org, db_path: Path
) -> None:
    people = run_cli("--lang", "da", "--db", db_path, "people", "list")
    assert people.code == 0, people.err
    assert people.out.splitlines()[0].split() == [
        "id", "navn", "e-mail", "titel", "enhed", "niveau", "leder"
    ]  # fmt: skip
    english = run_cli("--lang", "en", "--db", db_path, "people", "list")
    assert english.out.splitlines()[0].split() == [
        "id", "name", "email", "title", "unit", "layer", "manager"
    ]  # fmt: skip
    talks = run_cli("--lang", "da", "--db", db_path, "conversations", "list")
    assert talks.code == 0, talks.err
    assert talks.out.splitlines()[0].split() == [
        "id", "dato", "person", "type", "niveau", "status", "mål", "opfølgning"
    ]  # fmt: skip
    english = run_cli("--lang", "en", "--db", db_path, "conversations", "list")
    assert english.out.splitlines()[0].split() == [
        "id", "date", "person", "kind", "layer", "status", "goals", "follow-up"
    ]  # fmt: skip
    for command in ("people", "conversations"):
        danish = run_cli("--lang", "da", "--db", db_path, command, "list", "--json")
        as_json = run_cli("--lang", "en", "--db", db_path, command, "list", "--json")
        assert danish.out == as_json.out and json.loads(danish.out)


# content list / validate


def test_content_list_is_said_in_danish(run_cli) -> None:
    danish = run_cli("--lang", "da", "content", "list")
    assert danish.code == 0, danish.err
    lines = danish.out.splitlines()
    assert re.fullmatch(
        r"default \S+ \(standard\): .+ \[da, en\] leveret med programmet .+", lines[0]
    )
    assert "  niveauer:" in lines and "  kortspil:" in lines and "  samtaletyper:" in lines
    assert re.search(
        r"^    lead_others +\d+ forventninger  Leder af medarbejdere$", danish.out, re.M
    )
    assert re.search(r"^    lus \(lus\) +\d+ kort  ", danish.out, re.M)
    assert re.search(r"^  aktiviteter: \d+$", danish.out, re.M)
    for english in ("expectations", "cards", "layers:", "decks:", "activities", "shipped"):
        assert english not in danish.out
    english = run_cli("--lang", "en", "content", "list")
    assert re.fullmatch(
        r"default \S+ \(default\): .+ \[da, en\] shipped .+", english.out.split("\n")[0]
    )
    assert re.search(r"^    lead_others +\d+ expectations  ", english.out, re.M)
    assert re.search(r"^  activities: \d+$", english.out, re.M)


def test_content_validate_says_its_problems_in_danish(run_cli, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    missing = packs / "mangler"
    shutil.copytree(SHIPPED / "default", missing)
    manifest = missing / "pack.yaml"
    manifest.write_text(
        re.sub(r"(?m)^version:.*\n", "", manifest.read_text(encoding="utf-8")), encoding="utf-8"
    )
    broken = packs / "yaml"
    shutil.copytree(SHIPPED / "default", broken)
    (broken / "scale.yaml").write_text("levels: [\n  - bad\n", encoding="utf-8")
    colon = packs / "tab"
    shutil.copytree(SHIPPED / "default", colon)
    (colon / "themes.yaml").write_text("themes:\n  - title: a: b\n", encoding="utf-8")

    danish = run_cli("--lang", "da", "content", "validate", packs)
    assert danish.code == 2
    lines = danish.out.splitlines()
    assert any(
        re.fullmatch(rf"{re.escape(str(manifest))}:\d+: feltet 'version' mangler", line)
        for line in lines
    ), danish.out
    assert any(
        re.fullmatch(rf"{re.escape(str(broken))}/scale\.yaml(:\d+)?: ikke gyldig YAML: .+", line)
        for line in lines
    ), danish.out
    assert any(
        line.startswith(f"{colon}/themes.yaml:2: ikke gyldig YAML: ")
        and line.endswith("(sæt teksten i anførselstegn, når den indeholder ': ')")
        for line in lines
    ), danish.out
    english = run_cli("--lang", "en", "content", "validate", packs)
    assert re.search(
        rf"^{re.escape(str(manifest))}:\d+: missing field 'version'$", english.out, re.M
    )
    assert "(put the text in quotes when it contains ': ')" in english.out
    assert "not valid YAML: " in english.out and "ikke" not in english.out


# invite / feedback import


def test_a_refused_rater_link_names_groups_and_kind_in_danish(run_cli, org, db_path: Path) -> None:
    evaluation, lus = org["evaluation"], org["lus"]
    danish = run_cli("--lang", "da", "--db", db_path, "invite", evaluation, "--group", "other")
    assert (danish.code, danish.out) == (2, "")
    assert danish.err == (
        f"pipeline-tui: samtale {evaluation} (lederevaluering) spørger peer (kollega), "
        "report (medarbejder) om svar, ikke other (anden)\n"
    )
    english = run_cli("--lang", "en", "--db", db_path, "invite", evaluation, "--group", "other")
    assert english.err == (
        f"pipeline-tui: conversation {evaluation} (leadership evaluation) asks for answers from "
        "peer, report, not from other\n"
    )
    no_one = run_cli("--lang", "da", "--db", db_path, "invite", lus, "--group", "peer")
    assert no_one.err.startswith(f"pipeline-tui: samtale {lus} (LUS) spørger kun lederen")
    unknown = run_cli("--lang", "da", "--db", db_path, "invite", evaluation, "--group", "boss")
    assert unknown.err == (
        "pipeline-tui: ukendt bedømmergruppe 'boss': vælg en af peer (kollega), "
        "report (medarbejder), other (anden)\n"
    )


def test_a_held_evaluation_says_it_takes_no_more_answers_from_others(
    run_cli, org, db_path: Path
) -> None:
    """A rater's link for an evaluation already held said "there is nothing left to
    prepare", the words for the leader's own preparation."""
    evaluation = org["evaluation"]
    repo = open_repository(str(db_path))
    try:
        repo.conversations.update(evaluation, revealed=True)  # held: the ratings are shown
    finally:
        repo.close()
    danish = run_cli("--lang", "da", "--db", db_path, "invite", evaluation, "--group", "peer")
    assert (danish.code, danish.err) == (
        2,
        f"pipeline-tui: samtale {evaluation} er holdt: den tager ikke imod flere svar fra andre\n",
    )
    english = run_cli("--db", db_path, "invite", evaluation, "--group", "report")
    assert english.err == (
        f"pipeline-tui: conversation {evaluation} has been held: it takes no more answers "
        "from others\n"
    )
    own = run_cli("--lang", "da", "--db", db_path, "invite", evaluation)
    assert own.err.endswith("er holdt: der er ikke mere at forberede\n")


def test_an_onboarding_takes_an_in_english(run_cli, db_path: Path, tmp_path: Path) -> None:
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        new = repo.people.create("Ny Kollega", "lead_self", email="ny@example.dk")
        talk = services.start_conversation(repo, pack, new.id, kind="onboarding_1m")
        content = services.conversation_content(repo.conversations.detail(talk.id))
        first = content.ordered_expectations()[0].id
    finally:
        repo.close()
    answers = tmp_path / "svar.csv"
    answers.write_text(
        f"conversation_id,group,rater,expectation_id,score,comment\n{talk.id},peer,r1,{first},4,\n",
        encoding="utf-8",
    )
    english = run_cli("--lang", "en", "--db", db_path, "feedback", "import", answers)
    assert english.code == 2
    assert english.err.splitlines()[0] == (
        f"{answers}:2: conversation {talk.id} is an onboarding conversation after 1 month: only "
        "a leadership evaluation (or a kind the pack lets ask others) takes answers from others"
    )
    danish = run_cli("--lang", "da", "--db", db_path, "feedback", "import", answers)
    assert danish.err.splitlines()[0] == (
        f"{answers}:2: samtale {talk.id} er en introsamtale efter 1 måned: kun en "
        "lederevaluering (eller en samtaletype, som indholdspakken lader spørge andre) tager "
        "imod svar fra andre"
    )
