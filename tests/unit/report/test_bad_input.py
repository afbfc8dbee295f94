"""Bad input to `plan print` and `prep print`: a clear one-line message, exit 2, no
traceback and no file (not even half of one) left behind."""

from __future__ import annotations

import pytest


def _no_traceback(result) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out


def test_unknown_conversation(typical, run_cli, tmp_path) -> None:
    """An id with no conversation exits 2 naming the id, and writes nothing."""
    out = tmp_path / "plan.pdf"
    result = run_cli("--db", typical.db, "plan", "print", "99999", "--format", "pdf", "-o", out)
    assert result.code == 2
    assert "99999" in result.err and "conversation" in result.err
    _no_traceback(result)
    assert list(tmp_path.iterdir()) == []


def test_unknown_person_for_prep(typical, run_cli, tmp_path) -> None:
    """prep print of a person that does not exist exits 2 and writes nothing."""
    result = run_cli("--db", typical.db, "prep", "print", "99999", "-o", tmp_path / "p.md")
    assert result.code == 2
    assert "99999" in result.err and "person" in result.err
    _no_traceback(result)
    assert list(tmp_path.iterdir()) == []


def test_unknown_format(typical, run_cli, tmp_path) -> None:
    """--format docx is refused with the formats there are."""
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", "docx",
        "-o", tmp_path / "x.docx",
    )  # fmt: skip
    assert result.code == 2
    assert "docx" in result.err and "pdf" in result.err
    _no_traceback(result)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ("text", "markdown", "html", "pdf"))
@pytest.mark.parametrize("where", ("missing-folder", "under-a-file", "proc"))
def test_unwritable_output(fmt, where, typical, run_cli, tmp_path) -> None:
    """An unwritable --output exits 2 naming the path, leaving no file or temp file behind."""
    blocker = tmp_path / "afile"
    blocker.write_text("keep me")
    target = {
        "missing-folder": tmp_path / "no" / "such" / "plan.out",
        "under-a-file": blocker / "plan.out",
        "proc": "/proc/pipeline-tui-plan.out",
    }[where]
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt,
        "-o", target,
    )  # fmt: skip
    assert result.code == 2, result
    _no_traceback(result)
    assert result.err.strip()
    assert len(result.err.strip().splitlines()) <= 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
    assert blocker.read_text() == "keep me"


@pytest.mark.parametrize("damage", ("layer-gone", "not-an-object", "scale-levels-text"))
@pytest.mark.parametrize("fmt", ("text", "pdf"))
def test_damaged_stored_texts(typical, run_cli, tmp_path, damage, fmt) -> None:
    """The texts stored with the conversation, changed by hand or by a damaged file: one
    line naming the conversation, exit 2, nothing written (it was 'unexpected error:
    KeyError', exit 1)."""
    import json
    import shutil
    import sqlite3

    db = tmp_path / "copy.db"
    shutil.copyfile(typical.db, db)
    with sqlite3.connect(db) as con:
        (snapshot_id,) = con.execute(
            "SELECT snapshot_id FROM conversation WHERE id = ?", (typical.conversation_id,)
        ).fetchone()
        (texts,) = con.execute(
            "SELECT texts FROM content_snapshot WHERE id = ?", (snapshot_id,)
        ).fetchone()
        data = json.loads(texts)
        if damage == "layer-gone":
            del data["layer"]
        elif damage == "not-an-object":
            data = ["not", "a", "snapshot"]
        else:
            data["scale"]["levels"] = "five"
        con.execute(
            "UPDATE content_snapshot SET texts = ? WHERE id = ?", (json.dumps(data), snapshot_id)
        )
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(
        "--db", db, "--lang", "en", "plan", "print", typical.conversation_id, "--format", fmt,
        "-o", out / f"plan.{fmt}",
    )  # fmt: skip
    assert result.code == 2, result.err
    assert result.err == (
        f"pipeline-tui: the texts stored with conversation {typical.conversation_id} are "
        "damaged – nothing was printed. Restore the database from a backup\n"
    )
    _no_traceback(result)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("command", ("plan", "prep"))
@pytest.mark.parametrize("fmt", ("text", "pdf"))
@pytest.mark.parametrize("where", ("file", "folder"))
def test_a_file_name_too_long(command, fmt, where, typical, run_cli, tmp_path) -> None:
    """A name longer than the file system takes (in the file or in a folder on the way):
    the one line `export` and `db backup` give, exit 2, nothing written (it was
    'unexpected error: OSError', exit 1)."""
    import sqlite3

    with sqlite3.connect(typical.db) as con:
        (person_id,) = con.execute(
            "SELECT person_id FROM conversation WHERE id = ?", (typical.conversation_id,)
        ).fetchone()
    subject = typical.conversation_id if command == "plan" else person_id
    long = "x" * 300
    target = tmp_path / (f"{long}.{fmt}" if where == "file" else f"{long}/out.{fmt}")
    result = run_cli(
        "--db", typical.db, command, "print", subject, "--format", fmt, "-o", target,
    )  # fmt: skip
    assert result.code == 2, result.err
    assert result.err == f"pipeline-tui: cannot write {target}: File name too long\n"
    _no_traceback(result)
    assert list(tmp_path.iterdir()) == []
