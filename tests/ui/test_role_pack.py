"""A whole conversation held with a pack written for the tests (not the default pack).

Three layers with their own keys, two dimensions, a 1-4 scale and a kind of
conversation whose key holds an å: the conversation runs by keyboard from
setup to two signatures, the layer's role description is on the setup step,
in the role panel (F2) and on paper, the footer offers the keys 1-4, and the
cards cannot be played before each party has picked its minimum.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import hanging_bullets, paste, settle, until

from pipeline_tui import services
from pipeline_tui.config import Settings
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.plan import plan_document
from pipeline_tui.report.prep import prep_document
from pipeline_tui.report.text import render_text
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.i18n import party as party_name
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.screens.new_conversation import NewConversationScreen
from pipeline_tui.tui.screens.role_panel import RolePanel
from pipeline_tui.tui.services import Services
from pipeline_tui.tui.steps.cards import PICK, PLAY, CardsPane

ROLE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "role_pack"


@pytest.fixture(scope="module")
def role_packs():
    return load_packs(ROLE_PACK)


@pytest.fixture
def team(ui_repo):
    head = ui_repo.people.create("Sofie Dam", "head", email="sofie@example.dk", title="Direktør")
    lead = ui_repo.people.create(
        "Bo Krog", "team_lead", email="bo@example.dk", title="Holdleder", manager_id=head.id
    )
    return head, lead


def role_app(ui_repo, role_packs, db_file, lang: str) -> PipelineApp:
    settings = Settings(db=db_file, language=lang)
    return PipelineApp(Services.ready_made(settings, ui_repo, role_packs), remember=False)


def shown(app) -> str:
    """Every Static's text on the current screen, one string."""
    from textual.widgets import Static

    return "\n".join(str(w.content) for w in app.screen.query(Static))


async def test_a_whole_conversation_with_the_role_pack(ui_repo, role_packs, db_file, team):
    _head, lead = team
    pack = role_packs.default
    layer = pack.layer("team_lead")
    app = role_app(ui_repo, role_packs, db_file, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        while app.screen.query_one("PeopleTable").current.name != lead.name:
            await pilot.press("down")
        await pilot.press("ctrl+n")  # a dialog first: nothing is written until confirmed
        await until(pilot, lambda: isinstance(app.screen, NewConversationScreen), "the dialog")
        app.screen.query_one("#start").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConversationScreen), "the talk")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        conversation_id = screen.conversation_id
        record = ui_repo.conversations.get(conversation_id)
        assert (record.kind, record.layer) == ("årssamtale", "team_lead")
        assert screen.content.deck.id == "talk"
        assert screen.sub_title == "Annual talk with Bo Krog"  # the pack names its own kind

        # 1. Setup: the role is shown beside the form, and F2 opens it whole.
        setup_text = "\n".join(
            str(w.content) for w in screen.query("#setup-role, #setup-role-text Static")
        )
        assert layer.purpose.get("en") in setup_text
        assert "Covering the team's shifts to avoid planning them" in setup_text
        assert "about 40% · Time to plan and follow up with the team" in setup_text
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, RolePanel)
        panel = shown(app)
        for text in (layer.purpose.get("en"), "Doing the work yourself", "Leading through others"):
            assert text in panel
        assert t("role.not_to_do") in panel
        # F1 says how to close it (it said "–"), and closes again with Esc.
        await pilot.press("f1")
        await settle(app, pilot)
        assert f"esc/f2/q[/b]  {t('key.role.close')}" in shown(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, RolePanel)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen

        # 2. Expectations, rated 1-4 by both; the footer offers the pack's keys.
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        keys = [
            b.key_display
            for _n, b, _e, _t in screen.active_bindings.values()
            if b.id == "conv.rate"
        ]
        assert keys == ["1–4"]
        total = len(screen.content.expectations)
        assert total == 3 and len(screen.content.dimensions) == 2
        for score in ("4", "3", "2"):
            await pilot.press(score)
        await pilot.press("r", "home")
        for score in ("3", "3", "4"):
            await pilot.press(score)
        await pilot.press("5")  # not on this scale: nothing happens
        await pilot.press("v")
        await settle(app, pilot)

        # 3. Cards: play refused until each party has its minimum, then played.
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        cards = screen.query_one(CardsPane)
        assert cards.mode == PICK
        await pilot.press("p")
        await settle(app, pilot)
        assert cards.mode == PICK, "the cards were played before the minimum picks"
        said = " ".join(str(n.message) for n in app._notifications)
        assert "cards.picked_by" not in said  # the parties by name, not a catalog key
        kind = screen.session.detail.conversation.kind
        assert party_name(kind, "self") in said and party_name(kind, "manager") in said, said
        deck = screen.content.deck
        for party, switch in (("manager", None), ("self", "r")):
            if switch:
                await pilot.press(switch)
            for _ in range(len(deck.cards)):
                picks = ui_repo.conversations.detail(conversation_id).picks
                if sum(1 for p in picks if p.picked_by == party) >= deck.rules.picks[party].min:
                    break
                await pilot.press("right", "enter")
                await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert cards.mode == PLAY
        await pilot.press("enter")
        await paste(app, pilot, "We talked about the winter shifts")
        await pilot.press("ctrl+n")
        await settle(app, pilot)

        # 4. Summary, 5. plan (a goal by hand), 6. both sign.
        for _ in range(2):
            await pilot.press("ctrl+right")
            await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await paste(app, pilot, "Plan the rota with the team")
        await settle(app, pilot)
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        await pilot.press("s", "y")
        await settle(app, pilot)
        await pilot.press("m", "y")
        await settle(app, pilot)

    detail = ui_repo.conversations.detail(conversation_id)
    assert detail.conversation.status == "signed"
    own = sorted(r.score for r in detail.ratings if r.rater == "self")
    boss = sorted(r.score for r in detail.ratings if r.rater == "manager")
    assert (own, boss) == ([2, 3, 4], [3, 3, 4])
    picked = {
        party: sum(1 for p in detail.picks if p.picked_by == party) for party in ("self", "manager")
    }
    assert picked == {"self": 2, "manager": 1}
    assert [g.title for g in detail.plan.goals] == ["Plan the rota with the team"]

    # On paper: in full on the preparation sheet, compactly in the plan.
    content = services.conversation_content(detail)
    prep = render_text(prep_document(ui_repo.people.get(lead.id), content, "årssamtale", "en"))
    assert "Role description: Team lead" in prep
    assert "Covering the team's shifts to avoid planning them" in prep
    assert "Leading through others" in prep
    printed = render_text(plan_document(services.plan_input(ui_repo, conversation_id), "en"))
    assert "Role description: Team lead." in printed
    assert "Not to spend time on: covering the team's shifts to avoid planning them." in printed


async def test_role_panel_from_the_palette_on_any_step(ui_repo, role_packs, db_file, team) -> None:
    head, _lead = team
    record = services.start_conversation(ui_repo, role_packs.default, head.id)
    ui_repo.conversations.update(record.id, step="summary")
    app = role_app(ui_repo, role_packs, db_file, "da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await paste(app, pilot, t("cmd.role"))
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, RolePanel)
        text = shown(app)
        assert "Du sætter retningen for hele selskabet" in text
        assert "At styre vagtplanen for de enkelte hold" in text


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "da"), ((96, 30), "en")])
async def test_a_wrapped_bullet_in_the_role_panel_hangs_under_its_text(
    ui_repo, packs, db_file, org, size, lang
) -> None:
    """The role panel and the setup step drew a bullet's second line under the bullet
    ("• Udvælge ...\nledere ..."); each wrapped line now starts under the text, at 80
    columns and wider."""
    from pipeline_tui.packs.role import role_sections

    record = services.start_conversation(ui_repo, packs.default, org.director.id)
    settings = Settings(db=db_file, language=lang)
    app = PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)
    layer = packs.default.layer("lead_leaders")
    bullets = {line for part in role_sections(layer, lang)[1:] for line in part.lines}
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        # The setup step: the role beside the form, read down to its end.
        role = app.screen.query_one("#setup-role-text")
        scroller = role.parent
        seen = 0
        for _ in range(60):
            seen += hanging_bullets(app, bullets, scroller)
            if scroller.scroll_y >= scroller.max_scroll_y:
                break
            scroller.scroll_relative(y=size[1] // 2, animate=False)
            await settle(app, pilot)
        assert seen, "no bullet wrapped on the setup step: the test saw nothing"
        # The role panel (F2), read down to its end.
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, RolePanel)
        body = app.screen.query_one("#role-body")
        seen = 0
        for _ in range(40):
            seen += hanging_bullets(app, bullets, body)
            if body.scroll_y >= body.max_scroll_y:
                break
            await pilot.press("pagedown")
            await settle(app, pilot)
        assert seen, "no bullet wrapped in the role panel: the test saw nothing"
