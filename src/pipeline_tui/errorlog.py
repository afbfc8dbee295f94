"""The error log (`error.log` in the cache folder): where a bug is, never whose data.

A traceback is kept for a bug report, but a message can carry personal data:
SQLAlchemy's StatementError prints the statement's parameters (names, emails,
notes), and any message may quote a value. So the log holds, per exception in
the chain, its type, a sanitized message (the driver's own message for a
database error; quoted text, emails and numbers replaced) and the code
locations (file, line, function, source line), nothing else. Erasing a person
therefore never has to touch the log.
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
    """The message of `exc` with anything that may be data replaced by a placeholder."""
    orig = getattr(exc, "orig", None)
    text = str(orig) if isinstance(orig, BaseException) else str(exc)
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
        parts.append(f"{frames}{kind}: {sanitized_message(current)}\n")
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
