"""The words printed on plans and preparation sheets: the `doc.` texts of the program's
one catalog (`pipeline_tui.texts`), and its dates and numbers."""

from __future__ import annotations

from datetime import date

from pipeline_tui.texts import locale


def label(lang: str, key: str, /, **values: object) -> str:
    found = locale(lang).get(f"doc.{key}")
    if found is None:
        # A pack's own kind of conversation: its key rather than "kind.<key>".
        found = key[5:] if key.startswith("kind.") else key
    return found.format(**values) if values else found


def format_number(value: float | None, lang: str, digits: int = 1) -> str:
    """One decimal by default, with the decimal comma Danish readers expect; "–" for none."""
    return locale(lang).number(value, digits)


def format_date(value: date | None, lang: str) -> str:
    """Danish 12.03.2026, English 12 Mar 2026."""
    return locale(lang).date(value)
