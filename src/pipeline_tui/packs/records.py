"""A conversation's stored content snapshot as plain frozen records, with the stdlib only.

`view.ConversationContent.from_snapshot` reads a snapshot through the pack's pydantic
schema: ~0.2 s of imports, half of what printing a plan costs. The printed plan needs
no validation (the snapshot was made from a validated pack), so `plan print` reads
the snapshot here instead, into records that hold the same data as the pydantic
models and answer the same questions (`SnapshotContent` has `ConversationContent`'s
methods; both satisfy `shapes.Content`). This module imports neither pydantic nor
PyYAML (a test checks).

A snapshot is `model_dump(mode="json", exclude_none=True)` of the models (see
`packs.snapshot`): a field left out is the model's default. Older snapshots lack
the fields added since (`kinds`, `not_to_do`, `next_layer`, `languages`...) and
may give a time use as a plain text; both are read as the schema reads them.
The deck's rules and playbook are not kept: nothing that prints a plan shows them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pipeline_tui.vocabulary import MIN_RATERS, STEPS


@dataclass(frozen=True, slots=True)
class Text:
    """A text in every language it has, in the pack's order: ``(("da", ...), ("en", ...))``."""

    items: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, data: Mapping[str, str]) -> Text:
        return cls(tuple((lang, str(text)) for lang, text in data.items()))

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to any language the text has (as `schema.Text`)."""
        for key, value in self.items:
            if key == lang:
                return value
        return self.items[0][1] if self.items else ""

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(lang for lang, _text in self.items)


@dataclass(frozen=True, slots=True)
class TimeUse:
    text: Text
    share: int | None = None


@dataclass(frozen=True, slots=True)
class Transition:
    let_go: tuple[Text, ...]
    learn: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Layer:
    key: str
    name: Text
    conversation: str
    purpose: Text
    skills: tuple[Text, ...]
    time_application: tuple[TimeUse, ...]
    work_values: tuple[Text, ...]
    transition: Transition
    not_to_do: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class ConversationKind:
    key: str
    name: Text
    deck: str | None = None
    steps: tuple[str, ...] = STEPS
    layers: tuple[str, ...] = ()
    minutes: int | None = None
    yearly: bool = True
    readiness: bool = False
    description: Text | None = None
    rater_groups: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    name: Text
    description: Text


@dataclass(frozen=True, slots=True)
class Expectation:
    id: str
    dimension: str
    title: Text
    description: Text
    indicators: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    value: int
    label: Text
    description: Text


@dataclass(frozen=True, slots=True)
class NotObserved:
    label: Text
    description: Text


@dataclass(frozen=True, slots=True)
class RatingScale:
    levels: tuple[ScaleLevel, ...]
    not_observed: NotObserved
    min_raters: int | None = None

    @property
    def anonymity_threshold(self) -> int:
        return max(MIN_RATERS, self.min_raters or MIN_RATERS)


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    name: Text
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    theme: str
    title: Text
    prompts: tuple[Text, ...]
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Deck:
    """A deck without its rules and playbook (see the module's note)."""

    id: str
    kind: str
    name: Text
    introduction: Text
    cards: tuple[Card, ...]
    layers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Activity:
    id: str
    type: str
    title: Text
    description: Text
    dimensions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()


def parties_kind(kind: str | None, yearly: str) -> str | None:
    """The kind whose words name a conversation's two parties (core.roles): a MUS, a LUS and
    an evaluation their own; a kind held on every layer (onboarding, status) those of the
    layer's `yearly` conversation, so that an employee is the employee there too."""
    if kind is None or kind in ("mus", "lus", "evaluation"):
        return kind
    return yearly


@dataclass(frozen=True)
class SnapshotContent:
    """The content one conversation was held with, read from its stored snapshot.

    The same fields and questions as `view.ConversationContent`, on plain records.
    """

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
    kinds: tuple[ConversationKind, ...] = ()
    next_layer: Text | None = None
    organisation: str | None = None

    @classmethod
    def from_snapshot(cls, data: Mapping[str, Any]) -> SnapshotContent:
        pack = data["pack"]
        deck = data.get("deck")
        next_layer = data.get("next_layer")
        return cls(
            pack_id=pack["id"],
            pack_version=pack["version"],
            pack_hash=pack["hash"],
            pack_name=Text.of(pack["name"]),
            layer=_layer(data["layer"]),
            dimensions=tuple(
                Dimension(d["id"], Text.of(d["name"]), Text.of(d["description"]))
                for d in data["dimensions"]
            ),
            expectations=tuple(_expectation(e) for e in data["expectations"]),
            scale=_scale(data["scale"]),
            deck=_deck(deck) if deck else None,
            themes=tuple(
                Theme(t["id"], Text.of(t["name"]), _text_or_none(t.get("description")))
                for t in data["themes"]
            ),
            activities=tuple(_activity(a) for a in data["activities"]),
            kinds=tuple(_kind(k) for k in data.get("kinds", ())),
            next_layer=Text.of(next_layer) if next_layer else None,
            organisation=_organisation(pack),
        )

    def kind(self, key: str) -> ConversationKind | None:
        return next((k for k in self.kinds if k.key == key), None)

    def parties_kind(self, kind: str | None) -> str | None:
        return parties_kind(kind, self.layer.conversation)

    def steps_for(self, kind_key: str) -> tuple[str, ...]:
        """The kind's own steps where the snapshot knows the kind; else every step."""
        kind = self.kind(kind_key)
        return kind.steps if kind is not None else STEPS

    def asks_readiness(self, kind_key: str) -> bool:
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


@dataclass(frozen=True, slots=True)
class LayerName:
    key: str
    name: Text


@dataclass(frozen=True)
class PackNames:
    """What HR's overview reads of a whole pack (`shapes.PackNames`), as plain records:
    read from the packs' JSON cache (`light.pack_names`), the same answers as `pack.Pack`."""

    layers: tuple[LayerName, ...]
    dimensions: tuple[Dimension, ...]
    expectations: dict[str, tuple[Expectation, ...]]
    kinds: tuple[ConversationKind, ...]

    @classmethod
    def from_cache(cls, data: Mapping[str, Any]) -> PackNames:
        """From a cached pack (`cache._PackData` as JSON). The kinds must be named: a pack
        that names none has the legacy three, which only `pack.Pack` makes."""
        return cls(
            layers=tuple(LayerName(x["key"], Text.of(x["name"])) for x in data["layers"]),
            dimensions=tuple(
                Dimension(d["id"], Text.of(d["name"]), Text.of(d.get("description") or {}))
                for d in data["dimensions"]
            ),
            expectations={
                layer: tuple(_expectation(e) for e in items)
                for layer, items in data["expectations"].items()
            },
            kinds=tuple(_kind(k) for k in data["conversations"]),
        )

    @cached_property
    def _expectations(self) -> dict[str, Expectation]:
        return {e.id: e for items in self.expectations.values() for e in items}

    def layer(self, key: str) -> LayerName | None:
        return next((x for x in self.layers if x.key == key), None)

    def layer_keys(self) -> tuple[str, ...]:
        return tuple(x.key for x in self.layers)

    def expectation(self, expectation_id: str) -> Expectation | None:
        return self._expectations.get(expectation_id)

    def kind(self, key: str) -> ConversationKind | None:
        return next((k for k in self.kinds if k.key == key), None)


def _texts(items: Sequence[Mapping[str, str]] | None) -> tuple[Text, ...]:
    return tuple(Text.of(item) for item in items or ())


def _organisation(pack: Mapping[str, Any]) -> str | None:
    """The pack's organisation as stored (absent in snapshots of packs without one)."""
    value = pack.get("organisation")
    return value if isinstance(value, str) and value.strip() else None


def _text_or_none(data: Mapping[str, str] | None) -> Text | None:
    return Text.of(data) if data is not None else None


def _strings(items: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(items or ())


def _time_use(data: Mapping[str, Any]) -> TimeUse:
    if "text" not in data and "share" not in data:  # written as a plain text
        return TimeUse(Text.of(data))
    return TimeUse(Text.of(data["text"]), data.get("share"))


def _layer(data: Mapping[str, Any]) -> Layer:
    transition = data["transition"]
    return Layer(
        key=data["key"],
        name=Text.of(data["name"]),
        conversation=data["conversation"],
        purpose=Text.of(data["purpose"]),
        skills=_texts(data["skills"]),
        time_application=tuple(_time_use(use) for use in data["time_application"]),
        work_values=_texts(data["work_values"]),
        transition=Transition(_texts(transition["let_go"]), _texts(transition["learn"])),
        not_to_do=_texts(data.get("not_to_do")),
    )


def _expectation(data: Mapping[str, Any]) -> Expectation:
    return Expectation(
        id=data["id"],
        dimension=data["dimension"],
        title=Text.of(data["title"]),
        description=Text.of(data["description"]),
        indicators=_texts(data["indicators"]),
    )


def _scale(data: Mapping[str, Any]) -> RatingScale:
    """The scale as stored: already the layer's (`RatingScale.for_layer`), so a level's
    per-layer texts are applied and not kept."""
    not_observed = data["not_observed"]
    return RatingScale(
        levels=tuple(
            ScaleLevel(level["value"], Text.of(level["label"]), Text.of(level["description"]))
            for level in data["levels"]
        ),
        not_observed=NotObserved(
            Text.of(not_observed["label"]), Text.of(not_observed["description"])
        ),
        min_raters=data.get("min_raters"),
    )


def _deck(data: Mapping[str, Any]) -> Deck:
    return Deck(
        id=data["id"],
        kind=data["kind"],
        name=Text.of(data["name"]),
        introduction=Text.of(data["introduction"]),
        cards=tuple(
            Card(
                id=card["id"],
                theme=card["theme"],
                title=Text.of(card["title"]),
                prompts=_texts(card["prompts"]),
                note=_text_or_none(card.get("note")),
            )
            for card in data["cards"]
        ),
        layers=_strings(data.get("layers")),
    )


def _activity(data: Mapping[str, Any]) -> Activity:
    return Activity(
        id=data["id"],
        type=data["type"],
        title=Text.of(data["title"]),
        description=Text.of(data["description"]),
        dimensions=_strings(data.get("dimensions")),
        themes=_strings(data.get("themes")),
        layers=_strings(data.get("layers")),
    )


def _kind(data: Mapping[str, Any]) -> ConversationKind:
    groups = data.get("rater_groups")
    return ConversationKind(
        key=data["key"],
        name=Text.of(data["name"]),
        deck=data.get("deck"),
        steps=tuple(data["steps"]) if data.get("steps") else STEPS,
        layers=_strings(data.get("layers")),
        minutes=data.get("minutes"),
        yearly=data.get("yearly", True),
        readiness=data.get("readiness", False),
        description=_text_or_none(data.get("description")),
        rater_groups=tuple(groups) if groups is not None else None,
    )


# What reading a snapshot changed by hand (or by a damaged file) may raise.
SNAPSHOT_DAMAGE = (KeyError, IndexError, TypeError, ValueError, AttributeError)


def snapshot_reads(data: object) -> bool:
    """Whether `data` is a snapshot the program can show: an object whose layer has a key
    and a name (what the listings and screens read first), and, when it says its `format`
    (every snapshot the program writes does), one `SnapshotContent.from_snapshot` reads in
    full, so a plan of it can be printed. An import and `db check` refuse any other."""
    if not isinstance(data, Mapping):
        return False
    layer = data.get("layer")
    if not isinstance(layer, Mapping) or not isinstance(layer.get("key"), str):
        return False
    name = layer.get("name")
    if not isinstance(name, Mapping) or not name:
        return False
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in name.items()):
        return False
    if "format" not in data:
        return True  # made by hand (tests, fixtures of older versions): the layer is read
    try:
        SnapshotContent.from_snapshot(data)
    except SNAPSHOT_DAMAGE:
        return False
    return True
