"""Figures on the screen are rounded as on paper, a half away from zero (3.25 is 3,3 in
Danish and 3.3 in English, not the even 3,2), and the overview's weakest expectations show
one decimal as every other mean (the printed plan: tests/unit/report/test_rounding.py)."""

from __future__ import annotations

import re

import pytest
from pilot_helpers import settle, until
from textual.widgets import Static

from pipeline_tui import services
from pipeline_tui.tui.i18n import number
from pipeline_tui.tui.screens.overview import OverviewScreen
from pipeline_tui.tui.steps.summary import SummaryPane
from pipeline_tui.tui.widgets.profile_bars import ProfileBars

OWN = (2, 4, 3, 4)  # a mean of 3.25


@pytest.mark.parametrize(("lang", "mean", "even"), [("da", "3,3", "3,2"), ("en", "3.3", "3.2")])
async def test_the_summary_shows_a_mean_of_3_25_as_3_3(
    make_app, org, ui_repo, packs, lang, mean, even
) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.leader.id)
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    dimension, items = next((d, i) for d, i in content.by_dimension() if len(i) >= len(OWN))
    for expectation, score in zip(items, OWN, strict=False):
        ui_repo.conversations.set_rating(record.id, expectation.id, "self", score=score)
    for expectation in content.expectations:
        ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=3)
    ui_repo.conversations.update(record.id, revealed=True, step="summary")

    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await until(pilot, lambda: bool(app.screen.query(SummaryPane)), "the summary")
        await settle(app, pilot)
        bars = app.screen.query_one(SummaryPane).query_one(ProfileBars)
        row = next(r for r in bars.rows if r.dimension_id == dimension.id)
        assert row.self_mean == 3.25
        drawn = str(bars.render())
        block = drawn[drawn.index(dimension.name.get(lang)) :].split("\n")[:3]
        figures = " ".join(block).split()
        assert mean in figures, block  # the person's mean
        assert even not in figures, block
        assert ("+0,3" if lang == "da" else "+0.3") in figures, block  # the gap to 3,0


@pytest.mark.demo_data
async def test_the_weakest_expectations_show_one_decimal(make_app, ui_repo, packs) -> None:
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_overview()
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")
        screen = app.screen
        await until(pilot, lambda: screen.view is not None, "the overview's figures")
        await settle(app, pilot)
        shown = str(screen.query_one("#ov-weakest-text", Static).render())
        items = [item for layer in screen.view.weakest.values() for item in layer]
        assert items, "the demo has weakest expectations"
        for item in items:
            found = packs.default.expectation(item.expectation_id)
            line = f"  {number(item.manager.mean)}  {found.title.get('da')}"
            assert line in shown, line
        assert not re.search(r"\d,\d\d", shown), shown  # no mean with two decimals
