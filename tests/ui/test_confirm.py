"""The yes/no dialog: y or j says yes, n or Esc says no, enter takes the focused button."""

from __future__ import annotations

import pytest
from textual.app import App

from pipeline_tui.tui.dialogs.confirm import ConfirmScreen


class _Asker(App[None]):
    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default
        self.answers: list[bool | None] = []

    def ask(self) -> None:
        self.push_screen(
            ConfirmScreen("Sign [b]now[/b]?", default=self.default), self.answers.append
        )


@pytest.mark.parametrize(
    ("keys", "default", "answer"),
    [
        ("y", True, True),
        ("j", False, True),
        ("n", True, False),
        ("escape", True, False),
        ("enter", True, True),
        ("enter", False, False),
    ],
)
async def test_answers(keys: str, default: bool, answer: bool) -> None:
    app = _Asker(default)
    async with app.run_test() as pilot:
        app.ask()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(keys)
        await pilot.pause()
        assert app.answers == [answer]
        assert not isinstance(app.screen, ConfirmScreen)
