"""The parties are named by the kind of conversation (issue 13, item 8)."""

from __future__ import annotations

import pytest

from pipeline_tui.core.roles import party_label, party_name


@pytest.mark.parametrize(
    ("kind", "lang", "person", "manager"),
    [
        ("mus", "da", "Medarbejderen", "Lederen"),
        ("lus", "da", "Lederen", "Lederens leder"),
        ("evaluation", "da", "Lederen", "Lederens leder"),
        ("mus", "en", "The employee", "The manager"),
        ("lus", "en", "The leader", "The leader's manager"),
    ],
)
def test_party_names_by_kind(kind, lang, person, manager) -> None:
    assert party_name(kind, "self", lang) == person
    assert party_name(kind, "manager", lang) == manager
    assert party_name(kind, "person", lang) == person  # the sign-off's words for the same two
    assert party_name(kind, "conductor", lang) == manager
    assert party_label(kind, "self", lang)  # a short form for columns and signature lines


def test_an_unknown_party_is_refused() -> None:
    with pytest.raises(ValueError):
        party_name("mus", "peer", "da")
