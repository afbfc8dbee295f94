"""The product's words, declared once: parties, statuses, steps, goal states and their glyphs.

Every layer (store, core, report, the UI) takes these from here, so a word or
a mark cannot mean one thing on one screen and another on the next (◐ once
meant "in progress" on the plan step and "partly" on the summary). Labels are
looked up in the text catalogs by the keys built here. Imports nothing of the program
(the standard library's `re` only).
"""

from __future__ import annotations

import re

# Who rates and picks in a conversation.
PARTIES = ("self", "manager")
OTHER_PARTY = {"self": "manager", "manager": "self"}
# Who else rates in a leadership evaluation (360°): peers, direct reports, others.
RATER_GROUPS = ("peer", "report", "other")
# A group of fewer raters is never shown: its answers could be told apart. A pack or an
# evaluation may ask for more, never for fewer.
MIN_RATERS = 3
# How often a page opened by a link (a preparation, a rater's form) asks again whether its
# link still opens it (seconds): one indexed read. A link revoked, run out or whose
# conversation is being held ends its window within this time.
LINK_CHECK_SECONDS = 5.0
# Every series a profile can show, in the order it is shown.
PROFILE_SERIES = (*PARTIES, *RATER_GROUPS)
# Who put a card on the table: a party, or the deck itself (always-included cards).
PICKED_BY = (*PARTIES, "deck")

# The kinds every pack has; a pack may define more (its `conversations`), so the
# store accepts any key of the form `is_kind_key` allows.
CONVERSATION_KINDS = ("mus", "lus", "evaluation")
_KIND_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzæøåäöüé0123456789_")


def is_kind_key(value: object) -> bool:
    """A conversation kind as a pack names it: 1-20 lower-case letters, digits or _."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= 20
        and value[0] != "_"
        and all(c in _KIND_CHARS or (c.isalpha() and c.islower()) for c in value)
    )


CONVERSATION_STATUSES = ("draft", "in_progress", "completed", "signed")
# Statuses of a conversation that was actually held (a draft was only prepared).
HELD_STATUSES = ("in_progress", "completed", "signed")
# Statuses of a conversation that was brought to an end: its plan is the one a follow-up
# reviews (a plan still being written, or only prepared, agreed nothing yet).
CONCLUDED_STATUSES = ("completed", "signed")

# The conversation's steps, in the order of the playbook.
STEPS = ("setup", "expectations", "cards", "summary", "plan", "signoff")
# The steps a party prepares alone (a preparation link), those of them the kind has.
PREPARATION_STEPS = ("expectations", "cards")

GOAL_STATUSES = ("open", "in_progress", "done", "partly", "not_done")
# What an earlier goal is found to be at a follow-up.
REVIEWED = ("done", "partly", "not_done")
GOAL_GLYPHS = {
    "open": "○",
    "in_progress": "▶",
    "done": "✓",
    "partly": "◐",
    "not_done": "✗",
}

ACTION_KINDS = ("experience", "relationships", "formal")  # 70-20-10

# Readiness for the next layer: a question of its own in a leadership evaluation, not a
# level of the rating scale (performance in the role is not potential for the next).
READINESS = ("now", "later", "not_now")


def goal_glyph(status: str) -> str:
    return GOAL_GLYPHS.get(status, GOAL_GLYPHS["open"])


def goal_status_key(status: str) -> str:
    """The catalog key of a goal status's label (the same key in the UI and in print)."""
    return f"plan.goal_status.{status}"


# Characters a terminal acts on instead of showing (escape sequences, carriage return...),
# and the bidirectional overrides and isolates, which show a text in another order than it
# is read ("gpj.exe" as "exe.jpg"): none belongs in a name, a pack's text or a comment.
BIDI = "\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(rf"[\x00-\x1f\x7f-\x9f{BIDI}]")
_ACTING = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")  # less tab and line break


def with_control(text: str) -> str | None:
    """The first control character in `text` that a terminal would act on (all but tab and
    line break), written as an escape ("\\x1b"), or None."""
    found = _ACTING.search(text)
    return None if found is None else repr(found.group())[1:-1]


def shown(text: str, *, lines: bool = True) -> str:
    """`text` for a terminal or a file a person reads: control characters written as escapes
    ("\\x1b"), so none of them moves the cursor, colours or retitles anything; tabs and
    line breaks kept when `lines` (a comment), escaped too when not (a name in a column)."""
    pattern = _ACTING if lines else CONTROL
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: repr(m.group())[1:-1], text)
