"""The one catalog of the program's own words, and how each language writes them.

Every text the program makes itself (the app's screens and keys, the printed plan, the
command line's messages) is a key in one catalog, one module per language
(`texts/da.py`, `texts/en.py`); the content pack has its own texts. Text is made
through a `Locale`, passed to where the text is made: the language is part of the
call, never a global looked up later (by a writer thread, say). Dates and numbers are
written here and nowhere else.

Nothing here imports Textual or the database: the command line, the printed
documents and the app share it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline_tui.errors import UserError

LANGUAGES = ("da", "en")
FALLBACK = "en"
# English month names are written out here rather than with strftime("%b"), which
# follows the process's C locale and would print Danish (or anything) on some machines.
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every text of `lang` by key (a language without a catalog: English)."""
    module = import_module(f"pipeline_tui.texts.{lang if lang in LANGUAGES else FALLBACK}")
    texts: dict[str, str] = module.TEXTS
    return texts


Day = date  # the type, where `Locale.date` (the method) hides its name


@dataclass(frozen=True, slots=True)
class Locale:
    """One language: its texts, dates and numbers."""

    lang: str

    def text(self, key: str, /, **values: object) -> str:
        """The text for `key` with its `{fields}` filled in (English when this language
        lacks it, the key itself when no language has it)."""
        found = catalog(self.lang).get(key)
        if found is None:
            found = catalog(FALLBACK).get(key, key)
        return found.format(**values) if values else found

    def get(self, key: str) -> str | None:
        """The text for `key` as written (no fields filled in), or None when no language has it."""
        found = catalog(self.lang).get(key)
        return found if found is not None else catalog(FALLBACK).get(key)

    def has(self, key: str) -> bool:
        return key in catalog(FALLBACK)

    def date(self, value: date | None, empty: str = "") -> str:
        """Danish 12.03.2026, English 12 Mar 2026; `empty` for none."""
        if value is None:
            return empty
        if self.lang == "da":
            return f"{value.day:02d}.{value.month:02d}.{value.year}"
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"

    def month(self, value: Day) -> str:
        """The month of a date with its year: Danish 03.2026, English Mar 2026."""
        if self.lang == "da":
            return f"{value.month:02d}.{value.year}"
        return f"{_MONTHS_EN[value.month - 1]} {value.year}"

    def typed_date(self, value: Day | None) -> str:
        """A date as it is typed in a date field: Danish 05.12.2026, otherwise ISO
        (2026-12-05); the fields take either form."""
        if value is None:
            return ""
        if self.lang == "da":
            return self.date(value)
        return value.isoformat()

    def date_width(self) -> int:
        """The most characters a date of this language takes (a column that fits any)."""
        return _date_width(self.lang)

    def moment(self, value: datetime | None, empty: str = "") -> str:
        """A date and time of day in the machine's time zone: 12.03.2026 14:05."""
        if value is None:
            return empty
        local = value.astimezone() if value.tzinfo is not None else value
        return f"{self.date(local.date())} {local.hour:02d}:{local.minute:02d}"

    def number(self, value: float | None, digits: int = 1) -> str:
        """One decimal by default, with the decimal comma Danish readers expect; "–" for none.
        Rounded as on paper (`rounded`): a mean of 3.25 is 3,3, not 3,2."""
        if value is None:
            return "–"
        finite = math.isfinite(value)
        written = f"{rounded(value, digits):f}" if finite else f"{value:.{digits}f}"
        return written.replace(".", ",") if self.lang == "da" else written

    def percent(self, share: float | None) -> str:
        """A share (0.67) as a whole percentage, "–" for none. Without a space in either
        language: a terminal line may break at any space, and "54 %" broke before the sign."""
        if share is None:
            return "–"
        return f"{rounded(100 * share, 0):f}%"


def rounded(value: float, digits: int = 1) -> Decimal:
    """`value` with `digits` decimals, a half rounded away from zero as people do on paper
    (3.25 -> 3.3, 2.675 -> 2.7, -0.25 -> -0.3), not to the even neighbour as Python's
    round() and format() do (3.2), nor after the float's binary error (2.675 is stored as
    2.67499…, which they make 2.67): the decimals are those of the float as Python writes
    it (its repr). Whatever shows a figure rounds it here, so a figure and what is said of
    it (a gap shown as 0,0 is no gap) agree."""
    if not math.isfinite(value):
        return Decimal(value)
    exact = Decimal(repr(float(value)))
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


@cache
def _date_width(lang: str) -> int:
    return max(len(Locale(lang).date(date(2000, month, 28))) for month in range(1, 13))


@cache
def locale(lang: str | None) -> Locale:
    """The locale of `lang` (None or a language without a catalog: English)."""
    return Locale(lang if lang in LANGUAGES else FALLBACK)


class Phrase(str):
    """A text of the catalog that can be said again in another language.

    As a string it is the English text (what a log, a test or a script reads); `text(loc)`
    says it in `loc`'s language. Code that must not choose the language (the roster's and
    an import's checks, `db check`) makes its findings as phrases; the command line says
    them in the language asked. A value may itself be a phrase (said in the same language),
    or a tuple of phrases (said one after the other, separated by "; ").
    """

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, /, **values: object) -> Phrase:
        self = super().__new__(cls, _say(locale(FALLBACK), key, values))
        self.key = key
        self.values = values
        return self

    def text(self, loc: Locale) -> str:
        return _say(loc, self.key, self.values)


def said(value: object, loc: Locale) -> object:
    """A value to fill into a text of `loc`: a phrase (or a tuple of them) said in its language."""
    if isinstance(value, Phrase):
        return value.text(loc)
    if isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
        return "; ".join(v.text(loc) for v in value)
    return value


def _say(loc: Locale, key: str, values: dict[str, object]) -> str:
    return loc.text(key, **{name: said(value, loc) for name, value in values.items()})


def os_error(number: int | None, error: str | None, loc: Locale) -> str:
    """The system's reason for a failed read or write (`OSError.strerror`): in English as the
    system said it, in another language in the catalog's words for the error's number where
    it has them."""
    import errno

    name = errno.errorcode.get(number or 0, "") if loc.lang != "en" else ""
    found = loc.get(f"cli.os.{name}") if name else None
    return found if found is not None else (error or errno.errorcode.get(number or 0, "?"))


def refusal(error: UserError, loc: Locale) -> str:
    """A refusal (a `UserError` raised below the command line or the app: storage, files,
    checks) in `loc`'s words: the catalog's text for its reason (`cli.refused.*`), filled in
    with its particulars; else the message as it was raised (English). The command line
    and the app's dialogs say refusals through this."""
    from pipeline_tui.errors import ErasedError, NotFoundError

    if isinstance(error, ErasedError):
        key = f"refused.erased.{error.reason}"
    elif isinstance(error, NotFoundError):
        key = f"refused.missing.{error.reason}"
    else:
        key = f"refused.{error.reason}"
    found = loc.get(f"cli.{key}") if error.reason else None
    if found is None:
        return str(error)
    values = {name: said(value, loc) for name, value in error.values.items()}
    number = values.get("errno")  # what the system said failed: in the catalog's words
    if isinstance(number, int):
        values["error"] = os_error(number, str(values.get("error") or ""), loc)
    try:
        return found.format(**values)
    except (KeyError, IndexError):  # particulars the catalog's words need are missing
        return str(error)
