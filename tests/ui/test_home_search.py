"""Home's search as a Dane types it without the keys for æ, ø and å (ø as o or oe, æ as a
or ae, å as a or aa, in any case), and by e-mail address as `people list --search` does.
Typed into the real home screen, key by key, and backspaced: each keystroke searches again
(among what the last one found, when typed on; `core.search`)."""

from __future__ import annotations

import pytest
from pilot_helpers import settle

from pipeline_tui.tui.screens.home import HomeScreen, SearchInput
from pipeline_tui.tui.widgets.people_table import PeopleTable

SOREN = "Søren Ølgaard-Æbelø"
PEOPLE = (
    (SOREN, "soren@example.dk", "Ortopædkirurgi"),
    ("Åse Kjærgaard", "ase.k@example.dk", "Akutmodtagelse"),
    ("Michael Noel", "mn@region.dk", "Økonomi"),
    ("Anna Berg", "anna.berg@example.dk", "Kvalitet"),
)


@pytest.fixture
def people(ui_repo):
    for name, email, unit in PEOPLE:
        ui_repo.people.create(name, "lead_self", email=email, unit=unit)
    return ui_repo


def shown(app) -> list[str]:
    return sorted(row.name for row in app.screen.query_one(PeopleTable)._shown)


async def type_in(app, pilot, typed: str) -> None:
    await pilot.press(*typed)
    await settle(app, pilot)
    assert isinstance(app.screen, HomeScreen)
    assert app.screen.query_one(SearchInput).value == typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("soren", [SOREN]),
        ("soeren", [SOREN]),
        ("SOEREN", [SOREN]),
        ("aebelo", [SOREN]),
        ("olgaard", [SOREN]),
        ("oelgaard", [SOREN]),
        ("søren", [SOREN]),
        ("soren aebelo", [SOREN]),
        ("aase", ["Åse Kjærgaard"]),
        ("kjaergaard", ["Åse Kjærgaard"]),
        ("kjargard", ["Åse Kjærgaard"]),
        ("ortopaed", [SOREN]),  # the unit
        ("okonomi", ["Michael Noel"]),
        ("noel", ["Michael Noel"]),  # an oe that is an o and an e
        ("hael", ["Michael Noel"]),
        ("xyz", []),
    ],
)
async def test_danish_letters_typed_without_their_keys_find_the_person(
    people, make_app, typed, expected
) -> None:
    app = make_app("da")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await type_in(app, pilot, typed)
        assert shown(app) == sorted(expected)


async def test_the_email_address_is_searched_too(people, make_app) -> None:
    app = make_app("da")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await type_in(app, pilot, "region.dk")  # in Michael's e-mail address only
        assert shown(app) == ["Michael Noel"]
        for _ in "region.dk":
            await pilot.press("backspace")
        await settle(app, pilot)
        assert len(shown(app)) == len(PEOPLE)
        await type_in(app, pilot, "soren@example")
        assert shown(app) == [SOREN]


async def test_typing_on_and_back_gives_what_a_search_from_scratch_gives(people, make_app) -> None:
    """Each keystroke searches among what the last found while typed on: backspace, a
    space, a second word and the filter (ctrl+f) still give the whole search's result."""
    app = make_app("da")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        await type_in(app, pilot, "soe")  # s, so, soe: Søren
        assert shown(app) == [SOREN]
        await pilot.press("backspace", "backspace")
        await settle(app, pilot)
        assert len(shown(app)) == len(PEOPLE)  # an s: the layer's name has one
        await pilot.press("backspace", *"noe")
        await settle(app, pilot)
        assert shown(app) == ["Michael Noel"]  # Noel, and the o of Økonomi
        await pilot.press(*" m")
        await settle(app, pilot)
        assert shown(app) == ["Michael Noel"]
        await pilot.press("ctrl+f")  # due this year: everyone here (no conversations)
        await settle(app, pilot)
        assert shown(app) == ["Michael Noel"]
        await pilot.press("backspace", "backspace", "backspace")
        await settle(app, pilot)
        assert shown(app) == ["Michael Noel"]  # "no"
        await pilot.press("backspace", "backspace", *"kj")
        await settle(app, pilot)
        assert shown(app) == ["Åse Kjærgaard"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert len(shown(app)) == len(PEOPLE)
