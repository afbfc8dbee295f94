"""`pipeline-tui overview`: the figures of a small organisation worked out by hand, the same
from the stdlib fast path and from the storage layer, filters, and bad input."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.cli.common import dump_json
from pipeline_tui.cli.overview import as_data
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.queries import sqlite_reader as open_stats_reader
from pipeline_tui.store.repository import Repository

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"


@dataclass(frozen=True)
class Org:
    mette: int
    anna: int
    jonas: int
    sofie: int


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-11-23")


@pytest.fixture
def org(repo: Repository, content_ref) -> Org:
    """Four people in two units; what each has this year is spelled out per person.

    - Mette (unit A, leads leaders): a signed LUS in 2025, follow-up 2026-12-01 (in 8 days).
    - Anna (unit A, Mette's): a signed LUS on 2026-03-02, follow-up 2026-09-01 (overdue);
      delegation rated self 2 / manager 3, goals manager 5.
    - Jonas (unit B, Anna's): a MUS on 2026-04-14 in progress, follow-up 2027-04-14;
      planning rated manager 4.
    - Sofie (unit B, Anna's): no conversation at all.
    """
    people, talks, plans = repo.people, repo.conversations, repo.plans
    mette = people.create("Mette Holm", "lead_leaders", email="mette@example.dk", unit="A")
    anna = people.create(
        "Anna Berg", "lead_others", email="anna@example.dk", unit="A", manager_id=mette.id
    )
    jonas = people.create(
        "Jonas Friis", "lead_self", email="jonas@example.dk", unit="B", manager_id=anna.id
    )
    sofie = people.create(
        "Sofie Dahl", "lead_self", email="sofie@example.dk", unit="B", manager_id=anna.id
    )
    old = talks.start(mette.id, kind="lus", held_on=date(2025, 11, 30), content=content_ref)
    plans.update(old.id, follow_up_on=date(2026, 12, 1))
    plans.sign(old.id, "person")
    plans.sign(old.id, "conductor")

    lus = talks.start(anna.id, kind="lus", held_on=date(2026, 3, 2), content=content_ref)
    talks.set_rating(lus.id, "lead_others.delegation", "self", score=2)
    talks.set_rating(lus.id, "lead_others.delegation", "manager", score=3)
    talks.set_rating(lus.id, "lead_others.goals", "manager", score=5)
    plans.update(lus.id, follow_up_on=date(2026, 9, 1))
    plans.sign(lus.id, "person")
    plans.sign(lus.id, "conductor")

    mus_content = replace(content_ref, layer="lead_self", deck_id="mus")
    mus = talks.start(jonas.id, kind="mus", held_on=date(2026, 4, 14), content=mus_content)
    talks.set_rating(mus.id, "lead_self.planning", "manager", score=4)
    talks.set_status(mus.id, "in_progress")
    plans.update(mus.id, follow_up_on=date(2027, 4, 14))
    return Org(mette.id, anna.id, jonas.id, sofie.id)


def overview_json(run_cli, db_path: Path, *args: str) -> dict:
    result = run_cli("--db", db_path, "overview", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_figures_worked_out_by_hand(org: Org, run_cli, db_path: Path) -> None:
    """Coverage, overdue and soon follow-ups, and rating means match the hand count."""
    data = overview_json(run_cli, db_path, "--year", "2026")
    total = data["total"]
    assert (total["people"], total["offered"], total["held"], total["signed_plan"]) == (4, 2, 2, 1)
    assert total["follow_up_overdue"] == 1  # Anna: 2026-09-01 passed, nothing held since
    assert total["offered_share"] == 0.5 and total["signed_share"] == 0.25
    units = {row["key"]: row for row in data["by_unit"]}
    assert (units["A"]["people"], units["A"]["offered"], units["A"]["signed_plan"]) == (2, 1, 1)
    assert (units["B"]["people"], units["B"]["offered"], units["B"]["signed_plan"]) == (2, 1, 0)
    assert sorted(p["name"] for p in data["not_held"]) == ["Mette Holm", "Sofie Dahl"]
    assert [p["name"] for p in data["follow_up_overdue"]] == ["Anna Berg"]
    assert [p["name"] for p in data["follow_up_soon"]] == ["Mette Holm"]
    # One person rated per layer: too few to show (a figure would be their own rating).
    assert data["dimensions"] == [] and data["weakest"] == {}
    assert data["too_few_to_show"] == ["lead_others", "lead_self"]


def two_more_on_jonas_layer(org: Org, repo: Repository, content_ref) -> None:
    """Ida (planning 2) and Ole (planning 3) beside Jonas: his layer is rated for three."""
    mus_content = replace(content_ref, layer="lead_self", deck_id="mus")
    for name, score in (("Ida Lund", 2), ("Ole Vang", 3)):
        person = repo.people.create(name, "lead_self", unit="B", manager_id=org.anna)
        talk = repo.conversations.start(
            person.id, kind="mus", held_on=date(2026, 5, 1), content=mus_content
        )
        repo.conversations.set_rating(talk.id, "lead_self.planning", "manager", score=score)


def test_a_layer_rated_for_three_people_is_shown(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path
) -> None:
    """With Jonas (planning 4) and two more on his layer (2 and 3) the layer's means show;
    Anna's layer, one person, stays hidden."""
    two_more_on_jonas_layer(org, repo, content_ref)
    data = overview_json(run_cli, db_path, "--year", "2026")
    cells = {(d["layer"], d["dimension"]): d for d in data["dimensions"]}
    assert set(cells) == {("lead_self", "results")}
    assert cells[("lead_self", "results")]["manager"]["mean"] == 3.0  # (4 + 2 + 3) / 3
    assert cells[("lead_self", "results")]["manager"]["n"] == 3
    assert [item["expectation"] for item in data["weakest"]["lead_self"]] == ["lead_self.planning"]
    assert data["too_few_to_show"] == ["lead_others"]


@pytest.mark.parametrize("path", ["stdlib", "storage layer"])
def test_an_expectation_the_pack_no_longer_has_is_named_by_its_old_title(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path, path: str
) -> None:
    """The pack's next version dropped an expectation that this year's conversations rated:
    the weakest list named it by its id ('lead_self.old_routine'); it names it by the title
    the conversations were held with (their content snapshot), in the language asked."""
    texts = {
        "layer": {"key": "lead_self", "name": {"da": "Medarbejder", "en": "Employee"}},
        "expectations": [
            {
                "id": "lead_self.old_routine",
                "dimension": "results",
                "title": {
                    "da": "Følger den gamle vagtrutine",
                    "en": "Follows the old shift routine",
                },
            }
        ],
    }
    old = replace(content_ref, layer="lead_self", deck_id="mus", pack_hash="b" * 64, texts=texts)
    for name in ("Ida Lund", "Ole Vang", "Åse Berg"):
        person = repo.people.create(name, "lead_self", unit="B", manager_id=org.anna)
        talk = repo.conversations.start(
            person.id, kind="mus", held_on=date(2026, 5, 1), content=old
        )
        repo.conversations.set_rating(talk.id, "lead_self.old_routine", "manager", score=1)
    scope = ["--manager", "anna@example.dk"] if path == "storage layer" else []
    for lang, title in (
        ("en", "Follows the old shift routine"),
        ("da", "Følger den gamle vagtrutine"),
    ):
        found = run_cli("--lang", lang, "--db", db_path, "overview", "--format", "json", *scope)
        assert found.code == 0, found.err
        data = json.loads(found.out)
        weakest = data["weakest"]["lead_self"]
        assert weakest[0] == weakest[0] | {"expectation": "lead_self.old_routine", "title": title}
        text = run_cli("--db", db_path, "--lang", lang, "overview", "--year", "2026", *scope)
        assert title in text.out and "lead_self.old_routine" not in text.out


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("da", ("6 personer", "tilbudt samtale 4 (67%)", "Pr. enhed", "Pr. niveau", "3,00",
                "Svageste forventninger", "For få til at vise")),
        ("en", ("6 people", "offered a conversation 4 (67%)", "Per unit", "Per layer", "3.00",
                "Weakest expectations", "Too few to show")),
    ],
)  # fmt: skip
def test_the_text_speaks_the_language_asked(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path, lang, words
) -> None:
    """`--lang da overview` is Danish throughout (it printed English headings and figures
    with a decimal point), with the same words as the app's overview."""
    two_more_on_jonas_layer(org, repo, content_ref)
    done = run_cli("--db", db_path, "--lang", lang, "overview", "--year", "2026")
    assert done.code == 0, done.err
    text = " ".join(done.out.split())
    for word in words:
        assert word in text, (word, text)
    other = {"da": ("people", "Per unit", "Weakest", "held "), "en": ("personer", "Pr. enhed")}
    assert not [word for word in other[lang] if word in text]


def test_the_text_heat_map_says_which_layers_are_too_few(org: Org, run_cli, db_path: Path) -> None:
    """Each layer rated for too few people has its column in the heat map, saying so, as
    in the app; a year without ratings says that. The text printed a heading over the
    dimensions' names and not one figure or word beside them."""
    done = run_cli("--db", db_path, "--lang", "en", "overview", "--year", "2026")
    assert done.code == 0, done.err
    heat = done.out.split("Manager's mean per dimension and layer")[1].split("Weakest")[0]
    assert "Lead others" in heat and "Lead self" in heat, heat
    rows = [line for line in heat.splitlines() if line.strip().startswith("Results")]
    assert len(rows) == 1 and rows[0].count("too few") == 2, heat
    empty = run_cli("--db", db_path, "--lang", "da", "overview", "--year", "2024")
    assert empty.code == 0, empty.err
    heat = " ".join(empty.out.split("Lederens gennemsnit pr. dimension og niveau")[1].split())
    assert heat == "Ingen vurderinger i 2024.", heat


def test_a_layer_is_named_by_its_key_or_its_name(org: Org, run_cli, db_path: Path) -> None:
    """--layer takes a layer's name in either language, as people list does ('Leder af
    medarbejdere' was refused as an unknown layer)."""
    by_key = overview_json(run_cli, db_path, "--layer", "lead_others")
    assert by_key["total"]["people"] == 1
    for name in ("Leder af medarbejdere", "lead others", "LEAD_OTHERS"):
        assert overview_json(run_cli, db_path, "--layer", name) == by_key, name


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "2026: 1 person · ", "2026: 2 people · "),
        ("da", "2026: 1 person · ", "2026: 2 personer · "),
    ],
)
def test_one_person_is_not_said_as_people(org: Org, run_cli, db_path: Path, lang, one, two) -> None:
    """An overview of one person (--layer lead_others: Anna) began "2026: 1 people ·"
    (da: "1 personer"); one person is "1 person", two are "2 people"."""
    alone = run_cli(
        "--db", db_path, "--lang", lang, "overview", "--year", "2026", "--layer", "lead_others"
    )
    assert alone.code == 0, alone.err
    assert alone.out.startswith(one), alone.out
    team = run_cli("--db", db_path, "--lang", lang, "overview", "--year", "2026", "--unit", "B")
    assert team.out.startswith(two), team.out


def test_a_unit_is_found_in_any_case(org: Org, run_cli, db_path: Path) -> None:
    """--unit as a person types it: 'b ' is unit B (it gave an overview of 0 people, exit 0,
    as did a unit no one is in: now refused with the units there are)."""
    exact = overview_json(run_cli, db_path, "--unit", "B")
    typed = overview_json(run_cli, db_path, "--unit", " b ")
    assert typed == exact and typed["total"]["people"] == 2
    team = overview_json(run_cli, db_path, "--unit", "b", "--manager", "mette@example.dk")
    assert team["total"]["people"] == 2
    listed = run_cli("--db", db_path, "people", "list", "--unit", " b ", "--json")
    assert listed.code == 0, listed.err
    assert sorted(p["name"] for p in json.loads(listed.out)) == ["Jonas Friis", "Sofie Dahl"]
    refused = run_cli("--db", db_path, "--lang", "da", "overview", "--unit", "Ward C")
    assert refused.code == 2
    assert refused.err.strip() == "pipeline-tui: ingen er i enheden 'Ward C' (enheder: A, B)"


def test_last_year_has_its_own_figures(org: Org, run_cli, db_path: Path) -> None:
    """--year 2025 counts Mette's signed LUS only."""
    total = overview_json(run_cli, db_path, "--year", "2025")["total"]
    assert (total["people"], total["offered"], total["held"], total["signed_plan"]) == (4, 1, 1, 1)


def test_another_years_conversations_are_not_said_to_be_this_years(
    org: Org, run_cli, db_path: Path
) -> None:
    """`overview --year 2025` said "2025: 4 people · ..." and on the next line "Conversations
    this year: LUS 1 (1 held)", 2025's LUS as this year's; the line says "the year's", as
    the Danish "Samtaler i året" does."""
    for year, kinds in (("2025", "LUS 1 (1 held)"), ("2026", "MUS 1 (1 held) · LUS 1 (1 held)")):
        done = run_cli("--lang", "en", "--db", db_path, "overview", "--year", year)
        assert done.code == 0, done.err
        text = " ".join(done.out.split())
        assert text.startswith(f"{year}: 4 people")
        assert f"The year's conversations: {kinds}" in text
        assert "this year" not in text


def test_the_text_sent_to_a_file_has_its_lines_whole(
    org: Org, run_cli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`overview > overblik.txt` was laid out for 80 columns: the total line folded
    mid-phrase ("underskrevet plan 1" / "(25%)"), a layer's name in a heading cut with "…".
    Sent to a file or a pipe, each line is whole, as the listings write theirs; in a
    terminal (COLUMNS here) the text still fits it."""
    monkeypatch.delenv("COLUMNS", raising=False)
    done = run_cli("--lang", "da", "--db", db_path, "overview", "--year", "2026")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0] == (
        "2026: 4 personer · tilbudt samtale 2 (50%) · holdt 2 · underskrevet plan 1 (25%) · "
        "opfølgning forfalden 1"
    )
    assert "…" not in done.out
    layer_row = [line for line in lines if line.startswith("Leder af sig selv")]
    assert layer_row and layer_row[0].split()[:6] == [
        "Leder",
        "af",
        "sig",
        "selv",
        "(medarbejder)",
        "2",
    ]
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run_cli("--lang", "da", "--db", db_path, "overview", "--year", "2026")
    assert max(len(line) for line in narrow.out.splitlines()) <= 60, narrow.out


@pytest.mark.parametrize(
    ("lang", "heading", "unit_b"),
    [
        ("en", "People Offered Held Signed", "B 2 100% 50% 0%"),
        ("da", "Personer Tilbudt Holdt Underskrevet", "B 2 100% 50% 0%"),
    ],
)
def test_the_text_says_how_many_were_held_per_unit_and_layer(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path, lang, heading, unit_b
) -> None:
    """The tables per unit and per layer had People, Offered, Signed and Overdue, not Held
    (the app's overview has it): with Sofie's MUS only planned for next month, unit B read
    "Offered 100%" as if both had had theirs, while one of two was held. Held is shown
    beside offered, as a share of the people as the others are."""
    mus_content = replace(content_ref, layer="lead_self", deck_id="mus")
    repo.conversations.start(org.sofie, kind="mus", held_on=date(2026, 12, 10), content=mus_content)
    done = run_cli("--lang", lang, "--db", db_path, "overview", "--year", "2026")
    assert done.code == 0, done.err
    rows = [" ".join(line.split()) for line in done.out.splitlines()]
    assert sum(row.startswith(heading) for row in rows) == 2, done.out
    assert any(row.startswith(unit_b + " ") for row in rows), done.out
    units = {r["key"]: r for r in overview_json(run_cli, db_path, "--year", "2026")["by_unit"]}
    assert (units["B"]["people"], units["B"]["offered"], units["B"]["held"]) == (2, 2, 1)


def test_filters_by_unit_layer_and_team(org: Org, run_cli, db_path: Path) -> None:
    """--unit, --layer and --manager (a team, through the storage layer) narrow the scope."""
    unit_b = overview_json(run_cli, db_path, "--unit", "B")["total"]
    assert (unit_b["people"], unit_b["offered"], unit_b["signed_plan"]) == (2, 1, 0)
    layer = overview_json(run_cli, db_path, "--layer", "lead_others")
    assert (layer["total"]["people"], layer["total"]["signed_plan"]) == (1, 1)
    assert layer["dimensions"] == [] and layer["too_few_to_show"] == ["lead_others"]
    team = overview_json(run_cli, db_path, "--manager", "anna@example.dk")["total"]
    assert (team["people"], team["offered"]) == (2, 1)  # Jonas and Sofie
    whole = overview_json(run_cli, db_path, "--manager", str(org.mette))["total"]
    assert whole["people"] == 3  # Anna directly, Jonas and Sofie through her


def test_fast_path_and_storage_layer_agree(org: Org, repo: Repository, db_path: Path) -> None:
    """The stdlib reader and the SQLAlchemy store give identical output, filtered or not."""
    pack = load_packs(None).default
    opened = open_stats_reader(db_path)
    assert opened is not None
    reader, close = opened
    from pipeline_tui.core.overview import overview as build

    try:
        for unit in (None, "A", "B"):
            fast = build(reader, pack, 2026, unit=unit)
            stored = services.overview(repo, pack, 2026, unit=unit)
            assert dump_json(as_data(fast, pack, "da")) == dump_json(as_data(stored, pack, "da"))
    finally:
        close()


def test_figures_read_up_front_are_the_figures(org: Org, db_path: Path) -> None:
    """The command reads the year's rating sums while the pack loads (`Prefetched`): the
    overview built with them is the one built from the reader, for everyone, a unit, a
    layer, and another year (whose sums are then read)."""
    from pipeline_tui.core.overview import Prefetched
    from pipeline_tui.core.overview import overview as build

    pack = load_packs(None).default
    opened = open_stats_reader(db_path)
    assert opened is not None
    reader, close = opened
    try:
        for unit, layer in ((None, None), ("A", None), (None, "lead_self")):
            early = Prefetched(reader, 2026, whole=not unit and not layer)
            for year in (2026, 2025):
                got = build(early, pack, year, unit=unit, layer=layer)
                expected = build(reader, pack, year, unit=unit, layer=layer)
                assert as_data(got, pack, "da") == as_data(expected, pack, "da")
    finally:
        close()


def test_an_older_database_is_upgraded_then_counted(tmp_path: Path, run_cli) -> None:
    """A file at an earlier schema skips the fast path: it is upgraded, then read."""
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "0001.sqlite", old)
    assert open_stats_reader(old) is None
    result = run_cli("--db", old, "overview", "--format", "json", "--year", "2026")
    assert result.code == 0, result.err
    assert json.loads(result.out)["total"]["people"] >= 1
    assert open_stats_reader(old) is not None  # now at the current revision


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layer", "nope"], "unknown layer 'nope'"),
        (["--manager", "nobody@example.dk"], "no person 'nobody@example.dk'"),
        (["--unit", "Ward C"], "no one is in unit 'Ward C' (units: A, B)"),
        (["--unit", "Ward C", "--manager", "mette@example.dk"], "no one is in unit 'Ward C'"),
        (["--year", "next"], "'next' is not a whole number"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_options_exit_2_with_a_message(org: Org, run_cli, db_path, args, message) -> None:
    """A wrong layer, manager, year or format: a clear message and exit code 2."""
    result = run_cli("--db", db_path, "overview", *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_the_csv_counts_each_kind_of_conversation_as_the_text_does(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path
) -> None:
    """The text says "MUS 2 (1 held) · LUS 1 (1 held)" and the JSON has the same under
    "kinds"; the CSV, the one HR opens in a spreadsheet, had only held conversations of all
    kinds together. It has a row per kind and figure, as the JSON counts them."""
    import csv
    import io

    mus_content = replace(content_ref, layer="lead_self", deck_id="mus")
    repo.conversations.start(org.sofie, kind="mus", held_on=date(2026, 12, 10), content=mus_content)
    done = run_cli("--db", db_path, "overview", "--year", "2026", "--format", "csv")
    assert done.code == 0, done.err
    kinds = [row for row in csv.reader(io.StringIO(done.out)) if row[0] == "kind"]
    assert kinds == [
        ["kind", "mus", "", "conversations", "2"],
        ["kind", "mus", "", "held", "1"],
        ["kind", "lus", "", "conversations", "1"],
        ["kind", "lus", "", "held", "1"],
    ]
    data = overview_json(run_cli, db_path, "--year", "2026")
    assert [(k["kind"], k["conversations"], k["held"]) for k in data["kinds"]] == [
        ("mus", 2, 1),
        ("lus", 1, 1),
    ]


@pytest.mark.parametrize(
    ("lang", "nobody"), [("en", "No one to count."), ("da", "Ingen at tælle.")]
)
def test_an_organisation_of_nobody_says_so_under_each_heading(
    repo: Repository, run_cli, db_path: Path, lang, nobody
) -> None:
    """A new database (or a layer nobody is on) printed the tables per unit and per layer
    as column headings with no row under them; each heading now says there is nobody, as
    the heat map says it has no ratings."""
    done = run_cli("--lang", lang, "--db", db_path, "overview", "--year", "2026")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[1:5] == [
        "Per unit" if lang == "en" else "Pr. enhed",
        f"  {nobody}",
        "Per layer" if lang == "en" else "Pr. niveau",
        f"  {nobody}",
    ], done.out
    assert "People" not in done.out and "Personer" not in done.out


def test_the_texts_tables_line_up_at_the_left_edge(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path
) -> None:
    """The tables per unit and per layer begin at the left edge, one space between columns;
    the heat map under them began one space in, its columns two apart, and cut a layer's
    name sooner for it. Every table of the text is laid out the same way."""
    import re

    two_more_on_jonas_layer(org, repo, content_ref)
    done = run_cli("--lang", "da", "--db", db_path, "overview", "--year", "2026")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert [line for line in lines if re.match(r" \S", line)] == [], done.out
    assert any(line.startswith("Resultater og drift ") for line in lines), done.out


def test_a_manager_with_no_one_reporting_is_refused(org: Org, run_cli, db_path) -> None:
    """`--manager` with someone who leads nobody (a mistyped id: Jonas for Anna) gave the
    figures of a team of 0 people, exit 0, as a mistyped unit once did; it is said."""
    for lang, said in (
        ("en", f"Jonas Friis (id {org.jonas}) has no one reporting to them: there is no team"),
        ("da", f"Jonas Friis (id {org.jonas}) har ingen medarbejdere under sig: der er intet"),
    ):
        for who in (str(org.jonas), "jonas@example.dk"):
            result = run_cli("--lang", lang, "--db", db_path, "overview", "--manager", who)
            assert (result.code, result.out) == (2, ""), result
            assert result.err.startswith(f"pipeline-tui: {said}"), result.err
    team = overview_json(run_cli, db_path, "--manager", str(org.anna))["total"]
    assert team["people"] == 2


PROBE = """
import json, sys
from pipeline_tui.launch import main
try:
    main()
finally:
    print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.cold_pack_cache  # the full load below writes the cache
@pytest.mark.parametrize("fmt", ("json", "text"))
def test_the_overview_imports_no_pydantic_once_the_pack_is_cached(
    org: Org, db_path: Path, run_cli, fmt: str
) -> None:
    """`overview` in a fresh interpreter (as the installed command starts), once a full load
    has cached the pack: the figures from a local file with the stdlib, the pack's names
    from the cache, no pydantic, PyYAML or SQLAlchemy imported, the same output as in-process."""
    import os
    import subprocess
    import sys

    load_packs(None)  # writes the cache (the test's own user folders)
    args = ("--db", str(db_path), "overview", "--format", fmt, "--year", "2026")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    *rest, last = done.stderr.splitlines()
    assert done.returncode == 0, rest
    modules = json.loads(last.removeprefix("MODULES "))
    assert {name.split(".")[0] for name in modules} & {"pydantic", "yaml", "sqlalchemy"} == set()
    assert "pipeline_tui.packs.records" in modules
    assert done.stdout == run_cli(*args).out


def test_an_overdue_follow_up_names_a_conversation_booked(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path
) -> None:
    """Home says "Overdue · planned" for a person whose follow-up has passed and who has a
    conversation booked ahead; the overview's list of overdue follow-ups gave no sign of the
    booking. It now gives its date (`planned_on`), None where nothing is booked; the count
    stays (still overdue until it is held)."""
    before = overview_json(run_cli, db_path, "--year", "2026")
    assert before["follow_up_overdue"][0]["planned_on"] is None
    repo.conversations.start(org.anna, kind="lus", held_on=date(2026, 12, 4), content=content_ref)
    data = overview_json(run_cli, db_path, "--year", "2026")
    assert [(p["name"], p["planned_on"]) for p in data["follow_up_overdue"]] == [
        ("Anna Berg", "2026-12-04")
    ]
    assert data["total"]["follow_up_overdue"] == 1


def test_a_person_not_held_this_year_names_a_conversation_booked(
    org: Org, repo: Repository, content_ref, run_cli, db_path: Path
) -> None:
    """Home says "Planned" for Sofie once a MUS is booked for 10.12; the overview's
    list of those without this year's conversation gives its date too (`planned_on`)."""
    mus_content = replace(content_ref, layer="lead_self", deck_id="mus")
    repo.conversations.start(org.sofie, kind="mus", held_on=date(2026, 12, 10), content=mus_content)
    data = overview_json(run_cli, db_path, "--year", "2026")
    assert sorted((p["name"], p["planned_on"]) for p in data["not_held"]) == [
        ("Mette Holm", None),
        ("Sofie Dahl", "2026-12-10"),
    ]
    assert data["total"]["offered"] == 3 and data["total"]["held"] == 2


def test_a_layer_chosen_keeps_the_ratings_given_on_it(
    repo: Repository, content_ref, run_cli, db_path: Path
) -> None:
    """Three employees rated on 'planning' this year (manager 2, 3 and 4), one of them
    since made a leader of others: the whole organisation's overview showed the
    employee layer's 3,0 over three people, and the same overview for the employee layer
    alone said too few to show (it read only the ratings of people on the layer now).
    A layer chosen now shows the ratings given on it, the same figure; the people counted
    are still those on it now."""
    mus_content = replace(content_ref, layer="lead_self", deck_id="mus")
    ids = []
    for name, score in (("Ane", 2), ("Bo", 3), ("Cai", 4)):
        who = repo.people.create(name, "lead_self", email=f"{name.lower()}@example.dk")
        talk = repo.conversations.start(
            who.id, kind="mus", held_on=date(2026, 5, 4), content=mus_content
        )
        repo.conversations.set_rating(talk.id, "lead_self.planning", "manager", score=score)
        repo.conversations.set_status(talk.id, "completed")
        ids.append(who.id)
    repo.people.update(ids[2], layer="lead_others")
    everyone = overview_json(run_cli, db_path, "--year", "2026")
    layer = overview_json(run_cli, db_path, "--year", "2026", "--layer", "lead_self")
    for data in (everyone, layer):
        (planning,) = data["weakest"]["lead_self"][:1]
        assert planning["expectation"] == "lead_self.planning"
        assert planning["manager"] == {"n": 3, "mean": 3.0, "spread": 0.816}
    assert layer["too_few_to_show"] == []
    assert layer["total"]["people"] == 2  # Ane and Bo: on the layer now
    other = overview_json(run_cli, db_path, "--year", "2026", "--layer", "lead_others")
    assert other["weakest"] == {} and other["total"]["people"] == 1
