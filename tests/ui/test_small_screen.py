"""At 80×24: the step bar names every step, and the footers of the cards step (picking)
and of the plan's activity list are whole.

The Danish step bar once hid every name but the current one; the cards step's and the
activity list's footers lost their last keys ("f1 Hjælp") off the edge. "Saving" was
wider than "Saved", so each answer made the step names beside it change form and back
(in Danish on the expectations step, and in English on every step).
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle

from pipeline_tui import services
from pipeline_tui.tui.autosave import SaveState
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.widgets.autosave_text import AutosaveTextArea

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
async def test_saving_leaves_the_step_names_as_they_are(make_app, org, ui_repo, packs, lang):
    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_conversation(talk.id)
        await settle(app, pilot)
        screen = app.screen
        tabs, indicator = screen.query_one("#step-tabs"), screen.query_one("#save-indicator")
        for step in STEPS:
            screen.action_goto(step)
            await settle(app, pilot)
            resting = (str(tabs.render()), tabs.region)
            assert t("save.saved") in str(indicator.render())
            app.save_state = SaveState(unsaved=1)  # as the autosave sets it while writing
            await settle(app, pilot)
            assert t("save.saving") in str(indicator.render())
            assert (str(tabs.render()), tabs.region) == resting, step
            app.save_state = SaveState()
            await settle(app, pilot)
            assert (str(tabs.render()), tabs.region) == resting, step


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


async def test_long_goal_titles_keep_the_goal_list_short(make_app, org, ui_repo, packs) -> None:
    """At 80×24 every goal but the highlighted one takes two lines (title, facts) cut with
    "…"; the highlighted one is whole. A long title used to wrap to four lines and push the
    follow-up date off the screen."""
    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    ui_repo.conversations.update(talk.id, step="plan")
    long = "Jeg vil lære at uddelegere hele opgaver til afdelingslægerne i stedet for dele af dem"
    first = ui_repo.plans.add_goal(talk.id, long)
    second = ui_repo.plans.add_goal(talk.id, long.replace("afdelingslægerne", "koordinatorerne"))
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        await settle(app, pilot)
        app.open_conversation(talk.id)
        await settle(app, pilot)
        goals = app.screen.query_one("#plan-goals")
        goals.focus()
        goals.highlighted = 0
        await settle(app, pilot)

        def lines(goal_id: int) -> list[str]:
            index = goals.get_option_index(str(goal_id))
            start = goals._lines.index(next(ln for ln in goals._lines if ln[0] == index))
            return [
                goals.render_line(row).text.strip()
                for row in range(start, len(goals._lines))
                if goals._lines[row][0] == index
            ]

        shown = lines(first.id)
        assert len(shown) > 2 and "dele af dem" in " ".join(shown)  # highlighted: whole
        cut = lines(second.id)
        assert len(cut) == 2 and cut[0].endswith("…"), cut
        await pilot.press("down")
        await settle(app, pilot)
        assert len(lines(first.id)) == 2 and len(lines(second.id)) > 2


async def test_a_long_goal_title_shows_its_beginning_when_left(
    make_app, org, ui_repo, packs
) -> None:
    """A goal title longer than its field, typed and left with tab, showed its end only
    ("lanlægningen til to koordinatorer inden 1. marts"): the field kept the view where the
    typing ended. Left, it shows the title from its first word."""
    from textual.widgets import Input

    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    ui_repo.conversations.update(talk.id, step="plan")
    ui_repo.plans.add_goal(talk.id, "")
    title = "Uddelegere vagtplanlægningen til to koordinatorer inden 1. marts og følge op i april"
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        await settle(app, pilot)
        app.open_conversation(talk.id)
        await settle(app, pilot)
        field = app.screen.query_one("#goal-title", Input)
        field.focus()
        await settle(app, pilot)
        await pilot.press(*title)
        await settle(app, pilot)
        assert field.value == title
        assert not field.render_line(0).text.strip().startswith("Uddelegere")  # typing: the end
        await pilot.press("tab")
        await settle(app, pilot)
        assert not field.has_focus
        assert field.render_line(0).text.strip().startswith("Uddelegere vagtplanlægningen")


@pytest.mark.parametrize(
    ("size", "first_line"),
    [
        ((80, 24), "Jeg skriver en kommentar og fortsætter"),
        ((100, 30), "Jeg skriver en kommentar og fortsætter efter resize"),
    ],
)
async def test_a_comment_is_wrapped_anew_when_the_terminal_is_resized(
    make_app, org, ui_repo, packs, size, first_line
) -> None:
    """Made wider in the middle of a comment, the field kept its narrow line breaks on the
    new width until the next key, and in a real terminal words went missing between them
    ("Jeg skriver en kommentar og" / "efter resize")."""
    talk = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(talk.id, step="expectations")
    words = "Jeg skriver en kommentar og fortsætter efter resize"
    app = make_app("da")
    async with app.run_test(size=(60, 20)) as pilot:
        app.open_conversation(talk.id)
        await settle(app, pilot)
        comment = app.screen.query_one("#exp-comment", AutosaveTextArea)
        await pilot.press("c", *("space" if key == " " else key for key in words))
        await settle(app, pilot)
        assert comment.text == words
        await pilot.resize_terminal(*size)
        await settle(app, pilot)
        region = comment.content_region
        strips = app.screen._compositor.render_strips()[region.y : region.bottom]
        shown = [strip.text[region.x : region.right].strip() for strip in strips]
        assert shown[0] == first_line
        assert " ".join(" ".join(shown).split()) == words
