"""Writing output files: owner-only, and whole or not at all."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline_tui.cli.common import emit
from pipeline_tui.errors import StorageError, UserError


def test_emit_to_a_file_is_owner_only(tmp_path: Path) -> None:
    """A written file holds every chunk and only its owner can read it."""
    target = tmp_path / "out.json"
    emit(["{", '"a": 1', "}\n"], target)
    assert target.read_text(encoding="utf-8") == '{"a": 1}\n'
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_emit_to_a_file_failing_midway_leaves_nothing(tmp_path: Path) -> None:
    """If the data fails halfway, the old file stays as it was and no partial copy remains."""
    target = tmp_path / "export.json"
    target.write_text("previous export\n", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield '{"person": "Anna Berg"'
        raise StorageError("the database is busy in another program")

    with pytest.raises(StorageError):
        emit(chunks(), target, force=True)
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_emit_to_a_file_into_a_missing_folder(tmp_path: Path) -> None:
    """A missing folder is a usage error, not a crash."""
    with pytest.raises(UserError, match="does not exist"):
        emit(["x"], tmp_path / "nowhere" / "out.json")
