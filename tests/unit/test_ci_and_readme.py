"""What CONTRIBUTING.md and the README promise about the checks holds: `.ci/run` runs the
README's test command verbatim and every check CONTRIBUTING.md names."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None, "the Quick start has a code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_two_commands_and_ci_runs_the_second_verbatim() -> None:
    install_and_open, install_and_test = quick_start()
    assert install_and_open.endswith("pipeline-tui demo")
    assert "pytest" in install_and_test and "'.[test]'" in install_and_test
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in script.splitlines()


def test_ci_runs_every_check_contributing_names() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for check in ("ruff check", "ruff format --check", "lint-imports"):
        assert check in contributing, check
        assert check in script, check
