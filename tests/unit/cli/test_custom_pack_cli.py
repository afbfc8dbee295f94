"""`pipeline-tui --content tests/fixtures/minimal_pack`: a custom pack used end to end
from the command line: its layers in a roster import, a conversation held with its
deck, and the conversation listing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

MINIMAL = Path(__file__).resolve().parents[2] / "fixtures" / "minimal_pack"

ROSTER = """name;email;title;unit;layer;manager_email
Lene Dahl;lene@example.dk;Direktør;Ledelse;Head;
Omar Said;omar@example.dk;Holdleder;Drift;Holdleder;lene@example.dk
Sara Nør;sara@example.dk;Tekniker;Drift;specialist;omar@example.dk
"""


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-11-23")


def test_custom_pack_from_roster_to_conversation_listing(tmp_path: Path, run_cli) -> None:
    """The custom pack's layer names import; a LUS with its deck is listed with its layer."""
    db = tmp_path / "custom.db"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    common = ("--content", MINIMAL, "--db", db, "--lang", "en")
    done = run_cli(*common, "people", "import", roster)
    assert done.code == 0, done.err
    listing = run_cli(*common, "people", "list", "--json")
    assert listing.code == 0, listing.err
    people = {"Lene Dahl": "head", "Omar Said": "team_lead", "Sara Nør": "specialist"}
    # by key, by Danish name and by English key: the pack's layers
    assert {p["name"]: p["layer"] for p in json.loads(listing.out)} == people

    pack = load_packs(MINIMAL).default
    english = {layer.key: layer.name.get("en") for layer in pack.layers}
    table = run_cli(*common, "people", "list")  # the table names the layers
    for name, layer in people.items():
        line = next(row for row in table.out.splitlines() if name in row)
        assert english[layer] in line
    repo = open_repository(str(db))
    try:
        omar = repo.people.by_email("omar@example.dk")
        talk = services.start_conversation(repo, pack, omar.id)
    finally:
        repo.close()
    assert (talk.kind, talk.layer, talk.pack_id) == ("lus", "team_lead", pack.id)

    conversations = run_cli(*common, "conversations", "list")
    assert conversations.code == 0, conversations.err
    row = next(line for line in conversations.out.splitlines() if "Omar Said" in line)
    assert "LUS" in row and "Team lead" in row  # the custom pack's name for its layer


def test_a_default_pack_layer_is_unknown_to_the_custom_pack(tmp_path: Path, run_cli) -> None:
    """With only the custom pack's layers, a roster naming a default-pack layer is refused."""
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name;email;layer\nBo Lund;bo@example.dk;Leder af medarbejdere\n", encoding="utf-8"
    )
    done = run_cli("--content", MINIMAL, "--db", tmp_path / "x.db", "people", "import", roster)
    assert done.code == 2
    assert f"{roster}:2: unknown layer 'Leder af medarbejdere'" in done.err
    assert "nothing was imported" in done.err


def test_people_on_a_layer_the_pack_left_out_can_be_listed_by_it(tmp_path: Path, run_cli) -> None:
    """The consultant's new pack leaves a layer out that three people are still on: the list
    shows its key in their layer column, the overview counts them under it, but
    `people list --layer` with that key said "unknown layer", so HR could not find them to
    move them."""
    db = tmp_path / "org.db"
    repo = open_repository(str(db))
    try:
        repo.people.create("Lise Kjær", "lead_department", email="lise@example.dk")
        repo.people.create("Sara Nør", "specialist", email="sara@example.dk")
    finally:
        repo.close()
    common = ("--content", MINIMAL, "--db", db, "--lang", "en")
    listing = run_cli(*common, "people", "list", "--layer", "lead_department", "--json")
    assert listing.code == 0, listing.err
    assert [p["name"] for p in json.loads(listing.out)] == ["Lise Kjær"]
    unknown = run_cli(*common, "people", "list", "--layer", "lead_departmen")
    assert unknown.code == 2
    assert "unknown layer 'lead_departmen'" in unknown.err
