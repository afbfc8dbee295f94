"""A DataTable whose enter key says in the footer and in F1 what it does.

DataTable's own enter binding has no id, so it was shown nowhere: on the person page the
screen's "⏎ Open" was hidden behind it, and the overview's tables never said that enter
shows the people a figure counts. Named as `PickList` names its enter (`binding_ids`).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from pipeline_tui.tui.i18n import binding


class NamedTable(DataTable[Any]):
    BINDINGS = [binding("enter", "select_cursor", id="table.select")]

    def __init__(self, *, enter_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # What enter does in this table: its words in the footer (see `SpokenBindings`).
        self.binding_ids = {"table.select": enter_id}
