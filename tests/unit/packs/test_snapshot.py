"""The snapshot stored with a conversation: exactly its texts, as plain JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline_tui.packs.loader import load_pack
from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.snapshot import content_from_snapshot, snapshot
from pipeline_tui.packs.view import ConversationContent


@pytest.fixture
def pack(minimal: Path) -> Pack:
    return load_pack(minimal)


def test_round_trips_through_json_with_every_expectation_and_card(pack: Pack) -> None:
    data = snapshot(pack, layer_key="team_lead", deck_id="talk")
    again = json.loads(json.dumps(data, ensure_ascii=False))
    assert again == data
    assert {e["id"] for e in again["expectations"]} == {
        e.id for e in pack.expectations_for("team_lead")
    }
    assert [c["id"] for c in again["deck"]["cards"]] == [c.id for c in pack.deck("talk").cards]
    assert again["pack"] == {
        "id": "minimal",
        "version": "0.3.0",
        "hash": pack.content_hash,
        "name": {"da": "Lille forsyningspakke", "en": "Small utility pack"},
        "organisation": "Fjordby Forsyning (fiktiv)",  # printed plans fall back to it
    }
    assert again["layer"]["transition"]["let_go"][0]["en"] == "Doing the work yourself"


def test_holds_only_what_the_conversation_uses(pack: Pack) -> None:
    """The layer's dimensions, the themes of the deck's cards, the activities for the layer."""
    data = snapshot(pack, layer_key="specialist")
    assert data["layer"]["key"] == "specialist"
    assert [d["id"] for d in data["dimensions"]] == ["delivery", "teamwork", "growth"]
    assert [t["id"] for t in data["themes"]] == [
        "workload",
        "learning",
        "cooperation",
        "direction",
        "role",
    ]
    assert [a["id"] for a in data["activities"]] == ["act.shadow_operator", "act.mentor"]
    assert data["deck"]["id"] == "talk"  # the layer's deck when none is named
    assert data["scale"]["levels"][-1]["value"] == 4


def test_an_old_conversation_reads_as_it_was_held(pack: Pack, minimal: Path, edit_pack) -> None:
    """The snapshot gives back the same content, whatever the pack says later."""
    data = json.loads(json.dumps(snapshot(pack, layer_key="head")))
    assert content_from_snapshot(data) == ConversationContent.from_pack(pack, "head")
    edit_pack(
        minimal,
        "pipeline.yaml",
        "name: {da: Direktør, en: Head of company}",
        "name: {da: Adm. direktør, en: CEO}",
    )
    changed = load_pack(minimal)
    assert changed.layer("head").name.get("en") == "CEO"
    assert content_from_snapshot(data).layer.name.get("en") == "Head of company"
    assert content_from_snapshot(data).pack_hash == pack.content_hash != changed.content_hash


def test_languages_can_be_limited(pack: Pack) -> None:
    data = snapshot(pack, layer_key="head", languages=["da"])
    assert data["languages"] == ["da"]
    assert data["expectations"][0]["title"] == {"da": "Sætter en klar retning"}
    assert data["deck"]["cards"][0]["prompts"][0] == {
        "da": "Hvad er du mest tilfreds med fra det seneste år?"
    }
    assert "en" not in json.dumps(data["layer"]["name"])


def test_unknown_layer_or_deck(pack: Pack) -> None:
    with pytest.raises(KeyError):
        snapshot(pack, layer_key="lead_others")
    with pytest.raises(KeyError):
        snapshot(pack, layer_key="head", deck_id="mus")
