"""An id on the command line is a whole number written in digits, and one a database can
hold: a larger one is said to be too large (it was said to be "less than 1"), and "1_0"
(which Python's int() reads as 10) is refused as not a whole number, not taken for 10."""

from __future__ import annotations

import hashlib

import pytest

HUGE = "99999999999999999999"  # more than a 64-bit integer

ID_COMMANDS = [
    ("person", "export", "{id}"),
    ("person", "mentions", "{id}"),
    ("person", "erase", "{id}", "--yes"),
    ("plan", "print", "{id}"),
    ("prep", "print", "{id}"),
    ("invite", "{id}"),
    ("conversations", "list", "--person", "{id}"),
]
NAMED = {
    "person": "PERSON_ID",
    "plan": "CONVERSATION_ID",
    "prep": "PERSON_ID",
    "invite": "CONVERSATION_ID",
    "conversations": "--person",
}
NAMED_DA = {"PERSON_ID": "PERSON_ID", "CONVERSATION_ID": "SAMTALE_ID", "--person": "--person"}


def filled(command: tuple[str, ...], value: str) -> list[str]:
    return [value if part == "{id}" else part for part in command]


@pytest.mark.parametrize("command", ID_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_id_too_large_is_said_to_be(run_cli, sample_org, db_path, command) -> None:
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    name = NAMED[command[0]]
    english = run_cli("--db", db_path, *filled(command, HUGE))
    assert english.code == 2, english
    assert english.err.splitlines()[-1] == (
        f"Error: Invalid value for '{name}': {HUGE} is too large for an id: there is none "
        "that large"
    )
    danish = run_cli("--lang", "da", "--db", db_path, *filled(command, HUGE))
    assert danish.code == 2, danish
    assert danish.err.splitlines()[0] == (
        f"pipeline-tui: ugyldig værdi for {NAMED_DA[name]}: {HUGE} er for stort til et id: "
        "der findes ikke et så stort"
    )
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("written", ["0_{id}", "{id}_", "+_{id}", "{id}.0", "½"])
@pytest.mark.parametrize("command", ID_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_id_is_written_in_digits(run_cli, sample_org, db_path, command, written) -> None:
    """ "0_3" was person 3 (int() reads underscores): now refused, nothing done."""
    value = written.format(id=sample_org.anna)
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    result = run_cli("--db", db_path, *filled(command, value))
    assert result.code == 2, result
    assert result.err.splitlines()[-1] == (
        f"Error: Invalid value for '{NAMED[command[0]]}': {value!r} is not a whole number"
    )
    assert result.out == ""
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_an_id_in_digits_is_still_taken(run_cli, sample_org, db_path) -> None:
    result = run_cli("--db", db_path, "person", "export", str(sample_org.anna))
    assert result.code == 0, result
    assert '"name": "Anna' in result.out
