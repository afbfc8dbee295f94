"""Settings and every path the program uses, decided in one place.

This module is on the start-up path, so it uses a dataclass rather than a
pydantic model (pydantic costs ~40 ms to import) and imports platformdirs only
when a path is asked for.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_plus

from pipeline_tui.errors import UserError
from pipeline_tui.files import home_path
from pipeline_tui.texts import LANGUAGES

APP_NAME = "pipeline-tui"
DEFAULT_LANGUAGE = "da"
THEMES = ("pipeline-dark", "pipeline-light")
DEFAULT_THEME = "pipeline-dark"

ENV_DB = "PIPELINE_TUI_DB"
ENV_CONTENT = "PIPELINE_TUI_CONTENT"
ENV_LANG = "PIPELINE_TUI_LANG"
ENV_SERVE_URL = "PIPELINE_TUI_SERVE_URL"  # where `pipeline-tui serve` is reached, for links
DEFAULT_SERVE_URL = "http://127.0.0.1:8000"

DB_FILE_NAME = "pipeline.db"
DEMO_DB_FILE_NAME = "demo.db"
CONFIG_FILE_NAME = "config.json"


@cache
def _dirs() -> Any:
    # Deferred: platformdirs is only needed once a path is asked for.
    from platformdirs import PlatformDirs

    return PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """Where databases live (e.g. ~/.local/share/pipeline-tui)."""
    return Path(_dirs().user_data_dir)


def config_dir() -> Path:
    """Where the user's preferences live (e.g. ~/.config/pipeline-tui)."""
    return Path(_dirs().user_config_dir)


def cache_dir() -> Path:
    """Where derived data lives, safe to delete (e.g. parsed content packs)."""
    return Path(_dirs().user_cache_dir)


def documents_dir() -> Path:
    """Where printed plans go unless a file or folder is given (e.g. ~/Documents/pipeline-tui):
    a plan printed from the app once landed in whatever folder the app was started in."""
    return Path(_dirs().user_documents_dir) / APP_NAME


def config_file() -> Path:
    return config_dir() / CONFIG_FILE_NAME


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILE_NAME


def recovery_file(db: str) -> Path:
    """Where answers that could not be saved to database `db` wait to be offered back.

    One file per database (named by a hash of its path or URL, never by the URL
    itself, which may hold a password), beside the databases in the data folder.
    """
    import hashlib

    digest = hashlib.sha256(db.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return data_dir() / "recovery" / f"{digest}.json"


def serve_url(given: str | None = None) -> str:
    """Where `pipeline-tui serve` is reached (given, PIPELINE_TUI_SERVE_URL, else its default
    address), for the preparation links `invite` and the setup step make."""
    from urllib.parse import urlsplit

    # (an empty --url is refused as it is, not taken for none: "--url $UNSET" gave 127.0.0.1)
    url = given if given is not None else os.environ.get(ENV_SERVE_URL) or DEFAULT_SERVE_URL
    shown = repr(url[:200])
    scheme, colon, rest = url.partition(":")
    if colon and scheme.lower() in ("http", "https"):
        # (a scheme is case-insensitive: HTTPS://host is https://host, and the links say so)
        url = f"{scheme.lower()}:{rest}"
    if not url.startswith(("http://", "https://")):
        raise UserError(
            f"the address of pipeline-tui serve must begin with http:// or https://, not {shown}",
            "url_scheme",
            url=shown,
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # a port that is not a number raises here
    except ValueError:
        parts = None
    if parts is None or not parts.hostname or any(c.isspace() or ord(c) < 32 for c in url):
        raise UserError(
            f"the address of pipeline-tui serve needs a host name, and no spaces: not {shown} "
            "(e.g. https://mus.example.dk or http://127.0.0.1:8000)",
            "url_host",
            url=shown,
        )
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise UserError(
            f"the address of pipeline-tui serve ends before any '?' or '#': not {shown} "
            "(the link's own path follows it)",
            "url_query",
            url=shown,
        )
    if parts.username is not None or parts.password is not None:
        # (it would be in every link handed out; the address is not said again: it holds it)
        raise UserError(
            "the address of pipeline-tui serve holds a user name or password (user:password@): "
            "it would be in every link handed out; give the address without it",
            "url_credentials",
        )
    return url.rstrip("/")


def ensure_private_dir(path: Path) -> Path:
    """Create `path` owner-only (0700) whatever the umask; tighten it if it exists.

    Every folder this creates on the way (the app's folder above a `packs`
    cache, say) is made 0700 too: `mkdir(parents=True)` would give those
    the umask's mode (0777 under umask 000).
    """
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        if os.name == "posix":
            folder.chmod(0o700)
    if not path.is_dir():
        raise UserError(f"{path} is not a folder")
    if os.name == "posix" and (path.stat().st_mode & 0o077):
        path.chmod(0o700)
    return path


@dataclass(frozen=True)
class UserPreferences:
    """What the user chose in the app and expects to find next time."""

    language: str | None = None
    theme: str | None = None
    # The organisation's name and logo (a PNG or JPEG file) on printed plans; set by
    # hand in config.json ("organisation", "logo"), kept when the app saves the rest.
    organisation: str | None = None
    logo: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> UserPreferences:
        """Read the preferences; a missing or unreadable file gives the defaults."""
        path = path or config_file()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        language = raw.get("language")
        theme = raw.get("theme")
        organisation, logo = raw.get("organisation"), raw.get("logo")
        return cls(
            language=language if language in LANGUAGES else None,
            theme=theme if isinstance(theme, str) else None,
            organisation=organisation.strip() or None if isinstance(organisation, str) else None,
            logo=logo if isinstance(logo, str) and logo.strip() else None,
        )

    def save(self, path: Path | None = None) -> None:
        """Write atomically and owner-only, so a crash never leaves half a file."""
        path = path or config_file()
        ensure_private_dir(path.parent)
        # Deferred: files.py is needed only when the preferences change.
        from pipeline_tui.files import write_private

        saved: dict[str, str | None] = {"language": self.language, "theme": self.theme}
        for name in ("organisation", "logo"):
            if getattr(self, name):
                saved[name] = getattr(self, name)
        write_private(path, json.dumps(saved, indent=2), overwrite=True)


@dataclass(frozen=True)
class Settings:
    """Everything a command needs to know about where things are and how to show them.

    Fields:
        db: the database as given (`--db` / PIPELINE_TUI_DB): a path or a SQLAlchemy
            URL; None means the default file in the user data directory.
        content_dir: an extra content pack folder (`--content` / PIPELINE_TUI_CONTENT),
            or a folder of packs; it replaces a shipped pack of the same id.
        language: the UI and content language, one of LANGUAGES.
        theme: the TUI theme name.
        language_from_user: True when `--lang` or the environment chose the
            language, so the app does not overwrite it with the remembered one.
        organisation: the organisation's name on printed plans ("" for none).
        logo: an image file printed beside it on HTML and PDF plans, or None.
    """

    db: str | None = None
    content_dir: Path | None = None
    language: str = DEFAULT_LANGUAGE
    theme: str = DEFAULT_THEME
    language_from_user: bool = False
    organisation: str = ""
    logo: Path | None = None
    preferences_path: Path | None = field(default=None, compare=False)

    @classmethod
    def resolve(
        cls,
        *,
        db: str | None = None,
        content: str | os.PathLike[str] | None = None,
        lang: str | None = None,
        environ: dict[str, str] | None = None,
        preferences: UserPreferences | None = None,
    ) -> Settings:
        """Combine options, environment and remembered preferences, in that order."""
        env = os.environ if environ is None else environ
        prefs = preferences if preferences is not None else UserPreferences.load()
        if db is not None and not db.strip():  # `--db ""` (an unset shell variable, say)
            raise UserError(
                "--db is empty: give a database file or URL "
                "(or leave --db out to use the default database)",
                "db_blank",
            )
        if content is not None and not os.fspath(content).strip():
            raise UserError(
                "--content is empty: give a folder of content packs "
                "(or leave --content out to use the packs that come with the program)",
                "content_blank",
            )
        source = "--db" if db is not None else ENV_DB
        db = db or env.get(ENV_DB) or None
        if db is not None and is_conninfo(db):  # it was a SQLite file named by its password
            raise UserError(
                f"{source} is a libpq connection string (key=value words), not a database "
                "file or URL: give the server as a postgresql:// URL, e.g. "
                "postgresql://user@host:5432/dbname (the password in ~/.pgpass)",
                "db_conninfo",
                source=source,
            )
        if db is not None and password_holds_at(db):  # never echoed: it holds the password
            raise UserError(
                f"the password in the {source} URL seems to hold an @: write each @ in it as "
                "%40 (postgresql://user:pa%40ss@host/dbname), or keep the password out of "
                "the URL, in ~/.pgpass",
                "db_password_at",
                source=source,
            )
        content = content or env.get(ENV_CONTENT) or None
        explicit_lang = lang or env.get(ENV_LANG) or None
        if explicit_lang is not None and explicit_lang not in LANGUAGES:
            raise UserError(
                f"unknown language {explicit_lang!r}: choose one of {', '.join(LANGUAGES)}"
            )
        content_dir = None
        if content is not None:
            content_dir = home_path(content)
            try:
                content_dir.is_file()
            except OSError as exc:  # a folder on the way that one may not enter
                raise UserError(
                    f"cannot read the content folder {content_dir}: {exc.strerror}",
                    "content_unreadable",
                    path=content_dir,
                    error=exc.strerror,
                    errno=exc.errno,
                ) from None
            if content_dir.is_file():
                # A pack is a folder; pointing at its pack.yaml (or a zip) is a common slip.
                raise UserError(
                    f"--content must be a folder, not a file: {content_dir}",
                    "content_is_file",
                    path=content_dir,
                )
            if not content_dir.is_dir():
                raise UserError(
                    f"content folder not found: {content_dir}", "no_content", path=content_dir
                )
        return cls(
            db=db,
            content_dir=content_dir,
            language=explicit_lang or prefs.language or DEFAULT_LANGUAGE,
            theme=prefs.theme if prefs.theme in THEMES else DEFAULT_THEME,
            language_from_user=explicit_lang is not None,
            organisation=prefs.organisation or "",
            logo=home_path(prefs.logo) if prefs.logo else None,
        )

    def with_db(self, db: str | None) -> Settings:
        return replace(self, db=db)

    @property
    def identity(self) -> str:
        """The database as one string (its file's full path, or its URL), e.g. to name the
        recovery journal that belongs to it."""
        path = self.db_path
        return str(path.resolve()) if path is not None else str(self.db)

    @property
    def db_path(self) -> Path | None:
        """The SQLite file when the database is a local file, else None (a server URL)."""
        return sqlite_path(self.db)


def keep_database(db: str | None) -> None:
    """Keep the database `db` (a path or URL; None: the default) from being written over
    by a file this process writes (a server's URL: nothing to keep): `files.keep_path`."""
    path = sqlite_path(db)
    if path is not None:
        from pipeline_tui.files import keep_path  # files is below config (no cycle)

        keep_path(path)


# Where the database is: a path or a SQLAlchemy URL, resolved without SQLAlchemy (the first
# screen reads a local SQLite file before the storage layer has been imported).

SQLITE_MEMORY = ":memory:"


def _is_url(db: str) -> bool:
    return "://" in db


# libpq's connection keywords: a `--db` that begins with one and "=" is a keyword/value
# connection string ("host=db port=5432 dbname=pipeline user=hr password=..."), not a file.
LIBPQ_KEYWORDS = frozenset(
    [
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "password",
        "passfile",
        "require_auth",
        "channel_binding",
        "connect_timeout",
        "client_encoding",
        "options",
        "application_name",
        "fallback_application_name",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
        "tcp_user_timeout",
        "replication",
        "gssencmode",
        "sslmode",
        "requiressl",
        "sslcompression",
        "sslcert",
        "sslkey",
        "sslpassword",
        "sslcertmode",
        "sslrootcert",
        "sslcrl",
        "sslcrldir",
        "sslsni",
        "requirepeer",
        "ssl_min_protocol_version",
        "ssl_max_protocol_version",
        "krbsrvname",
        "gsslib",
        "gssdelegation",
        "service",
        "target_session_attrs",
        "load_balance_hosts",
    ]
)
_CONNINFO = re.compile(r"\s*(?P<keyword>[A-Za-z_]+)\s*=")


def is_conninfo(db: str) -> bool:
    """Whether `db` is a libpq keyword/value connection string rather than a path or a URL."""
    found = _CONNINFO.match(db)
    return not _is_url(db) and found is not None and found["keyword"].lower() in LIBPQ_KEYWORDS


def resolve_url(db: str | None) -> str:
    """A SQLAlchemy URL for the database given as a path, a URL or nothing (the default)."""
    if db is None:
        return f"sqlite:///{default_db_path()}"
    if _is_url(db):
        return db
    return f"sqlite:///{home_path(db).resolve()}"


def sqlite_path(db: str | None) -> Path | None:
    """The local SQLite file behind `db`, or None for a server or an in-memory database."""
    if db is None:
        return default_db_path()
    if not _is_url(db):
        return home_path(db).resolve()
    scheme, _, rest = db.partition("://")
    if scheme.split("+")[0] != "sqlite":
        return None
    # sqlite:///relative.db, sqlite:////absolute.db; a query string may follow.
    rest = rest.split("?", 1)[0]
    if not rest.startswith("/"):
        return None
    path = unquote(rest[1:])
    if path in ("", SQLITE_MEMORY):
        return None
    return home_path(path).resolve()


# Connection parameters whose value is a secret, in a URL's query string (libpq's keywords;
# SQLAlchemy passes the query string on to the driver as they are).
SECRET_PARAMETERS = frozenset({"password", "sslpassword"})
MASK = "***"
_USERINFO = re.compile(r"(?P<user>[^:/]*)(?::(?P<password>[^@]*))?@")


def password_holds_at(url: str) -> bool:
    """Whether the password in the user part of `url` seems to hold an "@" not written as
    %40: SQLAlchemy (and `describe`) end the user part at the first "@", so the rest of
    the password would be read as the host, the port, the database or the query, and shown
    as such in messages. Said when another "@" follows, unless every one is in a query
    string of key=value pairs (`?application_name=hr@example`)."""
    scheme, _, rest = url.partition("://")
    userinfo = _USERINFO.match(rest)
    if scheme.split("+")[0] == "sqlite" or userinfo is None or userinfo["password"] is None:
        return False
    tail = rest[userinfo.end() :]
    place, _, query = tail.partition("?")
    if "@" in place:
        return True
    return "@" in query and not all("=" in part for part in query.split("&") if part)


def describe(db: str | None) -> str:
    """The database for messages: a file path, or the URL without its password (in the
    user part, `user:***@host`, or in the query string, `?password=***`). A password that
    seems to hold an unencoded "@" (`password_holds_at`) is masked to the last "@"."""
    path = sqlite_path(db)
    if path is not None:
        return str(path)
    url = resolve_url(db)
    scheme, sep, rest = url.partition("://")
    userinfo = _USERINFO.match(rest)  # read as SQLAlchemy reads it: to the first "@"
    user = ""
    if userinfo is not None and password_holds_at(url):
        return f"{scheme}{sep}{userinfo['user']}:{MASK}@{rest.rpartition('@')[2]}"
    if userinfo is not None:
        user, rest = userinfo[0], rest[userinfo.end() :]
        if userinfo["password"] is not None:
            user = f"{userinfo['user']}:{MASK}@"
    place, mark, query = rest.partition("?")
    return f"{scheme}{sep}{user}{place}{mark}{_masked_query(query)}"


def _masked_query(query: str) -> str:
    """`query` with the value of each secret parameter (`SECRET_PARAMETERS`) masked."""
    query, hash_mark, fragment = query.partition("#")
    parts = []
    for part in query.split("&"):
        key, equals, _value = part.partition("=")
        if equals and unquote_plus(key).strip().lower() in SECRET_PARAMETERS:
            part = f"{key}={MASK}"
        parts.append(part)
    return "&".join(parts) + hash_mark + fragment
