"""Writing files the way personal data deserves: owner-only (0600) and atomically."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from pipeline_tui.errors import UserError


def write_private(path: Path, content: str | bytes | Iterable[str]) -> Path:
    """Write `content` to `path`; a crash leaves the old file or none, never half a file."""
    path = path.expanduser()
    if not path.parent.is_dir():
        if path.parent.exists():
            raise UserError(
                f"{path.parent} is a file, not a folder: cannot write {path.name} in it"
            )
        raise UserError(f"folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        if isinstance(content, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                for chunk in [content] if isinstance(content, str) else content:
                    handle.write(chunk)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {path}: {exc.strerror}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)  # failed midway: leave no half copy behind
        raise
    return path.resolve()


def safe_name(text: str) -> str:
    """A file-name-safe version of a name: 'Søren Ærø' -> 'soren-aero'."""
    text = text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "plan"
