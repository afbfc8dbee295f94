"""The footer is rebuilt only when the keys it shows change (issue 16: every Tab used to
remove and mount all of its keys), and still redraws when they do change."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from textual.widgets import Footer

from pipeline_tui.tui.i18n import t


def footer_keys(app) -> list:
    return list(app.screen.query_one(Footer).query("FooterKey"))


async def test_the_same_keys_are_not_drawn_again_and_new_ones_are(make_app, org) -> None:
    app = make_app("da")
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        drawn = footer_keys(app)
        assert t("key.home.new") in [key.description for key in drawn]

        for _ in range(3):  # what a change of focus does: the bindings may have changed
            app.screen.refresh_bindings()
            await settle(app, pilot)
        assert footer_keys(app) == drawn  # the very same widgets: nothing rebuilt

        app.set_language("en")
        await settle(app, pilot)
        english = [key.description for key in footer_keys(app)]
        assert t("key.home.new") in english  # t speaks English now
        assert english != [key.description for key in drawn]
        assert all(key.parent is None for key in drawn)  # the Danish keys are gone


def keys_shown(app) -> dict[str, str]:
    """What the footer says, key by key (the keys F1 lists come from the same bindings)."""
    return {key.key_display: key.description for key in footer_keys(app)}


@pytest.mark.demo_data
@pytest.mark.parametrize("lang", ["da", "en"])
async def test_enter_says_what_it_does_on_the_person_page_and_the_overview(
    make_app, ui_repo, lang
) -> None:
    """The person page's "⏎ Open" was hidden behind its table's unnamed enter, and the
    overview never said that enter shows the people behind a figure: both keys worked but
    were in neither the footer nor F1."""
    person = next(p for p in ui_repo.people.list() if ui_repo.conversations.list(person_id=p.id))
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(person.id)
        await settle(app, pilot)
        assert keys_shown(app).get("⏎") == t("key.person.open")

        app.open_overview()
        await settle(app, pilot)
        assert keys_shown(app).get("⏎") == t("key.ov.drill")


@pytest.mark.demo_data
async def test_f1_opens_help_in_a_dialog_and_names_its_keys(make_app, ui_repo) -> None:
    """F1 did nothing in a dialog (a modal screen stops the app's keys that are not
    priority): the new-conversation and person dialogs and the erase confirmation. It
    opens the help there now, which names the dialog's keys and those that still work."""
    from pilot_helpers import screen_text

    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
    from pipeline_tui.tui.screens.help import HelpScreen
    from pipeline_tui.tui.screens.new_conversation import NewConversationScreen

    person = next(p for p in ui_repo.people.list() if ui_repo.conversations.list(person_id=p.id))
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(person.id)
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, NewConversationScreen)
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert t("key.quit") in screen_text(app)
        await pilot.press("f1", "escape")  # F1 closes the help again; Esc the dialog
        await settle(app, pilot)

        await pilot.press("x")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        # y/j named as the button it presses ("Slet personen"), n/esc as "Nej"
        assert t("person.erase_yes") in text and t("key.confirm.no") in text
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert ui_repo.people.get(person.id).name == person.name  # nothing erased
