"""A pack's own kind of conversation is named by the pack's words wherever a conversation
is listed or printed: the printed plan, the preparation sheet, `conversations list`.

The role pack's kind `årssamtale` ("Årssamtale", "Annual talk") printed as its key,
"årssamtale", and was listed as "ÅRSSAMTALE"; the app called it by its name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

ROLE_PACK = Path(__file__).resolve().parents[2] / "fixtures" / "role_pack"
NAMES = {"da": "Årssamtale", "en": "Annual talk"}


@pytest.fixture
def annual_talk(db_path: Path) -> tuple[int, int]:
    pack = load_packs(ROLE_PACK).default
    repo = open_repository(str(db_path))
    try:
        boss = repo.people.create("Hanne Holm", "head", email="hanne@example.dk")
        person = repo.people.create(
            "Tage Berg", "team_lead", email="tage@example.dk", manager_id=boss.id
        )
        record = services.start_conversation(repo, pack, person.id, kind="årssamtale")
        return record.id, person.id
    finally:
        repo.close()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_packs_own_kind_is_printed_and_listed_by_its_name(
    annual_talk: tuple[int, int], run_cli, db_path: Path, lang: str
) -> None:
    conversation_id, person_id = annual_talk
    name = NAMES[lang]
    common = ("--lang", lang, "--content", ROLE_PACK, "--db", db_path)
    plan = run_cli(*common, "plan", "print", conversation_id, "--format", "markdown", "-o", "-")
    assert plan.code == 0, plan.err
    assert f"{name} · Tage Berg" in plan.out and "årssamtale" not in plan.out
    prep = run_cli(*common, "prep", "print", person_id, "--format", "text", "-o", "-")
    assert prep.code == 0, prep.err
    assert f"{name} · Tage Berg" in prep.out and "årssamtale" not in prep.out
    listed = run_cli(*common, "conversations", "list")
    assert listed.code == 0, listed.err
    row = listed.out.splitlines()[1]
    assert name in row and "ÅRSSAMTALE" not in row
