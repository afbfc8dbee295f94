"""Home: type to search. A name is never taken for a command; the commands are ctrl keys.

A newcomer types the name of the person they want. Names starting with a, n, f or o once
opened "add person", a new conversation, the filter or the overview and lost the rest.
"""

from __future__ import annotations

import pytest
from pilot_helpers import screen_text, settle

from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.home import HomeScreen, SearchInput
from pipeline_tui.tui.widgets.people_table import PeopleTable

NAMES = ("Anna Berg", "Frederik Olsen", "Nanna Dahl", "Oscar Nielsen", "Jonas Friis")


@pytest.fixture
def people(ui_repo):
    for name in NAMES:
        ui_repo.people.create(name, "lead_self", unit="Enhed 7")
    return ui_repo


def shown(app) -> list[str]:
    table = app.screen.query_one(PeopleTable)
    return [row.name for row in table._shown]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("anna", ["Anna Berg", "Nanna Dahl"]),
        ("frederik", ["Frederik Olsen"]),
        ("olsen", ["Frederik Olsen"]),
        ("nanna", ["Nanna Dahl"]),
        ("7", NAMES),
    ],
)
async def test_a_typed_name_searches(people, make_app, typed, expected) -> None:
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press(*typed)
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)  # no dialog, no overview
        assert app.screen.query_one(SearchInput).value == typed
        assert sorted(shown(app)) == sorted(expected)


async def test_list_keys_and_commands_work_while_the_search_holds_text(people, make_app) -> None:
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"en")  # in every unit ("Enhed 7"): the whole list
        await settle(app, pilot)
        search = app.screen.query_one(SearchInput)
        table = app.screen.query_one(PeopleTable)
        assert app.focused is search
        first = table.current
        await pilot.press("down")
        assert table.current != first
        await pilot.press("ctrl+f")  # the filter cycles with the focus in the search box
        assert app.screen.filter == "due"
        await pilot.press("ctrl+f", "ctrl+f", "ctrl+f")
        assert app.screen.filter == "all"
        assert search.value == "en"
        await pilot.press("escape")
        assert search.value == ""
        assert app.focused is table
        await pilot.press(*"oscar")
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "PersonScreen"
        oscar = next(r for r in table.rows() if r.name == "Oscar Nielsen")
        assert app.screen.person_id == oscar.id

        # Back on home the search still says "oscar"; the next name typed is a new search
        # (it made "oscaranna" and found no one); on the list too; End keeps it to add to.
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and search.value == "oscar"
        await pilot.press(*"anna")
        await settle(app, pilot)
        assert search.value == "anna"
        assert sorted(shown(app)) == ["Anna Berg", "Nanna Dahl"]
        await pilot.press("end", *" d")
        await settle(app, pilot)
        assert search.value == "anna d"
        table.focus()
        await pilot.press(*"jonas")
        await settle(app, pilot)
        assert search.value == "jonas" and shown(app) == ["Jonas Friis"]


@pytest.mark.parametrize("focus_search", [False, True])
async def test_ctrl_o_opens_the_overview_wherever_the_focus_is(
    people, make_app, focus_search
) -> None:
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        if focus_search:
            await pilot.press("o")
            assert app.screen.query_one(SearchInput).value == "o"
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "OverviewScreen"


async def test_ctrl_t_adds_a_person_from_the_search_box(people, make_app) -> None:
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "AddPersonScreen"


async def test_a_key_read_while_the_list_had_the_focus_is_not_lost(people, make_app) -> None:
    """CI in a real terminal: "Lis" typed on a loaded machine showed "Ls".

    The "i" was handed to the list before the focus moved to the search box and reached
    the screen after it had: the screen kept only keys from a list with the focus.
    """
    from textual import events

    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        search = app.screen.query_one(SearchInput)
        table = app.screen.query_one(PeopleTable)
        assert app.focused is search
        # As the app hands on a key read before the focus moved (post_message would make
        # it a new key, which the app hands to the box itself).
        table._forward_event(events.Key("a", "a"))
        await pilot.press(*"nna")
        await settle(app, pilot)
        assert search.value == "nanna"
        assert shown(app) == ["Nanna Dahl"]


async def test_a_person_just_added_is_the_one_under_the_cursor_and_on_screen(
    ui_repo, make_app
) -> None:
    """Add a person, then ctrl+n: the conversation is theirs. The cursor stayed on the first
    row (another person's conversation was offered) and the new one was off screen; a
    search that hides them is cleared."""
    from textual.widgets import Input

    from pipeline_tui.tui.screens.add_person import AddPersonScreen
    from pipeline_tui.tui.screens.new_conversation import NewConversationScreen

    for number in range(40):
        ui_repo.people.create(f"Anne Person {number:02d}", "lead_self", unit="Kirurgi")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"person 07")  # one row shown, and not the new person
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        form.query_one("#name", Input).value = "Åse Ørsted"  # last in Danish order
        form.query_one("#email", Input).value = "aase@example.dk"
        form.query_one("#name", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(PeopleTable)
        assert app.screen.query_one(SearchInput).value == ""
        assert table.current is not None and table.current.name == "Åse Ørsted"
        assert table.shown == 41
        assert "Åse Ørsted" in screen_text(app)  # scrolled to, below the first 20
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert isinstance(app.screen, NewConversationScreen)
        assert "Ny samtale med Åse Ørsted" in screen_text(app)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("da", ["Ingen personer endnu", "people import FIL.csv", "pipeline-tui demo"]),
        ("en", ["No people yet", "people import FILE.csv", "pipeline-tui demo"]),
    ],
)
async def test_an_empty_database_says_how_to_add_people_and_where_the_demo_is(
    ui_repo, make_app, lang, said
) -> None:
    """A newcomer's first start: the list says how to add someone, import a roster, or look
    at the demo organisation first, whole at 80×24."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown = " ".join(screen_text(app).split())
        for words in said:
            assert words in shown, shown
        # Open and a new conversation need someone: not offered until there is
        footer = screen_text(app).splitlines()[-1]
        assert t("key.home.open") not in footer and t("key.home.new") not in footer, footer
        assert t("key.home.add") in footer
        ui_repo.people.create("Bo Ærø", "lead_self")
        app.screen.reload()
        await settle(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        assert t("key.home.new") in footer, footer


@pytest.mark.demo_data
@pytest.mark.parametrize(("size", "whole"), [((80, 24), False), ((120, 40), True)])
async def test_the_layer_column_gives_up_the_note_in_brackets_before_the_name(
    ui_repo, make_app, size, whole
) -> None:
    """At 80 columns "Leder af sig selv" is whole (it was "Leder af sig se…"); at 120 the
    whole name, "Leder af sig selv (medarbejder)", is."""
    app = make_app("da")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        full = app.layer_names()["lead_self"]
        shown = screen_text(app)
        assert full.startswith("Leder af sig selv (") and "Leder af sig se…" not in shown
        assert (full in shown) is whole, shown
        assert "Leder af sig selv " in shown or "Leder af sig selv\n" in shown, shown


@pytest.mark.demo_data
@pytest.mark.parametrize(
    ("lang", "size", "shown"),
    [
        ("da", (80, 24), "Evaluering · I gang"),
        ("da", (120, 40), "Lederevaluering · I gang"),
        ("en", (80, 24), "In progress"),
        ("en", (120, 40), "Evaluation · In progress"),
    ],
)
async def test_the_status_column_shortens_a_long_kind_before_the_status(
    ui_repo, make_app, lang, size, shown
) -> None:
    """Jakob Nørgaard's leadership evaluation is under way: the status column said
    "Lederevaluering · I…" at 80 columns. The kind gives way first (its short name, then
    itself), never the status."""
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press(*"Jakob")  # found by name, whatever fits on the first screen
        await settle(app, pilot)
        [row] = [line for line in screen_text(app).splitlines() if "Jakob Nørgaard" in line]
        assert row.rstrip().endswith(shown), row
        assert "…" not in row.split("2026")[-1], row
