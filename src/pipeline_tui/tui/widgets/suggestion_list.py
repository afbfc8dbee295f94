"""Suggested goals, each with where it comes from and the scores behind it.

A suggestion says why it is there (a low rating, a self-vs-manager gap, an
agreement written on a card) so the two can judge it before enter takes it.
At 80 columns the list is narrow: each suggestion takes one line ending in "…",
and the highlighted one is shown whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets.option_list import Option

from pipeline_tui.core.suggestions import GoalSuggestion
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.pick_list import WholeWhenHighlighted


class SuggestionList(WholeWhenHighlighted):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(enter_id="conv.accept", **kwargs)
        self.suggestions: list[GoalSuggestion] = []
        self._content: ConversationContent | None = None
        self._lang = "da"
        self._boss = ""

    def show(
        self,
        suggestions: Sequence[GoalSuggestion],
        content: ConversationContent,
        lang: str,
        *,
        boss: str,
    ) -> None:
        """`boss`: the manager's short label in this kind of conversation ("Leder")."""
        self.suggestions = list(suggestions)
        self._content, self._lang, self._boss = content, lang, boss
        self.replace_options([self._option(s, content, lang, boss) for s in suggestions])
        self.whole = None
        self.show_whole(self.highlighted)

    def suggestion(self, key: str | None) -> GoalSuggestion | None:
        return next((s for s in self.suggestions if s.key == key), None)

    def entry_count(self) -> int:
        return len(self.suggestions)

    def prompt_at(self, number: int, *, clip: bool) -> Hanging | None:
        if self._content is None:
            return None
        return self._prompt(
            self.suggestions[number], self._content, self._lang, self._boss, clip=clip
        )

    @classmethod
    def _option(
        cls, suggestion: GoalSuggestion, content: ConversationContent, lang: str, boss: str
    ) -> Option:
        return Option(cls._prompt(suggestion, content, lang, boss, clip=True), id=suggestion.key)

    @staticmethod
    def _prompt(
        suggestion: GoalSuggestion,
        content: ConversationContent,
        lang: str,
        boss: str,
        *,
        clip: bool,
    ) -> Hanging:
        source = t(f"plan.source.{suggestion.source}")
        if suggestion.source == "card":
            card = content.card(suggestion.card_ids[0]) if suggestion.card_ids else None
            why = card.title.get(lang) if card else ""
        else:
            why = t(
                "summary.scores",
                manager=suggestion.manager_score or "–",
                self=suggestion.self_score or "–",
                boss=boss,
            )
        return Hanging(
            ("", esc(suggestion.title)), ("  ", f"[dim]{source} · {esc(why)}[/dim]"), clip=clip
        )
