"""`pipeline-tui plan print` on the demo data in every format, through the real command:
what the plan must show, where the file goes and who may read it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_plan_shows_everything_that_was_agreed(fmt, typical, read, run_cli, tmp_path) -> None:
    """Every format shows person, unit, layer, goals, due dates, actions, agreements, sign-offs."""
    out = tmp_path / f"plan.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt,
        "--output", out, "--lang", "da",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.out.strip() == str(out.resolve())
    text = read.shown(out, fmt)
    for expected in (typical.name, typical.unit, typical.layer):
        assert read.flat(expected) in text, expected
    for title, criterion, due in typical.goals:
        assert read.flat(title) in text
        assert read.flat(criterion) in text
        assert due in text
    for action in typical.actions:
        assert read.flat(action) in text, action
    for agreement in typical.agreements:
        assert read.flat(agreement) in text, agreement
    person_signed, conductor_signed = typical.signed
    assert f"Underskrevet {person_signed}" in text
    assert f"Underskrevet {conductor_signed}" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_is_owner_only(fmt, typical, run_cli, tmp_path) -> None:
    """--output writes exactly there, readable by the owner alone (0600), no temp file left."""
    out = tmp_path / f"somewhere.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt, "-o", out
    )  # fmt: skip
    assert result.code == 0, result.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.stat().st_size > 500
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


@pytest.mark.parametrize("fmt", ("markdown", "html", "pdf"))
def test_without_output_a_named_file_is_written_and_printed(
    fmt, typical, run_cli, tmp_path, monkeypatch
) -> None:
    """Without --output a file named by person and date is written in the documents folder
    (not wherever the command was run), its path printed."""
    import os

    monkeypatch.chdir(tmp_path)
    documents = Path(os.environ["XDG_DOCUMENTS_DIR"]) / "pipeline-tui"
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt,
        "--lang", "en",
    )  # fmt: skip
    assert result.code == 0, result.err
    written = Path(result.out.strip())
    assert written.parent == documents
    assert written.is_file()
    assert written.name.startswith("development-plan-")
    assert written.suffix == f".{SUFFIX[fmt]}"
    first = typical.name.split()[0].lower()
    assert first.replace("ø", "o").replace("æ", "ae").replace("å", "aa") in written.name
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert list(tmp_path.iterdir()) == []  # nothing in the current folder
    assert [p.name for p in documents.iterdir()] == [written.name]


@pytest.mark.parametrize("fmt", ("markdown", "pdf"))
def test_output_to_a_folder_names_the_file(fmt, typical, run_cli, tmp_path) -> None:
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt,
        "-o", tmp_path, "--lang", "da",
    )  # fmt: skip
    assert result.code == 0, result.err
    written = Path(result.out.strip())
    assert written.parent == tmp_path.resolve() and written.name.startswith("udviklingsplan-")


def test_text_without_output_goes_to_the_terminal(typical, read, run_cli, tmp_path, monkeypatch):
    """Text without --output is printed (plain when piped) and writes no file."""
    monkeypatch.chdir(tmp_path)
    result = run_cli("--db", typical.db, "plan", "print", typical.conversation_id)
    assert result.code == 0, result.err
    text = read.untable(result.out)
    assert typical.name in text
    for title, _criterion, _due in typical.goals:
        assert read.flat(title) in text
    assert "\x1b[" not in result.out
    assert list(tmp_path.iterdir()) == []


def test_english_labels_with_lang_en(typical, read, run_cli, tmp_path) -> None:
    """--lang en prints the English labels and English dates around the same content."""
    out = tmp_path / "plan.html"
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", "html",
        "-o", out, "--lang", "en",
    )  # fmt: skip
    assert result.code == 0, result.err
    text, _tags = read.html_text(out.read_text(encoding="utf-8"))
    assert "Development plan" in text
    assert "Underskrevet" not in text
    assert typical.name in text


def test_a_dash_for_output_is_standard_output(typical, read, run_cli, tmp_path, monkeypatch):
    """`-o -` sends the plan (and an export) to standard output, as the shell's tools do; it
    wrote a file named "-". A PDF goes to a pipe, and is refused on a terminal."""
    import os
    import pty
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    plan = ("--db", typical.db, "plan", "print", typical.conversation_id)
    markdown = run_cli(*plan, "--format", "markdown", "-o", "-")
    assert markdown.code == 0, markdown.err
    assert markdown.out.startswith("# ") and typical.name in markdown.out
    assert read.flat(typical.goals[0][0]) in read.flat(markdown.out)
    exported = run_cli("--db", typical.db, "export", "-o", "-")
    assert exported.code == 0 and exported.out == run_cli("--db", typical.db, "export").out
    assert list(tmp_path.iterdir()) == []

    command = [
        str(Path(sys.executable).with_name("pipeline-tui")), *map(str, plan), "--format", "pdf",
        "-o", "-",
    ]  # fmt: skip
    piped = subprocess.run(command, capture_output=True, timeout=120, cwd=tmp_path)
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF-"), piped.stderr
    leader, follower = pty.openpty()
    try:
        shown = subprocess.run(
            command, stdout=follower, stderr=subprocess.PIPE, timeout=120, cwd=tmp_path
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert shown.returncode == 2
    assert b"a PDF cannot be shown on a terminal" in shown.stderr
    assert list(tmp_path.iterdir()) == []
