"""A person: their conversations over time, the current plan, and how things moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from pipeline_tui import clock
from pipeline_tui.core.due import shown_status
from pipeline_tui.core.history import (
    DimensionTrend,
    current_plan,
    draft_plan,
    progress,
    trends,
)
from pipeline_tui.packs.light import short_name
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import (
    ConversationDetail,
    ConversationSummary,
    PersonRecord,
    PlanRecord,
)
from pipeline_tui.tui.i18n import binding, day, language, locale, number, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.screens.base import PipelineScreen
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.named_table import NamedTable
from pipeline_tui.tui.widgets.tables import Cell, fill_table, room
from pipeline_tui.vocabulary import goal_glyph

# What needs a conversation on the page to act on.
CONVERSATION_ACTIONS = frozenset({"open", "print", "delete_conversation"})

# Columns of the screen the trend cannot use: the page's padding and its scroll bar.
TREND_MARGIN = 4


@dataclass(frozen=True)
class PersonView:
    person: PersonRecord
    conversations: list[ConversationSummary]
    # None while still being read: the plan, the trend and the goals wait for it, the
    # conversations table does not.
    history: list[tuple[ConversationDetail, ConversationContent]] | None = None


class PersonScreen(PipelineScreen[None]):
    BINDINGS = [
        binding("n", "new_conversation", id="person.new"),
        binding("enter", "open", id="person.open"),
        binding("p", "print", id="person.print"),
        binding("e", "edit_person", id="person.edit"),
        binding(
            "delete,f8", "delete_conversation", id="person.delete", key_display="Del/F8", show=False
        ),
        binding("x", "erase_person", id="person.erase", show=False),
        binding("escape", "back", id="back"),
    ]

    def __init__(self, person_id: int) -> None:
        super().__init__()
        self.person_id = person_id
        self.view: PersonView | None = None
        self._fitted_to = 0
        self._filled_for = 0  # the room the conversations table was filled for

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="person-page"):
            yield Static("", id="person-head")
            yield Static(t("person.conversations"), classes="section-title", id="person-conv-title")
            yield NamedTable(
                enter_id="person.open",
                id="person-conversations",
                cursor_type="row",
                zebra_stripes=True,
            )
            yield Static("", id="person-no-conversations", classes="muted")
            yield Static(t("person.plan"), classes="section-title", id="person-plan-title")
            yield Static("", id="person-plan")
            yield Static(t("person.trend"), classes="section-title", id="person-trend-title")
            yield Static("", id="person-trend")
            yield Static(t("person.goal_history"), classes="section-title", id="person-goals-title")
            yield Static("", id="person-goals")
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        """Read the person on showing the screen (the first time too: once, not twice, so
        the table is not emptied and refilled under the first Enter)."""
        self.load()

    def on_resize(self, event: events.Resize) -> None:
        """Refit the conversation table, whose kind column gives way at a narrow width."""
        if self.view is not None and event.size.width != self._fitted_to:
            self._fitted_to = event.size.width
            self.call_after_refresh(self._show_conversations, self.view)  # once laid out
            if self.view.history is not None:
                self._show_trend(self.view)

    def relabel(self) -> None:
        for widget_id, key in (
            ("person-conv-title", "person.conversations"),
            ("person-plan-title", "person.plan"),
            ("person-trend-title", "person.trend"),
            ("person-goals-title", "person.goal_history"),
        ):
            self.query_one(f"#{widget_id}", Static).update(t(key))
        if self.view is not None:
            self._show(self.view)

    @work(thread=True, exclusive=True, group="person-load", exit_on_error=False)
    def load(self) -> None:
        """The person and their conversations first (one quick read: the table is filled at
        once), then every conversation whole for the plan, the trend and the goals (one read
        per conversation, seconds for a long history on a busy machine)."""
        worker = get_current_worker()
        repo = self.services.repo()
        person = repo.people.get(self.person_id)
        conversations = repo.conversations.list(person_id=self.person_id)
        if worker.is_cancelled:  # a newer read is on its way
            return
        self.app.call_from_thread(self._show, PersonView(person, conversations))
        history = self.read_history(conversations)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, PersonView(person, conversations, history))

    def read_history(
        self, conversations: list[ConversationSummary]
    ) -> list[tuple[ConversationDetail, ConversationContent]]:
        from pipeline_tui import services
        from pipeline_tui.errors import ErasedError, NotFoundError

        repo = self.services.repo()
        history = []
        for summary in conversations:
            try:
                detail = repo.conversations.detail(summary.id)
            except NotFoundError as error:
                if error.reason != "conversation" or isinstance(error, ErasedError):
                    raise  # the person erased: home, with the notice
                # Deleted since the list was read (here, or elsewhere): the read that the
                # deletion starts shows the page without it. The person is still there.
                continue
            history.append((detail, services.conversation_content(detail)))
        return history

    # display

    def _show(self, view: PersonView) -> None:
        self.view = view
        person = view.person
        names = self.pipeline.layer_names()
        self.sub_title = person.name
        details = [
            esc(part)
            for part in (person.title, person.unit, names.get(person.layer, person.layer))
            if part
        ]
        second = []
        if person.manager_name:
            second.append(f"{t('person.manager')}: {esc(person.manager_name)}")
        if person.email:
            second.append(esc(person.email))
        self.query_one("#person-head", Static).update(
            f"[b]{esc(person.name)}[/b]\n{' · '.join(details)}\n[dim]{' · '.join(second)}[/dim]"
        )
        self._show_conversations(view)
        self.refresh_bindings()  # the keys that need a conversation (`check_action`)
        if view.history is None:  # said in words: an animated indicator kept the screen
            # so busy on a loaded machine that the table's new rows were not laid out
            for widget_id in ("#person-plan", "#person-trend", "#person-goals"):
                self.query_one(widget_id, Static).update(f"[dim]{t('person.reading')}[/dim]")
        else:
            self._show_plan(view)
            self._show_trend(view)
            self._show_goals(view)

    def _show_conversations(self, view: PersonView) -> None:
        table = self.query_one(DataTable)
        names = self.pipeline.layer_names()
        columns = [
            (t("person.col.date"), None),
            (t("person.col.kind"), None),
            (t("home.col.status"), None),
            (t("plan.goals"), None),
            (t("person.col.follow_up"), None),
        ]
        # "Lederevaluering · Funktionsleder", said "Evaluering · Funktionsleder" where the
        # column is too narrow for it (`fill_table`'s `shorter`) before it is cut with "…"
        shorter: dict[Cell, Cell] = {}
        rows: list[tuple[str | None, list[Cell]]] = []
        today = clock.today()  # a conversation dated ahead reads "Planned", as on home
        for c in view.conversations:
            layer = short_name(names.get(c.layer, c.layer))  # whole in the heading above
            said = f"{t(f'kind.{c.kind}')} · {layer}"
            short = locale().get(f"kind_short.{c.kind}")
            if short is not None:
                shorter[said] = f"{short} · {layer}"
            cells: list[Cell] = [
                day(c.held_on),
                said,
                t(f"status.{shown_status(c.status, c.held_on, today)}"),
                str(c.goals),
                day(c.follow_up_on),
            ]
            rows.append((str(c.id), cells))
        fill_table(table, columns, rows, shrink=1, shorter=lambda cell: shorter.get(cell, cell))
        self._filled_for = room(table)
        self._fitted_to = self.size.width
        self.call_after_refresh(self._refit, view)
        table.display = bool(view.conversations)
        self.query_one("#person-no-conversations", Static).update(
            "" if view.conversations else t("person.no_conversations")
        )

    def _refit(self, view: PersonView) -> None:
        """Fill the table again if it was filled for a width it did not get.

        The data can arrive before the page's first layout (the table has no width yet)
        or before the page's scrollbar appears; the columns were then sized for more room
        than the table has, and it was drawn cut off and scrolled.
        """
        found = self.query("#person-conversations").results(DataTable)
        table = next(found, None)
        if table is None:  # the page went meanwhile (the person was erased, Esc)
            return
        if view is self.view and table.size.width and room(table) != self._filled_for:
            self._show_conversations(view)
        elif view is self.view and table.row_count and table.size.height <= 1:
            # Rows added before the page's first layout can miss it (seen under load: the
            # table kept the height of its header, its rows drawn nowhere): lay it out again.
            table.refresh(layout=True)
            self.refresh(layout=True)

    def _show_plan(self, view: PersonView) -> None:
        """The signed plan in force; a newer unsigned one below it, headed by its state.

        Goal titles wrap under their text, not under the mark before them.
        """
        found = current_plan(view.history or [])
        draft = draft_plan(view.history or [])
        paragraphs: list[tuple[str, str]] = []
        if found is None:
            # With an unsigned plan below: "No development plan yet." above a completed
            # conversation's plan of two goals said the opposite of what followed.
            none = t("person.no_signed_plan" if draft is not None else "person.no_plan")
            paragraphs.append(("", f"[dim]{none}[/dim]"))
        else:
            detail, plan = found
            held = day(detail.conversation.held_on)
            paragraphs.append(("", f"[dim]{t('person.signed_on', date=held)}[/dim]"))
            paragraphs.extend(_goal_lines(plan))
            if plan.follow_up_on:
                when = day(plan.follow_up_on)
                paragraphs.append(("", t("person.follow_up", date=when)))
        if draft is not None:
            detail, plan = draft
            held = day(detail.conversation.held_on)
            status = detail.conversation.status
            # Named by its conversation's state: a completed conversation's plan is no
            # draft (it read "Draft, not signed" as if it had been left half-done).
            heading = t(f"person.plan_of.{status}", date=held)
            style = "b" if status == "completed" else "b $text-warning"
            paragraphs.append(("", ""))
            paragraphs.append(("", f"[{style}]{heading}[/]"))
            paragraphs.extend(_goal_lines(plan))
        self.query_one("#person-plan", Static).update(Hanging(*paragraphs))

    def _show_trend(self, view: PersonView) -> None:
        columns, rows = trends(view.history or [])
        widget = self.query_one("#person-trend", Static)
        if not columns or not rows:
            widget.update(f"[dim]{t('summary.nothing')}[/dim]")
            return
        shown = columns[-4:]
        offset = len(columns) - len(shown)
        lang = language()
        # Each column under its year; two in one year (a LUS and a leadership evaluation)
        # under month and year as the language writes them (03.2026, Mar 2026; it was
        # ISO's 2026-03 in both), where both said "2026".
        years = [c[:4] for c in shown]
        if len(set(years)) == len(years):
            labels = years
        else:
            labels = [locale().month(date.fromisoformat(c)) for c in shown]
        cell = max(7, *(len(label) + 2 for label in labels))
        # The names as long as the screen has room for beside the figures (a fixed 28
        # cut "Collaboration and relationships" at 100 columns with half the line empty).
        room_for_names = self.size.width - TREND_MARGIN - 1 - cell * len(shown) - 2
        width = max(len(_name(row, lang)) for row in rows)
        width = max(min(width, room_for_names), 12)
        header = " " * (width + 1) + "".join(f"{label:>{cell}}" for label in labels)
        lines = [f"[dim]{header}[/dim]"]
        for row in rows:
            cells = []
            for point in row.points[offset:]:
                value = point.manager_mean if point else None
                cells.append(f"{number(value):>{cell}}")
            change = row.change(offset)  # of the columns shown, as their figures
            arrow = ""
            if change is not None and abs(change) >= 0.25:
                arrow = " [$text-success]↑[/]" if change > 0 else " [$text-error]↓[/]"
            name = _name(row, lang)
            name = name if len(name) <= width else name[: width - 1] + "…"
            lines.append(f"{esc(name):<{width}} {''.join(cells)}{arrow}")
        # A promotion within the columns shown: say that the arrows compare one layer only
        # (`DimensionTrend.change`), and from when the latest layer's figures stand.
        layers = [
            next((p.layer for row in rows if (p := row.points[index]) is not None), "")
            for index in range(offset, len(columns))
        ]
        if len(set(layers)) > 1:
            since = len(layers) - next(
                n for n, layer in enumerate(reversed(layers)) if layer != layers[-1]
            )
            name = self.pipeline.layer_names().get(layers[-1], layers[-1])
            said = t("person.trend_layer_changed", layer=name, since=labels[since])
            lines.append(f"[dim]{esc(said)}[/dim]")
        widget.update("\n".join(lines))

    def _show_goals(self, view: PersonView) -> None:
        paragraphs: list[tuple[str, str]] = []
        today = clock.today()
        # The day of the plan each goal is in: a goal carried over says where from (a bare
        # "↪" after its title, wrapped alone onto a line of its own, said nothing).
        planned_on = {
            goal.id: detail.conversation.held_on
            for detail, _content in view.history or []
            if detail.plan is not None
            for goal in detail.plan.goals
        }
        for detail, _content in view.history or []:
            plan = detail.plan
            if plan is None or not plan.goals:
                continue
            record = detail.conversation
            heading = f"{day(record.held_on)} {t(f'kind.{record.kind}')}"
            # Each plan with its state: a plan still being written was listed as though
            # agreed, under the same plain heading as the signed one before it.
            status = t(f"status.{shown_status(record.status, record.held_on, today)}")
            paragraphs.append(("", f"[b]{heading}[/b] [dim]· {status}[/dim]"))
            for goal in plan.goals:
                mark = goal_glyph(goal.status)
                note = f" [dim]– {esc(goal.review_note)}[/dim]" if goal.review_note else ""
                carried = ""
                if goal.carried_from_id:
                    source = planned_on.get(goal.carried_from_id)
                    said = (
                        t("person.carried_from", date=day(source))
                        if source
                        else t("review.carried_mark")
                    )
                    carried = f" [dim]↪ {said}[/dim]"
                paragraphs.append((f"  {mark} ", f"{esc(goal.title)}{carried}{note}"))
        widget = self.query_one("#person-goals", Static)
        if paragraphs:
            widget.update(Hanging(*paragraphs))
        else:
            widget.update(f"[dim]{t('person.no_plan')}[/dim]")

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Open, print and delete need a conversation: without one the footer offered
        "⏎ Open" and "p Print", which did nothing."""
        if action in CONVERSATION_ACTIONS and not (self.view and self.view.conversations):
            return False
        return super().check_action(action, parameters)

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if self.view is None or not self.view.conversations or table.cursor_row < 0:
            return None
        return self.view.conversations[table.cursor_row].id

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.pipeline.open_conversation(int(event.row_key.value))

    def action_open(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.pipeline.open_conversation(selected)

    def action_new_conversation(self) -> None:
        self.pipeline.start_conversation(self.person_id)

    def action_print(self) -> None:
        selected = self._selected()
        if selected is not None:
            self.pipeline.print_plan(selected)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit_person(self) -> None:
        from pipeline_tui.tui.screens.add_person import AddPersonScreen

        def edited(_id: int | None) -> None:
            self.load()

        if self.view is not None:
            self.app.push_screen(AddPersonScreen(self.view.person), edited)

    def action_delete_conversation(self) -> None:
        from pipeline_tui.tui.screens.person_changes import delete_conversation

        selected = self._selected()
        if selected is not None and self.view is not None:
            summary = next(c for c in self.view.conversations if c.id == selected)
            delete_conversation(self, summary)

    def action_erase_person(self) -> None:
        from pipeline_tui.tui.screens.person_changes import erase_person

        if self.view is not None:
            erase_person(self, self.view.person)


def _goal_lines(plan: PlanRecord) -> list[tuple[str, str]]:
    """A goal as (mark, title) and (indent, progress) paragraphs for `Hanging`."""
    lines = []
    for goal in plan.goals:
        done, total = progress(goal)
        due = f" · {day(goal.due_on)}" if goal.due_on else ""
        status = t(f"plan.goal_status.{goal.status}")
        lines.append((f"{goal_glyph(goal.status)} ", f"[b]{esc(goal.title)}[/b]"))
        lines.append(("   ", f"{t('person.actions_done', done=done, total=total)} · {status}{due}"))
    return lines


def _name(row: DimensionTrend, lang: str) -> str:
    return row.name.get(lang) or next(iter(row.name.values()), row.dimension_id)
