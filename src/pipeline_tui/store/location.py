"""Where the database is: declared in `pipeline_tui.config` (below the storage layer), so the
settings can tell a file from a server without importing `store`."""

from pipeline_tui.config import SQLITE_MEMORY, describe, resolve_url, sqlite_path

__all__ = ["SQLITE_MEMORY", "describe", "resolve_url", "sqlite_path"]
