"""A pack problem is one line of output, whatever characters the damaged value holds."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline_tui.packs.messages import kind_of, one_line

CONTENT = Path(__file__).resolve().parents[3] / "content" / "default"


def test_line_breaking_characters_are_written_as_escapes() -> None:
    for breaker in ("\r", "\n", "\x1e", "\x85", "\u2028", "\x0b"):
        assert len(one_line(f"a{breaker}b").splitlines()) == 1
    assert one_line("Æbeløe – 3,5 %") == "Æbeløe – 3,5 %"
    assert kind_of("\r") == "the text '\\r'"


def test_a_value_of_a_carriage_return_is_one_problem_line(run_cli, tmp_path) -> None:
    """Found by the property test: `activities: "\\r"` printed a problem over two lines."""
    pack = tmp_path / "pack"
    shutil.copytree(CONTENT, pack)
    (pack / "activities" / "change.yaml").write_text('activities: "\\r"\n', encoding="utf-8")
    result = run_cli("content", "validate", pack)
    assert result.code == 2
    (line,) = result.out.splitlines()
    assert line.startswith(f"{pack}/activities/change.yaml:1: ") and "'\\r'" in line
