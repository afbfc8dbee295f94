"""One unit is written one way, in the person form as in a roster import.

A roster row with "ortopædkirurgi" where the database has "Ortopædkirurgi" was refused
("write it so"), but the person form saved it as typed: the overview and the unit
filters then showed two units, each with part of the people. Now the form completes the
unit from the units people are in (enter takes the unit shown), and a second spelling
is refused, saying how the others' unit is written; nothing is saved until it is.
"""

from __future__ import annotations

import sqlite3

from pilot_helpers import settle, until
from textual.widgets import Input, Static

from pipeline_tui.tui.screens.add_person import AddPersonScreen
from pipeline_tui.tui.screens.person import PersonScreen


def _units(db_file: str) -> dict[str, str]:
    with sqlite3.connect(db_file) as db:
        return dict(db.execute("select name, unit from person").fetchall())


async def test_a_unit_in_another_letter_case_is_refused_and_the_form_completes_it(
    make_app, org, ui_repo, db_file
) -> None:
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, AddPersonScreen), "the form")
        form = app.screen
        await pilot.press(*"Sofie Lund")
        form.query_one("#unit", Input).focus()
        await pilot.press(*"ortopæd")
        await settle(app, pilot)
        assert form.query_one("#unit", Input)._suggestion == "Ortopædkirurgi"
        form.query_one("#unit", Input).value = "ORTOPÆDKIRURGI"
        form.query_one("#name", Input).focus()  # the unit field, left, shows no completion
        await pilot.press("enter")
        await until(pilot, lambda: "hedder" in str(form.query_one("#error", Static).content), "")
        said = str(form.query_one("#error", Static).content)
        assert said == (
            "Enheden hedder »Ortopædkirurgi« hos de andre i den: skriv den sådan, "
            "ellers bliver den til to enheder i overblikket."
        )
        assert app.screen is form
        assert "Sofie Lund" not in _units(db_file)

        # Enter takes the unit shown completed, not the letters typed (a new unit "ortopæd")
        form.query_one("#unit", Input).value = ""
        form.query_one("#unit", Input).focus()
        await pilot.press(*"ortopæd")
        await settle(app, pilot)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not form, "the form closes")
        assert _units(db_file)["Sofie Lund"] == "Ortopædkirurgi"


async def test_editing_refuses_a_second_spelling_but_the_last_one_in_a_unit_may_respell_it(
    make_app, org, ui_repo, db_file
) -> None:
    ui_repo.people.create("Lise Kjær", "lead_function", email="lise@example.dk", unit="HR")
    lise = ui_repo.people.by_email("lise@example.dk")
    assert lise is not None
    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_person(org.employee.id)
        await until(pilot, lambda: isinstance(app.screen, PersonScreen), "the person")
        await settle(app, pilot)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, AddPersonScreen), "the form")
        form = app.screen
        form.query_one("#unit", Input).value = "hr"
        form.query_one("#title", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: "written" in str(form.query_one("#error", Static).content), "")
        assert str(form.query_one("#error", Static).content) == (
            "The unit is written “HR” for the others in it: write it so, "
            "or it becomes two units in the overview."
        )
        assert _units(db_file)["Jonas Friis"] == "Ortopædkirurgi"

    # Lise alone is in HR: she may write it "Hr" (a rename of the unit, not a second one).
    ui_repo.people.update(lise.id, unit="Hr")
    assert _units(db_file)["Lise Kjær"] == "Hr"
