"""Plan step: suggestions accepted by keyboard, goals and actions written by hand, dates, deletion,
and what a signed plan still lets you change. Everything is checked in the database."""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle as _settle
from pilot_helpers import until
from textual.events import Paste
from textual.widgets import Checkbox, OptionList, Select, Static

from pipeline_tui import services
from pipeline_tui.core.due import one_year_after
from pipeline_tui.core.suggestions import suggest_goals
from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
from pipeline_tui.tui.i18n import day
from pipeline_tui.tui.steps.plan import PlanPane
from pipeline_tui.tui.widgets.action_row import ActionRow
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput, AutosaveTextArea
from pipeline_tui.tui.widgets.date_input import DateInput, parse_date


def _at_plan(ui_repo, packs, person_id: int, **kwargs):
    record = services.start_conversation(ui_repo, packs.default, person_id, **kwargs)
    ui_repo.conversations.update(record.id, step="plan")
    return record


async def _open(app, pilot, conversation_id: int) -> PlanPane:
    app.animation_level = "none"  # focus scrolls the columns; don't wait for the glide
    await pilot.pause()
    app.open_conversation(conversation_id)
    await _settle(app, pilot)
    return app.screen.query_one(PlanPane)


async def _type(pilot, text: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in text))


async def _paste(app, pilot, text: str) -> None:
    """Paste into the focused field: the same edit path as typing, without a key per letter."""
    app.post_message(Paste(text))  # as the terminal driver does: the app hands it to the focus
    await pilot.pause()


async def _focus(pilot, widget) -> None:
    widget.focus()
    await pilot.pause()


async def test_accept_a_suggestion_by_keyboard(make_app, org, ui_repo, packs) -> None:
    record = _at_plan(ui_repo, packs, org.leader.id)
    detail = ui_repo.conversations.detail(record.id)
    content = services.conversation_content(detail)
    weakest = content.ordered_expectations()[0]
    for expectation in content.ordered_expectations():
        score = 1 if expectation.id == weakest.id else 3
        ui_repo.conversations.set_rating(record.id, expectation.id, "self", score=score)
        ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=score)
    ui_repo.conversations.update(record.id, revealed=True)
    detail = ui_repo.conversations.detail(record.id)
    first = suggest_goals(content, detail.ratings, detail.picks, "da")[0]
    assert first.expectation_ids == (weakest.id,)

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        suggestions = pane.query_one("#plan-suggestions", OptionList)
        assert suggestions.has_focus
        assert first.title in str(suggestions.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await _settle(app, pilot)

        goals = ui_repo.plans.get(record.id).goals
        assert len(goals) == 1
        goal = goals[0]
        assert goal.title == first.title
        assert goal.expectation_ids == (weakest.id,)
        assert goal.success_criterion == first.success_criterion
        assert [a.activity_id for a in goal.actions] == list(first.activity_ids)
        assert all(a.owner == org.leader.name for a in goal.actions)
        assert pane.selected == goal.id
        assert first.key not in {s.key for s in pane.suggestions.suggestions}
        assert pane.query_one("#goal-title", AutosaveInput).value == first.title


async def test_write_a_goal_by_hand_with_a_first_action(make_app, org, ui_repo, packs) -> None:
    record = _at_plan(ui_repo, packs, org.employee.id)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        await pilot.press("ctrl+n")
        await _settle(app, pilot)
        assert pane.query_one("#goal-title", AutosaveInput).has_focus
        await _paste(app, pilot, "Lead the morning huddle")
        await pilot.press("tab")
        assert pane.query_one("#goal-success", AutosaveTextArea).has_focus
        await _paste(app, pilot, "Runs the huddle alone twice a week")
        await pilot.press("tab")
        assert pane.query_one("#goal-due", DateInput).has_focus
        await _paste(app, pilot, "2027-03-31")

        await pilot.press("ctrl+t")  # the first action is experience (70), owned by the person
        await _settle(app, pilot)
        await _paste(app, pilot, "Run the Monday huddle")
        row = pane.query_one(ActionRow)
        await _focus(pilot, row.query_one(DateInput))
        await _paste(app, pilot, "2027-01-15")
        await _settle(app, pilot)

        goal = ui_repo.plans.get(record.id).goals[0]
        assert goal.title == "Lead the morning huddle"
        assert goal.success_criterion == "Runs the huddle alone twice a week"
        assert goal.due_on == date(2027, 3, 31)
        actions = [(a.description, a.kind, a.owner, a.due_on) for a in goal.actions]
        assert actions == [
            ("Run the Monday huddle", "experience", org.employee.name, date(2027, 1, 15))
        ]
        goals = pane.query_one("#plan-goals", OptionList)
        assert "Lead the morning huddle" in str(goals.get_option_at_index(0).prompt)
        assert day(date(2027, 3, 31)) in str(goals.get_option_at_index(0).prompt)


async def test_a_second_action_of_another_type_and_owner(make_app, org, ui_repo, packs) -> None:
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lead the morning huddle")
    first = ui_repo.plans.add_action(goal.id, "Run the Monday huddle", owner=org.employee.name)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, record.id)
        await pilot.press("ctrl+t")  # offers what the mix lacks: relationships
        await _settle(app, pilot)
        await _paste(app, pilot, "Ask for feedback after two huddles")
        await pilot.press("tab", "enter", "down", "enter")  # type: relationships -> formal
        await pilot.press("tab", "ctrl+a", "ctrl+k")  # the owner: replace the person
        await _paste(app, pilot, "Anna Berg")
        await pilot.press("tab")
        await _paste(app, pilot, "2027-02-01")
        await _settle(app, pilot)

        actions = ui_repo.plans.goal(goal.id).actions
        assert actions[0] == first
        second = actions[1]
        assert (second.description, second.kind, second.owner, second.due_on) == (
            "Ask for feedback after two huddles",
            "formal",
            "Anna Berg",
            date(2027, 2, 1),
        )


async def test_a_reload_keeps_what_is_being_typed(make_app, org, ui_repo, packs) -> None:
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lead")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        title = pane.query_one("#goal-title", AutosaveInput)
        await _focus(pilot, title)
        await _paste(app, pilot, " the huddle")
        app.screen.reload()  # as after another step's write: the title's write is still pending
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert title.value == "Lead the huddle"
        await _settle(app, pilot)
        assert ui_repo.plans.goal(goal.id).title == "Lead the huddle"


async def test_words_typed_after_tab_follow_a_filled_in_success_criterion(
    make_app, org, ui_repo, packs
) -> None:
    """Tab into a suggestion's success criterion once put the cursor before it: the words
    typed went in front ("...sommerferien.Kommer med..."), into the signed plan too."""
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(
        record.id, "Suggest improvements", success_criterion="Brings ideas to the huddle"
    )
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        await _focus(pilot, pane.query_one("#goal-title", AutosaveInput))
        await pilot.press("tab")
        assert pane.query_one("#goal-success", AutosaveTextArea).has_focus
        await _type(pilot, " at least twice")
        await _settle(app, pilot)
        assert ui_repo.plans.goal(goal.id).success_criterion == (
            "Brings ideas to the huddle at least twice"
        )


async def test_a_bad_due_date_is_refused(make_app, org, ui_repo, packs) -> None:
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Learn the booking system")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        due = pane.query_one("#goal-due", DateInput)
        await _focus(pilot, due)
        await _type(pilot, "2027-02-30")
        await _settle(app, pilot)
        error = pane.query_one("#goal-due-error", Static)
        assert error.display and "YYYY-MM-DD" in str(error.content)
        assert ui_repo.plans.goal(goal.id).due_on is None

        await pilot.press("backspace", "backspace")
        await _type(pilot, "28")
        await _settle(app, pilot)
        assert not error.display
        assert ui_repo.plans.goal(goal.id).due_on == date(2027, 2, 28)


async def test_a_date_that_is_no_date_stays_where_it_was_typed(
    make_app, org, ui_repo, packs
) -> None:
    """31.02.2027 as a goal's due date and 1.2.27 as the follow-up: nothing is saved, and
    what was typed stays in its field with what is wrong, after another step and back
    (it used to be replaced by the empty stored date, without a word); closing the
    conversation asks first, and no keeps it open with the texts where they were."""
    from pipeline_tui.tui.screens.conversation import ConversationScreen

    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lær bookingsystemet")
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await _open(app, pilot, record.id)
        await _focus(pilot, pane.query_one("#goal-due", DateInput))
        await _type(pilot, "31.02.2027")
        await _focus(pilot, pane.query_one("#plan-follow-up", DateInput))
        await _type(pilot, "1.2.27")
        await _focus(pilot, pane.query_one("#plan-goals", OptionList))
        await _settle(app, pilot)

        await pilot.press("ctrl+right")
        await _settle(app, pilot)
        await pilot.press("ctrl+left")
        await _settle(app, pilot)
        pane = app.screen.query_one(PlanPane)
        assert pane.query_one("#goal-due", DateInput).value == "31.02.2027"
        assert pane.query_one("#plan-follow-up", DateInput).value == "1.2.27"
        for error in ("#goal-due-error", "#plan-follow-up-error"):
            shown = pane.query_one(error, Static)
            assert shown.display and "DD.MM.ÅÅÅÅ" in str(shown.content), error
        assert ui_repo.plans.goal(goal.id).due_on is None
        assert ui_repo.plans.get(record.id).follow_up_on is None

        await _focus(pilot, pane.query_one("#plan-goals", OptionList))
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).content)
        assert "»Lær bookingsystemet«: 31.02.2027" in question
        assert "Opfølgning: 1.2.27" in question
        await pilot.press("n")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.query_one("#goal-due", DateInput).value == "31.02.2027"
        await pilot.press("ctrl+q")  # quitting would lose them too
        await _settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Afslut alligevel?" in str(app.screen.query_one("#confirm-question", Static).content)
        await pilot.press("n")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConversationScreen)

        await _focus(pilot, app.screen.query_one("#goal-due", DateInput))
        await pilot.press(*["backspace"] * 10)
        await _type(pilot, "28.02.2027")
        await _focus(pilot, app.screen.query_one("#plan-follow-up", DateInput))
        await pilot.press(*["backspace"] * 10)  # emptied: no follow-up date, nothing typed
        await _focus(pilot, app.screen.query_one("#plan-goals", OptionList))
        await _settle(app, pilot)
        assert ui_repo.plans.goal(goal.id).due_on == date(2027, 2, 28)
        await pilot.press("escape")
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConversationScreen | ConfirmScreen)


@pytest.mark.parametrize(
    ("lang", "says", "not_said"),
    [
        ("da", "fristen er ikke en gyldig dato endnu", "frist"),
        ("en", "due date not valid yet", "due"),
    ],
)
async def test_the_goal_list_says_a_due_date_typed_is_not_valid_yet(
    make_app, org, ui_repo, packs, lang, says, not_said
) -> None:
    """A due date typed that is no date (31.02.2027) stays in its field with a warning and is
    not saved; the goal list beside it said "ingen frist" (or the date stored before), as if
    the goal had none. It now says the due date is not valid yet, until a date is typed."""
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lær bookingsystemet")
    ui_repo.plans.update_goal(goal.id, due_on=date(2027, 3, 1))
    app = make_app(lang)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await _open(app, pilot, record.id)
        not_said = f"{not_said} {day(date(2027, 3, 1))}"  # the date stored before
        goals = pane.query_one("#plan-goals", OptionList)
        assert not_said in str(goals.get_option_at_index(0).prompt)
        due = pane.query_one("#goal-due", DateInput)
        await _focus(pilot, due)
        await pilot.press(*["backspace"] * 10)
        await _type(pilot, "31.02.2027")
        await _focus(pilot, goals)
        await _settle(app, pilot)
        shown = str(goals.get_option_at_index(0).prompt)
        assert says in shown and not_said not in shown
        await pilot.press("ctrl+right")  # another step and back: still said
        await _settle(app, pilot)
        await pilot.press("ctrl+left")
        await _settle(app, pilot)
        goals = app.screen.query_one("#plan-goals", OptionList)
        assert says in str(goals.get_option_at_index(0).prompt)

        await _focus(pilot, app.screen.query_one("#goal-due", DateInput))
        await pilot.press(*["backspace"] * 10)
        await _type(pilot, "28.02.2027" if lang == "da" else "2027-02-28")
        await _focus(pilot, goals)
        await _settle(app, pilot)
        shown = str(goals.get_option_at_index(0).prompt)
        assert says not in shown and day(date(2027, 2, 28)) in shown
        assert ui_repo.plans.goal(goal.id).due_on == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        (
            "da",
            ("Dato, der ikke er gemt", "er ikke en gyldig dato,", "Skriv datoen som"),
            ("Datoer, der ikke er gemt", "er ikke gyldige datoer", "Skriv datoerne som"),
        ),
        (
            "en",
            ("Date not saved", "is not a valid date,", "Write the date as"),
            ("Dates not saved", "are not valid dates", "Write the dates as"),
        ),
    ],
)
async def test_the_question_about_dates_typed_says_one_date_as_one(
    make_app, org, ui_repo, packs, lang, one, many
) -> None:
    """With one date typed that is no date, the question before closing or quitting said
    "Datoer, der ikke er gemt … disse datofelter … Skriv datoerne som" / "Write the dates
    as", and the sign-off checklist "Datoer"; one date is now said as one, several as
    several."""
    record = _at_plan(ui_repo, packs, org.employee.id)
    ui_repo.plans.add_goal(record.id, "Lær bookingsystemet")
    app = make_app(lang)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await _open(app, pilot, record.id)
        await _focus(pilot, pane.query_one("#goal-due", DateInput))
        await _type(pilot, "31.02.2027")
        await _focus(pilot, pane.query_one("#plan-goals", OptionList))
        await _settle(app, pilot)

        async def asked(key: str) -> str:
            await pilot.press(key)
            await _settle(app, pilot)
            assert isinstance(app.screen, ConfirmScreen), key
            said = " ".join(str(s.content) for s in app.screen.query(Static))
            await pilot.press("n")
            await _settle(app, pilot)
            return said

        for key in ("escape", "ctrl+q"):
            said = await asked(key)
            assert all(words in said for words in one), (key, said)
            assert not any(words in said for words in many), (key, said)
        await pilot.press("ctrl+right")
        await _settle(app, pilot)
        checklist = str(app.screen.query_one("#sign-checklist", Static).content)
        assert ("En dato" if lang == "da" else "A date that") in checklist
        await pilot.press("ctrl+left")
        await _settle(app, pilot)

        await _focus(pilot, app.screen.query_one("#plan-follow-up", DateInput))
        await _type(pilot, "1.2.27")
        await _focus(pilot, app.screen.query_one("#plan-goals", OptionList))
        await _settle(app, pilot)
        for key in ("escape", "ctrl+q"):
            said = await asked(key)
            assert all(words in said for words in many), (key, said)


async def test_ctrl_q_while_a_question_about_leaving_is_open_asks_nothing_more(
    make_app, org, ui_repo, packs
) -> None:
    """A date typed that is no date: Esc (closing) or ctrl+q (quitting) asks first. A ctrl+q
    pressed while that question was open stacked a second question on it (no to the one on
    top left the other); it now asks nothing more, and one answer is all it takes."""
    from pipeline_tui.tui.screens.conversation import ConversationScreen

    record = _at_plan(ui_repo, packs, org.employee.id)
    ui_repo.plans.add_goal(record.id, "Lær bookingsystemet")
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await _open(app, pilot, record.id)
        await _focus(pilot, pane.query_one("#goal-due", DateInput))
        await _type(pilot, "31.02.2027")
        await _focus(pilot, pane.query_one("#plan-goals", OptionList))
        await _settle(app, pilot)

        def questions() -> int:
            return sum(isinstance(screen, ConfirmScreen) for screen in app.screen_stack)

        for first in ("ctrl+q", "escape"):
            await pilot.press(first)
            await _settle(app, pilot)
            assert questions() == 1, first
            await pilot.press("ctrl+q", "ctrl+q")
            await _settle(app, pilot)
            assert questions() == 1, first
            await pilot.press("n")
            await _settle(app, pilot)
            assert isinstance(app.screen, ConversationScreen), first
            assert app.screen.query_one("#goal-due", DateInput).value == "31.02.2027"


async def test_ctrl_q_in_the_help_over_a_question_about_leaving_shows_that_question(
    make_app, org, ui_repo, packs
) -> None:
    """With the question before closing open (a date typed that is no date), F1 then ctrl+q
    put a second question (quit?) over the help over the first; ctrl+q now closes the help
    and shows the question already asked, and one answer settles it."""
    from pipeline_tui.tui.screens.conversation import ConversationScreen
    from pipeline_tui.tui.screens.help import HelpScreen

    record = _at_plan(ui_repo, packs, org.employee.id)
    ui_repo.plans.add_goal(record.id, "Lær bookingsystemet")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        await _focus(pilot, pane.query_one("#goal-due", DateInput))
        await _type(pilot, "31.02.2027")
        await _focus(pilot, pane.query_one("#plan-goals", OptionList))
        await _settle(app, pilot)
        await pilot.press("escape")
        await _settle(app, pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        await pilot.press("f1")
        await _settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+q")
        await _settle(app, pilot)
        assert app.screen is question
        assert sum(isinstance(s, ConfirmScreen | HelpScreen) for s in app.screen_stack) == 1
        await pilot.press("n")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.query_one("#goal-due", DateInput).value == "31.02.2027"


async def test_a_date_pasted_with_spaces_is_taken_and_letters_are_explained(
    make_app, org, ui_repo, packs
) -> None:
    """ " 01.03.2027 " copied out of a mail was refused whole, without a word (a space is
    not among a date's characters), and "next spring" typed only rang the bell: the date
    is now taken without its spaces, and a letter typed says how a date is written."""
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lær bookingsystemet")
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await _open(app, pilot, record.id)
        due = pane.query_one("#goal-due", DateInput)
        await _focus(pilot, due)
        await _paste(app, pilot, " 01.03.2027 ")
        await _settle(app, pilot)
        assert due.value == "01.03.2027"
        assert ui_repo.plans.goal(goal.id).due_on == date(2027, 3, 1)

        follow_up = pane.query_one("#plan-follow-up", DateInput)
        await _focus(pilot, follow_up)
        await _type(pilot, "next spring")
        await _settle(app, pilot)
        assert follow_up.value == ""
        error = pane.query_one("#plan-follow-up-error", Static)
        assert error.display and "DD.MM.ÅÅÅÅ" in str(error.content)
        await _type(pilot, "1.5.2027")
        await _settle(app, pilot)
        assert not error.display
        assert ui_repo.plans.get(record.id).follow_up_on == date(2027, 5, 1)


async def test_follow_up_is_suggested_and_saved_on_enter(make_app, org, ui_repo, packs) -> None:
    held = date(2026, 11, 2)
    record = _at_plan(ui_repo, packs, org.employee.id, held_on=held)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        follow_up = pane.query_one("#plan-follow-up", DateInput)
        assert follow_up.placeholder == "forslag 02.11.2027"  # as a Dane writes a date
        assert ui_repo.plans.get(record.id).follow_up_on is None  # only suggested
        await _focus(pilot, follow_up)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert ui_repo.plans.get(record.id).follow_up_on == one_year_after(held)
        assert follow_up.value == "02.11.2027"

        await pilot.press(*["backspace"] * 10)
        await _type(pilot, "1.9.2027")
        await _settle(app, pilot)
        assert ui_repo.plans.get(record.id).follow_up_on == date(2027, 9, 1)


async def test_a_follow_up_before_the_conversation_is_pointed_out(
    make_app, org, ui_repo, packs
) -> None:
    """In January, last year's year typed by habit: a plan agreed on 5 January 2028 got the
    follow-up 15.01.2027, a year before the conversation, and nothing said so; sign-off
    ticked "There is a follow-up date" and home called it overdue at once. The date is
    kept as typed, the field and the sign-off checklist say what is wrong, and a date
    after the conversation puts it right."""
    from pipeline_tui.tui.steps.signoff import checklist

    record = _at_plan(ui_repo, packs, org.employee.id, held_on=date(2028, 1, 5))
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        follow_up = pane.query_one("#plan-follow-up", DateInput)
        hint = pane.query_one("#plan-follow-up-hint", Static)
        await _focus(pilot, follow_up)
        await _type(pilot, "15.01.2027")
        await _settle(app, pilot)
        assert ui_repo.plans.get(record.id).follow_up_on == date(2027, 1, 15)
        said = " ".join(str(hint.content).split())
        assert said == "Datoen ligger ikke efter samtalen (05.01.2028) – er årstallet rigtigt?"
        detail = ui_repo.conversations.detail(record.id)
        content = services.conversation_content(detail)
        ok, text = checklist(detail, content)[-1]
        assert not ok and "15.01.2027" in text and "05.01.2028" in text, text

        await pilot.press(*["backspace"] * 10)
        await _type(pilot, "15.01.2029")
        await _settle(app, pilot)
        assert ui_repo.plans.get(record.id).follow_up_on == date(2029, 1, 15)
        assert "samtalen" not in str(hint.content)
        detail = ui_repo.conversations.detail(record.id)
        assert checklist(detail, content)[-1][0]


async def test_delete_an_action_after_confirming(make_app, org, ui_repo, packs) -> None:
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Take over the rota")
    kept = ui_repo.plans.add_action(goal.id, "Shadow the coordinator", owner="Jonas")
    doomed = ui_repo.plans.add_action(goal.id, "Read the old rotas", kind="formal")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        row = next(r for r in pane.query(ActionRow) if r.action.id == doomed.id)
        await _focus(pilot, row.description)
        await pilot.press("f8")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await _settle(app, pilot)
        assert len(ui_repo.plans.goal(goal.id).actions) == 2

        await pilot.press("f8")
        await pilot.press("y")
        await _settle(app, pilot)
        assert [a.id for a in ui_repo.plans.goal(goal.id).actions] == [kept.id]
        assert [r.action.id for r in pane.query(ActionRow)] == [kept.id]


async def test_signed_plan_keeps_its_title_but_actions_can_be_done(
    make_app, org, ui_repo, packs
) -> None:
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lead the morning huddle")
    action = ui_repo.plans.add_action(goal.id, "Run the Monday huddle")
    ui_repo.plans.sign(record.id, "person")
    ui_repo.plans.sign(record.id, "conductor")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        title = pane.query_one("#goal-title", AutosaveInput)
        assert title.disabled
        await pilot.click(title)
        await _type(pilot, "Changed")
        await pilot.press("ctrl+n")
        await _settle(app, pilot)
        assert ui_repo.plans.goal(goal.id).title == "Lead the morning huddle"
        assert len(ui_repo.plans.get(record.id).goals) == 1

        row = pane.query_one(ActionRow)
        assert row.description.disabled and row.query_one(Select).disabled
        await _focus(pilot, row.query_one(Checkbox))
        await pilot.press("space")
        await _settle(app, pilot)
        assert ui_repo.plans.goal(goal.id).actions[0].done
        assert ui_repo.plans.goal(goal.id).actions[0].id == action.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-05", date(2027, 3, 5)),
        ("5.3.2027", date(2027, 3, 5)),  # as Danes write it
        ("05.03.2027", date(2027, 3, 5)),
        ("5-3-2027", date(2027, 3, 5)),
        ("5/3/2027", date(2027, 3, 5)),
        ("", None),
    ],
)
def test_dates_are_read_iso_or_day_first(text, expected) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["5.3.27", "5.3-2027", "31.2.2027", "2027-3-5", "5.3.202"])
def test_half_typed_or_impossible_dates_are_no_dates(text) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


async def test_a_due_date_typed_day_first_is_saved(make_app, org, ui_repo, packs) -> None:
    """A Danish consultant types 5.3.2027: the dots are taken (they used to be dropped as
    typed, leaving 532027) and the date is saved once its year is whole."""
    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lær bookingsystemet")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        due = pane.query_one("#goal-due", DateInput)
        await _focus(pilot, due)
        await _type(pilot, "5.3.202")
        await _settle(app, pilot)
        assert due.value == "5.3.202" and ui_repo.plans.goal(goal.id).due_on is None
        await _type(pilot, "7")
        await _settle(app, pilot)
        assert ui_repo.plans.goal(goal.id).due_on == date(2027, 3, 5)
        assert not pane.query_one("#goal-due-error", Static).display


async def test_the_conversations_date_typed_day_first_is_saved(
    make_app, org, ui_repo, packs
) -> None:
    """The setup step's date: 24.11.2026 is taken as ISO is; a date that does not exist is
    said once the field is full, and nothing is written."""
    from textual.widgets import Input

    record = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2026, 11, 2)
    )
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_conversation(record.id)
        await _settle(app, pilot)
        field = app.screen.query_one("#setup-date", Input)
        error = app.screen.query_one("#setup-date-error", Static)
        field.focus()
        field.value = ""
        await _type(pilot, "31.11.2026")
        await _settle(app, pilot)
        assert "DD.MM.ÅÅÅÅ" in str(error.content)
        assert ui_repo.conversations.detail(record.id).conversation.held_on == date(2026, 11, 2)
        field.value = ""
        await _type(pilot, "24.11.2026")
        await _settle(app, pilot)
        assert str(error.content) == ""
        assert ui_repo.conversations.detail(record.id).conversation.held_on == date(2026, 11, 24)


async def test_a_goal_typed_right_after_ctrl_n_keeps_every_key(
    make_app, org, ui_repo, packs
) -> None:
    """ "ctrl+n Delegate the rota tab They plan it tab 1.3.2027" arriving together: the new
    goal gets its title, criterion and due date. The keys came while the goal was being
    made and were lost on the goal list."""
    from textual import events

    record = _at_plan(ui_repo, packs, org.employee.id)
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, record.id)
        keys = [("ctrl+n", None)] + [(c, c) for c in "Delegate the rota"] + [("tab", None)]
        keys += [(c, c) for c in "They plan it"] + [("tab", None)]
        keys += [(c, c) for c in "1.3.2027"] + [("ctrl+t", None)]
        keys += [(c, c) for c in "Shadow the coordinators"]
        for key, character in keys:  # all queued before the first is answered
            app.post_message(events.Key(key, character))
        await pilot.pause(0.5)
        await _settle(app, pilot)
        app.saver.flush()
        [goal] = ui_repo.plans.get(record.id).goals
        assert (goal.title, goal.success_criterion, goal.due_on) == (
            "Delegate the rota",
            "They plan it",
            date(2027, 3, 1),
        )
        assert [a.description for a in goal.actions] == ["Shadow the coordinators"]


async def test_keys_typed_while_a_new_action_waits_for_the_database_go_into_it(
    make_app, org, ui_repo, packs, db_file
) -> None:
    """ "ctrl+t Hand over the rota" while another program holds the database for two seconds:
    the keys wait for the new action's field, however long its write takes. They were let
    go after 1.5 s into the goal's title ("Delegate the rotaHand"); on a loaded machine the
    space typed next then overtook them ("␣Hand overthe rota" in an end-to-end walk)."""
    import sqlite3

    from textual import events

    record = _at_plan(ui_repo, packs, org.employee.id)
    app = make_app("en")
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            pane = await _open(app, pilot, record.id)
            for key, character in [("ctrl+n", None), *((c, c) for c in "Delegate the rota")]:
                app.post_message(events.Key(key, character))
            await _settle(app, pilot)
            assert app.saver.flush()
            locker.execute("BEGIN IMMEDIATE")
            for key, character in [("ctrl+t", None), *((c, c) for c in "Hand")]:
                app.post_message(events.Key(key, character))
            await pilot.pause(2.2)  # longer than a hold used to last
            assert not pane.query(ActionRow)  # the action is still being written
            locker.execute("ROLLBACK")
            for _ in range(100):
                await pilot.pause(0.05)
                if app.focused is not None and app.focused.has_class("action-description"):
                    break
            for character in " over the rota":
                app.post_message(events.Key("space" if character == " " else character, character))
            await _settle(app, pilot)
            assert app.saver.flush()
    finally:
        locker.close()
    [goal] = ui_repo.plans.get(record.id).goals
    assert goal.title == "Delegate the rota"
    assert [a.description for a in goal.actions] == ["Hand over the rota"]


async def test_a_new_goals_title_typed_while_it_waits_for_the_database_is_in_the_journal(
    make_app, org, ui_repo, packs, db_file
) -> None:
    """ctrl+n and "Delegate the rota" while another program holds SQLite's lock: the keys
    wait for the goal's title field, and the recovery journal (what a program killed now
    offers back at the next start) held only `{"op": "add_goal"}`, the title lost at
    kill -9. It now holds the title typed so far; once the lock goes, the goal gets the
    title once, and the journal is emptied."""
    import json
    import sqlite3

    from textual import events

    from pipeline_tui.recovery import Journal
    from pipeline_tui.tui.autosave import JOURNAL_AFTER

    record = _at_plan(ui_repo, packs, org.employee.id)
    app = make_app("en")
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _open(app, pilot, record.id)
            locker.execute("BEGIN IMMEDIATE")
            app.post_message(events.Key("ctrl+n", None))
            await pilot.pause(JOURNAL_AFTER + 0.4)  # the journal already written once
            for character in "Delegate the rotx":
                key = "space" if character == " " else character
                app.post_message(events.Key(key, character))
            app.post_message(events.Key("backspace", None))
            app.post_message(events.Key("a", "a"))
            await pilot.pause(0.5)
            assert not ui_repo.plans.get(record.id).goals  # still waiting for the lock
            kept = json.loads(app.journal.path.read_text(encoding="utf-8"))
            [entry] = Journal(app.journal.path).earlier(record.id)  # as the next start reads it
            assert entry.op.name == "add_goal", kept
            assert entry.op.args.get("title") == "Delegate the rota", kept
            assert entry.label == "New goal: “Delegate the rota”"
            locker.execute("ROLLBACK")
            for _ in range(100):
                await pilot.pause(0.05)
                if app.focused is not None and app.focused.id == "goal-title":
                    break
            await _settle(app, pilot)
            assert app.saver.flush()
            await _settle(app, pilot)
            assert (
                not app.journal.path.exists() or Journal(app.journal.path).earlier(record.id) == []
            )
    finally:
        locker.close()
    [goal] = ui_repo.plans.get(record.id).goals
    assert goal.title == "Delegate the rota"


async def test_a_title_typed_while_the_lock_outlasts_the_hold_reaches_the_goal(
    make_app, org, ui_repo, packs, db_file, monkeypatch
) -> None:
    """ctrl+n and "Delegate the rota" while another program held SQLite's lock longer than
    the keys were held (6 s; the lock may last 15): the held keys were let go onto the goal
    list, which types nothing, and once the lock went the goal was made without a title,
    the typing lost (seen in tmux with a second process holding the lock). The text now
    stays held for the title; a key that types nothing (esc) is let go at once then."""
    import sqlite3

    from textual import events

    from pipeline_tui.tui.widgets import type_ahead

    monkeypatch.setattr(type_ahead, "HOLD_LONGEST", 0.6)  # the lock outlasts the hold
    record = _at_plan(ui_repo, packs, org.employee.id)
    app = make_app("en")
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _open(app, pilot, record.id)
            locker.execute("BEGIN IMMEDIATE")
            app.post_message(events.Key("ctrl+n", None))
            for character in "Delegate the":
                key = "space" if character == " " else character
                app.post_message(events.Key(key, character))
            await pilot.pause(1.2)  # past the hold's longest, the lock still held
            for character in " rota":
                key = "space" if character == " " else character
                app.post_message(events.Key(key, character))
            await pilot.pause(0.3)
            assert not ui_repo.plans.get(record.id).goals  # still waiting for the lock
            locker.execute("ROLLBACK")
            for _ in range(100):
                await pilot.pause(0.05)
                if app.focused is not None and app.focused.id == "goal-title":
                    break
            await _settle(app, pilot)
            assert app.saver.flush()
            await _settle(app, pilot)
    finally:
        locker.close()
    [goal] = ui_repo.plans.get(record.id).goals
    assert goal.title == "Delegate the rota"


async def test_esc_on_a_dropdown_or_a_tick_box_goes_back_to_the_goals(
    make_app, org, ui_repo, packs
) -> None:
    """Esc on an action's kind (tabbed to from its description), on a goal's status or on
    an action's tick box closed the whole conversation; in a text field it went back to
    the goals. It goes back to the goals from all of them; Esc there leaves."""
    from pipeline_tui.tui.screens.conversation import ConversationScreen
    from pipeline_tui.tui.widgets.goal_list import GoalList

    record = _at_plan(ui_repo, packs, org.employee.id)
    goal = ui_repo.plans.add_goal(record.id, "Lead the morning huddle")
    ui_repo.plans.add_action(goal.id, "Run the Monday huddle", owner=org.employee.name)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        row = pane.query_one(ActionRow)
        for field in (
            row.query_one(".action-description", AutosaveInput),
            row.query_one(".action-kind", Select),
            row.query_one(".action-done", Checkbox),
            pane.query_one("#goal-status", Select),
        ):
            await _focus(pilot, field)
            assert app.focused is field
            await pilot.press("escape")
            await _settle(app, pilot)
            assert isinstance(app.screen, ConversationScreen), field
            assert isinstance(app.focused, GoalList), (field, app.focused)
        await pilot.press("escape")
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConversationScreen)


async def test_a_goal_pasted_right_after_ctrl_n_becomes_its_title(
    make_app, org, ui_repo, packs
) -> None:
    """ctrl+n and the goal pasted from a mail at once: the paste came while the goal was
    being made, went to the goal list, which takes no paste, and was lost; the goal was
    left without a title. With the cursor in another goal's title, it went in there."""
    from textual import events

    from pipeline_tui.tui.widgets.autosave_text import AutosaveInput

    record = _at_plan(ui_repo, packs, org.employee.id)
    ui_repo.plans.add_goal(record.id, "Første mål")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(app, pilot, record.id)
        title = app.screen.query_one("#goal-title", AutosaveInput)

        async def new_goal_pasted(pasted: str, shown: str) -> None:
            app.post_message(events.Key("ctrl+n", None))
            app.post_message(events.Paste(pasted))  # read before ctrl+n was answered
            await until(pilot, lambda: app.focused is title and title.value == shown, shown)
            await _settle(app, pilot)

        await new_goal_pasted(
            "Uddeleger vagtplanen\ntil to koordinatorer",
            "Uddeleger vagtplanen til to koordinatorer",
        )
        await new_goal_pasted("Holde 1:1 hver måned", "Holde 1:1 hver måned")  # from the title
        app.saver.flush()
    titles = [goal.title for goal in ui_repo.plans.get(record.id).goals]
    assert titles == [
        "Første mål",
        "Uddeleger vagtplanen til to koordinatorer",
        "Holde 1:1 hver måned",
    ]


async def test_a_low_rating_suggestion_does_not_read_as_an_order(make_app, org, ui_repo, packs):
    """A suggestion from a low rating was labelled "Lav vurdering · Lederens leder 2 · selv 3",
    which a Dane reads as "Make an assessment"; it says "Lavt vurderet"."""
    record = _at_plan(ui_repo, packs, org.leader.id)
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    for index, expectation in enumerate(content.ordered_expectations()):
        score = 1 if index == 0 else 3
        ui_repo.conversations.set_rating(record.id, expectation.id, "self", score=score)
        ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=score)
    ui_repo.conversations.update(record.id, revealed=True)

    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open(app, pilot, record.id)
        shown = str(pane.query_one("#plan-suggestions", OptionList).get_option_at_index(0).prompt)
        assert "Lavt vurderet · " in shown, shown
        assert "Lav vurdering" not in shown
