"""The JSON cache of validated packs, keyed by content hash.

Reading a pack from YAML with line numbers and checking it costs ~30 ms for
the default pack; rebuilding it from this cache with one pydantic
`model_validate_json` costs ~5 ms. An entry is used only when the files hash
to it and it was written by this program version in this format; anything
else (corrupt, older, another shape) is ignored and rewritten by a full load.
The cache is derived data: losing it, or failing to write it, costs speed only.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

import pipeline_tui
from pipeline_tui.config import ensure_private_dir
from pipeline_tui.errors import UserError
from pipeline_tui.files import write_private
from pipeline_tui.packs.light import CACHE_FORMAT, cache_file, cache_folder
from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.schema import (
    Activity,
    ConversationKind,
    Deck,
    Dimension,
    Expectation,
    Layer,
    Manifest,
    RatingScale,
    Theme,
)

KEEP = 8  # entries kept: every edit of a pack makes a new one


class _PackData(BaseModel):
    """The cached form of a Pack: everything but the hash and the folder."""

    model_config = ConfigDict(frozen=True)

    manifest: Manifest
    layers: tuple[Layer, ...]
    dimensions: tuple[Dimension, ...]
    expectations: dict[str, tuple[Expectation, ...]]
    scale: RatingScale
    themes: tuple[Theme, ...]
    decks: tuple[Deck, ...]
    activities: tuple[Activity, ...]
    conversations: tuple[ConversationKind, ...] = ()


class _CacheEntry(BaseModel):
    format: int
    program: str
    hash: str
    pack: _PackData


def read(path: Path, pack_hash: str) -> Pack | None:
    """The pack in `path` with this hash from the cache, or None."""
    try:
        entry = _CacheEntry.model_validate_json(cache_file(pack_hash).read_bytes())
    except (OSError, ValidationError):
        return None  # none yet, or written by another version: a full load rewrites it
    if (entry.format, entry.program, entry.hash) != (
        CACHE_FORMAT,
        pipeline_tui.__version__,
        pack_hash,
    ):
        return None
    data = entry.pack
    return Pack(
        manifest=data.manifest,
        layers=data.layers,
        dimensions=data.dimensions,
        expectations=data.expectations,
        scale=data.scale,
        themes=data.themes,
        decks=data.decks,
        activities=data.activities,
        content_hash=pack_hash,
        source=path,
        conversations=data.conversations,
    )


def write(pack: Pack) -> None:
    """Store the validated pack; a cache that cannot be written only costs speed."""
    entry = _CacheEntry(
        format=CACHE_FORMAT,
        program=pipeline_tui.__version__,
        hash=pack.content_hash,
        pack=_PackData(
            manifest=pack.manifest,
            layers=pack.layers,
            dimensions=pack.dimensions,
            expectations=pack.expectations,
            scale=pack.scale,
            themes=pack.themes,
            decks=pack.decks,
            activities=pack.activities,
            conversations=pack.conversations,
        ),
    )
    try:
        ensure_private_dir(cache_folder())
        write_private(cache_file(pack.content_hash), entry.model_dump_json(), overwrite=True)
        _prune()
    except (OSError, UserError):
        return


def _prune() -> None:
    entries = sorted(
        cache_folder().glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
