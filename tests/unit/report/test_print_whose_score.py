"""The printed strengths and development areas say whose score they carry.

A top leader's evaluation printed "Sætter retning for hele virksomheden (2)" under
"Udviklingsområder" where the summary screen said "Lederens leder 2 · selv 3": the paper
read as if both had agreed on 2, and the leader's own 3 was gone. The print now names
both scores, as the screen does, in Danish and in English, in every format.
"""

from __future__ import annotations

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.labels import label
from pipeline_tui.store.repository import open_repository

FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}


@pytest.fixture
def evaluated(db_path):
    """A leadership evaluation of a top leader, revealed: the manager 2 and self 3 on one
    expectation, the manager 4 and self 5 on another, the rest 3 by both."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        chair = repo.people.create("Bo Formand", "lead_business", email="bo@example.dk")
        person = repo.people.create(
            "Henrik Lund", "lead_business", email="henrik@example.dk", manager_id=chair.id
        )
        record = services.start_conversation(repo, pack, person.id, kind="evaluation")
        content = services.conversation_content(repo.conversations.detail(record.id))
        low, high, *rest = [e.id for e in content.ordered_expectations()]
        scores = {low: (3, 2), high: (5, 4)} | {e: (3, 3) for e in rest}
        for expectation_id, (own, boss) in scores.items():
            repo.conversations.set_rating(record.id, expectation_id, "self", score=own)
            repo.conversations.set_rating(record.id, expectation_id, "manager", score=boss)
        repo.conversations.update(record.id, revealed=True)
        titles = {e.id: e.title for e in content.ordered_expectations()}
        yield record.id, titles[low], titles[high]
    finally:
        repo.close()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("lang", "boss", "own"),
    [("da", "Lederens leder", "leder"), ("en", "Leader's manager", "leader")],
)
def test_printed_strengths_and_areas_name_both_scores(
    fmt, lang, boss, own, evaluated, db_path, read, run_cli, tmp_path
) -> None:
    conversation_id, low, high = evaluated
    out = tmp_path / f"plan.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", db_path, "plan", "print", conversation_id, "--format", fmt, "-o", out,
        "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    text = read.flat(read.shown(out, fmt))
    strengths = text.split(label(lang, "strengths"))[1].split(label(lang, "development"))[0]
    areas = text.split(label(lang, "development"))[1]
    assert read.flat(f"{high.get(lang)} ({boss} 4 · {own} 5)") in strengths
    assert read.flat(f"{low.get(lang)} ({boss} 2 · {own} 3)") in areas
    assert read.flat(f"{low.get(lang)} (2)") not in areas
