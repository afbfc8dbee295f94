"""`people list` as a consultant reads it: in a terminal the table fits and folds between
words; sent to a pipe or a file, each person is one whole line (for grep and sort).
The installed command, in tmux and through a pipe."""

from __future__ import annotations

from pathlib import Path

from .conftest import Terminal, run_command

PEOPLE = """name,email,title,unit,layer,manager_email
Mette Holm,mette@example.dk,Centerchef,Kirurgi,lead_leaders,
Søren Øster Ågård,soren@example.dk,Afdelingssygeplejerske og koordinator for weekendvagterne,\
Sengeafsnit O2,lead_others,mette@example.dk
"""
TITLE = "Afdelingssygeplejerske og koordinator for weekendvagterne"


def people(user_env: dict[str, str], tmp_path: Path) -> Path:
    db = tmp_path / "people.db"
    roster = tmp_path / "people.csv"
    roster.write_text(PEOPLE, encoding="utf-8")
    run_command(user_env, "--db", str(db), "people", "import", str(roster))
    return db


def test_an_80_column_terminal_gets_the_table_folded_between_words(
    terminal: Terminal, user_env: dict[str, str], tmp_path: Path
) -> None:
    """The rows are 137 cells wide; at 80 columns they fold, and every word (the longest,
    "Afdelingssygeplejerske", 22 cells) is still whole: the columns are narrowed to their
    longest word before any word is cut."""
    db = people(user_env, tmp_path)
    terminal.start_reporting("--db", str(db), "people", "list")
    shown = terminal.wait_for("exit=0")
    lines = shown.splitlines()
    assert all(len(line) <= 80 for line in lines), shown
    assert TITLE not in shown  # folded...
    words = {word for line in lines for word in line.split()}
    assert set(TITLE.split()) <= words, shown  # ...between its words, none of them cut
    assert {"Søren", "Øster", "Ågård", "Sengeafsnit", "O2"} <= words, shown


def test_a_pipe_gets_each_person_on_one_whole_line(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    db = people(user_env, tmp_path)
    listed = run_command(user_env, "--db", str(db), "people", "list")  # stdout is a pipe
    lines = listed.stdout.splitlines()
    assert len(lines) == 3, listed.stdout  # the headings and two people
    soren = next(line for line in lines if "Søren Øster Ågård" in line)
    assert TITLE in soren and "Sengeafsnit O2" in soren and "Mette Holm" in soren
    assert listed.stderr == "2 people\n"
