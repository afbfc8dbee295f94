"""Snapshots of home and of every conversation step, at 80×24 and 120×40, in Danish and English.

The database is filled through the repository with fixed data (ratings on both
sides, revealed; picked cards with notes; last year's goals reviewed, one
carried; a plan with goals, actions and a follow-up date), and the date is
pinned, so each picture shows real content and changes only when the screen
does. Workers and queued writes finish before the picture is taken.

Before each picture the footer is checked: every key it shows is there whole
(at 80 columns a footer that overflows is cut off at the right edge). Keys left
out of the footer for room are listed by the help screen (F1), checked below.

Update the pictures with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at them (rsvg-convert turns an SVG into a PNG).
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import settle
from textual.widgets import Footer, Static

from pipeline_tui import services
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.conversation import STEPS, ConversationScreen
from pipeline_tui.tui.screens.help import HelpScreen
from pipeline_tui.tui.screens.home import HomeScreen
from pipeline_tui.tui.screens.overview import OverviewScreen

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
LANGUAGES = ("da", "en")
EARLIER = date(2025, 11, 10)

pytestmark = pytest.mark.slow  # 34 pictures, about a minute on a shared machine


def assert_footer_whole(app) -> None:
    """Every key the footer shows is on the screen's last line, its label not cut off."""
    screen = app.screen
    line = screen._compositor.render_strips()[-1].text
    labels = {
        binding.group.description if binding.group else binding.description
        for _node, binding, _enabled, _tooltip in screen.active_bindings.values()
        if binding.show and binding.description
    }
    if screen.query_one(Footer).show_command_palette:
        labels.add(t("key.palette"))
    assert labels
    missing = [label for label in labels if label not in line]
    assert not missing, f"cut off the footer {line!r}: {missing}"


def fill(repo, pack, org) -> int:
    """Anna Berg's LUS today, half-way: rated, revealed, cards played, a plan; returns its id."""
    earlier = services.start_conversation(repo, pack, org.leader.id, held_on=EARLIER)
    one_to_ones = repo.plans.add_goal(
        earlier.id,
        "Hold månedlige 1:1-samtaler",
        success_criterion="Alle i teamet har haft ti samtaler",
        due_on=date(2026, 6, 30),
    )
    repo.plans.add_action(one_to_ones.id, "Book datoerne for året", owner="Anna")
    rota = repo.plans.add_goal(
        earlier.id,
        "Uddeleger vagtplanen",
        success_criterion="Koordinatorerne laver vagtplanen selv",
        due_on=date(2026, 9, 1),
    )
    repo.plans.add_action(rota.id, "Lær to koordinatorer op", owner="Anna", kind="relationships")
    repo.plans.update(earlier.id, follow_up_on=date(2026, 11, 10))
    repo.plans.sign(earlier.id, "person")
    repo.plans.sign(earlier.id, "conductor")

    record = services.start_conversation(repo, pack, org.leader.id)
    conversation_id = record.id
    content = services.conversation_content(repo.conversations.detail(conversation_id))
    expectations = content.ordered_expectations()
    own_scores = (4, 3, 5, 4, 2, 4, 3)
    boss_scores = (3, 3, 4, 2, 4, 3, None)  # None: not observed
    for index, expectation in enumerate(expectations):
        own = own_scores[index % len(own_scores)]
        boss = boss_scores[index % len(boss_scores)]
        repo.conversations.set_rating(conversation_id, expectation.id, "self", score=own)
        repo.conversations.set_rating(
            conversation_id, expectation.id, "manager", score=boss, not_observed=boss is None
        )
    repo.conversations.set_rating_comment(
        conversation_id, expectations[0].id, "self", "Især vagtplanen – jeg gør for meget selv"
    )
    repo.conversations.update(conversation_id, revealed=True)

    deck = content.deck
    assert deck is not None
    chosen = [c.id for c in deck.cards if c.id not in deck.rules.always_included]
    for card_id in chosen[:4]:
        services.pick_card(repo, content, conversation_id, card_id, "self")
    for card_id in chosen[4:6]:
        services.pick_card(repo, content, conversation_id, card_id, "manager")
    picks = repo.conversations.detail(conversation_id).picks
    texts = (
        ("Et travlt år med to nye kolleger", "Vi holder fast i de ugentlige tavlemøder"),
        ("Weekenderne fylder meget", "Færre weekendvagter i træk fra næste kvartal"),
    )
    for pick, (notes, agreements) in zip(picks, texts, strict=False):
        repo.conversations.set_card_text(pick.id, "notes", notes)
        repo.conversations.set_card_text(pick.id, "agreements", agreements)
        repo.conversations.set_card_played(pick.id)

    repo.plans.review_goal(
        one_to_ones.id, "done", "Alle ti samtaler er holdt", in_conversation_id=conversation_id
    )
    repo.plans.review_goal(
        rota.id, "partly", "Én koordinator er lært op", in_conversation_id=conversation_id
    )
    services.carry_goal(repo, repo.plans.goal(rota.id), conversation_id)
    goal = repo.plans.add_goal(
        conversation_id,
        "Giv feedback hver uge",
        expectation_ids=[expectations[3].id],
        success_criterion="Teamet siger i trivselsmålingen, at de får feedback",
        due_on=date(2027, 6, 30),
    )
    repo.plans.add_action(
        goal.id, "Feedback som fast punkt på tavlemødet", kind="experience", owner="Anna"
    )
    repo.plans.add_action(
        goal.id,
        "Sparring med en erfaren kollega",
        kind="relationships",
        owner="Mette",
        due_on=date(2027, 2, 1),
    )
    repo.plans.add_action(
        goal.id, "Kursus i feedback", kind="formal", owner="HR", due_on=date(2027, 3, 15)
    )
    repo.plans.update(
        conversation_id,
        follow_up_on=date(2027, 11, 23),
        summary="Et godt år; fokus på at uddelegere og give feedback.",
    )
    return conversation_id


@pytest.fixture
def conversation_id(ui_repo, packs, org) -> int:
    return fill(ui_repo, packs.default, org)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_home(snap_compare, make_app, conversation_id, lang, size) -> None:
    """Home, with the people list, the filters and the due states, looks as approved."""
    app = make_app(lang)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert_footer_whole(app)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.demo_data
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview(snap_compare, make_app, ui_repo, packs, lang, size) -> None:
    """HR's overview of the demo organisation: every name, bar and percentage drawn."""
    app = make_app(lang)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert_footer_whole(app)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_conversation_step(
    snap_compare, make_app, ui_repo, conversation_id, lang, size, step
) -> None:
    """Each conversation step, opened where it was left, looks as approved."""
    ui_repo.conversations.update(conversation_id, step=step)
    app = make_app(lang)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        app.open_conversation(conversation_id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.step == step
        await settle(app, pilot)
        assert_footer_whole(app)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


async def open_step(app, pilot, ui_repo, conversation_id: int, step: str) -> None:
    ui_repo.conversations.update(conversation_id, step=step)
    await settle(app, pilot)
    app.open_conversation(conversation_id)
    await settle(app, pilot)
    assert app.screen.step == step


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help(snap_compare, make_app, ui_repo, conversation_id, lang) -> None:
    """F1 over the expectations step at 80×24 (the keys the footer has no room for) as approved."""
    app = make_app(lang)

    async def run_before(pilot) -> None:
        await open_step(app, pilot, ui_repo, conversation_id, "expectations")
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_help_lists_the_keys_hidden_from_the_footer(
    make_app, ui_repo, conversation_id, lang
) -> None:
    """Not observed, back, the palette and quit are off the footer but listed by F1."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_step(app, pilot, ui_repo, conversation_id, "expectations")
        footer = app.screen._compositor.render_strips()[-1].text
        hidden = ["key.conv.not_observed", "key.back", "key.palette", "key.quit"]
        for key in hidden:
            assert t(key) not in footer
        await pilot.press("f1")
        await settle(app, pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        listed = "\n".join(str(static.render()) for static in help_screen.query(Static))
        for key, shown in [
            ("key.conv.not_observed", "0/x"),
            ("key.back", "esc"),
            ("key.palette", "^p"),
            ("key.quit", "^q"),
            ("key.conv.rate", "1–5"),
            ("key.conv.rater", "r"),
        ]:
            assert any(
                line.split()[0] == shown and line.endswith(t(key))
                for line in listed.splitlines()
                if line.strip()
            ), f"{shown} {t(key)} is not in the help"
        # Textual's own scrolling keys (English only, nothing to do with the work) are not.
        assert "Scroll Left" not in listed and "Page Up" not in listed
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ConversationScreen)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_role_panel(snap_compare, make_app, ui_repo, conversation_id, lang, size) -> None:
    """F2 over the expectations step: the layer's role description, as approved."""
    from pipeline_tui.tui.screens.role_panel import RolePanel

    app = make_app(lang)

    async def run_before(pilot) -> None:
        await open_step(app, pilot, ui_repo, conversation_id, "expectations")
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, RolePanel)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
