"""What counts as an e-mail address, wherever one is typed or read: a person added or
changed in the app, a roster row, a whole database imported.

Plausible, not verified: one "@", something before it, a domain with a dot after it, and
no space, comma, semicolon, colon, angle bracket, bracket or quote anywhere (what a
spreadsheet or a mail program leaves around a list of addresses, and a "mailto:" link
copied whole). Dots only between characters: "anne@firma.dk." (the full stop of a
sentence), "anne@firma..dk" and ".anne@firma.dk" are typing slips no mail reaches, and
neither is a part of the domain that begins or ends with a hyphen. Checked on the address
as it is stored: trimmed and lower-cased.
"""

from __future__ import annotations

import re

_PART = r"[^@\s,;:<>\"()\[\]\\.]+"  # letters (any script), digits, and the rest of a name
_LABEL = rf"(?!-){_PART}(?<!-)"  # one part of the domain: no hyphen at either end
EMAIL = re.compile(rf"^{_PART}(?:\.{_PART})*@{_LABEL}(?:\.{_LABEL})+$")


def plausible_email(text: str) -> bool:
    """Whether `text` (trimmed, any letter case) reads as an e-mail address."""
    return EMAIL.match(text.strip().lower()) is not None
