"""What a PDF cannot show is said, not dropped silently.

DejaVu Sans has no glyph for Chinese or for most emoji: fpdf2 left them out of the signed
PDF with exit code 0 (a font library's warning on stderr the only sign), while the text,
Markdown and HTML formats kept them.
"""

from __future__ import annotations

from datetime import date

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs


def plan_with(repo, title: str) -> int:
    pack = load_packs(None).default
    person = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    talk = services.start_conversation(repo, pack, person.id, held_on=date(2026, 3, 2))
    repo.plans.add_goal(talk.id, title)
    return talk.id


def test_the_characters_a_pdf_leaves_out_are_named(run_cli, repo, db_path, tmp_path, read):
    talk = plan_with(repo, "Lær 中文 på tavlemødet 💪 – æøå")
    out = tmp_path / "plan.pdf"
    result = run_cli("--db", db_path, "plan", "print", talk, "--format", "pdf", "-o", out)
    assert result.code == 0, result.err
    assert "PDF" in result.err and "中 文 💪" in result.err
    shown = read.pdf_text(out)
    assert "tavlemødet" in shown and "æøå" in shown
    markdown = tmp_path / "plan.md"
    assert run_cli("--db", db_path, "plan", "print", talk, "--format", "markdown",
                   "-o", markdown).code == 0  # fmt: skip
    assert "中文" in markdown.read_text(encoding="utf-8")  # as the note says


def test_a_pdf_that_shows_everything_says_nothing_more(run_cli, repo, db_path, tmp_path) -> None:
    talk = plan_with(repo, "Uddeleger vagtplanen – æøå ÆØÅ “citat”")
    result = run_cli("--db", db_path, "plan", "print", talk, "--format", "pdf",
                     "-o", tmp_path / "plan.pdf")  # fmt: skip
    assert result.code == 0 and "PDF" not in result.err, result.err


def test_the_note_is_the_only_word_on_stderr(repo, db_path, tmp_path) -> None:
    """The font library's own warning ("Font MPDFAA+DejaVuSansBook is missing the following
    glyphs: …") no longer reaches the terminal beside the note, in a real process (where
    Python prints an unheard warning raw on stderr)."""
    import os
    import subprocess
    import sys

    talk = plan_with(repo, "Lær 中文 på tavlemødet")
    out = tmp_path / "plan.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline_tui", "--db", str(db_path), "--lang", "en",
         "plan", "print", str(talk), "--format", "pdf", "-o", str(out)],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "中 文" in result.stderr
    assert "missing the following glyphs" not in result.stderr, result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        line for line in result.stderr.splitlines() if "PDF" in line
    ]
