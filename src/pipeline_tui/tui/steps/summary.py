"""Step 4, summary: what the ratings and the cards said, and how last year's plan went.

One scrollable page, read top to bottom as the conversation goes: the profile
per dimension (self against manager), strengths, development areas, the
largest self-vs-manager gaps, the themes the cards brought up with what was
agreed, and the earlier plan's goals. Gaps of two steps or more where the
person rates themself above the manager stand out: self-ratings correlate
weakly with how others see us, and that blind spot is the one worth a talk.

Ratings stay blind here as on the expectations step: until they are revealed
the page says so instead of showing either party's numbers.

The earlier plan is loaded once per conversation on a worker into the
conversation session, which keeps it up to date from the reviews written.
d / p / n mark the highlighted goal done / partly / not done (with a note),
and c carries an unfinished goal into this conversation's plan (once: a goal
already carried is refused). The keys are the goal list's: the step opens with
the focus there (the page shown from its top) when there is a plan to follow up,
so they act at once, and tab goes on to the goal's note. Anywhere else they are
letters or nothing: on the page they used to act too, so a note typed after a tab
(from the page to the list) or after a click on a label (which focused the page)
marked the goal done, partly, not done as its letters came and was lost.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pipeline_tui.core.profile import (
    BLIND_SPOT,
    HIDDEN_STRENGTH,
    LARGE_GAP,
    Gap,
    Scored,
    development_areas,
    dimension_series,
    expectation_series,
    largest_gaps,
    midpoint,
    profile,
    shown_groups,
    strengths,
)
from pipeline_tui.core.roles import family
from pipeline_tui.ops import Op
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import (
    ConversationDetail,
    ConversationRecord,
    GoalRecord,
    PlanRecord,
)
from pipeline_tui.tui.i18n import (
    binding,
    day,
    kind_in_sentence,
    language,
    manager_column,
    number,
    party,
    party_short,
    t,
)
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput
from pipeline_tui.tui.widgets.field_label import FieldLabel
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.profile_bars import ProfileBars, format_score, format_steps
from pipeline_tui.tui.widgets.readiness import ReadinessQuestion
from pipeline_tui.tui.widgets.type_ahead import KeysInOrder
from pipeline_tui.vocabulary import REVIEWED, goal_glyph

REVIEW_COLOURS = {"done": "$text-success", "partly": "$text-warning", "not_done": "$text-error"}
GAPS_SHOWN = 5
TITLES = {
    "summary-profile-title": "summary.profile",
    "summary-strengths-title": "summary.strengths",
    "summary-development-title": "summary.development",
    "summary-gaps-title": "summary.gaps",
    "summary-themes-title": "summary.themes",
    "summary-previous-title": "summary.previous",
    "summary-note-label": "review.note",
}

Previous = tuple[ConversationRecord, PlanRecord]


def _date(value: Any) -> str:
    return day(value)


class ReviewList(KeysInOrder, OptionList):
    """The earlier plan's goals; d/p/n/c review the highlighted one. Keys typed ahead are
    answered in order ("p tab Holdt..." marks the goal, then types its note).

    The list sits low on a long page and has the focus from the moment the step opens,
    with the page shown from its top: page up and down scroll the page, as they do on any
    page (they moved the highlight in a list out of sight, and the page stood still), and
    a move in the list brings the list into sight."""

    def _page(self) -> Widget | None:
        return next((node for node in self.ancestors if isinstance(node, VerticalScroll)), None)

    def action_page_down(self) -> None:
        page = self._page()
        if page is not None:
            page.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        page = self._page()
        if page is not None:
            page.scroll_page_up(animate=False)

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self.scroll_visible(animate=False)

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self.scroll_visible(animate=False)

    def action_first(self) -> None:
        super().action_first()
        self.scroll_visible(animate=False)

    def action_last(self) -> None:
        super().action_last()
        self.scroll_visible(animate=False)


class SummaryPane(StepPane):
    STEP = "summary"
    BINDINGS = [
        # 1/2/3 in either language; d/p/n (done, partly, not done) in English only: a Dane
        # reads "n" as "nået" (reached) and would have marked the goal not reached.
        binding("1", "review('done')", id="conv.review", key_display="1/2/3"),
        Binding("2", "review('partly')", show=False),
        Binding("3", "review('not_done')", show=False),
        Binding("d", "review_by_letter('done')", show=False),
        Binding("p", "review_by_letter('partly')", show=False),
        Binding("n", "review_by_letter('not_done')", show=False),
        binding("c", "carry", id="conv.carry"),
    ]

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self._previous_for: int | None = None
        # An earlier plan passed over (never concluded) for the one reviewed, said so.
        self._skipped: ConversationRecord | None = None
        self._carried: set[int] = set()
        self._focus_goals = False  # the step was entered: the goal list takes the focus

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-page"):
            yield Static("", id="summary-profile-title", classes="section-title")
            yield Static("", id="summary-empty", classes="muted")
            with Vertical(id="summary-rated"):
                yield ProfileBars(id="summary-bars")
                yield Static("", id="summary-feedback-title", classes="section-title")
                yield Static("", id="summary-feedback")
                with Horizontal(id="summary-columns"):
                    with Vertical(classes="summary-column"):
                        yield Static("", id="summary-strengths-title", classes="section-title")
                        yield Static("", id="summary-strengths")
                    with Vertical(classes="summary-column"):
                        yield Static("", id="summary-development-title", classes="section-title")
                        yield Static("", id="summary-development")
                yield Static("", id="summary-gaps-title", classes="section-title")
                yield Static("", id="summary-gaps")
            yield Static("", id="summary-themes-title", classes="section-title")
            yield Static("", id="summary-themes")
            yield Static("", id="summary-previous-title", classes="section-title")
            yield Static("", id="summary-previous-head", classes="muted")
            with Vertical(id="summary-review"):
                yield ReviewList(id="summary-goals")
                yield Static("", id="summary-goal-detail")
                yield FieldLabel(
                    "", for_id="summary-note", id="summary-note-label", classes="field-label"
                )
                yield AutosaveInput(id="summary-note", compact=True, max_length=500)
            # Last on the page: after the ratings and last year's plan have been talked over.
            yield ReadinessQuestion(self.session, id="summary-readiness")

    def focus_first(self) -> None:
        """The page, read from its top; the goal list (out of sight) when there is a plan
        to follow up, so d/p/n/c act at once. A plan still loading takes it when loaded."""
        self._focus_goals = True
        self.screen.set_focus(self.query_one("#summary-page"), scroll_visible=False)
        self._focus_review()

    def _focus_review(self) -> None:
        goals = self.query_one("#summary-goals", ReviewList)
        if (
            self._focus_goals
            and self.previous is not None
            and not self.readonly
            and goals.option_count
            and self.screen.focused is self.query_one("#summary-page")
        ):
            self._focus_goals = False
            self.screen.set_focus(goals, scroll_visible=False)

    @property
    def previous(self) -> Previous | None:
        return self.session.previous

    def show(self) -> None:
        detail, content = self.detail, self.content
        if detail is None or content is None:
            return
        for widget_id, key in TITLES.items():
            self.query_one(f"#{widget_id}", Static).update(t(key))
        if family(self._kind() or "mus") == "lus":  # "selv − leder" read as the leader twice
            self.query_one("#summary-gaps-title", Static).update(t("summary.gaps.lus"))
        # Only the sections of the steps the kind has (no profile without the expectations
        # step, no themes without the cards step).
        steps = self.session.steps
        rated, played = "expectations" in steps, "cards" in steps
        for widget_id in ("#summary-profile-title", "#summary-empty", "#summary-rated"):
            self.query_one(widget_id).display = rated
        for widget_id in ("#summary-themes-title", "#summary-themes"):
            self.query_one(widget_id).display = played
        if rated:
            self._show_ratings(detail, content)
        if played:
            self._show_themes(detail, content)
        self.query_one(ReadinessQuestion).show()
        goals = detail.plan.goals if detail.plan else ()
        carrying = {
            job.op.args["goal_id"]
            for job in self.session.app.saver.unsaved_jobs()
            if job.op is not None and job.op.name == "carry"
        }
        self._carried = {g.carried_from_id for g in goals if g.carried_from_id} | carrying
        record = detail.conversation
        if self._previous_for != record.id:
            self._previous_for = record.id
            self.session.previous = None
            self._skipped = None
            self.query_one("#summary-previous-head", Static).update(t("summary.loading"))
            self.query_one("#summary-review").display = False
            self._load_previous(record.person_id, record.id)
        else:
            self._show_previous()

    def on_resize(self) -> None:
        """Strengths beside development areas only where both columns have room; the
        expectations of a 360° evaluation cut to the new width."""
        self.query_one("#summary-columns").set_class(self.size.width < 100, "-stacked")
        detail, content = self.detail, self.content
        if detail is not None and content is not None and detail.feedback:
            self._show_feedback(detail, content)

    def leave(self) -> None:
        note = self.query_one("#summary-note", AutosaveInput)
        if note.key:
            self.session.commit(note.key)
        self.query_one(ReadinessQuestion).leave()

    # ratings, gaps, themes

    def _show_ratings(self, detail: ConversationDetail, content: ConversationContent) -> None:
        lang = language()
        ratings = detail.ratings
        record = detail.conversation
        scored = {r.rater for r in ratings if r.score is not None}
        message = ""
        if not scored:
            message = t("summary.nothing")
        elif not record.revealed and not record.is_signed:
            message = t("summary.hidden")
        empty = self.query_one("#summary-empty", Static)
        empty.update(message)
        empty.display = bool(message)
        self.query_one("#summary-rated").display = not message
        if message:
            return
        names = {d.id: d.name.get(lang) for d in content.dimensions}
        maximum = max(content.scale_values, default=5)
        groups = shown_groups(detail.feedback)
        series = dimension_series(content, ratings, detail.feedback) if groups else []
        self.query_one(ProfileBars).show(
            profile(content, ratings),
            names,
            maximum,
            kind=self._kind(),
            groups=[
                (group, {row.key: row.values[2 + index] for row in series})
                for index, group in enumerate(groups)
            ],
            flags={row.key: row.flag for row in series if row.flag},
        )
        self._show_feedback(detail, content)
        self.query_one("#summary-strengths", Static).update(
            self._scored(strengths(content, ratings), content, "summary.no_strengths")
        )
        self.query_one("#summary-development", Static).update(
            self._scored(development_areas(content, ratings), content, "summary.no_development")
        )
        self.query_one("#summary-gaps", Static).update(self._gaps(detail, content, scored))

    def _show_feedback(self, detail: ConversationDetail, content: ConversationContent) -> None:
        """360°: which groups answered (a group too small to show says so, with no figure),
        then per expectation self, manager and each group shown, blind spots and hidden
        strengths marked, and the comments of the groups shown in random order."""
        title = self.query_one("#summary-feedback-title", Static)
        body = self.query_one("#summary-feedback", Static)
        title.display = body.display = bool(detail.feedback)
        if not detail.feedback:
            return
        title.update(t("summary.feedback"))
        lines = []
        for group in detail.feedback:
            name = t(f"summary.group.{group.group}")
            if group.shown:
                lines.append(t("summary.group_shown", group=name, n=group.raters))
            else:
                lines.append(
                    f"[dim]{t('summary.group_hidden', group=name, n=group.threshold)}[/dim]"
                )
        groups = shown_groups(detail.feedback)
        if not groups:
            body.update("\n".join(lines))
            return
        heads = [
            t("summary.expectation"),
            t("exp.self_short"),
            manager_column(self._kind()),
            *(t(f"summary.group_short.{group}") for group in groups),
        ]
        rows = expectation_series(content, detail.ratings, detail.feedback)
        titles = {}
        for row in rows:
            expectation = content.expectation(row.key)
            titles[row.key] = expectation.title.get(language()) if expectation else row.key
        width = max(len(h) for h in heads[1:]) + 1
        marks = {BLIND_SPOT: t("summary.blind_spot"), HIDDEN_STRENGTH: t("summary.hidden_strength")}
        room = self.app.size.width - 6  # the page's padding and its scroll bar
        mark_w = max(len(mark) for mark in marks.values()) + 2
        # the titles whole where the screen has room for them (they were cut at 40 however
        # wide it was), cut with "…" where it has not
        longest = max((len(title) for title in titles.values()), default=0) + 1
        name_w = max(14, min(longest, room - 1 - width * (len(heads) - 1) - mark_w))
        lines += [
            "",
            "[b]"
            + esc(heads[0].ljust(name_w))
            + "".join(esc(h.rjust(width)) for h in heads[1:])
            + "[/b]",
        ]
        for row in rows:
            name = titles[row.key]
            name = name if len(name) <= name_w - 1 else name[: name_w - 2] + "…"
            # self and manager: one rating each, whole ("5", as the expectations step and
            # the print write it: "5,0" read as a mean); the groups: means, with a decimal
            single = ("–" if v is None else f"{v:g}" for v in row.values[:2])
            means = (format_score(v) for v in row.values[2:])
            cells = "".join(text.rjust(width) for text in (*single, *means))
            mark = marks.get(row.flag or "", "")
            style = "$text-warning" if row.flag == BLIND_SPOT else "$text-success"
            mark = f"  [b {style}]{mark}[/]" if mark else ""
            lines.append(f"{esc(name.ljust(name_w))}{cells}{mark}")
        lines.append(f"[dim]{t('summary.marks_note')}[/dim]")
        comments: list[tuple[int, str]] = []  # (its line, its text) of each comment
        for group in detail.feedback:
            if group.shown and group.comments:
                who = t(f"summary.group.{group.group}")
                lines += ["", f"[i]{t('summary.comments_of', group=who.lower())}[/i]"]
                comments += [
                    (len(lines) + n, f"{self._title(content, key)}: {esc(text)}")
                    for n, (key, text) in enumerate(group.comments)
                ]
                lines += [""] * len(group.comments)
        # A comment that wraps goes on under its text, not under its bullet.
        paragraphs = [("", line) for line in lines]
        for at, comment in comments:
            paragraphs[at] = ("• ", comment)
        body.update(Hanging(*paragraphs))

    def _title(self, content: ConversationContent, expectation_id: str) -> str:
        expectation = content.expectation(expectation_id)
        return esc(expectation.title.get(language()) if expectation else expectation_id)

    def _scores(self, manager: int | None, own: int | None) -> str:
        boss = party_short(self._kind(), "manager")
        return t("summary.scores", manager=manager or "–", self=own or "–", boss=boss)

    def _scored(self, items: list[Scored], content: ConversationContent, empty: str) -> str:
        if not items:
            # what counts is the manager's rating where given, else the person's own (as
            # `core.profile` picks them): the person's own 2 beside a manager's 3 is no
            # development area, and the empty list must not say nothing was rated 2
            bar = midpoint(content)
            manager = party(self._kind(), "manager")
            said = t(
                empty,
                bar=str(int(bar)) if bar == int(bar) else number(bar),
                manager=manager[0].lower() + manager[1:],
            )
            return f"[dim]{esc(said)}[/dim]"
        return "\n".join(
            f"{self._title(content, s.expectation_id)}\n"
            f"  [dim]{self._scores(s.manager_score, s.self_score)}[/dim]"
            for s in items
        )

    def _gaps(
        self, detail: ConversationDetail, content: ConversationContent, scored: set[str]
    ) -> str:
        if scored != {"self", "manager"}:
            return f"[dim]{t('summary.gaps_need_both')}[/dim]"
        above, below = largest_gaps(content, detail.ratings, limit=GAPS_SHOWN)
        if not above and not below:
            return f"[dim]{t('summary.no_gaps')}[/dim]"
        kind = self._kind()
        lines = []
        for way, group in (("above", above), ("below", below)):
            if not group:
                continue
            who = party(kind, "self" if way == "above" else "manager")
            lines.append(f"[i]{t(f'summary.gaps_{way}', party=who)}[/i]")
            lines += [self._gap_line(content, gap) for gap in group]
        if any(g.size >= LARGE_GAP for g in above):
            manager = party(kind, "manager")
            manager = manager[:1].lower() + manager[1:]  # inside the sentence
            risk = t("summary.risk", person=party(kind, "self"), manager=manager)
            lines.append(f"\n[$text-warning]{risk}[/]")
        return "\n".join(lines)

    def _gap_line(self, content: ConversationContent, gap: Gap) -> str:
        """One gap, its size marked: ▲ the person two steps or more above the manager."""
        size = format_steps(gap.size)
        if gap.size >= LARGE_GAP:
            size = f"[b $text-warning]{size} ▲[/]"
        elif gap.size <= -LARGE_GAP:
            size = f"[b $text-accent]{size}[/]  "
        else:
            size = f"[b]{size}[/b]  "
        scores = self._scores(gap.manager_score, gap.self_score)
        return f"{size} {self._title(content, gap.expectation_id)} [dim]({scores})[/dim]"

    def _show_themes(self, detail: ConversationDetail, content: ConversationContent) -> None:
        """Each card talked about and its agreements; a line too long for the width goes on
        under its own beginning (it went on at the edge, under the card's bullet)."""
        lang = language()
        paragraphs: list[tuple[str, str]] = []
        for pick in detail.picks:
            # A card marked as talked about (ctrl+n) belongs here with or without a note:
            # four talked about and one written on listed only the one.
            if not (pick.played or pick.notes.strip() or pick.agreements.strip()):
                continue
            card = content.card(pick.card_id)
            title = card.title.get(lang) if card else pick.card_id
            theme = content.theme(card.theme) if card else None
            head = f"[b]{esc(title)}[/b]"
            if theme is not None and theme.name.get(lang) != title:
                head += f" [dim]· {esc(theme.name.get(lang))}[/dim]"
            paragraphs.append(("• ", head))
            if pick.agreements.strip():
                paragraphs.append(("  ", f"[i]{esc(t('cards.agreements'))}:[/i]"))
                paragraphs.extend(
                    ("  ", esc(line)) for line in pick.agreements.strip().splitlines()
                )
            else:
                paragraphs.append(("  ", f"[dim]{t('summary.no_agreements')}[/dim]"))
        self.query_one("#summary-themes", Static).update(
            Hanging(*paragraphs) if paragraphs else f"[dim]{t('summary.no_themes')}[/dim]"
        )

    # the earlier plan

    @work(thread=True, exclusive=True, group="summary-previous", exit_on_error=False)
    def _load_previous(self, person_id: int, conversation_id: int) -> None:
        repo = self.session.app.services.repo()
        found, skipped = repo.plans.previous_plans(
            person_id, before_conversation_id=conversation_id
        )
        self.app.call_from_thread(self._previous_loaded, conversation_id, found, skipped)

    def _previous_loaded(
        self, conversation_id: int, found: Previous | None, skipped: ConversationRecord | None
    ) -> None:
        if conversation_id != self._previous_for:
            return
        self.session.previous = found
        self._skipped = skipped
        self._show_previous()
        self._focus_review()

    def _show_previous(self) -> None:
        head = self.query_one("#summary-previous-head", Static)
        self.query_one("#summary-review").display = self.previous is not None
        skipped = ""
        if self._skipped is not None:  # a draft is not last year's plan: said, not reviewed
            skipped = t(
                "summary.previous_unsigned",
                kind=t(f"kind.{self._skipped.kind}"),
                date=_date(self._skipped.held_on),
            )
        if self.previous is None:
            none = t("summary.no_concluded" if skipped else "summary.no_previous")
            head.update(f"{none}\n{skipped}" if skipped else none)
            return
        conversation, _plan = self.previous
        goals = self.session.previous_goals()
        text = t(
            "summary.previous_from",
            kind=kind_in_sentence(conversation.kind),
            date=_date(conversation.held_on),
        )
        if not self.readonly:
            text += f" · {t('review.hint')}"
        head.update(f"{text}\n{skipped}" if skipped else text)
        options = self.query_one("#summary-goals", OptionList)
        highlighted = options.highlighted or 0
        options.set_options([Option(self._goal_prompt(goal), id=str(goal.id)) for goal in goals])
        options.highlighted = min(highlighted, len(goals) - 1)
        self._show_goal()

    def _goal_prompt(self, goal: GoalRecord) -> str:
        mark = goal_glyph(goal.status)
        if goal.status in REVIEWED:
            status = f"[{REVIEW_COLOURS[goal.status]}]{t(f'review.{goal.status}')}[/]"
        else:  # not yet followed up here ("Not started" read as the follow-up's verdict)
            status = f"[dim]{t('review.open')}[/dim]"
        carried = (
            f" [$text-success]↪ {t('review.carried_mark')}[/]" if goal.id in self._carried else ""
        )
        return f"{mark} {esc(goal.title)}  {status}{carried}"

    def _goal(self) -> GoalRecord | None:
        index = self.query_one("#summary-goals", OptionList).highlighted
        goals = self.session.previous_goals()
        return goals[index] if index is not None and 0 <= index < len(goals) else None

    def _show_goal(self) -> None:
        goal = self._goal()
        detail = self.query_one("#summary-goal-detail", Static)
        note = self.query_one("#summary-note", AutosaveInput)
        if goal is None:
            detail.update("")
            return
        lines = []
        if goal.success_criterion:
            lines.append(f"[dim]{t('plan.success')}:[/dim] {esc(goal.success_criterion)}")
        if goal.due_on:
            lines.append(f"[dim]{t('summary.due', date=_date(goal.due_on))}[/dim]")
        for action in goal.actions:
            lines.append(f"  {'✓' if action.done else '○'} {esc(action.description)}")
        detail.update("\n".join(lines))
        key = f"review-note:{goal.id}"
        reviewed = goal.status in REVIEWED
        note.placeholder = "" if reviewed or self.readonly else t("review.note_first")
        op_for = None if self.readonly or not reviewed else self._note_writer(goal.id)
        stored = next(
            (g.review_note for g in self.previous[1].goals if g.id == goal.id)
            if self.previous
            else iter(()),
            "",
        )
        note.bind_field(self.session, key, stored, op_for, t("review.note"))

    def _note_writer(self, goal_id: int) -> Any:
        args = {"goal_id": goal_id, "conversation_id": self.session.conversation_id}
        # the note alone (status None: kept); checked and written in one transaction
        return lambda value: Op("review", {**args, "value": value})

    @on(OptionList.OptionHighlighted, "#summary-goals")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_goal()
        self.refresh_bindings()

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review_by_letter" and language() == "da":
            return False
        if action in ("review", "review_by_letter", "carry") and self.is_mounted:
            # The goal list's keys only (the step opens with the focus there): on the page
            # or beside a field they are letters meant for something else.
            listed = self.screen.focused is self.query_one("#summary-goals", ReviewList)
            return listed and self._goal() is not None and not self.readonly
        return True

    def action_review_by_letter(self, status: str) -> None:
        self.action_review(status)

    def action_review(self, status: str) -> None:
        goal = self._goal()
        if goal is None or self.readonly or status not in REVIEWED:
            return
        note = self.query_one("#summary-note", AutosaveInput)
        if note.key:
            self.session.commit(note.key)  # the note lands first; the status keeps it
        args = {"goal_id": goal.id, "conversation_id": self.session.conversation_id}
        self.session.write(
            f"review:{goal.id}",
            Op("review", {**args, "status": status}),  # the note as it is then (None: kept)
            label=t("review.label", title=goal.title),
            done=self._reviewed,
        )
        self._show_previous()

    def _reviewed(self, _record: GoalRecord) -> None:
        if self.is_attached and not self.query_one("#summary-note", AutosaveInput).has_focus:
            self._show_previous()

    def action_carry(self) -> None:
        goal = self._goal()
        if goal is None or self.readonly:
            return
        if goal.status == "done":
            self.notify(t("review.finished"), severity="warning")
            return
        if goal.id in self._carried:
            self.notify(t("review.already_carried"), severity="warning")
            return
        self._carried.add(goal.id)

        def done(_new: GoalRecord) -> None:
            self.notify(t("review.carried"))
            self.session.reload()

        self.session.write(
            f"carry:{goal.id}",
            Op("carry", {"goal_id": goal.id, "conversation_id": self.session.conversation_id}),
            label=t("review.carry_label", title=goal.title),
            done=done,
        )
        self._show_previous()

    def on_descendant_focus(self, _event: object) -> None:
        self.refresh_bindings()
