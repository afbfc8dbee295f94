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


LONG = (
    "1 answer could not be saved yet (the database server cannot be reached). It is kept "
    "in a recovery file and offered again the next time the conversation opens. Quit anyway?"
)


@pytest.mark.parametrize("question", ["Sign [b]now[/b]?", LONG])
@pytest.mark.parametrize(
    ("keys", "default", "answer"),
    [
        (("right", "enter"), False, True),
        (("left", "enter"), False, True),
        (("right", "enter"), True, False),
        (("right", "right", "enter"), False, False),
    ],
)
async def test_an_arrow_moves_to_the_other_button(
    question: str, keys: tuple[str, ...], default: bool, answer: bool
) -> None:
    """ "Quit anyway?" (no by default) with the database server down: → then Enter did
    nothing at all, however often pressed, the focus gone to the dialog's box; an arrow
    now moves between the two buttons only."""
    app = _Asker(default)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConfirmScreen(question, default=default), app.answers.append)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.answers == [answer]
        assert not isinstance(app.screen, ConfirmScreen)


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (("up", "enter"), None),  # round from the first choice to Cancel
        (("down", "enter"), "colleague"),
        (("down", "down", "down", "enter"), "manager"),  # round from Cancel to the first
        (("tab", "tab", "tab", "down", "enter"), "manager"),  # from the box
    ],
)
async def test_an_arrow_in_a_choice_moves_among_the_buttons(
    keys: tuple[str, ...], answer: str | None
) -> None:
    """ "Who is the link for?": ↑ on the first choice moved the focus to the dialog's box,
    where Enter does nothing; an arrow now moves among the buttons only, round."""
    from pipeline_tui.tui.dialogs.choice import ChoiceScreen

    app = _Asker(True)
    async with app.run_test(size=(80, 24)) as pilot:
        choices = [("manager", "The manager"), ("colleague", "A colleague")]
        app.push_screen(ChoiceScreen("Link", "Who is the link for?", choices), app.answers.append)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.answers == [answer]
        assert not isinstance(app.screen, ChoiceScreen)
