"""Errors that reach the user as a message and an exit code, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or usage: the message is shown on stderr and the exit code is 2."""

    exit_code = 2


class StorageError(UserError):
    """The database cannot be used as asked (not a database, newer schema, read-only...)."""


class NotFoundError(UserError):
    """A person, conversation, goal... that does not exist (or no longer does)."""


class RuleError(UserError):
    """A change the rules do not allow: a card beyond the deck's picks, editing a signed plan."""


class ConflictError(UserError):
    """Someone else changed the same field since it was read: both versions are kept.

    `theirs` is what is stored now, `mine` what this session tried to write; the
    caller shows both and lets the user choose, so neither is silently lost.
    """

    def __init__(self, what: str, field: str, theirs: object, mine: object) -> None:
        super().__init__(f"{what}: {field} was changed in another session meanwhile")
        self.what = what
        self.field = field
        self.theirs = theirs
        self.mine = mine
