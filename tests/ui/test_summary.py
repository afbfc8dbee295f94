"""Summary: the profile per dimension, the largest gap, last year's plan reviewed by keyboard."""

from __future__ import annotations

from datetime import date
from statistics import mean

import pytest
from pilot_helpers import settle as _settle
from textual.widgets import OptionList, Static

from pipeline_tui import services
from pipeline_tui.tui.steps.summary import SummaryPane
from pipeline_tui.tui.widgets.profile_bars import ProfileBars

EARLIER = date(2025, 11, 10)


def _conversation(ui_repo, packs, person_id: int, **kwargs):
    return services.start_conversation(ui_repo, packs.default, person_id, **kwargs)


def _sign(ui_repo, conversation_id: int) -> None:
    """Both sign the earlier plan: a follow-up reviews a concluded plan, not a draft."""
    ui_repo.plans.sign(conversation_id, "person")
    ui_repo.plans.sign(conversation_id, "conductor")


async def _open(app, pilot, conversation_id: int) -> SummaryPane:
    await pilot.pause()
    app.open_conversation(conversation_id)
    await _settle(app, pilot)
    return app.screen.query_one(SummaryPane)


async def test_profile_means_and_largest_gap(make_app, org, ui_repo, packs) -> None:
    record = _conversation(ui_repo, packs, org.leader.id)
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    expectations = content.ordered_expectations()
    own = {e.id: 3 + (i % 2) for i, e in enumerate(expectations)}  # 3, 4, 3, 4 ...
    boss = {e.id: 3 for e in expectations}
    widest = expectations[-1]
    own[widest.id], boss[widest.id] = 5, 2
    for e in expectations:
        ui_repo.conversations.set_rating(record.id, e.id, "self", score=own[e.id])
        ui_repo.conversations.set_rating(record.id, e.id, "manager", score=boss[e.id])
    ui_repo.conversations.update(record.id, revealed=True, step="summary")

    app = make_app("en")
    async with app.run_test() as pilot:
        pane = await _open(app, pilot, record.id)
        bars = pane.query_one(ProfileBars)
        shown = {row.dimension_id: (row.self_mean, row.manager_mean) for row in bars.rows}
        for dimension, items in content.by_dimension():
            assert shown[dimension.id] == (
                mean(own[e.id] for e in items),
                mean(boss[e.id] for e in items),
            )
        assert bars.maximum == max(content.scale_values)
        gaps = str(pane.query_one("#summary-gaps", Static).content).splitlines()
        assert "The leader rates higher:" in gaps[0]
        assert "+3" in gaps[1]
        assert widest.title.get("en") in gaps[1]
        # The leader rates themself 4 and 5, their manager 3 everywhere: no strength, as
        # the manager's rating counts where given; the empty list says so, not "none is
        # rated 4 or higher" beside the leader's own fours.
        assert str(pane.query_one("#summary-strengths", Static).content) == (
            "[dim]No expectation is rated above 3. "
            "The rating of the leader's manager counts where given.[/dim]"
        )


async def test_no_ratings_yet(make_app, org, ui_repo, packs) -> None:
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")
    app = make_app("en")
    async with app.run_test() as pilot:
        pane = await _open(app, pilot, record.id)
        assert "No ratings yet" in str(pane.query_one("#summary-empty", Static).content)
        assert not pane.query_one("#summary-rated").display
        assert "no earlier" in str(pane.query_one("#summary-previous-head", Static).content)


async def test_review_and_carry_an_earlier_goal(make_app, org, ui_repo, packs) -> None:
    earlier = _conversation(ui_repo, packs, org.leader.id, held_on=EARLIER)
    goal = ui_repo.plans.add_goal(earlier.id, "Hold monthly one-to-ones")
    ui_repo.plans.add_action(goal.id, "Book the dates", owner="Anna")
    ui_repo.plans.add_goal(earlier.id, "Delegate the rota")
    _sign(ui_repo, earlier.id)
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app("en")
    async with app.run_test() as pilot:
        pane = await _open(app, pilot, record.id)
        assert pane.query_one(OptionList).has_focus  # the step opens on the goals
        await pilot.press("p")
        await pilot.press("tab", *"ok", "shift+tab")
        await _settle(app, pilot)
        reviewed = ui_repo.plans.goal(goal.id)
        assert (reviewed.status, reviewed.review_note) == ("partly", "ok")
        assert reviewed.reviewed_in_id == record.id

        await pilot.press("c")
        await _settle(app, pilot)
        await pilot.press("c")  # a second carry is refused
        await _settle(app, pilot)
        carried = [g for g in ui_repo.plans.get(record.id).goals if g.carried_from_id == goal.id]
        assert len(carried) == 1
        assert carried[0].title == "Hold monthly one-to-ones"
        assert [a.description for a in carried[0].actions] == ["Book the dates"]


async def test_review_keys_work_as_the_step_opens(make_app, org, ui_repo, packs) -> None:
    """d / p / n / c act on the highlighted goal at once, no tab first (issue 13, item 6):
    the step opens with the goal list focused, the page shown from its top; in the review
    note they are letters (and on the page nothing: tests/ui/test_summary_focus.py)."""
    earlier = _conversation(ui_repo, packs, org.leader.id, held_on=EARLIER)
    first = ui_repo.plans.add_goal(earlier.id, "Hold monthly one-to-ones")
    second = ui_repo.plans.add_goal(earlier.id, "Delegate the rota")
    _sign(ui_repo, earlier.id)
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        assert pane.query_one(OptionList).has_focus
        assert pane.query_one("#summary-page").scroll_y == 0  # the profile in sight, first
        await pilot.press("d")
        await _settle(app, pilot)
        assert ui_repo.plans.goal(first.id).status == "done"

        await pilot.press("down", "n", "c")
        await _settle(app, pilot)
        assert ui_repo.plans.goal(second.id).status == "not_done"
        goals = ui_repo.plans.get(record.id).goals
        assert [g.carried_from_id for g in goals] == [second.id]

        pane.query_one("#summary-note").focus()
        await pilot.press(*"dpn")
        await _settle(app, pilot)
        assert ui_repo.plans.goal(second.id).review_note == "dpn"
        assert ui_repo.plans.goal(second.id).status == "not_done"


async def test_a_manager_above_self_is_among_the_largest_gaps(make_app, org, ui_repo, packs):
    """Many gaps where the person rates higher still leave room for the other way, labelled
    with who rates higher (issue 13, item 9)."""
    record = _conversation(ui_repo, packs, org.leader.id)
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    expectations = content.ordered_expectations()
    below = expectations[-1]
    for e in expectations:
        own, boss = (2, 4) if e.id == below.id else (5, 2)
        ui_repo.conversations.set_rating(record.id, e.id, "self", score=own)
        ui_repo.conversations.set_rating(record.id, e.id, "manager", score=boss)
    ui_repo.conversations.update(record.id, revealed=True, step="summary")

    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot, record.id)
        text = str(pane.query_one("#summary-gaps", Static).content)
        assert "Lederens leder vurderer højest:" in text
        after = text.split("Lederens leder vurderer højest:")[1]
        # the minus sign of the profile's "−0,5" above, not a hyphen ("-2" under "−0,5")
        assert "−2" in after and below.title.get("da") in after
        assert "-2" not in text and "-3" not in text

        # the expectations' gap column the same
        app.screen.action_goto("expectations")
        await _settle(app, pilot)
        from pilot_helpers import screen_text

        shown = screen_text(app)
        assert "+3" in shown and "−2" in shown and "-2" not in shown


async def test_a_goal_not_yet_followed_up_says_so(make_app, org, ui_repo, packs) -> None:
    """Last year's goals before they are reviewed read "Not reviewed", not "Not started"
    (the goal's own status, read as what the follow-up found), then what was found."""
    earlier = _conversation(ui_repo, packs, org.leader.id, held_on=EARLIER)
    ui_repo.plans.add_goal(earlier.id, "Delegate the rota")
    _sign(ui_repo, earlier.id)
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app("en")
    async with app.run_test() as pilot:
        pane = await _open(app, pilot, record.id)
        options = pane.query_one(OptionList)
        prompt = str(options.get_option_at_index(0).prompt)
        assert "Not reviewed" in prompt and "Not started" not in prompt
        await pilot.press("3")
        await _settle(app, pilot)
        assert "Not done" in str(options.get_option_at_index(0).prompt)


async def test_a_goal_not_yet_followed_up_reads_as_on_the_printed_plan(
    make_app, org, ui_repo, packs
) -> None:
    """In Danish a goal of last year's plan not yet followed up read "Ikke vurderet" on the
    screen (the word of the ratings) and "Ikke gennemgået" on the printed plan; both now
    say "Ikke gennemgået"."""
    from pipeline_tui.report.plan import plan_document
    from pipeline_tui.report.text import render_text

    earlier = _conversation(ui_repo, packs, org.leader.id, held_on=EARLIER)
    ui_repo.plans.add_goal(earlier.id, "Delegate the rota")
    _sign(ui_repo, earlier.id)
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot, record.id)
        prompt = str(pane.query_one(OptionList).get_option_at_index(0).prompt)
    printed = render_text(plan_document(services.plan_input(ui_repo, record.id), "da"), width=120)
    assert "Ikke gennemgået" in printed
    assert "Ikke gennemgået" in prompt and "vurderet" not in prompt, prompt


async def test_an_unsigned_plan_is_not_followed_up_as_the_last_plan(
    make_app, org, ui_repo, packs
) -> None:
    """A plan never signed (here a conversation left in progress) was reviewed as "the last
    plan", under the same heading as a signed one. The follow-up reviews the latest signed
    or completed plan and says which unsigned plan it passed over; with none, it says that."""
    older = _conversation(ui_repo, packs, org.leader.id, held_on=date(2024, 11, 4))
    ui_repo.plans.add_goal(older.id, "Hold monthly one-to-ones")
    _sign(ui_repo, older.id)
    unsigned = _conversation(ui_repo, packs, org.leader.id, held_on=EARLIER)
    ui_repo.plans.add_goal(unsigned.id, "Never agreed")
    ui_repo.conversations.set_status(unsigned.id, "in_progress")
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot, record.id)
        head = " ".join(str(pane.query_one("#summary-previous-head", Static).content).split())
        assert head.startswith("From the LUS of 4 Nov 2024")
        assert (
            "The plan from the conversation of 10 Nov 2025 (LUS) was neither completed "
            "nor signed, "
            "so its goals are not followed up here." in head
        )
        options = pane.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 1 and "Hold monthly one-to-ones" in prompts[0]

    # Only an unsigned plan (a draft made ahead of a conversation never held): nothing to
    # review, and it says why.
    draft = _conversation(ui_repo, packs, org.employee.id, held_on=EARLIER)
    ui_repo.plans.add_goal(draft.id, "Never agreed")
    later = _conversation(ui_repo, packs, org.employee.id)
    ui_repo.conversations.update(later.id, step="summary")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot, later.id)
        head = " ".join(str(pane.query_one("#summary-previous-head", Static).content).split())
        assert head == (
            "Der er ingen underskrevet eller afsluttet udviklingsplan at følge op på. "
            "Planen fra samtalen 10.11.2025 (MUS) blev hverken afsluttet eller underskrevet, "
            "så dens mål følges ikke op her."
        )
        assert not pane.query_one("#summary-review").display


async def test_a_completed_plan_not_signed_is_followed_up_and_the_passed_over_reason_says_so(
    make_app, org, ui_repo, packs
) -> None:
    """A year on: last year's MUS was completed but its plan never signed, and a status
    conversation after it was left in progress. The completed plan is the one followed up,
    and the one passed over was said to be passed over because it "is not signed", which
    the plan being reviewed is not either: it was never completed."""
    completed = _conversation(ui_repo, packs, org.employee.id, held_on=date(2025, 6, 2))
    ui_repo.plans.add_goal(completed.id, "Take the hygiene course")
    ui_repo.conversations.set_status(completed.id, "completed")
    left = _conversation(ui_repo, packs, org.employee.id, held_on=EARLIER)
    ui_repo.plans.add_goal(left.id, "Never agreed")
    ui_repo.conversations.set_status(left.id, "in_progress")
    record = _conversation(ui_repo, packs, org.employee.id)
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot, record.id)
        head = " ".join(str(pane.query_one("#summary-previous-head", Static).content).split())
        assert head.startswith("Fra MUS-samtalen 02.06.2025")
        assert (
            "Planen fra samtalen 10.11.2025 (MUS) blev hverken afsluttet eller underskrevet" in head
        )
        options = pane.query_one(OptionList)
        assert options.option_count == 1
        assert "Take the hygiene course" in str(options.get_option_at_index(0).prompt)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("da", "1 = nået · 2 = delvist · 3 = ikke nået · c = tag med i ny plan"),
        ("en", "1 (d) = done · 2 (p) = partly · 3 (n) = not done · c = carry into the new plan"),
    ],
)
async def test_the_review_keys_do_not_read_as_a_count_of_goals(
    make_app, org, ui_repo, packs, lang, said
) -> None:
    """Above last year's three goals the keys read "1 nået · 2 delvist · 3 ikke nået", a
    tally at first sight (one reached, two partly, three not) of a plan of three goals."""
    earlier = _conversation(ui_repo, packs, org.leader.id, held_on=EARLIER)
    for title in ("Delegate the rota", "Hold monthly one-to-ones", "Ask for feedback"):
        ui_repo.plans.add_goal(earlier.id, title)
    _sign(ui_repo, earlier.id)
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot, record.id)
        head = " ".join(str(pane.query_one("#summary-previous-head", Static).content).split())
        assert head.endswith(said), head


async def test_the_themes_name_every_card_talked_about(make_app, org, ui_repo, packs) -> None:
    """Four cards marked as talked about (ctrl+n), notes on one: "Themes you talked about"
    listed only the one written on."""
    record = _conversation(ui_repo, packs, org.employee.id, kind="mus")
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    rules = content.deck.rules
    cards = [c for c in content.deck.cards if c.id not in rules.always_included][:3]
    for number, card in enumerate(cards):
        pick = ui_repo.conversations.pick_card(record.id, card.id, "self")
        ui_repo.conversations.set_card_played(pick.id)
        if number == 0:
            ui_repo.conversations.set_card_text(pick.id, "notes", "Vagtplanen i juli")
    ui_repo.conversations.update(record.id, step="summary")

    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await _open(app, pilot, record.id)
        themes = str(pane.query_one("#summary-themes", Static).content)
        for card in cards:
            assert card.title.get("en") in themes, themes


async def test_the_kind_reads_as_a_word_inside_the_sentence(make_app, org, ui_repo, packs) -> None:
    """The follow-up line named the earlier conversation with a capital mid-sentence ("From
    the Leadership evaluation of …", "Fra Lederevaluering …"): in the sentence it is lower
    case (Danish in the definite form), and MUS/LUS stay upper case."""
    earlier = _conversation(ui_repo, packs, org.leader.id, kind="evaluation", held_on=EARLIER)
    ui_repo.plans.add_goal(earlier.id, "Hold monthly one-to-ones")
    _sign(ui_repo, earlier.id)
    record = _conversation(ui_repo, packs, org.leader.id)
    ui_repo.conversations.update(record.id, step="summary")
    expected = {
        "en": "From the leadership evaluation of 10 Nov 2025",
        "da": "Fra lederevalueringen 10.11.2025",
    }
    for lang, start in expected.items():
        app = make_app(lang)
        async with app.run_test(size=(120, 40)) as pilot:
            pane = await _open(app, pilot, record.id)
            head = " ".join(str(pane.query_one("#summary-previous-head", Static).content).split())
            assert head.startswith(start), head


async def test_the_gap_compares_the_expectations_both_rated(make_app, org, ui_repo, packs) -> None:
    """The employee scored 2 of a dimension's 4 expectations (3 and 3), the leader all 4
    (4, 4, 3, 3): the bars said 'Selv 3,0 / Leder 3,5' and a gap of −0,5, where on the two
    both scored the leader's mean is 4,0 and the gap −1,0. The gap is now over those two,
    marked *, and a line under the bars says so; the means stay each one's own."""
    from pilot_helpers import until

    record = services.start_conversation(ui_repo, packs.default, org.employee.id)
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    dimension, items = next((d, i) for d, i in content.by_dimension() if len(i) == 4)
    for expectation, score in zip(items, (4, 4, 3, 3), strict=True):
        ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=score)
    for expectation in items[:2]:
        ui_repo.conversations.set_rating(record.id, expectation.id, "self", score=3)
    ui_repo.conversations.update(record.id, revealed=True, step="summary")
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.open_conversation(record.id)
        await until(pilot, lambda: bool(app.screen.query(SummaryPane)), "the summary")
        await _settle(app, pilot)
        drawn = str(app.screen.query_one(SummaryPane).query_one(ProfileBars).render())
        block = " ".join(drawn[drawn.index(dimension.name.get("da")) :].split("\n")[:3]).split()
        assert "3,5" in block and "3,0" in block, block  # the means: each one's own
        assert "−1,0*" in block and "−0,5" not in block, block
        assert "Forskellen er regnet over de forventninger, som begge har vurderet" in " ".join(
            drawn.split()
        )


async def test_a_long_agreement_goes_on_under_its_own_beginning(
    make_app, org, ui_repo, packs
) -> None:
    """An agreement longer than the width went on at the edge of the page, under the
    card's bullet, as if it were a line of its own; an empty line in it stays."""
    record = _conversation(ui_repo, packs, org.employee.id, kind="mus")
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    card = next(c for c in content.deck.cards if c.id not in content.deck.rules.always_included)
    pick = ui_repo.conversations.pick_card(record.id, card.id, "self")
    long = (
        "Ahmed tager ansvar for oplæringen af de to nye studerende i foråret, og vi taler "
        "om, hvordan det går, ved hver anden ugentlige samtale frem til sommerferien"
    )
    ui_repo.conversations.set_card_text(pick.id, "agreements", f"Kort aftale\n\n{long}")
    ui_repo.conversations.update(record.id, step="summary")
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await _open(app, pilot, record.id)
        themes = pane.query_one("#summary-themes", Static)
        themes.scroll_visible(animate=False)
        await _settle(app, pilot)
        region = themes.content_region
        strips = app.screen._compositor.render_strips()[region.y : region.bottom]
        lines = [strip.text[region.x : region.right].rstrip() for strip in strips]
        start = next(n for n, line in enumerate(lines) if "Kort aftale" in line)
        assert lines[start] == "  Kort aftale" and lines[start + 1] == ""
        agreed = lines[start + 2 :]
        assert agreed[0].startswith("  Ahmed tager ansvar") and agreed[1].startswith("  "), lines
        assert " ".join(" ".join(agreed[:3]).split()).startswith(long)
