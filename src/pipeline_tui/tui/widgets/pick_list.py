"""An OptionList whose enter key says in the footer what it does.

OptionList's own enter binding is hidden, so a list where enter takes a
suggestion or adds an activity would keep its main key a secret. This list
names it with a binding id from `tui.i18n` (described as `key.<id>`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from pipeline_tui.tui.i18n import binding


class PickList(OptionList):
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
