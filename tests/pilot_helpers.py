"""Driving the real app under Pilot: shared by the UI tests (on the path via pyproject)."""

from __future__ import annotations

from textual.events import Paste


async def settle(app, pilot) -> None:
    """Let queued writes, their callbacks and the screens' reload workers finish."""
    await pilot.pause()
    app.saver.flush()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def paste(app, pilot, text: str) -> None:
    """Text arrives in the focused field as a terminal paste: the same edit path as typing."""
    app.post_message(Paste(text))
    await pilot.pause()
