"""The people behind a figure in the overview (a drill-down), as the familiar people list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Header, Static

from pipeline_tui import clock
from pipeline_tui.records import PersonRow
from pipeline_tui.tui.i18n import binding
from pipeline_tui.tui.screens.base import PipelineScreen
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.people_table import PeopleTable


class PeopleListScreen(PipelineScreen[None]):
    BINDINGS = [
        binding("enter", "open", id="home.open"),
        binding("escape", "app.pop_screen", id="back"),
    ]

    def __init__(self, title: str, rows: list[PersonRow]) -> None:
        super().__init__()
        self.heading = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.heading, id="people-list-title", classes="section-title", markup=False)
        yield PeopleTable(today=clock.today(), id="people-list")
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one(PeopleTable)
        table.set_rows(self.rows, self.pipeline.layer_names())
        table.set_filter("", None)
        table.focus()

    @on(PeopleTable.Opened)
    def _opened(self, event: PeopleTable.Opened) -> None:
        self.pipeline.open_person(event.person_id)

    def action_open(self) -> None:
        self.query_one(PeopleTable).action_open()
