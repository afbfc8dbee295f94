"""`-o plan.pdf` without --format writes a PDF: the format follows the file's name.

It wrote the text format into plan.pdf (exit 0), a file no PDF reader opens; and
`--format html -o plan.pdf` wrote HTML into it. Now the name's extension chooses the
format when --format is left out, and a --format that contradicts it is refused.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("name", "starts"),
    [("plan.pdf", b"%PDF-"), ("plan.HTML", b"<!doctype html>"), ("plan.md", b"# ")],
)
def test_the_extension_chooses_the_format(typical, run_cli, tmp_path, name, starts) -> None:
    out = tmp_path / name
    result = run_cli("--db", typical.db, "plan", "print", typical.conversation_id, "-o", out)
    assert result.code == 0, result.err
    assert out.read_bytes()[: len(starts)].lower() == starts.lower()


def test_a_name_with_no_known_extension_gets_text(typical, run_cli, tmp_path) -> None:
    out = tmp_path / "plan.notes"
    result = run_cli("--db", typical.db, "prep", "print", "1", "-o", out)
    assert result.code == 0, result.err
    assert not out.read_bytes().startswith((b"%PDF", b"<!", b"# "))


def test_a_format_the_name_contradicts_is_refused(typical, run_cli, tmp_path) -> None:
    out = tmp_path / "plan.pdf"
    result = run_cli(
        "--lang", "en", "--db", typical.db, "plan", "print", typical.conversation_id,
        "--format", "html", "-o", out,
    )  # fmt: skip
    assert result.code == 2
    assert result.err.strip() == (
        f"pipeline-tui: {out}: the name ends in .pdf, which does not fit the html format: "
        "nothing was written (leave out --format, or give the file a name ending in .html)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["plan", "prep"])
@pytest.mark.parametrize("name", ["udviklingsplan.docx", "plan.ODT", "plan.png"])
def test_a_name_of_a_format_not_written_is_refused(typical, run_cli, tmp_path, command, name):
    """`-o udviklingsplan.docx` (a consultant who wants to edit it in Word) wrote the text
    format into a file Word calls damaged, exit 0; with `--format pdf`, a PDF named .docx."""
    out = tmp_path / name
    ext = out.suffix.lstrip(".").lower()
    for extra in ((), ("--format", "pdf")):
        result = run_cli(
            "--lang", "da", "--db", typical.db, command, "print",
            str(typical.conversation_id) if command == "plan" else "1", "-o", out, *extra,
        )  # fmt: skip
        assert result.code == 2, result.err
        assert result.err.strip() == (
            f"pipeline-tui: {out}: pipeline-tui kan ikke skrive .{ext}-filer: intet blev skrevet"
            " (giv filen et navn, der ender på .pdf, .html, .md eller .txt; Word kan åbne en"
            " .html-fil)"
        )
        assert list(tmp_path.iterdir()) == []
