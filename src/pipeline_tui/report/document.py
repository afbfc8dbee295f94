"""A printable document as plain blocks, so that one layout serves every format.

`report.plan` and `report.prep` build a `Document`; `report.text`,
`report.markdown`, `report.html` and `report.pdf` render it. Blocks hold the
user's text as it was typed: each renderer escapes it for its own format. Control
characters (an escape sequence in a name from an old roster) are written out as escapes
first (`readable`), so no format carries one to a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pipeline_tui.vocabulary import shown

T = TypeVar("T")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2
    page_break: bool = False  # a good place to start a new page when printing


@dataclass(frozen=True)
class Para:
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative widths, for HTML and PDF


@dataclass(frozen=True)
class ProfileRow:
    name: str
    self_mean: float | None
    manager_mean: float | None
    others: tuple[float | None, ...] = ()  # one per `Profile.groups`: peers, reports, others


@dataclass(frozen=True)
class Profile:
    """Self against manager (and the rater groups shown, 360°) per dimension: bars in text,
    a radar chart in HTML and PDF."""

    rows: tuple[ProfileRow, ...]
    scale_max: int
    self_label: str
    manager_label: str
    groups: tuple[str, ...] = ()  # the rater groups shown: peer, report, other
    group_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Goal:
    title: str
    details: tuple[tuple[str, str], ...]  # (label, value): success criterion, due, status
    actions: Table | None


@dataclass(frozen=True)
class Signature:
    role: str
    name: str
    signed_on: date | None
    signed_label: str


@dataclass(frozen=True)
class Signatures:
    items: tuple[Signature, ...]
    date_label: str


@dataclass(frozen=True)
class RatingBoxes:
    """Expectations with empty boxes to tick on paper (the preparation sheet)."""

    groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (dimension, ((title, hint),))
    levels: tuple[str, ...]  # box labels, e.g. "1" .. "5", "–"


Block = Heading | Para | Bullets | Table | Profile | Goal | Signatures | RatingBoxes


def meta_label(key: str) -> str:
    """A field of the document's head as printed, "Leder:" before "Bo Øst": without the
    colon the role word read as a title glued to the name ("Leder Bo Øst"), wherever the
    two columns close up (a narrow PDF column, the text copied out, a screen reader)."""
    return f"{key}:"


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    meta: tuple[tuple[str, str], ...]
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    lang: str = "da"
    footer: str = ""
    organisation: str = ""  # above the title, on every format
    logo: Path | None = None  # an image file beside it (HTML and PDF; skipped if unreadable)


def read_logo(path: Path | None) -> tuple[str, bytes] | None:
    """("png" | "jpeg", bytes) of a logo file, or None when there is none or it is no such
    image: a missing or odd logo never stops a plan from printing."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", data
    if data.startswith(b"\xff\xd8"):
        return "jpeg", data
    return None


def readable(value: T) -> T:
    """`value` (a document, a block, a text) with every control character but tabs and line
    breaks written as an escape ("\\x1b")."""
    cleaned: Any
    if isinstance(value, str):
        cleaned = shown(value)
    elif isinstance(value, tuple):
        cleaned = tuple(readable(item) for item in value)
    elif is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: readable(getattr(value, f.name)) for f in fields(value)}
        cleaned = replace(value, **changes)
    else:
        cleaned = value
    return cleaned  # type: ignore[no-any-return]  # the same type, rebuilt


def strings(value: object) -> Iterator[str]:
    """Every text in `value` (a document, a block), in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from strings(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from strings(getattr(value, f.name))
