"""Danish alphabetical order, for names and units alike: æ, ø, å after z (ä and ö with æ
and ø), case-insensitive."""

from __future__ import annotations

_DANISH = str.maketrans({"æ": "{0", "ä": "{0", "ø": "{1", "ö": "{1", "å": "{2"})


def name_key(name: str) -> str:
    """Sort key for a name: case-insensitive, in Danish alphabetical order."""
    return name.lower().translate(_DANISH)
