"""What a keystroke in the expectations step costs on screen (issue 19): a rating or a move
sends only the part of the screen that changed, and the list draws only the rows that did.

Frames are read where the app hands them to the terminal (`App._display`, as the benchmark
does); what is on screen is read from the compositor, so a row that was not drawn again
when it should have been shows up as stale.
"""

from __future__ import annotations

from pilot_helpers import settle
from textual._compositor import LayoutUpdate
from textual.content import Content

from pipeline_tui import services
from pipeline_tui.tui.steps.expectations import ExpectationsPane
from pipeline_tui.tui.widgets.expectation_list import ExpectationList
from pipeline_tui.tui.widgets.shown_text import KEEP, ShownText

SIZE = (120, 40)


def on_screen(app, widget) -> str:
    """The characters the app has drawn inside `widget`'s region."""
    strips = app.screen._compositor.render_strips()
    region = widget.region
    return "\n".join(strips[y].crop(region.x, region.right).text for y in range(*region.line_span))


async def open_expectations(app, pilot, ui_repo, packs, person_id: int):
    record = services.start_conversation(ui_repo, packs.default, person_id)
    ui_repo.conversations.update(record.id, step="expectations")
    await pilot.pause()
    app.open_conversation(record.id)
    await settle(app, pilot)
    pane = app.screen.query_one(ExpectationsPane)
    listing = pane.query_one(ExpectationList)
    assert listing.has_focus
    return pane, listing


def record_frames(app, listing: ExpectationList) -> list[tuple[object, set[int]]]:
    """Each frame sent to the terminal, with the rows of the list drawn for it."""
    frames: list[tuple[object, set[int]]] = []
    drawn: set[int] = set()
    display, render_line = app._display, listing.render_line

    def recording(screen, update) -> None:
        if update is not None:
            frames.append((update, set(drawn)))
            drawn.clear()
        display(screen, update)

    def counting(y: int):
        drawn.add(y)
        return render_line(y)

    app._display = recording
    listing.render_line = counting  # type: ignore[method-assign]  # counts the rows drawn
    return frames


async def quiet(pilot, frames: list) -> None:
    """Wait until the app has drawn nothing for a while: what the next key draws is then
    the key's alone (on a loaded machine a save's callback can still be drawing late)."""
    for _ in range(50):
        frames.clear()
        await pilot.pause(0.3)
        if not frames:
            return
    raise AssertionError("the screen never went quiet")


async def test_a_rating_and_a_move_send_only_what_changed(make_app, org, ui_repo, packs) -> None:
    """A rating used to repaint the whole screen twice (the app's save state was a
    reactive that repaints) and a move the whole list; now the first frame after either
    is a partial update in which the list draws only its changed rows, and the screen
    shows all of the change."""
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        pane, listing = await open_expectations(app, pilot, ui_repo, packs, org.leader.id)
        ids = listing.expectation_ids()
        assert listing.current is not None and listing.current.id == ids[0]
        first_title = listing.current.title.get("en")[:20]
        frames = record_frames(app, listing)
        await quiet(pilot, frames)

        await pilot.press("3")  # rates the first expectation, moves to the second
        await settle(app, pilot)
        assert frames, "the rating reached the screen"
        update, rows = frames[0]
        assert not isinstance(update, LayoutUpdate), "not the whole screen"
        # the rated row (which the cursor left) and the cursor's new row
        assert 1 <= len(rows) <= 2, f"the list drew rows {sorted(rows)}"
        assert not [f for f, _ in frames if isinstance(f, LayoutUpdate)], "nor later"
        assert listing.current is not None and listing.current.id == ids[1]
        rated = next(line for line in on_screen(app, listing).splitlines() if first_title in line)
        assert "[3]" in rated, "the rated row is drawn with its score"
        about = on_screen(app, pane.query_one("#exp-about"))
        assert listing.current.title.get("en")[:20] in about, "the detail is the next one's"

        await quiet(pilot, frames)
        await pilot.press("up")
        await pilot.pause(0.2)
        assert frames
        update, rows = frames[0]
        assert not isinstance(update, LayoutUpdate)
        assert len(rows) == 2, f"the list drew rows {sorted(rows)}"
        assert listing.current is not None and listing.current.id == ids[0]
        about = on_screen(app, pane.query_one("#exp-about"))
        assert first_title in about and "▶ 3" in about, "its detail, with the score given"


async def test_shown_text_keeps_what_it_showed_lately(make_app) -> None:
    """Showing a text again reuses its parsed Content (and with it its line breaks); the
    oldest goes when more than KEEP texts were shown."""
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        text = ShownText()
        await app.screen.mount(text)
        text.show("[b]first[/b]\nline")
        first = text.visual
        assert isinstance(first, Content) and first.plain == "first\nline"
        text.show("second")
        assert text.visual.plain == "second"
        text.show("[b]first[/b]\nline")
        assert text.visual is first, "parsed once"
        for n in range(KEEP):
            text.show(f"text {n}")
        text.show("[b]first[/b]\nline")
        assert text.visual is not first, "the oldest was let go"
        assert text.visual.plain == "first\nline"
        await pilot.pause()
        assert "first" in on_screen(app, text)
