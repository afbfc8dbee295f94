"""Step 2, expectations: each party rates the layer's expectations, blind, then both are revealed.

Digits rate the highlighted expectation for the active party and move on;
0 or x marks it not observed; r switches party; v reveals (or hides) both
sides; c writes a comment for the active party.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll

from pipeline_tui.core.profile import rated_count
from pipeline_tui.errors import ConflictError
from pipeline_tui.ops import Op
from pipeline_tui.tui.i18n import binding, language, party, party_lower, party_short, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.session import comment_key, rating_key
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.autosave_text import AutosaveTextArea
from pipeline_tui.tui.widgets.expectation_list import ExpectationList
from pipeline_tui.tui.widgets.shown_text import Paragraphs, ShownText
from pipeline_tui.vocabulary import OTHER_PARTY as OTHER

# What a signed (read-only) conversation does not offer on this step.
EDITING_ACTIONS = frozenset({"rate", "not_observed", "clear", "reveal", "comment"})


class ExpectationsPane(StepPane):
    STEP = "expectations"
    BINDINGS = [
        binding("1", "rate(1)", id="conv.rate", key_display="1–5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 10)),
        # Not in the footer (no room at 80 columns): the scale beside the list shows 0.
        binding("0,x", "not_observed", id="conv.not_observed", key_display="0/x", show=False),
        binding("backspace,delete", "clear", id="conv.clear", show=False),
        binding("r", "switch_rater", id="conv.rater"),
        # One key, named for what it does now: shown both are hidden again with it.
        binding("v", "reveal(True)", id="conv.reveal"),
        binding("v", "reveal(False)", id="conv.hide"),
        binding("c", "comment", id="conv.comment"),
    ]
    # The keys of the pack's scale ("1–4"), shown for conv.rate (see `SpokenBindings`).
    key_displays: dict[str, str] = {}  # replaced, never changed in place

    def compose(self) -> ComposeResult:
        with Horizontal(classes="two-columns"):
            with Vertical(id="exp-left", classes="column"):
                yield ShownText("", id="exp-rater")
                yield ShownText("", id="exp-progress")
                yield ShownText("", id="exp-state")
                yield ExpectationList(
                    on_highlight=self._show_detail, on_write=self.action_comment, id="exp-list"
                )
                yield ShownText("", id="exp-comment-label", classes="field-label")
                yield AutosaveTextArea(id="exp-comment", placeholder=t("exp.comment_placeholder"))
            with VerticalScroll(id="exp-detail", classes="column"):
                # One text for the whole column (title, description, indicators, scale):
                # a move draws and lays out one widget, not four.
                yield ShownText("", id="exp-about")

    def focus_first(self) -> None:
        # At once (not `focus()`, which waits a turn): a rating typed right after esc in
        # the comment is answered by the list, not typed into the comment.
        self.screen.set_focus(self.query_one(ExpectationList))

    def show(self) -> None:
        content = self.content
        if content is None:
            return
        values = content.scale_values
        shown = f"{min(values)}–{max(values)}"  # the pack's scale
        if self.key_displays.get("conv.rate") != shown:
            self.key_displays = {"conv.rate": shown}
            self.refresh_bindings()
        if not content.expectations:
            self._set_text("#exp-about", _title(t("exp.none")))
        # In the language of the moment (the app's can change while the pane is mounted).
        self.query_one("#exp-comment", AutosaveTextArea).placeholder = t("exp.comment_placeholder")
        self.query_one(ExpectationList).set_data(
            content.by_dimension(),
            self.session.ratings(),
            rater=self.session.rater,
            revealed=self.session.revealed,
            kind=self._kind(),
        )
        self._refresh_side()
        self.refresh_bindings()  # signed or revealed meanwhile (here or elsewhere)

    def rater_changed(self) -> None:
        listing = self.query_one(ExpectationList)
        listing.rater = self.session.rater
        listing.refresh()
        self._refresh_side()

    def leave(self) -> None:
        comment = self.query_one(AutosaveTextArea)
        if comment.key:
            self.session.commit(comment.key)

    # display

    def _refresh_side(self, detail: bool = True) -> None:
        content = self.content
        if content is None:
            return
        rater = self.session.rater
        ratings = self.session.ratings().values()
        total = len(content.expectations)
        mine = rated_count(content, ratings, "self")
        theirs = rated_count(content, ratings, "manager")
        who = party(self._kind(), rater)
        boss = party_short(self._kind(), "manager")
        counts = t("exp.progress", self=mine, manager=theirs, total=total, boss=boss)
        state = t("exp.revealed") if self.session.revealed else t("exp.blind")
        # One-line texts without a layout; the state line may wrap, so it keeps one.
        rater_line = f"[b reverse] {t('exp.rater')}: {who} [/] [dim](r)[/dim]"
        if self.session.party is not None:  # a preparation link: one party, no reveal here
            counts = t("exp.progress_own", n=mine, total=total)
            state = t("exp.preparing")
            rater_line = f"[b reverse] {t('exp.rater')}: {who} [/]"
        self._set_text("#exp-rater", rater_line, False)
        self._set_text("#exp-progress", counts, False)
        self._set_text("#exp-state", f"[dim]{state}[/dim]")
        if detail:
            self._show_detail()

    def _set_text(self, selector: str, text: str | Paragraphs, layout: bool = True) -> None:
        self.query_one(selector, ShownText).show(text, layout=layout)

    def _show_detail(self) -> None:
        content = self.content
        if content is None or not self.is_mounted:
            return
        expectation = self.query_one(ExpectationList).current
        if expectation is None:
            return
        comment = self.query_one(AutosaveTextArea)
        lang = language()
        rater = self.session.rater
        dimension = content.dimension(expectation.dimension)
        title = _title(
            f"[b]{esc(expectation.title.get(lang))}[/b]\n"
            f"[dim]{esc(dimension.name.get(lang) if dimension else '')}[/dim]"
        )
        description = esc(expectation.description.get(lang))
        own = self.session.rating(expectation.id, rater)
        lines = []
        for level in content.scale.levels:
            chosen = own is not None and own.score == level.value
            mark = "▶" if chosen else " "
            text = f"{mark} {level.value}  {esc(level.label.get(lang))}"
            lines.append(f"[b reverse]{text}[/]" if chosen else text)
        observed = own is not None and own.not_observed
        label = f"{'▶' if observed else ' '} 0  {esc(content.scale.not_observed.label.get(lang))}"
        lines.append(f"[b reverse]{label}[/]" if observed else label)
        other = self.session.rating(expectation.id, OTHER[rater])
        # Revealed, the other party's rating and comment; a comment given with no rating
        # (what the employee wrote by an expectation they did not score) is shown too.
        if self.session.revealed and other is not None and (other.is_rated or other.comment):
            who = party(self._kind(), OTHER[rater])
            if other.is_rated:
                score = other.score if other.score is not None else "–"
                lines.append(f"\n{who}: [b]{score}[/b]")
            else:
                lines.append(f"\n{who}:")
            if other.comment:
                lines.append(f"[i]{esc(other.comment)}[/i]")
        # The sections a blank line apart (they were widgets with a margin below); an
        # indicator's wrapped part goes on under its text, not under the bullet.
        sections = (title, description, f"[b]{t('exp.indicators')}[/b]")
        about = (
            ("", "\n\n".join(sections)),
            *(("• ", esc(i.get(lang))) for i in expectation.indicators),
            ("", "\n" + "\n".join(lines)),
        )
        self._set_text("#exp-about", about)
        self._set_text(
            "#exp-comment-label", t("exp.comment", rater=party_lower(self._kind(), rater))
        )
        stored = self.detail.rating(expectation.id, rater) if self.detail else None
        args = {
            "conversation_id": self.session.conversation_id,
            "expectation_id": expectation.id,
            "rater": rater,
        }

        def op_for(value: str) -> Op:
            return Op("rating_comment", {**args, "value": value})

        comment.bind_field(
            self.session,
            comment_key(expectation.id, rater),
            stored.comment if stored else "",
            None if self.readonly else op_for,
            t(
                "exp.comment_on",
                rater=party_lower(self._kind(), rater),
                title=expectation.title.get(lang),
            ),
        )

    # rating

    def _rate(self, score: int | None, not_observed: bool) -> None:
        if self.readonly or self.content is None:
            return
        expectation = self.query_one(ExpectationList).current
        if expectation is None:
            return
        title = expectation.title.get(language())
        self.session.rate(
            expectation.id,
            self.session.rater,
            score,
            not_observed,
            label=t("exp.rating_of", title=title),
            on_conflict=lambda error: self._rating_conflict(expectation.id, title, error),
        )
        listing = self.query_one(ExpectationList)
        listing.update_ratings(self.session.ratings())
        moved = (score is not None or not_observed) and listing.advance()
        # A move shows the next expectation's detail (on_highlight): not twice.
        self._refresh_side(detail=not moved)

    def _rating_conflict(self, expectation_id: str, title: str, error: ConflictError) -> None:
        """Another session changed this rating meanwhile: show both, the user chooses."""
        from pipeline_tui.tui.dialogs.conflict import ConflictScreen

        rater = self.session.rater
        theirs = tuple(error.theirs) if isinstance(error.theirs, tuple | list) else (None, False)
        mine = tuple(error.mine) if isinstance(error.mine, tuple | list) else (None, False)
        key = rating_key(expectation_id, rater)

        def resolve(choice: str | None) -> None:
            self.session.conflict_resolved(key, (theirs[0], bool(theirs[1])))
            if choice == "mine":
                self.session.rate(
                    expectation_id,
                    rater,
                    mine[0],
                    bool(mine[1]),
                    label=t("exp.rating_of", title=title),
                    on_conflict=lambda e: self._rating_conflict(expectation_id, title, e),
                )
            self.session.reload()

        self.app.push_screen(
            ConflictScreen(
                title,
                self._score_text(theirs),
                self._score_text(mine),
                text=t("conflict.rating_text", field=title),
                choices=("theirs", "mine"),
            ),
            resolve,
        )

    def _score_text(self, value: tuple[object, ...]) -> str:
        score, not_observed = value[0], bool(value[1])
        if score is not None:
            return str(score)
        if not_observed and self.content is not None:
            return self.content.scale.not_observed.label.get(language())
        return "–"

    def action_rate(self, value: int) -> None:
        scale = self.content.scale_values if self.content is not None else ()
        if value in scale and self.query_one(ExpectationList).has_focus:
            self._rate(value, False)

    def action_not_observed(self) -> None:
        if self.query_one(ExpectationList).has_focus:
            self._rate(None, True)

    def action_clear(self) -> None:
        if self.query_one(ExpectationList).has_focus:
            self._rate(None, False)

    def action_switch_rater(self) -> None:
        self.leave()
        self.switch_party()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that do something now are offered: a signed conversation is not
        rated, commented or revealed (its footer showed "1–5 Rate", "v Reveal both" and
        "c Comment", which did nothing); `v` says "hide" once both are shown."""
        if not super().check_action(action, parameters):
            return False
        if action in EDITING_ACTIONS and self.readonly:
            return False
        if action == "reveal":
            return parameters[0] != self.session.revealed
        return True

    def action_reveal(self, revealed: bool) -> None:
        if self.readonly or revealed == self.session.revealed:
            return
        changes = {"revealed": revealed}
        self.session.write(
            "conversation:revealed",
            Op(
                "conversation",
                {"conversation_id": self.session.conversation_id, "changes": changes},
            ),
            label=t("exp.reveal_label"),
        )
        listing = self.query_one(ExpectationList)
        listing.revealed = revealed
        listing.refresh()
        self._refresh_side()
        self.refresh_bindings()

    def action_comment(self) -> None:
        """Into the comment, at its end: a comment begun earlier is usually continued."""
        if not self.readonly:
            comment = self.query_one(AutosaveTextArea)
            # At once, not after the keys already queued: typing right after `c` (a fast
            # typist, a loaded machine) went to the list, where `r` switched the party.
            self.screen.set_focus(comment)
            comment.move_cursor(comment.document.end)

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.refresh_bindings()


def _title(text: str) -> str:
    """The column's title, in the style of a section title (`.section-title`)."""
    return f"[b $text-primary]{text}[/]"
