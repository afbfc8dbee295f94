"""What the app needs from outside, passed in and loaded lazily.

The first screen is painted from data read with the stdlib (`store.home`),
while SQLAlchemy/SQLModel, Alembic and pydantic (~0.4 s of imports) load on a
background thread. Worker threads that need storage or content call
`repo()` / `packs()`, which wait for that load; the UI thread never does.
Tests pass a ready repository and pack set instead.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline_tui.config import Settings
from pipeline_tui.records import PersonRow

if TYPE_CHECKING:
    from pipeline_tui.packs.loader import PackSet
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.store.repository import Repository


@dataclass
class Services:
    settings: Settings
    initial_rows: list[PersonRow] | None = None
    # How many people there are, when initial_rows holds only the first of them.
    initial_total: int | None = None
    layer_names: dict[str, str] | None = None
    # The default pack's yearly kinds the first rows were read with (from the light cache).
    yearly_kinds: tuple[str, ...] | None = None
    # The default pack's names of its kinds of conversation (from the light cache).
    kind_names: dict[str, dict[str, str]] | None = None
    _repo: Repository | None = None
    _packs: PackSet | None = None
    _error: BaseException | None = None
    _ready: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def ready_made(cls, settings: Settings, repo: Repository, packs: PackSet) -> Services:
        services = cls(settings=settings, _repo=repo, _packs=packs)
        services._ready.set()
        return services

    @property
    def is_ready(self) -> bool:
        return self._ready.is_set()

    def load(self) -> None:
        """Open storage and content (blocking: call from a worker thread)."""
        if self._ready.is_set():
            self._raise()
            return
        try:
            from pipeline_tui.packs.loader import load_packs
            from pipeline_tui.store.repository import open_repository

            if self._packs is None:
                self._packs = load_packs(self.settings.content_dir)
            if self._repo is None:
                self._repo = open_repository(self.settings.db)
        except BaseException as exc:
            self._error = exc
            raise
        finally:
            self._ready.set()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def repo(self) -> Repository:
        """The repository, waiting for it to load (worker threads only)."""
        self._ready.wait()
        self._raise()
        assert self._repo is not None
        return self._repo

    def packs(self) -> PackSet:
        self._ready.wait()
        self._raise()
        assert self._packs is not None
        return self._packs

    def pack(self) -> Pack:
        return self.packs().default

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()
