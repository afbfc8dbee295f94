"""Conversation kinds as data, decks that serve layers, and the validator's messages about them.

The rule that matters to the people in a conversation: the deck is the one
serving their layer (a director never gets the first-line leader's cards), and
a pack where some layer could hold a kind of conversation without a deck is
refused with the file and line to fix.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.errors import UserError
from pipeline_tui.packs.loader import load_pack
from pipeline_tui.packs.validate import validate_pack_dir

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ROLE_PACK = FIXTURES / "role_pack"
DEFAULT = Path(__file__).resolve().parents[3] / "content" / "default"


@pytest.fixture
def role_pack(tmp_path: Path) -> Path:
    """A private copy of the role test pack (three layers, two dimensions, a 1-4 scale)."""
    return Path(shutil.copytree(ROLE_PACK, tmp_path / "role_pack"))


@pytest.fixture(scope="module")
def default():
    return load_pack(DEFAULT, use_cache=False)


@pytest.mark.parametrize(
    ("layer", "kind", "deck"),
    [
        ("lead_self", "mus", "mus"),
        ("lead_others", "lus", "lus"),
        ("lead_leaders", "lus", "lus_senior"),
        ("lead_function", "lus", "lus_senior"),
        ("lead_business", "lus", "lus_senior"),
        ("lead_self", "onboarding_1m", "onboarding"),
        ("lead_business", "onboarding_3m", "onboarding"),
        ("lead_others", "status", "status"),
        ("lead_function", "evaluation", None),
    ],
)
def test_the_deck_serving_each_default_layer(default, layer, kind, deck) -> None:
    content = services.content_for(default, layer, kind)
    assert (content.deck.id if content.deck else None) == deck
    if kind in ("mus", "lus"):
        assert default.deck_for_layer(layer).id == deck  # the layer's own kind


def test_a_director_is_never_asked_about_their_team(default) -> None:
    """The senior LUS deck speaks of leaders and the area, not of 'dit team'."""
    for layer in ("lead_leaders", "lead_function", "lead_business"):
        deck = services.content_for(default, layer, "lus").deck
        texts = [p.get("da") for c in deck.cards for p in c.prompts] + [
            c.title.get("da") for c in deck.cards
        ]
        assert not [text for text in texts if "dit team" in text.lower()]


def test_the_kinds_each_default_layer_can_hold(default) -> None:
    assert [k.key for k in default.kinds_for("lead_self")] == [
        "mus",
        "onboarding_1m",
        "onboarding_3m",
        "status",
    ]
    assert [k.key for k in default.kinds_for("lead_business")] == [
        "lus",
        "evaluation",
        "onboarding_1m",
        "onboarding_3m",
        "status",
    ]


def test_a_kind_the_layer_cannot_hold_is_refused(default) -> None:
    with pytest.raises(UserError, match="no conversation kind 'lus' for the layer 'lead_self'"):
        services.check_kind(default, "lus", "lead_self")
    services.check_kind(default, "status", "lead_self")


def test_level_words_of_the_layer(default) -> None:
    """The top level reads differently on the top layer; no level speaks of the next layer."""
    top = services.content_for(default, "lead_business", "lus").scale.levels[-1]
    first_line = services.content_for(default, "lead_others", "lus").scale.levels[-1]
    assert top.label.get("da") == "Forbillede udadtil"
    assert first_line.label.get("da") == "Forbillede"
    assert top.description.get("en") != first_line.description.get("en")
    for layer in default.layer_keys():
        for level in default.scale.for_layer(layer).levels:
            assert "next layer" not in level.label.get("en").lower()
            # "Meets the layer" / "Above the layer" is no English: the expectations are met
            assert "the layer" not in level.label.get("en").lower()
            # one yardstick in each language: "Under forventning" beside "Lever op til
            # niveauet" and "Over niveauet" measured 1 against the expectation, 3 and 4
            # against the layer, where the English says "expectations" throughout
            assert "niveau" not in level.label.get("da").lower()


def test_the_default_deck_numbers_fit_the_time(default) -> None:
    """MUS and LUS: the person picks 3-4, the manager 1-2, two cards always on the table."""
    for deck_id, minutes in (("mus", 60), ("lus", 90), ("lus_senior", 90)):
        deck = default.deck(deck_id)
        picks = deck.rules.picks
        assert (picks["self"].min, picks["self"].max) == (3, 4)
        assert (picks["manager"].min, picks["manager"].max) == (1, 2)
        assert len(deck.rules.always_included) == 2
        assert sum(step.minutes or 0 for step in deck.playbook.during) == minutes


def test_the_default_layers_are_described_in_full(default) -> None:
    """Three or more third-person indicators per expectation; not-to-do; time shares; activities."""
    import re

    second_person = re.compile(r"\b(du|dig|din|dit|dine|you|your|yourself)\b", re.IGNORECASE)
    for layer in default.layers:
        assert len(layer.not_to_do) >= 3, layer.key
        shares = [use.share for use in layer.time_application]
        assert None not in shares and sum(shares) == 100, layer.key
        own = [a for a in default.activities if layer.key in a.layers]
        assert own, f"{layer.key} has no activities of its own"
        for e in default.expectations_for(layer.key):
            assert len(e.indicators) >= 3, e.id
            for indicator in e.indicators:
                for lang in ("da", "en"):
                    assert not second_person.search(indicator.get(lang)), (e.id, indicator)


def test_no_leader_activity_is_offered_to_an_employee(default) -> None:
    leader_only = {a.id for a in default.activities if a.layers and "lead_self" not in a.layers}
    offered = {a.id for a in default.activities_for(layer_key="lead_self")}
    assert leader_only and not offered & leader_only
    assert "act.self.values_talk" not in offered  # "talk values with your team"


def test_the_role_pack_is_valid_with_an_id_holding_å() -> None:
    assert validate_pack_dir(ROLE_PACK) == []
    pack = load_pack(ROLE_PACK, use_cache=False)
    assert [k.key for k in pack.kinds] == ["årssamtale", "vurdering"]
    assert pack.deck_for_layer("head").id == "talk"
    assert pack.deck_for_conversation("vurdering", "head") is None


def _problems(pack: Path) -> list[str]:
    return [str(p) for p in validate_pack_dir(pack)]


def test_a_layer_that_can_hold_a_kind_no_deck_serves(role_pack: Path, edit_pack) -> None:
    edit_pack(
        role_pack, "decks/talk.yaml", "layers: [specialist, team_lead, head]", "layers: [head]"
    )
    assert _problems(role_pack) == [
        f"pipeline.yaml:{line}: layer '{layer}' can hold the conversation 'årssamtale', but no "
        f"deck of kind 'talk' serves it; add '{layer}' to the layers of such a deck, or limit "
        "the kind's layers"
        for line, layer in ((73, "specialist"), (73, "team_lead"))
    ]


def test_a_deck_naming_an_unknown_layer(role_pack: Path, edit_pack) -> None:
    edit_pack(
        role_pack,
        "decks/talk.yaml",
        "layers: [specialist, team_lead, head]",
        "layers: [specialist, teamlead, head]",
    )
    # One mistake, one message: not also "team_lead is served by no deck".
    assert _problems(role_pack) == [
        "decks/talk.yaml:3: deck 'talk' names layer 'teamlead', which is not in pipeline.yaml; "
        "did you mean 'team_lead'? (known: specialist, team_lead, head)"
    ]


def test_kind_and_deck_mistakes(role_pack: Path, edit_pack) -> None:
    edit_pack(role_pack, "decks/talk.yaml", "kind: talk\n", "kind: chat\n")
    edit_pack(
        role_pack,
        "pipeline.yaml",
        "steps: [setup, expectations, summary, plan, signoff]",
        "steps: [setup, expectations, cards, summary, plan]",
    )
    edit_pack(role_pack, "scale.yaml", "      head:\n", "      boss:\n")
    problems = _problems(role_pack)
    assert (
        "pipeline.yaml:78: conversation kind 'vurdering': the steps must include 'signoff'"
        in problems
    )
    assert (
        "pipeline.yaml:78: conversation kind 'vurdering' has the step 'cards' but no deck; "
        "name a deck kind or drop it"
    ) in problems
    assert any(
        p.startswith("decks/talk.yaml:2: deck 'talk' is of kind 'chat', which no conversation")
        for p in problems
    )
    assert any(p.startswith("scale.yaml:") and "names layer 'boss'" in p for p in problems)


def test_a_layer_whose_own_kind_it_cannot_hold(role_pack: Path, edit_pack) -> None:
    edit_pack(role_pack, "pipeline.yaml", "    layers: [team_lead, head]\n", "    layers: [head]\n")
    text = (role_pack / "pipeline.yaml").read_text(encoding="utf-8")
    text = text.replace("conversation: årssamtale", "conversation: vurdering", 2)
    (role_pack / "pipeline.yaml").write_text(text, encoding="utf-8")
    problems = _problems(role_pack)
    # Reported on the layer's own `conversation` line (5), not on another layer's.
    assert (
        "pipeline.yaml:5: layer 'specialist' has 'vurdering' as its conversation, but the "
        "kind's layers (head) do not include it"
    ) in problems


def test_a_layer_whose_own_kind_is_not_yearly(role_pack: Path, edit_pack) -> None:
    """HR's coverage counts the yearly kinds only: a layer's usual kind must be one."""
    edit_pack(role_pack, "pipeline.yaml", "    deck: talk\n", "    deck: talk\n    yearly: false\n")
    assert _problems(role_pack) == [
        f"pipeline.yaml:{line}: layer '{layer}' has 'årssamtale' as its conversation, but that "
        "kind is not yearly, and HR's coverage counts only yearly conversations; name a yearly "
        "kind (MUS, LUS) or drop 'yearly: false' from the kind"
        for line, layer in ((5, "specialist"), (28, "team_lead"), (52, "head"))
    ]


def test_the_default_packs_onboarding_and_status_are_not_yearly(default) -> None:
    assert [k.key for k in default.kinds if k.yearly] == ["mus", "lus", "evaluation"]


def test_every_decks_agenda_fills_the_longest_conversation_it_is_played_in(default) -> None:
    """The steps of a deck's agenda add up to the minutes of its longest kind: the onboarding
    deck's came to 30 minutes for the 45-minute conversation after three months (it now has
    the three-month part, skipped after one month)."""
    for deck in default.decks:
        kinds = [k.minutes for k in default.kinds if k.deck == deck.id and k.minutes]
        if not kinds:
            continue
        assert sum(step.minutes or 0 for step in deck.playbook.during) == max(kinds), deck.id
