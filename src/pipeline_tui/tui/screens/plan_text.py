"""The development plan as plain text, and a scrollable screen to read it.

`plan_text` is a pure function of the loaded conversation, its content and a
language: no Textual, no database, so the print formats (text, Markdown, PDF)
and tests can reuse it. The screen stands in for the print dialog until the
report formats arrive.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from pipeline_tui.core.profile import Scored, development_areas, profile, strengths
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.store.records import ConversationDetail
from pipeline_tui.tui.strings import STRINGS

WIDTH = 72


def _text(lang: str, key: str, **values: object) -> str:
    table = STRINGS.get(lang, STRINGS["en"])
    text = table.get(key, STRINGS["en"].get(key, key))
    return text.format(**values) if values else text


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone()
    return value.strftime("%d.%m.%Y")


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def _signed(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    return ("+" if value >= 0 else "−") + _number(abs(value), lang)


def _wrapped(text: str, indent: str) -> list[str]:
    lines = []
    for paragraph in text.strip().splitlines() or [""]:
        lines.extend(
            textwrap.wrap(paragraph, WIDTH, initial_indent=indent, subsequent_indent=indent)
            or [indent.rstrip()]
        )
    return lines


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "─" * len(title)]


def plan_text(detail: ConversationDetail, content: ConversationContent, lang: str) -> str:
    """Person, conversation, profile, strengths, goals with actions, follow-up, signatures."""
    record = detail.conversation
    plan = detail.plan

    def tr(key: str, **values: object) -> str:
        return _text(lang, key, **values)

    title = tr("sign.text.title")
    lines = [title.upper(), "═" * len(title)]
    facts = [
        (tr("sign.text.person"), record.person_name),
        (tr("sign.text.kind"), f"{tr(f'kind.{record.kind}')} · {content.layer.name.get(lang)}"),
        (tr("sign.text.date"), _day(record.held_on)),
        (tr("sign.text.conducted_by"), record.conducted_by or "–"),
    ]
    label_width = max(len(label) for label, _value in facts) + 2
    lines += [f"{label + ':':<{label_width}}{value}" for label, value in facts]

    rows = profile(content, detail.ratings)
    if any(r.self_mean is not None or r.manager_mean is not None for r in rows):
        lines += _heading(tr("sign.text.profile"))
        names = {d.id: d.name.get(lang) for d in content.dimensions}
        columns = (tr("exp.manager_short"), tr("exp.self_short"), tr("exp.gap"))
        width = min(max(len(n) for n in names.values()), WIDTH - 24) if names else 20
        lines.append(" " * width + "".join(f"{c:>8}" for c in columns))
        for row in rows:
            name = textwrap.shorten(
                names.get(row.dimension_id, row.dimension_id), width, placeholder="…"
            )
            lines.append(
                f"{name:<{width}}{_number(row.manager_mean, lang):>8}"
                f"{_number(row.self_mean, lang):>8}{_signed(row.gap, lang):>8}"
            )
    lines += _scored(tr("summary.strengths"), strengths(content, detail.ratings), content, lang)
    if plan is not None and plan.strengths.strip():
        lines += _wrapped(plan.strengths, "  ")
    lines += _scored(
        tr("summary.development"), development_areas(content, detail.ratings), content, lang
    )
    if plan is not None and plan.development_areas.strip():
        lines += _wrapped(plan.development_areas, "  ")
    if plan is not None and plan.summary.strip():
        lines += _heading(tr("plan.summary"))
        lines += _wrapped(plan.summary, "")

    lines += _heading(tr("plan.goals"))
    goals = plan.goals if plan is not None else ()
    if not goals:
        lines.append(tr("sign.text.no_goals"))
    for number, goal in enumerate(goals, start=1):
        lines.append("")
        lines += _wrapped(f"{number}. {goal.title}", "")
        if goal.success_criterion.strip():
            lines += _wrapped(f"{tr('plan.success')}: {goal.success_criterion}", "   ")
        status = tr(f"plan.goal_status.{goal.status}")
        lines.append(f"   {tr('sign.text.due')}: {_day(goal.due_on)} · {status}")
        for action in goal.actions:
            mark = "[x]" if action.done else "[ ]"
            details = [tr(f"plan.type.{action.kind}")]
            if action.owner.strip():
                details.append(f"{tr('plan.owner')}: {action.owner.strip()}")
            if action.due_on:
                details.append(_day(action.due_on))
            lines += _wrapped(f"{mark} {action.description}", "   ")
            lines += _wrapped(" · ".join(details), "       ")

    lines += _heading(tr("sign.text.follow_up"))
    lines.append(_day(plan.follow_up_on if plan else None))

    lines += _heading(tr("sign.signatures"))
    signatures = (
        (tr("sign.person"), record.person_name, plan.signed_by_person_at if plan else None),
        (tr("sign.conductor"), record.conducted_by, plan.signed_by_conductor_at if plan else None),
    )
    for role, name, signed in signatures:
        state = tr("sign.signed_at", date=_day(signed)) if signed else tr("sign.not_signed")
        lines.append(f"{role} ({name or '–'}): {state}")
    return "\n".join(lines) + "\n"


def _scored(title: str, items: list[Scored], content: ConversationContent, lang: str) -> list[str]:
    lines = _heading(title)
    if not items:
        return [*lines, "–"]
    for item in items:
        expectation = content.expectation(item.expectation_id)
        name = expectation.title.get(lang) if expectation else item.expectation_id
        scores = _text(
            lang,
            "summary.scores",
            manager=item.manager_score or "–",
            self=item.self_score or "–",
        )
        lines += _wrapped(f"- {name} ({scores})", "")
    return lines


class PlanTextScreen(ModalScreen[None]):
    """The plan as plain text, to read or copy before the print formats exist."""

    BINDINGS = [
        Binding("escape,q,p", "dismiss", show=False),
    ]

    def __init__(self, text: str, title: str) -> None:
        super().__init__(classes="dialog")
        self.text = text
        self.heading = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan-text-box", classes="dialog-box"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Static(self.text, id="plan-text", markup=False)

    def on_mount(self) -> None:
        self.query_one("#plan-text-box").focus()
