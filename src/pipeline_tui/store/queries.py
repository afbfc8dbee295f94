"""Every statement pipeline-tui runs as SQL text, in one place.

Portable SQL with named parameters (`:name`), run by the storage layer through
SQLAlchemy on any engine and by the start-up fast path on a stdlib sqlite3
connection; no SQLite-only or PostgreSQL-only SQL except where named so.
A test checks that no other module holds `SELECT` text.
"""

from __future__ import annotations

# PostgreSQL: a write transaction waits at most this long for the lock, then gives up.
LOCK_TIMEOUT_SQL = "SET LOCAL lock_timeout = {ms}"
# PostgreSQL: the one write lock (transaction-scoped advisory lock), like BEGIN IMMEDIATE.
WRITE_LOCK_SQL = "SELECT pg_advisory_xact_lock({key})"
# PostgreSQL: after rows came in with their ids (an import), the table's id sequence
# continues past the highest id.
RESET_SEQUENCE_SQL = """SELECT setval(pg_get_serial_sequence('"{table}"', 'id'),
    COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)"""
