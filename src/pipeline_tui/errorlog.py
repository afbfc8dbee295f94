"""The error log: what a bug report needs, and no personal data.

An exception's message can carry what the user typed or what a statement was
given (names, emails, notes: SQLAlchemy puts a statement's parameters into its
message). The log keeps the exception types, where they were raised (file,
line, function) and, for our own storage errors, their reason word; never a
message, never local variables. Owner-only, appended to, in the cache folder.
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

LOG_NAME = "error.log"


def describe(error: BaseException) -> str:
    """The exception chain as types and frames only (see module docstring)."""
    lines = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        reason = getattr(current, "reason", "")
        lines.append(f"{kind.__module__}.{kind.__qualname__}" + (f" [{reason}]" if reason else ""))
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        if current is not None:
            lines.append("caused by:")
    return "\n".join(lines)


def record(error: BaseException, where: str = "") -> Path | None:
    """Append `error` to the log; its path, or None when it cannot be written."""
    from pipeline_tui.config import cache_dir, ensure_private_dir

    try:
        folder = ensure_private_dir(cache_dir())
        path = folder / LOG_NAME
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(path, 0o600)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write(f"--- {stamp} {where}\n{describe(error)}\n\n")
        return path
    except OSError:
        return None
