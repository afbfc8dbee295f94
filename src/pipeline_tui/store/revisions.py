"""The schema revisions this program knows, oldest first.

Kept as constants so opening an up-to-date database needs no Alembic import;
a test checks they match the scripts in `db/versions`.
"""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003")
HEAD = KNOWN_REVISIONS[-1]
