"""A party's preparation on their own, opened from an invitation link (`pipeline-tui serve`).

The conversation screen, limited: its session belongs to the invited party
(`ConversationSession(party=...)`), so only that party's ratings, comments and
card picks are read out of it or written, and the other party's are never
shown, not even once both are revealed at the meeting. Only the expectations
and the cards are steps here; the layer's role description opens first (F2
opens it again) and the preparation sheet is printed with F3. There is no way
back to a home screen: Esc leaves a text field and nothing else.
"""

from __future__ import annotations

import io

from textual import work
from textual.app import ComposeResult
from textual.widgets import ContentSwitcher, Header, Static

from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import ConversationDetail
from pipeline_tui.tui.i18n import binding, language, t
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.session import ConversationSession
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.step_bar import StepBar
from pipeline_tui.vocabulary import LINK_CHECK_SECONDS, PREPARATION_STEPS

# How often the link is checked again while the page is open: a link revoked, run out or
# whose conversation is being held ends the session it opened.
LINK_INTERVAL = LINK_CHECK_SECONDS


class PreparationScreen(ConversationScreen):
    BINDINGS = [
        binding("f3", "sheet", id="prep.sheet", priority=True),
        # Named for what it does here (F1 said "esc Back", and there is nothing behind).
        binding("escape", "back", id="prep.field", show=False),
    ]

    def __init__(self, conversation_id: int, party: str) -> None:
        super().__init__(conversation_id, step="expectations")
        self.party = party
        self._role_shown = False
        self._link_ended = False

    def _pane_kinds(self) -> dict[str, type[StepPane]]:
        from pipeline_tui.tui.steps.cards import CardsPane
        from pipeline_tui.tui.steps.expectations import ExpectationsPane

        return {"expectations": ExpectationsPane, "cards": CardsPane}

    def compose(self) -> ComposeResult:
        self.session = ConversationSession(self.pipeline, self.conversation_id, party=self.party)
        self.session.reload = self.reload
        self.session.on_gone = self._gone
        self.session.on_link_closed = self._write_refused
        yield Header()
        yield StepBar(PREPARATION_STEPS, id="step-bar")
        yield Static("", id="readonly-banner")
        yield ContentSwitcher(id="steps")  # the panes are mounted as they are entered
        yield SteadyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        # (Textual runs the conversation screen's own on_mount too: it is not called here.)
        self.set_interval(LINK_INTERVAL, self._check_link)

    @work(thread=True, exclusive=True, group="preparation-link", exit_on_error=False)
    def _check_link(self) -> None:
        from pipeline_tui.store.invitations import AccessError

        invitation = self.pipeline.preparation
        if invitation is None:
            return
        try:
            self.services.repo().invitations.get(invitation.id)
        except AccessError as error:
            self.app.call_from_thread(self._link_closed, error.reason)

    def _link_closed(self, reason: str) -> None:
        """The link's check found it closed: the session ends. Every write checks the link
        too, so a write still waiting is refused; the message says so when one is."""
        self._close(reason, unsaved=bool(self.pipeline.saver.unsaved_jobs()))

    def _write_refused(self, reason: str) -> None:
        """A write found the link closed: that answer was not saved; what was given before
        was. The session ends saying so."""
        self._close(reason, unsaved=True)

    def _close(self, reason: str, *, unsaved: bool) -> None:
        if self._link_ended:
            return
        self._link_ended = True
        if reason == "unknown":  # the conversation deleted or its person erased: nothing kept
            said = t("prep.closed.gone")
        elif unsaved:
            said = t(f"prep.closed_unsaved.{reason}" if reason == "held" else "prep.closed_unsaved")
        else:
            said = t(f"prep.closed.{reason}" if reason == "held" else "prep.closed")
        self.pipeline.end(0, said)

    def _loaded(
        self,
        detail: ConversationDetail,
        content: ConversationContent,
        written: int,
        person_layer: str | None = None,
    ) -> None:
        super()._loaded(detail, content, written, person_layer)
        self.sub_title = t("prep.title", name=detail.conversation.person_name)
        self.refresh_bindings()  # the steps are the kind's: ctrl+left/right or not
        if not self._role_shown and self.session.loaded:
            self._role_shown = True
            self.action_role()

    def _offer_recovered(self) -> None:
        """Answers an earlier browser session could not save are the terminal's to offer
        (the journal is the server's, and may hold the other party's answers)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and len(self.session.steps) < 2:
            return False  # one step prepared (an evaluation, an onboarding): nowhere to go
        return super().check_action(action, parameters)

    def action_goto(self, step: str) -> None:
        if self.session.detail is None or step not in self.session.steps or step == self.step:
            return
        pane = self._current_pane()
        if pane is not None:
            pane.leave()
        self._enter(step)  # the conversation's own step is the meeting's: left as it is
        self.reload()

    def action_step(self, delta: int) -> None:
        steps = self.session.steps  # those of the kind's steps prepared alone
        if self.step is None or self.step not in steps:
            return
        index = min(max(steps.index(self.step) + delta, 0), len(steps) - 1)
        self.action_goto(steps[index])

    def action_back(self) -> None:
        """Esc leaves a text field; there is nothing behind the preparation to go back to."""
        from textual.widgets import Input, TextArea

        pane = self._current_pane()
        if pane is not None and isinstance(self.focused, Input | TextArea):
            pane.focus_first()

    def on_step_pane_switch_party(self, message: StepPane.SwitchParty) -> None:
        message.prevent_default()  # the party is the invited one, always

    def _keep_sheet(self, filename: str, html: str, person_id: int) -> None:
        """At a terminal the sheet goes where printed plans go, readable by its owner only,
        and is noted with the copies an erasure of the person names. (Textual's delivery
        wrote it into ~/Downloads with the umask's mode, 0644 as a rule, named nowhere, and
        without a word where there was no such folder.)"""
        from rich.markup import escape

        from pipeline_tui import config
        from pipeline_tui.errors import UserError
        from pipeline_tui.files import write_private
        from pipeline_tui.store.copies import note_copy

        app = self.app
        try:
            folder = config.documents_dir()
            config.ensure_private_dir(folder)
            written = write_private(folder / filename, html, overwrite=True)
        except (OSError, UserError):
            app.call_from_thread(app.notify, t("prep.sheet_failed"), severity="error")
            return
        app.call_from_thread(app.notify, t("prep.sheet_saved", path=escape(str(written))))
        engine = self.services.repo().engine
        if not note_copy(self.services.settings.db, "prep", written, person_id, engine=engine):
            app.call_from_thread(
                app.notify,
                t("print.not_noted", path=escape(str(written))),
                severity="warning",
                timeout=15,
            )

    def action_sheet(self) -> None:
        """The preparation sheet (HTML) for the party to print: in a browser it opens in a
        new tab; at a terminal it is saved in the downloads folder."""
        if self.session.loaded:
            self._make_sheet(language())

    @work(thread=True, exclusive=True, group="preparation-sheet", exit_on_error=False)
    def _make_sheet(self, lang: str) -> None:
        from pipeline_tui.files import safe_name
        from pipeline_tui.report.html import render_html
        from pipeline_tui.report.prep import prep_document

        detail, content = self.session.detail, self.session.content
        if detail is None or content is None:
            return
        record = detail.conversation
        person = self.services.repo().people.get(record.person_id)
        html = render_html(prep_document(person, content, record.kind, lang))
        name = "forberedelse" if lang == "da" else "preparation"
        filename = f"{name}-{safe_name(person.name)}.html"
        if not self.app.is_web:
            self._keep_sheet(filename, html, person.id)
            return
        self.app.call_from_thread(
            self.app.deliver_text,
            io.StringIO(html),
            save_filename=filename,
            open_method="browser",
            mime_type="text/html",
        )
