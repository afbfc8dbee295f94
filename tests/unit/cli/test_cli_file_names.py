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
        ["forberedelse-محمد-علي-mus.md", "forberedelse-王伟-mus.md"]
    )


def test_a_leaders_sheets_for_two_kinds_are_two_files(run_cli, db_path: Path, tmp_path) -> None:
    """The LUS sheet and the evaluation sheet of one leader had the same default name
    ('forberedelse-anna-berg.pdf'): the second was refused as existing already, and with
    --force written over the first. The kind is now in the name."""
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,email,title,unit,layer,manager_email\n"
        "Anna Berg,anna@example.dk,Afdelingsleder,Medicin,lead_others,\n",
        encoding="utf-8",
    )
    assert run_cli("--db", db_path, "people", "import", roster).code == 0
    out = tmp_path / "sheets"
    out.mkdir()
    for kind in ("lus", "evaluation"):
        result = run_cli(
            "--db", db_path, "--lang", "da", "prep", "print", 1, "--kind", kind,
            "--format", "pdf", "-o", f"{out}/",
        )  # fmt: skip
        assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == [
        "forberedelse-anna-berg-lederevaluering.pdf",
        "forberedelse-anna-berg-lus.pdf",
    ]
    english = run_cli("--db", db_path, "prep", "print", 1, "--lang", "en", "-o", f"{out}/x.md")
    assert english.code == 0
    again = run_cli("--db", db_path, "prep", "print", 1, "--lang", "en", "-o", f"{out}/")
    assert again.code == 0, again.err
    assert (out / "preparation-anna-berg-lus.txt").is_file()
