"""At 80×24: the step bar names every step, and the footers of the cards step (picking)
and of the plan's activity list are whole.

The Danish step bar once hid every name but the current one; the cards step's and the
activity list's footers lost their last keys ("f1 Hjælp") off the edge.
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle

from pipeline_tui import services
from pipeline_tui.tui.i18n import t

STEPS = ("setup", "expectations", "cards", "summary", "plan", "signoff")


def footer_line(app) -> str:
    return app.screen._compositor.render_strips()[-1].text


def assert_footer_whole(app) -> None:
    line = footer_line(app)
    labels = {
        binding.group.description if binding.group else binding.description
        for _node, binding, _enabled, _tooltip in app.screen.active_bindings.values()
        if binding.show and binding.description
    }
    missing = [label for label in labels if label not in line]
    assert not missing, f"cut off the footer {line!r}: {missing}"


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("step", STEPS)
async def test_the_step_bar_names_every_step(make_app, org, ui_repo, packs, lang, step) -> None:
    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    ui_repo.conversations.update(talk.id, step=step)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_conversation(talk.id)
        await settle(app, pilot)
        bar = str(app.screen.query_one("#step-tabs").render())
        for other in STEPS:
            whole, short = t(f"step.{other}"), t(f"step.short.{other}")
            assert whole in bar or short in bar, (other, bar)
        assert t(f"step.{step}") in bar  # the current step whole


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_cards_footer_is_whole_while_picking(make_app, org, ui_repo, packs, lang) -> None:
    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    ui_repo.conversations.update(talk.id, step="cards")
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_conversation(talk.id)
        await settle(app, pilot)
        if t("key.conv.pick") in footer_line(app):
            await pilot.press("p")  # to picking
            await settle(app, pilot)
        assert t("key.cards.toggle") in footer_line(app)
        assert_footer_whole(app)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_activity_list_footer_is_whole(make_app, org, ui_repo, packs, lang) -> None:
    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    ui_repo.conversations.update(talk.id, step="plan")
    ui_repo.plans.add_goal(talk.id, "Uddeleger vagtplanen")
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        await settle(app, pilot)
        app.open_conversation(talk.id)
        await settle(app, pilot)
        app.screen.query_one("#goal-activities").focus()
        await settle(app, pilot)
        assert t("key.plan.add_activity") in footer_line(app)
        assert_footer_whole(app)
