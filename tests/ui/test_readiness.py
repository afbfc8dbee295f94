"""Readiness for the next layer: its own question in a leadership evaluation, not a level.

Asked on the summary step of a kind with `readiness` (the default pack's
evaluation), stored on the plan, shown again when the conversation reopens,
and printed with the plan; never asked in a MUS, nor on the top layer.
"""

from __future__ import annotations

from pilot_helpers import paste, settle, until

from pipeline_tui import services
from pipeline_tui.report.plan import plan_document
from pipeline_tui.report.text import render_text
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.widgets.readiness import ReadinessQuestion


async def open_on_summary(app, pilot, conversation_id: int) -> ConversationScreen:
    app.open_conversation(conversation_id)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ConversationScreen)
    screen.action_goto("summary")
    await settle(app, pilot)
    assert screen.step == "summary"
    return screen


async def test_readiness_is_asked_stored_and_printed(make_app, ui_repo, packs, org):
    pack = packs.default
    record = services.start_conversation(ui_repo, pack, org.leader.id, kind="evaluation")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = await open_on_summary(app, pilot, record.id)
        question = screen.query_one(ReadinessQuestion)
        assert question.display
        title = str(question.query_one("#readiness-title").content)
        assert title == t("readiness.title", layer=pack.layer("lead_leaders").name.get("en"))
        question.query_one("#readiness-answers").focus()
        await pilot.press("down", "enter")  # the second answer: in a year or two
        await settle(app, pilot)
        await until(
            pilot,
            lambda: ui_repo.plans.get(record.id).readiness == "later",
            "the answer stored",
        )
        question.query_one("#readiness-note").focus()
        await paste(app, pilot, "When the new team runs on its own")
        await pilot.press("tab")
        await settle(app, pilot)
        app.saver.flush(timeout=2.0)
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)

        # Opened again: the answer is marked.
        screen = await open_on_summary(app, pilot, record.id)
        answers = screen.query_one("#readiness-answers")
        marked = [str(answers.get_option_at_index(i).prompt) for i in range(3)]
        assert marked[1].startswith("●") and marked[0].startswith("○")

    plan = ui_repo.plans.get(record.id)
    assert (plan.readiness, plan.readiness_note) == ("later", "When the new team runs on its own")
    printed = render_text(plan_document(services.plan_input(ui_repo, record.id), "en"))
    next_layer = packs.default.layer("lead_leaders").name.get("en")
    assert f"Ready for the next layer ({next_layer})" in printed
    assert "Ready in a year or two – When the new team runs on its own" in printed


async def test_not_asked_in_a_mus_nor_on_the_top_layer(make_app, ui_repo, packs, org):
    pack = packs.default
    mus = services.start_conversation(ui_repo, pack, org.employee.id)
    top = ui_repo.people.create("Karen Lund", "lead_business", email="karen@example.dk")
    evaluation = services.start_conversation(ui_repo, pack, top.id, kind="evaluation")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for conversation_id in (mus.id, evaluation.id):
            screen = await open_on_summary(app, pilot, conversation_id)
            assert not screen.query_one(ReadinessQuestion).display
            await pilot.press("escape")
            await settle(app, pilot)
    for conversation_id in (mus.id, evaluation.id):
        printed = render_text(plan_document(services.plan_input(ui_repo, conversation_id), "da"))
        assert "Klar til næste niveau" not in printed
