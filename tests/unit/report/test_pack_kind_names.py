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


SHIPPED = Path(__file__).resolve().parents[3] / "content" / "default"
LONG = {"da": "Medarbejderudviklingssamtale (MUS)", "en": "Employee development talk (MUS)"}


def renamed_mus(where: Path) -> Path:
    """The shipped pack, its "mus" named at length ("Medarbejderudviklingssamtale (MUS)")."""
    import shutil

    pack = Path(shutil.copytree(SHIPPED, where / "default"))
    spec = pack / "pipeline.yaml"
    text = spec.read_text(encoding="utf-8")
    short = "    name: {da: MUS, en: MUS}\n"
    assert text.count(short) == 1
    spec.write_text(
        text.replace(short, f"    name: {{da: '{LONG['da']}', en: '{LONG['en']}'}}\n"),
        encoding="utf-8",
    )
    return where


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_standard_kind_the_pack_names_is_printed_and_listed_by_the_packs_name(
    tmp_path: Path, run_cli, db_path: Path, lang: str
) -> None:
    """The pack named its "mus" "Medarbejderudviklingssamtale (MUS)": the overview said so,
    but the plan, the preparation sheet and `conversations list` said the catalog's "MUS"
    (as the app's header, setup and home did). The pack's own name is now used wherever it
    gives one."""
    content = renamed_mus(tmp_path / "packs")
    pack = load_packs(content).default
    repo = open_repository(str(db_path))
    try:
        boss = repo.people.create("Hanne Holm", "lead_others", email="hanne@example.dk")
        person = repo.people.create(
            "Bo Øst", "lead_self", email="bo@example.dk", manager_id=boss.id
        )
        record = services.start_conversation(repo, pack, person.id, kind="mus")
    finally:
        repo.close()
    name = LONG[lang]
    common = ("--lang", lang, "--content", content, "--db", db_path)
    plan = run_cli(*common, "plan", "print", record.id, "--format", "markdown", "-o", "-")
    assert plan.code == 0, plan.err
    assert f"{name} · Bo Øst" in plan.out and "MUS · Bo Øst" not in plan.out
    prep = run_cli(*common, "prep", "print", person.id, "--format", "markdown", "-o", "-")
    assert prep.code == 0, prep.err
    assert f"{name} · Bo Øst" in prep.out and "MUS · Bo Øst" not in prep.out
    overview = run_cli(*common, "overview")
    assert overview.code == 0, overview.err
    assert name in " ".join(overview.out.split())
    listed = run_cli(*common, "conversations", "list")
    assert listed.code == 0, listed.err
    assert name in listed.out.splitlines()[1]
