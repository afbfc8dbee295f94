"""Tab goes from field to field; a column is a stop only where it holds text to scroll.

On the Plan step tab landed twice on a column (the goal editor's, the left one's), where
nothing showed the focus and the next key did nothing visible; on Setup once, on the form
column. The columns of text to read (Setup's playbook, the expectation's description)
stay stops, so their text can be scrolled by keys."""

from __future__ import annotations

import pytest
from pilot_helpers import settle

from pipeline_tui import services

PLAN_STOPS = [
    "plan-goals", "plan-follow-up", "plan-summary",
    "goal-title", "goal-success", "goal-due", "goal-status", "goal-activities",
]  # fmt: skip
SETUP_STOPS = [
    "setup-kind", "setup-layer", "setup-date", "setup-conducted-by", "setup-language",
    "the playbook",
]  # fmt: skip


def _name(widget) -> str:
    if widget is None:
        return "nothing"
    if widget.id is None and widget.query("#setup-before"):
        return "the playbook"
    return widget.id or type(widget).__name__


@pytest.mark.parametrize(("step", "stops"), [("plan", PLAN_STOPS), ("setup", SETUP_STOPS)])
async def test_one_round_of_tab_visits_each_stop_once(
    make_app, org, ui_repo, packs, step: str, stops: list[str]
) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step=step)
    ui_repo.plans.add_goal(record.id, "Uddelegere mere")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        seen = []
        for _ in range(len(stops) + 1):
            seen.append(_name(app.focused))
            await pilot.press("tab")
            await pilot.pause()
    assert seen == [*stops, stops[0]]


async def test_tab_into_a_field_that_saves_itself_keeps_its_text(
    make_app, org, ui_repo, packs
) -> None:
    """Tab selected the whole of "Conducted by", so the next key replaced it and was saved."""
    record = services.start_conversation(
        ui_repo, packs.default, org.leader.id, kind="lus", conducted_by="Mette Holm"
    )
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        for _ in SETUP_STOPS:
            if _name(app.focused) == "setup-conducted-by":
                break
            await pilot.press("tab")
            await pilot.pause()
        assert _name(app.focused) == "setup-conducted-by"
        await pilot.press("e")
        await settle(app, pilot)
    conducted_by = ui_repo.conversations.get(record.id).conducted_by
    assert conducted_by.startswith("Mette Holm") and len(conducted_by) == len("Mette Holm") + 1
