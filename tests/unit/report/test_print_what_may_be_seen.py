"""Printing only what may be seen (issue 13, items 2 and 3), through `plan print` in every format.

A card with only a note was printed under "Aftaler" (agreements), as if it had
been agreed. And a conversation whose ratings were still blind printed one
party's scores, and the strengths worked out from them, before the other had
rated: a print must not unblind what the screen keeps apart.
"""

from __future__ import annotations

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.document import Bullets, Profile, Table
from pipeline_tui.report.labels import label
from pipeline_tui.report.plan import plan_document
from pipeline_tui.store.repository import open_repository

FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}
NOTE = "Vi talte om vagtplanen og om travlheden i juli"
AGREEMENT = "Anna tager fat i planlæggeren inden fredag"


@pytest.fixture
def blind(db_path):
    """A LUS where the leader has rated (high) and the manager has not: nothing revealed."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        boss = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        person = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=boss.id
        )
        record = services.start_conversation(repo, pack, person.id, kind="lus")
        detail = repo.conversations.detail(record.id)
        content = services.conversation_content(detail)
        for expectation in content.ordered_expectations():
            repo.conversations.set_rating(record.id, expectation.id, "self", score=5)
            repo.conversations.set_rating_comment(
                record.id, expectation.id, "self", "Jeg er god til det her"
            )
        cards = [c.id for c in content.deck.cards if c.id not in content.deck.rules.always_included]
        noted = repo.conversations.pick_card(record.id, cards[0], "self")
        agreed = repo.conversations.pick_card(record.id, cards[1], "self")
        repo.conversations.set_card_text(noted.id, "notes", NOTE)
        repo.conversations.set_card_text(agreed.id, "agreements", AGREEMENT)
        titles = {c.id: c.title.get("da") for c in content.deck.cards}
        yield record.id, titles[cards[0]], titles[cards[1]], repo
    finally:
        repo.close()


def test_a_note_is_not_an_agreement(blind) -> None:
    conversation_id, noted, agreed, repo = blind
    doc = plan_document(services.plan_input(repo, conversation_id), "da")
    tables = {b.columns[-1]: b for b in doc.blocks if isinstance(b, Table)}
    agreements = {row[0].split(" (")[0]: row[1] for row in tables[label("da", "agreements")].rows}
    notes = {row[0].split(" (")[0]: row[1] for row in tables[label("da", "notes")].rows}
    assert agreements == {agreed: AGREEMENT}
    assert notes == {noted: NOTE}


def test_a_card_talked_about_without_notes_is_printed(blind) -> None:
    """Four cards marked as talked about (ctrl+n), one of them written on: the print named
    only the one with text, as if the others had never come up."""
    conversation_id, noted, agreed, repo = blind
    detail = repo.conversations.detail(conversation_id)
    content = services.conversation_content(detail)
    spare = [
        c
        for c in content.deck.cards
        if c.id not in content.deck.rules.always_included
        and c.title.get("da") not in (noted, agreed)
    ][:2]
    for card in spare:
        pick = repo.conversations.pick_card(conversation_id, card.id, "manager")
        repo.conversations.set_card_played(pick.id)
    doc = plan_document(services.plan_input(repo, conversation_id), "da")
    texts = [getattr(b, "text", "") for b in doc.blocks]
    [line] = [text for text in texts if text.startswith("Også talt om, uden noter: ")]
    for card in spare:
        assert card.title.get("da") in line
    assert noted not in line and agreed not in line  # they stand in their tables


def test_blind_ratings_are_not_in_the_document(blind) -> None:
    conversation_id, _noted, _agreed, repo = blind
    doc = plan_document(services.plan_input(repo, conversation_id), "en")
    assert not any(isinstance(b, Profile | Bullets) for b in doc.blocks)
    texts = [getattr(b, "text", "") for b in doc.blocks]
    assert label("en", "ratings_hidden") in texts
    assert label("en", "strengths") not in texts

    repo.conversations.update(conversation_id, revealed=True)
    doc = plan_document(services.plan_input(repo, conversation_id), "en")
    assert any(isinstance(b, Profile) for b in doc.blocks)  # once revealed, all of it


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_print_before_reveal(fmt, blind, db_path, read, run_cli, tmp_path) -> None:
    conversation_id, _noted, _agreed, _repo = blind
    out = tmp_path / f"plan.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", db_path, "plan", "print", conversation_id, "--format", fmt, "-o", out,
        "--lang", "da",
    )  # fmt: skip
    assert result.code == 0, result.err
    text = read.shown(out, fmt)
    assert read.flat(label("da", "ratings_hidden")) in text
    for leak in (label("da", "strengths"), label("da", "development"), "Jeg er god til det her"):
        assert leak not in text
    assert "5,0" not in text and "5.0" not in text  # no mean of the leader's own fives
    assert read.flat(NOTE) in text and read.flat(AGREEMENT) in text
    assert label("da", "notes") in text


def test_rating_comments_print_once_revealed(blind) -> None:
    conversation_id, _noted, _agreed, repo = blind
    from pipeline_tui.report.text import render_text

    hidden = render_text(plan_document(services.plan_input(repo, conversation_id), "da"))
    assert "Jeg er god til det her" not in hidden
    content = services.conversation_content(repo.conversations.detail(conversation_id))
    for expectation in content.ordered_expectations():
        repo.conversations.set_rating(conversation_id, expectation.id, "manager", score=5)
    repo.conversations.update(conversation_id, revealed=True)
    shown = render_text(plan_document(services.plan_input(repo, conversation_id), "da"))
    strengths = " ".join(shown.split(label("da", "strengths"))[1].split())
    # beside the strength it explains
    assert "(Lederens leder 5 · leder 5) – Leder: Jeg er god til det her" in strengths


def test_a_conversation_dated_ahead_is_not_printed_as_held(blind) -> None:
    """A plan printed before its conversation (a draft dated next week) said "Samtalen holdt
    af: Jakob Nørgaard / Dato: 30.11.2026", as if it had taken place; it says who will hold
    it until the day has come."""
    from dataclasses import replace
    from datetime import timedelta

    conversation_id, _noted, _agreed, repo = blind
    data = services.plan_input(repo, conversation_id)
    held = data.detail.conversation.held_on

    def said(printed_on) -> dict[str, str]:
        doc = plan_document(replace(data, printed_on=printed_on), "da")
        return dict(doc.meta)

    ahead = said(held - timedelta(days=7))
    assert ahead.get("Samtalen holdes af") == data.detail.conversation.conducted_by
    assert "Samtalen holdt af" not in ahead
    after = said(held)
    assert "Samtalen holdt af" in after and "Samtalen holdes af" not in after


def test_the_text_print_leaves_a_line_between_its_fields_and_the_role(blind) -> None:
    """The text plan ran its last field into the role description: "Udskrevet: 23.11.2026"
    and on the next line "Rollebeskrivelse: …", read as one more field."""
    from pipeline_tui.report.plan import for_print
    from pipeline_tui.report.text import render_text

    conversation_id, _noted, _agreed, repo = blind
    data = for_print(services.plan_input(repo, conversation_id), None)
    lines = render_text(plan_document(data, "da")).splitlines()
    [printed] = [i for i, line in enumerate(lines) if line.startswith("Udskrevet:")]
    assert lines[printed + 1].strip() == ""
    assert lines[printed + 2].startswith("Rollebeskrivelse")
    assert lines[printed - 1].strip() != ""  # the fields stay together
