"""What counts as an e-mail address, wherever one is typed or read: a person added or
changed in the app, a roster row, a whole database imported.

Plausible, not verified: one "@", something before it, a domain with a dot after it, and
no space, comma, semicolon, angle bracket or quote anywhere (what a spreadsheet or a mail
program leaves around a list of addresses). Checked on the address as it is stored:
trimmed and lower-cased.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")


def plausible_email(text: str) -> bool:
    """Whether `text` (trimmed, any letter case) reads as an e-mail address."""
    return EMAIL.match(text.strip().lower()) is not None
