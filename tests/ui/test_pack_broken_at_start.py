"""The app starts on the layer names its content cache holds and loads the pack itself in
the background. A pack saved broken in between (an HR consultant editing the shared pack
while a manager starts the app) was told as "The database could not be opened: the
content pack in … has 1 problem; first: …", in English under Danish, blaming the database."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import until

from pipeline_tui.config import Settings
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.services import Services

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken_packs"


async def test_a_pack_broken_after_its_cached_names_were_read_is_told_in_danish(
    db_file: Path,
) -> None:
    folder = BROKEN / "unknown_dimension"
    settings = Settings(db=db_file, content_dir=folder, language="da")
    # What `tui.run.prepare` read from the cache a moment before the file was saved broken.
    services = Services(settings, initial_rows=[], initial_total=0, layer_names={"x": "X"})
    app = PipelineApp(services, remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app._notifications), "the refusal")
        [shown] = [n.message for n in app._notifications]
    assert shown.startswith(f"Indholdspakken i {folder} har 1 fejl: expectations/team_lead.yaml")
    assert "database" not in shown
