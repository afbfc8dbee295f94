"""HR's overview of an organisation where everyone has had this year's conversation and no
follow-up is near: the tab of the missing and the overdue says so."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import screen_text, settle
from textual.widgets import DataTable, Static, TabbedContent

from pipeline_tui import services
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.overview import OverviewScreen


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_nobody_missing_is_said_not_an_empty_table(
    make_app, org, ui_repo, packs, lang
) -> None:
    """The tab showed the headings 'Navn Enhed Niveau' over nothing, and '⏎ Åbn' in the
    footer; it now says that nobody is missing a conversation and no follow-up is near."""
    for person in (org.director, org.leader, org.employee):
        record = services.start_conversation(
            ui_repo, packs.default, person.id, held_on=date(2026, 11, 2)
        )
        goal = ui_repo.plans.add_goal(record.id, "Uddeleger vagtplanen")
        ui_repo.plans.add_action(goal.id, "Lær koordinatorerne op", owner=person.name)
        ui_repo.plans.update(record.id, follow_up_on=date(2027, 11, 2))
        ui_repo.plans.sign(record.id, "person")
        ui_repo.plans.sign(record.id, "conductor")
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        await pilot.press("ctrl+right", "ctrl+right", "ctrl+right")  # coverage → … → due
        await settle(app, pilot)
        assert screen.query_one("#ov-tabs", TabbedContent).active == "ov-due"
        assert screen.query_one("#ov-due-table", DataTable).row_count == 0
        assert not screen.query_one("#ov-due-table", DataTable).display
        said = t("ov.due_none", year=2026)
        none = screen.query_one("#ov-due-none", Static)
        assert none.display and str(none.content) == said
        assert " ".join(said.split()[:5]) in screen_text(app)
        await pilot.press("ctrl+right")  # on round to the first tab (no 360° tab this year)
        await settle(app, pilot)
        assert screen.query_one("#ov-tabs", TabbedContent).active == "ov-coverage"


@pytest.mark.demo_data
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("da", "Opfølgning forfalden · planlagt 30.11.2026"),
        ("en", "Follow-up overdue · planned 30 Nov 2026"),
    ],
)
async def test_an_overdue_follow_up_with_a_conversation_booked_says_so(
    make_app, lang, said
) -> None:
    """The demo's Lars Kristiansen read 'Forfalden · planlagt' on home (his follow-up
    passed, a MUS booked for 30.11.2026) and only 'Opfølgning forfalden' in HR's list of
    the missing and the overdue: the booking is now named there too, with its date; the
    others overdue, with nothing booked, keep the plain words."""
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        table = screen.query_one("#ov-due-table", DataTable)
        rows = {
            str(table.get_row_at(i)[0]): str(table.get_row_at(i)[3]) for i in range(table.row_count)
        }
        assert rows["Lars Kristiansen"] == said
        plain = [name for name, reason in rows.items() if reason == t("status.overdue")]
        assert sorted(plain) == ["Birgitte Mølgaard", "Hanne Bertelsen", "Rasmus Holt"]


@pytest.mark.parametrize(
    ("lang", "said"), [("da", "Planlagt 01.12.2026"), ("en", "Planned 1 Dec 2026")]
)
async def test_a_person_due_with_a_conversation_booked_says_so(
    make_app, org, ui_repo, packs, lang, said
) -> None:
    """Home said 'MUS · Planlagt' for an employee whose MUS is booked for 01.12 (begun
    through the preparation link, in progress before its day); HR's list said 'Mangler i
    år' as for someone with nothing booked. It now says 'Planlagt 01.12.2026'; the
    others without a conversation keep 'Mangler i år'."""
    record = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2026, 12, 1)
    )
    ui_repo.conversations.set_status(record.id, "in_progress")
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        table = app.screen.query_one("#ov-due-table", DataTable)
        rows = {
            str(table.get_row_at(i)[0]): str(table.get_row_at(i)[3]) for i in range(table.row_count)
        }
        assert rows[org.employee.name] == said
        others = {name: reason for name, reason in rows.items() if name != org.employee.name}
        assert others and set(others.values()) == {t("status.due")}
