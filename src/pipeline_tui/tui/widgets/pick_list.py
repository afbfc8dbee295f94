"""An OptionList whose enter key says in the footer what it does.

OptionList's own enter binding is hidden, so a list where enter takes a
suggestion or adds an activity would keep its main key a secret. This list
names it with a binding id from `tui.i18n` (described as `key.<id>`).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from textual import on
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from pipeline_tui.tui.i18n import binding
from pipeline_tui.tui.widgets.type_ahead import KeysInOrder


class PickList(KeysInOrder, OptionList):
    BINDINGS = [binding("enter", "select", id="pick.select")]

    def __init__(self, *, enter_id: str, **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)
        # What enter does in this list: its words in the footer (see `SpokenBindings`).
        self.binding_ids = {"pick.select": enter_id}

    def replace_options(self, options: Sequence[Option], highlight: int | None = None) -> None:
        """New options, the highlight on `highlight` or kept as near its place as it can be.

        The highlight never rests on a disabled option (a heading, a used one)
        and starts on the first enabled one, so enter acts at once. It moves
        once: a passing highlight would be announced and acted on (the plan's
        goal list selected the old goal, then the new one, and the editor
        swapped its rows twice in a row).
        """
        wanted = (self.highlighted or 0) if highlight is None else highlight
        self.set_options(options)
        enabled = [i for i, option in enumerate(options) if not option.disabled]
        if enabled:
            self.highlighted = next((i for i in enabled if i >= wanted), enabled[-1])


class WholeWhenHighlighted(PickList):
    """A pick list of many long entries in a narrow column: each entry kept short (cut
    with "…"), the highlighted one shown whole. A subclass says how entry `number`
    looks (`prompt_at`) and how many there are (`entry_count`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.whole: int | None = None  # the entry shown whole (the highlighted one)

    def prompt_at(self, number: int, *, clip: bool) -> Visual | None:
        raise NotImplementedError

    def entry_count(self) -> int:
        raise NotImplementedError

    def show_whole(self, index: int | None) -> None:
        """The entry at `index` whole, the one shown whole before it short again."""
        if index == self.whole:
            return
        for number, clip in ((self.whole, True), (index, False)):
            if number is not None and 0 <= number < self.entry_count():
                prompt = self.prompt_at(number, clip=clip)
                if prompt is not None:
                    with suppress(OptionDoesNotExist):
                        self.replace_option_prompt_at_index(number, prompt)
        self.whole = index

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_whole(event.option_index)
