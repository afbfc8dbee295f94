"""One truth per conversation (issue 12): nothing typed is lost, hidden or silently overwritten.

The real app under Pilot on a real database file. A second repository on the
same file plays another session (a second terminal): it changes or erases
what the app shows, and the app must show it, refuse to overwrite it silently,
or step back with a notice, but never lose an answer or end in a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import paste, settle, until

from pipeline_tui import services
from pipeline_tui.store.privacy import erase_person
from pipeline_tui.store.repository import Repository, open_repository
from pipeline_tui.tui.dialogs.conflict import ConflictScreen
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.screens.home import HomeScreen
from pipeline_tui.tui.widgets.autosave_text import AutosaveTextArea
from pipeline_tui.tui.widgets.expectation_list import ExpectationList
from pipeline_tui.tui.widgets.goal_list import GoalList


@pytest.fixture
def other(db_file: str, ui_repo: Repository):
    """Another session on the same database file."""
    repository = open_repository(db_file)
    yield repository
    repository.close()


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def first_expectations(repo: Repository, conversation_id: int, n: int = 2) -> list[str]:
    detail = repo.conversations.detail(conversation_id)
    return [e.id for e in services.conversation_content(detail).ordered_expectations()[:n]]


def own_comment(repo: Repository, conversation_id: int, expectation_id: str) -> str:
    rating = repo.conversations.detail(conversation_id).rating(expectation_id, "self")
    return rating.comment if rating else ""


async def open_at(app, pilot, conversation_id: int) -> ConversationScreen:
    app.open_conversation(conversation_id)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ConversationScreen)
    return screen


# 1. a comment disappears and is then overwritten by its own author


@pytest.mark.parametrize("wait", [False, True], ids=["at-once", "after-saving"])
async def test_a_comment_is_there_when_the_cursor_comes_back(
    make_app, org, ui_repo, packs, wait: bool
) -> None:
    """Type a comment, Esc, move down and back up: the comment is shown (before and after it
    is saved), typing on is no conflict, and what is stored is the whole text."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    first, _second = first_expectations(ui_repo, record.id)
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        screen = await open_at(app, pilot, record.id)
        comment = screen.query_one("#exp-comment", AutosaveTextArea)
        await pilot.press("c")
        await paste(app, pilot, "Jeg gør for meget selv")
        await pilot.press("escape")
        if wait:
            await settle(app, pilot)
        await pilot.press("down")
        await pilot.pause()
        assert comment.text == ""  # the next expectation has no comment
        await pilot.press("up")
        await pilot.pause()
        assert comment.text == "Jeg gør for meget selv"
        await settle(app, pilot)
        assert comment.text == "Jeg gør for meget selv"

        await pilot.press("c")
        comment.move_cursor(comment.document.end)
        await paste(app, pilot, " – især med vagtplanen")
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConflictScreen), "its own save counted as a conflict"
    assert own_comment(ui_repo, record.id, first) == "Jeg gør for meget selv – især med vagtplanen"


async def test_a_rating_keeps_the_comment_written_before_it(make_app, org, ui_repo, packs) -> None:
    """A rating's save never copies an older comment over the newer one."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    first, _second = first_expectations(ui_repo, record.id)
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        screen = await open_at(app, pilot, record.id)
        await pilot.press("c")
        await paste(app, pilot, "Godt på vej")
        await pilot.press("escape", "3")  # the rating right after the comment, then on
        await pilot.press("up")
        await pilot.pause()
        assert screen.query_one("#exp-comment", AutosaveTextArea).text == "Godt på vej"
        await settle(app, pilot)
        assert screen.query_one("#exp-comment", AutosaveTextArea).text == "Godt på vej"
    stored = ui_repo.conversations.detail(record.id).rating(first, "self")
    assert stored is not None and (stored.score, stored.comment) == (3, "Godt på vej")


# 3. errors in workers end the app


async def test_a_person_erased_elsewhere_is_a_notice_not_a_crash(
    make_app, org, ui_repo, other
) -> None:
    """Open a person who was erased from another terminal meanwhile: a notice in Danish, the
    app stays on home and goes on working."""
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        await settle(app, pilot)
        erase_person(other.engine, org.leader.id)
        app.open_person(org.leader.id)
        await settle(app, pilot)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        assert t("error.gone.person") in notices(app)
        assert app.is_running and app.return_code is None
        app.open_person(org.employee.id)  # the app goes on
        await settle(app, pilot)
        assert not isinstance(app.screen, HomeScreen)


async def test_answers_for_an_erased_person_are_not_written_back(
    make_app, org, ui_repo, other, packs
) -> None:
    """The conversation is open when its person is erased elsewhere: the next answer fails
    cleanly, the user is told and taken home, and nothing of the person is re-created."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        await open_at(app, pilot, record.id)
        erase_person(other.engine, org.leader.id)
        await pilot.press("4")
        await pilot.press("c")
        await paste(app, pilot, "Skrevet lige før sletningen")
        await pilot.press("escape")
        await settle(app, pilot)
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        assert t("error.gone.conversation") in notices(app)
        assert app.is_running
    with other.engine.connect() as connection:
        from sqlalchemy import text

        for table in ("conversation", "rating", "card_pick", "plan"):
            count = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            assert count == 0, f"{table} was written back after the erasure"


PAGE = 4096


def _scribble_table(path: Path, table: str) -> None:
    import random
    import sqlite3

    with sqlite3.connect(path) as connection:
        (page,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
    rng = random.Random(5)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(bytes(rng.randrange(256) for _ in range(PAGE)))


async def test_a_damaged_database_ends_the_app_with_exit_code_2(
    org, packs, tmp_path, ui_repo, db_file
) -> None:
    """Bytes overwritten in the conversations' table: opening the person ends the app with
    exit code 2 and a one-line message, not a traceback; error.log holds no names."""
    from pipeline_tui.config import Settings, cache_dir
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

    services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.close()
    _scribble_table(Path(db_file), "conversation")
    repo = open_repository(db_file)
    try:
        app = PipelineApp(
            Services.ready_made(Settings(db=db_file, language="da"), repo, packs), remember=False
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            app.open_person(org.leader.id)
            await until(pilot, lambda: app.return_code is not None, "the app to stop")
        assert app.return_code == 2
        assert app._exception is None, "ended by an unhandled exception"
        assert app.exit_message == t("error.damaged_exit")  # one line, printed by launch
    finally:
        repo.close()
    log = cache_dir() / "error.log"
    if log.exists():
        text = log.read_text(encoding="utf-8")
        assert "Anna" not in text and "example.dk" not in text


# 4. two people on one conversation


async def test_a_rating_changed_elsewhere_is_shown(make_app, org, ui_repo, other, packs) -> None:
    """The other window learns of a rating given in another session within seconds."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    first, _second = first_expectations(ui_repo, record.id)
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        screen = await open_at(app, pilot, record.id)
        listing = screen.query_one(ExpectationList)
        assert (first, "self") not in listing.ratings
        other.conversations.set_rating(record.id, first, "self", score=4)
        await until(
            pilot,
            lambda: (first, "self") in listing.ratings and listing.ratings[(first, "self")].score,
            "the rating from the other session",
            tries=120,
        )
        assert listing.ratings[(first, "self")].score == 4
        assert t("changed.elsewhere") in notices(app)


async def test_its_own_answers_are_not_reported_as_changes_elsewhere(
    make_app, org, ui_repo, packs
) -> None:
    """The first answer moves a draft to in progress: the screen must not then claim that
    another session changed the conversation (seen in tmux)."""
    from pipeline_tui.tui.screens.conversation import CHANGES_INTERVAL

    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        await open_at(app, pilot, record.id)
        await pilot.press("4", "3")
        await settle(app, pilot)
        await pilot.pause(2 * CHANGES_INTERVAL + 0.5)  # two checks of the versions
        await settle(app, pilot)
        assert t("changed.elsewhere") not in notices(app)
    assert ui_repo.conversations.get(record.id).status == "in_progress"


@pytest.mark.parametrize("choice", ["default", "mine"])
async def test_a_rating_changed_elsewhere_is_not_overwritten(
    make_app, org, ui_repo, other, packs, choice: str
) -> None:
    """Rating what another session rated meanwhile shows both values; the default (Enter)
    keeps theirs, "mine" stores mine; neither happens silently."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    first, _second = first_expectations(ui_repo, record.id)
    ui_repo.conversations.set_rating(record.id, first, "self", score=2)
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        await open_at(app, pilot, record.id)
        other.conversations.set_rating(record.id, first, "self", score=4)
        await pilot.press("5")  # before the screen learnt of the 4
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictScreen), "the rating was overwritten silently"
        assert (dialog.theirs, dialog.mine) == ("4", "5")
        assert other.conversations.detail(record.id).rating(first, "self").score == 4
        if choice == "default":
            await pilot.press("enter")
        else:
            await pilot.click("#mine")
        await settle(app, pilot)
        assert not isinstance(app.screen, ConflictScreen)
    stored = other.conversations.detail(record.id).rating(first, "self").score
    assert stored == (4 if choice == "default" else 5)


async def test_the_conflict_dialog_keeps_both_texts_by_default(
    make_app, org, ui_repo, other, packs
) -> None:
    """Enter on the conflict dialog never throws away the other person's words."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.plans.update(record.id, summary="Et godt år")
    ui_repo.conversations.update(record.id, step="plan")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        screen = await open_at(app, pilot, record.id)
        summary = screen.query_one("#plan-summary", AutosaveTextArea)
        summary.focus()
        await pilot.pause()
        summary.move_cursor(summary.document.end)
        other.plans.update(record.id, summary="Et godt år, siger Mette")
        await paste(app, pilot, " med nye kolleger")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("enter")
        await settle(app, pilot)
    assert other.plans.get(record.id).summary == (
        "Et godt år, siger Mette\n\nEt godt år med nye kolleger"
    )


# 5. one vocabulary


async def test_a_glyph_means_one_goal_status_everywhere(make_app, org, ui_repo, packs) -> None:
    """◐ is "partly" on every screen; a goal in progress is ▶ on the plan step too."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    goal = ui_repo.plans.add_goal(record.id, "Uddeleger vagtplanen")
    ui_repo.plans.update_goal(goal.id, status="in_progress")
    ui_repo.conversations.update(record.id, step="plan")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.animation_level = "none"
        screen = await open_at(app, pilot, record.id)
        listing = screen.query_one(GoalList)
        prompt = str(listing.get_option_at_index(0).prompt)
        assert "▶" in prompt and "◐" not in prompt
        ui_repo.plans.update_goal(goal.id, status="partly")
        screen.reload()
        await settle(app, pilot)
        prompt = str(listing.get_option_at_index(0).prompt)
        assert "◐" in prompt


# quitting while answers wait


async def test_quitting_with_answers_waiting_asks_and_keeps_them(
    org, packs, ui_repo, db_file, monkeypatch
) -> None:
    """Another program holds the write lock: the rating waits, ctrl+q says so (pressed again,
    it stacked the same question on the open one), and quitting anyway keeps it in the
    owner-only recovery file for the next start."""
    import json
    import sqlite3
    import stat

    from pipeline_tui import config
    from pipeline_tui.config import Settings
    from pipeline_tui.store import engine
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
    from pipeline_tui.tui.services import Services

    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    first, _second = first_expectations(ui_repo, record.id)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # refused quickly, not after 15 s
    repo = open_repository(db_file)
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        settings = Settings(db=db_file, language="da")
        app = PipelineApp(Services.ready_made(settings, repo, packs), remember=False)
        async with app.run_test(size=(120, 40)) as pilot:
            app.animation_level = "none"
            app.open_conversation(record.id)
            await settle(app, pilot)
            locker.execute("BEGIN IMMEDIATE")
            await pilot.press("4")
            await until(pilot, lambda: app.saver.failing == "busy", "the write to be refused")
            assert not app.save_state.saved
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
            await pilot.press("ctrl+q")  # pressed again: the same question, not a second one
            await settle(app, pilot)
            assert [type(s) for s in app.screen_stack].count(type(app.screen)) == 1
            await pilot.press("y")
        journal = config.recovery_file(settings.identity)
        assert stat.S_IMODE(journal.stat().st_mode) == 0o600
        (entry,) = json.loads(journal.read_text(encoding="utf-8"))["entries"]
        assert (entry["conversation_id"], entry["op"]) == (record.id, "rating")
        assert (entry["args"]["expectation_id"], entry["args"]["score"]) == (first, 4)
    finally:
        locker.close()
        repo.close()


async def test_quitting_while_writes_are_refused_asks_at_once(
    org, packs, ui_repo, db_file, monkeypatch
) -> None:
    """The database refuses writes (here another program's lock; a stopped PostgreSQL
    server alike) and the save indicator says so: ctrl+q froze the whole screen for three
    seconds (trying to write once more, on the screen's own thread) before it asked, and
    the keys pressed meanwhile went to the question. Writes already known to be refused
    are tried once more briefly; the question comes within a second."""
    import sqlite3
    import time

    from pipeline_tui.config import Settings
    from pipeline_tui.store import engine
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
    from pipeline_tui.tui.services import Services

    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # refused quickly, not after 15 s
    repo = open_repository(db_file)
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        settings = Settings(db=db_file, language="da")
        app = PipelineApp(Services.ready_made(settings, repo, packs), remember=False)
        async with app.run_test(size=(120, 40)) as pilot:
            app.animation_level = "none"
            app.open_conversation(record.id)
            await settle(app, pilot)
            locker.execute("BEGIN IMMEDIATE")
            await pilot.press("4")
            await until(pilot, lambda: app.saver.failing == "busy", "the write to be refused")
            asked = time.monotonic()
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
            waited = time.monotonic() - asked
            assert waited < 1.5, f"the question came after {waited:.1f} s"
            await pilot.press("n")
            app.saver.discard(record.id)  # the test ends here: no retries at exit
    finally:
        locker.close()
        repo.close()


async def test_what_fails_while_the_app_ends_does_not_change_why_it_ended(make_app) -> None:
    """A damaged file ends the app with exit code 2; a screen that was mounting as the app
    went down then failed too (seen in CI under load: the cards step found no children).
    The first reason is the one told, with its exit code; the later failure is only logged."""
    from pipeline_tui.errors import StorageError

    app = make_app("en")
    with pytest.raises(StorageError):  # Pilot raises the first exception again at the end
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            app._handle_exception(StorageError("the database file is damaged", "damaged"))
            app._handle_exception(RuntimeError("a widget went with its screen"))
            await pilot.pause()
    assert app.return_code == 2
    assert app.exit_message == t("error.damaged_exit")


async def test_steps_taken_in_another_window_are_no_change_to_report(
    make_app, org, ui_repo, other, packs
) -> None:
    """Two terminals on one conversation: every step taken in one made the other say
    "Updated with changes made in another session", though nothing it shows had changed.
    What the conversation holds (here the reveal) is still reported."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        screen = await open_at(app, pilot, record.id)
        for step in ("cards", "summary", "plan", "expectations"):
            other.conversations.update(record.id, step=step)
            screen._check_changes()
            await settle(app, pilot)
        assert t("changed.elsewhere") not in notices(app)
        assert screen.step == "expectations"

        other.conversations.update(record.id, revealed=True)
        await until(
            pilot,
            lambda: (screen._check_changes(), t("changed.elsewhere") in notices(app))[1],
            "the reveal made in the other session",
            tries=120,
        )
        assert screen.session.revealed


async def test_a_stopped_server_is_no_unsaved_answer_in_a_window_that_only_reads(
    own_pg_cluster, packs
) -> None:
    """Two terminals on one conversation on PostgreSQL; the server is stopped (pg_ctl stop
    -m fast). The window where nobody typed showed a new notice "Ikke gemt: databasen kan
    ikke læses eller skrives" every 2 s, its check for changes made elsewhere failing, though
    nothing of it waited to be saved. It now says nothing until the server is back (a write
    meanwhile shows why it waits), and still sees the other window's changes then."""
    from pipeline_tui.config import Settings
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.screens.conversation import CHANGES_INTERVAL
    from pipeline_tui.tui.services import Services

    url = own_pg_cluster.new_database()
    repo = open_repository(url)
    other = open_repository(url)
    try:
        leader = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
        record = services.start_conversation(repo, packs.default, leader.id, kind="lus")
        repo.conversations.update(record.id, step="expectations")
        first, _second = first_expectations(repo, record.id)
        app = PipelineApp(
            Services.ready_made(Settings(db=url, language="da"), repo, packs), remember=False
        )
        async with app.run_test(size=(120, 40)) as pilot:
            app.animation_level = "none"
            screen = await open_at(app, pilot, record.id)
            own_pg_cluster.pause()
            try:
                for _check in range(3):
                    screen._check_changes()
                    await pilot.pause(CHANGES_INTERVAL / 2)
                    await settle(app, pilot)
                assert notices(app) == []
            finally:
                own_pg_cluster.resume()
            other.conversations.set_rating(record.id, first, "self", score=4)
            listing = screen.query_one(ExpectationList)
            await until(
                pilot,
                lambda: (screen._check_changes(), (first, "self") in listing.ratings)[1],
                "the rating from the other window, once the server is back",
                tries=120,
            )
    finally:
        other.close()
        repo.close()


async def test_a_read_the_stopped_server_refuses_is_not_called_unsaved(
    own_pg_cluster, packs
) -> None:
    """The PostgreSQL server stopped; the user goes home and opens a person. Each read that
    failed said "Ikke gemt: databaseserveren kan ikke nås" ("Not saved"), though nothing
    was being saved; it now says the page could not be read."""
    from pipeline_tui.config import Settings
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

    url = own_pg_cluster.new_database()
    repo = open_repository(url)
    try:
        leader = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
        app = PipelineApp(
            Services.ready_made(Settings(db=url, language="da"), repo, packs), remember=False
        )
        async with app.run_test(size=(120, 40)) as pilot:
            app.animation_level = "none"
            await settle(app, pilot)
            own_pg_cluster.pause()
            try:
                app.open_person(leader.id)
                await until(pilot, lambda: notices(app), "the failed read to be told")
                await settle(app, pilot)
            finally:
                own_pg_cluster.resume()
            said = set(notices(app))
            assert said == {"Kunne ikke læses: databaseserveren kan ikke nås"}, said
    finally:
        repo.close()
