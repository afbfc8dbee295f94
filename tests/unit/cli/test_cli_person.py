"""person export / erase: the right of access and the right to erasure."""

from __future__ import annotations

import io
import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest


def test_person_export_to_stdout_and_file(run_cli, repo, sample_org, db_path, tmp_path) -> None:
    """`person export ID` prints everything about the person; --output writes it owner-only."""
    result = run_cli("--db", db_path, "person", "export", sample_org.jonas)
    assert result.code == 0
    data = json.loads(result.out)
    assert data["person"]["name"] == "Jonas Friis"
    assert [c["id"] for c in data["conversations"]] == [sample_org.jonas_talk]
    target = tmp_path / "jonas.json"
    assert run_cli("--db", db_path, "person", "export", sample_org.jonas, "-o", target).code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == data
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def database_bytes(db_path: Path) -> bytes:
    wal = Path(f"{db_path}-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_person_erase_leaves_no_trace(run_cli, repo, sample_org, db_path, peek) -> None:
    """Erasure removes Anna and her conversations, keeps her report, with --scrub-mentions
    scrubs her name: the database file no longer holds her name, email or notes anywhere."""
    secrets = [
        "Anna Berg",
        "anna.berg@example.dk",
        "Vagtplanen tager to dage om måneden",
        "Jeg gør for meget selv",
    ]
    assert all(secret.encode() in database_bytes(db_path) for secret in secrets)
    args = ("person", "erase", sample_org.anna, "--yes", "--scrub-mentions")
    result = run_cli("--db", db_path, *args)
    assert result.code == 0, result.err
    assert f"Erased person {sample_org.anna}" in result.out
    repo.close()

    assert peek("SELECT name, manager_id FROM person ORDER BY id") == [
        ("Mette Holm", None),
        ("Jonas Friis", None),
    ]
    assert peek("SELECT person_id, conducted_by FROM conversation") == [
        (sample_org.jonas, "[erased]")
    ]
    assert peek("SELECT owner FROM action") == [("[erased]",)]
    assert peek("SELECT count(*), min(rows_removed) FROM erasure") == [(1, 17)]
    stored = database_bytes(db_path)
    for secret in secrets:
        assert secret.encode() not in stored, secret
    assert sample_org.note.encode() in stored  # Jonas's own note stays, only her name went


def test_person_erase_asks_and_declining_keeps_everything(
    run_cli, repo, sample_org, db_path, peek, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --yes the command asks, saying whom the person manages; no erases nothing
    and exits 0 (declining is not a failure)."""
    before = peek("SELECT count(*) FROM person"), peek("SELECT count(*) FROM conversation")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    result = run_cli("--db", db_path, "person", "erase", sample_org.anna)
    assert result.code == 0, result.err
    assert "Erase Anna Berg" in result.out
    assert "Nothing erased." in result.out
    assert "Anna Berg manages 1 person" in result.err
    assert (
        peek("SELECT count(*) FROM person"),
        peek("SELECT count(*) FROM conversation"),
    ) == before
    assert peek("SELECT count(*) FROM erasure") == [(0,)]


def test_person_erase_speaks_danish_with_lang_da(
    run_cli, repo, sample_org, db_path, peek, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--lang da: the warning, the question and the answer (j for ja) are Danish."""
    monkeypatch.setattr("sys.stdin", io.StringIO("nej\n"))
    result = run_cli("--lang", "da", "--db", db_path, "person", "erase", sample_org.anna)
    assert result.code == 0, result.err
    assert "Slet Anna Berg" in result.out and "[j/N]" in result.out
    assert "Intet er slettet." in result.out
    assert "Anna Berg er leder for 1 person" in result.err
    monkeypatch.setattr("sys.stdin", io.StringIO("j\n"))
    result = run_cli("--lang", "da", "--db", db_path, "person", "erase", sample_org.anna)
    assert result.code == 0, result.err
    assert f"Person {sample_org.anna} er slettet" in result.out
    assert peek("SELECT count(*) FROM person WHERE id = ?", sample_org.anna) == [(0,)]


@pytest.mark.both_engines
def test_erasing_the_conductor_erases_their_name_on_signed_plans_too(
    run_cli, repo, db, peek
) -> None:
    """Anna conducted Jonas's plan that both signed, and his later draft: after Anna is erased
    neither shows her name (docs/privacy.md: "signed ones too"), the same on SQLite (the
    stdlib path) and PostgreSQL (the storage layer), and the count said includes both. The
    local path once kept her name on the signed one and said "1 conversation"."""
    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs

    pack = load_packs(None).default
    anna = repo.people.create("Anna Berg", "lead_others", email="anna.berg@example.dk")
    jonas = repo.people.create("Jonas Friis", "lead_self", manager_id=anna.id)
    signed = services.start_conversation(repo, pack, jonas.id, held_on=date(2026, 3, 2))
    repo.plans.add_goal(signed.id, "Tag vagtplanen")
    repo.plans.sign(signed.id, "person")
    repo.plans.sign(signed.id, "conductor")
    draft = services.start_conversation(repo, pack, jonas.id, held_on=date(2027, 3, 2))
    repo.close()
    before = run_cli("--db", db, "plan", "print", signed.id, "--lang", "en")
    assert before.code == 0, before.err
    assert "Anna Berg" in before.out
    erased = run_cli("--lang", "en", "--db", db, "person", "erase", anna.id, "--yes")
    assert erased.code == 0, erased.err
    assert "2 conversations they conducted now show the conductor as erased" in erased.out
    after = run_cli("--db", db, "plan", "print", signed.id, "--lang", "en")
    assert after.code == 0, after.err
    assert "Anna Berg" not in after.out
    assert "[erased]" in after.out
    assert peek("SELECT id, status, conducted_by, conductor_id FROM conversation ORDER BY id") == [
        (signed.id, "signed", "[erased]", None),
        (draft.id, "draft", "[erased]", None),
    ]


def test_person_erase_confirmed_at_the_prompt(
    run_cli, repo, sample_org, db_path, peek, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Answering yes at the prompt erases."""
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert run_cli("--db", db_path, "person", "erase", sample_org.jonas).code == 0
    assert peek("SELECT count(*) FROM person WHERE id = ?", sample_org.jonas) == [(0,)]


@pytest.mark.parametrize("args", [("export", "999"), ("erase", "999", "--yes")])
def test_unknown_person(run_cli, repo, sample_org, db_path, peek, args) -> None:
    """A person id that does not exist: exit 2, one line, nothing erased."""
    result = run_cli("--db", db_path, "person", *args)
    assert (result.code, result.out) == (2, "")
    assert result.err == "pipeline-tui: no person with id 999\n"
    assert peek("SELECT count(*) FROM person") == [(3,)]


@pytest.mark.parametrize("scrub", [False, True], ids=["stdlib", "storage layer"])
def test_person_erase_drops_their_unsaved_answers_from_the_recovery_journal(
    run_cli, repo, sample_org, db_path, scrub
) -> None:
    """An answer about the person that the app could not save (killed while another program
    held the lock) waits in the recovery journal for their conversation to open again, which
    it never will: the erasure takes it out; another person's stays."""
    from pipeline_tui.config import recovery_file
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal

    repo.close()
    journal = recovery_file(str(db_path.resolve()))  # the app's, for this file

    def entry(conversation_id: int, text: str) -> Entry:
        op = Op("rating_comment", {"conversation_id": conversation_id, "value": text})
        return Entry(conversation_id, f"comment:{conversation_id}", op, "Comment", "2026-11-23")

    Journal(journal).write(
        [entry(sample_org.anna_talk, "ZEBRAFROST"), entry(sample_org.jonas_talk, "kept")]
    )
    assert b"ZEBRAFROST" in journal.read_bytes()
    args = ("person", "erase", sample_org.anna, "--yes", *(["--scrub-mentions"] * scrub))
    assert run_cli("--db", db_path, *args).code == 0
    assert b"ZEBRAFROST" not in journal.read_bytes()
    assert [e.conversation_id for e in Journal(journal).earlier(sample_org.jonas_talk)] == [
        sample_org.jonas_talk
    ]


def test_an_app_open_during_the_erasure_does_not_write_their_answers_back(
    run_cli, repo, sample_org, db_path
) -> None:
    """The app reads the recovery journal once, at its start. Open (on another screen, in
    another terminal) while `person erase` took the person's unsaved answer out of the file,
    it wrote the answer back with its own next unsaved one, and the next conversation given
    the erased one's number (SQLite reuses the highest) was offered it as its own."""
    from pipeline_tui.config import recovery_file
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal

    repo.close()
    path = recovery_file(str(db_path.resolve()))

    def entry(conversation_id: int, text: str) -> Entry:
        op = Op("rating_comment", {"conversation_id": conversation_id, "value": text})
        return Entry(conversation_id, f"comment:{text}", op, "Comment", "2026-11-23")

    Journal(path).write([entry(sample_org.anna_talk, "ZEBRAFROST")])
    app_journal = Journal(path)  # the app, started before the erasure
    args = ("person", "erase", sample_org.anna, "--yes")
    assert run_cli("--db", db_path, *args).code == 0
    assert app_journal.earlier(sample_org.anna_talk) == []
    app_journal.write([entry(sample_org.jonas_talk, "kept")])  # its next unsaved answer
    assert b"ZEBRAFROST" not in path.read_bytes()
    assert b"kept" in path.read_bytes()


def test_scrub_mentions_takes_the_name_out_of_unsaved_notes_about_others_too(
    run_cli, repo, sample_org, db_path
) -> None:
    """A note in Jonas's conversation that names Anna, typed while another program held the
    database (the app then killed), waits in the recovery journal. `person erase ANNA
    --scrub-mentions` replaced her name in the saved notes but left it in that file: the raw
    bytes still held it, and the next time Jonas's conversation opened the note was offered
    back with her name and, taken back, wrote it into the database it had been scrubbed from."""
    from pipeline_tui.config import recovery_file
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal

    repo.close()
    path = recovery_file(str(db_path.resolve()))
    note = "Talk to Anna Berg (anna.berg@example.dk) about the rota"
    op = Op("rating_comment", {"conversation_id": sample_org.jonas_talk, "value": note})
    label = "Comment on “ANNA BERG's rota”"
    Journal(path).write([Entry(sample_org.jonas_talk, "c:1", op, label, "2026-11-23")])
    open_app = Journal(path)  # an app open meanwhile (on another screen) read it at its start
    args = ("person", "erase", sample_org.anna, "--yes", "--scrub-mentions")
    assert run_cli("--db", db_path, *args).code == 0
    raw = path.read_bytes().lower()
    assert b"anna" not in raw
    (kept,) = Journal(path).earlier(sample_org.jonas_talk)  # the note itself stays, unsaved
    assert kept.op.args["value"] == "Talk to [erased] ([erased]) about the rota"
    assert kept.label == "Comment on “[erased]'s rota”"
    open_app.write([])  # its next unsaved answer: the note stays, as the file now has it
    assert b"anna" not in path.read_bytes().lower()
    assert Journal(path).earlier(sample_org.jonas_talk) == [kept]


def test_erase_without_scrubbing_leaves_unsaved_notes_about_others_as_they_are(
    run_cli, repo, sample_org, db_path
) -> None:
    """Without --scrub-mentions a mention is kept, in the database and in the journal alike."""
    from pipeline_tui.config import recovery_file
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal

    repo.close()
    path = recovery_file(str(db_path.resolve()))
    op = Op("rating_comment", {"conversation_id": sample_org.jonas_talk, "value": "Anna Berg"})
    Journal(path).write([Entry(sample_org.jonas_talk, "c:1", op, "Comment", "2026-11-23")])
    assert run_cli("--db", db_path, "person", "erase", sample_org.anna, "--yes").code == 0
    (kept,) = Journal(path).earlier(sample_org.jonas_talk)
    assert kept.op.args["value"] == "Anna Berg"


def test_person_export_names_their_links_and_the_files_written_about_them(
    run_cli, repo, sample_org, db_path, tmp_path
) -> None:
    """Right of access: the database also keeps which preparation links were made for the
    person and which files were written about them alone (their exports, printed plans), so
    that an erasure can name them; the export left both out. Now they are in it, without
    the link's hash; a whole-database backup (not about them) is not theirs."""
    repo.close()
    args = ("conversations", "list", "--person", sample_org.anna, "--json")
    listed = run_cli("--db", db_path, *args)
    [coming] = [c["id"] for c in json.loads(listed.out) if c["id"] != sample_org.anna_talk]
    url = ("--url", "https://hr.example.dk")
    assert run_cli("--db", db_path, "invite", coming, *url).code == 0
    given = tmp_path / "anna.json"  # her earlier access request, answered
    assert run_cli("--db", db_path, "person", "export", sample_org.anna, "-o", given).code == 0
    assert run_cli("--db", db_path, "db", "backup", tmp_path / "all.db").code == 0
    result = run_cli("--db", db_path, "person", "export", sample_org.anna)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    [link] = data["preparation_links"]
    assert link["conversation_id"] == coming
    assert link["revoked_at"] is None and link["expires_at"] > link["created_at"]
    assert set(link) == {"conversation_id", "created_at", "expires_at", "revoked_at"}
    made = [(c["kind"], c["path"]) for c in data["copies_made"]]
    assert made == [("person export", str(given.resolve()))]
    other = json.loads(run_cli("--db", db_path, "person", "export", sample_org.jonas).out)
    assert other["preparation_links"] == [] and other["copies_made"] == []
