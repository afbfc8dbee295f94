"""Seeding a test user's cache with the shipped packs' cache (see `warm_pack_cache`)."""

from __future__ import annotations

import shutil
from pathlib import Path


def seed_pack_cache(warm: Path, cache_home: Path) -> None:
    """Copy the warm pack cache folder under `cache_home` (an XDG_CACHE_HOME), modes and all."""
    cache_home.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copytree(warm, cache_home / warm.name)
