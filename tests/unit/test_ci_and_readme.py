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
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    development = readme.split("## Development", 1)[1].split("\n## ", 1)[0]
    for check in ("ruff check", "ruff format --check", "lint-imports", "mypy"):
        assert check in contributing, check
        assert check in script, check
        assert f"`{check}`" in development, check  # "`.ci/run` runs ... then ..."


def test_every_type_ignore_names_its_error_and_says_why() -> None:
    """mypy runs in CI; a `# type: ignore` is allowed only with an error code and a reason
    on the same line."""
    pattern = re.compile(r"#\s*type:\s*ignore(?!\[[a-z-]+(,[a-z-]+)*\]  # \S)")
    bare = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "src").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "`# type: ignore`" not in line
    ]
    assert bare == []


def test_a_missing_tool_skips_at_a_desk_and_fails_in_ci(monkeypatch) -> None:
    """The PostgreSQL, chromium and poppler tests skip where the tool is missing, but not
    in CI: there a skip would let the run pass with those tests never run."""
    import pytest
    from needs import ENV_CI, missing

    monkeypatch.delenv(ENV_CI, raising=False)
    with pytest.raises(pytest.skip.Exception):
        missing("chromium is not installed")
    monkeypatch.setenv(ENV_CI, "1")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        missing("chromium is not installed")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    pytest_line = next(i for i, line in enumerate(script) if "-m pytest" in line)
    assert f"export {ENV_CI}=1" in script[:pytest_line]


def test_the_command_table_names_every_command_and_its_options() -> None:
    """The README's "Command line" table has a row for every command `--help` lists, and
    each row names the command's options (`--force` is said once, for every command that
    writes a file). `content show` and `content list --json` were missing: a reader of the
    README did not know they could read a layer's expectations from the command line."""
    import click

    from pipeline_tui.cli import CONTEXT_SETTINGS, cli
    from pipeline_tui.cli.help import _commands

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert "unless given `--force`" in section
    missing = []
    context = click.Context(cli, info_name="pipeline-tui", **CONTEXT_SETTINGS)
    for path, command, _ctx in _commands(cli, context):
        if not path or command.hidden or isinstance(command, click.Group):
            continue
        name = " ".join(path)
        row = " ".join(line for line in rows if f"`{name}" in line)
        if not row:
            missing.append(name)
            continue
        missing += [
            f"{name} {param.opts[0]}"
            for param in command.params
            if isinstance(param, click.Option)
            and not param.hidden
            and param.name not in ("help", "force")
            and not any(opt in row for opt in param.opts)
        ]
    assert missing == []
