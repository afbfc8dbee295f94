"""Expectations step: blind ratings by keyboard, the active rater always in sight, progress
counted, and the reveal that puts both parties' scores side by side with the gaps marked.

"On screen" is read from what the app actually draws (the compositor's lines), cut to
the expectation list; "rendered" is each widget's own output (the list's lines, the
texts beside it), so a score cannot hide in a part of the list that is scrolled away.
"""

from __future__ import annotations

import re

import pytest
from pilot_helpers import hanging_bullets, settle

from pipeline_tui import services
from pipeline_tui.core.profile import LARGE_GAP
from pipeline_tui.tui.i18n import party, party_short, t
from pipeline_tui.tui.steps.expectations import ExpectationsPane
from pipeline_tui.tui.widgets.expectation_list import ExpectationList
from pipeline_tui.tui.widgets.profile_bars import format_steps

SELF = "12"  # the employee only ever gives 1 or 2 ...
MANAGER = "54x50"  # ... the manager 4 or 5, or not observed (x and 0)
SIZE = (120, 40)  # every expectation of the layer fits on the list at once


def on_screen(app, widget) -> str:
    """The characters the app has drawn inside `widget`'s region."""
    strips = app.screen._compositor.render_strips()
    region = widget.region
    return "\n".join(strips[y].crop(region.x, region.right).text for y in range(*region.line_span))


def row(listing: ExpectationList, expectation_id: str):
    """The list's own rendering of one expectation: (title, self, manager, gap segment)."""
    index = next(
        i
        for i, entry in enumerate(listing.entries)
        if entry.expectation and entry.expectation.id == expectation_id
    )
    line = index + 1 - listing.scroll_offset.y
    assert 1 <= line < listing.size.height, "the row is in view"
    segments = [s for s in listing.render_line(line) if s.text]
    title, own, boss, gap = segments[:4]
    return title.text, own.text.strip(), boss.text.strip(), gap


def side_texts(pane: ExpectationsPane) -> str:
    """Everything the pane shows beside the list (rater, progress, detail, scale)."""
    return "\n".join(str(static.render()) for static in pane.query("Static"))


async def open_expectations(app, pilot, ui_repo, packs, person_id: int):
    record = services.start_conversation(ui_repo, packs.default, person_id)
    ui_repo.conversations.update(record.id, step="expectations")
    await pilot.pause()
    app.open_conversation(record.id)
    await settle(app, pilot)
    pane = app.screen.query_one(ExpectationsPane)
    listing = pane.query_one(ExpectationList)
    assert listing.has_focus
    return record.id, pane, listing


def shows_count(app, pane, mine: int, theirs: int, total: int) -> bool:
    boss = party_short(pane.detail.conversation.kind, "manager")  # "Lederens leder" in a LUS
    progress = t("exp.progress", self=mine, manager=theirs, total=total, boss=boss)
    return progress in on_screen(app, pane.query_one("#exp-progress"))


def digits(text: str) -> set[str]:
    return set(re.findall(r"\d", text))


def expected(pattern: str, index: int) -> tuple[int | None, bool]:
    key = pattern[index % len(pattern)]
    return (None, True) if key in "0x" else (int(key), False)


async def test_ratings_are_blind_until_revealed(make_app, org, ui_repo, packs) -> None:
    """Neither party sees the other's scores until v, which shows both with the gaps marked."""
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        conversation_id, pane, listing = await open_expectations(
            app, pilot, ui_repo, packs, org.leader.id
        )
        ids = listing.expectation_ids()
        total = len(ids)
        assert total >= 10
        assert not digits(on_screen(app, listing)), "no score on the list before anyone rates"

        # The employee has rated everything (1 or 2; by keyboard in the test below) ...
        for index, expectation_id in enumerate(ids):
            score = int(SELF[index % len(SELF)])
            ui_repo.conversations.set_rating(conversation_id, expectation_id, "self", score=score)
        screen = app.screen
        screen.reload()
        await settle(app, pilot)
        assert shows_count(app, pane, total, 0, total)
        # ... and the manager rates everything (4, 5 or not observed), blind to the employee.
        await pilot.press("r", "home")
        await settle(app, pilot)
        assert party("lus", "manager") in on_screen(app, pane.query_one("#exp-rater"))
        await pilot.press(*(MANAGER[index % len(MANAGER)] for index in range(total)))
        await settle(app, pilot)
        await pilot.press("home")
        await pilot.pause()
        shown = on_screen(app, listing)
        assert not digits(shown) & set("12"), "the employee's scores are not on screen"
        for index, expectation_id in enumerate(ids):
            _title, own, boss, _gap = row(listing, expectation_id)
            assert own == "•", "the employee's column only says that they rated"
            score, _ = expected(MANAGER, index)
            assert boss == f"[{score if score is not None else '–'}]"
        assert f"{party('lus', 'self')}:" not in side_texts(pane)

        # Back to the employee: now the manager's scores are the hidden ones.
        await pilot.press("r", "home")
        await settle(app, pilot)
        assert party("lus", "self") in on_screen(app, pane.query_one("#exp-rater"))
        shown = on_screen(app, listing)
        assert not digits(shown) & set("45"), "the manager's scores are not on screen"
        assert "–" not in shown, "nor which ones the manager could not observe"
        for index, expectation_id in enumerate(ids):
            _title, own, boss, gap = row(listing, expectation_id)
            assert own == f"[{SELF[index % len(SELF)]}]"
            assert boss == "•"
            assert not gap.text.strip(), "no gap is shown while blind"
        assert f"{party('lus', 'manager')}:" not in side_texts(pane)
        assert not ui_repo.conversations.get(conversation_id).revealed

        # v: both side by side, the gaps marked, the large ones stand out.
        await pilot.press("v")
        await settle(app, pilot)
        assert ui_repo.conversations.get(conversation_id).revealed
        shown = on_screen(app, listing)
        assert digits(shown) >= set("1245")
        large = 0
        for index, expectation_id in enumerate(ids):
            _title, own, boss, gap = row(listing, expectation_id)
            mine = int(SELF[index % len(SELF)])
            theirs, not_observed = expected(MANAGER, index)
            assert own == f"[{mine}]"
            assert boss == ("–" if not_observed else str(theirs))
            if theirs is None:
                assert not gap.text.strip()
                continue
            assert gap.text.strip() == format_steps(mine - theirs)  # "−4", not "-4"
            if abs(mine - theirs) >= LARGE_GAP and listing.current.id != expectation_id:
                large += 1
                assert gap.style.bold, "a large gap is marked"
        assert large
        first_manager, _ = expected(MANAGER, 0)
        assert f"{party('lus', 'manager')}: {first_manager}" in side_texts(pane)

        # v again hides them (and says so in the database).
        await pilot.press("v")
        await settle(app, pilot)
        assert not ui_repo.conversations.get(conversation_id).revealed
        assert not digits(on_screen(app, listing)) & set("45")

    ratings = ui_repo.conversations.detail(conversation_id).ratings
    by = {(r.expectation_id, r.rater): r for r in ratings}
    for index, expectation_id in enumerate(ids):
        assert by[(expectation_id, "self")].score == int(SELF[index % len(SELF)])
        score, not_observed = expected(MANAGER, index)
        manager = by[(expectation_id, "manager")]
        assert (manager.score, manager.not_observed) == (score, not_observed)


async def test_digits_rate_and_progress_counts(make_app, org, ui_repo, packs) -> None:
    """Digits rate and move on, 0/x mark not observed, and rated/total follows every key."""
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        conversation_id, pane, listing = await open_expectations(
            app, pilot, ui_repo, packs, org.employee.id
        )
        ids = listing.expectation_ids()
        total = len(ids)
        rater = pane.query_one("#exp-rater")

        def shows(mine: int, theirs: int) -> bool:
            return shows_count(app, pane, mine, theirs, total)

        assert shows(0, 0)
        assert party("mus", "self") in on_screen(app, rater)
        await pilot.press("3")
        assert listing.current.id == ids[1], "a rating moves on to the next expectation"
        await pilot.press("7", "9")  # off the 1-5 scale: nothing happens
        assert listing.current.id == ids[1]
        await pilot.press("0", "x")
        await settle(app, pilot)
        assert shows(3, 0)
        # The whole list rated: the rater and the count are still in sight at the bottom.
        await pilot.press(*"5" * (total - 3))
        await settle(app, pilot)
        assert listing.current.id == ids[-1]
        assert listing.scroll_offset.y > 0, "the list scrolled along"
        assert shows(total, 0)
        assert party("mus", "self") in on_screen(app, rater)
        # One key switches the rater; the screen says who rates now, and counts them.
        await pilot.press("r")
        await settle(app, pilot)
        assert party("mus", "manager") in on_screen(app, rater)
        await pilot.press("home", "4", "x")
        await settle(app, pilot)
        assert shows(total, 2)
        assert "(r)" in on_screen(app, rater)

    by = {
        (r.expectation_id, r.rater): r
        for r in ui_repo.conversations.detail(conversation_id).ratings
    }
    assert (by[(ids[0], "self")].score, by[(ids[0], "self")].not_observed) == (3, False)
    for expectation_id in ids[1:3]:
        assert (by[(expectation_id, "self")].score, by[(expectation_id, "self")].not_observed) == (
            None,
            True,
        )
    assert all(by[(e, "self")].score == 5 for e in ids[3:])
    assert by[(ids[0], "manager")].score == 4
    assert by[(ids[1], "manager")].not_observed
    assert sum(1 for (_e, rater) in by if rater == "manager") == 2


async def test_a_comment_undo_stays_with_its_expectation(make_app, org, ui_repo, packs) -> None:
    """Undo in an expectation's comment never brings back what was typed for another one
    (the empty comment box is reused between expectations without reloading it)."""
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        conversation_id, _pane, listing = await open_expectations(
            app, pilot, ui_repo, packs, org.leader.id
        )
        first = listing.current
        await pilot.press("c", *"draft", *["backspace"] * 5)
        comment = app.screen.focused
        assert comment.text == ""
        listing.focus()
        await pilot.press("down")
        second = listing.current
        assert second is not None and second.id != first.id
        await pilot.press("c", "ctrl+z")
        await settle(app, pilot)
        assert comment.text == ""
        ratings = ui_repo.conversations.detail(conversation_id).ratings
        assert not [r for r in ratings if r.comment]

        # Typing there still saves for the second expectation, and only there.
        await pilot.press(*"Good")
        listing.focus()
        await settle(app, pilot)
        saved = {
            r.expectation_id: r.comment
            for r in ui_repo.conversations.detail(conversation_id).ratings
            if r.comment
        }
        assert saved == {second.id: "Good"}


def type_ahead(app, keys: str) -> None:
    """Keys that arrive together, before the app has handled the first (a fast typist, a
    paste into the terminal, a loaded machine): all queued at once, nothing awaited between."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key))


async def test_a_comment_typed_right_after_c_is_all_in_the_comment(
    make_app, org, ui_repo, packs
) -> None:
    """`c` then the comment with no pause: every letter lands in the comment, none is taken
    as a command by the list (the `r` of "gør" switched the party and the comment was lost:
    seen in tmux on a loaded machine)."""
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        conversation_id, pane, listing = await open_expectations(
            app, pilot, ui_repo, packs, org.leader.id
        )
        expectation = listing.current
        type_ahead(app, "cJeg gør det 5 gange")
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert app.screen.rater == "self"
        comment = pane.query_one("#exp-comment")
        assert comment.text == "Jeg gør det 5 gange"
        await pilot.press("escape")
        await settle(app, pilot)
        stored = ui_repo.conversations.detail(conversation_id).rating(expectation.id, "self")
        assert stored is not None and stored.comment == "Jeg gør det 5 gange"
        assert stored.score is None  # the 5 was text, not a rating


async def test_ratings_a_comment_and_more_ratings_in_one_burst_are_all_kept(
    make_app, org, ui_repo, packs
) -> None:
    """ "4 3 5 c Godt år escape 2" arriving together: three ratings, the comment on the
    fourth expectation, and the fourth rated 2. `c` used to open the comment before the
    ratings' digits (bindings, run when they reach the app) were answered, and they were
    then lost; a digit after escape went into the comment."""
    from textual import events

    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        conversation_id, _pane, listing = await open_expectations(
            app, pilot, ui_repo, packs, org.leader.id
        )
        order = listing.expectation_ids()
        keys = [("4", "4"), ("3", "3"), ("5", "5"), ("c", "c")]
        keys += [(c, c) for c in "Godt år"] + [("escape", None), ("2", "2")]
        keys += [("r", "r"), ("3", "3"), ("1", "1")]  # the manager rates the next two
        for key, character in keys:  # all queued before the first is answered
            app.post_message(events.Key(key, character))
        await pilot.pause(0.5)
        await settle(app, pilot)
        app.saver.flush()
        detail = ui_repo.conversations.detail(conversation_id)
        own = {r.expectation_id: (r.score, r.comment) for r in detail.ratings if r.rater == "self"}
        assert [own.get(i) for i in order[:5]] == [
            (4, ""), (3, ""), (5, ""), (2, "Godt år"), None
        ]  # fmt: skip
        boss = {r.expectation_id: r.score for r in detail.ratings if r.rater == "manager"}
        assert boss == {order[4]: 3, order[5]: 1}  # the switch came before the digits


async def test_enter_in_the_comment_is_a_new_line(make_app, org, ui_repo, packs) -> None:
    """The comment answers its keys itself (type_ahead.KeysInOrder) and enter stays a new
    line there, not a binding of the step."""
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        conversation_id, _pane, listing = await open_expectations(
            app, pilot, ui_repo, packs, org.leader.id
        )
        expectation = listing.current
        await pilot.press("c", "O", "n", "e", "enter", "T", "w", "o", "escape")
        await settle(app, pilot)
        app.saver.flush()
        stored = ui_repo.conversations.detail(conversation_id).rating(expectation.id, "self")
        assert stored is not None and stored.comment == "One\nTwo"
        assert listing.has_focus


def footer_says(app) -> list[str]:
    from textual.widgets import Footer

    return [key.description for key in app.screen.query_one(Footer).query("FooterKey")]


async def test_the_footer_offers_only_what_the_keys_do_now(make_app, org, ui_repo, packs) -> None:
    """Once both were shown the footer still said "v Reveal both" (v hides them); on a
    signed conversation it offered "1–5 Rate", "v Reveal both" and "c Comment", which did
    nothing. Now v is named for what it does, and a signed conversation offers neither."""
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        conversation_id, pane, _listing = await open_expectations(
            app, pilot, ui_repo, packs, org.employee.id
        )
        said = footer_says(app)
        assert t("key.conv.reveal") in said and t("key.conv.hide") not in said
        assert t("key.conv.rate") in said and t("key.conv.comment") in said
        await pilot.press("v")
        await settle(app, pilot)
        assert ui_repo.conversations.get(conversation_id).revealed
        said = footer_says(app)
        assert t("key.conv.hide") in said and t("key.conv.reveal") not in said
        await pilot.press("v")
        await settle(app, pilot)
        assert not ui_repo.conversations.get(conversation_id).revealed
        assert t("key.conv.reveal") in footer_says(app)

        # Signed (here by both, from elsewhere): the step is read-only, and says only so.
        ui_repo.plans.sign(conversation_id, "person")
        ui_repo.plans.sign(conversation_id, "conductor")
        app.screen.reload()
        await settle(app, pilot)
        assert pane.readonly
        said = footer_says(app)
        for key in ("key.conv.rate", "key.conv.reveal", "key.conv.hide", "key.conv.comment"):
            assert t(key) not in said, (key, said)
        await pilot.press("v", "4")
        await settle(app, pilot)
        detail = ui_repo.conversations.detail(conversation_id)
        assert not detail.conversation.revealed and not detail.ratings


@pytest.mark.parametrize(("lang", "size"), [("da", (80, 24)), ("en", (120, 40))])
async def test_a_wrapped_indicator_hangs_under_its_text(
    make_app, org, ui_repo, packs, lang, size
) -> None:
    """The detail beside the list drew an indicator's second line under the bullet
    ("• Holder korte 1:1-samtaler med hver" / "medarbejder ..."); each wrapped line now
    starts under the text, as in the role panel (F2), at 80 columns and wider."""
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        _id, pane, listing = await open_expectations(app, pilot, ui_repo, packs, org.leader.id)
        content = pane.content
        bullets = {i.get(lang) for e in content.expectations for i in e.indicators}
        detail = pane.query_one("#exp-detail")
        seen = 0
        for _ in listing.expectation_ids():
            for _ in range(10):  # the whole detail, however long
                seen += hanging_bullets(app, bullets, detail)
                if detail.scroll_y >= detail.max_scroll_y:
                    break
                detail.scroll_relative(y=size[1] // 2, animate=False)
                await settle(app, pilot)
            detail.scroll_home(animate=False)
            await pilot.press("down")
            await settle(app, pilot)
        assert seen > 3, "hardly an indicator wrapped: the test saw nothing"


async def test_a_comment_given_with_no_rating_is_shown_when_revealed(
    make_app, org, ui_repo, packs
) -> None:
    """An employee preparing by their link wrote a comment by an expectation they gave no
    score: revealed, the manager's side showed the other party's comment only beside a
    score, so this one was never shown to the manager at the conversation. It is shown,
    under the party's name, as a rated one's is."""
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        conversation_id, pane, listing = await open_expectations(
            app, pilot, ui_repo, packs, org.leader.id
        )
        first, second = listing.expectation_ids()[:2]
        said = "Jeg ved ikke, hvad jeg skal give mig selv her"
        ui_repo.conversations.set_rating_comment(conversation_id, first, "self", said)
        ui_repo.conversations.set_rating(conversation_id, second, "self", score=3)
        ui_repo.conversations.set_rating_comment(conversation_id, second, "self", "Godt år")
        app.screen.reload()
        await settle(app, pilot)
        await pilot.press("r", "home", "v")  # the manager, at the first one, reveals
        await settle(app, pilot)
        assert ui_repo.conversations.get(conversation_id).revealed
        shown = side_texts(pane)
        assert f"{party('lus', 'self')}:\n{said}" in shown
        await pilot.press("down")
        await settle(app, pilot)
        assert f"{party('lus', 'self')}: 3\nGodt år" in side_texts(pane)
