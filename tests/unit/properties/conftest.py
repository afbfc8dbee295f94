"""Property-based tests of bad input (issue 7, guarantee 5): shared settings and helpers.

The hypothesis profile `reliability` is sized so the whole folder runs in well
under a minute on a shared CI machine; PIPELINE_TUI_HYPOTHESIS=thorough runs
ten times the examples for a local hunt. Tests use it explicitly
(`settings.get_profile("reliability")`), so this folder changes nothing for the
other hypothesis tests of the suite.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pipeline_tui.store.repository import open_repository

settings.register_profile(
    "reliability",
    max_examples=600 if os.environ.get("PIPELINE_TUI_HYPOTHESIS") == "thorough" else 60,
    deadline=None,
    derandomize=os.environ.get("HYPOTHESIS_PROFILE") != "explore",  # see tests/conftest.py
    database=None,  # nothing written into the checkout; a failure prints its example
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A command that failed unexpectedly says so on one line and logs the traceback.
UNEXPECTED = re.compile(r"Traceback|unexpected error")


@pytest.fixture(scope="session")
def empty_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the current schema, made once and copied per example."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_repository(str(path)).close()
    return path


@pytest.fixture
def scratch(tmp_path: Path) -> Callable[..., Path]:
    """A new empty folder per call (hypothesis runs many examples in one test's tmp_path)."""
    counter = itertools.count()

    def make(name: str = "example") -> Path:
        folder = tmp_path / f"{name}-{next(counter)}"
        folder.mkdir()
        return folder

    return make


@pytest.fixture
def copy_db() -> Callable[[Path, Path], Path]:
    """Copy a closed template database (no -wal beside it) into `folder`."""

    def copy(template: Path, folder: Path) -> Path:
        return Path(shutil.copyfile(template, folder / "pipeline.db"))

    return copy


@pytest.fixture
def assert_no_crash(_isolated_user_folders: Path) -> Callable[..., None]:
    """Fail on exit code 1 (an unexpected error), a traceback, or an error.log written."""

    def check(result, *, allowed: tuple[int, ...] = (0, 2)) -> None:
        text = result.out + result.err
        assert not UNEXPECTED.search(text), text[-2000:]
        assert result.code in allowed, (result.code, text[-2000:])
        logs = list(_isolated_user_folders.rglob("error.log"))
        assert logs == [], logs[0].read_text(encoding="utf-8")[-3000:]

    return check
