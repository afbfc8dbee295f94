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


def hanging_bullets(app, bullets: set[str], inside) -> int:
    """The bullets of `bullets` seen wrapped inside the widget `inside` (what scrolls),
    each checked to go on under its text (not under the bullet); fails on one that does
    not."""
    wrapped = 0
    region = inside.region
    lines = [line[region.x : region.right] for line in screen_text(app).splitlines()]
    top, bottom = region.y, region.bottom
    for number, line in enumerate(lines[:-1]):
        if "• " not in line or not top <= number < bottom - 1:
            continue
        bullet = line.index("• ")
        column = bullet + 2
        text = line[column:].split("│")[0].split("▕")[0].strip()
        if text in bullets or not any(b.startswith(text) for b in bullets if text):
            continue  # a whole bullet on its line, or not one of the layer's
        after = lines[number + 1]
        assert after[bullet:column] == "  " and after[column] != " ", (
            f"the wrapped line does not start under the text:\n{line}\n{after}"
        )
        wrapped += 1
    return wrapped
