"""A new conversation is written only when confirmed; drafts and people can be changed here.

`n` once wrote a draft at once (a stray key left one behind), and only the command line
could delete or change anything: now a small dialog comes first, and the person page
deletes a conversation not yet completed, edits the person and erases them, asking first.
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import screen_text, settle, until
from textual.widgets import Input, Static

from pipeline_tui import services
from pipeline_tui.errors import NotFoundError
from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
from pipeline_tui.tui.i18n import day, t
from pipeline_tui.tui.screens.add_person import AddPersonScreen
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.screens.home import HomeScreen
from pipeline_tui.tui.screens.new_conversation import NewConversationScreen
from pipeline_tui.tui.screens.person import PersonScreen


async def open_person(app, pilot, person_id: int) -> PersonScreen:
    await settle(app, pilot)
    app.open_person(person_id)
    await settle(app, pilot)
    assert isinstance(app.screen, PersonScreen)
    return app.screen


async def test_new_conversation_asks_first_and_writes_nothing_when_cancelled(
    make_app, org, ui_repo
) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one("PeopleTable").current.id == org.leader.id
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NewConversationScreen), "the dialog")
        dialog = app.screen
        assert dialog.query_one("#new-conductor", Input).value == org.director.name
        assert dialog.query_one("#new-date", Input).value == "2026-11-23"
        assert ui_repo.conversations.list(person_id=org.leader.id) == []
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert ui_repo.conversations.list(person_id=org.leader.id) == []


async def test_new_conversation_is_written_with_what_the_dialog_says(
    make_app, org, ui_repo
) -> None:
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewConversationScreen), "the dialog")
        dialog = app.screen
        dialog.query_one("#new-date", Input).value = "2026-12-01"
        dialog.query_one("#new-conductor", Input).value = "Lise HR"
        dialog.query_one("#start").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")
        [talk] = ui_repo.conversations.list(person_id=org.leader.id)
        record = ui_repo.conversations.get(talk.id)
        assert record.held_on == date(2026, 12, 1)
        assert record.conducted_by == "Lise HR" and record.conductor_id is None
        assert record.kind == "lus"


async def test_new_conversation_reopens_the_one_the_person_began_preparing(
    make_app, org, ui_repo, packs
) -> None:
    """The leader's LUS is booked for 2026-11-30 and they rated themselves through their
    link: `n` on the day (or before) opens that conversation with its answer, saying so,
    instead of asking for a second one beside it."""
    booked = services.start_conversation(
        ui_repo, packs.default, org.leader.id, kind="lus", held_on=date(2026, 11, 30)
    )
    first = packs.default.expectations_for(booked.layer)[0].id
    ui_repo.conversations.set_rating(booked.id, first, "self", score=3)
    assert ui_repo.conversations.get(booked.id).status == "in_progress"
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")
        assert app.screen.conversation_id == booked.id
        shown = [n.message for n in app._notifications]
        assert t("new.resumed", date=day(date(2026, 11, 30))) in shown, shown
    assert [c.id for c in ui_repo.conversations.list(person_id=org.leader.id)] == [booked.id]


async def test_a_bad_date_is_said_and_nothing_written(make_app, org, ui_repo) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.employee.id)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewConversationScreen), "the dialog")
        app.screen.query_one("#new-date", Input).value = "2026-13-01"
        app.screen.query_one("#start").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, NewConversationScreen)
        error = str(app.screen.query_one("#new-error", Static).render())
        assert "2026-13-01" in error
        assert ui_repo.conversations.list(person_id=org.employee.id) == []

        # Emptied: said as a whole sentence (it was " is not a date: type ...").
        app.screen.query_one("#new-date", Input).value = ""
        await settle(app, pilot)  # the edit clears the error about the text before it
        app.screen.query_one("#start").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        error = str(app.screen.query_one("#new-error", Static).render())
        assert error.startswith("A conversation needs a date"), error
        assert ui_repo.conversations.list(person_id=org.employee.id) == []


@pytest.mark.parametrize("answer", ["n", "y"])
async def test_delete_a_draft_from_the_person_page(make_app, org, ui_repo, packs, answer) -> None:
    draft = services.start_conversation(ui_repo, packs.default, org.employee.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.employee.id)
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(answer)
        await settle(app, pilot)
        left = [c.id for c in ui_repo.conversations.list(person_id=org.employee.id)]
        assert left == ([draft.id] if answer == "n" else [])
        if answer == "y":
            note = app.screen.query_one("#person-no-conversations", Static)
            await until(pilot, lambda: t("person.no_conversations") in str(note.render()), "reload")


async def test_a_deleted_draft_leaves_nothing_in_the_recovery_journal(
    make_app, org, ui_repo, packs
) -> None:
    """An answer an earlier run could not save (killed while the database was locked) stayed
    in the recovery journal after its conversation was deleted; the next conversation made,
    of anyone, may get the same number (SQLite reuses the highest one) and was offered that
    answer as its own ("1 answer from last time"). Deleting the draft takes it out."""
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal

    draft = services.start_conversation(ui_repo, packs.default, org.employee.id)
    app = make_app("en")
    op = Op("rating_comment", {"conversation_id": draft.id, "value": "ZEBRAFROST"})
    Journal(app.journal.path).write([Entry(draft.id, "comment", op, "Comment", "2026-11-23")])
    app.journal = Journal(app.journal.path)  # as a start after that run reads it
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.employee.id)
        await pilot.press("delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        gone = lambda: not ui_repo.conversations.list(person_id=org.employee.id)  # noqa: E731
        await until(pilot, gone, "deleted")
        await settle(app, pilot)
        other = services.start_conversation(ui_repo, packs.default, org.leader.id)
        assert other.id == draft.id  # the number is used again
        assert app.journal.earlier(other.id) == []
        assert not app.journal.path.exists()


@pytest.mark.parametrize(
    ("lang", "start"),
    [
        ("en", "The leadership evaluation of 10 Nov 2025 (draft) is deleted"),
        ("da", "Hele lederevalueringen den 10.11.2025 (kladde) slettes"),
    ],
)
async def test_the_delete_question_names_the_kind_as_a_word(
    make_app, org, ui_repo, packs, lang, start
) -> None:
    """It read "The Leadership evaluation of ..." with a capital mid-sentence."""
    services.start_conversation(
        ui_repo, packs.default, org.leader.id, kind="evaluation", held_on=date(2025, 11, 10)
    )
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("delete")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = " ".join(str(app.screen.query_one("#confirm-question", Static).render()).split())
        assert question.startswith(start), question


async def test_a_signed_conversation_is_not_deleted(make_app, org, ui_repo, packs) -> None:
    talk = services.start_conversation(ui_repo, packs.default, org.employee.id)
    ui_repo.plans.sign(talk.id, "person")
    ui_repo.plans.sign(talk.id, "conductor")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.employee.id)
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        assert [c.id for c in ui_repo.conversations.list(person_id=org.employee.id)] == [talk.id]


async def test_edit_a_person(make_app, org, ui_repo) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.employee.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        assert form.query_one("#title", Input).value == "Sygeplejerske"
        assert form.query_one("#manager", Input).value == org.leader.name
        form.query_one("#title", Input).value = "Klinisk sygeplejerske"
        form.query_one("#manager", Input).value = org.director.name
        form.query_one("#save").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        person = ui_repo.people.get(org.employee.id)
        assert person.title == "Klinisk sygeplejerske"
        assert person.manager_id == org.director.id
        assert person.email == "jonas.friis@example.dk"
        assert "Klinisk sygeplejerske" in str(app.screen.query_one("#person-head").render())


async def test_the_stores_refusals_are_said_in_danish_and_nothing_is_changed(
    make_app, org, ui_repo
) -> None:
    """An email someone else has, or no name: the form says so in the user's language
    (the store's messages are English) and keeps what was typed; nothing is written."""
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.employee.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        taken = ui_repo.people.get(org.leader.id).email
        form.query_one("#email", Input).value = taken.upper()
        form.query_one("#save").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is form
        said = str(form.query_one("#error", Static).render())
        assert said == f"Der er allerede en person med e-mailen {taken.upper()}."
        form.query_one("#email", Input).value = ""
        form.query_one("#name", Input).value = "  "
        form.query_one("#save").focus()
        await pilot.pause(0.3)  # a button takes no second press while it shows the first
        await pilot.press("enter")
        await settle(app, pilot)
        assert str(form.query_one("#error", Static).render()) == "Skriv personens navn."
        assert form.query_one("#name", Input).value == "  "
        person = ui_repo.people.get(org.employee.id)
        assert (person.name, person.email) == ("Jonas Friis", "jonas.friis@example.dk")


async def test_a_manager_who_reports_to_the_person_is_refused_in_danish(
    make_app, org, ui_repo
) -> None:
    """Anna's leader set to Jonas, who reports to her, was saved ("Anna Berg er gemt"): a
    circle of managers. The form says it in Danish, naming the circle, keeps what was
    typed, and nothing is written."""
    before = ui_repo.people.get(org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        form.query_one("#title", Input).value = "Oversygeplejerske"
        form.query_one("#manager", Input).value = org.employee.name
        form.query_one("#save").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is form
        said = str(form.query_one("#error", Static).render())
        assert said == (
            "Så ville lederlinjen gå i ring: Anna Berg → Jonas Friis → Anna Berg. "
            "Vælg en anden leder."
        )
        assert form.query_one("#manager", Input).value == "Jonas Friis"
    after = ui_repo.people.get(org.leader.id)
    assert (after.manager_id, after.title, after.version) == (
        org.director.id,
        "Afdelingssygeplejerske",
        before.version,
    )


async def test_erase_a_person_says_whom_they_manage(make_app, org, ui_repo) -> None:
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert t("person.erase_manages_one") in question
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        with pytest.raises(NotFoundError):
            ui_repo.people.get(org.leader.id)
        assert ui_repo.people.get(org.employee.id).manager_id is None
        names = [row.name for row in app.screen.query_one("PeopleTable").rows()]
        assert org.leader.name not in names


async def test_erasing_a_person_drops_their_unsaved_answers_from_the_recovery_journal(
    make_app, org, ui_repo, packs
) -> None:
    """An answer about the person the app could not save (an earlier run killed while the
    database was locked) waited in the recovery journal for a conversation that is gone
    with them: the erasure takes it out of the file and of the app's memory."""
    from pipeline_tui.ops import Op
    from pipeline_tui.recovery import Entry, Journal

    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    app = make_app("en")
    op = Op("rating_comment", {"conversation_id": talk.id, "value": "ZEBRAFROST"})
    Journal(app.journal.path).write([Entry(talk.id, "comment", op, "Comment", "2026-11-23")])
    app.journal = Journal(app.journal.path)  # as a start after that run reads it
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        assert app.journal.earlier(talk.id) == []
        assert not app.journal.path.exists()


async def test_erasing_a_person_names_the_copies_that_may_still_hold_them(
    make_app, org, ui_repo, db_file, tmp_path
) -> None:
    """`person erase` names the backups, exports and printed plans made before that may
    still hold the person; erased from the person page, nothing was said of them (and the
    notes of their own printed plans went with them: no later look could find those)."""
    import sqlite3

    from pipeline_tui.store.copies import note_copy

    plan = tmp_path / "plan [anna].pdf"
    backup = tmp_path / "backup.db"
    assert note_copy(db_file, "plan", plan, org.leader.id)
    assert note_copy(db_file, "backup", backup)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(app, pilot)
        from textual.content import Content

        said = "\n".join(Content.from_markup(n.message).plain for n in app._notifications)
    assert t("person.erased_copies") in said
    assert f"• plan: {plan}" in said and f"• backup: {backup}" in said
    with sqlite3.connect(db_file) as connection:  # their own print's note went with them
        assert connection.execute("SELECT count(*) FROM copy_made").fetchone() == (1,)


HOSTILE = "Zelda [/] [bold]Quorvath[/bold]"


async def test_erasing_a_person_whose_name_reads_like_markup_says_it_as_typed(
    make_app, org, ui_repo
) -> None:
    """A name with square brackets ('Zelda [/] [bold]Quorvath[/bold]') went into the notice
    after the erasure as markup: the app ended with an error (MarkupError) on drawing it."""
    from textual.content import Content

    person = ui_repo.people.create(HOSTILE, "lead_self", manager_id=org.leader.id)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, person.id)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await settle(app, pilot)
        said = [Content.from_markup(n.message).plain for n in app._notifications]
        assert t("person.erased", name=HOSTILE) in said
        assert app.is_running


async def test_adding_a_person_whose_name_reads_like_markup_says_it_as_typed(
    make_app, org, ui_repo
) -> None:
    """The notice after adding a person named with square brackets (and after editing one)
    ended the app with an error, as the erasure's did."""
    from textual.content import Content

    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await until(pilot, lambda: isinstance(app.screen, AddPersonScreen), "the form")
        app.screen.query_one("#name", Input).value = HOSTILE
        app.screen.query_one("#layer").value = "lead_self"
        await pilot.click("#save")
        await until(pilot, lambda: not isinstance(app.screen, AddPersonScreen), "saved")
        await settle(app, pilot)
        said = [Content.from_markup(n.message).plain for n in app._notifications]
        assert t("add.added", name=HOSTILE) in said
        assert app.is_running


async def test_a_form_typed_ahead_with_tabs_keeps_every_field(make_app, org, ui_repo) -> None:
    """Name, tab, email, tab... typed in one burst (a paste, a fast typist, tmux send-keys):
    each text lands whole in its own field. Textual ran tab only once it had bubbled up to
    the app, so the letters behind it went into the field before, and some were lost."""
    from textual import events

    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        values = {
            "name": "Søren Ågård",
            "email": "soren.agard@example.dk",
            "title": "Afdelingssygeplejerske",
            "unit": "Sengeafsnit O2",
        }
        keys = []
        for text in values.values():
            keys += [(c, c) for c in text] + [("tab", None)]
        for key, character in keys:  # all queued before the first is handled
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert {field: form.query_one(f"#{field}", Input).value for field in values} == values
        assert app.focused is form.query_one("#layer")  # the fourth tab: on to the layer

        # Past the (closed) dropdown and on to the manager in one burst: its tab ran only
        # when it reached the app, so the letters behind it were dropped by the dropdown.
        form.query_one("#unit").focus()
        await settle(app, pilot)
        keys = [("end", None), ("tab", None), ("tab", None)] + [(c, c) for c in "Anna Bergg"]
        for key, character in keys:
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert form.query_one("#manager", Input).value == "Anna Bergg"

        keys = [("backspace", None), (" ", " "), ("H", "H")]  # "Anna Berg H"
        keys += [("backspace", None), ("backspace", None), ("enter", None)]  # "Anna Berg"
        for key, character in keys:  # corrections and enter in order with the letters
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert app.screen is not form  # enter saved the form
        person = ui_repo.people.by_email("soren.agard@example.dk")
        assert (person.name, person.unit, person.manager_name) == (
            "Søren Ågård",
            "Sengeafsnit O2",
            "Anna Berg",
        )


async def test_enter_takes_the_manager_the_field_completes(make_app, org, ui_repo) -> None:
    """The manager field shows "Anna Berg" once "Anna" is typed, but enter used to send
    "Anna" and the form said there was no such manager."""
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        form.query_one("#name", Input).value = "Søren Ærø"
        form.query_one("#manager", Input).focus()
        await pilot.press(*"anna")
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, AddPersonScreen)
    added = next(p for p in ui_repo.people.list() if p.name == "Søren Ærø")
    assert added.manager_id == org.leader.id


async def test_an_email_that_is_no_address_is_refused_when_adding_and_editing(
    make_app, org, ui_repo
) -> None:
    """ctrl+t, "Email Prøve" with the email "ikke en adresse" was saved. The form says in
    Danish that it is no address, keeps what was typed and writes nothing; the same when a
    person's email is changed. Left empty, the email is still not needed."""
    before = ui_repo.people.list()
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        form.query_one("#name", Input).focus()
        await pilot.press(*"Email Prøve", "tab", *"ikke en adresse", "enter")
        await settle(app, pilot)
        assert app.screen is form
        said = str(form.query_one("#error", Static).render())
        assert said == (
            "»ikke en adresse« er ikke en e-mailadresse. "
            "Skriv fx navn@firma.dk, eller lad feltet stå tomt."
        )
        assert form.query_one("#email", Input).value == "ikke en adresse"
        assert ui_repo.people.list() == before
        form.query_one("#email", Input).value = ""
        form.query_one("#save").focus()
        await pilot.pause(0.3)  # a button takes no second press while it shows the first
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is not form
        added = next(p for p in ui_repo.people.list() if p.name == "Email Prøve")
        assert added.email is None

        await open_person(app, pilot, org.employee.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        form.query_one("#email", Input).value = "jonas friis@example.dk"
        form.query_one("#save").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is form
        said = str(form.query_one("#error", Static).render())
        assert said.startswith("»jonas friis@example.dk« er ikke en e-mailadresse.")
    assert ui_repo.people.get(org.employee.id).email == "jonas.friis@example.dk"


async def test_editing_a_person_keeps_a_layer_the_pack_does_not_have(ui_repo, db_file, org) -> None:
    """Under a pack that replaces the default with its own layers, a person still on
    'lead_others' opened the edit form with the pack's first layer chosen, and saving a new
    title moved them there without a word. Their layer is now offered as it is, chosen."""
    from pathlib import Path

    from textual.widgets import Select

    from pipeline_tui.config import Settings
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

    role_pack = Path(__file__).resolve().parents[1] / "fixtures" / "role_pack"
    packs = load_packs(role_pack)
    settings = Settings(db=db_file, language="da")
    app = PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_person(app, pilot, org.leader.id)
        await pilot.press("e")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        layer = form.query_one("#layer", Select)
        assert layer.value == "lead_others"
        assert "lead_others (findes ikke" in screen_text(app)  # its name, cut to fit
        form.query_one("#title", Input).value = "Oversygeplejerske"
        form.query_one("#save").focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
    person = ui_repo.people.get(org.leader.id)
    assert (person.title, person.layer) == ("Oversygeplejerske", "lead_others")
