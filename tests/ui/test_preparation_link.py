"""A preparation link's session (`pipeline-tui serve` with an invitation): the app shows one
conversation's preparation for the invited party and nothing else.

The manager's ratings, comments and card picks are in the database (and in the very
conversation the session reads), and another person with their own conversation is too;
no key, no palette command and no link in the screen reaches any of it.
"""

from __future__ import annotations

import re

from pilot_helpers import screen_text, settle, until

from pipeline_tui import services
from pipeline_tui.config import Settings
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.i18n import party, t
from pipeline_tui.tui.screens.preparation import PreparationScreen
from pipeline_tui.tui.screens.role_panel import RolePanel
from pipeline_tui.tui.services import Services

SECRET_NOTE = "HEMMELIG-LEDERNOTE"
OTHER_NOTE = "ANDEN-PERSONS-NOTE"
SIZE = (120, 40)


def prepared(ui_repo, packs, org):
    """Jonas's MUS with his manager's ratings and a picked card, and Anna's own LUS."""
    talk = services.start_conversation(ui_repo, packs.default, org.employee.id)
    content = services.conversation_content(ui_repo.conversations.detail(talk.id))
    first, second = content.expectations[:2]
    for expectation in (first, second):
        ui_repo.conversations.set_rating(talk.id, expectation.id, "manager", score=5)
        ui_repo.conversations.set_rating_comment(
            talk.id, expectation.id, "manager", f"{SECRET_NOTE} {expectation.id}"
        )
    fixed = {p.card_id for p in ui_repo.conversations.detail(talk.id).picks}
    card = next(c for c in content.deck.cards if c.id not in fixed)
    ui_repo.conversations.pick_card(talk.id, card.id, "manager")
    other = services.start_conversation(ui_repo, packs.default, org.leader.id)
    detail = ui_repo.conversations.detail(other.id)
    other_content = services.conversation_content(detail)
    ui_repo.conversations.set_rating(other.id, other_content.expectations[0].id, "self", score=2)
    ui_repo.conversations.set_rating_comment(
        other.id, other_content.expectations[0].id, "self", OTHER_NOTE
    )
    invitation, _token = ui_repo.invitations.issue(talk.id)
    return talk, content, card, invitation


def restricted_app(ui_repo, packs, db_file, invitation) -> PipelineApp:
    settings = Settings(db=db_file, language="da")
    return PipelineApp(
        Services.ready_made(settings, ui_repo, packs), remember=False, preparation=invitation
    )


async def test_the_link_reaches_nothing_beyond_the_partys_own_preparation(
    ui_repo, packs, db_file, org
) -> None:
    talk, content, manager_card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        layer = content.layer.name.get("da")
        await until(pilot, lambda: layer in screen_text(app), "the layer's name")
        await pilot.press("escape")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PreparationScreen)
        assert screen.step == "expectations"

        seen: list[str] = []

        def look() -> None:
            seen.append(screen_text(app))

        # Rate as the party: 4, with a comment.
        await pilot.press("4")
        await settle(app, pilot)
        # Every key of the conversation screen and its steps that leads elsewhere.
        for key in ("r", "v", "escape", "ctrl+left", "ctrl+right", "ctrl+o", "ctrl+n", "f2"):
            await pilot.press(key)
            await settle(app, pilot)
            look()
            if isinstance(app.screen, RolePanel):
                await pilot.press("escape")
        # Steps the bar would offer at the meeting, and links to them.
        for step in ("setup", "summary", "plan", "signoff"):
            screen.action_goto(step)
            await settle(app, pilot)
            assert screen.step in ("expectations", "cards")
            look()
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        assert screen.step == "cards"
        for key in ("r", "p", "ctrl+n", "i"):
            await pilot.press(key)
            await settle(app, pilot)
            look()
        # The palette: no people, no overview, no home, no content browser.
        await pilot.press("ctrl+p")
        await pilot.pause()
        for query in ("Anna", "Jonas", "Mette", "overblik", "personer", "indhold"):
            await pilot.press(*query)
            await pilot.pause(0.3)
            look()
            await pilot.press(*["backspace"] * len(query))
        await pilot.press("escape")
        await settle(app, pilot)
        # The app's ways elsewhere, called directly, lead nowhere.
        app.open_person(org.leader.id)
        app.open_conversation(talk.id + 1)
        app.open_overview()
        app.open_content_browser()
        app.go_home()
        app.start_conversation(org.leader.id)
        app.print_plan(talk.id)
        await settle(app, pilot)
        look()

        stack = [type(s).__name__ for s in app.screen_stack]
        assert stack[1:] == ["PreparationScreen"], stack
        everything = "\n".join(seen)
        assert SECRET_NOTE not in everything
        assert OTHER_NOTE not in everything
        assert "Anna Berg" not in everything
        assert "Mette Holm" not in everything
        # The manager's card is in the deck like every card, but not as the manager's pick.
        manager = party(talk.kind, "manager")
        assert t("cards.chosen_by", party=manager) not in everything
        assert manager_card.id not in {p.card_id for p in screen.session.picks()}
        # Only the party's own rating reached the database; the meeting's state is untouched.
        detail = ui_repo.conversations.detail(talk.id)
        own = [r for r in detail.ratings if r.rater == "self"]
        assert [(r.expectation_id, r.score) for r in own] == [(content.expectations[0].id, 4)]
        assert not detail.conversation.revealed
        assert detail.conversation.step == "setup"
        assert sorted(r.score for r in detail.ratings if r.rater == "manager") == [5, 5]


async def test_a_write_for_the_other_party_is_refused_before_the_database(
    ui_repo, packs, db_file, org
) -> None:
    talk, content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        session = app.screen.session
        expectation = content.expectations[0].id
        session.rate(expectation, "manager", 1, False)
        session.rater = "manager"  # the party cannot be changed
        assert session.rater == "self"
        await settle(app, pilot)
        stored = ui_repo.conversations.detail(talk.id).rating(expectation, "manager")
        assert stored is not None and stored.score == 5


async def test_f6_on_the_setup_step_gives_a_link_that_opens_this_preparation(
    make_app, ui_repo, packs, org
) -> None:
    talk = services.start_conversation(ui_repo, packs.default, org.employee.id)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen", "the link")
        question = app.screen.question
        assert "http://127.0.0.1:8000/s/" in question
        token = re.search(r"/s/([A-Za-z0-9_-]+)", question).group(1)
        assert token[:12] in screen_text(app)  # shown, not only held
        assert ui_repo.invitations.check(token).conversation_id == talk.id
        assert [i.party for i in ui_repo.invitations.list(talk.id)] == ["self"]


async def test_a_link_revoked_while_open_ends_the_session_with_everything_saved(
    ui_repo, packs, db_file, org, monkeypatch
) -> None:
    from pipeline_tui.tui.screens import preparation

    monkeypatch.setattr(preparation, "LINK_INTERVAL", 0.3)
    talk, content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("3")
        ui_repo.invitations.revoke(talk.id)
        await until(pilot, lambda: app.return_code is not None, "the session to end")
    assert app.return_code == 0
    assert "no longer works" in app.exit_message or "virker ikke" in app.exit_message
    stored = ui_repo.conversations.detail(talk.id).rating(content.expectations[0].id, "self")
    assert stored is not None and stored.score == 3


async def test_a_link_whose_person_is_erased_while_open_does_not_say_anything_is_saved(
    ui_repo, packs, db_file, org, monkeypatch
) -> None:
    """The person erased (or the conversation deleted) while their link is open: nothing of
    theirs is kept, so the session ends saying the conversation is no longer there; it said
    'All your answers are saved', as for a revoked link."""
    from pipeline_tui.store.privacy import erase_person
    from pipeline_tui.tui.screens import preparation

    monkeypatch.setattr(preparation, "LINK_INTERVAL", 0.3)
    talk, _content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        erase_person(ui_repo.engine, talk.person_id)
        await until(pilot, lambda: app.return_code is not None, "the session to end")
    assert app.return_code == 0
    assert app.exit_message == t("prep.closed.gone")
    assert "saved" not in t("prep.closed.gone") and "gemt" not in t("prep.closed.gone")


async def test_a_revoked_link_ends_its_window_within_five_seconds(
    ui_repo, packs, db_file, org
) -> None:
    """The promise in the README and docs/privacy.md, at the program's own interval (not
    shortened here): revoked with nothing waiting to be saved, the session ends within 5 s
    of the revocation (plus room for a loaded machine); it took up to 20."""
    import time

    talk, _content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        ui_repo.invitations.revoke(talk.id)
        revoked = time.monotonic()
        await until(pilot, lambda: app.return_code is not None, "the session to end", tries=200)
        assert time.monotonic() - revoked < 5 + 3
    assert app.return_code == 0


async def test_a_rating_given_after_the_link_was_revoked_is_not_written(
    ui_repo, packs, db_file, org
) -> None:
    """Each write checks the link: a rating given a moment after the link was revoked is
    refused (not only at the next check, every 20 s), the one before stays, and the session
    ends saying which."""
    talk, content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    first, second = (e.id for e in content.expectations[:2])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("3")
        await settle(app, pilot)
        ui_repo.invitations.revoke(talk.id)
        await pilot.press("down", "4")
        await until(pilot, lambda: app.return_code is not None, "the session to end")
    assert app.return_code == 0
    assert app.exit_message == t("prep.closed_unsaved")
    detail = ui_repo.conversations.detail(talk.id)
    assert detail.rating(first, "self").score == 3
    assert detail.rating(second, "self") is None


async def test_a_card_the_manager_picked_is_said_to_be_in_the_conversation_already(
    ui_repo, packs, db_file, org
) -> None:
    """Preparing alone, the employee does not see the manager's picks: picking the card the
    manager picked is refused by the store (one pick per card). It said 'The table was
    changed elsewhere. The cards have been read again.' on every try, of a table no one had
    touched; it says the manager picked the card too, so it is in the conversation."""
    from pipeline_tui.tui.widgets.card_grid import CardGrid

    talk, _content, manager_card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        grid = app.screen.query_one(CardGrid)
        grid.cursor = [tile.info.card_id for tile in grid.tiles].index(manager_card.id)
        await settle(app, pilot)
        for _try in range(2):
            await pilot.press("enter")
            await settle(app, pilot)
        said = [notification.message for notification in app._notifications]
        manager = party(talk.kind, "manager")
        assert t("cards.picked_by_other", party=manager) in said, said
        assert t("cards.not_saved") not in said
        assert manager_card.id not in {p.card_id for p in app.screen.session.picks()}
    picks = ui_repo.conversations.detail(talk.id).picks
    assert [p.picked_by for p in picks if p.card_id == manager_card.id] == ["manager"]
    assert not [p for p in picks if p.picked_by == "self"]


async def test_a_link_steps_through_only_what_its_kind_of_conversation_prepares(
    ui_repo, packs, db_file, org
) -> None:
    """The step bar and ctrl+left/right hold the steps prepared alone that the kind has: a
    MUS its expectations and cards, an evaluation its expectations, a 1-month onboarding its
    cards. The bar showed all six steps of the meeting, and ctrl+right on an evaluation's
    link went to the cards it has not, then to its summary, which a link has not either: 'An
    unexpected error', and an empty screen."""
    from pipeline_tui.tui.widgets.step_bar import StepBar

    cases = {
        ("mus", org.employee.id): ("expectations", ["expectations", "cards"]),
        ("evaluation", org.leader.id): ("expectations", ["expectations"]),
        ("onboarding_1m", org.director.id): ("cards", ["cards"]),
    }
    for (kind, person_id), (first, steps) in cases.items():
        talk = services.start_conversation(ui_repo, packs.default, person_id, kind=kind)
        assert talk.kind == kind
        invitation, _token = ui_repo.invitations.issue(talk.id)
        app = restricted_app(ui_repo, packs, db_file, invitation)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda app=app: isinstance(app.screen, RolePanel), "the role")
            await pilot.press("escape")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, PreparationScreen)
            assert screen.step == first, kind
            assert list(screen.query_one(StepBar).steps) == steps, kind
            visited = []
            for key in ("ctrl+right", "ctrl+right", "ctrl+left", "ctrl+left", "ctrl+left"):
                await pilot.press(key)
                await settle(app, pilot)
                visited.append(screen.step)
            assert set(visited) == set(steps), (kind, visited)
            assert app.screen is screen and app.return_code is None, kind
            said = [notification.message for notification in app._notifications]
            assert not [n for n in said if "error.log" in n], (kind, said)
            bar = screen_text(app).splitlines()[1]
            for step in ("setup", "summary", "plan", "signoff"):
                assert t(f"step.{step}") not in bar, (kind, bar)
            # ctrl+left/right are offered (the footer, F1) only where there is a step to go to
            footer = screen_text(app).splitlines()[-1]
            assert (t("key.group.conv.next") in footer) == (len(steps) > 1), (kind, footer)
            await pilot.press("f1")
            await settle(app, pilot)
            assert (t("key.conv.next") in screen_text(app)) == (len(steps) > 1), kind


async def test_an_unexpected_error_in_a_links_window_names_no_file_of_the_servers(
    ui_repo, packs, db_file, org
) -> None:
    """A bug met in a link's window is logged on the server, as always; the window said
    'An unexpected error (details in /home/<the server's user>/.cache/pipeline-tui/error.log)',
    a file its reader cannot open, naming the server's user and folders."""
    from pipeline_tui.config import cache_dir

    _talk, _content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        app.report_failure(RuntimeError("a bug"))
        await settle(app, pilot)
        said = [notification.message for notification in app._notifications]
        assert said == [t("error.unexpected_nolog")], said
        assert "error.log" not in screen_text(app)
    assert "RuntimeError" in (cache_dir() / "error.log").read_text(encoding="utf-8")


async def test_a_link_to_a_conversation_whose_deck_asks_no_picks_opens_the_cards_to_pick(
    ui_repo, packs, db_file, org
) -> None:
    """An onboarding's (or a status conversation's) deck asks neither party for a pick, so
    the cards step opened where the meeting plays the cards: the link showed the notes the
    manager had written on the always-included cards, refused what the employee typed into
    them ('A preparation link changes only your own answers', the text not saved), and
    offered no way to pick the one card of their own the deck allows. It opens to pick."""
    from pipeline_tui.tui.steps.cards import PICK, CardsPane
    from pipeline_tui.tui.widgets.card_grid import CardGrid

    talk = services.start_conversation(
        ui_repo, packs.default, org.director.id, kind="onboarding_1m"
    )
    fixed = ui_repo.conversations.detail(talk.id).picks
    ui_repo.conversations.set_card_text(fixed[0].id, "notes", SECRET_NOTE)
    invitation, _token = ui_repo.invitations.issue(talk.id)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        pane = app.screen.query_one(CardsPane)
        assert pane.mode == PICK
        assert SECRET_NOTE not in screen_text(app)
        grid = app.screen.query_one(CardGrid)
        free = next(
            t.info.card_id for t in grid.tiles if t.info.card_id not in {p.card_id for p in fixed}
        )
        grid.cursor = [tile.info.card_id for tile in grid.tiles].index(free)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert SECRET_NOTE not in screen_text(app)
    picks = ui_repo.conversations.detail(talk.id).picks
    assert [p.card_id for p in picks if p.picked_by == "self"] == [free]


async def test_help_in_a_links_window_says_what_esc_does_there(
    ui_repo, packs, db_file, org
) -> None:
    """F1 in a link's window listed 'esc Tilbage', but there is nothing to go back to: Esc
    only leaves a text field. F1 now says that."""
    _talk, _content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("f1")
        await settle(app, pilot)
        said = screen_text(app)
        assert t("key.prep.field") in said, said
        assert not [
            line for line in said.splitlines() if t("key.back") in line and "esc" in line
        ], said


async def test_a_read_that_finds_the_person_erased_ends_the_link_as_its_check_does(
    ui_repo, packs, db_file, org, monkeypatch
) -> None:
    """The person erased while their link is open, and a read of the conversation (its
    2-second look for changes made elsewhere) found it gone before the link's own check
    did: the session ended with exit code 2 and the refusal's words, where the link's
    check ends it with 0 and "the conversation is no longer there" (which of the two came
    first depended on the machine's load)."""
    from pipeline_tui.store.privacy import erase_person
    from pipeline_tui.tui.screens import preparation

    monkeypatch.setattr(preparation, "LINK_INTERVAL", 3600)  # the link's check never comes
    talk, _content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
        await pilot.press("escape")
        await settle(app, pilot)
        erase_person(ui_repo.engine, talk.person_id)
        await until(pilot, lambda: app.return_code is not None, "the session to end")
    assert (app.return_code, app.exit_message) == (0, t("prep.closed.gone"))


async def test_the_preparation_sheet_at_a_terminal_is_kept_owner_only_and_noted(
    ui_repo, packs, db_file, org, tmp_path, monkeypatch
) -> None:
    """F3 at a terminal (not in a browser): Textual's delivery wrote the sheet, with the
    person's name and title, into ~/Downloads with the umask's mode (0644 as a rule, readable
    by everyone on the machine), named nowhere an erasure looks, and without a word where
    there was no ~/Downloads. It now goes where printed plans go, owner-only, is noted with
    the copies an erasure of the person names, and the app says where it is."""
    import os
    import sqlite3
    import stat

    from pipeline_tui.config import documents_dir

    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    _talk, _content, _card, invitation = prepared(ui_repo, packs, org)
    app = restricted_app(ui_repo, packs, db_file, invitation)
    old = os.umask(0o022)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, RolePanel), "the role description")
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press("f3")
            kept = lambda: list(documents_dir().glob("forberedelse-*.html"))  # noqa: E731
            await until(pilot, lambda: bool(kept()), "the sheet in the documents folder")
            [sheet] = kept()
            said = lambda: [n.message for n in app._notifications]  # noqa: E731
            await until(pilot, lambda: any(str(sheet) in m for m in said()), "where it is")
    finally:
        os.umask(old)
    assert org.employee.name in sheet.read_text(encoding="utf-8")
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    assert list((home / "Downloads").iterdir()) == []
    with sqlite3.connect(db_file) as connection:
        noted = connection.execute("SELECT kind, path, person_id FROM copy_made").fetchall()
    assert noted == [("prep", str(sheet.resolve()), org.employee.id)]
