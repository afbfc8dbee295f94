"""The Plan step names a goal's links by their titles, never by a bare id.

A goal carried into a leadership evaluation before carrying dropped the links the
evaluation cannot show kept "lus.future"; the Plan step said "Linked to: the card
“lus.future”". Such databases exist: the link is left out, the others are named.
"""

from __future__ import annotations

from pilot_helpers import settle
from textual.widgets import Static

from pipeline_tui import services


async def test_a_link_the_conversation_cannot_show_is_left_out(
    make_app, org, ui_repo, packs
) -> None:
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="evaluation")
    ui_repo.conversations.update(record.id, step="plan")
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    expectation = content.ordered_expectations()[0]
    ui_repo.plans.add_goal(
        record.id,
        "Tal om de næste fem år",
        expectation_ids=[expectation.id, "lead_business.gone"],
        card_ids=["lus.future"],
    )
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        links = str(app.screen.query_one("#goal-links", Static).render())
    assert expectation.title.get("en") in links
    assert "lus.future" not in links and "gone" not in links and "card" not in links
