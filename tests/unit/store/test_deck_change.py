"""Another kind (or layer) with another deck: the table follows the deck.

An onboarding conversation changed into a MUS once kept the onboarding cards: unseen in
the grid yet counted against the parties' limits, listed by their ids when played, and
without the MUS's always-included cards.
"""

from __future__ import annotations

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines


@pytest.fixture
def onboarding(repo: Repository):
    """Søren's one-month onboarding; each party picked a card, the employee wrote on one."""
    pack = load_packs(None).default
    boss = repo.people.create("Jakob Nørgaard", "lead_others")
    soren = repo.people.create("Søren Ærø", "lead_self", manager_id=boss.id)
    talk = services.start_conversation(repo, pack, soren.id, kind="onboarding_1m")
    pick = repo.conversations.pick_card(talk.id, "onboarding.people", "self", limit=4)
    repo.conversations.pick_card(talk.id, "onboarding.learning", "manager", limit=4)
    repo.conversations.set_card_text(pick.id, "notes", "Jeg kender kun nattevagten")
    return pack, talk


def table(repo: Repository, conversation_id: int) -> dict[str, str]:
    detail = repo.conversations.detail(conversation_id)
    return {pick.card_id: pick.picked_by for pick in detail.picks}


def test_what_a_change_would_take_off_the_table_is_known_before(repo, onboarding) -> None:
    pack, talk = onboarding
    detail = repo.conversations.detail(talk.id)
    lost = services.picks_lost(detail, pack, layer="lead_self", kind="mus")
    assert sorted(pick.card_id for pick in lost) == ["onboarding.learning", "onboarding.people"]
    # the deck's own cards go unasked (nothing was written on them); the same deck loses none
    assert services.picks_lost(detail, pack, layer="lead_self", kind="onboarding_3m") == ()


def test_another_deck_clears_the_table_and_lays_its_own_cards(repo, onboarding) -> None:
    pack, talk = onboarding
    services.change_content(repo, pack, talk.id, layer="lead_self", kind="mus")
    assert table(repo, talk.id) == {"mus.looking_back": "deck", "mus.wellbeing": "deck"}
    # the parties pick from the MUS deck with their whole allowance
    mus = services.conversation_content(repo.conversations.detail(talk.id))
    for card in ("mus.tasks", "mus.quality", "mus.meaning"):
        services.pick_card(repo, mus, talk.id, card, "self")
    assert sorted(table(repo, talk.id)) == [
        "mus.looking_back", "mus.meaning", "mus.quality", "mus.tasks", "mus.wellbeing",
    ]  # fmt: skip


def test_the_same_deck_keeps_the_table(repo, onboarding) -> None:
    pack, talk = onboarding
    before = repo.conversations.detail(talk.id).picks
    services.change_content(repo, pack, talk.id, layer="lead_self", kind="onboarding_3m")
    after = repo.conversations.detail(talk.id).picks
    assert [(p.card_id, p.picked_by, p.notes) for p in after] == [
        (p.card_id, p.picked_by, p.notes) for p in before
    ]


def test_a_kind_without_a_deck_clears_the_table(repo) -> None:
    pack = load_packs(None).default
    anna = repo.people.create("Anna Berg", "lead_others")
    talk = services.start_conversation(repo, pack, anna.id, kind="lus")
    repo.conversations.pick_card(talk.id, "lus.delegation", "self", limit=4)
    services.change_content(repo, pack, talk.id, layer="lead_others", kind="evaluation")
    assert table(repo, talk.id) == {}
