"""Stored text never drives the terminal: its control characters are not drawn.

A goal's title, a note or a conductor's name can hold an escape sequence (an import, a
paste, another program writing the database): ESC [ 2 J clears the screen, OSC 52 writes
the clipboard, a bell rings. The app drew them as they were and the terminal acted on
them (in tmux the sign-off step drew the name in red and its box out of line).
"""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle
from textual.geometry import Region

from pipeline_tui import services
from pipeline_tui.tui.screens.person import PersonScreen
from pipeline_tui.vocabulary import CONTROL

HOSTILE = "Tavlemøde\x1b[2J hver uge\x1b]52;c;SGVsbG8=\x07 med\x9b31m teamet\u202e"


async def test_control_characters_in_a_goal_never_reach_the_terminal(
    make_app, ui_repo, packs, org
) -> None:
    record = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2026, 3, 2),
        conducted_by="Anna\x1b[31m Berg",
    )  # fmt: skip
    ui_repo.plans.add_goal(record.id, HOSTILE)
    ui_repo.plans.sign(record.id, "person")
    ui_repo.plans.sign(record.id, "conductor")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(org.employee.id)
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        drawn = [
            segment.text
            for widget in app.screen.walk_children()
            if widget.display and widget.size.area
            for strip in widget.render_lines(Region(0, 0, *widget.size))
            for segment in strip
            if not segment.control
        ]
        text = "".join(drawn)
        assert "Tavlemøde" in text  # the goal is on the page, its words whole
        assert [part for part in drawn if CONTROL.search(part)] == []
