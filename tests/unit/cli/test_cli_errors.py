"""Bad input anywhere: exit code 2, a one-line message, no traceback, nothing touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest


def assert_one_line(err: str, *parts: str) -> None:
    """One message line from the program (click usage errors add a usage hint above it)."""
    assert "Traceback" not in err
    message = [line for line in err.splitlines() if line.startswith(("pipeline-tui:", "Error:"))]
    assert len(message) == 1, err
    for part in parts:
        assert part in message[0]


def test_unknown_lang_option(run_cli) -> None:
    """--lang with a language the app does not have is a usage error."""
    result = run_cli("--lang", "fr", "db", "path")
    assert (result.code, result.out) == (2, "")
    assert_one_line(result.err, "--lang", "'fr'")


def test_unknown_lang_in_the_environment(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """PIPELINE_TUI_LANG with an unknown language is refused the same way."""
    monkeypatch.setenv("PIPELINE_TUI_LANG", "sv")
    result = run_cli("db", "path")
    assert result.code == 2
    assert result.err == "pipeline-tui: unknown language 'sv': choose one of da, en\n"


def test_missing_content_folder(run_cli, tmp_path: Path) -> None:
    """--content pointing nowhere is refused before anything runs."""
    result = run_cli("--content", tmp_path / "nowhere", "db", "path")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "content folder not found" in result.err


@pytest.mark.parametrize("lang", ["en", "da"])
def test_content_given_as_a_file_is_said_to_be_a_file(run_cli, tmp_path: Path, lang) -> None:
    """A consultant points --content at the pack's pack.yaml: it was called "not found"."""
    manifest = tmp_path / "pack" / "pack.yaml"
    manifest.parent.mkdir()
    manifest.write_text("id: ours\n", encoding="utf-8")
    result = run_cli("--lang", lang, "--content", manifest, "db", "path")
    assert (result.code, result.out) == (2, "")
    words = {"en": "must be a folder, not a file", "da": "skal være en mappe, ikke en fil"}
    assert_one_line(result.err, words[lang], str(manifest), "pack.yaml")
    assert "not found" not in result.err and "findes ikke" not in result.err


@pytest.mark.parametrize("command", [("import",), ("people", "import")])
def test_missing_input_file(run_cli, db_path: Path, tmp_path: Path, command) -> None:
    """An input file that does not exist: exit 2, its name in the message, no database made."""
    missing = tmp_path / "missing.csv"
    result = run_cli("--db", db_path, *command, missing)
    assert result.code == 2
    assert result.err == f"pipeline-tui: file not found: {missing}\n"
    assert not db_path.exists()


@pytest.mark.parametrize(
    "command",
    [("import",), ("people", "import"), ("export", "--output")],
)
def test_a_folder_instead_of_a_file(run_cli, db_path: Path, tmp_path: Path, command) -> None:
    """A folder given where a file belongs is a usage error (`db backup FOLDER` writes its
    copy in the folder: test_cli_db_paths.py)."""
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run_cli("--db", db_path, *command, folder)
    assert result.code == 2
    assert_one_line(result.err, f"{folder} is a folder, not a file")


@pytest.mark.parametrize(
    "command",
    [
        ("people", "list"),
        ("conversations", "list", "--json"),
        ("export",),
        ("db", "upgrade"),
        ("person", "erase", "1", "--yes"),
    ],
)
def test_db_that_is_not_a_database_is_left_alone(run_cli, tmp_path: Path, command) -> None:
    """--db pointing at some other file: exit 2, one line, the file's bytes unchanged."""
    other = tmp_path / "budget.xlsx"
    other.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    result = run_cli("--db", other, *command)
    assert (result.code, result.out) == (2, "")
    assert_one_line(result.err, str(other), "not a SQLite file")
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.xlsx"]


def test_db_in_a_missing_folder(run_cli, tmp_path: Path) -> None:
    """--db in a folder that does not exist is refused and the folder is not made."""
    target = tmp_path / "typo" / "pipeline.db"
    result = run_cli("--db", target, "people", "list")
    assert result.code == 2
    assert_one_line(result.err, "does not exist")
    assert not target.parent.exists()


def test_db_is_a_folder(run_cli, tmp_path: Path) -> None:
    """--db naming a folder is refused."""
    result = run_cli("--db", tmp_path, "people", "list")
    assert result.code == 2
    assert_one_line(result.err, "is a folder")


@pytest.mark.parametrize(
    "args",
    [("person", "export", "anna"), ("nonsense",), ("people", "list", "--colour")],
)
def test_usage_errors(run_cli, db_path: Path, args) -> None:
    """Bad arguments and unknown commands are usage errors with one message line."""
    result = run_cli("--db", db_path, *args)
    assert result.code == 2
    assert_one_line(result.err)
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("demo", "--lang", "en"),
            "--lang is an option of pipeline-tui itself and goes before the command: "
            "pipeline-tui --lang en demo",
        ),
        (
            ("--lang", "en", "people", "list", "--unit", "HR", "--lang=da"),
            "--lang er et tilvalg til selve pipeline-tui og skal stå før kommandoen: "
            "pipeline-tui --lang=da people list --unit HR",
        ),
        (
            ("people", "list", "--db", "other.db"),
            "--db is an option of pipeline-tui itself and goes before the command: "
            "pipeline-tui --db other.db people list",
        ),
    ],
)
def test_a_global_option_after_the_command_is_shown_before_it(run_cli, args, said) -> None:
    """`pipeline-tui demo --lang en`, as a newcomer types it to see the demo in English,
    was refused with click's "No such option '--lang'" under a usage line whose
    [OPTIONS] are the command's own: nothing said --lang belongs before the command.
    The one line says it, with the command line written that way, in the language it
    asked for; nothing is opened or made."""
    result = run_cli(*args)
    assert result.code == 2
    assert result.err == f"pipeline-tui: {said}\n"
    assert result.out == ""


def test_a_command_with_its_own_lang_still_takes_it(run_cli, sample_org, db_path) -> None:
    """`plan print --lang` and `prep print --lang` are the document's language: kept."""
    result = run_cli("--db", db_path, "prep", "print", "1", "--lang", "da", "-o", "-")
    assert result.code == 0, result.err
    assert "Forbered" in result.out


def test_the_error_log_is_owner_only_even_under_umask_000() -> None:
    """A bug is logged 0600, appended not replaced, by type and place: never its message,
    which can hold personal data (a statement's parameters, a typed note)."""
    import os
    import stat

    from pipeline_tui.cli import _log_unexpected

    old = os.umask(0)
    try:
        first = _log_unexpected(RuntimeError("Anna Berg <anna@example.org>"))
        second = _log_unexpected(KeyError("second failure"))
    finally:
        os.umask(old)
    assert first == second and first is not None
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    text = first.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "builtins.KeyError" in text
    assert "Anna" not in text and "anna@" not in text and "second failure" not in text


def test_the_error_log_holds_no_personal_data(repo) -> None:
    """A failing statement's parameters (a name, an email) and quoted values in any message
    never reach error.log; the exception types and code locations do."""
    from sqlalchemy import text
    from sqlalchemy.exc import StatementError

    from pipeline_tui.cli import _log_unexpected

    try:
        with repo.engine.begin() as connection:
            connection.execute(
                text("INSERT INTO no_such_table VALUES (:name, :email)"),
                {"name": "Anna Berg", "email": "anna.berg@example.dk"},
            )
    except Exception as exc:
        failing_statement = exc
    exposed = StatementError(
        "bad value", "UPDATE person SET name = ?", ("Fatima Jensen",), ValueError("'Fatima Jensen'")
    )
    quoted = KeyError("no person named 'Søren Æbeløe' <soren@example.dk>")
    for exc in (failing_statement, exposed, quoted):
        log = _log_unexpected(exc)
    assert log is not None
    written = log.read_text(encoding="utf-8")
    for secret in ("Anna Berg", "anna.berg@example.dk", "Fatima", "Søren", "soren@"):
        assert secret not in written
    assert "OperationalError: no such table: no_such_table" in written
    assert "StatementError" in written and "KeyError" in written
    assert "test_cli_errors.py" in written


@pytest.mark.parametrize(
    ("args", "danish", "english"),
    [
        (("plan", "print", "9999"), "ingen samtale med id 9999", "no conversation with id 9999"),
        (("person", "erase", "9999", "--yes"), "ingen person med id 9999", "no person with id 99"),
        (("invite", "9999"), "ingen samtale med id 9999", "no conversation with id 9999"),
    ],
)  # fmt: skip
def test_refusals_speak_the_language_asked(run_cli, repo, db_path: Path, args, danish, english):
    """What the storage layer refuses is said in `--lang`'s language, one line, exit 2 (with
    --lang da it used to be English)."""
    for lang, message in (("da", danish), ("en", english)):
        result = run_cli("--db", db_path, "--lang", lang, *args)
        assert result.code == 2
        assert result.err.startswith(f"pipeline-tui: {'der er ' if lang == 'da' else ''}{message}")
        assert result.err.count("\n") == 1


def test_a_refusal_without_words_in_the_catalog_keeps_its_own(run_cli, repo, db_path: Path):
    """A held conversation's link is refused in Danish; a refusal the catalog has no words
    for keeps the storage layer's message rather than saying nothing."""
    from pipeline_tui.cli.texts import refusal, set_language
    from pipeline_tui.errors import UserError

    set_language("da")
    try:
        assert refusal(UserError("an invitation lasts 1 to 90 days", "days")) == (
            "an invitation lasts 1 to 90 days"
        )
        assert refusal(UserError("conversation 3 has been held", "held", id=3)) == (
            "samtale 3 er holdt: der er ikke mere at forberede"
        )
        assert refusal(UserError("held, but no id", "held")) == "held, but no id"
    finally:
        set_language(None)


HUGE = "99999999999999999999999"  # more than a 64-bit integer


@pytest.mark.parametrize(
    "args",
    [
        ("person", "erase", HUGE, "--yes"),
        ("person", "export", HUGE),
        ("person", "mentions", HUGE),
        ("plan", "print", HUGE),
        ("prep", "print", HUGE),
        ("invite", HUGE),
        ("conversations", "list", "--person", HUGE),
        ("conversations", "list", "--year", HUGE),
        ("conversations", "list", "--year", "-5"),
        ("overview", "--year", "10000"),
        ("overview", "--year", "0"),
        ("overview", "--manager", HUGE),
    ],
)
def test_numbers_no_database_can_hold_are_refused(run_cli, sample_org, db_path, args) -> None:
    """They ended in "unexpected error: OverflowError" (or ValueError), exit 1; year 0 quietly
    meant this year."""
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    result = run_cli("--db", db_path, *args)
    assert result.code == 2, result
    assert_one_line(result.err)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_a_feedback_line_with_an_id_no_database_can_hold(run_cli, sample_org, db_path, tmp_path):
    answers = tmp_path / "answers.csv"
    answers.write_text(
        f"conversation_id,group,rater,expectation_id,score,comment\n{HUGE},peer,r1,x,4,\n",
        encoding="utf-8",
    )
    result = run_cli("--db", db_path, "feedback", "import", answers)
    assert result.code == 2, result
    assert "answers.csv:2" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("args", [("export",), ("people", "list"), ("overview",)])
def test_a_full_standard_output_is_said_in_one_line(sample_org, db_path, args) -> None:
    """`> /dev/full`: export printed a traceback (its read ended after the connection was
    closed) and the others "unexpected error: OSError", exit 1."""
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "pipeline_tui", "--db", str(db_path), *args],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr == "pipeline-tui: cannot write: No space left on device\n"


def test_a_reader_that_stops_early_ends_the_export_quietly(sample_org, db_path) -> None:
    import subprocess
    import sys

    export = subprocess.Popen(
        [sys.executable, "-m", "pipeline_tui", "--db", str(db_path), "export"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert export.stdout is not None and export.stderr is not None
    export.stdout.read(10)
    export.stdout.close()  # as `| head -c 10` does
    said = export.stderr.read().decode()
    export.wait(timeout=60)
    assert "Traceback" not in said and "Exception ignored" not in said


def test_a_refusal_on_a_database_not_yet_made_makes_none(run_cli, tmp_path) -> None:
    """A refused roster, or an erasure with nobody to erase, left an empty database behind."""
    db = tmp_path / "new.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,email,title,unit,layer,manager_email\nA,a@x,T,U,nolayer,\n", encoding="utf-8"
    )
    refused = run_cli("--db", db, "people", "import", roster)
    assert refused.code == 2 and "roster.csv:2:" in refused.err
    erased = run_cli("--db", db, "person", "erase", "3", "--yes")
    assert erased.code == 2
    assert_one_line(erased.err, "no database")
    assert list(tmp_path.glob("new.db*")) == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("plan", "print", "0"), "Invalid value for 'CONVERSATION_ID': 0 is less than 1"),
        (("person", "export", "x"), "Invalid value for 'PERSON_ID': 'x' is not a whole number"),
        (
            ("invite", "1", "--days", "100"),
            "Invalid value for '--days': 100 is not between 1 and 90",
        ),
    ],
)
def test_a_value_click_refuses_is_said_plainly_in_english(run_cli, db_path, args, said) -> None:
    """Not click's "'x' is not a valid integer range" or "0 is not in the range
    1<=x<=9223372036854775807": exit 2, the usage hint, one line that says what is wrong."""
    result = run_cli("--db", db_path, *args)
    assert result.code == 2
    assert_one_line(result.err, f"Error: {said}")
    assert "range" not in result.err and "9223372036854775807" not in result.err
