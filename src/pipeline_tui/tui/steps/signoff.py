"""Step 6, sign-off: what is still missing, both signatures, and the plan as text.

The checklist warns but never blocks: a plan without a follow-up date is still
worth signing when both parties agree to it, so the confirmation only repeats
how many items are open. Each party signs for themself (s: the person, m: the
manager or consultant) after a yes/no; when both have signed, the store marks
the conversation signed and the screen's reload makes every step read-only
except the plan's progress. p shows the plan as plain text until the print
dialog arrives.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from pipeline_tui.core.due import follow_up_too_early, one_year_after
from pipeline_tui.ops import Op
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import ConversationDetail, PlanRecord
from pipeline_tui.tui.i18n import binding, language, locale, party, plural, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.date_input import typed_dates_lines
from pipeline_tui.tui.widgets.hanging import Hanging

SIGNERS = ("person", "conductor")
KEYS = {"person": "s", "conductor": "m"}


def checklist(detail: ConversationDetail, content: ConversationContent) -> list[tuple[bool, str]]:
    """(done, text) for each thing a finished conversation has, for the steps its kind has
    (no ratings item in a conversation without the expectations step; the deck's item
    only with a deck and the cards step)."""
    steps = content.steps_for(detail.conversation.kind)
    items = []
    if "expectations" in steps:
        ids = {e.id for e in content.expectations}
        rated = {
            rater: {r.expectation_id for r in detail.ratings if r.rater == rater and r.is_rated}
            for rater in ("self", "manager")
        }
        both = len(ids & rated["self"] & rated["manager"])
        items.append(
            (bool(ids) and both == len(ids), t("sign.check.ratings", n=both, total=len(ids)))
        )
    if content.deck is not None and "cards" in steps:
        played = sum(1 for p in detail.picks if p.played)
        total = len(detail.picks)
        items.append((total > 0 and played == total, t("sign.check.cards", n=played, total=total)))
    if "plan" not in steps:
        return items
    plan = detail.plan
    goals = plan.goals if plan is not None else ()
    items.append((bool(goals), t("sign.check.goals", n=len(goals))))
    if goals:  # with none, the item above says what is missing
        items.append((all(g.actions for g in goals), t("sign.check.actions")))
    follow_up = plan.follow_up_on if plan is not None else None
    held_on = detail.conversation.held_on
    text = t("sign.check.follow_up")
    if follow_up_too_early(follow_up, held_on):
        text = t(
            "sign.check.follow_up_too_early",
            date=locale().date(follow_up),
            held=locale().date(held_on),
        )
    elif follow_up is not None:
        text += f" ({locale().date(follow_up)})"
    elif plan is not None and plan.is_signed:  # too late to take the suggestion: say so
        text = t("sign.check.follow_up_none")
    else:  # the plan step only suggests one: say so, and how to take it
        suggested = locale().date(one_year_after(held_on))
        text = t("sign.check.follow_up_missing", date=suggested)
    items.append((follow_up is not None and not follow_up_too_early(follow_up, held_on), text))
    return items


def signed_at(plan: PlanRecord | None, signer: str) -> datetime | None:
    if plan is None:
        return None
    return plan.signed_by_person_at if signer == "person" else plan.signed_by_conductor_at


def _local_day(moment: datetime) -> str:
    """Timestamps are stored in UTC; people sign on their own calendar day."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return locale().date(aware.astimezone().date())


class SignoffPane(StepPane):
    STEP = "signoff"
    BINDINGS = [
        binding("s", "sign('person')", id="conv.sign_person", grouped=True, compact=False),
        binding("m", "sign('conductor')", id="conv.sign_conductor", grouped=True, compact=False),
        binding("p", "print", id="conv.print"),
        binding("v", "preview", id="conv.preview"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="signoff-page"):
            yield Static("", id="sign-checklist-title", classes="section-title")
            yield Static("", id="sign-checklist")
            yield Static("", id="sign-signatures-title", classes="section-title")
            with Horizontal(id="sign-blocks"):
                for signer in SIGNERS:
                    with Vertical(id=f"sign-{signer}", classes="sign-block"):
                        yield Static("", classes="sign-name")
                        yield Static("", classes="sign-state")
                        yield Button("", id=f"sign-{signer}-button", compact=True)
            yield Static("", id="sign-done")

    def focus_first(self) -> None:
        buttons = [b for b in self.query(Button) if b.display]
        target = buttons[0] if buttons else self.query_one("#signoff-page")
        self.screen.set_focus(target, scroll_visible=False)

    def show(self) -> None:
        detail, content = self.detail, self.content
        if detail is None or content is None:
            return
        signed = detail.plan is not None and detail.plan.is_signed
        self.query_one("#sign-checklist-title", Static).update(
            t("sign.checklist_signed" if signed else "sign.checklist")
        )
        self.query_one("#sign-signatures-title", Static).update(t("sign.signatures"))
        items = checklist(detail, content)
        typed = typed_dates_lines(self.session)
        if typed:  # not saved, and signing would leave them out for good
            said = "\n".join(typed)
            one = len(typed) == 1
            items.append(
                (
                    False,
                    t("sign.check.typed_date", dates=said)
                    if one
                    else t("sign.check.typed_dates", dates=said),
                )
            )
        # a point too long for the width goes on under its text, not under its mark
        lines = [
            ("[$text-success]✓[/] " if done else "[$text-warning]✗[/] ", text)
            for done, text in items
        ]
        if not all(done for done, _text in items) and not self.readonly:
            lines += [("", ""), ("", f"[dim]{t('sign.incomplete')}[/dim]")]
        self.query_one("#sign-checklist", Static).update(Hanging(*lines))
        for signer in SIGNERS:
            self._show_block(detail, signer)
        plan = detail.plan
        done = self.query_one("#sign-done", Static)
        hint = t("sign.print_hint")
        if plan is not None and plan.is_signed:
            done.update(f"[b $text-success]✓ {t('sign.done')}[/]\n{hint}")
        else:
            done.update(f"[dim]{hint}[/dim]")
        focused = self.screen.focused
        if focused is None or not focused.display:  # its button went away with the signature
            self.focus_first()
        self.refresh_bindings()

    def _role(self, kind: str | None, signer: str) -> str:
        """ "Lederens leder": named by the kind of conversation (core.roles); "… /
        konsulenten" for one who holds it by a name typed in rather than a leader chosen
        from the organisation (as the printed plan names them)."""
        record = self.detail.conversation if self.detail else None
        if signer == "conductor" and record is not None and record.conductor_id is not None:
            return party(kind, signer)
        return t(f"sign.{signer}", role=party(kind, signer))

    def _who(self, signer: str) -> str:
        record = self.detail.conversation if self.detail else None
        if record is None:
            return ""
        name = record.person_name if signer == "person" else record.conducted_by
        return name.strip() or self._role(self._kind(), signer)

    def _show_block(self, detail: ConversationDetail, signer: str) -> None:
        block = self.query_one(f"#sign-{signer}", Vertical)
        when = signed_at(detail.plan, signer)
        record = detail.conversation
        name = record.person_name if signer == "person" else record.conducted_by
        block.border_title = self._role(self._kind(), signer)
        block.query_one(".sign-name", Static).update(
            f"[b]{esc(name.strip())}[/b]"
            if name.strip()
            else f"[dim]{t('sign.no_conductor')}[/dim]"
        )
        state = block.query_one(".sign-state", Static)
        if when is not None:
            state.update(f"[$text-success]✓ {t('sign.signed_at', date=_local_day(when))}[/]")
        else:
            state.update(f"[dim]{t('sign.not_signed')}[/dim]")
        block.set_class(when is not None, "-signed")
        button = block.query_one(Button)
        button.label = t("sign.sign_button", letter=KEYS[signer])
        button.display = when is None and not self.readonly

    # signing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sign":
            detail = self.detail
            if detail is None or self.readonly:
                return False
            return signed_at(detail.plan, str(parameters[0])) is None
        return True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        for signer in SIGNERS:
            if event.button.id == f"sign-{signer}-button":
                self.action_sign(signer)

    def action_sign(self, signer: str) -> None:
        from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

        detail, content = self.detail, self.content
        if detail is None or content is None or self.readonly or signer not in SIGNERS:
            return
        if signed_at(detail.plan, signer) is not None:
            return
        other = SIGNERS[1 - SIGNERS.index(signer)]
        last = signed_at(detail.plan, other) is not None  # this signature freezes the plan
        question = t("sign.confirm" if last else "sign.confirm_first", who=esc(self._who(signer)))
        missing = sum(1 for done, _text in checklist(detail, content) if not done)
        missing += bool(typed_dates_lines(self.session))
        if missing:
            still = plural(missing, "sign.confirm_missing_one", "sign.confirm_missing")
            question += f"\n\n[$text-warning]{still}[/]"

        def answered(yes: bool | None) -> None:
            if yes:
                self._sign(signer)

        self.app.push_screen(ConfirmScreen(question, title=t("sign.confirm_title")), answered)

    def _sign(self, signer: str) -> None:
        conversation_id = self.session.conversation_id
        who = self._who(signer)

        def signed(plan: PlanRecord) -> None:
            if plan.is_signed:
                self.notify(t("sign.done"))
            else:
                self.notify(t("sign.signed_one", who=esc(who)))
            self.session.reload()

        self.session.write(
            f"plan:sign:{signer}",
            Op("sign", {"conversation_id": conversation_id, "signer": signer}),
            label=t("sign.signature_of", who=who),
            done=signed,
        )

    def action_print(self) -> None:
        self.session.app.print_plan(self.session.conversation_id)

    def action_preview(self) -> None:
        """The plan as plain text on screen, as it prints (read on a worker: the person's
        record and last year's plan belong to the printed plan too)."""
        if self.detail is not None:
            self._preview(self.detail.conversation.id, language())

    @work(thread=True, exclusive=True, group="signoff-preview")
    def _preview(self, conversation_id: int, lang: str) -> None:
        from pipeline_tui import services
        from pipeline_tui.report.plan import for_print
        from pipeline_tui.tui.dialogs.plan_text import plan_text

        data = services.plan_input(self.session.app.services.repo(), conversation_id)
        text = plan_text(for_print(data, self.session.app.settings), lang)
        self.app.call_from_thread(self._show_preview, text)

    def _show_preview(self, text: str) -> None:
        from pipeline_tui.tui.dialogs.plan_text import PlanTextScreen

        self.app.push_screen(PlanTextScreen(text, t("sign.plain_title")))

    def on_descendant_focus(self, _event: Any) -> None:
        self.refresh_bindings()
