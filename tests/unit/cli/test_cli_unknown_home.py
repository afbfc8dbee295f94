"""A path starting with "~name" of no user on this machine ("~anne/plan.pdf": the shell
passes it on as it is) ended every command in "unexpected error: RuntimeError", exit 1.
It is refused in one line naming the user, exit 2, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

NOBODY = "~ingen-saadan-bruger-her"


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "print", "1", "--format", "pdf", "--output", f"{NOBODY}/plan.pdf"),
        ("export", "--output", f"{NOBODY}/alt.json"),
        ("import", f"{NOBODY}/alt.json"),
        ("db", "backup", f"{NOBODY}/kopi.db"),
    ],
)
def test_a_home_of_no_user_is_refused(run_cli, repo, db_path: Path, args) -> None:
    result = run_cli("--lang", "da", "--db", db_path, *args)
    assert result.code == 2, result.err
    assert result.err.strip() == (
        "pipeline-tui: der er ingen bruger ved navn ingen-saadan-bruger-her på denne maskine "
        f"({args[-1]}): skriv mappens sti helt ud"
    )


@pytest.mark.parametrize("option", ["--db", "--content"])
def test_a_global_option_with_a_home_of_no_user_is_refused(run_cli, option) -> None:
    result = run_cli("--lang", "en", option, f"{NOBODY}/x", "people", "list")
    assert result.code == 2, result.err
    assert "there is no user called ingen-saadan-bruger-her" in result.err
    assert "unexpected" not in result.err
