"""What is shown as current: the signed plan in force, a planned date as planned, and no
group's ratings below three people.

The person page once showed an unsigned draft as the current plan, home showed a draft
dated next week as the latest conversation, carried actions kept a first name as owner,
and the overview showed a one-person layer's ratings (that person's own).
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle, until
from textual.widgets import Static

from pipeline_tui import services
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.overview import OverviewScreen
from pipeline_tui.tui.screens.person import PersonScreen
from pipeline_tui.tui.widgets.people_table import PeopleTable


def signed_plan(repo, pack, person_id: int, held_on: date, title: str) -> int:
    talk = services.start_conversation(repo, pack, person_id, held_on=held_on)
    goal = repo.plans.add_goal(talk.id, title)
    repo.plans.add_action(goal.id, "Book datoerne", owner="Anna")
    repo.plans.sign(talk.id, "person")
    repo.plans.sign(talk.id, "conductor")
    return talk.id


async def test_the_person_page_shows_the_signed_plan_and_the_draft_apart(
    make_app, org, ui_repo, packs
) -> None:
    signed_plan(ui_repo, packs.default, org.leader.id, date(2025, 11, 2), "Hold 1:1-samtaler")
    draft = services.start_conversation(
        ui_repo, packs.default, org.leader.id, held_on=date(2026, 11, 20)
    )
    ui_repo.conversations.set_status(draft.id, "in_progress")
    ui_repo.plans.add_goal(draft.id, "Et mål der ikke er aftalt endnu")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(org.leader.id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        plan = screen.query_one("#person-plan", Static)
        await until(pilot, lambda: "Hold 1:1" in str(plan.render()), "the plan")
        text = str(plan.render())
        signed_at = text.index(t("person.signed_on", date="02.11.2025"))
        draft_at = text.index(t("person.plan_of.in_progress", date="20.11.2026"))
        assert signed_at < text.index("Hold 1:1-samtaler") < draft_at
        assert draft_at < text.index("Et mål der ikke er aftalt endnu")


@pytest.mark.demo_data
@pytest.mark.parametrize(
    ("lang", "heading", "wrong"),
    [
        ("en", "Completed plan from the conversation of 30 Oct 2026", ("Draft", "not signed")),
        ("da", "Afsluttet plan fra samtalen 30.10.2026", ("Udkast", "Kladde", "underskrevet (")),
    ],
)
async def test_a_completed_conversations_plan_is_headed_completed_not_draft(
    make_app, ui_repo, lang, heading, wrong
) -> None:
    """Lise Kjær's completed leadership evaluation (demo) was headed "Draft, not signed
    (30 Oct 2026)" on her page, as if it had been left half-done: it is headed by its state."""
    lise = next(p for p in ui_repo.people.list() if p.name == "Lise Kjær")
    app = make_app(lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        app.open_person(lise.id)
        await settle(app, pilot)
        plan = app.screen.query_one("#person-plan", Static)
        await until(pilot, lambda: "Prioriterer ressourcerne" in str(plan.render()), "the plan")
        text = " ".join(str(plan.render()).split())
        assert heading in text
        assert text.index(heading) < text.index("Prioriterer ressourcerne")
        for word in wrong:
            assert word not in text


async def test_home_shows_a_draft_dated_ahead_as_planned(make_app, org, ui_repo, packs) -> None:
    services.start_conversation(ui_repo, packs.default, org.employee.id, held_on=date(2026, 12, 3))
    app = make_app("en")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(PeopleTable)
        index = next(i for i, r in enumerate(table._shown) if r.id == org.employee.id)
        line = table.render_line(index + 1).text
        assert f"MUS · {t('status.planned')}" in line
        assert t("status.draft") not in line


async def test_a_carried_action_is_owned_by_the_full_name(org, ui_repo, packs) -> None:
    first = signed_plan(ui_repo, packs.default, org.leader.id, date(2025, 11, 2), "Hold 1:1")
    goal = ui_repo.plans.get(first).goals[0]
    later = services.start_conversation(ui_repo, packs.default, org.leader.id)
    carried = services.carry_goal(ui_repo, goal, later.id)
    assert [a.owner for a in carried.actions] == ["Anna Berg"]


async def test_the_overview_hides_a_layer_rated_for_fewer_than_three(
    make_app, org, ui_repo, packs
) -> None:
    """Anna alone on her layer: her ratings are hers; the overview says too few to show."""
    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    detail = ui_repo.conversations.detail(talk.id)
    for expectation in services.conversation_content(detail).expectations[:3]:
        ui_repo.conversations.set_rating(talk.id, expectation.id, "manager", score=1)
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        assert screen.view is not None and screen.view.weakest == {}
        weakest = str(screen.query_one("#ov-weakest-text", Static).render())
        assert t("ov.too_few", n=3) in weakest
        assert "1.00" not in weakest and "1,00" not in weakest


@pytest.mark.demo_data
@pytest.mark.parametrize(
    ("lang", "going", "signed"),
    [
        ("en", "22 Nov 2026 MUS · In progress", "25 Jun 2025 MUS · Signed"),
        ("da", "22.11.2026 MUS · I gang", "25.06.2025 MUS · Underskrevet"),
    ],
)
async def test_goals_over_the_years_name_each_plans_state(
    make_app, ui_repo, lang, going, signed
) -> None:
    """Nanna Juhl (demo): "Goals over the years" headed this year's plan, still being
    written, "22 Nov 2026 MUS" as it headed last year's signed one: each heading now says
    the plan's state, as the conversation table above does."""
    nanna = next(p for p in ui_repo.people.list() if p.name == "Nanna Juhl")
    app = make_app(lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        app.open_person(nanna.id)
        await settle(app, pilot)
        goals = app.screen.query_one("#person-goals", Static)
        await until(pilot, lambda: "MUS" in str(goals.render()), "the goals")
        text = " ".join(str(goals.render()).split())
        assert going in text and signed in text
        assert text.index(going) < text.index(signed)


@pytest.mark.demo_data
@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "↪ carried over from 25 Jun 2025"), ("da", "↪ taget med fra 25.06.2025")],
)
async def test_a_carried_goal_says_where_it_came_from(make_app, ui_repo, lang, said) -> None:
    """Nanna Juhl's goal carried from last year's plan into this year's was marked with a
    bare "↪" after its title, which at 100 columns wrapped onto a line of its own: it says
    which plan the goal came from."""
    nanna = next(p for p in ui_repo.people.list() if p.name == "Nanna Juhl")
    app = make_app(lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        app.open_person(nanna.id)
        await settle(app, pilot)
        goals = app.screen.query_one("#person-goals", Static)
        await until(pilot, lambda: "MUS" in str(goals.render()), "the goals")
        lines = [line.strip() for line in str(goals.render()).splitlines()]
        text = " ".join(" ".join(lines).split())
        assert said in text
        assert "↪" not in lines  # never alone on a line
        assert text.count("↪") == 1


@pytest.mark.parametrize(
    ("lang", "none", "heading"),
    [
        (
            "en",
            "No signed development plan yet.",
            "Completed plan from the conversation of 2 Nov 2026",
        ),
        (
            "da",
            "Ingen underskrevet udviklingsplan endnu.",
            "Afsluttet plan fra samtalen 02.11.2026",
        ),
    ],
)
async def test_no_signed_plan_above_a_completed_one_says_signed(
    make_app, org, ui_repo, packs, lang, none, heading
) -> None:
    """A leader's first conversation completed with a plan of one goal, never signed: the
    page said "No development plan yet." and then showed that plan below. It says there is
    no signed plan yet."""
    talk = services.start_conversation(
        ui_repo, packs.default, org.leader.id, held_on=date(2026, 11, 2)
    )
    ui_repo.plans.add_goal(talk.id, "Hold 1:1-samtaler")
    ui_repo.conversations.set_status(talk.id, "completed")
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_person(org.leader.id)
        await settle(app, pilot)
        plan = app.screen.query_one("#person-plan", Static)
        await until(pilot, lambda: "Hold 1:1" in str(plan.render()), "the plan")
        text = " ".join(str(plan.render()).split())
        assert text.startswith(none)
        assert text.index(heading) < text.index("Hold 1:1-samtaler")
        assert t("person.no_plan") not in text
