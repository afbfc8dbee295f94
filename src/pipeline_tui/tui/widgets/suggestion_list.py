"""Suggested goals, each with where it comes from and the scores behind it.

A suggestion says why it is there (a low rating, a self-vs-manager gap, an
agreement written on a card) so the two can judge it before enter takes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.markup import escape as esc
from textual.widgets.option_list import Option

from pipeline_tui.core.suggestions import GoalSuggestion
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.pick_list import PickList


class SuggestionList(PickList):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(enter_id="conv.accept", **kwargs)
        self.suggestions: list[GoalSuggestion] = []

    def show(
        self, suggestions: Sequence[GoalSuggestion], content: ConversationContent, lang: str
    ) -> None:
        self.suggestions = list(suggestions)
        self.replace_options([self._option(s, content, lang) for s in suggestions])

    def suggestion(self, key: str | None) -> GoalSuggestion | None:
        return next((s for s in self.suggestions if s.key == key), None)

    @staticmethod
    def _option(suggestion: GoalSuggestion, content: ConversationContent, lang: str) -> Option:
        source = t(f"plan.source.{suggestion.source}")
        if suggestion.source == "card":
            card = content.card(suggestion.card_ids[0]) if suggestion.card_ids else None
            why = card.title.get(lang) if card else ""
        else:
            why = t(
                "summary.scores",
                manager=suggestion.manager_score or "–",
                self=suggestion.self_score or "–",
            )
        return Option(
            Hanging(("", esc(suggestion.title)), ("  ", f"[dim]{source} · {esc(why)}[/dim]")),
            id=suggestion.key,
        )
