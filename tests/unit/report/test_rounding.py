"""Figures are rounded as on paper, a half away from zero, in both languages: self-ratings
2, 4, 3, 4 (a mean of 3.25) are 3,3 in Danish and 3.3 in English, on the printed plan in
every format as on the screen (tests/ui/test_rounding_shown.py). Python's own rounding
(format, round) makes 3.25 the even 3.2, and 2.675 (stored as 2.67499…) 2.67."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository
from pipeline_tui.texts import locale

OWN = (2, 4, 3, 4)  # a mean of 3.25


@pytest.mark.parametrize(
    ("value", "digits", "da", "en"),
    [
        (3.25, 1, "3,3", "3.3"),
        (2.675, 1, "2,7", "2.7"),
        (2.675, 2, "2,68", "2.68"),
        (0.05, 1, "0,1", "0.1"),
        (0.25, 1, "0,3", "0.3"),
        (-0.25, 1, "-0,3", "-0.3"),  # away from zero
        (3.24, 1, "3,2", "3.2"),
        (4, 1, "4,0", "4.0"),
        (2 / 3, 2, "0,67", "0.67"),
        (12.5, 0, "13", "13"),
    ],
)
def test_a_half_is_rounded_up_in_both_languages(value, digits, da, en) -> None:
    assert locale("da").number(value, digits) == da
    assert locale("en").number(value, digits) == en


def test_a_percentage_is_rounded_the_same_way() -> None:
    assert locale("da").percent(0.125) == "13%"
    assert locale("en").percent(0.005) == "1%"
    assert locale("en").percent(2 / 3) == "67%"


@pytest.fixture
def rated(tmp_path: Path) -> tuple[Path, int]:
    """A MUS with the person's own ratings 2, 4, 3, 4 in one dimension (the rest of it
    unrated) and the manager's 3 everywhere, revealed: the database and the conversation."""
    db = tmp_path / "rounding.db"
    repo = open_repository(str(db))
    try:
        boss = repo.people.create("Mette Holm", "lead_others", email="mette@example.dk")
        person = repo.people.create(
            "Jonas Friis", "lead_self", email="jonas@example.dk", manager_id=boss.id
        )
        talk = services.start_conversation(repo, load_packs(None).default, person.id)
        content = services.conversation_content(repo.conversations.detail(talk.id))
        items = next(i for _d, i in content.by_dimension() if len(i) >= len(OWN))
        for expectation, score in zip(items, OWN, strict=False):
            repo.conversations.set_rating(talk.id, expectation.id, "self", score=score)
        for expectation in content.expectations:
            repo.conversations.set_rating(talk.id, expectation.id, "manager", score=3)
        repo.conversations.update(talk.id, revealed=True)
        return db, talk.id
    finally:
        repo.close()


@pytest.mark.parametrize("fmt", ["text", "pdf"])
@pytest.mark.parametrize(("lang", "mean", "even"), [("da", "3,3", "3,2"), ("en", "3.3", "3.2")])
def test_the_printed_plan_rounds_a_mean_of_3_25_to_3_3(
    rated, run_cli, read, tmp_path, fmt, lang, mean, even
) -> None:
    db, talk_id = rated
    out = tmp_path / f"plan.{'txt' if fmt == 'text' else fmt}"
    result = run_cli(
        "--db", db, "plan", "print", talk_id, "--format", fmt, "--output", out, "--lang", lang
    )  # fmt: skip
    assert result.code == 0, result.err
    figures = read.shown(out, fmt).split()
    # The dimension's own figure; no other figure of this plan is 3,2 (the rest are 3,0
    # and "–"), so the even rounding would show as that.
    assert mean in figures
    assert even not in figures


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_overview_command_lists_the_weakest_with_one_decimal(demo_db, run_cli, lang) -> None:
    """As the app's overview does (its heat map keeps two decimals)."""
    done = run_cli("--db", demo_db, "--lang", lang, "overview", "--year", "2026")
    assert done.code == 0, done.err
    mark = "," if lang == "da" else "."
    listed = [line for line in done.out.splitlines() if re.match(r"^  \d[.,]\d", line)]
    assert listed, done.out
    assert all(re.match(rf"^  \d\{mark}\d  \S", line) for line in listed), listed
