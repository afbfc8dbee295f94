"""Today's date, in one place, so tests and demos can fix it.

PIPELINE_TUI_TODAY=YYYY-MM-DD pins the date for the whole program (used by
the end-to-end tests and the snapshot tests, whose pictures must not change
with the calendar).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def _pinned() -> date | None:
    pinned = os.environ.get("PIPELINE_TUI_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            pass
    return None


def today() -> date:
    return _pinned() or date.today()


def now() -> datetime:
    """This moment (UTC) for what the program dates on screen and on paper, such as a
    signature: with the date pinned, this time of day on the pinned (local) day, so a plan
    is not signed after the day it was printed."""
    moment = datetime.now().astimezone()
    pinned = _pinned()
    if pinned is not None:
        moment = datetime.combine(pinned, moment.timetz())
    return moment.astimezone(UTC)
