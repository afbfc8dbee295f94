"""Floor of `person erase ID --yes`: the same rows deleted and the log emptied, stdlib only.

    python benchmarks/floors/erase.py DB ID

One write transaction: conversations they conducted lose the link (and, unless
signed, the name), the person goes (their conversations, ratings, cards, plans,
goals and actions by cascade), an erasure row is left; then the write-ahead log
is checkpointed and truncated. With secure_delete, as the product does it.
"""

import sqlite3
import sys


def main():
    person = int(sys.argv[2])
    connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=15)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "UPDATE conversation SET conducted_by = '[erased]', conductor_id = NULL "
        "WHERE conductor_id = ? AND status != 'signed'",
        (person,),
    )
    connection.execute(
        "UPDATE conversation SET conductor_id = NULL WHERE conductor_id = ?", (person,)
    )
    removed = connection.execute("DELETE FROM person WHERE id = ?", (person,)).rowcount
    connection.execute(
        "INSERT INTO erasure (erased_at, rows_removed, erased_ids) "
        "VALUES (datetime('now'), ?, '{}')",
        (removed,),
    )
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


main()
