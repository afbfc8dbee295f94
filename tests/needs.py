"""What the tests need from the machine (PostgreSQL's binaries, chromium, poppler, tmpfs).

On a developer's machine a missing tool skips the tests that need it, with the package to
install. In CI (`.ci/run` sets PIPELINE_TUI_CI=1 and installs every tool first) a missing
tool fails the run: a skip there would pass CI with those tests never run.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

ENV_CI = "PIPELINE_TUI_CI"


def missing(reason: str, *, module: bool = False) -> NoReturn:
    """Skip (fail in CI) because the machine lacks what `reason` names."""
    if os.environ.get(ENV_CI):
        pytest.fail(f"{reason} — CI installs it, so its absence is a failure", pytrace=False)
    pytest.skip(reason, allow_module_level=module)
