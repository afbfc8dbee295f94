"""HR's overview: coverage per unit and layer, the dimension heat map, the weakest
expectations, and who is missing or overdue. Enter on any figure shows the people
behind it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    DataTable,
    Header,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from pipeline_tui import clock
from pipeline_tui.core.coverage import CoverageRow, PersonYear, is_overdue
from pipeline_tui.core.order import name_key
from pipeline_tui.core.overview import MIN_GROUP, Overview
from pipeline_tui.packs.light import short_name
from pipeline_tui.records import PersonRow
from pipeline_tui.tui.i18n import binding, day, language, locale, number, t
from pipeline_tui.tui.markup import escape
from pipeline_tui.tui.screens.base import PipelineScreen
from pipeline_tui.tui.widgets.field_sync import plain_options
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.named_table import NamedTable
from pipeline_tui.tui.widgets.tables import Cell, cell_width, fill_table

BAR = 8
ALL = "__all__"
Pick = Callable[[PersonYear | None], bool]
COLUMNS = ("", "ov.col.people", "ov.col.offered", "ov.col.held", "ov.col.signed", "ov.col.overdue")


def _pick(column: str, today: date) -> Pick | None:
    """Which people a column of the coverage table counts (None: everyone in the row)."""
    return {
        "ov.col.offered": lambda y: bool(y and y.offered),
        "ov.col.held": lambda y: bool(y and y.held),
        "ov.col.signed": lambda y: bool(y and y.signed),
        "ov.col.overdue": lambda y: is_overdue(y, today),
    }.get(column)


def bar(share: float) -> str:
    filled = round(share * BAR)
    return "█" * filled + "░" * (BAR - filled) + f" {share:>4.0%}"


def _chosen(value: object) -> str | None:
    return None if value == ALL else str(value)


def _folded(name: str, cells: list[Cell], at_least: int = 12) -> str:
    """A heat-map column's header: the layer's name on as many lines as it takes, between
    words, no wider than the column's figures (or `at_least`, or its longest word)."""
    import textwrap

    words = max((cell_width(word) for word in name.split()), default=0)
    width = max(words, min(cell_width(name), at_least), *(cell_width(c) for c in cells))
    return "\n".join(textwrap.wrap(name, width, break_long_words=False)) or name


def _heat_style(mean: float | None) -> str:
    if mean is None:
        return "dim"
    if mean < 2.75:
        return "bold red"
    if mean < 3.25:
        return "yellow"
    if mean >= 3.75:
        return "green"
    return ""


class OverviewScreen(PipelineScreen[None]):
    # The first table has the focus, so ↓ moves in it (the year's dropdown had it and
    # opened on ↓); tab and the mouse reach the filters.
    AUTO_FOCUS = "#ov-units"
    BINDINGS = [
        binding("escape", "app.pop_screen", id="back"),
        binding("ctrl+r", "refresh", id="ov.refresh"),
        # The tabs by key from the table (as ctrl+←/→ go from step to step in a
        # conversation); only Tab, to the tab row, and ←/→ reached them. F1 lists them.
        binding("ctrl+left", "tab(-1)", id="ov.prev_tab", priority=True, show=False),
        binding("ctrl+right", "tab(1)", id="ov.next_tab", priority=True, show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year = clock.today().year
        self.filter_unit: str | None = None
        self.filter_layer: str | None = None
        self.view: Overview | None = None
        self._tables: dict[str, list[str]] = {}
        self._units: list[str] = []
        self._fitted_to = 0

    def compose(self) -> ComposeResult:
        yield Header()
        years = [(str(y), y) for y in range(self.year, self.year - 6, -1)]
        with Horizontal(id="ov-filters"):
            yield Label(t("ov.filter.year"), classes="ov-filter-label")
            yield Select(years, value=self.year, allow_blank=False, id="ov-year", compact=True)
            yield Label(t("ov.filter.unit"), classes="ov-filter-label")
            yield Select(
                [(t("ov.all"), ALL)], value=ALL, allow_blank=False, id="ov-unit", compact=True
            )
            layers = plain_options((name, key) for key, name in self.pipeline.layer_names().items())
            yield Label(t("ov.filter.layer"), classes="ov-filter-label")
            yield Select(
                [(t("ov.all"), ALL), *layers],
                value=ALL,
                allow_blank=False,
                id="ov-layer",
                compact=True,
            )
        yield Static(t("ov.loading"), id="ov-total")
        yield Static("", id="ov-kinds")
        yield Static("", id="ov-responses")
        with TabbedContent(id="ov-tabs"):
            with TabPane(t("ov.tab.coverage"), id="ov-coverage"), VerticalScroll():
                yield Static(t("ov.per_unit"), classes="section-title")
                yield NamedTable(enter_id="ov.drill", id="ov-units", cursor_type="cell")
                yield Static(t("ov.per_layer"), classes="section-title")
                yield NamedTable(enter_id="ov.drill", id="ov-layers", cursor_type="cell")
            with TabPane(t("ov.tab.dimensions"), id="ov-dimensions"), VerticalScroll():
                yield Static(t("ov.heat"), classes="muted")
                yield NamedTable(enter_id="ov.drill", id="ov-heat", cursor_type="cell")
            with TabPane(t("ov.tab.weakest"), id="ov-weakest"), VerticalScroll():
                yield Static("", id="ov-weakest-text")
            with TabPane(t("ov.tab.due"), id="ov-due"):
                yield Static("", id="ov-due-none", classes="muted")
                yield NamedTable(enter_id="home.open", id="ov-due-table", cursor_type="row")
            with TabPane(t("ov.tab.answers"), id="ov-answers"):
                yield NamedTable(enter_id="home.open", id="ov-answers-table", cursor_type="row")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("ov.title")
        self.load()

    def on_screen_resume(self) -> None:
        """Back from a person's page (or the people behind a figure), where a conversation
        may have been held, a plan signed, the person moved or erased: the figures read
        again, the tab, filters and cursors as they were."""
        if self.view is not None:
            self.load()

    def relabel(self) -> None:
        self.sub_title = t("ov.title")
        self.refresh(recompose=True)
        self.call_after_refresh(self.load)

    @work(thread=True, exclusive=True, group="overview", exit_on_error=False)
    def load(self) -> None:
        from pipeline_tui import services

        repo = self.services.repo()
        view = services.overview(
            repo,
            self.services.pack(),
            self.year,
            unit=self.filter_unit,
            layer=self.filter_layer,
        )
        units = repo.people.units()
        # The people behind a figure are listed as they are now (home's list is read again
        # only when home is back): someone moved or met since it was read is shown so.
        rows = repo.people.rows(self.pipeline.yearly_kinds())
        self.app.call_from_thread(self._show, view, units, rows)

    def action_refresh(self) -> None:
        self.load()

    def action_tab(self, delta: int) -> None:
        """The previous or next tab shown (the 360° tab is hidden in a year without
        evaluations), its table taking the focus so that ↑/↓ and enter work at once."""
        tabs = self.query_one("#ov-tabs", TabbedContent)
        shown = [
            str(pane.id)
            for pane in tabs.query(TabPane)
            if pane.id and tabs.get_tab(pane.id).display
        ]
        if tabs.active not in shown:
            return
        active = shown[(shown.index(tabs.active) + delta) % len(shown)]
        tabs.active = active
        table = next(iter(tabs.get_pane(active).query(NamedTable)), None)
        if table is not None:
            self.set_focus(table)

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        value = event.value
        if event.select.id == "ov-year" and isinstance(value, int) and value != self.year:
            self.year = value
        elif event.select.id == "ov-unit" and self.filter_unit != _chosen(value):
            self.filter_unit = _chosen(value)
        elif event.select.id == "ov-layer" and self.filter_layer != _chosen(value):
            self.filter_layer = _chosen(value)
        else:
            return  # unchanged, e.g. the unit list refilled with the same choice
        self.load()

    # display

    def on_resize(self, event: events.Resize) -> None:
        """Refit the tables whose names give way at a narrow width."""
        if self.view is not None and event.size.width != self._fitted_to:
            self._fitted_to = event.size.width
            self.call_after_refresh(self._fill_tables, self.view)  # once laid out

    def _show(self, view: Overview, units: list[str], rows: list[PersonRow] | None = None) -> None:
        self.view = view
        if rows is not None:
            self.pipeline.people_rows = rows
        if self.filter_unit and self.filter_unit not in units:
            # The unit chosen, that its last person has left: still chosen, with no one in
            # it (not a value the list lacks, and not everyone's figures without a word).
            units = sorted([*units, self.filter_unit], key=name_key)
        if units != self._units:
            self._units = units
            unit_select = self.query_one("#ov-unit", Select)
            with unit_select.prevent(Select.Changed):
                unit_select.set_options([(t("ov.all"), ALL), *plain_options((u, u) for u in units)])
                unit_select.value = self.filter_unit or ALL
        total = view.coverage.total
        self.query_one("#ov-total", Static).update(
            t(
                "ov.total_one" if total.people == 1 else "ov.total",  # 1 person, not "1 people"
                people=total.people,
                offered=total.offered,
                offered_pct=locale().percent(total.share(total.offered)),
                held=total.held,
                signed=total.signed,
                signed_pct=locale().percent(total.share(total.signed)),
                overdue=total.overdue,
            )
        )
        self.query_one("#ov-kinds", Static).update(self._kinds_line(view))
        responses = self.query_one("#ov-responses", Static)
        responses.update(self._responses_line(view))
        responses.display = bool(view.responses)
        self._fill_answers(view)
        self._fill_tables(view)
        self._fill_weakest(view)

    def _kinds_line(self, view: Overview) -> str:
        """The year's conversations per kind and how many of them were held, e.g. "MUS 12
        (10 held) · LUS 5 (5 held)", as `pipeline-tui overview` says it: the count alone
        took in conversations only planned (a draft dated next week)."""
        if not view.kinds:
            return ""
        pack, lang = self.pipeline.pack, language()
        parts = []
        for kind, (count, held) in view.kinds.items():
            found = pack.kind(kind) if pack is not None else None
            name = found.name.get(lang) if found else t(f"kind.{kind}")
            parts.append(t("ov.kind", name=escape(name), n=count, held=held))
        return t("ov.kinds", kinds=" · ".join(parts))

    def _responses_line(self, view: Overview) -> str:
        """The response rate of the year's evaluations that asked peers, reports or others:
        all together, and of those whose links still take answers (not held: a reminder
        can still help) the one with the fewest answers; none named when all are held."""
        if not view.responses:
            return ""
        asked = sum(r.asked for r in view.responses)
        answered = sum(r.answered for r in view.responses)
        line = t(
            "ov.responses_one" if len(view.responses) == 1 else "ov.responses",
            answered=answered,
            asked=asked,
            pct=locale().percent(answered / asked if asked else None),
            n=len(view.responses),
        )
        today = clock.today()
        open_ = [r for r in view.responses if r.collecting(today)]
        if not open_:
            return line
        lowest = min(open_, key=lambda r: (r.share, r.held_on or date.min))
        person = view.people.get(lowest.person_id)
        return line + t(
            "ov.responses_lowest",
            name=escape(person.name if person else "–"),
            low_answered=lowest.answered,
            low_asked=lowest.asked,
        )

    def _fill_tables(self, view: Overview) -> None:
        self._fitted_to = self.size.width
        names = self.pipeline.layer_names()
        self._fill_coverage("#ov-units", view.coverage.by_unit, lambda k: k or "–")
        self._fill_coverage(
            "#ov-layers",
            view.coverage.by_layer,
            lambda k: names.get(k, k),
            shorter=lambda cell: Text(short_name(str(cell))),  # the note in brackets goes first
        )
        self._fill_heat(view)
        self._fill_due(view)

    def _fill_coverage(
        self,
        selector: str,
        rows: list[CoverageRow],
        label: Callable[[str], str],
        shorter: Callable[[Cell], Cell] | None = None,
    ) -> None:
        fill_table(
            self.query_one(selector, DataTable),
            [(t(key) if key else "", None) for key in COLUMNS],
            [
                (
                    row.key,
                    [
                        Text(label(row.key)),
                        str(row.people),
                        str(row.offered),
                        str(row.held),
                        bar(row.share(row.signed)),
                        Text(str(row.overdue), style="bold red" if row.overdue else ""),
                    ],
                )
                for row in rows
            ],
            shrink=0,
            shorter=shorter,
        )
        self._tables[selector] = [row.key for row in rows]

    def _fill_heat(self, view: Overview) -> None:
        pack = self.services.pack()  # loaded: the worker that read the view used it
        lang = language()
        shown = {d.layer for d in view.dimensions} | set(view.too_few)
        layers = [key for key in pack.layer_keys() if key in shown]
        names = self.pipeline.layer_names()
        rows: list[tuple[str | None, list[Cell]]] = []
        for dimension in pack.dimensions:
            cells: list[Cell] = [Text(dimension.name.get(lang))]
            for key in layers:
                found = next(
                    (
                        d
                        for d in view.dimensions
                        if d.layer == key and d.dimension_id == dimension.id
                    ),
                    None,
                )
                stat = found.manager if found else None
                if key in view.too_few:
                    cells.append(Text(t("ov.too_few_short"), style="dim"))
                elif stat is None or stat.mean is None:
                    cells.append(Text("–", style="dim"))
                else:
                    cells.append(
                        Text(
                            f"{number(stat.mean, 2)} ({number(stat.spread)})",
                            style=_heat_style(stat.mean),
                        )
                    )
            rows.append((dimension.id, cells))
        headers = [
            _folded(short_name(names.get(key, key)), [cells[i + 1] for _id, cells in rows])
            for i, key in enumerate(layers)
        ]
        heat = self.query_one("#ov-heat", DataTable)
        heat.header_height = max((header.count("\n") + 1 for header in headers), default=1)
        fill_table(heat, [("", None), *zip(headers, layers, strict=True)], rows)
        self._tables["#ov-heat"] = layers

    def _fill_weakest(self, view: Overview) -> None:
        pack = self.services.pack()  # loaded: the worker that read the view used it
        lang = language()
        names = self.pipeline.layer_names()
        text = Text()
        for layer in pack.layer_keys():
            if layer in view.too_few:
                text.append(names.get(layer, layer) + "\n", style="bold")
                text.append(f"  {t('ov.too_few', n=MIN_GROUP)}\n\n", style="dim")
                continue
            items = view.weakest.get(layer)
            if not items:
                continue
            text.append(names.get(layer, layer) + "\n", style="bold")
            for item in items:
                title = view.title(item.expectation_id, pack, lang)
                mean, own = item.manager.mean, item.self.mean
                text.append("  ")
                # One decimal, as every mean shown elsewhere (the heat map's has two).
                text.append(number(mean) if mean is not None else " – ", _heat_style(mean))
                text.append(f"  {title}")
                if own is not None:
                    text.append(f"  ({t('exp.self_short').lower()} {number(own)})", "dim")
                text.append("\n")
            text.append("\n")
        self.query_one("#ov-weakest-text", Static).update(
            text if text.plain else t("ov.no_data", year=view.year)
        )

    def _fill_due(self, view: Overview) -> None:
        names = self.pipeline.layer_names()
        seen: set[int] = set()
        rows: list[tuple[str | None, list[Cell]]] = []
        # The words of the people list on home, for the same people, in its order: one
        # whose follow-up comes soon and who has had no conversation this year reads "Due
        # this year" there (`core.due.status_key`), and read "Follow-up soon" here.
        this_year = view.year == clock.today().year
        for ids, reason in (
            (view.coverage.overdue, t("status.overdue")),
            (
                view.coverage.not_held,
                t("status.due") if this_year else t("ov.not_held", year=view.year),
            ),
            (view.coverage.due_soon, t("status.soon")),
        ):
            for pid in ids:
                if pid in seen:
                    continue
                seen.add(pid)
                person = view.people[pid]
                said = reason
                booked = view.years.get(pid)
                if booked and booked.planned_on:
                    # Booked, as home says it ("Overdue · planned", "Planned"), with the day.
                    if pid in view.coverage.overdue:
                        said = t("ov.overdue_planned", date=day(booked.planned_on))
                    elif this_year and pid in view.coverage.not_held:
                        said = t("ov.due_planned", date=day(booked.planned_on))
                cells: list[Cell] = [
                    Text(person.name),
                    Text(person.unit),
                    names.get(person.layer, person.layer),
                    said,
                ]
                rows.append((str(pid), cells))
        columns = [
            (t("home.col.name"), None),
            (t("home.col.unit"), None),
            (t("home.col.layer"), None),
            ("", None),
        ]
        fill_table(self.query_one("#ov-due-table", DataTable), columns, rows, shrink=2)
        # Nobody on the list: said, not an empty table under its headings ("⏎ Open" on it)
        none = self.query_one("#ov-due-none", Static)
        none.update(t("ov.due_none", year=view.year) if not rows else "")
        none.display = not rows
        self.query_one("#ov-due-table", DataTable).display = bool(rows)

    def _fill_answers(self, view: Overview) -> None:
        """Each evaluation of the year that asked peers, reports or others: who answered
        of those asked, the fewest answers first (where a reminder is needed). The tab is
        there only in a year that has any."""
        rows: list[tuple[str | None, list[Cell]]] = []
        for rate in sorted(view.responses, key=lambda r: (r.share, r.held_on or date.min)):
            person = view.people.get(rate.person_id)
            cells: list[Cell] = [
                Text(person.name if person else "–"),
                day(rate.held_on),
                t(f"status.{rate.status}"),
                str(rate.asked),
                str(rate.answered),
                locale().percent(rate.share if rate.asked else None),
            ]
            rows.append((str(rate.person_id), cells))
        columns = [
            (t("home.col.name"), None),
            (t("person.col.date"), None),
            (t("home.col.status"), None),
            (t("ov.col.asked"), None),
            (t("ov.col.answered"), None),
            (t("ov.col.rate"), None),
        ]
        fill_table(self.query_one("#ov-answers-table", DataTable), columns, rows, shrink=0)
        tabs = self.query_one("#ov-tabs", TabbedContent)
        if view.responses:
            tabs.show_tab("ov-answers")
        else:
            tabs.hide_tab("ov-answers")

    # drill-down

    def _people(self, what: str, ids: list[int]) -> None:
        from pipeline_tui.tui.screens.people_list import PeopleListScreen

        rows = [row for row in self.pipeline.people_rows if row.id in set(ids)]
        title = t("ov.drill_one" if len(ids) == 1 else "ov.drill", what=what, n=len(ids))
        self.app.push_screen(PeopleListScreen(title, rows))

    @on(DataTable.CellSelected, "#ov-units, #ov-layers")
    def _coverage_cell(self, event: DataTable.CellSelected) -> None:
        if self.view is None:
            return
        selector = f"#{event.data_table.id}"
        group = self._tables[selector][event.coordinate.row]
        field = "unit" if selector == "#ov-units" else "layer"
        label_key = COLUMNS[event.coordinate.column]
        pick = _pick(label_key, clock.today())
        chosen = [
            p.id
            for p in self.view.people.values()
            if getattr(p, field) == group and (pick is None or pick(self.view.years.get(p.id)))
        ]
        # As the row names it: "–" for the people with no unit (not ": 2 personer").
        title = self.pipeline.layer_names().get(group, group) if field == "layer" else group
        title = title or "–"
        what = f"{title} · {t(label_key)}" if label_key else title
        self._people(what, chosen)

    @on(DataTable.CellSelected, "#ov-heat")
    def _heat_cell(self, event: DataTable.CellSelected) -> None:
        if self.view is None or event.coordinate.column == 0:
            return
        layer = self._tables["#ov-heat"][event.coordinate.column - 1]
        chosen = [
            p.id
            for p in self.view.people.values()
            if p.layer == layer and (y := self.view.years.get(p.id)) is not None and y.held
        ]
        self._people(self.pipeline.layer_names().get(layer, layer), chosen)

    @on(DataTable.RowSelected, "#ov-due-table, #ov-answers-table")
    def _due_row(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.pipeline.open_person(int(event.row_key.value))
