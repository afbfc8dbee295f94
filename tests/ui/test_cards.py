"""Cards: both parties pick by keyboard within the deck's rules, then the cards are played.

Written against whatever deck the default pack gives a LUS conversation: the
numbers come from its rules, never from this file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from pilot_helpers import settle as _settle

from pipeline_tui import services
from pipeline_tui.tui.i18n import party, t
from pipeline_tui.tui.steps.cards import PICK, PLAY, CardsPane
from pipeline_tui.tui.widgets.card_grid import CardGrid
from pipeline_tui.tui.widgets.card_sheet import CardSheet
from pipeline_tui.tui.widgets.card_table import table_order


def _lus(ui_repo, packs, person_id: int, **kwargs):
    record = services.start_conversation(ui_repo, packs.default, person_id, kind="lus", **kwargs)
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    assert content.deck is not None, "the default pack has a LUS deck"
    return record, content


async def _open_cards(app, pilot, conversation_id: int, *, walk: bool = False) -> CardsPane:
    """Open the conversation at the cards step, or (`walk`) at setup and go there by key."""
    repo = app.services.repo()
    repo.conversations.update(conversation_id, step="setup" if walk else "cards")
    await pilot.pause()
    app.open_conversation(conversation_id)
    await _settle(app, pilot)
    if walk:
        await pilot.press("ctrl+right", "ctrl+right")
        await _settle(app, pilot)
    assert app.screen.step == "cards"
    return app.screen.query_one(CardsPane)


async def _cursor_to(pilot, grid: CardGrid, card_id: str) -> None:
    """Walk the cursor to a card with the arrow keys: up or down to its row, then along it."""
    index = [tile.info.card_id for tile in grid.tiles].index(card_id)
    rows = index // grid.columns - grid.cursor // grid.columns
    if rows:
        await pilot.press(*["down" if rows > 0 else "up"] * abs(rows))
    steps = index - grid.cursor
    if steps:
        await pilot.press(*["right" if steps > 0 else "left"] * abs(steps))
    assert grid.current == card_id


def _free(grid: CardGrid) -> list[str]:
    return [tile.info.card_id for tile in grid.tiles if tile.info.picked_by is None]


def _picked(ui_repo, conversation_id: int, party: str) -> set[str]:
    picks = ui_repo.conversations.detail(conversation_id).picks
    return {pick.card_id for pick in picks if pick.picked_by == party}


def _footer(app) -> list[str]:
    from textual.widgets import Footer

    return [key.description for key in app.screen.query_one(Footer).query("FooterKey")]


def _messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_both_parties_pick_by_keyboard(make_app, org, ui_repo, packs) -> None:
    record, content = _lus(ui_repo, packs, org.leader.id)
    rules = content.deck.rules.picks
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id, walk=True)
        grid = pane.query_one(CardGrid)
        assert pane.mode == PICK and grid.has_focus
        assert grid.columns == 3
        wanted = {"self": min(2, rules["self"].max), "manager": min(1, rules["manager"].max)}
        chosen: dict[str, set[str]] = {}
        for party in ("self", "manager"):
            if app.screen.rater != party:
                await pilot.press("r")
            assert app.screen.rater == party
            chosen[party] = set(_free(grid)[: wanted[party]])
            for card_id in chosen[party]:
                await _cursor_to(pilot, grid, card_id)
                await pilot.press("space" if party == "manager" else "enter")
        await _settle(app, pilot)
        for party in ("self", "manager"):
            assert _picked(ui_repo, record.id, party) == chosen[party]
        status = str(pane.query_one("#cards-status").content)
        left = rules["manager"].max - wanted["manager"]
        assert f"The leader's manager: {wanted['manager']} picked, {left} left" in status


async def test_second_thoughts_before_the_write_lands(make_app, org, ui_repo, packs) -> None:
    record, _content = _lus(ui_repo, packs, org.leader.id)
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        grid = pane.query_one(CardGrid)
        first, second = _free(grid)[:2]
        await _cursor_to(pilot, grid, first)
        await pilot.press("enter", "enter")
        await _cursor_to(pilot, grid, second)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert _picked(ui_repo, record.id, "self") == {second}
        assert t("cards.not_saved") not in _messages(app)


async def test_a_pick_beyond_the_maximum_is_refused(make_app, org, ui_repo, packs) -> None:
    record, content = _lus(ui_repo, packs, org.leader.id)
    limit = content.deck.rules.picks["manager"].max
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        grid = pane.query_one(CardGrid)
        await pilot.press("r")
        free = _free(grid)
        for card_id in free[:limit]:
            await _cursor_to(pilot, grid, card_id)
            await pilot.press("enter")
        extra = free[limit]
        await _cursor_to(pilot, grid, extra)
        await pilot.press("enter")
        await _settle(app, pilot)
        picked = _picked(ui_repo, record.id, "manager")
        assert picked == set(free[:limit]) and extra not in picked
        full = t("cards.full", party=party("lus", "manager"), max=limit)  # the employee may
        assert any(message.startswith(full) for message in _messages(app))
        assert (
            next(tile for tile in grid.tiles if tile.info.card_id == extra).info.picked_by is None
        )


async def test_always_included_cards_are_on_the_table_for_good(
    make_app, org, ui_repo, packs
) -> None:
    record, content = _lus(ui_repo, packs, org.leader.id)
    always = list(content.deck.rules.always_included)
    if not always:
        pytest.skip("the default LUS deck has no always-included cards")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        grid = pane.query_one(CardGrid)
        shown = {tile.info.card_id: tile.info.picked_by for tile in grid.tiles}
        assert all(shown[card_id] == "deck" for card_id in always)
        await _cursor_to(pilot, grid, always[0])
        await pilot.press("enter", "r", "enter")
        await _settle(app, pilot)
        assert set(always) <= _picked(ui_repo, record.id, "deck")
        assert t("cards.always_fixed") in _messages(app)


async def test_a_card_with_notes_or_of_the_other_party_stays(make_app, org, ui_repo, packs) -> None:
    record, content = _lus(ui_repo, packs, org.leader.id)
    free = [c.id for c in content.deck.cards if c.id not in content.deck.rules.always_included]
    noted = services.pick_card(ui_repo, content, record.id, free[0], "self")
    ui_repo.conversations.set_card_text(noted.id, "notes", "Talked about it")
    services.pick_card(ui_repo, content, record.id, free[1], "self")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        if pane.mode == PLAY:
            await pilot.press("p")
        grid = pane.query_one(CardGrid)
        await _cursor_to(pilot, grid, free[0])
        await pilot.press("enter")
        await _settle(app, pilot)
        assert t("cards.has_notes") in _messages(app)
        await pilot.press("r")
        await _cursor_to(pilot, grid, free[1])
        await pilot.press("enter")
        await _settle(app, pilot)
        assert _picked(ui_repo, record.id, "self") == {free[0], free[1]}
        assert t("cards.other_party", party=party("lus", "self")) in _messages(app)
        await pilot.press("r", "enter")  # the employee puts back their own card
        await _settle(app, pilot)
        assert _picked(ui_repo, record.id, "self") == {free[0]}


async def test_play_notes_and_agreements_are_saved(make_app, org, ui_repo, packs) -> None:
    record, content = _lus(ui_repo, packs, org.leader.id)
    deck = content.deck
    free = iter(c.id for c in deck.cards if c.id not in deck.rules.always_included)
    for who in ("self", "manager"):
        for _ in range(deck.rules.picks[who].min):
            services.pick_card(ui_repo, content, record.id, next(free), who)
    while len(ui_repo.conversations.detail(record.id).picks) < 2:
        services.pick_card(ui_repo, content, record.id, next(free), "self")
    table = table_order(list(ui_repo.conversations.detail(record.id).picks))
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        assert pane.mode == PLAY and pane.selected == table[0].card_id
        await pilot.press("ctrl+n")  # played without a word: on to the next card
        assert pane.selected == table[1].card_id
        await pilot.press("enter")
        sheet = pane.query_one(CardSheet)
        assert sheet.field("notes").has_focus
        await pilot.press(*"Tid", "tab", *"Plan")
        assert sheet.field("agreements").has_focus
        await pilot.press("ctrl+n")  # from the agreements: the next card's notes
        await _settle(app, pilot)
        stored = {p.card_id: p for p in ui_repo.conversations.detail(record.id).picks}
        assert stored[table[0].card_id].played
        second = stored[table[1].card_id]
        assert (second.notes, second.agreements, second.played) == ("Tid", "Plan", True)
        if len(table) > 2:
            assert pane.selected == table[2].card_id and sheet.field("notes").has_focus


async def test_click_moves_the_cursor_then_picks(make_app, org, ui_repo, packs) -> None:
    record, _content = _lus(ui_repo, packs, org.leader.id)
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        grid = pane.query_one(CardGrid)
        assert grid.columns in (4, 5)
        tile = next(tile for tile in grid.tiles[1:] if tile.info.picked_by is None)
        await pilot.click(tile, offset=(3, 1))
        assert grid.current == tile.info.card_id
        await pilot.click(tile, offset=(3, 1))
        await _settle(app, pilot)
        assert tile.info.card_id in _picked(ui_repo, record.id, "self")


async def test_language_switch_redraws_the_step(make_app, org, ui_repo, packs) -> None:
    record, _content = _lus(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        assert "Lederens leder" in str(pane.query_one("#cards-status").content)
        app.set_language("en")
        await _settle(app, pilot)
        assert "The leader's manager" in str(pane.query_one("#cards-status").content)
        assert "Play the cards" in str(pane.query_one("#cards-modes").content)


async def test_signed_conversation_shows_the_cards_read_only(make_app, org, ui_repo, packs) -> None:
    record, content = _lus(ui_repo, packs, org.leader.id)
    free = [c.id for c in content.deck.cards if c.id not in content.deck.rules.always_included]
    pick = services.pick_card(ui_repo, content, record.id, free[0], "self")
    ui_repo.conversations.set_card_text(pick.id, "agreements", "Keep it")
    ui_repo.plans.sign(record.id, "person")
    ui_repo.plans.sign(record.id, "conductor")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        assert pane.mode == PLAY
        # Only what the keys do: "⏎ Write notes" and "⏎/␣ Pick/unpick" did nothing here.
        assert t("key.cards.write") not in _footer(app)
        await pilot.press("ctrl+n")
        sheet = pane.query_one(CardSheet)
        assert sheet.field("notes").read_only and sheet.field("agreements").read_only
        await pilot.press("p")
        await _settle(app, pilot)
        assert pane.mode == PICK
        assert t("key.cards.toggle") not in _footer(app)
        grid = pane.query_one(CardGrid)
        await _cursor_to(pilot, grid, free[1])
        await pilot.press("enter")
        await _settle(app, pilot)
        assert _picked(ui_repo, record.id, "self") == {free[0]}
        assert not any(p.played for p in ui_repo.conversations.detail(record.id).picks)


async def test_a_conversation_without_a_deck(make_app, org, ui_repo, packs) -> None:
    layer = packs.default.layers[0].key
    # A snapshot from before kinds were stored has every step: its cards step says there
    # is no deck (a pack's kind without a deck has no cards step at all).
    content = replace(
        services.content_for(packs.default, layer, "lus"), deck=None, themes=(), kinds=()
    )
    record = ui_repo.conversations.start(
        org.employee.id,
        kind="evaluation",
        held_on=date(2026, 11, 23),
        content=services.content_ref(content),
    )
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        assert pane.query_one("#cards-no-deck").display
        assert not pane.query_one("#cards-body").display
        assert t("cards.no_deck") in str(pane.query_one("#cards-no-deck").content)
        await pilot.press("p", "r", "i")
        assert not pane.query_one("#cards-body").display
        assert app.screen.rater == "self"


async def test_an_agreement_still_being_saved_when_the_next_card_comes(
    make_app, org, ui_repo, packs
) -> None:
    """Part of the agreement is saved, the rest typed, then ctrl+n at once: the last write
    is checked against what this card held, not the next card's empty text (it was shown
    as changed in another session, found by the e2e walk)."""
    from pipeline_tui.tui.dialogs.conflict import ConflictScreen

    record, content = _lus(ui_repo, packs, org.leader.id)  # a LUS is a leader's conversation
    deck = content.deck
    free = iter(c.id for c in deck.cards if c.id not in deck.rules.always_included)
    for who in ("self", "manager"):
        for _ in range(deck.rules.picks[who].min):
            services.pick_card(ui_repo, content, record.id, next(free), who)
    table = table_order(list(ui_repo.conversations.detail(record.id).picks))
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        await pilot.press("enter", "tab", *"Plan")
        await _settle(app, pilot)  # "Plan" is in the database now
        await pilot.press(*" nu", "ctrl+n")
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConflictScreen)
        first = next(
            p
            for p in ui_repo.conversations.detail(record.id).picks
            if p.card_id == table[0].card_id
        )
        assert first.agreements == "Plan nu"
        assert pane.selected == table[1].card_id


async def test_notes_typed_while_the_picks_wait_are_kept(
    org, packs, ui_repo, db_file, monkeypatch
) -> None:
    """Another program holds the write lock while both parties pick, play begins and a note
    and an agreement are typed on the first card (seen in tmux on a loaded machine: the first
    card's fields took no text while its pick was on its way). When the lock goes, the picks
    are written first, then the texts, on the right card."""
    import sqlite3

    from pilot_helpers import until

    from pipeline_tui.config import Settings
    from pipeline_tui.store import engine
    from pipeline_tui.store.repository import open_repository
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

    record, content = _lus(ui_repo, packs, org.leader.id)
    rules = content.deck.rules.picks
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # refused quickly, not after 15 s
    repo = open_repository(db_file)
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        app = PipelineApp(
            Services.ready_made(Settings(db=db_file, language="en"), repo, packs), remember=False
        )
        async with app.run_test(size=(120, 40)) as pilot:
            app.animation_level = "none"
            pane = await _open_cards(app, pilot, record.id)
            grid = pane.query_one(CardGrid)
            locker.execute("BEGIN IMMEDIATE")
            waiting: set[str] = set()
            for who in ("self", "manager"):
                if app.screen.rater != who:
                    await pilot.press("r")
                for card_id in _free(grid)[: max(1, rules[who].min)]:
                    await _cursor_to(pilot, grid, card_id)
                    await pilot.press("enter")
                    waiting.add(card_id)
            await until(pilot, lambda: app.saver.failing == "busy", "the picks to wait")
            await pilot.press("p")
            assert pane.mode == PLAY
            for _ in range(len(pane.picks)):  # down the table to a card whose pick waits
                if pane.selected in waiting:
                    break
                await pilot.press("down")
            first = pane.selected
            assert first in waiting and pane._pick(first).id == 0
            await pilot.press("enter")
            sheet = pane.query_one(CardSheet)
            assert sheet.field("notes").has_focus
            await pilot.press(*"Tid", "tab", *"Plan")
            await pilot.pause(0.6)
            assert sheet.field("notes").text == "Tid"
            assert not app.save_state.saved
            locker.execute("ROLLBACK")
            await until(pilot, lambda: app.save_state.saved, "everything to be saved", tries=600)
        stored = {p.card_id: p for p in ui_repo.conversations.detail(record.id).picks}
        assert (stored[first].notes, stored[first].agreements, stored[first].played) == (
            "Tid",
            "Plan",
            True,
        )
        for who in ("self", "manager"):
            assert len(_picked(ui_repo, record.id, who)) >= max(1, rules[who].min)
    finally:
        locker.close()
        repo.close()


async def test_a_note_typed_right_after_enter_is_all_in_the_note(
    make_app, org, ui_repo, packs
) -> None:
    """`enter` on a card then the note with no pause (keys queued together, as from a fast
    typist or a loaded machine): every letter is in the note, none taken as a command
    (`p`, `r` and `n` are keys of this step)."""
    from textual import events

    record, content = _lus(ui_repo, packs, org.leader.id)
    deck = content.deck
    free = iter(c.id for c in deck.cards if c.id not in deck.rules.always_included)
    for who in ("self", "manager"):
        for _ in range(deck.rules.picks[who].min):
            services.pick_card(ui_repo, content, record.id, next(free), who)
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        assert pane.mode == PLAY
        first = pane.selected
        for key in ["enter", *"Vagtplan og pauser"]:
            app.post_message(events.Key(key, None if key == "enter" else key))
        await pilot.pause(0.3)
        await _settle(app, pilot)
        sheet = pane.query_one(CardSheet)
        assert sheet.field("notes").text == "Vagtplan og pauser"
        assert pane.mode == PLAY and pane.selected == first
        await pilot.press("escape")
        await _settle(app, pilot)
    stored = {p.card_id: p for p in ui_repo.conversations.detail(record.id).picks}
    assert stored[first].notes == "Vagtplan og pauser"


async def test_picks_and_a_party_switch_typed_together_pick_for_the_party_meant(
    make_app, org, ui_repo, packs
) -> None:
    """ "enter → enter r → enter" arriving together: two cards for the leader, one for
    the manager. The pick used to read the party when its message was handled, after the
    switch typed behind it, and all three went to the manager (seen in tmux)."""
    from textual import events

    record, _content = _lus(ui_repo, packs, org.leader.id)
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        grid = pane.query_one(CardGrid)
        order = [tile.info.card_id for tile in grid.tiles]
        free = set(_free(grid))
        start = next(  # four free cards one after the other ("right" goes on to the next)
            i for i in range(len(order) - 3) if set(order[i : i + 4]) <= free
        )
        await _cursor_to(pilot, grid, order[start])
        keys = ["enter", "right", "enter", "r", "right", "enter", "r", "right", "enter", "p"]
        for key in keys:  # all queued before the first is answered
            app.post_message(events.Key(key, None))
        await pilot.pause(0.5)
        await _settle(app, pilot)
        app.saver.flush()
        assert _picked(ui_repo, record.id, "self") == {
            order[start], order[start + 1], order[start + 3]
        }  # fmt: skip
        assert _picked(ui_repo, record.id, "manager") == {order[start + 2]}
        assert pane.mode == PLAY  # p came after the picks that make the minimum


async def test_a_party_the_deck_gives_no_picks_is_told_so(ui_repo, db_file, org, tmp_path) -> None:
    """A deck where only the employee picks (manager: max 0) said "Lederen: 0 valgt, 0
    tilbage (skal vælge 0) ✓", a pick for the manager was refused with "Lederen har valgt
    det højeste antal kort (0)", and the preparation sheet told "Din leder: vælg 0 kort".
    The step and the refusal now say the manager picks no cards in this deck, and the
    sheet leaves the manager's line out."""
    from pipeline_tui.config import Settings
    from pipeline_tui.report.prep import prep_document
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services
    from pipeline_tui.tui.widgets.pick_status import PickStatus

    lang = "da"
    packs = _pack_with_deck(
        tmp_path, ("    manager: {min: 1, max: 2}\n", "    manager: {min: 0, max: 0}\n")
    )
    record = services.start_conversation(ui_repo, packs.default, org.employee.id, kind="mus")
    before = ui_repo.conversations.detail(record.id).picks
    app = PipelineApp(
        Services.ready_made(Settings(db=db_file, language=lang), ui_repo, packs), remember=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        if pane.mode != PICK:
            await pilot.press("p")
            await _settle(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        status = str(pane.query_one(PickStatus).render())
        assert "Lederen vælger ikke kort i dette kortspil" in status
        assert "skal vælge 0" not in status
        grid = pane.query_one(CardGrid)
        await _cursor_to(pilot, grid, _free(grid)[0])
        await pilot.press("enter")
        await _settle(app, pilot)
        assert "Lederen vælger ikke kort i dette kortspil" in _messages(app)
        assert not any("højeste antal" in message for message in _messages(app))
    assert ui_repo.conversations.detail(record.id).picks == before
    detail = ui_repo.conversations.detail(record.id)
    sheet = prep_document(org.employee, services.conversation_content(detail), "mus", lang)
    assert "vælg 0" not in repr(sheet)
    assert "Du: vælg 3–4 kort" in repr(sheet)


def _pack_with_deck(tmp_path, *changes: tuple[str, str]):
    """The default pack with its MUS deck's text changed (each `(old, new)` must be there)."""
    import shutil
    from pathlib import Path

    from pipeline_tui.packs.loader import load_packs

    shipped = Path(__file__).resolve().parents[2] / "content" / "default"
    pack_dir = Path(shutil.copytree(shipped, tmp_path / "packs" / "default"))
    deck = pack_dir / "decks" / "mus.yaml"
    text = deck.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    deck.write_text(text, encoding="utf-8")
    return load_packs(tmp_path / "packs")


async def test_an_empty_table_opens_on_the_deck(ui_repo, db_file, org, tmp_path) -> None:
    """A deck with no always-included cards where nobody has to pick opened the cards step
    on "Spil kortene" with nothing on the table, "⏎ Skriv noter" and "^n Talt om, næste"
    in the footer and a hint to press p. It now opens on the deck, to pick."""
    from pipeline_tui.config import Settings
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

    packs = _pack_with_deck(
        tmp_path,
        ("    self: {min: 3, max: 4}\n", "    self: {min: 0, max: 4}\n"),
        ("    manager: {min: 1, max: 2}\n", "    manager: {min: 0, max: 2}\n"),
        ("  always_included: [mus.looking_back, mus.wellbeing]\n", ""),
    )
    record = services.start_conversation(ui_repo, packs.default, org.employee.id, kind="mus")
    assert ui_repo.conversations.detail(record.id).picks == ()
    app = PipelineApp(
        Services.ready_made(Settings(db=db_file, language="da"), ui_repo, packs), remember=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        assert pane.mode == PICK
        assert app.focused is pane.query_one(CardGrid)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert len(ui_repo.conversations.detail(record.id).picks) == 1
        await pilot.press("p")
        await _settle(app, pilot)
        assert pane.mode == PLAY


async def test_a_party_free_to_pick_none_is_not_told_it_must(make_app, org, ui_repo, packs) -> None:
    """The status conversation's deck lets each party pick one card or none: the step said
    "Medarbejderen: 0 valgt, 1 tilbage (skal vælge op til 1)", a must and a may at once.
    It now says "(vælg op til 1)", as the preparation sheet does."""
    from pipeline_tui.tui.widgets.pick_status import PickStatus

    record = services.start_conversation(ui_repo, packs.default, org.employee.id, kind="status")
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        if pane.mode != PICK:
            await pilot.press("p")
            await _settle(app, pilot)
        status = str(pane.query_one(PickStatus).render())
        assert "Medarbejderen: 0 valgt, 1 tilbage (vælg op til 1)" in status
        assert "skal vælge" not in status


async def test_a_card_with_only_blank_lines_in_its_notes_can_be_put_back(
    make_app, org, ui_repo, packs
) -> None:
    """enter on a card in play opens its notes; a second enter put a blank line in them.
    Back at the deck the card then could not be put back ("Kortet har noter og kan ikke
    lægges tilbage") though nothing was written on it, and the store refused it too.
    Blank notes and agreements are now no notes: the card goes back."""
    record, content = _lus(ui_repo, packs, org.leader.id)
    free = [c.id for c in content.deck.cards if c.id not in content.deck.rules.always_included]
    blank = services.pick_card(ui_repo, content, record.id, free[0], "self")
    ui_repo.conversations.set_card_text(blank.id, "notes", "\n \n")
    ui_repo.conversations.set_card_text(blank.id, "agreements", "  ")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        if pane.mode == PLAY:
            await pilot.press("p")
            await _settle(app, pilot)
        if pane.session.rater != "self":
            await pilot.press("r")
        grid = pane.query_one(CardGrid)
        await _cursor_to(pilot, grid, free[0])
        await pilot.press("enter")
        await _settle(app, pilot)
        assert t("cards.has_notes") not in _messages(app)
        assert t("cards.not_saved") not in _messages(app)
    assert _picked(ui_repo, record.id, "self") == set()


async def test_a_card_whose_note_still_waits_is_not_put_back(
    org, packs, ui_repo, db_file, monkeypatch
) -> None:
    """Another program holds the write lock: the employee picks a card, a note is typed on
    it in play, and back at the deck enter is pressed on the card again. The note was not
    in the database yet, so the card was taken as one without notes and put back, and the
    note went with it. A note still on its way now counts as a note: the card stays, and
    when the lock goes the pick and its note are written."""
    import sqlite3

    from pilot_helpers import until

    from pipeline_tui.config import Settings
    from pipeline_tui.store import engine
    from pipeline_tui.store.repository import open_repository
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

    record, content = _lus(ui_repo, packs, org.leader.id)
    rules = content.deck.rules.picks
    free = [c.id for c in content.deck.cards if c.id not in content.deck.rules.always_included]
    for who in ("self", "manager"):  # enough on the table to play, the employee's one short
        for _ in range(rules[who].min - (who == "self")):
            services.pick_card(ui_repo, content, record.id, free.pop(), who)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # refused quickly, not after 15 s
    repo = open_repository(db_file)
    locker = sqlite3.connect(db_file, isolation_level=None)
    try:
        app = PipelineApp(
            Services.ready_made(Settings(db=db_file, language="da"), repo, packs), remember=False
        )
        async with app.run_test(size=(120, 40)) as pilot:
            app.animation_level = "none"
            pane = await _open_cards(app, pilot, record.id)
            if pane.mode == PLAY:
                await pilot.press("p")
            if app.screen.rater != "self":
                await pilot.press("r")
            grid = pane.query_one(CardGrid)
            card_id = free[0]
            locker.execute("BEGIN IMMEDIATE")
            await _cursor_to(pilot, grid, card_id)
            await pilot.press("enter", "p")
            assert pane.mode == PLAY
            while pane.selected != card_id:
                await pilot.press("down")
            await pilot.press("enter", *"Vigtig note")
            await pilot.pause(0.6)
            await pilot.press("escape", "p")
            assert pane.mode == PICK
            await _cursor_to(pilot, grid, card_id)
            await pilot.press("enter")
            await pilot.pause()
            assert t("cards.has_notes") in _messages(app)
            locker.execute("ROLLBACK")
            await until(pilot, lambda: app.save_state.saved, "everything to be saved", tries=600)
        stored = {p.card_id: p for p in ui_repo.conversations.detail(record.id).picks}
        assert card_id in stored
        assert stored[card_id].notes == "Vigtig note"
    finally:
        locker.close()
        repo.close()


async def test_after_the_employees_preparation_a_full_hand_says_how_to_pick_for_the_manager(
    make_app, org, ui_repo, packs
) -> None:
    """The employee picked all their cards through the preparation link. At the meeting the
    cards step opens on the deck with the employee as the one picking, and the manager's
    enter on a card only said "Medarbejderen har valgt det højeste antal kort (4)". It now
    says how to go on: switch with r to pick for the manager."""
    record = services.start_conversation(ui_repo, packs.default, org.employee.id, kind="mus")
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    deck = content.deck
    free = [c.id for c in deck.cards if c.id not in deck.rules.always_included]
    for card_id in free[: deck.rules.picks["self"].max]:
        services.pick_card(ui_repo, content, record.id, card_id, "self")
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        pane = await _open_cards(app, pilot, record.id)
        assert pane.mode == PICK and pane.session.rater == "self"
        grid = pane.query_one(CardGrid)
        extra = _free(grid)[0]
        await _cursor_to(pilot, grid, extra)
        await pilot.press("enter")
        await _settle(app, pilot)
        expected = (
            f"Medarbejderen har valgt det højeste antal kort ({deck.rules.picks['self'].max}). "
            "Skift vælger med r for at vælge for lederen."
        )
        assert expected in _messages(app)
        await pilot.press("r", "enter")
        await _settle(app, pilot)
    assert _picked(ui_repo, record.id, "manager") == {extra}
