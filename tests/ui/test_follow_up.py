"""Follow-up: a second conversation started from home reviews last year's plan goal by goal,
carries the unfinished goal into the new plan, and the person's page shows the goals over
the years; home reminds of follow-ups that are overdue or due within 14 days.

(tests/ui/test_summary.py covers a "partly" review with a note and a refused second carry
on a conversation opened directly; here the whole way from home is walked by keyboard.)
"""

from __future__ import annotations

from datetime import date, timedelta

from pilot_helpers import paste, settle
from textual.widgets import OptionList

from pipeline_tui import services
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.screens.home import HomeScreen
from pipeline_tui.tui.screens.person import PersonScreen
from pipeline_tui.tui.steps.summary import SummaryPane
from pipeline_tui.tui.widgets.people_table import PeopleTable

TODAY = date(2026, 11, 23)  # pinned in tests/ui/conftest.py
EARLIER = date(2025, 11, 12)


def on_screen(app, widget) -> str:
    """The characters the app has drawn inside `widget`'s region."""
    strips = app.screen._compositor.render_strips()
    region = widget.region
    return "\n".join(strips[y].crop(region.x, region.right).text for y in range(*region.line_span))


def signed_conversation(repo, pack, person_id: int, held_on: date, follow_up_on: date) -> int:
    record = services.start_conversation(repo, pack, person_id, held_on=held_on)
    repo.plans.update(record.id, follow_up_on=follow_up_on)
    repo.plans.sign(record.id, "person")
    repo.plans.sign(record.id, "conductor")
    return record.id


async def test_second_conversation_reviews_and_carries_last_years_goals(
    make_app, org, ui_repo, packs
) -> None:
    """n on home: last year's goals reviewed with notes, the unfinished one carried, the history."""
    repo, pack = ui_repo, packs.default
    earlier = services.start_conversation(repo, pack, org.leader.id, held_on=EARLIER)
    talks = repo.plans.add_goal(
        earlier.id,
        "Hold månedlige 1:1-samtaler",
        success_criterion="Ti samtaler med hver medarbejder",
        due_on=date(2026, 6, 30),
    )
    booked = repo.plans.add_action(talks.id, "Book datoerne for året", owner="Anna")
    rota = repo.plans.add_goal(
        earlier.id,
        "Uddeleger vagtplanen",
        success_criterion="Koordinatorerne laver vagtplanen selv",
        due_on=date(2026, 9, 1),
    )
    trained = repo.plans.add_action(rota.id, "Lær den første koordinator op", kind="formal")
    repo.plans.add_action(rota.id, "Lær den anden koordinator op", kind="relationships")
    repo.plans.update(earlier.id, follow_up_on=date(2026, 11, 12))
    repo.plans.sign(earlier.id, "person")
    repo.plans.sign(earlier.id, "conductor")
    repo.plans.update_action(booked.id, done=True)  # progress is still written after signing
    repo.plans.update_action(trained.id, done=True)

    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one(PeopleTable).current.id == org.leader.id
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await pilot.press("enter")  # start it as the dialog proposes
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.step == "setup"
        conversation_id = screen.conversation_id
        assert conversation_id != earlier.id
        await pilot.press("ctrl+right", "ctrl+right", "ctrl+right")
        await settle(app, pilot)
        assert screen.step == "summary"
        pane = screen.query_one(SummaryPane)
        head = pane.query_one("#summary-previous-head")
        assert "12.11.2025" in on_screen(app, head)

        goals = pane.query_one("#summary-goals", OptionList)
        assert goals.has_focus  # the step opens in last year's goals
        assert goals.highlighted == 0
        # In Danish the letters d/p/n do nothing ("n" reads as "nået"): 1/2/3 mark a goal.
        await pilot.press("n", "d", "p")
        await settle(app, pilot)
        assert {g.status for g in repo.plans.get(earlier.id).goals} == {"open"}
        await pilot.press("1", "tab")
        await paste(app, pilot, "Alle ti samtaler er holdt")
        await pilot.press("shift+tab", "down", "3", "tab")
        await paste(app, pilot, "Kun én koordinator er lært op")
        await pilot.press("shift+tab")
        assert goals.has_focus and goals.highlighted == 1
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("up", "c")  # a goal that was reached is not carried
        await settle(app, pilot)
        assert any(n.message == t("review.finished") for n in app._notifications)
        shown = on_screen(app, goals)
        assert t("review.done") in shown and t("review.not_done") in shown
        assert t("review.carried_mark") in shown

        # Home, then the person's page: the goals of both years, newest first.
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is home
        await pilot.press("enter")
        await settle(app, pilot)
        person = app.screen
        assert isinstance(person, PersonScreen)
        history = person.query_one("#person-goals")
        history.scroll_visible(animate=False)
        await pilot.pause()
        text = on_screen(app, history)
        lus = t("kind.lus")
        now, then = text.index(f"23.11.2026 {lus}"), text.index(f"12.11.2025 {lus}")
        assert now < then
        assert "Uddeleger vagtplanen ↪" in text[:then]
        assert "✓ Hold månedlige 1:1-samtaler – Alle ti samtaler er holdt" in text[then:]
        assert "✗ Uddeleger vagtplanen – Kun én koordinator er lært op" in text[then:]

    reviewed = {g.id: g for g in repo.plans.get(earlier.id).goals}
    assert (reviewed[talks.id].status, reviewed[talks.id].review_note) == (
        "done",
        "Alle ti samtaler er holdt",
    )
    assert (reviewed[rota.id].status, reviewed[rota.id].review_note) == (
        "not_done",
        "Kun én koordinator er lært op",
    )
    assert {g.reviewed_in_id for g in reviewed.values()} == {conversation_id}
    new_goals = repo.plans.get(conversation_id).goals
    assert [g.carried_from_id for g in new_goals] == [rota.id]
    carried = new_goals[0]
    assert (carried.title, carried.success_criterion) == (rota.title, rota.success_criterion)
    assert [(a.description, a.kind) for a in carried.actions] == [
        ("Lær den anden koordinator op", "relationships")
    ]


async def test_home_reminds_of_follow_ups_overdue_and_due_within_14_days(
    make_app, org, ui_repo, packs
) -> None:
    """Overdue and within-14-days follow-ups are counted and listed on home; 30 days away is not."""
    pack = packs.default
    dates = {
        org.employee.id: TODAY - timedelta(days=9),  # overdue
        org.leader.id: TODAY + timedelta(days=10),  # due within 14 days
        org.director.id: TODAY + timedelta(days=30),  # not yet
    }
    for person_id, follow_up_on in dates.items():
        signed_conversation(ui_repo, pack, person_id, EARLIER, follow_up_on)

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        home = app.screen
        table = home.query_one(PeopleTable)
        filters = home.query_one("#home-filters")
        bar = on_screen(app, filters)
        assert f"{t('home.filter.overdue')} 1" in bar
        assert f"{t('home.filter.soon')} 1" in bar
        assert t("status.overdue") in on_screen(app, table)

        listed = {}
        for name in ("due", "overdue", "soon"):
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert home.filter == name
            listed[name] = {row.id for row in table._shown}
            names = on_screen(app, table)
            for person in (org.employee, org.leader, org.director):
                assert (person.name in names) == (person.id in listed[name])
        assert listed["due"] == set(dates)  # none of them has had this year's conversation
        assert listed["overdue"] == {org.employee.id}
        assert listed["soon"] == {org.leader.id}


async def test_page_keys_scroll_the_summary_while_the_goal_list_has_the_focus(
    make_app, org, ui_repo, packs
) -> None:
    """The summary opens at its top with the focus in last year's goals, further down. Page
    down scrolled nothing (it moved the highlight in the unseen list): now page up and down
    scroll the page, and a move in the list brings the list into sight."""
    repo, pack = ui_repo, packs.default
    earlier = services.start_conversation(repo, pack, org.leader.id, held_on=EARLIER)
    for title in ("Hold månedlige 1:1-samtaler", "Uddeleger vagtplanen", "Tag en lederuddannelse"):
        repo.plans.add_goal(earlier.id, title, due_on=date(2026, 6, 30))
    repo.plans.update(earlier.id, follow_up_on=date(2026, 11, 12))
    repo.plans.sign(earlier.id, "person")
    repo.plans.sign(earlier.id, "conductor")
    record = services.start_conversation(repo, pack, org.leader.id)
    for expectation in services.conversation_content(
        repo.conversations.detail(record.id)
    ).ordered_expectations():
        for rater in ("self", "manager"):
            repo.conversations.set_rating(record.id, expectation.id, rater, score=3)
    repo.conversations.update(record.id, step="summary", revealed=True)

    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        pane = app.screen.query_one(SummaryPane)
        page = pane.query_one("#summary-page")
        goals = pane.query_one("#summary-goals", OptionList)
        assert goals.has_focus and goals.highlighted == 0
        assert page.scroll_y == 0 and goals.region.y >= page.region.bottom  # out of sight

        await pilot.press("pagedown")
        await settle(app, pilot)
        assert page.scroll_y > 0 and goals.highlighted == 0 and goals.has_focus
        await pilot.press("pageup")
        await settle(app, pilot)
        assert page.scroll_y == 0 and goals.highlighted == 0

        await pilot.press("down")
        await settle(app, pilot)
        assert goals.highlighted == 1
        assert page.region.y <= goals.region.y and goals.region.bottom <= page.region.bottom
