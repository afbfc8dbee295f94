"""The error log (`error.log` in the cache folder): where a bug is, never whose data.

A traceback is kept for a bug report, but a message can carry personal data:
SQLAlchemy's StatementError prints the statement's parameters (names, emails,
notes), and any message may quote a value or name a person. So the log holds,
per exception in the chain, its type, the code locations (file, line,
function, source line) and, for a database error only, the driver's own
message, sanitized (quoted text, emails and numbers replaced); other messages
are left out. Erasing a person therefore never has to touch the log.
"""

from __future__ import annotations

import os
import re
import traceback
from datetime import UTC, datetime
from pathlib import Path

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_NUMBER = re.compile(r"\b\d{3,}\b")
_PARAMETERS = re.compile(r"\[parameters: .*?\]|\[SQL parameters hidden[^\]]*\]", re.S)


def sanitized_message(exc: BaseException) -> str:
    """The database driver's message of `exc` with anything that may be data replaced by a
    placeholder; "" for any other exception (its message may name a person)."""
    import sqlite3

    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        text = str(orig)
    elif isinstance(exc, sqlite3.Error):
        text = str(exc)
    else:
        return ""
    text = _PARAMETERS.sub("[parameters not logged]", text)
    text = text.splitlines()[0] if text else ""
    text = _EMAIL.sub("<email>", text)
    text = _QUOTED.sub("'…'", text)
    return _NUMBER.sub("<n>", text)[:300]


def describe(exc: BaseException) -> str:
    """Every exception in the chain: its type, sanitized message and the code it went through."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        kind = f"{type(current).__module__}.{type(current).__qualname__}"
        message = sanitized_message(current)
        parts.append(f"{frames}{kind}{': ' + message if message else ''}\n")
        current = current.__cause__ or current.__context__
    return "\nwhich was raised while handling:\n".join(reversed(parts))


def log_unexpected(exc: BaseException, folder: Path) -> Path | None:
    """Append `exc` to `folder`/error.log (owner-only); None if it cannot be written."""
    from pipeline_tui.config import ensure_private_dir

    try:
        ensure_private_dir(folder)
        path = folder / "error.log"
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(path, flags, 0o600)
        if os.name == "posix":
            os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n")
            handle.write(describe(exc))
            handle.write("\n")
        return path
    except OSError:
        return None


def record(exc: BaseException) -> Path | None:
    """Append `exc` to the cache folder's error.log."""
    from pipeline_tui.config import cache_dir

    return log_unexpected(exc, cache_dir())
