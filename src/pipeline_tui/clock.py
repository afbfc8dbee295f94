"""Today's date, in one place, so tests and demos can fix it.

PIPELINE_TUI_TODAY=YYYY-MM-DD pins the date for the whole program (used by
the end-to-end tests and the snapshot tests, whose pictures must not change
with the calendar).
"""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    pinned = os.environ.get("PIPELINE_TUI_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return date.today()
