"""Guarantee 3 of issue 7, conflicting edits: a change made in another session is never
silently overwritten.

The app (Pilot, a real database file) has a conversation open; another session,
a second repository on the same file as a second open app would have, changes a
text field behind its back. When the user then edits the same field, the save
is refused by the repository's check, the app shows both versions, and what the
user chooses (keep mine, keep theirs, keep both) is what ends up in the database.
Covered: a goal title and who conducts the conversation (one line), the plan
summary, a card note and a rating comment (text areas). The other session is a
repository: two apps cannot run side by side under Pilot in one process (they
share Textual's `active_app`, so one app's writes would go to the other's queue).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pilot_helpers import paste, screen_text, settle
from textual.widgets import Static

from pipeline_tui import services
from pipeline_tui.store.repository import Repository, open_repository
from pipeline_tui.tui.dialogs.conflict import ConflictScreen
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.steps.cards import PLAY, CardsPane
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput, AutosaveTextArea
from pipeline_tui.tui.widgets.card_sheet import CardSheet


@pytest.fixture
def other(db_file: str, ui_repo: Repository) -> Iterator[Repository]:
    """Another session on the same database file (a second open app, another terminal)."""
    repository = open_repository(db_file)
    yield repository
    repository.close()


@dataclass
class Field:
    """One kind of text field: how to set it up, reach it, change it elsewhere, read it back."""

    step: str
    before: str
    theirs: str
    typed: str  # appended to `before` by the user
    both: str  # what "keep both" stores: theirs first, then mine
    prepare: Callable[[Repository, Any, int], Any]  # -> the row's key, written with `before`
    reach: Callable[[Any, Any], Any]  # async (app, pilot) -> the focused field
    write_elsewhere: Callable[[Repository, int, Any, str], None]
    stored: Callable[[Repository, int, Any], str]


def _first_expectation(repo: Repository, conversation_id: int) -> str:
    detail = repo.conversations.detail(conversation_id)
    return services.conversation_content(detail).ordered_expectations()[0].id


def _prepare_goal(repo: Repository, _packs, conversation_id: int) -> int:
    return repo.plans.add_goal(conversation_id, "Uddeleger vagtplanen").id


async def _reach_goal_title(app, pilot) -> AutosaveInput:
    title = app.screen.query_one("#goal-title", AutosaveInput)
    title.focus()
    await pilot.pause()
    title.action_end()
    return title


def _prepare_summary(repo: Repository, _packs, conversation_id: int) -> None:
    repo.plans.update(conversation_id, summary="Et godt år")


async def _reach_summary(app, pilot) -> AutosaveTextArea:
    summary = app.screen.query_one("#plan-summary", AutosaveTextArea)
    summary.focus()
    await pilot.pause()
    summary.move_cursor(summary.document.end)
    return summary


def _prepare_comment(repo: Repository, _packs, conversation_id: int) -> str:
    expectation = _first_expectation(repo, conversation_id)
    repo.conversations.set_rating(conversation_id, expectation, "self", score=2)
    repo.conversations.set_rating_comment(conversation_id, expectation, "self", "Jeg gør for meget")
    return expectation


async def _reach_comment(app, pilot) -> AutosaveTextArea:
    await pilot.press("c")  # comment on the highlighted (first) expectation
    comment = app.screen.query_one("#exp-comment", AutosaveTextArea)
    assert comment.has_focus
    comment.move_cursor(comment.document.end)
    return comment


def _comment_of(repo: Repository, conversation_id: int, expectation: str) -> str:
    detail = repo.conversations.detail(conversation_id)
    (rating,) = [r for r in detail.ratings if r.expectation_id == expectation and r.rater == "self"]
    return rating.comment


def _prepare_card(repo: Repository, _packs, conversation_id: int) -> int:
    """Notes on the first card on the table (always included in the deck), once both parties
    have picked the minimum the rules ask for (the cards are not played before)."""
    content = services.conversation_content(repo.conversations.detail(conversation_id))
    deck = content.deck
    free = iter(c.id for c in deck.cards if c.id not in deck.rules.always_included)
    for party, rule in deck.rules.picks.items():
        for _ in range(rule.min):
            services.pick_card(repo, content, conversation_id, next(free), party)
    first = min(repo.conversations.detail(conversation_id).picks, key=lambda p: p.position)
    repo.conversations.set_card_text(first.id, "notes", "Året gik godt")
    return first.id


async def _reach_card_note(app, pilot) -> AutosaveTextArea:
    pane = app.screen.query_one(CardsPane)
    if pane.mode != PLAY:
        await pilot.press("p")
        await settle(app, pilot)
    await pilot.press("enter")  # into the selected card's notes
    notes = pane.query_one(CardSheet).field("notes")
    assert notes.has_focus
    notes.move_cursor(notes.document.end)
    return notes


def _note_of(repo: Repository, conversation_id: int, pick_id: int) -> str:
    (pick,) = [p for p in repo.conversations.detail(conversation_id).picks if p.id == pick_id]
    return pick.notes


def _prepare_conductor(repo: Repository, _packs, conversation_id: int) -> None:
    repo.conversations.update(conversation_id, conducted_by="Mette Holm")


async def _reach_conductor(app, pilot) -> AutosaveInput:
    conductor = app.screen.query_one("#setup-conducted-by", AutosaveInput)
    conductor.focus()
    await pilot.pause()
    conductor.action_end()
    return conductor


FIELDS = {
    "goal title": Field(
        step="plan",
        before="Uddeleger vagtplanen",
        theirs="Uddeleger vagtplanen til de to koordinatorer",
        typed=" fra januar",
        # one line stays one line: both versions side by side
        both="Uddeleger vagtplanen til de to koordinatorer / Uddeleger vagtplanen fra januar",
        prepare=_prepare_goal,
        reach=_reach_goal_title,
        write_elsewhere=lambda repo, _c, goal, text: repo.plans.update_goal(goal, title=text),
        stored=lambda repo, _c, goal: repo.plans.goal(goal).title,
    ),
    "conducted by": Field(
        step="setup",
        before="Mette Holm",
        theirs="Mette Holm og Søren Ærø (HR)",
        typed=", centerchef",
        both="Mette Holm og Søren Ærø (HR) / Mette Holm, centerchef",
        prepare=_prepare_conductor,
        reach=_reach_conductor,
        write_elsewhere=lambda repo, c, _key, text: repo.conversations.update(c, conducted_by=text),
        stored=lambda repo, c, _key: repo.conversations.get(c).conducted_by,
    ),
    "plan summary": Field(
        step="plan",
        before="Et godt år",
        theirs="Et godt år med mange nye kolleger",
        typed=" – og en travl vinter",
        both="Et godt år med mange nye kolleger\n\nEt godt år – og en travl vinter",
        prepare=_prepare_summary,
        reach=_reach_summary,
        write_elsewhere=lambda repo, c, _key, text: repo.plans.update(c, summary=text),
        stored=lambda repo, c, _key: repo.plans.get(c).summary,
    ),
    "rating comment": Field(
        step="expectations",
        before="Jeg gør for meget",
        theirs="Jeg gør for meget selv, siger Mette",
        typed=" selv med vagtplanen",
        both="Jeg gør for meget selv, siger Mette\n\nJeg gør for meget selv med vagtplanen",
        prepare=_prepare_comment,
        reach=_reach_comment,
        write_elsewhere=lambda repo, c, exp, text: repo.conversations.set_rating_comment(
            c, exp, "self", text
        ),
        stored=_comment_of,
    ),
    "card note": Field(
        step="cards",
        before="Året gik godt",
        theirs="Året gik godt, trods flytningen",
        typed=" og teamet voksede",
        both="Året gik godt, trods flytningen\n\nÅret gik godt og teamet voksede",
        prepare=_prepare_card,
        reach=_reach_card_note,
        write_elsewhere=lambda repo, _c, pick, text: repo.conversations.set_card_text(
            pick, "notes", text
        ),
        stored=_note_of,
    ),
}

CHOICES = ("mine", "theirs", "both")
# Every choice on a one-line field and a text area; the others with "both", which
# writes again over the other session's version (the path that must pass the check).
CASES = [(name, choice) for name in ("goal title", "plan summary") for choice in CHOICES] + [
    (name, "both") for name in FIELDS if name not in ("goal title", "plan summary")
]


@pytest.mark.parametrize(("name", "choice"), CASES)
async def test_a_change_made_elsewhere_is_not_overwritten(
    make_app, org, ui_repo, other, packs, name: str, choice: str
) -> None:
    """Guarantee 3 (conflicting edits): another session changed the field meanwhile: the save is
    refused, both versions are shown, and keep mine / theirs / both is what is stored."""
    field = FIELDS[name]
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    key = field.prepare(ui_repo, packs, record.id)
    ui_repo.conversations.update(record.id, step=field.step)
    mine = field.before + field.typed

    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        assert isinstance(app.screen, ConversationScreen) and app.screen.step == field.step
        widget = await field.reach(app, pilot)
        assert (widget.value if isinstance(widget, AutosaveInput) else widget.text) == field.before

        field.write_elsewhere(other, record.id, key, field.theirs)  # behind the app's back
        await paste(app, pilot, field.typed)
        await settle(app, pilot)

        dialog = app.screen
        assert isinstance(dialog, ConflictScreen), "the user was not told about the conflict"
        assert field.stored(other, record.id, key) == field.theirs  # not silently overwritten
        shown = [str(w.render()) for w in dialog.query(".conflict-text").results(Static)]
        assert shown == [field.theirs, mine]

        await pilot.click(f"#{choice}")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConflictScreen)

    expected = {"mine": mine, "theirs": field.theirs, "both": field.both}[choice]
    assert field.stored(other, record.id, key) == expected


async def test_no_conflict_without_a_change_elsewhere(make_app, org, ui_repo, packs) -> None:
    """Guarantee 3 (conflicting edits): the check does not cry wolf: typing on and on in one
    session, its own earlier saves never count as a change made elsewhere."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    goal = ui_repo.plans.add_goal(record.id, "Uddeleger")
    ui_repo.conversations.update(record.id, step="plan")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        title = await _reach_goal_title(app, pilot)
        for word in (" vagtplanen", " til", " koordinatorerne"):
            await paste(app, pilot, word)
            await settle(app, pilot)  # each word saved before the next is typed
        assert not isinstance(app.screen, ConflictScreen)
        assert title.value == "Uddeleger vagtplanen til koordinatorerne"
    assert ui_repo.plans.goal(goal.id).title == "Uddeleger vagtplanen til koordinatorerne"


@pytest.mark.parametrize(
    ("choices", "keys", "chosen"),
    [
        (("theirs", "mine"), ("right",), "mine"),  # a rating: theirs is the default
        (("theirs", "mine"), ("right", "right", "left"), "theirs"),
        (("theirs", "both", "mine"), ("right",), "mine"),  # a text: both is the default
        (("theirs", "both", "mine"), ("left",), "theirs"),
        (("theirs", "both", "mine"), ("left", "left", "right"), "both"),
    ],
)
async def test_the_arrows_move_between_the_choices(make_app, org, choices, keys, chosen) -> None:
    """The choices stand side by side, but → did nothing: → then Enter, meant as "keep
    mine", kept theirs (the default) and the user's rating was given up."""
    app = make_app("en")
    answers: list[str | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(ConflictScreen("a rating", "3", "4", choices=choices), answers.append)
        await pilot.pause()
        await pilot.press(*keys, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
    assert answers == [chosen]


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_f1_on_a_conflict_names_esc_as_the_choice_it_makes(
    make_app, org, ui_repo, other, packs, lang
) -> None:
    """F1 on "Changed elsewhere" listed no key of the dialog, only "–", though Esc chooses
    (keeps both versions of a text): Esc is now named as the button it presses, Esc closes
    the help back to the dialog, and Esc there keeps both."""
    from pipeline_tui.tui.i18n import t
    from pipeline_tui.tui.screens.help import HelpScreen

    field = FIELDS["goal title"]
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    key = field.prepare(ui_repo, packs, record.id)
    ui_repo.conversations.update(record.id, step=field.step)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        app.open_conversation(record.id)
        await settle(app, pilot)
        await field.reach(app, pilot)
        field.write_elsewhere(other, record.id, key, field.theirs)  # behind the app's back
        await paste(app, pilot, field.typed)
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen)
        focused = app.focused
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [line.strip(" │") for line in screen_text(app).splitlines()]
        keep_both = t("conflict.keep_both")
        assert any(line.startswith("esc") and line.endswith(keep_both) for line in lines), lines
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is dialog and app.focused is focused
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConflictScreen)
    assert field.stored(other, record.id, key) == field.both
