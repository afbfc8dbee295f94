"""Step 2, expectations: each party rates the layer's expectations, blind, then both are revealed.

Digits rate the highlighted expectation for the active party and move on;
0 or x marks it not observed; r switches party; v reveals (or hides) both
sides; c (or enter) writes a comment for the active party.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape as esc

from pipeline_tui.core.profile import rated_count
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.store.records import ConversationDetail, RatingRecord
from pipeline_tui.tui.i18n import binding, language, set_key_display, t
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.autosave_text import AutosaveTextArea
from pipeline_tui.tui.widgets.expectation_list import ExpectationList
from pipeline_tui.tui.widgets.shown_text import ShownText

OTHER = {"self": "manager", "manager": "self"}


class ExpectationsPane(StepPane):
    STEP = "expectations"
    BINDINGS = [
        binding("1", "rate(1)", id="conv.rate", key_display="1–5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 10)),
        # Not in the footer (no room at 80 columns): the scale beside the list shows 0.
        binding("0,x", "not_observed", id="conv.not_observed", key_display="0/x", show=False),
        binding("backspace,delete", "clear", id="conv.clear", show=False),
        binding("r", "switch_rater", id="conv.rater"),
        binding("v", "reveal", id="conv.reveal"),
        binding("c", "comment", id="conv.comment"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ratings: dict[tuple[str, str], RatingRecord] = {}
        self.revealed = False
        self.content: ConversationContent | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="two-columns"):
            with Vertical(id="exp-left", classes="column"):
                yield ShownText("", id="exp-rater")
                yield ShownText("", id="exp-progress")
                yield ShownText("", id="exp-state")
                yield ExpectationList(on_highlight=self._show_detail, id="exp-list")
                yield ShownText("", id="exp-comment-label", classes="field-label")
                yield AutosaveTextArea(id="exp-comment", placeholder=t("exp.comment_placeholder"))
            with VerticalScroll(id="exp-detail", classes="column"):
                yield ShownText("", id="exp-title", classes="section-title")
                yield ShownText("", id="exp-description")
                yield ShownText("", id="exp-indicators")
                yield ShownText("", id="exp-scale")

    def focus_first(self) -> None:
        self.query_one(ExpectationList).focus()

    def show(self, detail: ConversationDetail, content: ConversationContent) -> None:
        self.content = content
        values = content.scale_values
        set_key_display(self, "conv.rate", f"{min(values)}–{max(values)}")  # the pack's scale
        self.ratings = {(r.expectation_id, r.rater): r for r in detail.ratings}
        self.revealed = detail.conversation.revealed
        if not content.expectations:
            self._set_text("#exp-title", t("exp.none"))
        self.query_one(ExpectationList).set_data(
            content.by_dimension(),
            self.ratings,
            rater=self.conversation.rater,
            revealed=self.revealed,
        )
        self._refresh_side()

    def rater_changed(self) -> None:
        listing = self.query_one(ExpectationList)
        listing.rater = self.conversation.rater
        listing.refresh()
        self._refresh_side()

    def leave(self) -> None:
        comment = self.query_one(AutosaveTextArea)
        if comment.key:
            self.conversation.commit(comment.key)

    # display

    def _refresh_side(self, detail: bool = True) -> None:
        content = self.content
        if content is None:
            return
        rater = self.conversation.rater
        total = len(content.expectations)
        mine = rated_count(content, self.ratings.values(), "self")
        theirs = rated_count(content, self.ratings.values(), "manager")
        who = t(f"exp.rater.{rater}")
        counts = t("exp.progress", self=mine, manager=theirs, total=total)
        state = t("exp.revealed") if self.revealed else t("exp.blind")
        # One-line texts without a layout; the state line may wrap, so it keeps one.
        rater_line = f"[b reverse] {t('exp.rater')}: {who} [/] [dim](r)[/dim]"
        self._set_text("#exp-rater", rater_line, False)
        self._set_text("#exp-progress", counts, False)
        self._set_text("#exp-state", f"[dim]{state}[/dim]")
        if detail:
            self._show_detail()

    def _set_text(self, selector: str, text: str, layout: bool = True) -> None:
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
        rater = self.conversation.rater
        dimension = content.dimension(expectation.dimension)
        self._set_text(
            "#exp-title",
            f"[b]{esc(expectation.title.get(lang))}[/b]\n"
            f"[dim]{esc(dimension.name.get(lang) if dimension else '')}[/dim]",
        )
        self._set_text("#exp-description", esc(expectation.description.get(lang)))
        indicators = "\n".join(f"• {esc(i.get(lang))}" for i in expectation.indicators)
        self._set_text("#exp-indicators", f"[b]{t('exp.indicators')}[/b]\n{indicators}")
        own = self.ratings.get((expectation.id, rater))
        lines = []
        for level in content.scale.levels:
            chosen = own is not None and own.score == level.value
            mark = "▶" if chosen else " "
            text = f"{mark} {level.value}  {esc(level.label.get(lang))}"
            lines.append(f"[b reverse]{text}[/]" if chosen else text)
        observed = own is not None and own.not_observed
        label = f"{'▶' if observed else ' '} 0  {esc(content.scale.not_observed.label.get(lang))}"
        lines.append(f"[b reverse]{label}[/]" if observed else label)
        other = self.ratings.get((expectation.id, OTHER[rater]))
        if self.revealed and other is not None and other.is_rated:
            score = other.score if other.score is not None else "–"
            lines.append(f"\n{t(f'exp.rater.{OTHER[rater]}')}: [b]{score}[/b]")
            if other.comment:
                lines.append(f"[i]{esc(other.comment)}[/i]")
        self._set_text("#exp-scale", "\n".join(lines))
        self._set_text("#exp-comment-label", t("exp.comment", rater=t(f"exp.rater.{rater}")))
        conversation_id = self.conversation.conversation_id
        expectation_id = expectation.id

        def write(repo, value: str, expected: str | None):
            return repo.conversations.set_rating_comment(
                conversation_id, expectation_id, rater, value, expected=expected
            )

        comment.bind_field(
            f"comment:{expectation_id}:{rater}",
            own.comment if own else "",
            None if self.readonly else write,
            t("exp.comment", rater=t(f"exp.rater.{rater}")),
        )

    # rating

    def _rate(self, score: int | None, not_observed: bool) -> None:
        if self.readonly or self.content is None:
            return
        expectation = self.query_one(ExpectationList).current
        if expectation is None:
            return
        rater = self.conversation.rater
        key = (expectation.id, rater)
        old = self.ratings.get(key)
        provisional = RatingRecord(
            id=old.id if old else 0,
            conversation_id=self.conversation.conversation_id,
            expectation_id=expectation.id,
            rater=rater,
            score=score,
            not_observed=not_observed,
            comment=old.comment if old else "",
            version=old.version if old else 0,
        )
        self.ratings[key] = provisional
        conversation_id = self.conversation.conversation_id

        def saved(record: RatingRecord) -> None:
            current = self.ratings.get(key)
            if current is not None:
                self.ratings[key] = replace(record, comment=current.comment)

        self.conversation.save(
            f"rating:{expectation.id}:{rater}",
            lambda repo: repo.conversations.set_rating(
                conversation_id, expectation.id, rater, score=score, not_observed=not_observed
            ),
            saved,
        )
        listing = self.query_one(ExpectationList)
        listing.update_ratings(self.ratings)
        moved = (score is not None or not_observed) and listing.advance()
        # A move shows the next expectation's detail (on_highlight): not twice.
        self._refresh_side(detail=not moved)

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
        self.conversation.rater = OTHER[self.conversation.rater]

    def action_reveal(self) -> None:
        if self.readonly:
            return
        self.revealed = not self.revealed
        conversation_id = self.conversation.conversation_id
        revealed = self.revealed
        self.conversation.save(
            "conversation:revealed",
            lambda repo: repo.conversations.update(conversation_id, revealed=revealed),
        )
        listing = self.query_one(ExpectationList)
        listing.revealed = revealed
        listing.refresh()
        self._refresh_side()

    def action_comment(self) -> None:
        if not self.readonly:
            self.query_one(AutosaveTextArea).focus()

    def on_descendant_focus(self, _event) -> None:
        self.refresh_bindings()
