"""The content browser (F3 from home, or the palette): the whole pack, searchable.

A consultant reads every kind of conversation with its steps, every layer with
its role and expectations, every deck with its rules and cards, and the
activity library; typing narrows it to the pieces that hold every word.
"""

from __future__ import annotations

import pytest
from pilot_helpers import paste, settle, until

from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.screens.content_browser import ContentBrowser
from pipeline_tui.tui.screens.home import HomeScreen


def text(app) -> str:
    return str(app.screen.query_one("#browser-text").content)


async def search(app, pilot, words: str) -> str:
    field = app.screen.query_one("#browser-search")
    field.value = ""
    await paste(app, pilot, words)
    await settle(app, pilot)
    return text(app)


async def test_f3_opens_the_whole_pack_and_search_narrows_it(make_app, packs):
    pack = packs.default
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, ContentBrowser), "the browser")
        await settle(app, pilot)
        assert app.screen.sub_title == t("browser.title")
        everything = text(app)
        for section in ("kinds", "layers", "decks", "activities"):
            assert t(f"browser.{section}") in everything
        for layer in pack.layers:
            assert layer.name.get("en") in everything
        for deck in pack.decks:
            assert deck.name.get("en") in everything
        assert len(pack.activities) > 0
        assert all(a.title.get("en") in everything for a in pack.activities)
        # A kind with its steps and whether HR counts it.
        assert "Steps: Setup › Cards › Plan › Sign-off" in everything
        assert t("browser.not_yearly") in everything

        # Every word must be in a piece: one card of the senior LUS deck.
        found = await search(app, pilot, "year that has passed")
        assert "The year that has passed" in found
        assert t("browser.kinds") not in found and t("browser.activities") not in found
        assert await search(app, pilot, "zebra crossing") == t("browser.no_match")
        found = await search(app, pilot, "")
        assert found == everything

        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize(
    ("lang", "deck", "rule"),
    [
        ("da", "mus", "Medarbejderen vælger 3–4 kort, lederen 1–2"),
        ("da", "lus_senior", "Lederen vælger 3–4 kort, lederens leder 1–2"),
        ("en", "lus", "The leader picks 3–4 cards, the leader's manager 1–2"),
        ("en", "status", "Each picks 0–1 cards"),
    ],
)
async def test_a_decks_picks_name_its_parties(make_app, packs, lang, deck, rule):
    """A leader is not "the employee"; "1–1" reads "1"."""
    from pipeline_tui.tui.screens.content_browser import picks_rule

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert picks_rule(packs.default, packs.default.deck(deck), lang) == rule
        app.open_content_browser()
        await settle(app, pilot)
        assert rule in text(app)


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "size"), [("da", (80, 24)), ("en", (120, 40))])
def test_browser_snapshot(snap_compare, make_app, lang, size) -> None:
    """The browser's first screen, searched for a word, as approved (looked at as PNG)."""
    app = make_app(lang)

    async def run_before(pilot) -> None:
        await settle(app, pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, ContentBrowser), "the browser")
        await settle(app, pilot)
        search_field = app.screen.query_one("#browser-search")
        await until(pilot, lambda: app.focused is search_field, "focus")
        search_field.cursor_blink = False  # the picture must not depend on the blink
        await paste(app, pilot, "delegér" if lang == "da" else "delegate")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_a_search_finds_words_with_or_without_their_accent(packs) -> None:
    """ "delegér" finds "uddelegere"; æ, ø and å stay letters of their own ("bla" is not "blå")."""
    from pipeline_tui.tui.screens.content_browser import content_blocks, searchable

    blocks = content_blocks(packs.default, "da")
    found = [b for b in blocks if searchable("delegér") in b.text]
    assert found and all("uddeleg" in b.text for b in found)
    assert searchable("Idé og blå") == "ide og blå"


@pytest.mark.parametrize(("lang", "size"), [("da", (80, 24)), ("en", (120, 40))])
async def test_a_wrapped_bullet_in_the_browser_hangs_under_its_text(
    make_app, packs, lang, size
) -> None:
    """The browser drew a bullet's second line under the bullet (an indicator, a card's
    question, a deck's rule, a role's line); each wrapped line now starts under the text,
    as in the role panel (F2), at 80 columns and wider."""
    from pilot_helpers import hanging_bullets

    from pipeline_tui.packs.role import role_sections

    pack = packs.default
    bullets = {i.get(lang) for es in pack.expectations.values() for e in es for i in e.indicators}
    bullets |= {r.get(lang) for d in pack.decks for r in d.rules.text}
    bullets |= {p.get(lang) for d in pack.decks for c in d.cards for p in c.prompts}
    bullets |= {
        line for layer in pack.layers for s in role_sections(layer, lang)[1:] for line in s.lines
    }
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, ContentBrowser), "the browser")
        await settle(app, pilot)
        body = app.screen.query_one("#browser-body")
        seen = 0
        for _ in range(400):  # down the whole pack, half a screen at a time
            seen += hanging_bullets(app, bullets, body)
            if body.scroll_y >= body.max_scroll_y:
                break
            body.scroll_relative(y=size[1] // 2, animate=False)
            await settle(app, pilot)
        assert body.scroll_y >= body.max_scroll_y, "read to the end"
        assert seen > 10, "hardly a bullet wrapped: the test saw nothing"
