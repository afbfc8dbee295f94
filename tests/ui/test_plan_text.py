"""The plan as plain text: a pure function of the conversation, its content and a language."""

from __future__ import annotations

from datetime import date

from pipeline_tui import services
from pipeline_tui.tui.screens.plan_text import WIDTH, plan_text


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
    detail = ui_repo.conversations.detail(record.id)
    return detail, services.conversation_content(detail)


def test_plan_text_in_english(ui_repo, packs, org) -> None:
    detail, content = _held(ui_repo, packs, org)
    text = plan_text(detail, content, "en")
    lines = text.splitlines()
    assert lines[0] == "DEVELOPMENT PLAN"
    assert "Person:" in text and org.leader.name in text
    assert "Conducted by:" in text and org.director.name in text
    assert "20.11.2026" in text
    assert "PROFILE PER DIMENSION" in text
    first_dimension = content.by_dimension()[0][0].name.get("en")
    assert any(line.startswith(first_dimension) and "4.0" in line for line in lines)
    assert "1. Delegate the rota" in text
    assert "Success criterion: The coordinator plans the rota alone from March" in text
    assert "Due: 01.03.2027" in text
    assert "[ ] Pick and train a coordinator" in text
    assert "Owner: Anna Berg" in text
    assert "[x] Course in delegation" in text
    assert "Formal learning (10) · 15.01.2027" in text
    assert "2. Weekly walk-round on the ward" in text
    assert "03.05.2027" in text
    assert f"The employee ({org.leader.name}): Signed" in text
    assert f"The manager / consultant ({org.director.name}): Not signed" in text
    assert all(len(line) <= WIDTH for line in lines)


def test_plan_text_in_danish_uses_decimal_commas(ui_repo, packs, org) -> None:
    detail, content = _held(ui_repo, packs, org)
    text = plan_text(detail, content, "da")
    assert text.startswith("UDVIKLINGSPLAN\n")
    assert "4,0" in text and "4.0" not in text
    assert "Succeskriterium:" in text
    assert "Ikke underskrevet" in text


def test_plan_text_without_ratings_or_goals(ui_repo, packs, org) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.employee.id)
    detail = ui_repo.conversations.detail(record.id)
    text = plan_text(detail, services.conversation_content(detail), "en")
    assert "PROFILE PER DIMENSION" not in text
    assert "The plan has no goals yet." in text
    assert "Not signed" in text
