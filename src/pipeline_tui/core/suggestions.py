"""Goals to suggest for the development plan, from what the conversation brought up.

Three sources, in this order: the lowest ratings (what needs to grow), the
largest self-vs-manager gaps (where the two see things differently), and the
agreements written on the cards that were played. The user accepts, edits or
ignores each; nothing here writes anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline_tui.core.profile import LARGE_GAP, development_areas, gaps
from pipeline_tui.packs.schema import Activity, Text
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import CardPickRecord, GoalRecord, RatingRecord

TITLE_LIMIT = 120


@dataclass(frozen=True)
class GoalSuggestion:
    key: str
    source: str  # "low_rating" | "gap" | "card"
    title: str
    success_criterion: str
    expectation_ids: tuple[str, ...] = ()
    card_ids: tuple[str, ...] = ()
    self_score: int | None = None
    manager_score: int | None = None
    activity_ids: tuple[str, ...] = ()


# Words too common to tell one text from another (both languages, cut to STEM letters).
_COMMON_WORDS = (
    "that this with what from have your their them they when each other more every "
    "where which about into over does also after once than well will would "
    "eller hvad hvor være også efter over dine sine ikke sammen andre hver andet "
    "kommer mellem skal have gøre"
)
_COMMON = {word[:5] for word in _COMMON_WORDS.split()}
STEM = 5  # letters kept of a word: "feedbacken", "sparringspartner" → "feedb", "sparr"


def _stems(*texts: str) -> set[str]:
    words = re.findall(r"[^\W\d_]{4,}", " ".join(texts).lower())
    return {word[:STEM] for word in words} - _COMMON


def _relevance(
    activity: Activity, words: set[str], themes: set[str], theme_words: dict[str, set[str]]
) -> int:
    """How well an activity fits the goal: words it shares with the goal's texts, and its
    themes (a theme named in the goal's texts counts double)."""
    texts = [text for field in (activity.title, activity.description) for text in _both(field)]
    score = len(_stems(*texts) & words)
    for theme in activity.themes:
        if theme in themes:
            score += 2
        if theme_words.get(theme, set()) & words:
            score += 2
    return score


def _both(text: Text) -> list[str]:
    """Every language of a pack text: the words are compared whatever the language shown."""
    return list(text.root.values())


def activities_for(
    content: ConversationContent,
    *,
    expectation_ids: Sequence[str] = (),
    card_ids: Sequence[str] = (),
) -> list[Activity]:
    """Activities of the goal's dimensions or its cards' themes, the best fitting first.

    Within a dimension the pack's order put "update your digital skills" before
    the feedback activity a goal about asking for feedback needs; the ones that
    share the goal's words and themes now come first (pack order breaks ties).
    """
    expectations = [e for e in (content.expectation(i) for i in expectation_ids) if e]
    cards = [c for c in (content.card(i) for i in card_ids) if c]
    dimensions = {e.dimension for e in expectations}
    themes = {c.theme for c in cards}
    found = [
        a
        for a in content.activities
        if dimensions.intersection(a.dimensions) or themes.intersection(a.themes)
    ]
    texts = [
        text
        for e in expectations
        for field in (e.title, e.description, *e.indicators)
        for text in _both(field)
    ]
    texts += [text for c in cards for field in (c.title, *c.prompts) for text in _both(field)]
    words = _stems(*texts)
    theme_words = {t.id: _stems(*_both(t.name)) for t in content.themes}
    ranked = sorted(
        enumerate(found),
        key=lambda pair: (-_relevance(pair[1], words, themes, theme_words), pair[0]),
    )
    return [activity for _index, activity in ranked]


def one_of_each_type(activities: Sequence[Activity]) -> tuple[str, ...]:
    """A 70-20-10 mix: the first suitable activity of each type."""
    chosen: dict[str, str] = {}
    for activity in activities:
        chosen.setdefault(activity.type, activity.id)
    return tuple(chosen[t] for t in ("experience", "relationships", "formal") if t in chosen)


def _first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= TITLE_LIMIT else line[: TITLE_LIMIT - 1].rstrip() + "…"


def suggest_goals(
    content: ConversationContent,
    ratings: Sequence[RatingRecord],
    picks: Sequence[CardPickRecord],
    lang: str,
    *,
    existing: Sequence[GoalRecord] = (),
    limit: int = 6,
) -> list[GoalSuggestion]:
    """Up to `limit` suggestions, skipping what the plan already covers."""
    covered_expectations = {i for goal in existing for i in goal.expectation_ids}
    covered_cards = {i for goal in existing for i in goal.card_ids}
    found: list[GoalSuggestion] = []
    seen: set[str] = set()

    def from_expectation(
        source: str, expectation_id: str, own: int | None, boss: int | None
    ) -> None:
        expectation = content.expectation(expectation_id)
        if expectation is None or expectation_id in seen or expectation_id in covered_expectations:
            return
        seen.add(expectation_id)
        mix = one_of_each_type(activities_for(content, expectation_ids=[expectation_id]))
        found.append(
            GoalSuggestion(
                key=f"{source}:{expectation_id}",
                source=source,
                title=expectation.title.get(lang),
                success_criterion=expectation.indicators[0].get(lang),
                expectation_ids=(expectation_id,),
                self_score=own,
                manager_score=boss,
                activity_ids=mix,
            )
        )

    for area in development_areas(content, ratings, limit=limit):
        from_expectation("low_rating", area.expectation_id, area.self_score, area.manager_score)
    for gap in gaps(content, ratings, minimum=LARGE_GAP):
        from_expectation("gap", gap.expectation_id, gap.self_score, gap.manager_score)
    for pick in picks:
        card = content.card(pick.card_id)
        if card is None or not pick.agreements.strip() or pick.card_id in covered_cards:
            continue
        mix = one_of_each_type(activities_for(content, card_ids=[pick.card_id]))
        found.append(
            GoalSuggestion(
                key=f"card:{pick.card_id}",
                source="card",
                title=_first_line(pick.agreements),
                success_criterion="",
                card_ids=(pick.card_id,),
                activity_ids=mix,
            )
        )
    return found[:limit]
