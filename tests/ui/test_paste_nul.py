"""A paste holding NUL characters (text copied out of a binary file) is taken without them.

No key types a NUL, but a terminal or a browser pastes whatever the clipboard holds. A
NUL cannot be shown, PostgreSQL's text refuses it (the save failed there, again and again),
and an export holding one is refused by `import`: a comment pasted with one made the
database's own export unimportable."""

from __future__ import annotations

from pilot_helpers import paste, settle

from pipeline_tui import services
from pipeline_tui.store.transfer import export_lines, read_export
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput, AutosaveTextArea


async def test_a_pasted_comment_and_goal_lose_only_their_nul(make_app, org, ui_repo, packs) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    detail = ui_repo.conversations.detail(record.id)
    first = services.conversation_content(detail).ordered_expectations()[0].id
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        comment = screen.query_one("#exp-comment", AutosaveTextArea)
        await pilot.press("c")
        await paste(app, pilot, "Godt\x00 på vej\x00\nmed 1:1\x00")
        assert comment.text == "Godt på vej\nmed 1:1"
        await pilot.press("escape")
        await settle(app, pilot)

        ui_repo.conversations.update(record.id, step="plan")
        goal = ui_repo.plans.add_goal(record.id, "Uddelegere")
        app.pop_screen()
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        title = app.screen.query_one("#goal-title", AutosaveInput)
        title.focus()
        title.value = ""
        await paste(app, pilot, "\x00Uddelegere \x00mere")
        assert title.value == "Uddelegere mere"
        await pilot.press("tab")
        await settle(app, pilot)

    stored = ui_repo.conversations.detail(record.id).rating(first, "self")
    assert stored is not None and stored.comment == "Godt på vej\nmed 1:1"
    assert [g.title for g in ui_repo.plans.get(record.id).goals if g.id == goal.id] == [
        "Uddelegere mere"
    ]
    exported = "".join(export_lines(ui_repo.engine)).encode("utf-8")
    assert b"\\u0000" not in exported
    read_export(exported)  # the database's own export imports (it was refused, by line)


async def test_lines_pasted_into_a_one_line_field_are_all_kept(
    make_app, org, ui_repo, packs
) -> None:
    """A goal pasted from a mail (three lines, Danish letters, emoji) into the goal's title
    kept only its first line, and the rest was gone without a word."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="plan")
    goal = ui_repo.plans.add_goal(record.id, "")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        title = app.screen.query_one("#goal-title", AutosaveInput)
        title.focus()
        await paste(app, pilot, "Uddelegere mere 🙂\r\n  til teamet, også\n\nnår det haster ✅\n")
        assert title.value == "Uddelegere mere 🙂 til teamet, også når det haster ✅"
        await pilot.press("tab")
        await settle(app, pilot)
    assert [g.title for g in ui_repo.plans.get(record.id).goals if g.id == goal.id] == [
        "Uddelegere mere 🙂 til teamet, også når det haster ✅"
    ]


async def test_a_paste_longer_than_the_field_keeps_what_fits_and_says_so(
    make_app, org, ui_repo, packs
) -> None:
    """A goal of 250 characters pasted into the goal's title (200 at most) came to nothing:
    Textual's field refused the whole paste, and nothing said why."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="plan")
    goal = ui_repo.plans.add_goal(record.id, "")
    words = ("Uddelegere hele opgaver til teamet, også når det haster 🙂 " * 5)[:250]
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        title = app.screen.query_one("#goal-title", AutosaveInput)
        title.focus()
        await paste(app, pilot, words)
        assert title.value == words[:200]
        assert [n.message for n in app._notifications] == [
            "Feltet kan højst rumme 200 tegn: de sidste 50 tegn af det indsatte kom ikke med"
        ]
        title.selection = (10, 30)  # a paste over a selection has the selection's room too
        await paste(app, pilot, "x" * 25)
        assert title.value == words[:10] + "x" * 20 + words[30:200]
        await pilot.press("tab")
        await settle(app, pilot)
    assert [g.title for g in ui_repo.plans.get(record.id).goals if g.id == goal.id] == [
        words[:10] + "x" * 20 + words[30:200]
    ]


async def test_a_paste_right_after_a_tab_goes_into_the_next_field(make_app, org, ui_repo) -> None:
    """Tab and then a paste, read together (a loaded machine, `tmux send-keys`): the paste
    went into the field the tab left, after what was typed there, and the next stayed
    empty. It goes where the tab went, as the keys typed after a tab already do."""
    from textual import events
    from textual.widgets import Input

    from pipeline_tui.tui.screens.add_person import AddPersonScreen

    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, AddPersonScreen)
        name, email = form.query_one("#name", Input), form.query_one("#email", Input)
        name.focus()
        await pilot.press(*"Åse")
        app.post_message(events.Key("tab", None))
        app.post_message(events.Paste("aase.oersted@example.dk"))
        await settle(app, pilot)
        assert (name.value, email.value) == ("Åse", "aase.oersted@example.dk")
        assert app.focused is email


async def test_a_date_pasted_with_more_after_it_is_cut_to_the_date_or_refused(
    make_app, org, ui_repo, packs
) -> None:
    """A date field holds ten characters: "01.03.2027." pasted is cut to the date, with the
    notice; a sentence pasted is refused as before, saying how a date is written, and not
    said to be cut (none of it went in)."""
    from pipeline_tui.tui.widgets.date_input import DateInput

    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="plan")
    ui_repo.plans.add_goal(record.id, "Uddelegere")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        due = app.screen.query_one("#goal-due", DateInput)
        due.focus()
        await paste(app, pilot, "Frist: 01.03.2027, ikke senere")
        await settle(app, pilot)
        assert due.value == "" and due.error
        assert not app._notifications
        await paste(app, pilot, "01.03.2027.")
        await pilot.press("tab")
        await settle(app, pilot)
        assert due.value == "01.03.2027" and not due.error
        assert [n.message for n in app._notifications] == [
            "Feltet kan højst rumme 10 tegn: det sidste tegn af det indsatte kom ikke med"
        ]
    goal = ui_repo.plans.get(record.id).goals[0]
    assert str(goal.due_on) == "2027-03-01"
