"""A conversation mounts a step's pane when the step is first entered, not all six when it
opens: it opens in about half the time, and a screen with fewer widgets restyles faster
whenever a dialog over it closes. What a pane's widgets say while they are being mounted
(a Select taking its first option) is not written, and keys typed behind ctrl+right wait
for the new step's first field."""

from __future__ import annotations

from pilot_helpers import settle, until
from textual import events
from textual.widgets import ContentSwitcher

from pipeline_tui import services
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.steps.expectations import ExpectationsPane
from pipeline_tui.tui.widgets.expectation_list import ExpectationList


def mounted_steps(app) -> list[str]:
    """The steps whose panes are in the conversation screen (none before it is composed)."""
    return [
        child.STEP
        for switcher in app.screen.query("#steps").results(ContentSwitcher)
        for child in switcher.children
        if isinstance(child, StepPane)
    ]


async def open_on(app, pilot, conversation_id: int, step: str) -> None:
    """The conversation opened (on its stored step) with `step` mounted and shown."""
    await settle(app, pilot)
    app.open_conversation(conversation_id)
    await until(pilot, lambda: step in mounted_steps(app), f"the {step} step")
    await settle(app, pilot)


async def burst(app, pilot, keys: list[tuple[str, str | None]]) -> None:
    """`keys` all queued before the first is answered; then everything they did saved."""
    for key, character in keys:
        app.post_message(events.Key("space" if key == " " else key, character))
    await pilot.pause(0.5)
    await settle(app, pilot)
    app.saver.flush()


def own_ratings(ui_repo, conversation_id: int) -> dict[str, int | None]:
    detail = ui_repo.conversations.detail(conversation_id)
    return {r.expectation_id: r.score for r in detail.ratings if r.rater == "self"}


async def test_a_step_is_mounted_when_first_entered_and_kept(make_app, org, ui_repo, packs):
    # English and a LUS: the first options of the setup step's language and kind Selects
    # (Dansk, MUS) are not this conversation's, so a Select's mount would show in the row.
    record = services.start_conversation(
        ui_repo, packs.default, org.leader.id, kind="lus", language="en"
    )
    before = ui_repo.conversations.get(record.id)
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the screen")
        await settle(app, pilot)
        assert mounted_steps(app) == ["setup"]
        assert str(app.screen.query_one("#setup-kind").value) == "lus"
        assert str(app.screen.query_one("#setup-language").value) == "en"

        await pilot.press("ctrl+right")
        await settle(app, pilot)
        assert mounted_steps(app) == ["setup", "expectations"]
        assert app.screen.query_one(ExpectationList).has_focus
        await pilot.press("ctrl+left")
        await settle(app, pilot)
        assert mounted_steps(app) == ["setup", "expectations"]  # kept, not mounted again
        assert app.screen.focused is app.screen.query_one("#setup-kind")
        app.saver.flush()

    after = ui_repo.conversations.get(record.id)
    assert (after.kind, after.layer, after.language, after.held_on) == (
        before.kind,
        before.layer,
        before.language,
        before.held_on,
    ), "mounting the steps wrote nothing"


async def test_keys_typed_behind_ctrl_right_reach_the_step_being_mounted(
    make_app, org, ui_repo, packs
):
    """ctrl+right from the setup, then 4 3 at once: the first two expectations are rated
    (the keys are held while the pane is mounted, then given to its list)."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(app, pilot, record.id, "setup")
        assert mounted_steps(app) == ["setup"]
        await burst(app, pilot, [("ctrl+right", None), ("4", "4"), ("3", "3")])
        assert mounted_steps(app) == ["setup", "expectations"]
        ids = app.screen.query_one(ExpectationsPane).query_one(ExpectationList).expectation_ids()
    assert own_ratings(ui_repo, record.id) == {ids[0]: 4, ids[1]: 3}


async def test_a_burst_through_the_steps_leaves_the_focus_in_the_last_one(
    make_app, org, ui_repo, packs
):
    """ctrl+right four times, ctrl+left four times and 3 2, all at once: the focus ends on
    the expectations and the two ratings are given there. A step's first field used to be
    focused a turn late, so the focus stayed in a step already left (the summary) and the
    digits were lost."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id)
    ui_repo.conversations.update(record.id, step="expectations")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(app, pilot, record.id, "expectations")
        keys = [("ctrl+right", None)] * 4 + [("ctrl+left", None)] * 4 + [("3", "3"), ("2", "2")]
        await burst(app, pilot, keys)
        listing = app.screen.query_one(ExpectationsPane).query_one(ExpectationList)
        assert app.screen.step == "expectations" and listing.has_focus
        ids = listing.expectation_ids()
    assert own_ratings(ui_repo, record.id) == {ids[0]: 3, ids[1]: 2}


async def test_a_goal_typed_behind_ctrl_right_into_the_plan_keeps_every_key(
    make_app, org, ui_repo, packs
):
    """ctrl+right from the summary, ctrl+n and a title, all at once, the plan entered for
    the first time: the new goal gets the whole title (the keys wait while the plan's pane
    is mounted, then while the goal is made)."""
    record = services.start_conversation(ui_repo, packs.default, org.employee.id)
    ui_repo.conversations.update(record.id, step="summary")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(app, pilot, record.id, "summary")
        keys = [("ctrl+right", None), ("ctrl+n", None)] + [(c, c) for c in "Delegate the rota"]
        await burst(app, pilot, keys)
    [goal] = ui_repo.plans.get(record.id).goals
    assert goal.title == "Delegate the rota"


async def test_back_to_a_step_still_being_mounted_keeps_the_keys(
    make_app, org, ui_repo, packs, monkeypatch
):
    """ctrl+right ctrl+left ctrl+right 4 from the setup while the expectations' pane is
    still being mounted (held back here until the keys are in): the rating is given once
    it is there. The 4 went to the setup's hidden field and was lost."""
    import asyncio

    mounting = asyncio.Event()

    async def slow_mount(self) -> None:
        await mounting.wait()

    monkeypatch.setattr(ExpectationsPane, "on_mount", slow_mount, raising=False)
    record = services.start_conversation(ui_repo, packs.default, org.leader.id)
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_on(app, pilot, record.id, "setup")
        keys = [("ctrl+right", None), ("ctrl+left", None), ("ctrl+right", None), ("4", "4")]
        for key, character in keys:
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        mounting.set()
        await burst(app, pilot, [])
        listing = app.screen.query_one(ExpectationsPane).query_one(ExpectationList)
        assert app.screen.step == "expectations" and listing.has_focus
        first = listing.expectation_ids()[0]
    assert own_ratings(ui_repo, record.id) == {first: 4}
