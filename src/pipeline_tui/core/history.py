"""A person over time: how their ratings moved, what became of their goals.

Conversations may be held on different layers over the years (a promotion
changes the expectations), so trends are compared per dimension id, and a
dimension only appears for the conversations whose layer has it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline_tui.core.profile import profile
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import ConversationDetail, GoalRecord, PlanRecord
from pipeline_tui.vocabulary import HELD_STATUSES as HELD


@dataclass(frozen=True)
class TrendPoint:
    conversation_id: int
    label: str  # the conversation's date, ISO
    self_mean: float | None
    manager_mean: float | None
    layer: str = ""  # the layer the conversation was held on


@dataclass(frozen=True)
class DimensionTrend:
    dimension_id: str
    name: dict[str, str]  # per language, from the latest conversation that had it
    points: tuple[TrendPoint | None, ...]  # one per conversation column, None where absent

    def change(self, since: int = 0) -> float | None:
        """Manager's latest mean minus the first one from column `since` on (None without
        two points): the page shows the last columns only, and its arrow is their change.

        Only points on the latest one's layer count: after a promotion the same dimension
        is rated against the new layer's expectations, and a lower figure there is no
        decline (every dimension showed "↓" the year after)."""
        rated = [p for p in self.points[since:] if p and p.manager_mean is not None]
        latest = rated[-1].layer if rated else ""
        values = [p.manager_mean for p in rated if p.layer == latest and p.manager_mean is not None]
        if len(values) < 2:
            return None
        return values[-1] - values[0]


def trends(
    history: Sequence[tuple[ConversationDetail, ConversationContent]],
) -> tuple[list[str], list[DimensionTrend]]:
    """Columns (conversation dates, oldest first) and one trend per dimension.

    Drafts are left out: nothing was agreed in them; so are conversations without a
    rating.
    """
    held = [
        (detail, content)
        for detail, content in sorted(
            history, key=lambda item: (item[0].conversation.held_on, item[0].conversation.id)
        )
        if detail.conversation.status in HELD
    ]
    columns = [detail.conversation.held_on.isoformat() for detail, _ in held]
    names: dict[str, dict[str, str]] = {}
    order: list[str] = []
    rows: dict[str, list[TrendPoint | None]] = {}
    for index, (detail, content) in enumerate(held):
        for dimension in content.dimensions:
            names[dimension.id] = dict(dimension.name.root)
            if dimension.id not in rows:
                rows[dimension.id] = [None] * len(held)
                order.append(dimension.id)
        for item in profile(content, detail.ratings):
            rows[item.dimension_id][index] = TrendPoint(
                conversation_id=detail.conversation.id,
                label=columns[index],
                self_mean=item.self_mean,
                manager_mean=item.manager_mean,
                layer=detail.conversation.layer,
            )
    # A conversation held without ratings (a status or onboarding conversation, which has
    # no expectations step) is no point of the trend: it showed as a column of "–" under
    # a second "2026", as if the year had been rated twice.
    rated = [
        index
        for index in range(len(held))
        if any(
            point is not None and (point.manager_mean is not None or point.self_mean is not None)
            for point in (rows[d][index] for d in order)
        )
    ]
    return [columns[i] for i in rated], [
        DimensionTrend(d, names[d], tuple(rows[d][i] for i in rated)) for d in order
    ]


def _latest_first(
    history: Sequence[tuple[ConversationDetail, ConversationContent]],
) -> list[ConversationDetail]:
    return [
        detail
        for detail, _content in sorted(
            history,
            key=lambda item: (item[0].conversation.held_on, item[0].conversation.id),
            reverse=True,
        )
    ]


def current_plan(
    history: Sequence[tuple[ConversationDetail, ConversationContent]],
) -> tuple[ConversationDetail, PlanRecord] | None:
    """The plan in force: the latest signed one with goals (a draft agreed nothing yet)."""
    for detail in _latest_first(history):
        plan = detail.plan
        if detail.conversation.status == "signed" and plan is not None and plan.goals:
            return detail, plan
    return None


def draft_plan(
    history: Sequence[tuple[ConversationDetail, ConversationContent]],
) -> tuple[ConversationDetail, PlanRecord] | None:
    """A newer plan than the one in force, not signed (being written, or completed): apart."""
    current = current_plan(history)
    for detail in _latest_first(history):
        if current is not None and detail.conversation.id == current[0].conversation.id:
            return None
        plan = detail.plan
        if detail.conversation.status != "signed" and plan is not None and plan.goals:
            return detail, plan
    return None


def progress(goal: GoalRecord) -> tuple[int, int]:
    """Actions done and actions in all, for a goal."""
    return sum(1 for a in goal.actions if a.done), len(goal.actions)
