"""What the two parties of a conversation are called, by the kind of conversation.

In a MUS an employee talks with their manager; in a LUS or a leadership
evaluation the person is a leader, and "the manager" is the leader's own
manager. Calling the leader "the employee" (as every screen and print once
did) reads wrong to both, so the screens and the printed plan take the names
from here. Plain data: no Textual, no catalog lookups.
"""

from __future__ import annotations

PARTIES = ("self", "manager")

# (language, family of conversation, party) -> (name in a sentence's subject, short label)
_NAMES: dict[tuple[str, str, str], tuple[str, str]] = {
    ("da", "mus", "self"): ("Medarbejderen", "Medarbejder"),
    ("da", "mus", "manager"): ("Lederen", "Leder"),
    ("da", "lus", "self"): ("Lederen", "Leder"),
    ("da", "lus", "manager"): ("Lederens leder", "Lederens leder"),
    ("en", "mus", "self"): ("The employee", "Employee"),
    ("en", "mus", "manager"): ("The manager", "Manager"),
    ("en", "lus", "self"): ("The leader", "Leader"),
    ("en", "lus", "manager"): ("The leader's manager", "Leader's manager"),
}


def family(kind: str) -> str:
    """A MUS is about an employee; a LUS and an evaluation are about a leader."""
    return "mus" if kind == "mus" else "lus"


def party_name(kind: str, party: str, lang: str) -> str:
    """The party as the subject of a sentence: "Lederen", "The leader's manager".

    `party` is "self" (the person the conversation is about; "person" is taken
    as the same) or "manager" (who conducts it; "conductor" likewise).
    """
    return _NAMES[_key(kind, party, lang)][0]


def party_label(kind: str, party: str, lang: str) -> str:
    """The party as a short label (a column, a signature line): "Leder", "Leader's manager"."""
    return _NAMES[_key(kind, party, lang)][1]


def party_lower(kind: str, party: str, lang: str) -> str:
    """The name inside a sentence: "lederens leder", "the leader's manager"."""
    name = party_name(kind, party, lang)
    return name[0].lower() + name[1:]


def _key(kind: str, party: str, lang: str) -> tuple[str, str, str]:
    party = {"person": "self", "conductor": "manager"}.get(party, party)
    if party not in PARTIES:
        raise ValueError(f"unknown party {party!r}")
    return ("da" if lang == "da" else "en", family(kind), party)
