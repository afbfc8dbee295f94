"""The one way the program writes a file: owner-only (0600), atomically, never over a stranger.

Every file the program writes (exports, printed plans, backups, the content
cache, preferences) goes through `write_private` or `private_temporary`:

- the content is written to a temporary file with a random name in the target's
  folder, created with O_EXCL | O_NOFOLLOW and mode 0600, so a name another
  local user created in advance (or a symbolic link) can never capture it;
- it is flushed to disk, then renamed onto the target, so a crash leaves the
  old file or none, never half a file;
- an existing target is refused (`TargetExistsError`, exit 2) unless the
  caller was told to replace it (`--force`, or the user said yes in the TUI);
  a target that is not a regular file (a folder, /dev/null, a FIFO) is refused
  always;
- the database the program works on (`keep_path`), its -wal, -shm and -journal
  files, are refused always, by whatever name or link they are given.

A refusal names its `reason` and particulars (`UserError.values`: the path, the system's
`errno` and `error`), so that it can be said in the user's language.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline_tui.errors import UserError

_NAME_ROOM = 180  # leaves room for ".<name>.<random>.tmp" within a 255-byte file name


def home_path(name: str | os.PathLike[str]) -> Path:
    """`name` with a leading "~" or "~user" made the home folder. A "~user" of no user on
    this machine ("~anne/plan.pdf": the shell leaves it as it is) is refused with a clear
    message: Python raises RuntimeError for it, and it ended in "unexpected error"."""
    try:
        return Path(name).expanduser()
    except RuntimeError:
        user = str(name).split("/", 1)[0].split(os.sep, 1)[0]
        raise UserError(
            f"there is no user called {user[1:]} on this machine ({name}): "
            "write the folder's path out in full",
            "no_such_user",
            user=user[1:],
            path=name,
        ) from None


class TargetExistsError(UserError):
    """The file to write exists already; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} exists already: nothing was written "
            "(choose another file, or add --force to replace it)",
            "exists",
            path=path,
        )
        self.path = path


_COMPANIONS = ("", "-wal", "-shm", "-journal")  # the database, and SQLite's files beside it


def _same_file(path: Path, other: Path) -> bool:
    """Whether `path` and `other` name one file: the same file found (through a link, a
    hard link, another spelling of the path), or the same full name when one is not there."""
    try:
        return os.path.samefile(path, other)
    except OSError:  # one of them is not there (or cannot be looked at): compare the names
        pass
    try:
        return path.parent.resolve() / path.name == other.parent.resolve() / other.name
    except (OSError, RuntimeError):
        return False


# The SQLite databases this process works on: no file is ever written over one of them, nor
# over its -wal, -shm or -journal (`check_target`), whatever a command is asked.
_KEPT: list[Path] = []


def keep_path(path: Path) -> None:
    """Keep the SQLite database `path` from being written over (`config.keep_database`
    names it from --db)."""
    if path not in _KEPT:
        _KEPT.append(path)


def kept_databases() -> tuple[Path, ...]:
    return tuple(_KEPT)


def _refuse_a_database(path: Path) -> None:
    """Refuse `path` when it is a database this process works on (`keep_path`), or one of
    its files."""
    for database in kept_databases():
        for suffix in _COMPANIONS:
            if _same_file(path, Path(f"{database}{suffix}")):
                raise UserError(
                    f"{path} is the database {database} or one of its files: nothing was "
                    "written (choose another file)",
                    "database_target",
                    path=path,
                    db=database,
                )


def check_target(path: Path, *, overwrite: bool = False) -> Path:
    """The target `path`, expanded, after refusing what must not be written over."""
    path = home_path(path)
    _refuse_a_database(path)
    folder = path.parent
    if not folder.is_dir():
        if folder.exists():
            raise UserError(
                f"{folder} is a file, not a folder: cannot write {path.name} in it",
                "not_folder",
                folder=folder,
                name=path.name,
            )
        raise UserError(f"folder {folder} does not exist", "no_folder", folder=folder)
    try:
        found = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    if stat.S_ISDIR(found.st_mode):
        raise UserError(f"{path} is a folder: give a file name", "folder_target", path=path)
    if not stat.S_ISREG(found.st_mode) and not stat.S_ISLNK(found.st_mode):
        raise UserError(
            f"{path} is not a regular file (a device or a pipe): nothing was written",
            "special_target",
            path=path,
        )
    if not overwrite:
        raise TargetExistsError(path)
    if stat.S_ISLNK(found.st_mode):
        raise UserError(
            f"{path} is a symbolic link: nothing was written over it", "link_target", path=path
        )
    return path


def cannot_write(path: Path, exc: OSError) -> UserError:
    """`path` could not be written, for the system's reason."""
    return UserError(
        f"cannot write {path}: {exc.strerror}",
        "cannot_write",
        path=path,
        error=exc.strerror,
        errno=exc.errno,
    )


def _create_temporary(folder: Path, name: str) -> tuple[Path, int]:
    """A new, empty, owner-only file with an unguessable name in `folder`, and its descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    stem = name[:_NAME_ROOM]
    for _ in range(20):
        tmp = folder / f".{stem}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue  # someone holds that name: take another, never theirs
        except OSError as exc:
            raise UserError(
                f"cannot write in {folder}: {exc.strerror}",
                "cannot_write_in",
                folder=folder,
                error=exc.strerror,
                errno=exc.errno,
            ) from exc
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return tmp, fd
    raise UserError(f"cannot create a temporary file in {folder}", "no_temporary", folder=folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _place(tmp: Path, path: Path, overwrite: bool) -> None:
    """Move the finished temporary file onto `path`.

    Without `overwrite`, a hard link is used: it fails if the target appeared
    since it was checked (no window in which another file is replaced). Where
    the file system has no hard links, a checked rename is the fallback.
    """
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path, follow_symlinks=False)
    except FileExistsError:
        raise TargetExistsError(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(path):
            raise TargetExistsError(path) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


@contextmanager
def private_temporary(path: Path, *, overwrite: bool = False) -> Iterator[Path]:
    """A private temporary file beside `path` for a writer that needs a file name
    (SQLite's backup); on success it replaces `path`, on failure it is removed."""
    path = check_target(path, overwrite=overwrite)
    tmp, fd = _create_temporary(path.parent, path.name)
    os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _place(tmp, path, overwrite)
        _sync_folder(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_private(
    path: Path, content: str | bytes | Iterable[str], *, overwrite: bool = False
) -> Path:
    """Write `content` to `path`; a crash leaves the old file or none, never half a file."""
    path = check_target(path, overwrite=overwrite)
    tmp, fd = _create_temporary(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, bytes):
                handle.write(content)
            else:
                for chunk in [content] if isinstance(content, str) else content:
                    handle.write(chunk.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        _place(tmp, path, overwrite)
        _sync_folder(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise cannot_write(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)  # failed midway: leave no half copy behind
        raise
    return path.resolve()


def safe_name(text: str) -> str:
    """A file-name-safe version of a name: 'Søren Ærø' -> 'soren-aero'. A letter of
    another script stays itself ('王伟', 'محمد-علي'): dropped, every such name became the
    same file name, and the second person's sheet was refused or overwrote the first's."""
    text = text.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa")
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        latin = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if latin:
            kept.append(latin)
        elif char.isalnum():
            kept.append(char)
        else:
            kept.append("-")
    name = "".join(kept)
    # at most 60 characters: 180 bytes of another script leave room in a 255-byte file name
    return re.sub(r"[^a-z0-9\w]+|_+", "-", name).strip("-")[:60].strip("-") or "plan"
