"""A card's agreements, a note or an action longer than a page print in full.

fpdf2 cannot break a table row across pages: agreements of some five thousand characters
(pasted from the minutes of the meeting) stopped the print with "unexpected error:
ValueError" (exit 1), and the print dialog said the same.
"""

from __future__ import annotations

from datetime import date

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs

MINUTES = "\n".join(
    f"Punkt {n}: Vi aftaler, at Anna følger op på vagtplanen med teamet – æøå {n * 7}"
    for n in range(90)
)
ONE_LINE = " ".join(f"ord{n}" for n in range(900))  # no line breaks at all: wrapped only
ACTION = " ".join(f"trin{n}" for n in range(700))


def test_texts_longer_than_a_page_print_whole(repo, db_path, read, run_cli, tmp_path) -> None:
    pack = load_packs(None).default
    person = repo.people.create("Anna Berg", "lead_others", email="anna@example.dk")
    record = services.start_conversation(repo, pack, person.id, held_on=date(2026, 3, 2))
    detail = repo.conversations.detail(record.id)
    on_table = {p.card_id for p in detail.picks}
    cards = [c for c in services.conversation_content(detail).deck.cards if c.id not in on_table]
    first = repo.conversations.pick_card(record.id, cards[0].id, "self")
    repo.conversations.set_card_text(first.id, "agreements", MINUTES)
    second = repo.conversations.pick_card(record.id, cards[1].id, "self")
    repo.conversations.set_card_text(second.id, "agreements", ONE_LINE)
    repo.conversations.set_card_text(second.id, "notes", MINUTES)
    goal = repo.plans.add_goal(record.id, "Uddelegere mere")
    repo.plans.add_action(goal.id, ACTION, owner="Anna")

    out = tmp_path / "plan.pdf"
    result = run_cli("--db", db_path, "plan", "print", record.id, "--format", "pdf", "-o", out)
    assert result.code == 0, result.err
    text = read.pdf_text(out)
    for n in (0, 45, 89):
        assert f"Punkt {n}: Vi aftaler" in text and f"æøå {n * 7}" in text
    for word in ("ord0", "ord450", "ord899", "trin0", "trin350", "trin699"):
        assert f"{word} " in f"{text} ", word
