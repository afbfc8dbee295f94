"""Make conversations that look held: ratings, cards played, a plan with goals and actions.

Used by the demo organisation and by the benchmark generator. Dates are
relative to `clock.today()`, so the demo always has a last year and a this
year; a seeded random generator makes the same organisation every time.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from pipeline_tui.core.suggestions import suggest_goals
from pipeline_tui.demo.texts import (
    CLINICAL,
    RATING_COMMENTS,
    SUMMARIES,
    card_texts,
    text_group,
)
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import CardPickRecord, RatingRecord
from pipeline_tui.services import content_ref
from pipeline_tui.store.bulk import HeldAction, HeldCard, HeldConversation, HeldGoal, HeldRating

SCORES = (2, 3, 3, 3, 3, 4, 4, 4, 5, 5)
SELF_SHIFT = (-1, 0, 0, 0, 0, 1, 1, 1, 2)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _ratings(
    rnd: random.Random, content: ConversationContent, status: str
) -> tuple[HeldRating, ...]:
    values = content.scale_values
    low, high = min(values), max(values)
    comments = RATING_COMMENTS[text_group(content.layer.key)]
    found = []
    expectations = content.ordered_expectations()
    if status == "draft":
        return ()
    if status == "in_progress":
        expectations = expectations[: rnd.randint(3, max(3, len(expectations) - 2))]
    for expectation in expectations:
        base = rnd.choice(SCORES)
        own = _clamp(base + rnd.choice(SELF_SHIFT), low, high)
        comment = rnd.choice(comments) if rnd.random() < 0.12 else ""
        found.append(HeldRating(expectation.id, "self", own, comment=comment))
        if status == "in_progress":
            continue
        if rnd.random() < 0.04:
            found.append(HeldRating(expectation.id, "manager", None, not_observed=True))
        else:
            found.append(HeldRating(expectation.id, "manager", _clamp(base, low, high)))
    return tuple(found)


def _cards(
    rnd: random.Random, content: ConversationContent, status: str, work: str
) -> tuple[HeldCard, ...]:
    """The cards on the table, with what was said on them: texts written for the person's
    layer group and kind of work (`card_texts`), each group with as many to draw from, so the
    random draws are the same whoever's conversation it is."""
    deck = content.deck
    if deck is None:
        return ()
    chosen: list[tuple[str, str]] = [(card_id, "deck") for card_id in deck.rules.always_included]
    if status == "draft":  # on the table from the start, as a conversation begun in the app
        return tuple(HeldCard(card_id, party, "", "", played=False) for card_id, party in chosen)
    left = [c.id for c in deck.cards if c.id not in deck.rules.always_included]
    rnd.shuffle(left)
    for party in ("self", "manager"):
        rule = deck.rules.picks.get(party)
        if rule is None:
            continue
        for _ in range(rnd.randint(rule.min, rule.max)):
            if left:
                chosen.append((left.pop(), party))
    held = status in ("completed", "signed")
    cards = []
    said: set[tuple[str, str]] = set()
    for card_id, party in chosen:
        card = content.card(card_id)
        texts = card_texts(content.layer.key, work, card.theme) if card else ()
        notes, agreements = rnd.choice(texts) if texts and held else ("", "")
        if notes and (notes, agreements) in said:  # two cards of a theme, each its own words
            unsaid = [text for text in texts if text not in said]
            notes, agreements = unsaid[0] if unsaid else ("", "")
        said.add((notes, agreements))
        cards.append(HeldCard(card_id, party, notes, agreements, played=held and bool(notes)))
    return tuple(cards)


def _goals(
    rnd: random.Random,
    content: ConversationContent,
    ratings: tuple[HeldRating, ...],
    cards: tuple[HeldCard, ...],
    held_on: date,
    owner: str,
) -> tuple[HeldGoal, ...]:
    records = [
        RatingRecord(0, 0, r.expectation_id, r.rater, r.score, r.not_observed, r.comment, 1)
        for r in ratings
    ]
    picks = [
        CardPickRecord(0, 0, c.card_id, c.picked_by, i, c.notes, c.agreements, c.played, 1)
        for i, c in enumerate(cards)
    ]
    suggestions = suggest_goals(content, records, picks, "da", limit=6)
    rnd.shuffle(suggestions)
    activities = {a.id: a for a in content.activities}
    goals = []
    for suggestion in suggestions[: rnd.randint(2, 3)]:
        due = held_on + timedelta(days=rnd.choice((120, 180, 270)))
        actions = tuple(
            HeldAction(
                description=activities[a].title.get("da"),
                kind=activities[a].type,
                owner=owner,
                due_on=due - timedelta(days=30 * (2 - i)),
                activity_id=a,
            )
            for i, a in enumerate(suggestion.activity_ids)
            if a in activities
        )
        goals.append(
            HeldGoal(
                title=suggestion.title,
                success_criterion=suggestion.success_criterion,
                due_on=due,
                expectation_ids=suggestion.expectation_ids,
                card_ids=suggestion.card_ids,
                actions=actions,
            )
        )
    return tuple(goals)


def held_conversation(
    rnd: random.Random,
    content: ConversationContent,
    *,
    person_id: int,
    person_name: str,
    kind: str,
    held_on: date,
    status: str,
    conducted_by: str,
    conductor_id: int | None,
    follow_up_on: date | None = None,
    readiness: tuple[str, str] = ("", ""),
    work: str = CLINICAL,
) -> HeldConversation:
    """One conversation in the given state, with what would have been said in it: words
    for the layer of `content` and the person's kind of `work` (CLINICAL or OFFICE)."""
    ratings = _ratings(rnd, content, status)
    cards = _cards(rnd, content, status, work)
    goals: tuple[HeldGoal, ...] = ()
    if status in ("completed", "signed"):
        goals = _goals(rnd, content, ratings, cards, held_on, person_name)
    signed_at = datetime(held_on.year, held_on.month, held_on.day, 14, 30, tzinfo=UTC)
    return HeldConversation(
        person_id=person_id,
        kind=kind,
        held_on=held_on,
        content=content_ref(content),
        status=status,
        conducted_by=conducted_by,
        conductor_id=conductor_id,
        revealed=status in ("completed", "signed"),
        ratings=ratings,
        cards=cards,
        summary=rnd.choice(SUMMARIES[text_group(content.layer.key)]) if goals else "",
        follow_up_on=follow_up_on if goals else None,
        signed_at=signed_at + timedelta(days=2),
        goals=goals,
        readiness=readiness[0] if goals else "",
        readiness_note=readiness[1] if goals else "",
    )
