"""A 360° rater's form, opened from their invitation link (`pipeline-tui serve`).

A peer, a direct report or another rater of a leadership evaluation rates the
layer's expectations here, anonymously: a level of the scale or "not
observed", and a comment if they like. The screen shows whom they rate (the
leader's name and the layer's name, nothing more of the person), the
expectations and the scale, and the rater's own answers; never anyone else's,
no self or manager ratings, no plan. Each answer is stored the moment it is
given (a comment after typing pauses), through the app's autosave queue but
never into the recovery journal, which the manager's terminal would offer back.
"Done" closes the link for good and thanks the rater; the link also stops
when revoked, run out or the evaluation is held, as a preparation link does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from pipeline_tui.core.feedback import MAX_COMMENT
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import RaterAnswer, RaterForm
from pipeline_tui.tui.autosave import Job
from pipeline_tui.tui.i18n import binding, language, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.screens.base import PipelineScreen
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.paste import PlainTextArea
from pipeline_tui.vocabulary import LINK_CHECK_SECONDS, MIN_RATERS

if TYPE_CHECKING:
    from pipeline_tui.store.invitations import InvitationRecord

NOT_OBSERVED = "none"  # the id's end of the scale's "not observed" line (the others: values)

# How often the link is checked again while the form is open, as for a preparation link:
# a link revoked, run out or whose evaluation is held ends the session.
LINK_INTERVAL = LINK_CHECK_SECONDS


class RaterScreen(PipelineScreen[None]):
    BINDINGS = [
        binding("1", "rate(1)", id="rater.rate", key_display="1–5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 10)),
        binding("0,x", "not_observed", id="rater.not_observed", key_display="0/x"),
        binding("c", "comment", id="rater.comment"),
        binding("d", "done", id="rater.done"),
        Binding("escape", "to_list", show=False),
    ]
    # The keys of the pack's scale ("1–4"), shown for rater.rate (see `SpokenBindings`).
    key_displays: dict[str, str] = {}  # replaced, never changed in place

    def __init__(self, invitation: InvitationRecord) -> None:
        super().__init__(id="rater-screen")
        self.invitation = invitation
        self.form: RaterForm | None = None
        self.content: ConversationContent | None = None
        self.answers: dict[str, RaterAnswer] = {}
        self.finished = False
        self._comment_of: str | None = None  # the expectation the comment field is bound to

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="rater-body"):
            yield Static(t("app.loading"), id="rater-intro")
            yield Static("", id="rater-anonymous")
            with Horizontal(id="rater-columns"):
                with Vertical(id="rater-left"):
                    yield Static("", id="rater-progress")
                    yield OptionList(id="rater-list")
                    with Center(id="rater-done-row"):
                        yield Button(t("rater.done_button"), id="rater-done", variant="primary")
                with VerticalScroll(id="rater-detail"):
                    yield Static("", id="rater-title")
                    # The scale first: on a small screen it shows without scrolling. A level
                    # a line of its own, so that a click on it rates (see `_level_clicked`).
                    yield Vertical(id="rater-scale")
                    yield Static("", id="rater-description")
                    yield Static(t("rater.comment"), id="rater-comment-label")
                    yield PlainTextArea(
                        id="rater-comment", placeholder=t("rater.comment_placeholder")
                    )
        yield SteadyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#rater-comment", TextArea).disabled = True
        self._load()
        self.set_interval(LINK_INTERVAL, self._check_link)

    # reading

    @work(thread=True, exclusive=True, group="rater-form", exit_on_error=False)
    def _load(self) -> None:
        from pipeline_tui.store.invitations import AccessError

        try:
            form = self.services.repo().invitations.form(self.invitation.id)
        except AccessError as error:
            self.app.call_from_thread(self._link_closed, error.reason)
            return
        content = ConversationContent.from_snapshot(form.snapshot)
        self.app.call_from_thread(self._loaded, form, content)

    def _loaded(self, form: RaterForm, content: ConversationContent) -> None:
        self.form, self.content = form, content
        self.answers = dict(form.answers)
        values = [str(level.value) for level in content.scale.levels] + [NOT_OBSERVED]
        self.query_one("#rater-scale", Vertical).mount_all(
            Static("", id=f"rater-level-{value}", classes="rater-level") for value in values
        )
        self._show_form()
        listing = self.query_one("#rater-list", OptionList)
        first = next((i for i, o in enumerate(listing.options) if not o.disabled), None)
        if first is not None:
            listing.highlighted = first
        listing.focus()
        self._show_detail()

    def relabel(self) -> None:
        """The language switched (the palette's "Language · Sprog"): the whole form speaks
        it, the leader's layer and expectations too, where the footer alone did; the
        statement the rater is on stays highlighted."""
        self.query_one("#rater-done", Button).label = t("rater.done_button")
        self.query_one("#rater-comment-label", Static).update(t("rater.comment"))
        self.query_one("#rater-comment", TextArea).placeholder = t("rater.comment_placeholder")
        if self.form is None or self.content is None:
            self.query_one("#rater-intro", Static).update(t("app.loading"))
            return
        listing = self.query_one("#rater-list", OptionList)
        highlighted = listing.highlighted
        self._show_form()
        if highlighted is not None and highlighted < listing.option_count:
            listing.highlighted = highlighted
        self._show_detail()

    def _show_form(self) -> None:
        """The form's texts in the language of the moment: whom the rater rates, what
        anonymity means here, the expectations by dimension and the progress."""
        from pipeline_tui.core.anonymity import threshold_of

        form, content = self.form, self.content
        if form is None or content is None:
            return
        lang = language()
        name, role = esc(form.person_name), esc(content.layer.name.get(lang))
        self.title = t("app.title")
        self.sub_title = t("rater.title", name=form.person_name)
        self.query_one("#rater-intro", Static).update(
            t(f"rater.intro.{form.group}", name=name, role=role)
        )
        threshold = max(MIN_RATERS, threshold_of(form.snapshot))
        self.query_one("#rater-anonymous", Static).update(
            f"[dim]{t('rater.anonymous', n=threshold)}[/dim]"
        )
        values = content.scale_values
        if values:
            self.key_displays = {"rater.rate": f"{min(values)}–{max(values)}"}
            self.refresh_bindings()
        listing = self.query_one("#rater-list", OptionList)
        options: list[Option] = []
        for dimension, items in content.by_dimension():
            options.append(Option(f"[b]{esc(dimension.name.get(lang))}[/b]", disabled=True))
            options.extend(Option(self._prompt(e.id), id=e.id) for e in items)
        listing.set_options(options)
        if not content.expectations:
            self.query_one("#rater-title", Static).update(t("rater.none"))
        self._show_progress()

    def _prompt(self, expectation_id: str) -> Hanging:
        """A statement's entry: its answer's mark, then its title, which wraps under
        itself, not under the mark ("·  Planlægger bemanding og" / "   ressourcer")."""
        content = self.content
        expectation = content.expectation(expectation_id) if content else None
        title = esc(expectation.title.get(language())) if expectation else expectation_id
        answer = self.answers.get(expectation_id)
        if answer is None or not answer.is_rated:
            mark = "[dim]·[/dim]"
        elif answer.not_observed:
            mark = "[b]–[/b]"
        else:
            mark = f"[b]{answer.score}[/b]"
        note = " ✎" if answer is not None and answer.comment.strip() else ""
        return Hanging((f"{mark}  ", f"{title}{note}"))

    @property
    def current(self) -> str | None:
        option = self.query_one("#rater-list", OptionList).highlighted_option
        return option.id if option is not None and not option.disabled else None

    def _answered(self) -> int:
        content = self.content
        ids = {e.id for e in content.expectations} if content else set()
        return sum(1 for key, a in self.answers.items() if key in ids and a.is_rated)

    def _show_progress(self) -> None:
        total = len(self.content.expectations) if self.content else 0
        self.query_one("#rater-progress", Static).update(
            t("rater.progress", n=self._answered(), total=total)
        )

    def _show_detail(self) -> None:
        content, expectation_id = self.content, self.current
        if content is None or expectation_id is None:
            return
        expectation = content.expectation(expectation_id)
        if expectation is None:
            return
        lang = language()
        dimension = content.dimension(expectation.dimension)
        self.query_one("#rater-title", Static).update(
            f"[b]{esc(expectation.title.get(lang))}[/b]\n"
            f"[dim]{esc(dimension.name.get(lang) if dimension else '')}[/dim]"
        )
        # The description speaks to the leader ("You decide ..."); a rater is shown what
        # others can see the leader do (the pack has at least two indicators for each).
        # An indicator's wrapped part goes on under its text, not under the bullet.
        name = esc(self.form.person_name) if self.form else ""
        self.query_one("#rater-description", Static).update(
            Hanging(
                ("", f"[b]{t('rater.indicators', name=name)}[/b]"),
                *(("• ", esc(i.get(lang))) for i in expectation.indicators),
            )
        )
        answer = self.answers.get(expectation_id, RaterAnswer())
        levels = [
            (str(level.value), answer.score == level.value, level.value, level.label.get(lang))
            for level in content.scale.levels
        ]
        not_observed = content.scale.not_observed.label.get(lang)
        levels.append((NOT_OBSERVED, answer.not_observed, 0, not_observed))
        for key, chosen, value, label in levels:
            text = f"{'▶' if chosen else ' '} {value}  {esc(label)}"
            line = self.query_one(f"#rater-level-{key}", Static)
            line.update(f"[b reverse]{text}[/]" if chosen else text)
        self._bind_comment(expectation_id, answer.comment)

    @on(events.Click, ".rater-level")
    def _level_clicked(self, event: events.Click) -> None:
        """A click on a level of the scale rates the statement shown with it, as its key
        does (a rater in a browser reaches for the mouse; the scale took no click)."""
        widget = event.widget
        key = (widget.id or "").removeprefix("rater-level-") if widget is not None else ""
        self.set_focus(self.query_one("#rater-list", OptionList))  # (a comment typed: saved)
        if key == NOT_OBSERVED:
            self.action_not_observed()
        elif key.isdigit():
            self.action_rate(int(key))

    def _bind_comment(self, expectation_id: str, comment: str) -> None:
        field = self.query_one("#rater-comment", TextArea)
        if self._comment_of is not None and self._comment_of != expectation_id:
            self.pipeline.saver.commit(self._comment_key(self._comment_of))
        self._comment_of = expectation_id
        field.disabled = self.finished
        if field.text != comment:
            with field.prevent(TextArea.Changed):
                field.load_text(comment)

    @on(OptionList.OptionHighlighted, "#rater-list")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    # writing

    def _comment_key(self, expectation_id: str) -> str:
        return f"rater-comment:{self.invitation.id}:{expectation_id}"

    def _save(
        self,
        key: str,
        expectation_id: str,
        *,
        rating: tuple[int | None, bool] | None = None,
        comment: str | None = None,
    ) -> Job:
        """A write of this rater's answer; never journaled (no `op`): the recovery journal
        is the server's, offered back at the manager's terminal."""
        invitation_id = self.invitation.id
        repo = self.services.repo

        def write() -> RaterAnswer:
            return repo().invitations.answer(
                invitation_id, expectation_id, rating=rating, comment=comment
            )

        return Job(key=key, write=write, failed=self._write_failed, label=expectation_id)

    def _write_failed(self, error: BaseException) -> None:
        from pipeline_tui.store.invitations import AccessError

        if isinstance(error, AccessError):
            self._link_closed(error.reason)
            return
        self.pipeline.write_failed(error)

    def _rate(self, score: int | None, not_observed: bool) -> None:
        listing = self.query_one("#rater-list", OptionList)
        expectation_id = self.current
        if self.finished or self.content is None or expectation_id is None:
            return
        if self.focused is not listing:  # (the screen's focus: set at once, by a click too)
            return
        before = self.answers.get(expectation_id, RaterAnswer())
        self.answers[expectation_id] = RaterAnswer(score, not_observed, before.comment)
        key = f"rater-rating:{self.invitation.id}:{expectation_id}"
        self.pipeline.saver.save(self._save(key, expectation_id, rating=(score, not_observed)))
        listing.replace_option_prompt(expectation_id, self._prompt(expectation_id))
        self._show_progress()
        index = listing.highlighted
        if index is not None:
            following = next(
                (
                    i
                    for i in range(index + 1, listing.option_count)
                    if not listing.get_option_at_index(i).disabled
                ),
                None,
            )
            if following is not None:
                listing.highlighted = following  # (its message shows the detail again: cheap)
        self._show_detail()  # in the same frame as the list

    def action_rate(self, value: int) -> None:
        if self.content is not None and value in self.content.scale_values:
            self._rate(value, False)

    def action_not_observed(self) -> None:
        self._rate(None, True)

    @on(TextArea.Changed, "#rater-comment")
    def _typed(self, event: TextArea.Changed) -> None:
        expectation_id = self._comment_of
        if expectation_id is None or self.finished:
            return
        text = event.text_area.text
        if len(text) > MAX_COMMENT:  # what the store takes: the rest was refused, all of it
            text = self._cut_comment(event.text_area)
        before = self.answers.get(expectation_id, RaterAnswer())
        if text == before.comment:
            return
        self.answers[expectation_id] = RaterAnswer(before.score, before.not_observed, text)
        key = self._comment_key(expectation_id)
        self.pipeline.saver.schedule(self._save(key, expectation_id, comment=text))
        self.query_one("#rater-list", OptionList).replace_option_prompt(
            expectation_id, self._prompt(expectation_id)
        )

    def _cut_comment(self, field: TextArea) -> str:
        """A comment longer than a comment may be (a long text pasted) is cut to the most
        it may hold, and the rater told: it was refused whole, in English ("a comment holds
        at most 4000 characters"), while the field kept it all, as if it were saved."""
        text = field.text[:MAX_COMMENT]
        with field.prevent(TextArea.Changed):
            field.load_text(text)
        field.move_cursor(field.document.end)
        self.notify(t("rater.comment_cut", n=MAX_COMMENT), severity="warning", timeout=10)
        return text

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "rater-comment" and self._comment_of is not None:
            self.pipeline.saver.commit(self._comment_key(self._comment_of))

    def action_comment(self) -> None:
        if self.finished or self.current is None:
            return
        field = self.query_one("#rater-comment", TextArea)
        self.set_focus(field)
        field.move_cursor(field.document.end)

    def action_to_list(self) -> None:
        self.query_one("#rater-list", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The rating keys act on the list; in the comment field they are text."""
        if action in ("rate", "not_observed", "comment", "done"):
            return self.focused is None or self.focused.id != "rater-comment"
        return True

    # done

    @on(Button.Pressed, "#rater-done")
    def _done_pressed(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

        if self.finished or self.content is None:
            return
        total = len(self.content.expectations)
        question = t("rater.confirm", n=self._answered(), total=total)

        def answered(yes: bool | None) -> None:
            if yes:
                self._finish()

        self.app.push_screen(
            ConfirmScreen(
                question,
                title=t("rater.confirm_title"),
                yes=t("rater.confirm_yes"),
                no=t("rater.confirm_no"),
                default=False,
            ),
            answered,
        )

    def _finish(self) -> None:
        self.finished = True
        self.query_one("#rater-comment", TextArea).disabled = True
        self.pipeline.saver.flush(timeout=0)  # queue what is typed now; the worker waits
        self._close_link()

    @work(thread=True, exclusive=True, group="rater-finish", exit_on_error=False)
    def _close_link(self) -> None:
        """Everything given is written first; then the link is closed for good."""
        from pipeline_tui.store.invitations import AccessError

        saver = self.pipeline.saver
        if not saver.flush(timeout=30):
            self.app.call_from_thread(self._not_finished)
            return
        try:
            self.services.repo().invitations.finish(self.invitation.id)
        except AccessError as error:
            self.app.call_from_thread(self._link_closed, error.reason)
            return
        self.app.call_from_thread(self._thank)

    def _not_finished(self) -> None:
        self.finished = False
        self.query_one("#rater-comment", TextArea).disabled = False
        self.notify(t("rater.not_finished"), severity="warning", timeout=15)

    def _thank(self) -> None:
        self.app.switch_screen(ThanksScreen())

    # the link

    @work(thread=True, exclusive=True, group="rater-link", exit_on_error=False)
    def _check_link(self) -> None:
        from pipeline_tui.store.invitations import AccessError

        if self.finished:
            return
        try:
            self.services.repo().invitations.get(self.invitation.id)
        except AccessError as error:
            self.app.call_from_thread(self._link_closed, error.reason)

    def _link_closed(self, reason: str) -> None:
        """Everything given so far is saved first; then the session ends."""
        self.finished = True
        self.pipeline.saver.flush(timeout=5)
        if reason == "unknown":  # the evaluation deleted or its person erased: nothing kept
            self.pipeline.end(0, t("prep.closed.gone"))
        else:
            self.pipeline.end(0, t(f"prep.closed.{reason}" if reason == "held" else "prep.closed"))


class ThanksScreen(PipelineScreen[None]):
    """The end of a rater's form: their answers are saved, the link is closed."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(id="rater-thanks-box"):
            yield Static(
                f"[b]{t('rater.thanks_title')}[/b]\n\n{t('rater.thanks')}", id="rater-thanks"
            )
        yield SteadyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = ""

    def relabel(self) -> None:
        self.query_one("#rater-thanks", Static).update(
            f"[b]{t('rater.thanks_title')}[/b]\n\n{t('rater.thanks')}"
        )
