"""The content one conversation is held with: one layer, its expectations, one deck.

Built from a loaded pack when a conversation starts, and stored with it as a
snapshot (`to_snapshot`), so that an old conversation is shown with exactly
the texts it was held with (`from_snapshot`), whatever the pack says today.
`plan print` reads the snapshot as `records.SnapshotContent` instead (the same
data without pydantic); what both must answer is `shapes.Content`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.records import parties_kind
from pipeline_tui.packs.schema import (
    STEPS,
    Activity,
    Card,
    ConversationKind,
    Deck,
    Dimension,
    Expectation,
    Layer,
    RatingScale,
    Text,
    Theme,
)

SNAPSHOT_FORMAT = 1


@dataclass(frozen=True)
class ConversationContent:
    pack_id: str
    pack_version: str
    pack_hash: str
    pack_name: Text
    layer: Layer
    dimensions: tuple[Dimension, ...]
    expectations: tuple[Expectation, ...]
    scale: RatingScale
    deck: Deck | None
    themes: tuple[Theme, ...]
    activities: tuple[Activity, ...]
    # The pack's kinds of conversation (their steps, whether they are yearly); empty in a
    # snapshot from before kinds were stored, which then has every step.
    kinds: tuple[ConversationKind, ...] = ()
    # The name of the layer above (None on the top layer), for the readiness question.
    next_layer: Text | None = None
    # The organisation the pack was written for (printed plans fall back to it).
    organisation: str | None = None

    @classmethod
    def from_pack(
        cls, pack: Pack, layer_key: str, deck_id: str | None = None, *, with_deck: bool = True
    ) -> ConversationContent:
        layer = pack.layer(layer_key)
        if layer is None:
            raise KeyError(f"the pack {pack.id} has no layer {layer_key!r}")
        deck = pack.deck(deck_id) if deck_id else pack.deck_for_layer(layer_key)
        if not with_deck:
            deck = None
        theme_ids = {card.theme for card in deck.cards} if deck else set()
        return cls(
            pack_id=pack.id,
            pack_version=pack.version,
            pack_hash=pack.content_hash,
            pack_name=pack.manifest.name,
            layer=layer,
            dimensions=pack.dimensions_for(layer_key),
            expectations=pack.expectations_for(layer_key),
            scale=pack.scale.for_layer(layer_key),
            deck=deck,
            themes=tuple(t for t in pack.themes if t.id in theme_ids),
            activities=pack.activities_for(layer_key=layer_key),
            kinds=pack.kinds,
            next_layer=_next_layer(pack, layer_key),
            organisation=pack.manifest.organisation,
        )

    def to_snapshot(self) -> dict[str, Any]:
        """JSON-ready texts, stored once per pack hash, layer and deck."""

        def dump(model: Any) -> Any:
            return model.model_dump(mode="json", exclude_none=True)

        return {
            "format": SNAPSHOT_FORMAT,
            "pack": {
                "id": self.pack_id,
                "version": self.pack_version,
                "hash": self.pack_hash,
                "name": dump(self.pack_name),
                **({"organisation": self.organisation} if self.organisation else {}),
            },
            "layer": dump(self.layer),
            "dimensions": [dump(d) for d in self.dimensions],
            "expectations": [dump(e) for e in self.expectations],
            "scale": dump(self.scale),
            "deck": dump(self.deck) if self.deck else None,
            "themes": [dump(t) for t in self.themes],
            "activities": [dump(a) for a in self.activities],
            "kinds": [dump(k) for k in self.kinds],
            "next_layer": dump(self.next_layer) if self.next_layer else None,
        }

    @classmethod
    def from_snapshot(cls, data: dict[str, Any]) -> ConversationContent:
        pack = data["pack"]
        deck = data.get("deck")
        return cls(
            pack_id=pack["id"],
            pack_version=pack["version"],
            pack_hash=pack["hash"],
            pack_name=Text.model_validate(pack["name"]),
            layer=Layer.model_validate(data["layer"]),
            dimensions=tuple(Dimension.model_validate(d) for d in data["dimensions"]),
            expectations=tuple(Expectation.model_validate(e) for e in data["expectations"]),
            scale=RatingScale.model_validate(data["scale"]),
            deck=Deck.model_validate(deck) if deck else None,
            themes=tuple(Theme.model_validate(t) for t in data["themes"]),
            activities=tuple(Activity.model_validate(a) for a in data["activities"]),
            kinds=tuple(ConversationKind.model_validate(k) for k in data.get("kinds", ())),
            next_layer=Text.model_validate(data["next_layer"]) if data.get("next_layer") else None,
            organisation=_organisation(pack),
        )

    def kind(self, key: str) -> ConversationKind | None:
        return next((k for k in self.kinds if k.key == key), None)

    def parties_kind(self, kind: str | None) -> str | None:
        """The kind whose words name the two parties (`records.parties_kind`)."""
        return parties_kind(kind, self.layer.conversation)

    def steps_for(self, kind_key: str) -> tuple[str, ...]:
        """The steps a conversation of `kind_key` has, in order: the kind's own, where the
        snapshot knows the kind; else every step (a snapshot from before kinds were stored)."""
        kind = self.kind(kind_key)
        return tuple(kind.steps) if kind is not None else STEPS

    def asks_readiness(self, kind_key: str) -> bool:
        """Whether a conversation of `kind_key` asks about readiness for the next layer
        (a kind with `readiness`, on any layer but the top one)."""
        kind = self.kind(kind_key)
        return kind is not None and kind.readiness and self.next_layer is not None

    @cached_property
    def _expectations(self) -> dict[str, Expectation]:
        return {e.id: e for e in self.expectations}

    @cached_property
    def _cards(self) -> dict[str, Card]:
        return {c.id: c for c in self.deck.cards} if self.deck else {}

    def expectation(self, expectation_id: str) -> Expectation | None:
        return self._expectations.get(expectation_id)

    def card(self, card_id: str) -> Card | None:
        return self._cards.get(card_id)

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def by_dimension(self) -> list[tuple[Dimension, list[Expectation]]]:
        """Expectations grouped by dimension, both in pack order."""
        return [(d, [e for e in self.expectations if e.dimension == d.id]) for d in self.dimensions]

    def ordered_expectations(self) -> list[Expectation]:
        """Expectations in the order they are shown: by dimension, then pack order."""
        return [e for _d, items in self.by_dimension() for e in items]

    @property
    def scale_values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.scale.levels)


def _next_layer(pack: Pack, layer_key: str) -> Text | None:
    keys = pack.layer_keys()
    index = keys.index(layer_key) if layer_key in keys else len(keys)
    return pack.layers[index + 1].name if index + 1 < len(keys) else None


def _organisation(pack: dict[str, Any]) -> str | None:
    """The pack's organisation as stored (absent in snapshots of packs without one)."""
    value = pack.get("organisation")
    return value if isinstance(value, str) and value.strip() else None
