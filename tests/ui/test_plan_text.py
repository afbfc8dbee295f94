"""The plan as plain text on screen: the printed plan's document, rendered as the text print
(issue 13, item 11: the preview, the text print and the PDF hold the same sections)."""

from __future__ import annotations

from datetime import date

from pipeline_tui import services
from pipeline_tui.report.plan import plan_document
from pipeline_tui.report.text import render_text
from pipeline_tui.tui.dialogs.plan_text import WIDTH, plan_text


def _held(ui_repo, packs, org):
    """A held conversation: both rated, two goals (one with actions), a follow-up, one signature."""
    record = services.start_conversation(
        ui_repo, packs.default, org.leader.id, held_on=date(2026, 11, 20)
    )
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    for index, expectation in enumerate(content.ordered_expectations()):
        ui_repo.conversations.set_rating(record.id, expectation.id, "self", score=4)
        ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=3 + index % 2)
    goal = ui_repo.plans.add_goal(
        record.id,
        "Delegate the rota",
        success_criterion="The coordinator plans the rota alone from March",
        due_on=date(2027, 3, 1),
    )
    ui_repo.plans.add_action(goal.id, "Pick and train a coordinator", owner="Anna Berg")
    done = ui_repo.plans.add_action(
        goal.id, "Course in delegation", kind="formal", due_on=date(2027, 1, 15)
    )
    ui_repo.plans.update_action(done.id, done=True)
    ui_repo.plans.add_goal(record.id, "Weekly walk-round on the ward")
    ui_repo.plans.update(record.id, follow_up_on=date(2027, 5, 3))
    ui_repo.plans.sign(record.id, "person")
    ui_repo.conversations.update(record.id, revealed=True)
    return services.plan_input(ui_repo, record.id)


def test_plan_text_in_english(ui_repo, packs, org) -> None:
    data = _held(ui_repo, packs, org)
    text = plan_text(data, "en")
    assert text == render_text(plan_document(data, "en"), width=WIDTH)  # the text print
    lines = text.splitlines()
    assert lines[0] == "Development plan"
    assert org.leader.name in text and org.director.name in text
    assert "20 Nov 2026" in text
    assert "Profile per dimension" in text and "4.0" in text
    assert "Delegate the rota" in text
    assert "Success criterion: The coordinator plans the rota alone from March" in text
    assert "Pick and train" in text and "Course in" in text  # cells of the actions table
    assert "Weekly walk-round on the ward" in text
    assert "3 May 2027" in text
    assert "Leader's manager: Mette Holm" in text
    assert all(len(line) <= WIDTH for line in lines)


def test_plan_text_in_danish_uses_decimal_commas(ui_repo, packs, org) -> None:
    text = plan_text(_held(ui_repo, packs, org), "da")
    assert text.startswith("Udviklingsplan\n")
    assert "4,0" in text and "4.0" not in text
    assert "Succeskriterium:" in text


def test_plan_text_without_ratings_or_goals(ui_repo, packs, org) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.employee.id)
    text = plan_text(services.plan_input(ui_repo, record.id), "en")
    assert "No ratings yet." in text
    assert "The plan has no goals yet." in text
    assert "Signed" not in text
