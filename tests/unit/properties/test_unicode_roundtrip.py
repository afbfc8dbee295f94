"""Bad input everywhere (issue 7, guarantee 5): any Unicode text round-trips exactly.

A person's name, a rating comment, a card's notes and agreements, the plan
summary, a goal's title and an action's text take any Unicode (emoji with
zero-width joiners, right-to-left Arabic and Hebrew, combining marks, BOMs,
control characters, NUL) and come back exactly: from the repository, after
`export` → `import` into an empty database, and in `person export`; a text with NUL
only from the repository and in `person export`, as the import refuses it by line on
either engine (PostgreSQL's text cannot hold it). A lone
surrogate (which JSON can spell as "\\ud800" but UTF-8 cannot store) is refused
cleanly: a message, exit 2, nothing written.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_tui import services
from pipeline_tui.errors import UserError
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import Repository, open_repository
from pipeline_tui.vocabulary import with_control

PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
SPECIAL = [
    "👩‍👩‍👧‍👦 familie",  # emoji joined by zero-width joiners
    "مرحبا بالعالم",  # Arabic, right to left
    "שלום עולם",  # Hebrew
    "e\u0301 a\u0308 Z\u0335\u0327",  # combining marks
    "\u200bzero\u200cwidth\u200d",
    "\u202eRLO override\u202c",
    "\ufeffBOM inside",
    "tab\tand\nnew line\r\nand CR",
    "NUL\x00inside",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇩🇰 🏳️‍🌈",
    "Søren Ærø Åse",
]
ANY_TEXT = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
)
FIELDS = ("name", "comment", "notes", "agreements", "summary", "goal", "action")
# A name takes no character a terminal acts on (the stores refuse them, see
# tests/unit/privacy/test_control_characters.py); tabs and line breaks it may hold.
NAME_TEXT = ANY_TEXT.map(lambda text: "".join(c for c in text if not with_control(c))).filter(
    str.strip
)


@contextmanager
def example_dir() -> Iterator[Path]:
    """A new empty folder for one hypothesis example (function fixtures are shared by them)."""
    folder = Path(tempfile.mkdtemp(prefix="pipeline-unicode-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int | str]]:
    """A database with one conversation holding a rating, a card, a goal and an action."""
    path = tmp_path_factory.mktemp("unicode-template") / "template.db"
    pack = load_packs(None).default
    repository = open_repository(str(path))
    try:
        person = repository.people.create("Anna Berg", "lead_others", email="anna@example.dk")
        talk = services.start_conversation(repository, pack, person.id, held_on=date(2026, 3, 2))
        detail = repository.conversations.detail(talk.id)
        expectation = services.conversation_content(detail).expectations[0].id
        repository.conversations.set_rating(talk.id, expectation, "self", score=3)
        goal = repository.plans.add_goal(talk.id, "Mål")
        action = repository.plans.add_action(goal.id, "Handling")
        ids = {
            "person": person.id,
            "talk": talk.id,
            "expectation": expectation,
            "pick": detail.picks[0].id,
            "goal": goal.id,
            "action": action.id,
        }
    finally:
        repository.close()
    return path, ids


def write(repository: Repository, ids: dict, texts: dict[str, str]) -> None:
    talk = ids["talk"]
    repository.people.update(ids["person"], name=texts["name"])
    repository.conversations.set_rating_comment(talk, ids["expectation"], "self", texts["comment"])
    repository.conversations.set_card_text(ids["pick"], "notes", texts["notes"])
    repository.conversations.set_card_text(ids["pick"], "agreements", texts["agreements"])
    repository.plans.update(talk, summary=texts["summary"])
    repository.plans.update_goal(ids["goal"], title=texts["goal"])
    repository.plans.update_action(ids["action"], description=texts["action"])


def read(repository: Repository, ids: dict) -> dict[str, str]:
    detail = repository.conversations.detail(ids["talk"])
    pick = next(p for p in detail.picks if p.id == ids["pick"])
    [goal] = detail.plan.goals
    [action] = goal.actions
    return {
        "name": repository.people.get(ids["person"]).name,
        "comment": detail.rating(ids["expectation"], "self").comment,
        "notes": pick.notes,
        "agreements": pick.agreements,
        "summary": detail.plan.summary,
        "goal": goal.title,
        "action": action.description,
    }


@PROPERTY
@given(
    texts=st.fixed_dictionaries(
        {field: NAME_TEXT if field == "name" else ANY_TEXT for field in FIELDS}
    )
)
def test_any_unicode_round_trips_through_repository_export_import_and_person_export(
    template, run_cli, texts: dict[str, str]
) -> None:
    """Bad input (Unicode): any text in every typed field comes back exactly, everywhere."""
    source, ids = template
    if not texts["name"].strip():
        texts["name"] = "x" + texts["name"]  # a person needs a name: a blank one is refused
    with example_dir() as folder:
        db = Path(shutil.copyfile(source, folder / "one.db"))
        repository = open_repository(str(db))
        try:
            write(repository, ids, texts)
            assert read(repository, ids) == texts
        finally:
            repository.close()

        dump = folder / "dump.json"
        assert run_cli("--db", db, "export", "--output", dump).code == 0
        copy = folder / "copy.db"
        imported = run_cli("--db", copy, "import", dump)
        if any("\x00" in text for text in texts.values()):
            assert imported.code == 2, imported.err
            assert "holds the NUL character (U+0000)" in imported.err
            assert not copy.exists()
            copy = db  # `person export` reads the database it was written to
        else:
            assert imported.code == 0, imported.err
            again = run_cli("--db", copy, "export", "--output", folder / "again.json")
            assert again.code == 0
            assert (folder / "again.json").read_bytes() == dump.read_bytes()
            # On standard output a C1 control or a bidi mark is written as its JSON escape
            # (src/pipeline_tui/cli/terminal.py): the same data, read back.
            shown = run_cli("--db", copy, "export")
            assert shown.code == 0
            assert json.loads(shown.out) == json.loads(dump.read_text(encoding="utf-8"))
        repository = open_repository(str(copy))
        try:
            assert read(repository, ids) == texts
        finally:
            repository.close()

        person = run_cli("--db", copy, "person", "export", ids["person"])
        assert person.code == 0, person.err
        data = json.loads(person.out)
        assert data["person"]["name"] == texts["name"]
        assert [r["comment"] for r in data["ratings"]] == [texts["comment"]]
        pick = next(p for p in data["card_picks"] if p["id"] == ids["pick"])
        assert (pick["notes"], pick["agreements"]) == (texts["notes"], texts["agreements"])
        assert data["plans"][0]["summary"] == texts["summary"]
        assert [g["title"] for g in data["goals"]] == [texts["goal"]]
        assert [a["description"] for a in data["actions"]] == [texts["action"]]


def test_a_lone_surrogate_is_refused_by_the_repository_and_nothing_changes(template) -> None:
    """Bad input (Unicode): a lone surrogate in any field is refused with a message, unsaved."""
    source, ids = template
    with example_dir() as folder:
        db = Path(shutil.copyfile(source, folder / "one.db"))
        repository = open_repository(str(db))
        try:
            before = read(repository, ids)
            for field in FIELDS:
                texts = {**before, field: "half \ud83d emoji"}
                with pytest.raises(UserError, match="lone surrogate"):
                    write(repository, ids, texts)
            with pytest.raises(UserError, match="lone surrogate"):
                repository.people.create("Bo \udc80", "lead_self")
            assert read(repository, ids) == before
            assert [p.name for p in repository.people.list()] == [before["name"]]
        finally:
            repository.close()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"title": "Mål"', '"title": "\\ud800"', "goal row 1: title is not valid Unicode"),
        ('"title": "Mål"', '"title": "\\udfff"', "goal row 1: title is not valid Unicode"),
        ('"title": "Mål"', '"title": "a\\ud83d"', "goal row 1: title is not valid Unicode"),
        ('"title": "Mål"', '"title": "Mål\\u0000"',
         "goal row 1: title holds the NUL character (U+0000)"),
        ('"version": 1, "id": 1, "plan_id"', '"version": 9223372036854775808, "id": 1, "plan_id"',
         "goal row 1: version 9223372036854775808 is out of range"),
        ('"version": 1, "id": 1, "plan_id"', '"version": -9223372036854775809, "id": 1, "plan_id"',
         "goal row 1: version -9223372036854775809 is out of range"),
        ('"version": 1, "id": 1, "plan_id"', '"version": 2147483648, "id": 1, "plan_id"',
         "goal row 1: version 2147483648 is out of range"),
    ],
    ids=["surrogate", "low-surrogate", "half-emoji", "nul", "2**63", "-2**63-1", "2**31"],
)  # fmt: skip
def test_values_the_database_cannot_hold_are_refused_with_their_line(
    template, run_cli, old: str, new: str, message: str | None
) -> None:
    """Bad input (import): a lone surrogate, NUL (PostgreSQL's text cannot hold it) or a
    number beyond 32 bits (PostgreSQL's integer) exits 2 by line, on SQLite too."""
    source, _ids = template
    with example_dir() as folder:
        dump = folder / "dump.json"
        assert run_cli("--db", source, "export", "--output", dump).code == 0
        lines = dump.read_text(encoding="utf-8").splitlines(keepends=True)
        number = next(i for i, line in enumerate(lines) if '"title": "Mål"' in line)
        assert lines[number].count(old) == 1
        lines[number] = lines[number].replace(old, new)
        dump.write_text("".join(lines), encoding="utf-8")
        target = folder / "new.db"
        result = run_cli("--db", target, "import", dump)
        assert "Traceback" not in result.err
        if message is None:
            assert result.code == 0, result.err
            return
        assert result.code == 2, result.err
        assert f"line {number + 1}: {message}" in result.err
        assert not target.exists()
