"""A goal carried into another conversation keeps only the links that conversation can show.

Carried from a LUS into a leadership evaluation (the demo's Jakob Nørgaard), a goal
kept its link to the LUS card "lus.future"; the evaluation has no deck, so its Plan
step said "Linked to: the card “lus.future”", a bare id. Carried across a change of
layer, a link to an expectation of the old layer was shown the same way.
"""

from __future__ import annotations

from datetime import date

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.records import PersonRecord
from pipeline_tui.store.repository import Repository


def test_links_the_new_conversation_lacks_stay_behind(
    repo: Repository, person: PersonRecord
) -> None:
    pack = load_packs(None).default
    lus = services.start_conversation(repo, pack, person.id, kind="lus", held_on=date(2025, 11, 20))
    lus_content = services.conversation_content(repo.conversations.detail(lus.id))
    expectation = lus_content.ordered_expectations()[0].id
    other_layer = pack.expectations_for("lead_business")[0].id
    goal = repo.plans.add_goal(
        lus.id,
        "Tal om de næste fem år",
        expectation_ids=[expectation, other_layer],
        card_ids=["lus.future"],
    )
    assert lus_content.card("lus.future") is not None  # the LUS can show it
    repo.plans.sign(lus.id, "person")
    repo.plans.sign(lus.id, "conductor")

    evaluation = services.start_conversation(repo, pack, person.id, kind="evaluation")
    carried = services.carry_goal(repo, repo.plans.goal(goal.id), evaluation.id)

    assert (carried.expectation_ids, carried.card_ids) == ((expectation,), ())
    assert carried.title == "Tal om de næste fem år"
    assert carried.carried_from_id == goal.id
