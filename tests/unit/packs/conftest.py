"""Fixtures for the content pack tests: real YAML packs in temporary folders.

The pack tests use the small original pack in tests/fixtures/minimal_pack (three
layers, one deck, ids unlike the default pack's) so they do not depend on the
shipped content, which is written alongside the code; the tests of the shipped
packs themselves are in test_validate.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline_tui import config

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MINIMAL = FIXTURES / "minimal_pack"
BROKEN = FIXTURES / "broken_packs"


@pytest.fixture(autouse=True)
def cache_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point the user folders at a fresh home: the pack cache is written under it."""
    home = tmp_path_factory.mktemp("packs-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for name in (config.ENV_DB, config.ENV_CONTENT, config.ENV_LANG):
        monkeypatch.delenv(name, raising=False)
    config._dirs.cache_clear()
    yield home / "cache"
    config._dirs.cache_clear()


def copy_pack(target: Path, *, pack_id: str | None = None) -> Path:
    """A copy of the minimal pack at `target`, optionally with another id."""
    shutil.copytree(MINIMAL, target)
    if pack_id is not None:
        edit(target, "pack.yaml", "id: minimal\n", f"id: {pack_id}\n")
    return target


def edit(pack: Path, file: str, old: str, new: str) -> None:
    """Replace `old`, which must occur exactly once, in one file of `pack`."""
    path = pack / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def edit_pack() -> Callable[[Path, str, str, str], None]:
    """`edit` as a fixture: test modules cannot import conftest under importlib mode."""
    return edit


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A private copy of the minimal pack (id `minimal`), free to change."""
    return copy_pack(tmp_path / "minimal")


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A stand-in for the shipped packs: one valid pack with the id `default`."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    copy_pack(folder / "default", pack_id="default")
    return folder


@pytest.fixture
def make_pack(tmp_path: Path) -> Callable[..., Path]:
    """Make a copy of the minimal pack under tmp_path/name (for several packs per test)."""

    def make(name: str, pack_id: str | None = None) -> Path:
        return copy_pack(tmp_path / name, pack_id=pack_id)

    return make
