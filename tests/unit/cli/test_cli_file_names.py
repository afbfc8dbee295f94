"""The file names a sheet or a plan gets by default: a name in another script stays itself.

Before, every letter that is not Latin was dropped, so 'محمد علي' and '王伟' both became
'forberedelse-plan.md': the second sheet was refused as existing already, or with --force
written over the first person's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_tui.files import safe_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Søren Ærø-Åberg", "soren-aero-aaberg"),
        ("José  María", "jose-maria"),
        ("王伟", "王伟"),
        ("محمد علي", "محمد-علي"),
        ("Anna_Berg/../x", "anna-berg-x"),
        ("😀", "plan"),
        (".", "plan"),
        ("Ωmega " * 30, ("ωmega-" * 10)[:-1]),
    ],
)
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name) == expected
    assert "/" not in safe_name(name) and len(safe_name(name).encode()) <= 180


def test_two_people_of_another_script_get_two_sheets(run_cli, db_path: Path, tmp_path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,email,title,unit,layer,manager_email\n"
        "محمد علي,ar@example.dk,T,U,lead_self,\n"
        "王伟,zh@example.dk,T,U,lead_self,\n",
        encoding="utf-8",
    )
    assert run_cli("--db", db_path, "people", "import", roster).code == 0
    out = tmp_path / "sheets"
    out.mkdir()
    for person in (1, 2):
        result = run_cli(
            "--db", db_path, "--lang", "da", "prep", "print", person,
            "--format", "markdown", "-o", f"{out}/",
        )  # fmt: skip
        assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["forberedelse-محمد-علي.md", "forberedelse-王伟.md"]
    )
