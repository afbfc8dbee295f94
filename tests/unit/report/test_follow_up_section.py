"""The printed plan's "follow-up of the last plan": what each earlier goal came to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.plan import plan_document
from pipeline_tui.report.text import render_text
from pipeline_tui.store.repository import open_repository


@pytest.mark.parametrize(
    ("lang", "partly", "unreviewed", "started"),
    [
        ("da", "Delvist · taget med i denne plan", "Ikke gennemgået", "Ikke startet"),
        ("en", "Partly · carried into this plan", "Not reviewed", "Not started"),
    ],
)
def test_the_follow_up_says_what_was_carried_and_what_was_not_reviewed(
    tmp_path: Path, lang: str, partly: str, unreviewed: str, started: str
) -> None:
    """Last year: four goals. This year: one partly reached and carried, one reached, one
    not reached and not carried, one never reviewed, which printed "Not started" as if
    that was the follow-up's verdict; nothing said which goals the new plan carries on."""
    pack = load_packs(None).default
    content = services.content_ref(services.content_for(pack, "lead_others", "lus"))
    repo = open_repository(str(tmp_path / "plan.db"))
    try:
        person = repo.people.create("Karen Østergaard", "lead_others")
        last = repo.conversations.start(
            person.id, kind="lus", held_on=date(2026, 3, 10), content=content
        )
        titles = ("Uddelegere vagten", "Holde 1:1-samtaler", "Lede dagkirurgien", "Skrive rapport")
        goals = [repo.plans.add_goal(last.id, title) for title in titles]
        for signer in ("person", "conductor"):
            repo.plans.sign(last.id, signer)
        now = repo.conversations.start(
            person.id, kind="lus", held_on=date(2027, 3, 15), content=content
        )
        for goal, status in zip(goals, ("partly", "done", "not_done"), strict=False):
            repo.plans.review_goal(goal.id, status, "", in_conversation_id=now.id)
        services.carry_goal(repo, repo.plans.goal(goals[0].id), now.id)
        text = render_text(plan_document(services.plan_input(repo, now.id), lang), width=160)
    finally:
        repo.close()
    section = text[text.index("10.03.2026" if lang == "da" else "10 Mar 2026") :]
    rows = section.splitlines()
    lines = {title: next(line for line in rows if title in line) for title in titles}
    assert partly in lines["Uddelegere vagten"]
    assert partly.split(" · ")[1] not in lines["Lede dagkirurgien"]
    assert unreviewed in lines["Skrive rapport"]
    assert started not in lines["Skrive rapport"]


def test_an_unsigned_plan_is_not_printed_as_the_last_plan(tmp_path: Path) -> None:
    """A plan never signed (a draft made ahead of a conversation never held) was printed
    under "Follow-up of the last plan", as if it had been agreed: the print follows up the
    last signed or completed plan only."""
    pack = load_packs(None).default
    content = services.content_ref(services.content_for(pack, "lead_others", "lus"))
    repo = open_repository(str(tmp_path / "plan.db"))
    try:
        person = repo.people.create("Karen Østergaard", "lead_others")
        signed = repo.conversations.start(
            person.id, kind="lus", held_on=date(2025, 3, 10), content=content
        )
        repo.plans.add_goal(signed.id, "Holde 1:1-samtaler")
        for signer in ("person", "conductor"):
            repo.plans.sign(signed.id, signer)
        draft = repo.conversations.start(
            person.id, kind="lus", held_on=date(2026, 3, 10), content=content
        )
        repo.plans.add_goal(draft.id, "Aldrig aftalt")
        now = repo.conversations.start(
            person.id, kind="lus", held_on=date(2027, 3, 15), content=content
        )
        text = render_text(plan_document(services.plan_input(repo, now.id), "en"), width=160)
    finally:
        repo.close()
    assert "Follow-up of the last plan (10 Mar 2025)" in text
    assert "Aldrig aftalt" not in text and "10 Mar 2026" not in text
