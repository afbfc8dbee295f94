"""The deck's rules of play: how many cards each party may still pick."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline_tui.packs.schema import Deck
from pipeline_tui.records import CardPickRecord


@dataclass(frozen=True)
class PickState:
    party: str
    picked: int
    minimum: int
    maximum: int

    @property
    def remaining(self) -> int:
        return max(self.maximum - self.picked, 0)

    @property
    def full(self) -> bool:
        return self.picked >= self.maximum

    @property
    def enough(self) -> bool:
        return self.picked >= self.minimum

    @property
    def missing(self) -> int:
        """How many more cards the party must pick before the cards are played."""
        return max(self.minimum - self.picked, 0)


def pick_state(deck: Deck, picks: Iterable[CardPickRecord], party: str) -> PickState:
    rule = deck.rules.picks.get(party)  # type: ignore[call-overload]
    picked = sum(1 for p in picks if p.picked_by == party)
    if rule is None:
        return PickState(party, picked, 0, 0)
    return PickState(party, picked, rule.min, rule.max)


def pick_limit(deck: Deck, party: str) -> int:
    rule = deck.rules.picks.get(party)  # type: ignore[call-overload]
    return rule.max if rule else 0


def missing_picks(deck: Deck, picks: Iterable[CardPickRecord]) -> list[PickState]:
    """The parties that have picked fewer cards than the rules ask (none: play may begin)."""
    picks = list(picks)
    states = [pick_state(deck, picks, party) for party in ("self", "manager")]
    return [state for state in states if not state.enough]
