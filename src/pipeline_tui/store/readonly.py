"""A read-only stdlib connection to a local SQLite file at the current schema.

The fast read paths (the first screen, `overview`, `plan print`) use it to skip
importing SQLAlchemy. Anything else, no file, not a database, another schema
revision, returns None: the caller then opens the database through the storage
layer, which creates, upgrades or refuses it with the proper message.
"""

from __future__ import annotations

import os
from pathlib import Path

HEADER_SIZE = 100


def cut_short(path: Path) -> tuple[int, int] | None:
    """(size, promised size) of a SQLite file shorter than its header says, else None.

    SQLite keeps the page count at offset 28 of the header; it is valid when the
    change counter (24) equals the version-valid-for number (92). A shorter file
    was cut short (a copy that did not finish); a write-ahead log beside it may
    still hold the missing pages, so then nothing is concluded.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
        size = path.stat().st_size
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
    except OSError:
        return None
    if not header:
        return None
    if len(header) < HEADER_SIZE:
        return size, HEADER_SIZE
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages == 0 or header[24:28] != header[92:96]:
        return None
    return (size, pages * page_size) if size < pages * page_size else None


def read_only_uri(path: Path) -> str:
    """The URI that opens `path` without writing anything beside it.

    In a folder that cannot be written SQLite cannot create the -shm file a
    database in WAL mode needs; with no write-ahead log left beside it the file is
    complete and, the folder being read-only, cannot change: it is opened immutable.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = Path(f"{path}-wal")
    if not os.access(path.parent, os.W_OK) and not (wal.exists() and wal.stat().st_size):
        uri += "&immutable=1"
    return uri
