"""Driving the real app under Pilot: shared by the UI tests (on the path via pyproject)."""

from __future__ import annotations

from textual.events import Paste


async def settle(app, pilot) -> None:
    """Let queued writes, their callbacks and the screens' reload workers finish."""
    from textual.worker import WorkerCancelled

    await pilot.pause()
    app.saver.flush()
    await pilot.pause()
    for _ in range(50):
        try:
            await app.workers.wait_for_complete()
            break
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait for that
            await pilot.pause()
    await pilot.pause()


async def paste(app, pilot, text: str) -> None:
    """Text arrives in the focused field as a terminal paste: the same edit path as typing."""
    app.post_message(Paste(text))
    await pilot.pause()


async def until(pilot, condition, what: str, tries: int = 600) -> None:
    """Wait (generously: up to 30 s, for a loaded CI machine running tests in parallel) for
    something the app does on its own time."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def tab_to(app, pilot, selector: str, limit: int = 40) -> None:
    """Tab until the widget `selector` names has the focus."""
    target = app.screen.query_one(selector)
    for _ in range(limit):
        if app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {selector}")


def screen_text(app) -> str:
    """What the screen shows, line by line, as the terminal would draw it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
