"""The words printed on plans and preparation sheets: the `doc.` texts of the program's
one catalog (`pipeline_tui.texts`), and its dates and numbers."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui.texts import locale

if TYPE_CHECKING:
    from pipeline_tui.packs.shapes import Content


def label(lang: str, key: str, /, **values: object) -> str:
    found = locale(lang).get(f"doc.{key}")
    if found is None:
        # A pack's own kind of conversation: its key rather than "kind.<key>".
        found = key[5:] if key.startswith("kind.") else key
    return found.format(**values) if values else found


def kind_label(lang: str, kind: str, content: Content) -> str:
    """A kind of conversation as printed: the name the pack gives it (`content.kind(key)`,
    the conversation's snapshot or the pack), as the app shows it; else the catalog's words
    for the program's own kinds, else its key."""
    found = content.kind(kind)
    if found is not None:
        return found.name.get(lang)
    return label(lang, f"kind.{kind}")


def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    """One decimal by default, with the decimal comma Danish readers expect; "–" for none."""
    return locale(lang).number(value, digits)


def format_date(value: date | None, lang: str) -> str:
    """Danish 12.03.2026, English 12 Mar 2026."""
    return locale(lang).date(value)
