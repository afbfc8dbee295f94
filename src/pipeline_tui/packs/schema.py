"""The content pack schema.

A pack is data an organisation can write without touching Python, so every
model forbids unknown fields (a typo must be reported, not ignored) and every
human-readable text is a `Text`: one string per pack language, with ids shared
across languages. Cross-references (a card's theme, an expectation's dimension,
a deck's always-included cards) are checked by `packs.validate`, which knows
which file and line each value came from.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints, model_validator

from pipeline_tui.vocabulary import MIN_RATERS

# Lower-case letters of any alphabet (æ, ø, å too), digits, and _ . - after the first.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[\p{Ll}0-9][\p{Ll}0-9_.-]*$", min_length=1, max_length=64),
]
# A conversation kind is stored with every conversation (a column of 20 characters).
KindId = Annotated[
    str,
    StringConstraints(pattern=r"^[\p{Ll}0-9][\p{Ll}0-9_]*$", min_length=1, max_length=20),
]
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
Party = Literal["self", "manager"]
RaterGroup = Literal["peer", "report", "other"]  # raters beyond self and manager (360°)
DeckKind = str  # a deck's kind: the `deck` a conversation kind names ("mus", "lus", ...)
ActivityType = Literal["experience", "relationships", "formal"]
Step = Literal["setup", "expectations", "cards", "summary", "plan", "signoff"]

ACTIVITY_TYPES: tuple[ActivityType, ...] = ("experience", "relationships", "formal")
PARTIES: tuple[Party, ...] = ("self", "manager")
RATER_GROUPS: tuple[RaterGroup, ...] = ("peer", "report", "other")
STEPS: tuple[Step, ...] = ("setup", "expectations", "cards", "summary", "plan", "signoff")


class Text(RootModel[dict[Lang, Annotated[str, StringConstraints(min_length=1)]]]):
    """A text in every language of the pack, e.g. ``{da: "...", en: "..."}``."""

    model_config = ConfigDict(frozen=True)

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to any language the text has."""
        value = self.root.get(lang)
        if value is not None:
            return value
        return next(iter(self.root.values()), "")

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.root)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Manifest(_Model):
    """``pack.yaml``: who the pack is for and which version of it this is."""

    id: Id
    name: Text
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}([.-][0-9A-Za-z.-]+)?$")]
    languages: list[Lang] = Field(min_length=1)
    organisation: str | None = None
    description: Text | None = None


class Transition(_Model):
    """What a leader must let go of, and learn, on entering the layer."""

    let_go: list[Text] = Field(min_length=1)
    learn: list[Text] = Field(min_length=1)


class TimeUse(_Model):
    """One way the layer spends its time, with the rough share when the pack gives it.

    Written either as a plain text (``{da: ..., en: ...}``) or as
    ``{share: 50, text: {da: ..., en: ...}}``; `share` is a percentage.
    """

    text: Text
    share: Annotated[int, Field(ge=1, le=100)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, data: object) -> object:
        if isinstance(data, Text) or (
            isinstance(data, dict) and "text" not in data and "share" not in data
        ):
            return {"text": data}
        return data


class Layer(_Model):
    """One layer of the Leadership Pipeline (``pipeline.yaml``, in order).

    `conversation` is the kind of conversation a person on the layer usually
    has (a key of `conversations`); `not_to_do` is what the layer should no
    longer spend its time on (Drotter's "what not to do").
    """

    key: Id
    name: Text
    conversation: KindId
    purpose: Text
    skills: list[Text] = Field(min_length=1)
    time_application: list[TimeUse] = Field(min_length=1)
    work_values: list[Text] = Field(min_length=1)
    transition: Transition
    not_to_do: list[Text] = Field(default_factory=list)


class ConversationKind(_Model):
    """A kind of conversation the pack offers (``pipeline.yaml``, `conversations`).

    `name` is what every screen, print and command calls it, also for the standard keys
    (mus, lus, evaluation): the program's own words for those are used only for a kind the
    pack does not have. Home and the person page may shorten it where a column is narrow
    (the catalog's `kind_short.<key>`, "MUS").
    `deck` names the kind of deck it is played with (none: no cards), `steps`
    the steps it has, in order, and `layers` the layers that hold it (empty:
    every layer). `minutes` is the time it is planned for. `yearly` says it is
    the year's conversation (MUS, LUS, evaluation) that HR's coverage counts;
    an onboarding or a status conversation is not. `readiness` asks, on the
    summary step, whether the person is ready for the next layer (a question of
    its own, not a level of the scale; never on the top layer). `rater_groups` are
    the groups asked besides self and manager (peers, direct reports, others);
    not given: a leadership evaluation (`evaluation`) asks peers and reports,
    any other kind nobody (see `Pack.rater_groups`).
    """

    key: KindId
    name: Text
    deck: Id | None = None
    steps: list[Step] = Field(default_factory=lambda: list(STEPS), min_length=1)
    layers: list[Id] = Field(default_factory=list)
    minutes: Annotated[int, Field(ge=5, le=480)] | None = None
    yearly: bool = True
    readiness: bool = False
    description: Text | None = None
    rater_groups: list[RaterGroup] | None = None


class PipelineFile(_Model):
    layers: list[Layer] = Field(min_length=1)
    conversations: list[ConversationKind] = Field(default_factory=list)


class Dimension(_Model):
    id: Id
    name: Text
    description: Text


class DimensionsFile(_Model):
    dimensions: list[Dimension] = Field(min_length=1)


class Expectation(_Model):
    id: Id
    dimension: Id
    title: Text
    description: Text
    indicators: list[Text] = Field(min_length=2, max_length=4)


class ExpectationsFile(_Model):
    """``expectations/<layer>.yaml``: the expectations of one layer."""

    layer: Id
    expectations: list[Expectation] = Field(min_length=1)


class LevelText(_Model):
    """A level's words for one layer, where the general words do not fit it."""

    label: Text | None = None
    description: Text


class ScaleLevel(_Model):
    value: Annotated[int, Field(ge=1, le=9)]
    label: Text
    description: Text
    layers: dict[Id, LevelText] = Field(default_factory=dict)

    def for_layer(self, layer_key: str) -> ScaleLevel:
        """The level as a person on `layer_key` is rated with it."""
        own = self.layers.get(layer_key)
        return ScaleLevel(
            value=self.value,
            label=own.label or self.label if own else self.label,
            description=own.description if own else self.description,
        )


class NotObserved(_Model):
    label: Text
    description: Text


class RatingScale(_Model):
    """``scale.yaml``: rating levels (rated with the digit keys) and "not observed".

    `min_raters`: the fewest raters of a group (peers, reports, others) whose
    answers are shown, as means, never one by one; never below 3 (not given: 3).
    It is kept with every conversation's content, like the levels.
    """

    levels: list[ScaleLevel] = Field(min_length=2, max_length=9)
    not_observed: NotObserved
    min_raters: Annotated[int, Field(ge=3, le=50)] | None = None

    @property
    def anonymity_threshold(self) -> int:
        """How many raters of a group must have answered before the group is shown."""
        return max(MIN_RATERS, self.min_raters or MIN_RATERS)

    def for_layer(self, layer_key: str) -> RatingScale:
        """The scale with the layer's own level texts, where the pack gives them."""
        if not any(level.layers for level in self.levels):
            return self
        levels = [level.for_layer(layer_key) for level in self.levels]
        return RatingScale(
            levels=levels, not_observed=self.not_observed, min_raters=self.min_raters
        )


class Theme(_Model):
    id: Id
    name: Text
    description: Text | None = None


class ThemesFile(_Model):
    themes: list[Theme] = Field(min_length=1)


class PickRule(_Model):
    min: Annotated[int, Field(ge=0)]
    max: Annotated[int, Field(ge=0)]


class DeckRules(_Model):
    """Rules of play: the text read aloud and the numbers the app enforces.

    `picks` counts the cards each party chooses besides the always-included ones.
    """

    text: list[Text] = Field(min_length=1)
    picks: dict[Party, PickRule]
    always_included: list[Id] = Field(default_factory=list)


class PlaybookStep(_Model):
    title: Text
    text: Text
    minutes: Annotated[int, Field(ge=1, le=240)] | None = None


class Playbook(_Model):
    """The drejebog: what to do before, during and after the conversation."""

    before: list[PlaybookStep] = Field(min_length=1)
    during: list[PlaybookStep] = Field(min_length=1)
    after: list[PlaybookStep] = Field(min_length=1)


class Card(_Model):
    """A topic card. `note` is shown with the prompts, e.g. what belongs in the
    written notes when the prompts invite health or third-party details (GDPR)."""

    id: Id
    theme: Id
    title: Text
    prompts: list[Text] = Field(min_length=2, max_length=4)
    note: Text | None = None


class Deck(_Model):
    """``decks/<id>.yaml``: a deck for one kind of conversation, on the layers it serves.

    `layers` empty: the deck serves every layer that holds its kind.
    """

    id: Id
    kind: Id
    layers: list[Id] = Field(default_factory=list)
    name: Text
    introduction: Text
    rules: DeckRules
    playbook: Playbook
    cards: list[Card] = Field(min_length=1)


class Activity(_Model):
    """A development activity, typed after the 70-20-10 model.

    An empty `layers` list means the activity suits every layer.
    """

    id: Id
    type: ActivityType
    title: Text
    description: Text
    dimensions: list[Id] = Field(default_factory=list)
    themes: list[Id] = Field(default_factory=list)
    layers: list[Id] = Field(default_factory=list)


class ActivitiesFile(_Model):
    activities: list[Activity] = Field(min_length=1)
