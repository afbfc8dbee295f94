"""`pipeline-tui serve`: the app in a browser, on textual-serve.

textual-serve's `Server` runs one app process per browser session and passes
the keystrokes and the screen over a websocket. This subclass puts an access
secret in front of everything that starts or drives an app process:

- `/s/<secret>` (the page) and `/s/<secret>/ws` (the websocket that starts the
  process and drives it) answer only to the server's own secret, kept owner-only
  in the config folder (the whole app, as at the terminal), or to a preparation
  link's secret (`pipeline-tui invite`: one conversation's preparation for one
  party, or with `--group` one anonymous rater's rating form; checked against
  the stored hash each time). Anything else is 403 and
  no process is started.
- `/static/...` (the terminal emulator's script and styles) and textual-serve's
  `/download/<key>` (a file the running app delivers, under a single-use random
  key) start and drive nothing.

The app process gets the database and the content from the environment (never
on its command line, where a server URL's password would be visible), and a
link's session gets the invitation's id, which the process checks again.
Requests are not logged (their paths hold secrets); the app processes' own
error lines are passed on.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import secrets
import shlex
import signal
import sys
import threading
from asyncio.subprocess import Process
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from pipeline_tui.config import ENV_CONTENT, ENV_DB, ENV_LANG, Settings, config_dir
from pipeline_tui.errors import UserError

TOKEN_FILE_NAME = "serve-token"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
log = logging.getLogger("pipeline-tui.serve")


def token_file() -> Path:
    return config_dir() / TOKEN_FILE_NAME


def access_token(*, renew: bool = False) -> str:
    """The server's own secret: made on first use, kept owner-only (0600, in a 0700
    folder) in the config folder, the same every time until renewed."""
    from pipeline_tui import files
    from pipeline_tui.config import ensure_private_dir

    path = token_file()
    if not renew and path.is_file():
        if os.name == "posix" and path.stat().st_mode & 0o077:
            path.chmod(0o600)
        token = path.read_text(encoding="utf-8").strip()
        if len(token) >= 32:
            return token
    ensure_private_dir(path.parent)
    token = secrets.token_urlsafe(32)
    files.write_private(path, token + "\n", overwrite=True)
    return token


class PathFree(logging.Filter):
    """aiohttp's lines may quote a request, and its path holds a secret ("Error handling
    request" with the unreadable request line in its traceback, a websocket's address...).
    A line of aiohttp's or asyncio's that comes with an error becomes one line naming the
    error's type; one that quotes anything else is dropped; their fixed words pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(("aiohttp", "asyncio")):
            return True
        if record.exc_info or record.exc_text:
            error = record.exc_info[1] if record.exc_info else None
            if isinstance(error, HttpProcessingError):  # the browser's request, unreadable
                record.msg = "refused a request it could not read (%s)"
            elif record.name.startswith("aiohttp"):
                record.msg = "a request ended on %s"
            else:
                record.msg = "the server met %s"
            record.args = (type(error).__name__ if error is not None else "an error",)
            record.exc_info = record.exc_text = record.stack_info = None
            return True
        return not record.args and isinstance(record.msg, str) and "/" not in record.msg


@dataclass(frozen=True)
class Access:
    """What a secret opens: the whole app, or one invitation's preparation."""

    invitation_id: int | None = None


class SessionService(AppService):
    """One app process, given the database, content and language in its environment."""

    def __init__(self, command: str, environment: dict[str, str], **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self._extra_environment = environment

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.update(self._extra_environment)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """As textual-serve starts it, but in a session of its own: ctrl+c in the server's
        terminal reaches the server alone, which then closes each browser session in order
        (its app saves what was typed and ends), rather than every app at once."""
        self._process = process = await asyncio.create_subprocess_shell(
            self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process


class PipelineServer(Server):
    """textual-serve's server with the access secret in front of the app."""

    def __init__(
        self,
        settings: Settings,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        token: str,
        public_url: str | None = None,
        say: Callable[..., str] | None = None,
    ) -> None:
        """`say(key, **values)` words what the server prints (the command line's texts)."""
        super().__init__(command="pipeline-tui", host=host, port=port, title="pipeline-tui")
        self.settings = settings
        self.token = token
        self.given_public_url = public_url.rstrip("/") if public_url else None
        self._repo: Any = None
        self._opening = threading.Lock()
        self._sockets: set[web.WebSocketResponse] = set()
        self.say = say or (lambda key, **values: f"{key} {values}")

    # addresses

    @property
    def base_url(self) -> str:
        """Where a browser reaches the server (as printed and put in links)."""
        if self.given_public_url:
            return self.given_public_url
        host = self.host
        if host in ("", "0.0.0.0", "::"):
            import socket

            host = socket.gethostname()
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def url(self, token: str) -> str:
        return f"{self.base_url}/s/{token}"

    # the secret

    def _repository(self) -> Any:
        with self._opening:  # requests are checked on worker threads
            if self._repo is None:
                from pipeline_tui.store.repository import open_repository

                self._repo = open_repository(self.settings.db)
            return self._repo

    def _check(self, token: str) -> Access | None:
        """What `token` opens, or None (blocking: the invitation is read from the database)."""
        if hmac.compare_digest(token.encode("utf-8", "replace"), self.token.encode("utf-8")):
            return Access()
        from pipeline_tui.store.invitations import AccessError

        try:
            invitation = self._repository().invitations.check(token)
        except AccessError:
            return None
        return Access(invitation.id)

    async def _access(self, request: web.Request) -> Access:
        token = request.match_info.get("token", "")
        try:
            access = await asyncio.to_thread(self._check, token)
        except UserError:  # the database cannot answer: no way in either
            access = None
        if access is None:
            raise web.HTTPForbidden(text="403: this link does not open anything (any more).\n")
        return access

    # the web application

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._private_headers])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_forbidden),
                web.get("/s/{token}", self.handle_index, name="index"),
                web.get("/s/{token}/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _private_headers(self, request: web.Request, handler: Any) -> web.StreamResponse:
        response = await handler(request)
        response.headers["Referrer-Policy"] = "no-referrer"  # the secret is in the path
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    async def handle_forbidden(self, request: web.Request) -> web.Response:
        raise web.HTTPForbidden(text="403: open the link pipeline-tui printed.\n")

    async def handle_index(self, request: web.Request) -> web.Response:
        await self._access(request)
        origin = self.given_public_url or f"{request.scheme}://{request.host}"
        scheme = "wss" if origin.startswith("https") else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}:{origin.split(':', 1)[1]}{request.path}/ws",
            "config": {"static": {"url": f"{origin}/static/"}},
            "application": {"name": "pipeline-tui"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def _command(self, access: Access) -> tuple[str, dict[str, str]]:
        """The app process's command line and what it finds in its environment."""
        settings = self.settings
        environment = {ENV_DB: settings.identity}
        if settings.content_dir is not None:
            environment[ENV_CONTENT] = str(settings.content_dir)
        if settings.language_from_user:
            environment[ENV_LANG] = settings.language
        argv = [sys.executable, "-m", "pipeline_tui"]
        if access.invitation_id is not None:
            argv += ["prepare", str(access.invitation_id)]
        return shlex.join(argv), environment

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """The secret is checked before anything is started; then as textual-serve does."""
        access = await self._access(request)
        origin = request.headers.get("Origin")
        same_site = origin is None or origin.split("://", 1)[-1] == request.host
        if not (same_site or origin == self.given_public_url):
            raise web.HTTPForbidden(text="403: another site's page may not drive the app.\n")
        command, environment = self._command(access)
        websocket = web.WebSocketResponse(heartbeat=15)
        if not websocket.can_prepare(request).ok:  # a plain request, not a websocket's
            raise web.HTTPBadRequest(text="400: this address takes a websocket only.\n")
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: SessionService | None = None
        self._sockets.add(websocket)
        try:
            await websocket.prepare(request)
            service = SessionService(
                command,
                environment,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # the type only: a message may hold personal data
            log.error("a browser session ended on %s", type(error).__name__)
        finally:
            self._sockets.discard(websocket)
            if service is not None:
                await service.stop()
        return websocket

    # start and stop

    def serve(self, debug: bool = False) -> None:
        """As textual-serve runs it, but with no request log, and the URL printed only once
        the server listens (a port in use ends in `OSError` with nothing printed)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            access_log=None,
            print=self._listening,  # called once every address listens
        )

    def initialize_logging(self) -> None:
        """Plain lines, no request log (its paths hold the secrets), no local variables;
        aiohttp's and asyncio's lines are cut to the error's type (`PathFree`)."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(PathFree())
        logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
        logging.getLogger("aiohttp.access").setLevel(logging.CRITICAL + 1)

    def _listening(self, *_running: object) -> None:
        say = self.say
        if self.host not in LOOPBACK:
            print(say("serve_exposed", host=self.host), file=sys.stderr, flush=True)
        print(say("serve_url", url=self.url(self.token)), flush=True)
        print(say("serve_stop"), flush=True)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing is printed yet: the server listens only after this (`_listening`)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c: every browser session is closed, so its app saves and ends now."""
        for websocket in list(self._sockets):
            with contextlib.suppress(Exception):
                await websocket.close()

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()
            self._repo = None
