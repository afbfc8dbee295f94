"""Plan suggestions from the real default pack and hand-made ratings and card picks.

Order: the lowest ratings, then self-vs-manager gaps of two or more, then the
agreements written on played cards; what the plan already covers is skipped;
each suggestion brings a 70-20-10 mix of the pack's activities.
"""

from __future__ import annotations

import pytest

from pipeline_tui.core.suggestions import (
    TITLE_LIMIT,
    activities_for,
    one_of_each_type,
    suggest_goals,
)
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import CardPickRecord, GoalRecord, RatingRecord

TYPES = ("experience", "relationships", "formal")


@pytest.fixture(scope="module")
def content() -> ConversationContent:
    return ConversationContent.from_pack(load_packs(None).default, "lead_others")


def rating(expectation_id: str, rater: str, score: int) -> RatingRecord:
    return RatingRecord(0, 1, expectation_id, rater, score, False, "", 1)


def both(expectation_id: str, own: int, boss: int) -> list[RatingRecord]:
    return [rating(expectation_id, "self", own), rating(expectation_id, "manager", boss)]


def everyone_at(content: ConversationContent, score: int, **special: tuple[int, int]):
    """Every expectation rated `score` by both, except those in `special` (self, manager)."""
    ratings = []
    for expectation in content.ordered_expectations():
        own, boss = special.get(expectation.id, (score, score))
        ratings += both(expectation.id, own, boss)
    return ratings


def pick(card_id: str, agreements: str) -> CardPickRecord:
    return CardPickRecord(0, 1, card_id, "self", 0, "", agreements, True, 1)


def goal(expectation_ids=(), card_ids=()) -> GoalRecord:
    return GoalRecord(
        1, 1, 0, "Earlier goal", tuple(expectation_ids), tuple(card_ids), "", None, "open", "", "",
        None, None, 1,
    )  # fmt: skip


def test_lowest_ratings_first_then_large_gaps_then_card_agreements(content) -> None:
    ids = [e.id for e in content.ordered_expectations()]
    lowest, low, gap, small_gap = ids[4], ids[1], ids[7], ids[9]
    ratings = everyone_at(
        content, 3, **{lowest: (2, 1), low: (2, 2), gap: (5, 3), small_gap: (4, 3)}
    )
    card = content.deck.cards[0]
    picks = [pick(card.id, "Monthly one-to-ones with every coordinator\nStart in January")]

    found = suggest_goals(content, ratings, picks, "en")

    assert [(s.source, s.key) for s in found] == [
        ("low_rating", f"low_rating:{lowest}"),
        ("low_rating", f"low_rating:{low}"),
        ("gap", f"gap:{gap}"),
        ("card", f"card:{card.id}"),
    ]
    first = found[0]
    expectation = content.expectation(lowest)
    assert first.title == expectation.title.get("en")
    assert first.success_criterion == expectation.indicators[0].get("en")
    assert (first.self_score, first.manager_score) == (2, 1)
    assert (found[2].self_score, found[2].manager_score) == (5, 3)
    assert found[3].title == "Monthly one-to-ones with every coordinator"
    assert found[3].card_ids == (card.id,)


def test_danish_texts_when_asked_in_danish(content) -> None:
    weakest = content.ordered_expectations()[0]
    found = suggest_goals(content, both(weakest.id, 1, 1), [], "da")
    assert found[0].title == weakest.title.get("da")


def test_no_suggestion_without_low_scores_large_gaps_or_agreements(content) -> None:
    ratings = everyone_at(content, 3, **{content.ordered_expectations()[0].id: (4, 3)})
    picks = [pick(content.deck.cards[0].id, "  \n ")]
    assert suggest_goals(content, ratings, picks, "en") == []


def test_what_the_plan_covers_is_not_suggested_again(content) -> None:
    ids = [e.id for e in content.ordered_expectations()]
    ratings = everyone_at(content, 3, **{ids[0]: (1, 1), ids[1]: (2, 2)})
    cards = content.deck.cards
    picks = [pick(cards[0].id, "Agreed one"), pick(cards[1].id, "Agreed two")]
    existing = [goal(expectation_ids=[ids[0]], card_ids=[cards[1].id])]

    found = suggest_goals(content, ratings, picks, "en", existing=existing)

    assert [s.key for s in found] == [f"low_rating:{ids[1]}", f"card:{cards[0].id}"]


def test_an_expectation_both_low_and_far_apart_is_suggested_once(content) -> None:
    expectation_id = content.ordered_expectations()[2].id
    ratings = everyone_at(content, 3, **{expectation_id: (4, 1)})
    found = suggest_goals(content, ratings, [], "en")
    assert [s.key for s in found] == [f"low_rating:{expectation_id}"]


def test_at_most_limit_suggestions(content) -> None:
    ratings = everyone_at(content, 1)
    assert len(suggest_goals(content, ratings, [], "en", limit=4)) == 4


def test_a_long_agreement_is_cut_to_a_title(content) -> None:
    picks = [pick(content.deck.cards[0].id, "x" * 300)]
    title = suggest_goals(content, [], picks, "en")[0].title
    assert len(title) == TITLE_LIMIT and title.endswith("…")


def test_activities_are_a_70_20_10_mix_that_suits_the_goal(content) -> None:
    full = [
        e
        for e in content.ordered_expectations()
        if {a.type for a in activities_for(content, expectation_ids=[e.id])} == set(TYPES)
    ]
    assert full, "the pack should offer all three kinds of activity for some expectation"
    expectation = full[0]
    suggestion = suggest_goals(content, both(expectation.id, 1, 1), [], "en")[0]

    by_id = {a.id: a for a in content.activities}
    chosen = [by_id[i] for i in suggestion.activity_ids]
    assert [a.type for a in chosen] == list(TYPES)
    assert all(expectation.dimension in a.dimensions for a in chosen)


def test_card_activities_follow_the_cards_theme(content) -> None:
    card = next((c for c in content.deck.cards if activities_for(content, card_ids=[c.id])), None)
    assert card is not None, "the pack should offer activities for some card's theme"
    suggestion = suggest_goals(content, [], [pick(card.id, "Agreed")], "en")[0]
    suited = activities_for(content, card_ids=[card.id])
    assert all(card.theme in a.themes for a in suited)
    assert suggestion.activity_ids == one_of_each_type(suited)


def test_one_of_each_type_keeps_the_first_of_each_in_70_20_10_order(content) -> None:
    ordered = sorted(content.activities, key=lambda a: TYPES.index(a.type), reverse=True)
    picked = one_of_each_type(ordered)
    firsts = {}
    for activity in ordered:
        firsts.setdefault(activity.type, activity.id)
    assert picked == tuple(firsts[t] for t in TYPES if t in firsts)


def test_activities_fit_the_goal_not_only_its_dimension() -> None:
    """A goal about seeking sparring and feedback gets feedback, not digital skills (item 9)."""
    content = ConversationContent.from_pack(load_packs(None).default, "lead_leaders")
    expectation = content.expectation("lead_leaders.learning")
    assert expectation is not None and "feedback" in expectation.title.get("en").lower()
    suggestion = suggest_goals(content, both(expectation.id, 1, 1), [], "en")[0]
    by_id = {a.id: a for a in content.activities}
    chosen = {by_id[i].type: by_id[i] for i in suggestion.activity_ids}
    assert "act.change.digital" not in suggestion.activity_ids
    # someone to give feedback or be a sounding board: a coach, a mentor, 360-degree feedback
    sounding_boards = {"act.self.coach", "act.people.mentor", "act.people.feedback_360"}
    assert chosen["relationships"].id in sounding_boards
    assert all(expectation.dimension in a.dimensions for a in chosen.values())


def test_largest_gaps_show_a_manager_above_self_too(content) -> None:
    """Five gaps where the person rates higher no longer hide the one the other way."""
    from pipeline_tui.core.profile import largest_gaps

    ids = [e.id for e in content.ordered_expectations()]
    special = {i: (5, 2) for i in ids[:6]} | {ids[6]: (2, 4)}
    above, below = largest_gaps(content, everyone_at(content, 3, **special), limit=5)
    assert [g.expectation_id for g in below] == [ids[6]]
    assert below[0].size == -2
    assert len(above) == 4 and all(g.size == 3 for g in above)
