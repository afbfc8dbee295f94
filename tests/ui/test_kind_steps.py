"""A kind of conversation has the steps its pack gives it, and no others.

The default pack's onboarding after one month has no expectations and no
summary; the test pack's leader review has no cards. The step bar shows only
the kind's steps, ctrl+left/right and the step keys move between them and skip
the others, the sign-off checklist asks only for what those steps hold, and the
printed plan prints only their sections.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import screen_text, settle

from pipeline_tui import services
from pipeline_tui.config import Settings
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.labels import label
from pipeline_tui.report.plan import plan_document
from pipeline_tui.report.text import render_text
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.services import Services
from pipeline_tui.tui.steps.signoff import checklist
from pipeline_tui.tui.widgets.step_bar import StepTabs

ROLE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "role_pack"


def tabs(screen: ConversationScreen) -> str:
    return str(screen.query_one(StepTabs).render())


async def walk(app, pilot, screen: ConversationScreen, key: str, times: int) -> list[str]:
    """The steps visited by pressing `key` `times` times."""
    seen = []
    for _ in range(times):
        await pilot.press(key)
        await settle(app, pilot)
        seen.append(screen.step)
    return seen


async def test_onboarding_has_no_expectations_and_no_summary(make_app, ui_repo, packs, org):
    pack = packs.default
    assert pack.kind("onboarding_1m").steps == ["setup", "cards", "plan", "signoff"]
    record = services.start_conversation(
        ui_repo, pack, org.employee.id, kind="onboarding_1m", conducted_by="Anna Berg"
    )
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.step == "setup"
        bar = tabs(screen)
        for shown, step in ((1, "setup"), (2, "cards"), (3, "plan"), (4, "signoff")):
            assert f"{shown} {t(f'step.{step}')}" in bar, bar
        assert t("step.expectations") not in bar and t("step.summary") not in bar
        assert "goto('expectations')" not in bar and "goto('summary')" not in bar

        assert await walk(app, pilot, screen, "ctrl+right", 4) == [
            "cards",
            "plan",
            "signoff",
            "signoff",
        ]
        assert await walk(app, pilot, screen, "ctrl+left", 2) == ["plan", "cards"]
        screen.action_goto("expectations")  # a step the kind has not: nothing happens
        screen.action_goto("summary")
        await settle(app, pilot)
        assert screen.step == "cards"

        # The sign-off checklist asks for the cards and the plan, not for ratings.
        await walk(app, pilot, screen, "ctrl+right", 2)
        assert screen.step == "signoff"
        checks = str(screen.query_one("#sign-checklist").content)
        assert t("sign.check.cards", n=0, total=0).split("(")[0].strip() in checks
        assert t("sign.check.ratings", n=0, total=0).split("(")[0].strip() not in checks

    stored = ui_repo.conversations.get(record.id)
    assert stored.step == "signoff"
    detail = ui_repo.conversations.detail(record.id)
    texts = [text for _done, text in checklist(detail, services.conversation_content(detail))]
    assert len(texts) == 3  # cards, goals, follow-up (no actions to ask for without a goal)
    printed = render_text(plan_document(services.plan_input(ui_repo, record.id), "en"))
    assert label("en", "profile") not in printed
    assert label("en", "goals") in printed


@pytest.fixture(scope="module")
def role_packs():
    return load_packs(ROLE_PACK)


async def test_a_review_without_cards_skips_them_and_an_old_step_moves_on(
    ui_repo, db_file, role_packs
):
    pack = role_packs.default
    head = ui_repo.people.create("Sofie Dam", "head", email="sofie@example.dk")
    record = services.start_conversation(
        ui_repo, pack, head.id, kind="vurdering", conducted_by="Bestyrelsen"
    )
    # Left on the cards step (e.g. before the kind was changed): opened on the next step
    # the kind has.
    ui_repo.conversations.update(record.id, step="cards")
    settings = Settings(db=db_file, language="da")
    app = PipelineApp(Services.ready_made(settings, ui_repo, role_packs), remember=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.step == "summary"
        assert "goto('cards')" not in tabs(screen)
        assert await walk(app, pilot, screen, "ctrl+left", 2) == ["expectations", "setup"]
        assert await walk(app, pilot, screen, "ctrl+right", 2) == ["expectations", "summary"]
        # The summary has the profile but no themes section: the kind has no cards.
        assert screen.query_one("#summary-profile-title").display
        assert not screen.query_one("#summary-themes-title").display


async def test_home_counts_a_status_conversation_as_not_this_years(make_app, ui_repo, packs, org):
    """The employee had only a status conversation this year: still due on home."""
    from textual.widgets import Static

    status = services.start_conversation(ui_repo, packs.default, org.employee.id, kind="status")
    ui_repo.conversations.set_status(status.id, "completed")
    lus = services.start_conversation(ui_repo, packs.default, org.leader.id)
    ui_repo.conversations.set_status(lus.id, "completed")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        bar = str(app.screen.query_one("#home-filters", Static).render())
        # The director has had nothing, the employee only a status conversation.
        assert f"{t('home.filter.due')} 2" in bar, bar


async def test_another_kind_asks_before_its_deck_takes_the_cards_off_the_table(
    make_app, ui_repo, packs, org
):
    """An onboarding changed into a MUS once kept the onboarding cards: unseen in the grid,
    counted against the limits, listed by their ids. Now the app says which cards go (and
    that notes go with them) and asks; no keeps everything, yes lays the MUS deck."""
    from textual.widgets import Select

    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

    pack = packs.default
    record = services.start_conversation(ui_repo, pack, org.employee.id, kind="onboarding_1m")
    pick = ui_repo.conversations.pick_card(record.id, "onboarding.people", "self", limit=4)
    ui_repo.conversations.set_card_text(pick.id, "notes", "Kender kun nattevagten")
    before = ui_repo.conversations.detail(record.id).picks
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        kind = app.screen.query_one("#setup-kind", Select)
        kind.value = "mus"
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = screen_text(app)
        assert "1 kort, I har valgt" in question and "skrevet på kortet, slettes" in question
        await pilot.press("n")
        await settle(app, pilot)
        assert kind.value == "onboarding_1m"
        assert ui_repo.conversations.get(record.id).kind == "onboarding_1m"
        assert ui_repo.conversations.detail(record.id).picks == before

        kind.value = "mus"
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        stored = ui_repo.conversations.detail(record.id)
        assert stored.conversation.kind == "mus"
        assert {p.card_id for p in stored.picks} == {"mus.looking_back", "mus.wellbeing"}
        screen.action_goto("cards")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "onboarding." not in shown
        assert pack.card("mus.wellbeing").title.get("da") in shown


@pytest.mark.parametrize(
    ("who", "person", "manager", "label"),
    [("employee", "Medarbejderen", "Lederen", "Medarbejder"),
     ("leader", "Lederen", "Lederens leder", "Leder")],
)  # fmt: skip
async def test_an_onboarding_names_the_parties_by_the_persons_layer(
    make_app, ui_repo, packs, org, who, person, manager, label
):
    """A kind held on every layer once named an employee "Lederen" and their manager
    "Lederens leder", down to the signature boxes and the printed plan."""
    someone = getattr(org, who)
    record = services.start_conversation(ui_repo, packs.default, someone.id, kind="onboarding_1m")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        screen = app.screen
        screen.action_goto("cards")
        await settle(app, pilot)
        await pilot.press("p")  # nothing need be picked: the step opens at play; to picking
        await settle(app, pilot)
        status = str(screen.query_one("#cards-status").render())
        assert f"{person}:" in status and f"{manager}:" in status, status
        screen.action_goto("signoff")
        await settle(app, pilot)
        titles = [str(block.border_title) for block in screen.query(".sign-block")]
        assert any(person in title for title in titles), titles
        assert any(manager in title for title in titles), titles
    printed = render_text(plan_document(services.plan_input(ui_repo, record.id), "da"))
    assert f"{label}:" in printed or f"{label} " in printed
    if who == "employee":
        assert "Lederens leder" not in printed


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_a_standard_kind_the_pack_names_is_called_so_on_every_screen(
    ui_repo, db_file, tmp_path: Path, lang: str
) -> None:
    """A pack named its "mus" "Medarbejderudviklingssamtale (MUS)": the overview said so,
    while the conversation's header, the setup step and the person page said the catalog's
    "MUS". Every screen now says the pack's name."""
    import shutil

    from textual.widgets import Select

    from pipeline_tui.tui.i18n import set_kind_names

    long = {"da": "Medarbejderudviklingssamtale (MUS)", "en": "Employee development talk (MUS)"}
    shipped = Path(__file__).resolve().parents[2] / "content" / "default"
    pack_dir = Path(shutil.copytree(shipped, tmp_path / "packs" / "default"))
    spec = pack_dir / "pipeline.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text.replace(
            "    name: {da: MUS, en: MUS}\n",
            f"    name: {{da: '{long['da']}', en: '{long['en']}'}}\n",
        ),
        encoding="utf-8",
    )
    packs = load_packs(tmp_path / "packs")
    name = long[lang]
    boss = ui_repo.people.create("Hanne Holm", "lead_others", email="hanne@example.dk")
    person = ui_repo.people.create("Bo Øst", "lead_self", email="bo@example.dk", manager_id=boss.id)
    held = services.start_conversation(ui_repo, packs.default, person.id, kind="mus")
    settings = Settings(db=db_file, language=lang)
    app = PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)
    try:
        async with app.run_test(size=(160, 40)) as pilot:
            await settle(app, pilot)
            # Home's status column (30 wide) has room only for the short "MUS · Kladde".
            app.open_person(person.id)
            await settle(app, pilot)
            assert name in screen_text(app), "the person page"
            app.pop_screen()
            await settle(app, pilot)
            app.open_conversation(held.id)
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, ConversationScreen)
            assert name in screen.sub_title
            screen.action_goto("setup")
            await settle(app, pilot)
            kind = screen.query_one("#setup-kind", Select)
            assert dict((v, str(k)) for k, v in kind._options)["mus"] == name
            app.pop_screen()
            await settle(app, pilot)
            app.open_overview()
            await settle(app, pilot)
            assert name in screen_text(app), "the overview"
    finally:
        set_kind_names({})


async def test_a_mus_moved_to_a_leaders_layer_becomes_that_layers_conversation(
    make_app, ui_repo, packs, org
):
    """Setup: the layer of an employee's MUS set to "Leder af medarbejdere" was refused ("no
    kind 'mus' for the layer 'lead_others'"), and the layer field went on showing the layer
    that was not saved. The MUS becomes the LUS that layer holds, and says so."""
    from textual.widgets import Select

    record = services.start_conversation(ui_repo, packs.default, org.employee.id, kind="mus")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.open_conversation(record.id)
        await settle(app, pilot)
        app.screen.query_one("#setup-layer", Select).value = "lead_others"
        await settle(app, pilot)
        stored = ui_repo.conversations.get(record.id)
        assert (stored.layer, stored.kind) == ("lead_others", "lus")
        assert str(app.screen.query_one("#setup-kind", Select).value) == "lus"
        shown = [n.message for n in app._notifications]
        assert any("samtaletypen er nu LUS" in message for message in shown), shown
        assert not any("Ikke gemt" in message for message in shown), shown
