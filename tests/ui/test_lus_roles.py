"""A LUS names the leader "Lederen" and their manager "Lederens leder", on every step and in
print (issue 13, item 8): the leader was "Medarbejderen" and their manager "Lederen"."""

from __future__ import annotations

import pytest
from pilot_helpers import settle

from pipeline_tui import services
from pipeline_tui.report.plan import plan_document
from pipeline_tui.report.text import render_text
from pipeline_tui.tui.steps.cards import CardsPane
from pipeline_tui.tui.steps.expectations import ExpectationsPane
from pipeline_tui.tui.steps.signoff import SignoffPane


def _texts(pane) -> str:
    return "\n".join(str(static.render()) for static in pane.query("Static"))


async def test_lus_parties_on_screen(make_app, org, ui_repo, packs) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        texts = _texts(app.screen.query_one(ExpectationsPane))
        assert "Bedømmer: Lederen" in texts and "Medarbejder" not in texts
        await pilot.press("r")
        await settle(app, pilot)
        assert "Bedømmer: Lederens leder" in _texts(app.screen.query_one(ExpectationsPane))

        await pilot.press("ctrl+right")
        await settle(app, pilot)
        status = str(app.screen.query_one(CardsPane).query_one("#cards-status").content)
        assert "Lederen:" in status and "Lederens leder:" in status
        assert "Medarbejder" not in status

        for _ in range(3):
            await pilot.press("ctrl+right")
            await settle(app, pilot)
        pane = app.screen.query_one(SignoffPane)
        titles = [block.border_title for block in pane.query(".sign-block")]
        assert titles == ["Lederen", "Lederens leder"]  # Mette, chosen from the organisation


@pytest.mark.parametrize(
    ("kind", "lang", "title"),
    [
        ("lus", "da", "Største forskelle (selv − lederens leder)"),
        ("evaluation", "da", "Største forskelle (selv − lederens leder)"),
        ("lus", "en", "Largest gaps (self − leader's manager)"),
        ("mus", "da", "Største forskelle (selv − leder)"),
    ],
)
async def test_the_summary_names_the_gaps_parties(
    make_app, org, ui_repo, packs, kind, lang, title
) -> None:
    """The summary's gaps of a LUS (and an evaluation) were "selv − leder": the leader is
    the self there, and the other party is the leader's manager."""
    from textual.widgets import Static

    from pipeline_tui.tui.steps.summary import SummaryPane

    person = org.employee if kind == "mus" else org.leader
    record = services.start_conversation(ui_repo, packs.default, person.id, kind=kind)
    ui_repo.conversations.update(record.id, step="summary")
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        pane = app.screen.query_one(SummaryPane)
        assert str(pane.query_one("#summary-gaps-title", Static).content) == title


def test_lus_parties_in_print(ui_repo, packs, org) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    data = services.plan_input(ui_repo, record.id)
    da = render_text(plan_document(data, "da"))
    assert "Lederens leder: Mette Holm" in da  # chosen from the organisation: her role
    assert "Leder: Anna Berg" in da  # the short label on the signature line
    assert "Medarbejder" not in da and "konsulent" not in da
    en = render_text(plan_document(data, "en"))
    assert "Leader's manager: Mette Holm" in en and "Employee" not in en
    # held by a name typed in (an HR consultant facilitating): "… / consultant"
    ui_repo.conversations.update(record.id, conducted_by="Lise Konsulent", conductor_id=None)
    data = services.plan_input(ui_repo, record.id)
    assert "Lederens leder / konsulent: Lise Konsulent" in render_text(plan_document(data, "da"))
