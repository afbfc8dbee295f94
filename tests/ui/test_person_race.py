"""The person page's conversations are all shown, however early the data arrives.

Opened from an overview cell, the page once showed an empty conversations table (the
command line listed two). The page reads its data in a worker, twice on opening (mount and
resume); a result can arrive before the page's first layout. The table was then filled for
a width it did not get (the screen's, not its own less the page's scrollbar): its last
column cut off, a scrollbar in its three lines, its rows scrolled. Here the data is there
before the first layout, every time.
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle, until
from textual.widgets import DataTable

from pipeline_tui import services
from pipeline_tui.errors import ErasedError
from pipeline_tui.store.privacy import erase_person
from pipeline_tui.tui.i18n import day, t
from pipeline_tui.tui.screens.person import PersonScreen, PersonView


def drawn(table: DataTable) -> list[str]:
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


@pytest.mark.demo_data
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_data_before_the_first_layout(make_app, ui_repo, packs, size) -> None:
    person = next(
        p
        for p in ui_repo.people.list()
        if p.layer == "lead_self" and len(ui_repo.conversations.list(person_id=p.id)) >= 2
    )
    conversations = ui_repo.conversations.list(person_id=person.id)
    history = []
    for summary in conversations:
        detail = ui_repo.conversations.detail(summary.id)
        history.append((detail, services.conversation_content(detail)))
    view = PersonView(ui_repo.people.get(person.id), conversations, history)
    app = make_app("da")

    class Eager(PersonScreen):
        """The page with its data at once: the worker's result before the first layout."""

        def load(self) -> None:
            self._show(view)

    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = Eager(person.id)
        await app.push_screen(screen)
        await settle(app, pilot)
        table = screen.query_one("#person-conversations", DataTable)
        lines = drawn(table)
        body = [line for line in lines[1:] if line.strip()]
        assert len(body) == len(conversations), lines
        for line, conversation in zip(body, conversations, strict=True):
            assert day(conversation.held_on) in line
            assert day(conversation.follow_up_on) in line  # the last column
        assert table.scroll_offset == (0, 0)
        assert not table.show_horizontal_scrollbar


@pytest.mark.demo_data
async def test_the_conversations_are_listed_while_the_history_is_read(
    make_app, ui_repo, packs
) -> None:
    """The table is filled from the quick first read; the plan, the trend and the goals show
    that they are loading until every conversation has been read whole, then appear. (A page
    opened on a busy machine showed an empty table for seconds while all of it was read;
    and rows added before the page's first layout were not laid out until the next read.)"""
    import threading

    person = next(
        p
        for p in ui_repo.people.list()
        if p.layer == "lead_self" and len(ui_repo.conversations.list(person_id=p.id)) >= 2
    )
    conversations = ui_repo.conversations.list(person_id=person.id)
    release = threading.Event()

    class SlowHistory(PersonScreen):
        def read_history(self, summaries):
            release.wait(20)
            return super().read_history(summaries)

    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = SlowHistory(person.id)
        await app.push_screen(screen)
        table = screen.query_one("#person-conversations", DataTable)
        await until(pilot, lambda: table.row_count == len(conversations), "the table")

        def body() -> list[str]:
            return [line for line in drawn(table)[1:] if line.strip()]

        # Drawn (not only filled) while the history is still being read.
        await until(pilot, lambda: len(body()) == len(conversations), "the rows on screen")
        for line, conversation in zip(body(), conversations, strict=True):
            assert day(conversation.held_on) in line
        waiting = [screen.query_one(f"#person-{part}") for part in ("plan", "trend", "goals")]
        reading = t("person.reading")
        assert all(reading in str(widget.render()) for widget in waiting)
        release.set()
        await until(
            pilot, lambda: not any(reading in str(w.render()) for w in waiting), "the history"
        )
        await settle(app, pilot)
        plan_text = str(screen.query_one("#person-plan").render())
        assert plan_text.strip()
        assert screen.view is not None and screen.view.history is not None
        assert len(screen.view.history) == len(conversations)


async def test_a_conversation_deleted_between_the_two_reads_is_left_out(
    make_app, org, ui_repo, packs
) -> None:
    """CI under load: deleting a draft on the person page sent the user home. The page's
    second read (every conversation whole) met the draft the first read had listed and the
    deletion had removed, and took "conversation gone" for the person gone."""
    kept = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2025, 11, 3)
    )
    ui_repo.conversations.set_status(kept.id, "completed")
    draft = services.start_conversation(ui_repo, packs.default, org.employee.id)
    assert draft.id != kept.id
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(org.employee.id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        listed = ui_repo.conversations.list(person_id=org.employee.id)
        ui_repo.conversations.delete(draft.id)
        history = screen.read_history(listed)
        assert [detail.conversation.id for detail, _content in history] == [kept.id]
        # The person erased meanwhile is not left out but said: the page goes home.
        erase_person(ui_repo.engine, org.employee.id)
        with pytest.raises(ErasedError):
            screen.read_history(listed)
