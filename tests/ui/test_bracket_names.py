"""Names from data in the dropdowns: units from a roster, a pack's layer names.

A select reads a string as markup: the overview's unit filter showed "Team [Øst]" as
"Team ", and opening it with a unit "Team [/] Vest" stopped the app (MarkupError); a
pack's layer named "Holdleder [nat]" lost "[nat]" in the setup step's layer field.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pilot_helpers import screen_text, settle, tab_to, until
from textual.widgets import Select

from pipeline_tui.config import Settings
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.services import Services

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal_pack"
UNITS = ("Team [Øst]", "Team [/] Vest")


def drawn_in(app, widget) -> str:
    """The text the screen draws inside `widget`'s region."""
    lines = screen_text(app).splitlines()
    region = widget.region
    return "\n".join(line[region.x : region.right] for line in lines[region.y : region.bottom])


async def test_units_with_brackets_are_shown_whole_in_the_overview_filter(
    make_app, ui_repo
) -> None:
    for n, unit in enumerate(UNITS):
        ui_repo.people.create(f"Person {n}", "lead_self", email=f"p{n}@example.dk", unit=unit)
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        await until(
            pilot, lambda: len(app.screen.query_one("#ov-unit", Select)._options) == 3, "the units"
        )
        await tab_to(app, pilot, "#ov-unit")
        await pilot.press("enter")  # the list of units opens
        await settle(app, pilot)
        drawn = screen_text(app)
        assert all(unit in drawn for unit in UNITS), drawn
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        assert app.screen.query_one("#ov-unit", Select).value == UNITS[0]
        assert UNITS[0] in drawn_in(app, app.screen.query_one("#ov-unit", Select))


async def test_a_layer_name_with_brackets_is_shown_whole_in_the_setup_step(
    ui_repo, db_file, tmp_path: Path
) -> None:
    pack_dir = Path(shutil.copytree(MINIMAL, tmp_path / "pack"))
    pipeline = pack_dir / "pipeline.yaml"
    text = pipeline.read_text(encoding="utf-8")
    assert text.count("{da: Holdleder,") == 1
    pipeline.write_text(
        text.replace("{da: Holdleder,", '{da: "Holdleder [nat]",'), encoding="utf-8"
    )
    packs = load_packs(pack_dir)
    ui_repo.people.create("Bo Krog", "team_lead", email="bo@example.dk")
    app = PipelineApp(
        Services.ready_made(Settings(db=db_file, language="da"), ui_repo, packs), remember=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the conversation")
        await settle(app, pilot)
        assert "Holdleder [nat]" in drawn_in(app, app.screen.query_one("#setup-layer", Select))


async def test_a_layer_name_with_brackets_is_shown_whole_in_the_overviews_tables(
    ui_repo, db_file, tmp_path: Path
) -> None:
    """The list of people without this year's conversation names their layer as the pack
    does: a table reads a string as markup too."""
    from textual.widgets import DataTable

    pack_dir = Path(shutil.copytree(MINIMAL, tmp_path / "pack"))
    pipeline = pack_dir / "pipeline.yaml"
    text = pipeline.read_text(encoding="utf-8")
    pipeline.write_text(
        text.replace("{da: Holdleder,", '{da: "Holdleder [nat]",'), encoding="utf-8"
    )
    packs = load_packs(pack_dir)
    ui_repo.people.create("Bo Krog", "team_lead", email="bo@example.dk", unit="Team [/] Vest")
    app = PipelineApp(
        Services.ready_made(Settings(db=db_file, language="da"), ui_repo, packs), remember=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        due = app.screen.query_one("#ov-due-table", DataTable)
        await until(pilot, lambda: due.row_count == 1, "the people without a conversation")
        await pilot.click("#--content-tab-ov-due")
        await until(pilot, lambda: due.region.height > 1, "the table on its tab")
        await settle(app, pilot)
        drawn = drawn_in(app, due)
        assert "Holdleder [nat]" in drawn and "Team [/] Vest" in drawn, drawn


async def test_a_kind_name_with_brackets_is_shown_whole_in_the_overviews_count_of_kinds(
    ui_repo, db_file, tmp_path: Path
) -> None:
    from textual.widgets import Static

    from pipeline_tui import services

    pack_dir = Path(shutil.copytree(MINIMAL.parent / "role_pack", tmp_path / "pack"))
    pipeline = pack_dir / "pipeline.yaml"
    text = pipeline.read_text(encoding="utf-8")
    assert text.count("{da: Årssamtale,") == 1
    pipeline.write_text(
        text.replace("{da: Årssamtale,", '{da: "Årssamtale [ny]",'), encoding="utf-8"
    )
    packs = load_packs(pack_dir)
    person = ui_repo.people.create("Bo Krog", "team_lead", email="bo@example.dk")
    services.start_conversation(ui_repo, packs.default, person.id, kind="årssamtale")
    app = PipelineApp(
        Services.ready_made(Settings(db=db_file, language="da"), ui_repo, packs), remember=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        kinds = app.screen.query_one("#ov-kinds", Static)
        await until(pilot, lambda: kinds.region.height > 0, "the line of kinds")
        assert "Årssamtale [ny] 1" in drawn_in(app, kinds)
