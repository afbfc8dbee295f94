"""Home on a long list: the first screenful shows at once, the rest follows, nothing is lost.

The app is prepared as `pipeline-tui` prepares it (`tui.run.prepare`): the first two
screen-heights of people are read before Textual starts and the rest once the screen
shows. Here the rest is held back until the test lets it go, so the first screen can be
looked at as it is; then everything, the figures included, must be the whole list's, and
a search typed and a person chosen in between must still be there.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from pilot_helpers import settle
from textual import events
from textual.widgets import Input, Static

from pipeline_tui.config import Settings
from pipeline_tui.core.due import follow_up_state, has_conversation_this_year
from pipeline_tui.packs.light import layer_names
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store import home
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.run import prepare
from pipeline_tui.tui.widgets.people_table import PeopleTable

PEOPLE = 150
LINES = 24  # the first screen gets 2 × 24 = 48 people
TODAY = date(2026, 11, 23)


@pytest.fixture
def crowd(ui_repo, packs):
    """150 people: every fifth held a conversation last year with a follow-up in November,
    some others one this year."""
    from pipeline_tui import services

    pack = packs.default
    for n in range(PEOPLE):
        person = ui_repo.people.create(f"Person {n:03d} Hansen", "lead_self", unit=f"Enhed {n % 7}")
        if n % 5 == 0:
            talk = services.start_conversation(ui_repo, pack, person.id, held_on=date(2025, 11, 1))
            ui_repo.plans.update(talk.id, follow_up_on=date(2026, 11, 1 + n % 28))
            ui_repo.conversations.set_status(talk.id, "completed")
        elif n % 7 == 0:
            talk = services.start_conversation(ui_repo, pack, person.id, held_on=date(2026, 3, 2))
            ui_repo.conversations.set_status(talk.id, "completed")
    return ui_repo


def filter_bar(app) -> str:
    return str(app.screen.query_one("#home-filters", Static).render())


def count_line(app) -> str:
    return str(app.screen.query_one("#home-count", Static).render())


@pytest.fixture
def held_back(monkeypatch):
    """The read of the rest of the list waits until the test sets the returned event."""
    release = threading.Event()
    read_rest = home.read_people_rows

    def wait_then_read(path, yearly=None):
        assert release.wait(10), "the test never let the rest go"
        return read_rest(path, yearly)

    monkeypatch.setattr(home, "read_people_rows", wait_then_read)
    yield release
    release.set()


def prepared(db_file):
    """The app as `pipeline-tui` opens it after an earlier run (content cache present)."""
    load_packs(None)
    assert layer_names(None, "da") is not None
    services = prepare(Settings(db=db_file, language="da"), lines=LINES)
    assert not services.is_ready  # storage loads behind the first screen, as in a terminal
    return services, PipelineApp(services, remember=False)


async def test_first_screenful_then_the_rest(crowd, db_file, held_back) -> None:
    """The first screen shows the first people with the total; the rest brings the figures,
    and the person chosen meanwhile stays chosen."""
    services, app = prepared(db_file)
    held_back.set()
    whole = home.read_people_rows(Path(db_file))
    held_back.clear()
    assert whole is not None and len(whole) == PEOPLE
    assert services.initial_total == PEOPLE
    assert services.initial_rows == whole[: 2 * LINES]
    try:
        async with app.run_test(size=(100, LINES)) as pilot:
            await pilot.pause()
            table = app.screen.query_one(PeopleTable)
            assert table.total == 2 * LINES
            assert table.current == whole[0]
            assert count_line(app) == t("home.count", shown="…", total=PEOPLE)
            assert f"{t('home.filter.due')} …" in filter_bar(app)
            await pilot.press("down", "down", "down")
            assert table.current == whole[3]

            held_back.set()
            await settle(app, pilot)
            assert table.total == PEOPLE
            assert table.current == whole[3]
            assert count_line(app) == t("home.count", shown=PEOPLE, total=PEOPLE)
            due = sum(1 for r in whole if not has_conversation_this_year(r, TODAY))
            overdue = sum(1 for r in whole if follow_up_state(r, TODAY) == "overdue")
            assert 0 < overdue < PEOPLE and 0 < due < PEOPLE
            bar = filter_bar(app)
            assert f"{t('home.filter.due')} {due}" in bar
            assert f"{t('home.filter.overdue')} {overdue}" in bar
            assert app.people_rows == whole
    finally:
        held_back.set()
        services.close()


async def test_a_search_typed_before_the_rest_arrives(crowd, db_file, held_back) -> None:
    """Every letter typed on the first screen is kept (the first one too) and the search
    applies to the whole list once it is there."""
    services, app = prepared(db_file)
    try:
        async with app.run_test(size=(100, LINES)) as pilot:
            await pilot.pause()
            await pilot.press(*"Person 14")
            search = app.screen.query_one("#search", Input)
            assert search.value == "Person 14"
            table = app.screen.query_one(PeopleTable)
            assert table.shown == 1  # Person 014; 140-149 are not among the first 48

            held_back.set()
            await settle(app, pilot)
            assert search.value == "Person 14"
            assert [row.name for row in table.rows()][:1] == ["Person 000 Hansen"]
            assert table.shown == 12  # Person 014, 114 and 140-149
            assert table.current is not None and table.current.name == "Person 014 Hansen"
    finally:
        held_back.set()
        services.close()


async def opened_when_read(app, pilot, held_back, crowd, number: int) -> None:
    """The rest of the list is let go: the page of person `number` opens."""
    from pipeline_tui.tui.screens.person import PersonScreen

    held_back.set()
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, PersonScreen)
    assert screen.person_id == crowd.people.list(limit=200)[number].id


async def test_enter_typed_before_the_rest_arrives_opens_the_person(
    crowd, db_file, held_back
) -> None:
    """A name and enter typed at once on the first screen, for a person beyond the first
    screenful: enter opens that person when the rest of the list is there (it did nothing)."""
    services, app = prepared(db_file)
    try:
        async with app.run_test(size=(100, LINES)) as pilot:
            await pilot.pause()
            for key in "Person 149":
                app.post_message(events.Key("space" if key == " " else key, key))
            app.post_message(events.Key("enter", "\r"))
            await pilot.pause()
            table = app.screen.query_one(PeopleTable)
            assert table.shown == 0  # Person 149 is not among the first 48

            await opened_when_read(app, pilot, held_back, crowd, 149)
    finally:
        held_back.set()
        services.close()


async def test_enter_on_the_list_before_the_rest_arrives_opens_the_person(
    crowd, db_file, held_back
) -> None:
    """The same with the list focused (the search set, then enter on the empty list): the
    list leaves enter to the screen when it shows no one."""
    services, app = prepared(db_file)
    try:
        async with app.run_test(size=(100, LINES)) as pilot:
            await pilot.pause()
            table = app.screen.query_one(PeopleTable)
            app.screen.query_one("#search", Input).value = "Person 148"
            await pilot.pause()
            assert table.has_focus and table.shown == 0
            await pilot.press("enter")
            await opened_when_read(app, pilot, held_back, crowd, 148)
    finally:
        held_back.set()
        services.close()


async def test_back_from_a_person_keeps_the_place(make_app, crowd) -> None:
    """Esc from a person's page returns to the same person in the list, not to the top."""
    app = make_app("da")
    async with app.run_test(size=(100, LINES)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(PeopleTable)
        await pilot.press(*["down"] * 30)
        chosen = table.current
        assert chosen is not None and chosen.name == "Person 030 Hansen"
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is not table.screen
        await pilot.press("escape")
        await settle(app, pilot)
        assert table.current == chosen


async def test_fast_typing_on_the_list_goes_whole_into_the_search(make_app, crowd) -> None:
    """Keys arriving together (a fast typist, a terminal paste) all reach the search box,
    the letters that are commands on the list (n, a, f, o) too: nothing is started."""
    app = make_app("da")
    async with app.run_test(size=(100, LINES)) as pilot:
        await settle(app, pilot)
        home_screen = app.screen
        conversations = len(crowd.conversations.list())
        for key in "Hansen 03":
            app.post_message(events.Key(key if key != " " else "space", key))
        await settle(app, pilot)
        assert app.screen is home_screen
        assert app.screen.query_one("#search", Input).value == "Hansen 03"
        table = app.screen.query_one(PeopleTable)
        expected = [row for row in table.rows() if "03" in row.name]
        assert table.shown == len(expected) == 12  # Person 003, 030-039 and 103
        assert len(crowd.conversations.list()) == conversations
