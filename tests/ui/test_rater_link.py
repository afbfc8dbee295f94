"""A 360° rater's link (issue 18): the app shows one rating form for one opaque rater of a
leadership evaluation, and nothing else.

The leader's own and the manager's ratings and comments, another peer's answers, the plan
and other people are all in the database; no key, palette command or call of the app
reaches any of it. Each answer is in the database the moment it is given; "done" closes
the link for good and thanks the rater.
"""

from __future__ import annotations

import sqlite3

import pytest
from pilot_helpers import paste, screen_text, settle, until
from textual.widgets import Static, TextArea

from pipeline_tui import services
from pipeline_tui.config import Settings
from pipeline_tui.records import RaterAnswer
from pipeline_tui.store.feedback import stored_answers
from pipeline_tui.store.invitations import AccessError
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.screens.rater import RaterScreen, ThanksScreen
from pipeline_tui.tui.services import Services

SELF_NOTE = "LEDERENS-EGEN-NOTE"
MANAGER_NOTE = "CHEFENS-NOTE"
PEER_NOTE = "ANDEN-KOLLEGAS-NOTE"
PLAN_TEXT = "PLANENS-RESUME"
SIZE = (120, 40)


def evaluation_with_everything(ui_repo, packs, org):
    """Anna's leadership evaluation with her own and her manager's ratings and notes, a plan
    summary and another peer's answers; Jonas's MUS; and a peer's link for Anna's."""
    pack = packs.default
    talk = services.start_conversation(ui_repo, pack, org.leader.id, kind="evaluation")
    content = services.conversation_content(ui_repo.conversations.detail(talk.id))
    first = content.ordered_expectations()[0].id
    for party, note, score in (("self", SELF_NOTE, 5), ("manager", MANAGER_NOTE, 2)):
        ui_repo.conversations.set_rating(talk.id, first, party, score=score)
        ui_repo.conversations.set_rating_comment(talk.id, first, party, note)
    ui_repo.plans.update(talk.id, summary=PLAN_TEXT)
    other, _ = services.invite_rater(ui_repo, packs, pack, talk.id, "peer", days=14)
    ui_repo.invitations.answer(other.id, first, rating=(1, False), comment=PEER_NOTE)
    services.start_conversation(ui_repo, pack, org.employee.id)
    invitation, _token = services.invite_rater(ui_repo, packs, pack, talk.id, "peer", days=14)
    return talk, content, invitation


def rater_app(ui_repo, packs, db_file, invitation, language: str = "da") -> PipelineApp:
    settings = Settings(db=db_file, language=language)
    return PipelineApp(
        Services.ready_made(settings, ui_repo, packs), remember=False, preparation=invitation
    )


async def opened(app, pilot) -> RaterScreen:
    await until(
        pilot,
        lambda: isinstance(app.screen, RaterScreen) and app.screen.form is not None,
        "the rating form",
    )
    await settle(app, pilot)
    return app.screen


async def test_answers_are_stored_as_given_and_nothing_else_is_reachable(
    ui_repo, packs, db_file, org
) -> None:
    talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    first, second, third = (e.id for e in content.ordered_expectations()[:3])
    app = rater_app(ui_repo, packs, db_file, invitation)
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        text = screen_text(app)
        seen.append(text)
        assert "Anna Berg" in text and content.layer.name.get("da") in text
        assert "kollega" in text and "anonyme" in text
        assert f"Besvaret 0 af {len(content.expectations)}" in text
        assert "Kommentar" in text and "Bedøm" in text  # the keys, in Danish
        # What a colleague can see Anna do, not the description that speaks to Anna herself.
        shown = content.ordered_expectations()[0]
        assert "Det kan du have set Anna Berg gøre" in text
        assert shown.indicators[0].get("da")[:40] in text
        assert shown.description.get("da")[:30] not in text

        await pilot.press("4")  # rated, and on to the next
        await settle(app, pilot)
        assert ui_repo.invitations.form(invitation.id).answers == {first: RaterAnswer(4)}
        await pilot.press("x")  # not observed
        await pilot.press("c")
        await pilot.press(*"Lytter godt")
        await pilot.press("escape")  # leaves the comment: saved at once
        await pilot.press("9")  # not on the scale: nothing
        await settle(app, pilot)
        seen.append(screen_text(app))
        assert ui_repo.invitations.form(invitation.id).answers == {
            first: RaterAnswer(4),
            second: RaterAnswer(None, True, ""),
            third: RaterAnswer(None, False, "Lytter godt"),
        }
        assert "Besvaret 2 af" in screen_text(app)

        # Every way elsewhere: keys of other screens, the palette, the app's own calls.
        for key in ("r", "v", "f2", "f3", "f6", "ctrl+o", "ctrl+n", "ctrl+left", "ctrl+right"):
            await pilot.press(key)
            await settle(app, pilot)
            seen.append(screen_text(app))
        await pilot.press("ctrl+p")
        await pilot.pause()
        for query in ("Jonas", "Mette", "overblik", "plan"):
            await pilot.press(*query)
            await pilot.pause(0.3)
            seen.append(screen_text(app))
            await pilot.press(*["backspace"] * len(query))
        await pilot.press("escape")
        await settle(app, pilot)
        app.open_person(org.employee.id)
        app.open_conversation(talk.id)
        app.open_overview()
        app.open_content_browser()
        app.go_home()
        app.print_plan(talk.id)
        await settle(app, pilot)
        seen.append(screen_text(app))
        said = {notice.message for notice in app._notifications}
        assert "Her giver du kun feedback til denne leder." in said
        stack = [type(s).__name__ for s in app.screen_stack]
        assert stack[1:] == ["RaterScreen"], stack

    everything = "\n".join(seen)
    for secret in (SELF_NOTE, MANAGER_NOTE, PEER_NOTE, PLAN_TEXT, "Jonas Friis", "Mette Holm"):
        assert secret not in everything, secret
    connection = sqlite3.connect(db_file)
    try:
        keys = [key for (key,) in connection.execute("SELECT rater_key FROM feedback_rater")]
    finally:
        connection.close()
    assert len(keys) == 2 and not any(key in everything for key in keys)
    # The leader's and the manager's ratings are as they were; the other peer's answer too.
    detail = ui_repo.conversations.detail(talk.id)
    assert sorted((r.rater, r.score) for r in detail.ratings) == [("manager", 2), ("self", 5)]
    rates = ui_repo.feedback.response_rates([talk.id])
    assert [(r.asked, r.answered) for r in rates] == [(2, 2)]


async def test_done_saves_what_was_typed_closes_the_link_and_thanks_the_rater(
    ui_repo, packs, db_file, org
) -> None:
    talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    first = content.ordered_expectations()[0].id
    app = rater_app(ui_repo, packs, db_file, invitation, language="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        assert "You give feedback as a peer" in screen_text(app)
        await pilot.press("c")
        await pilot.press(*"Gives room")  # still typing: not saved yet
        await pilot.press("escape", "d")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        assert "answered 0 of" in screen_text(app)
        await pilot.press("n")  # not yet
        await settle(app, pilot)
        assert app.screen is screen
        await pilot.press("3")
        await pilot.click("#rater-done")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ThanksScreen), "the thanks")
        await settle(app, pilot)
        assert "Thank you" in screen_text(app) and "You can close" in screen_text(app)
        for key in ("3", "c", "d", "escape"):  # nothing left to do here
            await pilot.press(key)
        await settle(app, pilot)
        assert isinstance(app.screen, ThanksScreen)
    with pytest.raises(AccessError) as closed:
        ui_repo.invitations.get(invitation.id)
    assert closed.value.reason == "done"
    rates = ui_repo.feedback.response_rates([talk.id])
    assert [(r.asked, r.answered) for r in rates] == [(2, 2)]
    with ui_repo.transaction() as tx:
        answers = stored_answers(tx.session, talk.id)
    assert sorted((a.expectation_id, a.score, a.comment) for a in answers) == [
        (first, 1, PEER_NOTE),  # the other peer's
        (first, 3, "Gives room"),  # this rater's: the comment typed just before "done"
    ]


async def test_a_link_revoked_while_open_ends_the_session_with_everything_saved(
    ui_repo, packs, db_file, org, monkeypatch
) -> None:
    from pipeline_tui.tui.screens import rater

    monkeypatch.setattr(rater, "LINK_INTERVAL", 0.3)
    talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    app = rater_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("2")
        ui_repo.invitations.revoke(talk.id)
        await until(pilot, lambda: app.return_code is not None, "the session to end")
    assert app.return_code == 0
    assert "virker ikke" in app.exit_message
    with pytest.raises(AccessError):
        ui_repo.invitations.form(invitation.id)
    with ui_repo.transaction() as tx:
        answers = stored_answers(tx.session, talk.id)
    first = content.ordered_expectations()[0].id
    assert sorted((a.expectation_id, a.score) for a in answers) == [(first, 1), (first, 2)]


async def test_a_rater_who_comes_back_finds_their_own_answers_and_only_those(
    ui_repo, packs, db_file, org
) -> None:
    _talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    first, second = (e.id for e in content.ordered_expectations()[:2])
    ui_repo.invitations.answer(invitation.id, second, rating=(4, False), comment="Tydelig")
    app = rater_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        assert screen.answers == {second: RaterAnswer(4, False, "Tydelig")}
        assert "Besvaret 1 af" in screen_text(app)
        assert screen.current == first  # the other peer's 1 on it is not theirs
        assert "▶ 1" not in screen_text(app)
        await pilot.press("down")
        await settle(app, pilot)
        assert screen.current == second
        text = screen_text(app)
        assert "▶ 4" in text and "Tydelig" in text


async def test_the_rater_who_switches_language_gets_the_whole_form_in_it(
    ui_repo, packs, db_file, org
) -> None:
    """A peer who reads English switches with the palette ("Language · Sprog"): the
    notice and the footer spoke English, the form stayed Danish (whom they rate, the
    anonymity note, the statements, the scale, "Færdig"), and the statements rated since
    came in English among Danish ones. The whole form now follows, where the rater is."""
    _talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    first, second = content.ordered_expectations()[:2]
    app = rater_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("4")  # the first rated; on to the second
        await settle(app, pilot)
        assert "Besvaret 1 af" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"English", "enter")
        await until(pilot, lambda: app.screen is screen, "the form again")
        await settle(app, pilot)
        text = screen_text(app)
        layer = content.layer.name
        assert "You give feedback as a peer of Anna Berg" in text
        assert layer.get("en") in text and layer.get("da") not in text
        assert "Your answers are anonymous" in text and "anonyme" not in text
        assert f"Answered 1 of {len(content.expectations)}" in text
        for expectation in (first, second):  # rated and not yet rated
            assert expectation.title.get("en") in text
            assert expectation.title.get("da") not in text
        for dimension, _items in content.by_dimension():
            assert dimension.name.get("en") in text
        assert content.scale.levels[0].label.get("en") in text
        assert content.scale.not_observed.label.get("en") in text
        assert "Your comment (optional)" in text and "Done" in text
        assert "Færdig" not in text and "Besvaret" not in text
        assert "What you may have seen Anna Berg do" in text
        assert screen.current == second.id  # where the rater was
        await pilot.press("3")  # and rating goes on from there
        await settle(app, pilot)
        assert ui_repo.invitations.form(invitation.id).answers == {
            first.id: RaterAnswer(4),
            second.id: RaterAnswer(3),
        }
        assert f"Answered 2 of {len(content.expectations)}" in screen_text(app)
        await pilot.press("d")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ThanksScreen), "the thanks")
        thanks = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"dansk", "enter")
        await until(pilot, lambda: app.screen is thanks, "the thanks again")
        await settle(app, pilot)
        assert "Tak for din feedback" in screen_text(app)
        assert "Thank you" not in screen_text(app)


async def test_a_long_statement_wraps_under_its_text_at_80x24(ui_repo, packs, db_file, org) -> None:
    """At 80x24 the list of statements is narrow: a title that wraps went on at the list's
    edge, under the answer's mark ("·  Planlægger bemanding og" / "ressourcer"), so the
    mark column read as a word; it now goes on under the title."""
    from textual.widgets import OptionList

    _talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    app = rater_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("4")  # a mark that is a figure, not the dot
        await settle(app, pilot)
        listing = screen.query_one("#rater-list", OptionList)
        region = listing.content_region
        lines = [line[region.x : region.right] for line in screen_text(app).splitlines()]
        titles = [e.title.get("da") for e in content.ordered_expectations()]
        wrapped = 0
        for number in range(region.y, region.bottom - 1):
            line, after = lines[number], lines[number + 1]
            start = next((line.find(t[:12]) for t in titles if t[:12] in line), -1)
            whole = any(t in line for t in titles)
            if start < 0 or whole or not after.strip():
                continue
            wrapped += 1
            assert after[:start].strip() == "" and after[start] != " ", (line, after)
        assert wrapped, "no statement wrapped: the test shows nothing"


@pytest.mark.parametrize(
    ("lang", "says"), [("da", "højst være på 4000 tegn"), ("en", "at most 4000")]
)
async def test_a_comment_pasted_beyond_what_a_comment_holds_is_cut_and_saved(
    ui_repo, packs, db_file, org, lang, says
) -> None:
    """A long text pasted into the comment (4,160 characters) was refused whole with a
    notice in English under Danish ("Ikke gemt: a comment holds at most 4000 characters"),
    while the field went on showing it all and the statement its ✎: "done" then closed
    the link without it. The field now keeps the first 4000 characters, saves them and
    says so in the rater's language."""
    from pipeline_tui.core.feedback import MAX_COMMENT

    _talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    first = content.ordered_expectations()[0].id
    app = rater_app(ui_repo, packs, db_file, invitation, language=lang)
    pasted = "Lang kommentar. " * 260
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("c")
        await paste(app, pilot, pasted)
        await pilot.press("escape")  # leaves the comment: saved at once
        await settle(app, pilot)
        field = screen.query_one("#rater-comment", TextArea)
        assert field.text == pasted[:MAX_COMMENT]
        notices = " ".join(str(n.message) for n in app._notifications)
        assert says in notices and "a comment holds" not in notices, notices
        await pilot.press("d")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the question")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ThanksScreen), "the thanks")
    with ui_repo.transaction() as tx:
        answers = stored_answers(tx.session, _talk.id)
    mine = [a.comment for a in answers if a.expectation_id == first and a.comment != PEER_NOTE]
    assert mine == [pasted[:MAX_COMMENT]]


async def test_a_click_on_a_level_of_the_scale_rates_the_statement(
    ui_repo, packs, db_file, org
) -> None:
    """A rater in a browser clicks the level they mean ("4  Over forventning"): the scale
    took no click, only the keys rated. A click now rates the statement shown, and moves on
    to the next as the key does; a comment being typed is saved first."""
    _talk, content, invitation = evaluation_with_everything(ui_repo, packs, org)
    first, second, third = (e.id for e in content.ordered_expectations()[:3])
    app = rater_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        assert "Over forventning" in str(screen.query_one("#rater-level-4", Static).content)
        await pilot.click("#rater-level-4")
        await settle(app, pilot)
        assert screen.current == second
        await pilot.press("c", *"Ser det sjældent")  # typing a comment, then the mouse
        await pilot.click("#rater-level-none")
        await settle(app, pilot)
        assert screen.current == third
        await pilot.press("up")  # back to the second: its choice is marked
        await settle(app, pilot)
        assert "▶ 0" in str(screen.query_one("#rater-level-none", Static).content)
        assert "▶" not in str(screen.query_one("#rater-level-4", Static).content)
    assert ui_repo.invitations.form(invitation.id).answers == {
        first: RaterAnswer(4),
        second: RaterAnswer(None, True, "Ser det sjældent"),
    }


async def test_f6_in_an_evaluation_asks_for_whom_and_gives_a_rater_link(
    make_app, ui_repo, packs, org
) -> None:
    """From the setup step of a leadership evaluation, F6 asks for whom the link is: the
    leader's own preparation or one rater of each group the evaluation asks; a peer's link
    is a new anonymous rater's, opening that rater's form. Esc asks nothing."""
    import re

    from pipeline_tui.tui.dialogs.choice import ChoiceScreen
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

    talk = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="evaluation")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the choice")
        await settle(app, pilot)
        text = screen_text(app)
        for label in ("The leader's own preparation", "A peer", "A direct report", "Cancel"):
            assert label in text, text
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen) and ui_repo.invitations.list(talk.id) == []

        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the choice")
        await pilot.press("down", "enter")  # the first is the leader's; then a peer
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the link")
        await settle(app, pilot)
        assert "Link for a peer" in screen_text(app)
        token = re.search(r"/s/([A-Za-z0-9_-]+)", app.screen.question).group(1)
        invitation = ui_repo.invitations.check(token)
        assert invitation.conversation_id == talk.id
        form = ui_repo.invitations.form(invitation.id)
        assert (form.group, form.person_name, form.answers) == ("peer", "Anna Berg", {})
        await pilot.press("escape")
        await settle(app, pilot)


@pytest.mark.parametrize(("lang", "says"), [("da", "mindst 5 i den"), ("en", "at least 5 people")])
async def test_f6_says_the_threshold_the_evaluations_content_sets(
    make_app, ui_repo, packs, org, db_file, lang, says
) -> None:
    """A pack may show a group only from 5 raters (`min_raters: 5`); the choice of whom a
    link is for told the consultant a group shows once three have answered, where the
    rater's own form and the printed plan say 5."""
    from pipeline_tui.tui.dialogs.choice import ChoiceScreen

    talk = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="evaluation")
    with sqlite3.connect(db_file) as connection:
        connection.execute(
            "UPDATE content_snapshot SET texts = json_set(texts, '$.scale.min_raters', 5)"
        )
    connection.close()
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the choice")
        await settle(app, pilot)
        text = " ".join(screen_text(app).replace("│", " ").split())
        assert says in text, text
        assert "tre i den" not in text and "three people" not in text


async def test_f6_in_a_mus_gives_the_preparation_link_at_once(make_app, ui_repo, packs, org):
    """A conversation that asks no one else: no question, the employee's link at once."""
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

    talk = services.start_conversation(ui_repo, packs.default, org.employee.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the link")
        assert [i.party for i in ui_repo.invitations.list(talk.id)] == ["self"]


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_f1_on_the_link_names_its_buttons(make_app, ui_repo, packs, org, lang) -> None:
    """F1 on the link's dialog (buttons Copy and Close) said "y/j Yes" and "n/esc No": the
    keys are named as the buttons they press."""
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
    from pipeline_tui.tui.i18n import t
    from pipeline_tui.tui.screens.help import HelpScreen

    talk = services.start_conversation(ui_repo, packs.default, org.employee.id)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the link")
        await settle(app, pilot)
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [line.strip(" │") for line in screen_text(app).splitlines()]
        assert any(line.startswith("y/j") and line.endswith(t("invite.copy")) for line in lines)
        assert any(line.startswith("n/esc") and line.endswith(t("invite.close")) for line in lines)
        assert not any(line.endswith(t("key.confirm.yes")) for line in lines), lines
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_f6_on_a_conversation_already_held_says_so_at_once(
    make_app, ui_repo, packs, org, lang
) -> None:
    """F6 on an evaluation whose day has passed asked for whom the link was, then said
    "Not saved: conversation 1 has been held: ..." in English whatever the language. It now
    says at once, in the app's language, that a held conversation takes no more links."""
    from datetime import timedelta

    from pipeline_tui import clock
    from pipeline_tui.tui.dialogs.choice import ChoiceScreen
    from pipeline_tui.tui.i18n import t

    yesterday = clock.today() - timedelta(days=1)
    talk = services.start_conversation(
        ui_repo, packs.default, org.leader.id, kind="evaluation", held_on=yesterday
    )
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        said = [n.message for n in app._notifications]
        assert said == [t("invite.held")], said
    assert ui_repo.invitations.list(talk.id) == []


async def test_f6_with_a_bad_serve_address_makes_no_link_it_cannot_show(
    make_app, ui_repo, packs, org, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With PIPELINE_TUI_SERVE_URL refused (ftp://), F6 stored the invitation, then failed
    to write its address: a link nobody was given, counted among those asked. Nothing is
    stored now, and the refusal is said."""
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

    monkeypatch.setenv("PIPELINE_TUI_SERVE_URL", "ftp://mus.example.dk")
    talk = services.start_conversation(ui_repo, packs.default, org.employee.id)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: bool(app._notifications), "the refusal")
        assert not isinstance(app.screen, ConfirmScreen)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "http:// or https://" in said, said
    assert ui_repo.invitations.list(talk.id) == []


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_f1_on_the_choice_of_whom_the_link_is_for_names_esc(
    make_app, ui_repo, packs, org, lang
) -> None:
    """F1 on "Who is the link for?" (an evaluation's F6) listed no key of the dialog at all,
    only "–": Esc, which cancels it, is now named as its Cancel button; Esc then closes the
    help and the dialog is still there, its first choice focused."""
    from pipeline_tui.tui.dialogs.choice import ChoiceScreen
    from pipeline_tui.tui.i18n import t
    from pipeline_tui.tui.screens.help import HelpScreen
    from pipeline_tui.tui.steps.setup import SetupPane

    talk = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="evaluation")
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the choice")
        await settle(app, pilot)
        first = app.focused
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [line.strip(" │") for line in screen_text(app).splitlines()]
        assert any(line.startswith("esc") and line.endswith(t("dialog.cancel")) for line in lines)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        assert app.focused is first
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        assert app.screen.query_one(SetupPane) is not None
