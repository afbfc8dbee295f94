"""A file written from the database (export, person export, backup, printed plan) is noted
in it, so that an erasure can name it; when the note cannot be written (another program
holds the database past the wait), the command still succeeds and says the file is not
on that list."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui.store.repository import Repository


def noted(db_path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute("SELECT kind, path FROM copy_made ORDER BY id").fetchall()
    finally:
        connection.close()


def test_copies_are_noted(run_cli, repo: Repository, sample_org, db_path: Path, tmp_path) -> None:
    repo.close()
    out = tmp_path / "all.json"
    mine = tmp_path / "anna.json"
    assert run_cli("--lang", "en", "--db", db_path, "export", "-o", out).code == 0
    done = run_cli("--lang", "en", "--db", db_path, "person", "export", sample_org.anna, "-o", mine)
    assert done.code == 0 and "could not be recorded" not in done.err
    assert noted(db_path) == [
        ("export", str(out.resolve())),
        ("person export", str(mine.resolve())),
    ]


def test_what_went_to_standard_output_is_no_file_to_name(
    run_cli, repo: Repository, sample_org, db_path: Path, tmp_path, monkeypatch
) -> None:
    """`-o -` writes to standard output: an erasure named "person export: <folder>/-", a
    file that never was."""
    repo.close()
    monkeypatch.chdir(tmp_path)
    assert run_cli("--db", db_path, "person", "export", sample_org.anna, "-o", "-").code == 0
    assert run_cli("--db", db_path, "export", "-o", "-").code == 0
    assert noted(db_path) == []
    erased = run_cli("--db", db_path, "person", "erase", sample_org.anna, "--yes")
    assert erased.code == 0 and "/-" not in erased.out + erased.err


def test_a_copy_made_while_another_program_holds_the_database_is_said(
    run_cli, repo: Repository, sample_org, db_path: Path, tmp_path
) -> None:
    repo.close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program's write, held past the 5-s wait
    try:
        out = tmp_path / "all.json"
        done = run_cli("--lang", "en", "--db", db_path, "export", "-o", out)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.code == 0 and out.stat().st_size > 0
    assert done.err.splitlines()[-1] == (
        f"Note: {out} could not be recorded in the database (it was busy or read-only), "
        "so erasing the person will not name this file"
    )
    assert noted(db_path) == []


@pytest.mark.both_engines
def test_person_erase_names_the_copies_on_both_engines(
    run_cli, repo: Repository, db: str, peek, tmp_path: Path
) -> None:
    """The copies are noted in `copy_made` whatever the engine (on PostgreSQL nothing was
    noted, so `person erase` named no file there), and the erasure names the whole-database
    export and the person's own copies, not another person's."""
    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs

    anna = repo.people.create("Anna Berg", "lead_others", email="anna.berg@example.dk").id
    jonas = repo.people.create("Jonas Friis", "lead_self", manager_id=anna).id
    pack = load_packs(None).default
    talk = services.start_conversation(repo, pack, anna, held_on=date(2026, 3, 2))
    repo.close()
    whole, mine, plan = tmp_path / "all.json", tmp_path / "anna.json", tmp_path / "anna.md"
    theirs = tmp_path / "jonas.json"
    for args in (
        ("export", "-o", whole),
        ("person", "export", anna, "-o", mine),
        ("plan", "print", talk.id, "--format", "markdown", "-o", plan),
        ("person", "export", jonas, "-o", theirs),
    ):
        done = run_cli("--lang", "en", "--db", db, *args)
        assert done.code == 0 and "could not be recorded" not in done.err, (args, done)
    assert peek("SELECT kind, path, person_id FROM copy_made ORDER BY id") == [
        ("export", str(whole.resolve()), None),
        ("person export", str(mine.resolve()), anna),
        ("plan", str(plan.resolve()), anna),
        ("person export", str(theirs.resolve()), jonas),
    ]
    erased = run_cli("--lang", "en", "--db", db, "person", "erase", anna, "--yes")
    assert erased.code == 0, erased.err
    named = [line.split("  ", 2)[-1] for line in erased.err.splitlines() if line.startswith("  ")]
    assert named == [
        f"export: {whole.resolve()}",
        f"person export: {mine.resolve()}",
        f"plan: {plan.resolve()}",
    ]
    assert peek("SELECT kind, person_id FROM copy_made ORDER BY id") == [
        ("export", None),
        ("person export", jonas),
    ]


@pytest.mark.both_engines
def test_a_copy_noted_through_an_open_engine_is_named_by_the_erasure(
    repo: Repository, db: str, tmp_path: Path
) -> None:
    """The app notes a printed plan through the engine it has open (`print_dialog`): the
    same row, named by the erasure (the storage layer's, which the app uses)."""
    from pipeline_tui.store.copies import note_copy
    from pipeline_tui.store.privacy import erase_person

    anna = repo.people.create("Anna Berg", "lead_others").id
    plan = tmp_path / "anna.pdf"
    assert note_copy(db, "plan", plan, anna, engine=repo.engine)
    erased = erase_person(repo.engine, anna)
    assert [(kind, path) for kind, path, _made in erased.copies] == [("plan", str(plan))]


def test_a_file_written_again_is_named_once_by_the_erasure(
    run_cli, repo: Repository, db_path: Path, tmp_path
) -> None:
    """A plan printed three times onto the same file (--force) is one file to delete: the
    erasure listed it three times."""
    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs

    person = repo.people.create("Freja Holm", "lead_self", email="freja@example.dk").id
    conversation = services.start_conversation(
        repo, load_packs(None).default, person, held_on=date(2026, 3, 2)
    ).id
    repo.close()
    plan, other = tmp_path / "plan.html", tmp_path / "plan.pdf"
    for out, force in ((plan, ()), (other, ()), (plan, ("--force",)), (plan, ("--force",))):
        printed = run_cli(
            "--db", db_path, "plan", "print", conversation, "--format", out.suffix[1:],
            "-o", out, *force,
        )  # fmt: skip
        assert printed.code == 0, printed.err
    erased = run_cli("--lang", "en", "--db", db_path, "person", "erase", person, "--yes")
    assert erased.code == 0, erased.err
    listed = [line for line in erased.err.splitlines() if line.startswith("  ")]
    assert [line.split(": ", 1)[1] for line in listed] == [str(other), str(plan)]
