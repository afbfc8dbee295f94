"""Home: everyone, searchable, with what is due.

Type to search: every letter and digit typed on home goes to the search box, so a
name is never taken for a command ("anna" once opened "add person"). The commands
are on ctrl keys, the same wherever the focus is; up/down/PgUp/PgDn and enter act
on the list from the search box too; esc clears the search.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Input, Static

from pipeline_tui import clock
from pipeline_tui.core.due import follow_up_state, has_conversation_this_year
from pipeline_tui.records import PersonRow
from pipeline_tui.tui.i18n import binding, t
from pipeline_tui.tui.screens.base import PipelineScreen
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.paste import PlainPaste
from pipeline_tui.tui.widgets.people_table import PeopleTable

FILTERS = ("all", "due", "overdue", "soon")


class SearchInput(PlainPaste, Input):
    """The search box: up/down/enter act on the list below while typing."""

    BINDINGS = [
        Binding("down", "list('cursor', 1)", show=False),
        Binding("up", "list('cursor', -1)", show=False),
        Binding("pagedown", "list('page', 1)", show=False),
        Binding("pageup", "list('page', -1)", show=False),
        Binding("escape", "leave", show=False),
    ]

    def action_list(self, name: str, delta: int) -> None:
        table = self.screen.query_one(PeopleTable)
        getattr(table, f"action_{name}")(delta)

    def action_leave(self) -> None:
        self.value = ""
        self.screen.query_one(PeopleTable).focus()


class HomeScreen(PipelineScreen[None]):
    # The list has the focus from the first frame. Textual would focus the first focusable
    # widget (the search box) until on_mount moves it: keys typed while the app starts
    # landed there, and "o" became a search instead of the overview.
    AUTO_FOCUS = "#people"
    HELP_NOTE = "help.home"
    # Priority: the search box must not swallow them while it has the focus.
    BINDINGS = [
        binding("enter", "open", id="home.open"),
        binding("ctrl+n", "new_conversation", id="home.new", priority=True),
        binding("ctrl+t", "add_person", id="home.add", priority=True),
        binding("ctrl+f", "cycle_filter", id="home.filter", priority=True),
        binding("ctrl+o", "overview", id="home.overview", priority=True),
        binding("f3", "app.content_browser", id="home.content", show=False),  # F1 lists it
        binding("slash", "search", id="home.search", show=False),
        binding("escape", "clear_search", id="home.clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.today = clock.today()
        self.filter = "all"
        self._predicates: dict[str, Callable[[PersonRow], bool]] = {}
        self._counted: tuple[int, dict[str, object]] | None = None  # (table generation, counts)
        self._partial_total: int | None = None  # people in all, while only the first are shown
        self._search_pending = False  # the search box is taking the focus (see on_key)
        self._open_when_read = False  # enter found no match among the first: try the rest
        self._select_when_read: int | None = None  # a person just added: the cursor goes there

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-bar"):
            yield SearchInput(
                placeholder=t("home.search"), id="search", compact=True, select_on_focus=False
            )
            yield Static("", id="home-count")
        yield Static("", id="home-filters")
        yield PeopleTable(today=self.today, id="people")
        yield Static("", id="home-empty")
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(PeopleTable)
        table.focus()
        services = self.services
        rows = services.initial_rows
        if rows is not None:
            services.initial_rows = None
            total = services.initial_total
            complete = total is None or total == len(rows)
            self._show(rows, total=None if complete else total)
            if not complete:
                self.call_after_refresh(self._read_rest)
        else:
            self.reload()
        self.watch(self.app, "backend_ready", self._backend_ready, init=False)

    def _backend_ready(self, ready: bool) -> None:
        if ready:
            table = self.query_one(PeopleTable)
            table.set_rows(table.rows(), self.pipeline.layer_names())
            if self.pipeline.yearly_kinds() != self.services.yearly_kinds:
                self.reload()  # read before the pack's kinds were known: count its yearly ones

    def on_screen_resume(self) -> None:
        if self.pipeline.backend_ready:
            self.reload()
        # Back from a person's page with the search still in the box: the next name typed
        # replaces it ("ahmed" after "anna" made "annaahmed" and found no one); the arrow
        # keys and End keep it to add to.
        search = self.query_one(SearchInput)
        if search.value:
            search.select_all()

    def relabel(self) -> None:
        self.query_one(SearchInput).placeholder = t("home.search")
        table = self.query_one(PeopleTable)
        table.set_rows(table.rows(), self.pipeline.layer_names())
        self._update_bars()

    @work(thread=True, exclusive=True, group="home-load", exit_on_error=False)
    def reload(self) -> None:
        rows = self.services.repo().people.rows(self.pipeline.yearly_kinds())
        self.app.call_from_thread(self._show, rows)

    @work(thread=True, exclusive=True, group="home-load", exit_on_error=False)
    def _read_rest(self) -> None:
        """The whole list, after the first screenful: straight from the file, as that was."""
        from pipeline_tui.store.home import read_people_rows

        path = self.services.settings.db_path
        yearly = self.services.yearly_kinds  # as the first screenful was read
        rows = read_people_rows(path, yearly) if path is not None else None
        if rows is None:  # changed under us (upgraded, busy): the storage layer reads it
            rows = self.services.repo().people.rows(self.pipeline.yearly_kinds())
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[PersonRow], total: int | None = None) -> None:
        """Show `rows`: everyone, or the first of `total` people while the rest is read."""
        self._partial_total = total
        if total is None:
            self.pipeline.people_rows = rows
        table = self.query_one(PeopleTable)
        current = table.current
        table.set_rows(rows, self.pipeline.layer_names())
        self._refilter(keep=current.id if current else None)
        self.refresh_bindings()  # open and new conversation: offered once someone is there
        added, self._select_when_read = self._select_when_read, None
        if added is not None and total is None:
            self._select(added)
        if total is None and self._open_when_read:
            self._open_when_read = False
            self.action_open()

    # filtering

    def _predicate(self) -> Callable[[PersonRow], bool] | None:
        """The filter's test of a row: the same one while the filter stays (the table then
        searches on among what it found as the search is typed on)."""
        kept = self._predicates.get(self.filter)
        if kept is not None or self.filter == "all":
            return kept
        today = self.today
        if self.filter == "due":
            kept = lambda row: not has_conversation_this_year(row, today)  # noqa: E731
        elif self.filter in ("overdue", "soon"):
            wanted = self.filter
            kept = lambda row: follow_up_state(row, today) == wanted  # noqa: E731
        else:
            return None
        self._predicates[self.filter] = kept
        return kept

    def _refilter(self, keep: int | None = None) -> None:
        """Apply the search and the filter; the cursor stays on the person `keep` if shown."""
        table = self.query_one(PeopleTable)
        table.set_filter(self.query_one(SearchInput).value, self._predicate(), keep)
        self._update_bars()

    def _counts(self, table: PeopleTable) -> dict[str, object]:
        """How many people each filter shows: counted once per list read, not per keystroke."""
        if self._counted is None or self._counted[0] != table.generation:
            rows = table.rows()
            today = self.today
            states = [follow_up_state(r, today) for r in rows]
            counts: dict[str, object] = {
                "all": len(rows),
                "due": sum(1 for r in rows if not has_conversation_this_year(r, today)),
                "overdue": states.count("overdue"),
                "soon": states.count("soon"),
            }
            self._counted = (table.generation, counts)
        return self._counted[1]

    def _update_bars(self) -> None:
        table = self.query_one(PeopleTable)
        partial = self._partial_total
        counts = self._counts(table)
        if partial is not None:  # the first screenful: the figures follow with the rest
            counts = {"all": partial} | dict.fromkeys(FILTERS[1:], "…")
        parts = []
        for name in FILTERS:
            label = f"{t(f'home.filter.{name}')} {counts[name]}"
            parts.append(f"[reverse]{label}[/reverse]" if name == self.filter else label)
        self.query_one("#home-filters", Static).update(
            f"[b]{t('home.filter.label')}[/b] [dim]^f[/dim] " + " · ".join(parts)
        )
        self.query_one("#home-count", Static).update(
            t(
                "home.count",
                shown=table.shown if partial is None else "…",
                total=table.total if partial is None else partial,
            )
        )
        empty = self.query_one("#home-empty", Static)
        if table.total == 0:
            empty.update(t("home.empty"))
        elif table.shown == 0:
            empty.update(t("home.no_match"))
        empty.display = table.shown == 0

    @on(Input.Changed, "#search")
    def _search_changed(self, _event: Input.Changed) -> None:
        self._open_when_read = False  # typed on after enter: not what enter was for
        self._refilter()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, _event: Input.Submitted) -> None:
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        """Type to search: a printable key on the list goes to the search box, as a new
        search.

        The box takes the focus only after the keys already waiting (typed fast, or
        pasted by a terminal): until then they go to the box as well, the keys that
        are commands on the list included, so that no letter is lost or acted on. A key
        already handed to the list when the focus moves still reaches the box.
        """
        if not (event.is_printable and event.character):
            return
        table = self.query_one(PeopleTable)
        search = self.query_one(SearchInput)
        if self.focused is table:
            if event.character in "/?" and not self._search_pending:
                return  # the search box and help
            if not self._search_pending:
                # A name typed on the list is a new search: it replaces the one left in the
                # box (back from a person's page, "ahmed" made "annaahmed" and found no one);
                # to add to it, "/" goes to the box.
                search.value = ""
                search.focus()
                self._search_pending = True
        elif self.focused is not search:
            return
        # With the focus in the box, a printable key reaching the screen was read while the
        # list still had the focus (the box keeps every key it is sent): it goes in too.
        search.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self._search_pending = False

    @on(PeopleTable.Opened)
    def _opened(self, event: PeopleTable.Opened) -> None:
        self.pipeline.open_person(event.person_id)

    # actions

    def action_open(self) -> None:
        current = self.query_one(PeopleTable).current
        if current is not None:
            self.pipeline.open_person(current.id)
        elif self._partial_total is not None:
            # A name typed and enter pressed while only the first screenful is read: the
            # person may be further down the list. Enter opens the first match once the
            # rest is there (`_show`), unless the search is changed before.
            self._open_when_read = True

    def action_search(self) -> None:
        self.query_one(SearchInput).focus()

    def action_clear_search(self) -> None:
        self.query_one(SearchInput).action_leave()

    def action_cycle_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self._refilter()

    def action_new_conversation(self) -> None:
        current = self.query_one(PeopleTable).current
        if current is not None:
            self.pipeline.start_conversation(current.id)

    def action_add_person(self) -> None:
        from pipeline_tui.tui.screens.add_person import AddPersonScreen

        def added(person_id: int | None) -> None:
            if person_id is not None:
                self._select_when_read = person_id
                self.reload()

        self.app.push_screen(AddPersonScreen(), added)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Open and a new conversation need someone: with no one in the database yet they
        are not offered (the empty list says how to add people)."""
        if action in ("open", "new_conversation") and self._partial_total is None:
            tables = self.query(PeopleTable)
            if tables and tables.first().total == 0:
                return False
        return super().check_action(action, parameters)

    def _select(self, person_id: int) -> None:
        """The cursor on `person_id` (just added: n starts their conversation, enter opens
        them); a search or a filter that hides them is cleared first."""
        table = self.query_one(PeopleTable)
        self._refilter(keep=person_id)
        if table.current is None or table.current.id != person_id:
            search = self.query_one(SearchInput)
            with search.prevent(Input.Changed):
                search.value = ""
            self.filter = "all"
            self._refilter(keep=person_id)
        table.focus()

    def action_overview(self) -> None:
        self.pipeline.open_overview()
