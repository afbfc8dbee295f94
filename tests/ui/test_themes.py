"""An app started in a theme looks exactly as one switched to it while running.

The start sets the theme without Textual's watcher (which re-parsed every stylesheet
before the first screen, `tui.themes.start_in_theme`); the switch from the palette goes
the watcher's way. Both must give the same picture, class for class and colour for colour.
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle

from pipeline_tui.config import Settings
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.services import Services


def _app(ui_repo, packs, db_file, theme: str) -> PipelineApp:
    settings = Settings(db=db_file, language="en", theme=theme)
    return PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)


async def _picture(app: PipelineApp, pilot, switch_to: str | None = None) -> tuple:
    await settle(app, pilot)
    if switch_to is not None:
        app.set_theme(switch_to)
        await settle(app, pilot)
    classes = sorted(c for c in app.classes if c.startswith("-"))
    return app.theme, classes, dict(app.theme_variables), app.export_screenshot()


@pytest.mark.parametrize(
    ("start", "other"), [("pipeline-dark", "pipeline-light"), ("pipeline-light", "pipeline-dark")]
)
async def test_a_start_in_a_theme_looks_as_a_switch_to_it(
    ui_repo, packs, db_file, org, start: str, other: str
) -> None:
    started = _app(ui_repo, packs, db_file, start)
    async with started.run_test(size=(100, 30)) as pilot:
        as_started = await _picture(started, pilot)
    switched = _app(ui_repo, packs, db_file, other)
    async with switched.run_test(size=(100, 30)) as pilot:
        as_switched = await _picture(switched, pilot, switch_to=start)
    assert as_started[0] == as_switched[0] == start
    assert as_started[1] == as_switched[1]
    assert as_started[2] == as_switched[2]
    assert as_started[3] == as_switched[3]
