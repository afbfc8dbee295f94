"""The whole database as JSON and back: deterministic, checked completely, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline_tui.errors import UserError
from pipeline_tui.store.repository import Repository, open_repository
from pipeline_tui.store.transfer import ImportProblems, export_lines, import_rows, read_export

pytestmark = pytest.mark.both_engines


def export_text(repo: Repository) -> str:
    return "".join(export_lines(repo.engine))


@pytest.fixture
def exported(repo: Repository, sample_org) -> str:
    """The sample organisation, exported."""
    return export_text(repo)


@pytest.fixture
def empty(tmp_path: Path):
    target = open_repository(str(tmp_path / "empty.db"))
    yield target
    target.close()


def count(repo: Repository, table: str) -> int:
    with repo.engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


def test_export_import_export_is_identical(exported: str, empty: Repository) -> None:
    """Every row survives a round trip, byte for byte, self-references included."""
    counts = import_rows(empty, read_export(exported.encode()))
    assert counts["person"] == 3 and counts["goal"] == 3 and counts["action"] == 3
    assert export_text(empty) == exported
    anna = empty.people.by_email("anna.berg@example.dk")
    assert anna.manager_name == "Mette Holm"
    assert empty.conversations.list(person_id=anna.id)[-1].plan_signed


def test_export_is_json_with_every_table(exported: str) -> None:
    """The export is valid JSON naming its format and schema, with a list per table."""
    document = json.loads(exported)
    assert (document["format"], document["format_version"]) == ("pipeline-tui-export", 1)
    assert {name: len(rows) for name, rows in document["tables"].items()} == {
        "person": 3,
        "content_snapshot": 1,
        "conversation": 3,
        "rating": 4,
        "card_pick": 8,
        "plan": 3,
        "goal": 3,
        "action": 3,
        "erasure": 0,
        "feedback_rater": 0,
        "feedback_answer": 0,
    }


def test_import_into_a_database_with_data_is_refused(exported: str, repo: Repository) -> None:
    """An import never merges into existing data."""
    with pytest.raises(UserError, match="not empty"):
        import_rows(repo, read_export(exported.encode()))
    assert count(repo, "person") == 3


def edit(exported: str, change) -> bytes:
    """The export with one change made through `change(document)`, one row per line."""
    document = json.loads(exported)
    change(document)
    lines = ["{", '  "format": "pipeline-tui-export",', '  "format_version": 1,']
    lines += [f'  "schema_revision": "{document["schema_revision"]}",', '  "tables": {']
    names = list(document["tables"])
    for i, name in enumerate(names):
        rows = document["tables"][name]
        comma = "," if i < len(names) - 1 else ""
        if not rows:
            lines.append(f'    "{name}": []{comma}')
            continue
        lines.append(f'    "{name}": [')
        lines += [
            "      " + json.dumps(row, ensure_ascii=False) + ("," if j < len(rows) - 1 else "")
            for j, row in enumerate(rows)
        ]
        lines.append("    ]" + comma)
    lines += ["  }", "}"]
    return ("\n".join(lines) + "\n").encode()


def line_of(data: bytes, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    for number, line in enumerate(data.decode().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def problems_of(data: bytes) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        read_export(data)
    return caught.value.problems


def test_edit_helper_reproduces_the_export(exported: str) -> None:
    """The test's own re-serialisation is the exporter's layout (so line numbers are real)."""
    assert edit(exported, lambda d: None).decode() == exported


def test_unknown_column_is_reported_with_its_line(exported: str) -> None:
    """A row with a column the schema does not have is named with its line."""
    data = edit(exported, lambda d: d["tables"]["goal"][1].update(colour="red"))
    line = line_of(data, '"colour": "red"')
    assert problems_of(data) == [f"line {line}: goal row 2: unknown column colour"]


def test_duplicate_id_and_duplicate_unique_value(exported: str) -> None:
    """Two rows with one id, or two people with one email, are refused at the second line."""

    def change(document):
        people = document["tables"]["person"]
        people[2]["email"] = people[1]["email"]
        document["tables"]["action"][1]["id"] = document["tables"]["action"][0]["id"]

    data = edit(exported, change)
    jonas = line_of(data, '"name": "Jonas Friis"')
    anna = line_of(data, '"name": "Anna Berg"')
    action = line_of(data, '"description": "Sparring med Mette"')
    assert problems_of(data) == [
        f"line {jonas}: person email anna.berg@example.dk repeats line {anna}",
        f"line {action}: action id 1 appears twice",
    ]


def test_duplicate_json_key_is_reported_with_its_line(exported: str) -> None:
    """A key given twice in one object (which json would silently merge) is refused."""
    lines = exported.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if '"name": "Jonas Friis"' in line)
    lines[number] = lines[number].replace('"name": "Jonas Friis"', '"name": "J", "name": "K"')
    assert problems_of("".join(lines).encode()) == [
        f"line {number + 1}: not valid JSON: key 'name' appears twice in one object"
    ]


def test_bad_reference_is_reported_with_its_line(exported: str) -> None:
    """A row pointing at a row that is not in the file is refused."""
    data = edit(exported, lambda d: d["tables"]["rating"][0].update(conversation_id=77))
    line = line_of(data, '"conversation_id": 77')
    assert problems_of(data) == [
        f"line {line}: rating.conversation_id refers to conversation 77, which is not in the file"
    ]


def test_bad_values_are_each_reported(exported: str) -> None:
    """Wrong types, enumerations, dates and nulls: one problem per value, with the line."""

    def change(document):
        goal = document["tables"]["goal"][0]
        goal.update(status="maybe", due_on="1 June", expectation_ids="lead_others.delegation")
        document["tables"]["person"][0].update(name=None, manager_id="one")
        document["tables"]["person"][1].update(title=42, layer="x" * 65, created_at="i går")

    data = edit(exported, change)
    mette = line_of(data, '"name": null')
    anna = line_of(data, '"title": 42')
    goal = line_of(data, '"status": "maybe"')
    assert problems_of(data) == [
        f"line {mette}: person row 1: name must not be null",
        f"line {mette}: person row 1: manager_id must be a number",
        f"line {anna}: person row 2: created_at must be a date and time (ISO 8601)",
        f"line {anna}: person row 2: title must be text",
        f"line {anna}: person row 2: layer is longer than 64 characters",
        f"line {goal}: goal row 1: expectation_ids must be a list of ids",
        f"line {goal}: goal row 1: due_on must be a date (YYYY-MM-DD)",
        f"line {goal}: goal row 1: status must be one of open, in_progress, done, partly, not_done",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'{\n  "format": "pipeline-tui-export",\n  "tables": {\n',
            "line 3: the file ends in the middle of the export: it was cut short",
        ),
        (b"[1, 2]\n", "line 1: not a pipeline-tui export"),
        (b'{"format": "pipeline-tui-export"}\xff\n', "line 1: not UTF-8 text"),
        (b"[" * 100_000, "line 1: the JSON is nested too deeply"),
    ],
    ids=["truncated", "not-an-export", "not-utf8", "too-deep"],
)
def test_unreadable_files(data: bytes, expected: str) -> None:
    """A file that is not an export at all is one clear problem, with a line."""
    [problem] = problems_of(data)
    assert problem.startswith(expected)


def test_export_from_another_schema_is_refused(exported: str) -> None:
    """An export made by a newer program (unknown schema revision or format) is refused."""
    document = json.loads(exported)
    document["schema_revision"] = "9999"
    document["format_version"] = 2
    document["tables"]["badges"] = []
    found = problems_of(json.dumps(document).encode())
    assert found[0] == "line 1: format_version 2 is not supported"
    assert found[1].startswith("line 1: schema_revision '9999' is from another")
    assert found[2] == "line 1: unknown table 'badges'"


def test_timestamps_without_an_offset_are_read_as_utc(exported: str, empty: Repository) -> None:
    """An export whose timestamps lack '+00:00' (written by hand, or elsewhere) imports as UTC."""
    naive = exported.replace("+00:00", "")
    assert naive != exported
    import_rows(empty, read_export(naive.encode()))
    assert export_text(empty) == exported


def test_emails_differing_only_in_case_are_one_email(exported: str) -> None:
    """Two people whose emails differ only in letter case: refused, as the roster would."""

    def change(document):
        people = document["tables"]["person"]
        people[2]["email"] = people[1]["email"].upper()

    data = edit(exported, change)
    jonas = line_of(data, '"name": "Jonas Friis"')
    anna = line_of(data, '"name": "Anna Berg"')
    assert problems_of(data) == [
        f"line {jonas}: person email anna.berg@example.dk repeats line {anna}"
    ]


def test_an_email_in_capitals_is_found_in_any_case(exported: str, empty: Repository):
    """Emails are compared in any letter case everywhere, also where a file held capitals."""
    data = edit(exported, lambda d: d["tables"]["person"][0].update(email="Mette.Holm@Example.DK"))
    import_rows(empty, read_export(data))
    assert empty.people.by_email("mette.holm@example.dk").name == "Mette Holm"
    with pytest.raises(UserError, match="already exists"):
        empty.people.create("Mette Igen", "lead_self", email="METTE.holm@example.dk")


def test_a_manager_cycle_and_an_own_manager_are_refused(exported: str) -> None:
    """Nobody manages themself, directly or round a circle of managers."""

    def circle(document):
        people = document["tables"]["person"]
        people[0]["manager_id"] = people[2]["id"]  # Mette under Jonas, who is under Anna...

    data = edit(exported, circle)
    mette = line_of(data, '"name": "Mette Holm"')
    assert problems_of(data) == [f"line {mette}: the managers go round in a circle: 1 → 3 → 2 → 1"]

    data = edit(exported, lambda d: d["tables"]["person"][1].update(manager_id=2))
    anna = line_of(data, '"name": "Anna Berg"')
    assert problems_of(data) == [f"line {anna}: person 2 is their own manager"]


def with_content(document) -> None:
    """Give the sample's content snapshot an expectation list and a 1-5 scale, as a pack's has."""
    ids = sorted({r["expectation_id"] for r in document["tables"]["rating"]})
    texts = document["tables"]["content_snapshot"][0]["texts"]
    texts["expectations"] = [{"id": i} for i in ids]
    texts["scale"] = {"levels": [{"value": v} for v in range(1, 6)]}


def test_ratings_must_fit_the_conversations_content(exported: str, empty: Repository) -> None:
    """A rating of an expectation the conversation's snapshot does not hold, or a score off
    its scale: refused with the line; the file as exported imports."""
    import_rows(empty, read_export(edit(exported, with_content)))

    def change(document):
        with_content(document)
        ratings = document["tables"]["rating"]
        ratings[0]["expectation_id"] = "lead_others.juggling"
        ratings[1]["score"] = 7

    data = edit(exported, change)
    juggling = line_of(data, "lead_others.juggling")
    seven = line_of(data, '"score": 7')
    assert problems_of(data) == [
        f"line {juggling}: rating 1: expectation 'lead_others.juggling' is not in the content "
        "of conversation 1",
        f"line {seven}: rating 2: score 7 is not on the scale (1, 2, 3, 4, 5)",
    ]


def test_a_conversation_of_a_kind_its_content_lacks_is_refused(
    exported: str, empty: Repository
) -> None:
    """A conversation's kind is one its snapshot's pack defines (the built-in three where
    the snapshot names none): an unknown kind was imported and shown as its bare key."""

    def pack_kinds(document) -> None:
        texts = document["tables"]["content_snapshot"][0]["texts"]
        texts["kinds"] = [{"key": "mus"}, {"key": "lus"}, {"key": "onboarding_1m"}]

    data = edit(exported, lambda d: d["tables"]["conversation"][0].update(kind="xyz"))
    line = line_of(data, '"kind": "xyz"')
    assert problems_of(data) == [
        f"line {line}: conversation 1: kind 'xyz' is not one of its content's "
        "(evaluation, lus, mus)"
    ]

    def onboarding(document) -> None:
        pack_kinds(document)
        document["tables"]["conversation"][0]["kind"] = "onboarding_1m"

    import_rows(empty, read_export(edit(exported, onboarding)))  # the pack's own kind
    data = edit(
        exported, lambda d: (pack_kinds(d), d["tables"]["conversation"][0].update(kind="status"))
    )
    line = line_of(data, '"kind": "status"')
    assert problems_of(data) == [
        f"line {line}: conversation 1: kind 'status' is not one of its content's "
        "(lus, mus, onboarding_1m)"
    ]


def test_an_email_that_is_none_and_a_layer_the_pack_lacks_are_refused(exported: str) -> None:
    """As in a roster: an email must look like one, and a person's layer must be one of the
    pack in use (given by the caller); both were imported before."""
    from pipeline_tui.packs.loader import load_packs

    layers = load_packs(None).default.layer_keys()

    def change(document) -> None:
        people = document["tables"]["person"]
        people[0]["email"] = "mette at example.dk"
        people[1]["layer"] = "lead_galaxy"

    data = edit(exported, change)
    assert read_export(edit(exported, lambda d: None), layers=layers)  # as exported: fine
    with pytest.raises(ImportProblems) as caught:
        read_export(data, layers=layers)
    mette, anna = line_of(data, '"name": "Mette Holm"'), line_of(data, '"name": "Anna Berg"')
    assert caught.value.problems == [
        f"line {mette}: person 1: 'mette at example.dk' is not an email address",
        f"line {anna}: person 2: unknown layer 'lead_galaxy' (known: {', '.join(layers)})",
    ]
    assert problems_of(data) == [caught.value.problems[0]]  # no pack given: no layer check


def test_text_longer_than_anyone_writes_is_refused(exported: str) -> None:
    from pipeline_tui.store.transfer import MAX_TEXT

    data = edit(exported, lambda d: d["tables"]["plan"][0].update(summary="x" * (MAX_TEXT + 1)))
    line = line_of(data, '"summary": "xxx')
    assert problems_of(data) == [f"line {line}: plan.summary is longer than {MAX_TEXT} characters"]


@pytest.mark.sqlite_only
def test_the_stdlib_export_of_a_local_file_is_the_same_document(
    repo: Repository, sample_org, db_path: Path
) -> None:
    """`export` reads a local file with the stdlib (no ORM row processing): byte for byte the
    document the storage layer writes, timestamps at a whole second or stored without
    microseconds, dates, flags and JSON columns (lists and objects) included."""
    from pipeline_tui.store.exporting import export_lines_sqlite
    from pipeline_tui.store.queries import connect_current

    with repo.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE person SET updated_at = '2026-01-02 03:04:05.000000' WHERE id = ?",
            (sample_org.anna,),
        )
        connection.exec_driver_sql(
            "UPDATE person SET created_at = '2026-01-02 03:04:05' WHERE id = ?",
            (sample_org.anna,),
        )
        connection.exec_driver_sql(
            "INSERT INTO erasure (erased_at, rows_removed, erased_ids) "
            "VALUES ('2026-02-03 04:05:06.700000', 2, '{\"person\": [9], \"goal\": []}')"
        )
    expected = export_text(repo)
    local = connect_current(db_path)
    assert local is not None
    try:
        found = "".join(export_lines_sqlite(local))
    finally:
        local.close()
    assert found == expected
    document = json.loads(found)
    anna = next(p for p in document["tables"]["person"] if p["id"] == sample_org.anna)
    assert anna["updated_at"] == "2026-01-02T03:04:05+00:00"
    assert document["tables"]["erasure"][0]["erased_ids"] == {"person": [9], "goal": []}
    assert isinstance(document["tables"]["rating"][0]["not_observed"], bool)


def test_values_the_program_cannot_use_are_refused_by_line(exported: str) -> None:
    """An email with spaces around it (a roster would later add its owner a second time), a
    language or step the program does not have, and an erasure record holding more than
    numbers were imported as they stood."""

    def damage(document):
        tables = document["tables"]
        tables["person"][0]["email"] = " mette.holm@example.dk "
        tables["conversation"][0]["language"] = "xx"
        tables["conversation"][1]["step"] = "nostep"
        tables["erasure"] = [
            {"id": 1, "erased_at": "2026-01-01T00:00:00+00:00", "rows_removed": 1,
             "erased_ids": {"person": ["Maria Østergaard"]}}
        ]  # fmt: skip

    data = edit(exported, damage)
    problems = problems_of(data)
    assert any("the email ' mette.holm@example.dk ' has spaces around it" in p for p in problems)
    assert any("language 'xx' is not one of da, en" in p for p in problems)
    assert any("step 'nostep' is not one of the steps" in p for p in problems)
    assert any("erased_ids holds something other than the ids removed" in p for p in problems)


def test_a_card_its_deck_does_not_have_is_refused(repo: Repository) -> None:
    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs

    anna = repo.people.create("Anna Berg", "lead_others")
    services.start_conversation(repo, load_packs(None).default, anna.id)
    data = edit(export_text(repo), lambda d: d["tables"]["card_pick"][0].update(card_id="no.such"))
    assert problems_of(data) == [
        f"line {line_of(data, 'no.such')}: card_pick 1: card 'no.such' is not in the deck "
        "of conversation 1"
    ]


@pytest.fixture
def empty_here(engine: str, tmp_path: Path, request: pytest.FixtureRequest):
    """A second, empty database on the test's engine (the import's target)."""
    if engine == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database(template=request.getfixturevalue("pg_head"))
    else:
        url = str(tmp_path / "here.db")
    target = open_repository(url)
    yield target
    target.close()
    if engine == "postgresql":
        cluster.drop(url)


def test_numbers_and_text_postgresql_cannot_hold_are_refused_on_both_engines(
    exported: str, empty_here: Repository
) -> None:
    """PostgreSQL's numbers are 32-bit and its text holds no NUL: a file SQLite took was
    refused midway there (DataError, exit 1). The check refuses it first, by line, on
    either engine, and nothing is written."""
    top = 2**31 - 1

    def damage(document):
        tables = document["tables"]
        tables["person"][2]["id"] = top + 1
        tables["conversation"][2]["person_id"] = -(2**31) - 1  # a reference, as much
        tables["rating"][0]["comment"] = "Jeg gør for \x00 meget selv"
        tables["goal"][0]["expectation_ids"] = ["lead_others.\x00"]
        tables["content_snapshot"][0]["texts"]["nul\x00key"] = "a key the text holds"
        tables["plan"][0]["version"] = 2**40

    data = edit(exported, damage)
    jonas = line_of(data, '"name": "Jonas Friis"')
    talk = line_of(data, '"person_id": -2147483649')
    rating = line_of(data, "\\u0000 meget")
    goal = line_of(data, '"lead_others.\\u0000"')
    snapshot = line_of(data, "nul\\u0000key")
    plan = line_of(data, f'"version": {2**40}')
    nul = "holds the NUL character (U+0000), which a database's text cannot hold"
    assert problems_of(data) == [
        f"line {jonas}: person row 3: id {top + 1} is out of range (-2147483648 to {top})",
        f"line {snapshot}: content_snapshot row 1: texts {nul}",
        f"line {talk}: conversation row 3: person_id -2147483649 is out of range "
        f"(-2147483648 to {top})",
        f"line {rating}: rating row 1: comment {nul}",
        f"line {plan}: plan row 1: version {2**40} is out of range (-2147483648 to {top})",
        f"line {goal}: goal row 1: expectation_ids {nul}",
    ]
    # The largest and smallest a column holds are taken, and written, on either engine.
    at_the_edge = edit(
        exported,
        lambda d: (
            d["tables"]["rating"][0].update(version=top)
            or d["tables"]["card_pick"][0].update(position=-(2**31))
        ),
    )
    import_rows(empty_here, read_export(at_the_edge))
    assert export_text(empty_here).encode() == at_the_edge


def test_ids_below_1_a_version_0_and_an_empty_name_are_refused(exported: str) -> None:
    """A person or conversation numbered 0 or below cannot be named by the commands (not
    shown, exported or erased: `person erase 0` is refused); a version 0 fails `db check`;
    a person without a name is refused by `people import`. Each is refused by line."""

    def damage(document):
        tables = document["tables"]
        tables["person"][0]["id"] = 0
        tables["conversation"][0]["id"] = -5
        tables["goal"][1]["id"] = 0
        tables["action"][0]["version"] = 0

    data = edit(exported, damage)
    mette = line_of(data, '"name": "Mette Holm"')
    talk = line_of(data, '"id": -5')
    goal = line_of(data, '"title": "Uddeleger vagtplanen helt"')
    action = line_of(data, '"description": "Lær koordinatorerne op"')
    assert problems_of(data) == [
        f"line {mette}: person row 1: id 0 is below 1 (ids start at 1)",
        f"line {talk}: conversation row 1: id -5 is below 1 (ids start at 1)",
        f"line {goal}: goal row 2: id 0 is below 1 (ids start at 1)",
        f"line {action}: action row 1: version 0 is below 1 (a row's first version is 1)",
    ]
    for name in ("", "   "):
        data = edit(exported, lambda d, name=name: d["tables"]["person"][1].update(name=name))
        anna = line_of(data, '"email": "anna.berg@example.dk"')
        person = json.loads(exported)["tables"]["person"][1]["id"]
        assert problems_of(data) == [
            f"line {anna}: person {person}: the name is empty (a person needs a name)"
        ]


EVALUATION_TEXTS = {
    "layer": {"key": "lead_others", "name": {"da": "Leder af medarbejdere"}},
    "expectations": [{"id": "lead_others.delegation", "title": {"da": "Uddelegerer"}}],
    "scale": {"levels": [{"value": v} for v in range(1, 6)]},
}


def test_detached_raters_below_zero_survive_export_import_export(
    repo: Repository, sample_org, empty_here: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finished 360° rater's row and answers are detached to random ids below zero: those
    still import (only ids the program never makes are refused), and export → import →
    export gives the same bytes, on either engine."""
    from datetime import date

    from pipeline_tui.records import ContentRef

    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-02-20")  # before the evaluation is held
    content = ContentRef(
        pack_id="test",
        pack_version="1.0.0",
        pack_hash="b" * 64,
        layer="lead_others",
        deck_id="",
        texts=EVALUATION_TEXTS,
    )
    evaluation = repo.conversations.start(
        sample_org.anna, kind="evaluation", held_on=date(2026, 3, 2), content=content
    )
    for secret, score in (("first", 3), ("second", 4), ("waiting", None)):
        rater = repo.feedback.invite(evaluation.id, "peer", secret)
        link, _token = repo.invitations.issue(evaluation.id, party="peer", rater_id=rater)
        if score is not None:
            repo.invitations.answer(link.id, "lead_others.delegation", rating=(score, False))
            repo.invitations.finish(link.id)
    exported = export_text(repo)
    tables = json.loads(exported)["tables"]
    assert sorted(row["id"] < 0 for row in tables["feedback_rater"]) == [False, True, True]
    assert [row["id"] < 0 for row in tables["feedback_answer"]] == [True, True]

    import_rows(empty_here, read_export(exported.encode()))
    assert export_text(empty_here) == exported
    # The ids the database gives next follow the highest imported, not a detached one.
    top = max(row["id"] for row in tables["feedback_rater"])
    assert empty_here.feedback.invite(evaluation.id, "peer", "after") == top + 1


def test_an_export_is_one_snapshot_while_others_keep_working(
    repo: Repository, sample_org, content_ref, tmp_path: Path
) -> None:
    """A department exports while its consultants work. A person and their conversation,
    added after the export had read the people but before it read the conversations, made
    (on PostgreSQL) an export whose conversation names a person it does not hold: a file no
    import takes, found out when it was needed. Every table is now read in one snapshot:
    the export is the database as it was when it began, and imports whole."""
    from datetime import date

    lines = export_lines(repo.engine)
    head = []
    for line in lines:  # to the end of the people
        head.append(line)
        if line.startswith('    "content_snapshot"'):
            break
    other = open_repository(str(repo.engine.url.render_as_string(hide_password=False)))
    try:
        newcomer = other.people.create("Nyt Navn", "lead_others", email="ny@example.dk")
        other.conversations.start(
            newcomer.id, kind="lus", held_on=date(2026, 11, 20), content=content_ref
        )
    finally:
        other.close()
    text = "".join(head) + "".join(lines)
    assert "Nyt Navn" not in text
    target = open_repository(str(tmp_path / "copy.db"))
    try:
        import_rows(target, read_export(text.encode()))
        assert count(target, "conversation") == count(repo, "conversation") - 1
    finally:
        target.close()
