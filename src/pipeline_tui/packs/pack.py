"""A loaded, validated content pack and the lookups the rest of the program needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pipeline_tui.packs.schema import (
    RATER_GROUPS,
    Activity,
    Card,
    ConversationKind,
    Deck,
    DeckKind,
    Dimension,
    Expectation,
    Layer,
    Manifest,
    RatingScale,
    Text,
    Theme,
)

# The kinds a pack without `conversations` in pipeline.yaml offers (packs written
# before kinds were data): MUS and LUS with the deck of that kind, and the
# leadership evaluation held against the expectations without cards.
_LEGACY_KINDS = (
    ("mus", "MUS", "MUS", "mus"),
    ("lus", "LUS", "LUS", "lus"),
    ("evaluation", "Lederevaluering", "Leadership evaluation", None),
)


def legacy_kinds(languages: tuple[str, ...]) -> tuple[ConversationKind, ...]:
    def text(da: str, en: str) -> Text:
        return Text({lang: da if lang == "da" else en for lang in languages})

    kinds = []
    for key, da, en, deck in _LEGACY_KINDS:
        steps = None if deck else ["setup", "expectations", "summary", "plan", "signoff"]
        data = {"key": key, "name": text(da, en), "deck": deck}
        if steps:  # the leadership evaluation: no cards; readiness asked on its own
            data["steps"] = steps
            data["readiness"] = True
        kinds.append(ConversationKind.model_validate(data))
    return tuple(kinds)


@dataclass(frozen=True)
class Pack:
    """Everything one pack holds, in file order, with lookups by id."""

    manifest: Manifest
    layers: tuple[Layer, ...]
    dimensions: tuple[Dimension, ...]
    expectations: dict[str, tuple[Expectation, ...]]
    scale: RatingScale
    themes: tuple[Theme, ...]
    decks: tuple[Deck, ...]
    activities: tuple[Activity, ...]
    content_hash: str
    source: Path | None = field(default=None, compare=False)
    conversations: tuple[ConversationKind, ...] = ()

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.manifest.languages)

    @cached_property
    def _layers(self) -> dict[str, Layer]:
        return {layer.key: layer for layer in self.layers}

    @cached_property
    def _expectations(self) -> dict[str, Expectation]:
        return {e.id: e for items in self.expectations.values() for e in items}

    @cached_property
    def _dimensions(self) -> dict[str, Dimension]:
        return {d.id: d for d in self.dimensions}

    @cached_property
    def _themes(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def _cards(self) -> dict[str, Card]:
        return {c.id: c for deck in self.decks for c in deck.cards}

    def layer(self, key: str) -> Layer | None:
        return self._layers.get(key)

    def layer_keys(self) -> tuple[str, ...]:
        return tuple(layer.key for layer in self.layers)

    def expectations_for(self, layer_key: str) -> tuple[Expectation, ...]:
        return self.expectations.get(layer_key, ())

    def expectation(self, expectation_id: str) -> Expectation | None:
        return self._expectations.get(expectation_id)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return self._dimensions.get(dimension_id)

    def dimensions_for(self, layer_key: str) -> tuple[Dimension, ...]:
        """The dimensions the layer's expectations use, in pack order."""
        used = {e.dimension for e in self.expectations_for(layer_key)}
        return tuple(d for d in self.dimensions if d.id in used)

    def theme(self, theme_id: str) -> Theme | None:
        return self._themes.get(theme_id)

    def card(self, card_id: str) -> Card | None:
        return self._cards.get(card_id)

    def deck(self, deck_id: str) -> Deck | None:
        return next((d for d in self.decks if d.id == deck_id), None)

    def deck_for(self, kind: DeckKind, layer_key: str | None = None) -> Deck | None:
        """The deck of `kind` that serves the layer: one naming it, else one serving every layer."""
        of_kind = [d for d in self.decks if d.kind == kind]
        if layer_key is not None:
            named = next((d for d in of_kind if layer_key in d.layers), None)
            if named is not None:
                return named
            return next((d for d in of_kind if not d.layers), None)
        return next(iter(of_kind), None)

    def decks_serving(self, layer_key: str) -> tuple[Deck, ...]:
        """Every deck that serves the layer, in pack order."""
        return tuple(d for d in self.decks if not d.layers or layer_key in d.layers)

    @cached_property
    def kinds(self) -> tuple[ConversationKind, ...]:
        """The kinds of conversation the pack offers (the legacy three when it names none)."""
        return self.conversations or legacy_kinds(self.languages)

    def kind(self, key: str) -> ConversationKind | None:
        return next((k for k in self.kinds if k.key == key), None)

    def rater_groups(self, key: str) -> tuple[str, ...]:
        """The groups a conversation of this kind asks besides self and manager (360°):
        the kind's own `rater_groups`, else peers and reports for a leadership evaluation."""
        kind = self.kind(key)
        if kind is not None and kind.rater_groups is not None:
            return tuple(g for g in RATER_GROUPS if g in kind.rater_groups)
        return ("peer", "report") if key == "evaluation" else ()

    def kinds_for(self, layer_key: str) -> tuple[ConversationKind, ...]:
        """The kinds a person on the layer can have, in pack order."""
        return tuple(k for k in self.kinds if not k.layers or layer_key in k.layers)

    def deck_for_conversation(self, kind_key: str, layer_key: str) -> Deck | None:
        """The deck a conversation of this kind on this layer is played with (None: no cards)."""
        kind = self.kind(kind_key)
        if kind is None or kind.deck is None:
            return None
        deck = self.deck_for(kind.deck, layer_key)
        if deck is None and not self.conversations and self.decks:
            # A pack from before kinds were data: any conversation with cards
            # was played with its first deck when it had none of the kind.
            return self.decks[0]
        return deck

    def deck_for_layer(self, layer_key: str) -> Deck | None:
        """The deck of the layer's usual kind of conversation."""
        layer = self.layer(layer_key)
        if layer is None:
            return None
        return self.deck_for_conversation(layer.conversation, layer_key)

    def activities_for(
        self,
        *,
        layer_key: str | None = None,
        dimension: str | None = None,
        theme: str | None = None,
    ) -> tuple[Activity, ...]:
        """Activities that suit the layer and match the dimension or theme given."""
        found = []
        for activity in self.activities:
            if layer_key and activity.layers and layer_key not in activity.layers:
                continue
            if dimension and dimension not in activity.dimensions:
                if not (theme and theme in activity.themes):
                    continue
            elif theme and not dimension and theme not in activity.themes:
                continue
            found.append(activity)
        return tuple(found)
