"""The conversation, step by step in the order of the deck's playbook.

The screen owns the conversation's one state, its `ConversationSession`
(`tui/session.py`): the loaded conversation and its content (from the stored
snapshot), the active party, read-only state and the way answers are written.
Each step is a pane in `tui/steps/` that is handed the session and reads from
it. The conversation is read again on entering a step, and whenever another
session changed it (its rows' versions are compared every few seconds while
nothing of ours is waiting to be written), so a step always shows what the
others wrote. Answers that could not be saved in an earlier run are offered
back when the conversation opens.
"""

from __future__ import annotations

from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.widgets import ContentSwitcher, Header, Static

from pipeline_tui.errors import ConflictError, StorageError
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import ConversationDetail
from pipeline_tui.recovery import Entry
from pipeline_tui.tui.i18n import binding, plural, t
from pipeline_tui.tui.leaving import leaving
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.screens.base import PipelineScreen
from pipeline_tui.tui.session import STEP_KEY, ConversationSession
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.date_input import typed_dates_lines, typed_dates_question
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.step_bar import StepBar
from pipeline_tui.tui.widgets.type_ahead import HoldsKeys
from pipeline_tui.vocabulary import STEPS

# How often to ask whether another session changed the conversation (seconds).
CHANGES_INTERVAL = 2.0


def _pane_kinds() -> dict[str, type[StepPane]]:
    from pipeline_tui.tui.steps.cards import CardsPane
    from pipeline_tui.tui.steps.expectations import ExpectationsPane
    from pipeline_tui.tui.steps.plan import PlanPane
    from pipeline_tui.tui.steps.setup import SetupPane
    from pipeline_tui.tui.steps.signoff import SignoffPane
    from pipeline_tui.tui.steps.summary import SummaryPane

    kinds = (SetupPane, ExpectationsPane, CardsPane, SummaryPane, PlanPane, SignoffPane)
    return {kind.STEP: kind for kind in kinds}


class ConversationScreen(HoldsKeys, PipelineScreen[None]):
    # The footer at 80 columns holds a step's own keys, the steps and F1; Esc and
    # the palette are left to the help screen (F1).
    BINDINGS = [
        binding("ctrl+left", "step(-1)", id="conv.prev", priority=True, grouped=True),
        binding("ctrl+right", "step(1)", id="conv.next", priority=True, grouped=True),
        binding("escape", "back", id="back", show=False),
        binding("f2", "role", id="conv.role", priority=True, show=False),  # F1 and setup name it
    ]

    def __init__(self, conversation_id: int, step: str | None = None) -> None:
        super().__init__()
        self.conversation_id = conversation_id
        self.step = step
        self._offered = False
        self._checking = False
        self._read_at = 0  # the autosave writes that were in the last read of the conversation
        self._ready: set[str] = set()  # the steps whose panes are mounted and composed

    def compose(self) -> ComposeResult:
        self.session = ConversationSession(self.pipeline, self.conversation_id)
        self.session.reload = self.reload
        self.session.on_gone = self._gone
        yield Header()
        yield StepBar(STEPS, id="step-bar")
        yield Static("", id="readonly-banner")
        # A step's pane is mounted when the step is first entered (`_enter`), not all six
        # up front: a conversation opens in half the time, and a screen with fewer widgets
        # is quicker to restyle whenever a dialog over it closes.
        yield ContentSwitcher(id="steps")
        yield SteadyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        if leaving(self):  # closed as soon as it was opened: none of its parts were mounted
            return
        self.query_one("#readonly-banner").display = False
        self.set_interval(CHANGES_INTERVAL, self._check_changes)
        self.reload()

    def relabel(self) -> None:
        self.query_one(StepBar).refresh(recompose=True)
        self._say_title()
        self._show_current()

    def _say_title(self) -> None:
        """The header's subtitle and the read-only banner, in the language of the moment."""
        detail = self.session.detail
        if detail is None:
            return
        record = detail.conversation
        self.sub_title = t("conv.title", kind=t(f"kind.{record.kind}"), name=record.person_name)
        self.query_one("#readonly-banner", Static).update(t("conv.readonly"))

    # loading

    @property
    def detail(self) -> ConversationDetail | None:
        return self.session.detail

    @property
    def content(self) -> ConversationContent | None:
        return self.session.content

    @property
    def rater(self) -> str:
        return self.session.rater

    @property
    def readonly(self) -> bool:
        return self.session.readonly

    @work(thread=True, exclusive=True, group="conversation-load", exit_on_error=False)
    def reload(self) -> None:
        from pipeline_tui import services

        written = self.pipeline.saver.written  # every answer written up to here is in the read
        repo = self.services.repo()
        detail = repo.conversations.detail(self.conversation_id)
        content = services.conversation_content(detail)
        layer = repo.people.get(detail.conversation.person_id).layer
        self.app.call_from_thread(self._loaded, detail, content, written, layer)

    def _loaded(
        self,
        detail: ConversationDetail,
        content: ConversationContent,
        written: int,
        person_layer: str | None = None,
    ) -> None:
        first = self.session.detail is None
        if not first and self.pipeline.saver.written > written:
            # An answer landed while this was read and may be missing from it (its result
            # is folded in already): read again rather than show it undone.
            self.reload()
            return
        self.session.person_layer = person_layer
        self.session.load(detail, content)
        self._read_at = written
        steps = self.session.steps
        self.query_one(StepBar).set_steps(steps)
        record = detail.conversation
        self._say_title()
        self.query_one("#readonly-banner").display = self.readonly
        if first:
            self._enter(self._kept_step(self.step or record.step, steps))
            self._offer_recovered()
            moved = self.session.layer_moved()
            if moved is not None:
                self.notify(t("conv.layer_moved", name=record.person_name, layer=moved), timeout=10)
        elif self.step not in steps:  # the kind was changed to one without this step
            self._enter(self._kept_step(self.step, steps))
        else:
            self._show_current()

    @staticmethod
    def _kept_step(step: str | None, steps: tuple[str, ...]) -> str:
        """`step` if the kind has it, else the kind's first step after it (or its last step)."""
        if step in steps:
            return step
        if step in STEPS:
            later = [s for s in STEPS[STEPS.index(step) :] if s in steps]
            return later[0] if later else steps[-1]
        return steps[0]

    def _pane_kinds(self) -> dict[str, type[StepPane]]:
        """The pane of each step this screen can show."""
        return _pane_kinds()

    def _pane(self, step: str) -> StepPane:
        return self.query_one(f"#step-{step}", StepPane)

    def _current_pane(self) -> StepPane | None:
        """The pane of the step shown, once it is mounted (None while it is being mounted)."""
        return self._pane(self.step) if self.step in self._ready else None

    def _show_current(self) -> None:
        pane = self._current_pane()
        if self.session.loaded and pane is not None:
            pane.show()

    # changes made elsewhere

    def _check_changes(self) -> None:
        saver = self.pipeline.saver
        if (
            self._checking
            or not self.session.loaded
            or not saver.idle
            or self.app.screen is not self
        ):
            return
        self._checking = True
        self._read_versions(saver.written)

    @work(thread=True, exclusive=True, group="conversation-versions", exit_on_error=False)
    def _read_versions(self, written: int) -> None:
        try:
            versions = self.services.repo().conversations.versions(self.conversation_id)
        except StorageError as error:
            if error.transient:
                # The database cannot be read now (its server stopped or restarting, a
                # lock): nothing of ours waits, so nothing is unsaved and there is nothing
                # to tell; the next check asks again. A write meanwhile shows why it waits.
                return
            raise
        finally:
            self.app.call_from_thread(setattr, self, "_checking", False)
        self.app.call_from_thread(self._versions_read, versions, written)

    def _versions_read(self, versions: frozenset[tuple[str, int, int]], written: int) -> None:
        detail = self.session.detail
        saver = self.pipeline.saver
        if detail is None or saver.written != written or not saver.idle:
            return  # our own writes moved on meanwhile: ask again next time
        held = detail.versions()
        if versions == held:
            return
        # Our own first answer moves the conversation from draft to in progress (its row
        # gets a new version the answer's result does not carry): read it again, but that
        # is no change made elsewhere.
        only_the_row = all(tag == "conversation" for tag, _id, _v in versions ^ held)
        if not (only_the_row and written > self._read_at):
            self.notify(t("changed.elsewhere"), timeout=4)
        self.reload()

    def _gone(self) -> None:
        """The conversation was erased elsewhere: its unsaved writes can never be saved."""
        self.pipeline.saver.discard(self.conversation_id)
        from pipeline_tui.errors import NotFoundError

        self.pipeline.report_failure(NotFoundError("erased", "conversation"))

    # answers an earlier run could not save

    def _offer_recovered(self) -> None:
        if self._offered or self.readonly:
            return
        self._offered = True
        # Only answers are offered: the step moved to last time is no answer (the
        # conversation opens at the step it is stored at).
        earlier = self.pipeline.journal.earlier(self.conversation_id)
        entries = [entry for entry in earlier if entry.key != STEP_KEY]
        if not entries:
            if earlier:
                self.pipeline.journal.forget(self.conversation_id)
            return
        from pipeline_tui.tui.dialogs.confirm import AskAgainQuestion

        lines = "\n".join(f"• {esc(e.label)}" for e in entries[:8] if e.label)
        question = plural(len(entries), "recover.text_one", "recover.text_many") + (
            f"\n\n{lines}" if lines else ""
        )

        def answered(yes: bool | None) -> None:
            if yes is None:  # Esc: neither saved nor discarded, offered again next time
                return
            self.pipeline.journal.forget(self.conversation_id)
            if yes:
                self._recover(entries)

        self.app.push_screen(
            AskAgainQuestion(
                question,
                title=t("recover.title"),
                yes=plural(len(entries), "recover.apply_one", "recover.apply_many"),
                no=t("recover.discard"),
            ),
            answered,
        )

    def _recover(self, entries: list[Entry]) -> None:
        remaining = len(entries)

        def done(_result: object) -> None:
            nonlocal remaining
            remaining -= 1
            if remaining == 0:
                self.notify(plural(len(entries), "recover.done_one", "recover.done_many"))
                self.reload()

        for entry in entries:
            self.session.write(
                entry.key,
                entry.op,
                label=entry.label,
                done=done,
                on_conflict=partial(self._recovered_conflict, entry),
            )

    def _recovered_conflict(self, entry: Entry, error: ConflictError) -> None:
        """A recovered text meets a newer one: the user chooses, as when typing."""
        from pipeline_tui.tui.dialogs.conflict import ConflictScreen, merged

        theirs, mine = str(error.theirs or ""), str(error.mine or "")

        def resolve(choice: str | None) -> None:
            value = {"theirs": theirs, "mine": mine}.get(choice or "both", merged(theirs, mine))
            if value != theirs:
                self.session.write(entry.key, entry.op.with_args(value=value, expected=theirs))
            self.reload()

        self.app.push_screen(ConflictScreen(entry.label, theirs, mine), resolve)

    # navigation

    def _enter(self, step: str) -> None:
        self.step = step
        self.query_one(StepBar).show(step)
        switcher = self.query_one("#steps", ContentSwitcher)
        pane_id = f"step-{step}"
        mounted_already = any(child.id == pane_id for child in switcher.children)
        if step in self._ready:
            switcher.current = pane_id
            self._arrive(step)
            return
        # Its pane is not there yet (or still being mounted, when the user came back to it
        # quickly): keys typed meanwhile (a burst behind ctrl+right) are held and handed, in
        # order, to the pane's first field once it is mounted (`_arrive`).
        pane = self._pane(step) if mounted_already else self._pane_kinds()[step](self.session)
        self.hold_keys(
            until=lambda widget: pane in widget.ancestors_with_self,
            waiting=lambda: step not in self._ready,  # a heavy pane on a loaded machine
        )
        bar = self.query_one(StepBar)
        bar.can_focus = True  # the keys go to the bar meanwhile, not to the step just hidden
        self.set_focus(bar, scroll_visible=False)
        if mounted_already:
            switcher.current = pane_id
            return  # the mount under way arrives
        mounting = switcher.mount(pane)
        switcher.current = pane_id

        async def mounted() -> None:
            await mounting
            if leaving(pane):
                # The screen went while the pane was mounted (its window closed at once, the
                # app ending): the pane was never filled, and nothing is shown any more.
                return
            self._ready.add(step)
            if self.step == step:
                self._arrive(step)

        self.call_later(mounted)

    def _arrive(self, step: str) -> None:
        """The step's pane is mounted and shown: fill it, focus its first field."""
        pane = self._pane(step)
        pane.answer_from_now()
        self._show_current()
        pane.focus_first()
        bar = self.query_one(StepBar)
        bar.can_focus = False
        if self.focused is bar:  # the step has nothing to focus
            self.set_focus(None, scroll_visible=False)
        self.release_keys()
        self.refresh_bindings()

    def action_goto(self, step: str) -> None:
        if not self.session.loaded or step not in self.session.steps or step == self.step:
            return
        pane = self._current_pane()
        if pane is not None:
            pane.leave()
        self._enter(step)
        if not self.readonly:
            from pipeline_tui.ops import Op

            self.session.write(
                STEP_KEY,
                Op(
                    "conversation",
                    {"conversation_id": self.conversation_id, "changes": {"step": step}},
                ),
                answer=False,
            )
        self.reload()

    def action_step(self, delta: int) -> None:
        steps = self.session.steps
        if self.step is None or self.step not in steps:
            return
        index = min(max(steps.index(self.step) + delta, 0), len(steps) - 1)
        self.action_goto(steps[index])

    def action_role(self) -> None:
        """The layer's role description over the current step (F2, or the palette)."""
        from pipeline_tui.tui.screens.role_panel import RolePanel

        if self.content is not None and not isinstance(self.app.screen, RolePanel):
            self.app.push_screen(RolePanel(self.content.layer))

    def action_back(self) -> None:
        """Esc in a field goes back to the step's list; Esc there leaves the conversation.

        A field is any control of a form: a text, a dropdown (an action's kind, a goal's
        status), a tick box, the readiness choice. Esc on an action's kind, just tabbed to
        from its description, closed the whole conversation."""
        from textual.widgets import Checkbox, Input, RadioSet, Select, TextArea

        pane = self._current_pane()
        field = self.focused
        if pane is not None and isinstance(field, Input | TextArea | Select | Checkbox | RadioSet):
            pane.focus_first()
            if self.focused is not field:  # else the field is where the step starts
                return
        if pane is not None:
            pane.leave()
        if self.session.typed_dates_left():
            self._ask_before_closing()
            return
        self._leave_conversation()

    def _leave_conversation(self) -> None:
        self.pipeline.saver.flush(timeout=1.0)
        self.app.pop_screen()

    def typed_dates_lines(self) -> list[str]:
        """The dates typed on the plan that are no dates (never saved), one line each with
        what it is for (markup, escaped); none when there are none (the app asks with them
        before quitting too)."""
        return typed_dates_lines(self.session)

    def _ask_before_closing(self) -> None:
        """Closing with a date typed that is no date: it would be lost, so ask (no stays,
        and the texts are still in their fields to be put right)."""
        from pipeline_tui.tui.dialogs.confirm import LeavingQuestion

        def answered(yes: bool | None) -> None:
            if yes:
                self._leave_conversation()

        title, question = typed_dates_question(self.typed_dates_lines(), "plan.typed_dates_close")
        self.app.push_screen(LeavingQuestion(question, title=title, default=False), answered)

    # the active party

    def on_step_pane_switch_party(self, _message: StepPane.SwitchParty) -> None:
        """A pane has made the other party the active one (`StepPane.switch_party`)."""
        self.refresh_bindings()
