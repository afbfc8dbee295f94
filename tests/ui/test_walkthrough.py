"""A whole conversation from the people list to two signatures, by keyboard only,
then every answer checked in the database (a LUS with a leader, a MUS with an employee)."""

from __future__ import annotations

from datetime import date

from pilot_helpers import paste, settle, tab_to

from pipeline_tui import services
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.screens.home import HomeScreen


async def walk(app, pilot, repo, person_name: str, *, self_scores, manager_scores) -> int:
    """Hold the conversation with the highlighted person; returns its id."""
    home = app.screen
    assert isinstance(home, HomeScreen)
    while home.query_one("PeopleTable").current.name != person_name:
        await pilot.press("down")
    await pilot.press("ctrl+n")  # new conversation: a dialog first
    await settle(app, pilot)
    await pilot.press("enter")  # start it as proposed
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ConversationScreen)
    conversation_id = screen.conversation_id

    # 2. Expectations: the person rates first, then the manager, blind; then reveal.
    await pilot.press("ctrl+right")
    await settle(app, pilot)
    total = len(screen.content.expectations)
    for index in range(total):
        await pilot.press(self_scores[index % len(self_scores)])
    await pilot.press("c")
    await paste(app, pilot, "Især vagtplanen – jeg gør for meget selv")
    await pilot.press("escape")  # back to the list, not out of the conversation
    assert isinstance(app.screen, ConversationScreen)
    await pilot.press("r", "home")
    for index in range(total):
        await pilot.press(manager_scores[index % len(manager_scores)])
    await pilot.press("v")
    await settle(app, pilot)

    # 3. Cards: the manager is still the active party; pick up to the maximum, then the person.
    await pilot.press("ctrl+right")
    await settle(app, pilot)
    deck = screen.content.deck
    for party, switch in (("manager", None), ("self", "r")):
        if switch:
            await pilot.press(switch)
        limit = deck.rules.picks[party].max
        for _ in range(len(deck.cards)):
            picks = repo.conversations.detail(conversation_id).picks
            if sum(1 for p in picks if p.picked_by == party) >= limit:
                break
            await pilot.press("right", "enter")
            await settle(app, pilot)
    await pilot.press("p")  # play the cards
    await settle(app, pilot)
    await pilot.press("enter")  # into the first card's notes
    await paste(app, pilot, "Vi talte om året, der gik, og om hvad der lykkedes")
    await pilot.press("tab")
    await paste(app, pilot, "Vi holder fast i de ugentlige tavlemøder")
    await pilot.press("ctrl+n")  # played; the next card's notes
    await paste(app, pilot, "Trivslen er god, men travlheden i weekenderne fylder")
    await pilot.press("tab")
    await paste(app, pilot, "Færre weekendvagter i træk fra næste kvartal")
    await pilot.press("ctrl+n")
    await settle(app, pilot)

    # 4. Summary, 5. Plan: take the first suggestion, write one more goal by hand.
    await pilot.press("ctrl+right")
    await settle(app, pilot)
    await pilot.press("ctrl+right")
    await settle(app, pilot)
    await pilot.press("enter")  # the first suggestion becomes a goal with 70-20-10 actions
    await settle(app, pilot)
    await pilot.press("ctrl+n")
    await settle(app, pilot)
    await paste(app, pilot, "Uddeleger vagtplanlægningen")
    await pilot.press("tab")
    await paste(app, pilot, "Koordinatorerne laver vagtplanen uden min hjælp")
    await pilot.press("tab")
    await paste(app, pilot, "2027-06-30")
    await pilot.press("ctrl+t")
    await settle(app, pilot)
    await paste(app, pilot, "Lær to koordinatorer op")
    await settle(app, pilot)
    await tab_to(app, pilot, "#plan-follow-up")
    await paste(app, pilot, "2027-11-23")
    await pilot.press("enter")
    await settle(app, pilot)

    # 6. Sign-off: both sign, each after a confirmation.
    await pilot.press("ctrl+right")
    await settle(app, pilot)
    await pilot.press("s", "y")
    await settle(app, pilot)
    await pilot.press("m", "y")
    await settle(app, pilot)
    return conversation_id


def check(repo, conversation_id: int, *, kind: str, manager_scores, self_scores) -> None:
    detail = repo.conversations.detail(conversation_id)
    record = detail.conversation
    assert record.kind == kind
    assert record.status == "signed"
    assert record.revealed
    total = len({r.expectation_id for r in detail.ratings})
    own = [r for r in detail.ratings if r.rater == "self"]
    boss = [r for r in detail.ratings if r.rater == "manager"]
    assert len(own) == len(boss) == total >= 12
    expected_own = [int(self_scores[i % len(self_scores)]) for i in range(total)]
    assert sorted(r.score for r in own) == sorted(expected_own)
    assert sum(1 for r in boss if r.not_observed) == sum(
        1 for i in range(total) if manager_scores[i % len(manager_scores)] == "x"
    )
    assert any(r.comment == "Især vagtplanen – jeg gør for meget selv" for r in own)
    by = {party: [p for p in detail.picks if p.picked_by == party] for party in ("self", "manager")}
    rules = repo.conversations.detail(conversation_id)
    deck = services.conversation_content(rules).deck
    assert len(by["manager"]) == deck.rules.picks["manager"].max == 2
    assert len(by["self"]) == deck.rules.picks["self"].max == 4
    notes = {p.notes for p in detail.picks} | {p.agreements for p in detail.picks}
    assert "Vi holder fast i de ugentlige tavlemøder" in notes
    assert "Færre weekendvagter i træk fra næste kvartal" in notes
    assert sum(1 for p in detail.picks if p.played) >= 2
    plan = detail.plan
    assert plan.follow_up_on == date(2027, 11, 23)
    assert plan.signed_by_person_at is not None and plan.signed_by_conductor_at is not None
    titles = [g.title for g in plan.goals]
    assert len(plan.goals) == 2
    assert "Uddeleger vagtplanlægningen" in titles
    handmade = next(g for g in plan.goals if g.title == "Uddeleger vagtplanlægningen")
    assert handmade.success_criterion == "Koordinatorerne laver vagtplanen uden min hjælp"
    assert handmade.due_on == date(2027, 6, 30)
    assert [a.description for a in handmade.actions] == ["Lær to koordinatorer op"]
    suggested = next(g for g in plan.goals if g is not handmade)
    assert suggested.actions, "an accepted suggestion brings its 70-20-10 actions"


SELF = ("4", "3", "5", "4", "2")
MANAGER = ("3", "3", "4", "2", "x", "3")


async def test_a_whole_lus_by_keyboard(make_app, org, ui_repo) -> None:
    """Setup to sign-off for a first-line leader; every answer is in the database."""
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        conversation_id = await walk(
            app, pilot, ui_repo, org.leader.name, self_scores=SELF, manager_scores=MANAGER
        )
    check(ui_repo, conversation_id, kind="lus", manager_scores=MANAGER, self_scores=SELF)


async def test_a_whole_mus_by_keyboard(make_app, org, ui_repo) -> None:
    """The same for an employee's MUS, in English, at 80×24."""
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        conversation_id = await walk(
            app, pilot, ui_repo, org.employee.name, self_scores=SELF, manager_scores=MANAGER
        )
    check(ui_repo, conversation_id, kind="mus", manager_scores=MANAGER, self_scores=SELF)
