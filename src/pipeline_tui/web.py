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

A link is one person's: one app process at a time works on what it opens (a party's
preparation of a conversation, whichever of its links opened it, or one rater's form).
A window that opens the link again takes over: the older window is closed (its app
saves what was typed and ends) and told where the link went, and the new window's app
starts only once the old one has ended, so two processes never write the same answers.
The server's own secret may run several windows, as the app runs in several terminals.
At most `max_sessions` app processes run at once; a window past that is refused and
told to try again in a moment.

What a browser is shown is in the server's language (`--lang`, or the one last chosen),
which is also the language a link's app is started in: the page's own words when its
session ends (the link closed, opened in another window, the server full: told by the
websocket's close code), and the small page that refuses a closed or unknown link.

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
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
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
from pipeline_tui.texts import locale
from pipeline_tui.vocabulary import RATER_GROUPS

TOKEN_FILE_NAME = "serve-token"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
MAX_SESSIONS = 20  # app processes at once (each a Python process of its own)
ENDING_WAIT = 60.0  # seconds a window waits for its link's previous app to end
# Why the server closed a browser's websocket (4000-4999: the application's own codes);
# the page says it in its own words (`PAGE`).
LINK_CLOSED = 4001  # its reason: "closed", "held" or "done"
OPENED_ELSEWHERE = 4009
BUSY = 4029
SERVER_STOPPED = 4503  # ctrl+c in the server's terminal: what was typed is saved
# The most cells a window's terminal may have (its width and height, from the page's
# address and its resize messages): a wide screen at a small font needs no more, and a
# bigger one (a changed address, a crafted message) would have the app lay out and draw a
# screen of that size, taking the server's memory without end (20000 × 20000: gigabytes
# in a minute, and the app no longer answered "quit").
MAX_COLUMNS = 500
MAX_ROWS = 200
log = logging.getLogger("pipeline-tui.serve")


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The terminal size a window asked for (text from its address, or numbers from its
    resize message), each within 1 and the most (`MAX_COLUMNS`, `MAX_ROWS`); what is no
    number is taken as 80 × 24."""

    def cells(value: object, default: int, most: int) -> int:
        if not isinstance(value, str | int | float):  # (a JSON list, object or null)
            return default
        try:
            number = int(value)
        except (ValueError, OverflowError):  # "wide", "1e9"; infinity
            return default
        return min(max(number, 1), most)

    return cells(width, 80, MAX_COLUMNS), cells(height, 24, MAX_ROWS)


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
    """What a secret opens: the whole app, or one invitation's preparation (or rating form)."""

    invitation_id: int | None = None
    conversation_id: int | None = None
    party: str = ""

    @property
    def one_at_a_time(self) -> Hashable | None:
        """What only one app process at a time may work on: a party's preparation of a
        conversation (whichever of its links opened it), or one rater's form; None for the
        whole app."""
        if self.invitation_id is None:
            return None
        if self.party in RATER_GROUPS:
            return ("rater", self.invitation_id)
        return ("preparation", self.conversation_id, self.party)


@dataclass(eq=False)
class Seat:
    """One app process the server runs (or is ending), and the window it answers."""

    key: Hashable
    websocket: web.WebSocketResponse
    ended: asyncio.Event = field(default_factory=asyncio.Event)


# What a refused page says, by the reason a link opens nothing: its title and its text.
REFUSALS = {
    "unknown": ("web.title.unknown", "web.unknown"),
    "revoked": ("web.title.closed", "web.closed"),
    "expired": ("web.title.closed", "web.closed"),
    "held": ("web.title.closed", "web.closed.held"),
    "done": ("web.title.closed", "web.closed.done"),
    "no_link": ("web.title.unknown", "web.no_link"),
    "unavailable": ("web.title.unavailable", "web.unavailable"),
}


class SessionService(AppService):
    """One app process, given the database, content and language in its environment."""

    def __init__(self, command: str, environment: dict[str, str], **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self._extra_environment = environment

    async def start(self, width: int, height: int) -> None:
        await super().start(*terminal_size(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        """As the window resizes, within the most a window may have (`terminal_size`)."""
        await super().set_terminal_size(*terminal_size(width, height))

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

    async def stop(self) -> None:
        """As textual-serve stops it (the app is told to quit, and its output read to the
        end), and then until the process has ended: only then may another start for the
        same link."""
        await super().stop()
        if self._process is not None:
            await self._process.wait()


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
        max_sessions: int = MAX_SESSIONS,
    ) -> None:
        """`say(key, **values)` words what the server prints (the command line's texts);
        `max_sessions`: how many app processes may run at once."""
        super().__init__(command="pipeline-tui", host=host, port=port, title="pipeline-tui")
        self.settings = settings
        self.token = token
        self.given_public_url = public_url.rstrip("/") if public_url else None
        self._repo: Any = None
        self._opening = threading.Lock()
        self._sockets: set[web.WebSocketResponse] = set()
        self.say = say or (lambda key, **values: f"{key} {values}")
        self.max_sessions = max_sessions
        self._seats: dict[Hashable, Seat] = {}  # the app processes running or ending
        self._waiting: dict[Hashable, web.WebSocketResponse] = {}  # the newest window of a link
        self._said_full = False

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

    def _check(self, token: str) -> Access:
        """What `token` opens (blocking: the invitation is read from the database); else
        `AccessError`, with the reason."""
        if hmac.compare_digest(token.encode("utf-8", "replace"), self.token.encode("utf-8")):
            return Access()
        invitation = self._repository().invitations.check(token)
        return Access(invitation.id, invitation.conversation_id, invitation.party)

    async def _access(self, request: web.Request) -> Access:
        """What the request's secret opens; else the page that says why not (403), or that
        the database cannot answer (503: no way in either)."""
        from pipeline_tui.store.invitations import AccessError

        token = request.match_info.get("token", "")
        try:
            return await asyncio.to_thread(self._check, token)
        except AccessError as error:
            raise self._refused(request, error.reason) from None
        except UserError:
            raise self._refused(request, "unavailable", web.HTTPServiceUnavailable) from None

    def _refused(
        self, request: web.Request, reason: str, kind: type[web.HTTPException] = web.HTTPForbidden
    ) -> web.HTTPException:
        """A small page in the server's language saying why nothing opens and what to do;
        nothing of the request in it."""
        return kind(text=self._refusal_page(request, reason), content_type="text/html")

    def _refusal_page(self, request: web.Request, reason: str) -> str:
        title, text = REFUSALS.get(reason, REFUSALS["unknown"])
        words = locale(self.settings.language)
        return aiohttp_jinja2.render_string(
            "refused.html",
            request,
            {"lang": words.lang, "title": words.text(title), "text": words.text(text)},
        )

    # the web application

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._private_headers])
        pages = {"app_index.html": PAGE, "refused.html": REFUSED_PAGE}
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader(pages), autoescape=True)
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
        try:
            response = await handler(request)
        except web.HTTPNotFound:  # an address the server has nothing at: said as a link's
            page = self._refused(request, "unknown", web.HTTPNotFound)
            self._private(page)
            raise page from None
        except web.HTTPMethodNotAllowed as refusal:  # a POST, a PUT: the same page, 405
            page = web.HTTPMethodNotAllowed(
                request.method,
                refusal.allowed_methods,
                text=self._refusal_page(request, "unknown"),
                content_type="text/html",
            )
            self._private(page)
            raise page from None
        except web.HTTPForbidden as refusal:
            if request.match_info.route.name != "static":
                self._private(refusal)
                raise
            page = self._refused(request, "unknown", web.HTTPNotFound)  # its folders: nothing
            self._private(page)
            raise page from None
        except web.HTTPException as refusal:  # a refusal's page is as private as any
            self._private(refusal)
            raise
        return self._private(response)

    @staticmethod
    def _private(response: web.StreamResponse) -> web.StreamResponse:
        response.headers["Referrer-Policy"] = "no-referrer"  # the secret is in the path
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    async def handle_forbidden(self, request: web.Request) -> web.Response:
        raise self._refused(request, "no_link")

    async def handle_index(self, request: web.Request) -> web.Response:
        await self._access(request)
        origin = self.given_public_url or f"{request.scheme}://{request.host}"
        scheme = "wss" if origin.startswith("https") else "ws"
        words = locale(self.settings.language)
        closed = words.text("web.title.closed")
        context = {
            "lang": words.lang,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "websocket_url": f"{scheme}:{origin.split(':', 1)[1]}{request.path}/ws",
            "static_url": f"{origin}/static/",
            "close_kinds": {
                LINK_CLOSED: "closed",
                OPENED_ELSEWHERE: "elsewhere",
                BUSY: "busy",
                SERVER_STOPPED: "stopped",
            },
            "ended": [  # what the page says when its session ends, by why (`close_kinds`)
                ("ended", "", words.text("web.ended"), words.text("web.restart")),
                ("elsewhere", "", words.text("web.elsewhere"), words.text("web.continue_here")),
                ("busy", "", words.text("web.busy"), words.text("web.try_again")),
                ("stopped", "", words.text("web.stopped"), words.text("web.try_again")),
                ("closed", closed, words.text("web.closed"), ""),
                ("held", closed, words.text("web.closed.held"), ""),
                ("done", closed, words.text("web.closed.done"), ""),
                ("gone", closed, words.text("web.closed.gone"), ""),
            ],
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def _command(self, access: Access) -> tuple[str, dict[str, str]]:
        """The app process's command line and what it finds in its environment."""
        settings = self.settings
        environment = {ENV_DB: settings.identity}
        if settings.content_dir is not None:
            environment[ENV_CONTENT] = str(settings.content_dir)
        if settings.language_from_user or access.invitation_id is not None:
            # (a link's app speaks the language of the pages around it)
            environment[ENV_LANG] = settings.language
        argv = [sys.executable, "-m", "pipeline_tui"]
        if access.invitation_id is not None:
            argv += ["prepare", str(access.invitation_id)]
        return shlex.join(argv), environment

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """The secret is checked before anything is started, and the window given a seat
        (`_take_seat`); then as textual-serve does."""
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
        seat: Seat | None = None
        self._sockets.add(websocket)
        try:
            await websocket.prepare(request)
            taken = await self._take_seat(access.one_at_a_time or object(), websocket)
            if not isinstance(taken, Seat):
                await websocket.close(code=taken)
                return websocket
            seat = taken

            async def app_ended() -> None:
                await self._app_ended(websocket, access)

            service = SessionService(
                command,
                environment,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=app_ended,
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
            try:
                if service is not None:
                    await service.stop()
            finally:
                if seat is not None:
                    self._leave(seat)
        return websocket

    # one app process per link, and so many at most

    async def _take_seat(self, key: Hashable, websocket: web.WebSocketResponse) -> Seat | int:
        """A seat for the window's app process, or the close code that says why not.

        The newest window of a link wins: an app still working for the link is told to end
        (its window is closed with `OPENED_ELSEWHERE`; the app saves and ends), an older
        window still waiting for it is closed the same way, and this one waits until that
        app has ended. Then a seat is taken if fewer than `max_sessions` app processes run
        (or are ending), else `BUSY`. Runs on the event loop only: nothing else happens
        between a check and the seat taken after it."""
        older = self._waiting.get(key)
        self._waiting[key] = websocket
        try:
            if older is not None:
                await older.close(code=OPENED_ELSEWHERE)
            while True:
                if self._waiting.get(key) is not websocket:
                    return OPENED_ELSEWHERE  # a newer window took the link while this waited
                held = self._seats.get(key)
                if held is None:
                    break
                if not held.websocket.closed:
                    await held.websocket.close(code=OPENED_ELSEWHERE)
                try:
                    await asyncio.wait_for(held.ended.wait(), ENDING_WAIT)
                except TimeoutError:  # that app does not end: try again later
                    return BUSY
            if len(self._seats) >= self.max_sessions:
                if not self._said_full:  # once each time it fills up, not for every window
                    self._said_full = True
                    log.warning(self.say("serve_full", n=len(self._seats)))
                return BUSY
            seat = self._seats[key] = Seat(key, websocket)
            return seat
        finally:
            if self._waiting.get(key) is websocket:
                del self._waiting[key]

    def _leave(self, seat: Seat) -> None:
        """The seat's app process has ended."""
        if self._seats.get(seat.key) is seat:
            del self._seats[seat.key]
        if len(self._seats) < self.max_sessions:
            self._said_full = False
        seat.ended.set()

    async def _app_ended(self, websocket: web.WebSocketResponse, access: Access) -> None:
        """The app ended by itself (textual-serve's `close`): a link's window is told when
        it ended because the link has closed, and why, so that the page can say it."""
        code, reason = 1000, ""
        if access.invitation_id is not None:
            from pipeline_tui.store.invitations import AccessError

            invitation_id = access.invitation_id
            try:
                await asyncio.to_thread(lambda: self._repository().invitations.get(invitation_id))
            except AccessError as error:
                code = LINK_CLOSED
                # "unknown": the link is no more (its conversation deleted, its person
                # erased): nothing is kept, so the window is not told its answers are
                reason = {"held": "held", "done": "done", "unknown": "gone"}.get(
                    error.reason, "closed"
                )
            except UserError:  # the database cannot answer: the session simply ended
                pass
        await websocket.close(code=code, message=reason.encode())

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
        """ctrl+c: every browser session is closed, so its app saves and ends now; the
        window says the server stopped (`SERVER_STOPPED`), not only that its session ended."""
        for websocket in list(self._sockets):
            with contextlib.suppress(Exception):
                await websocket.close(code=SERVER_STOPPED)

    def close(self) -> None:
        if self._repo is not None:
            self._repo.close()
            self._repo = None


# The page a link (or the server's own URL) opens: textual-serve's page, with the words
# in the server's language and no font from elsewhere. Its script learns why the
# session ended from the websocket's close code (`close_kinds`) and shows that text.
PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pipeline-tui</title>
<link rel="stylesheet" href="{{ static_url }}css/xterm.css">
<script>
(() => {
  const kinds = {{ close_kinds|tojson }};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("close", (event) => {
        let kind = kinds[event.code] || "ended";
        const why = ["held", "done", "gone"];
        if (kind === "closed" && why.includes(event.reason)) kind = event.reason;
        for (const part of document.querySelectorAll(".ended")) {
          part.hidden = part.dataset.kind !== kind;
        }
      });
    }
  };
})();
</script>
<script src="{{ static_url }}js/textual.js"></script>
<style>
  body { background: #0c181f; margin: 0; }
  .dialog-container {
    position: absolute; width: 100vw; height: 100vh; display: flex;
    align-items: center; justify-content: center; z-index: 10;
  }
  .shade { position: absolute; width: 100%; height: 100%; background: #0c181f; }
  .intro {
    max-width: 40rem; min-height: 8rem; margin: 2rem; padding: 1.5rem 2rem; z-index: 20;
    font: 16px/1.5 system-ui, sans-serif; text-align: center;
    color: rgba(255, 255, 255, 0.95); background-color: #12232d;
    display: flex; flex-direction: column; align-items: center; justify-content: center;
  }
  body.-first-byte .intro-dialog { display: none; }
  body .textual-terminal { opacity: 0; transition: opacity 0.3s ease-out; }
  body.-first-byte .textual-terminal { opacity: 1; }
  .closed-dialog { display: none; }
  body.-closed .closed-dialog { display: flex; }
  button {
    padding: 0.8rem 2rem; margin: 1rem auto 0; border: none; cursor: pointer;
    background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95); font: inherit;
  }
  button:hover { background: #ac5af4; }
  h1 { font-size: 1.25rem; margin: 0 0 0.5rem; }
</style>
</head>
<body>
<div class="dialog-container intro-dialog">
  <div class="shade"></div>
  <div class="intro"><div>pipeline-tui</div><span id="start" hidden></span></div>
</div>
<div class="dialog-container closed-dialog">
  <div class="shade"></div>
  <div class="intro">
    {%- for kind, title, text, button in ended %}
    <div class="ended" data-kind="{{ kind }}"{% if kind != "ended" %} hidden{% endif %}>
      {%- if title %}
      <h1>{{ title }}</h1>
      {%- endif %}
      <p>{{ text }}</p>
      {%- if button %}
      <button type="button" onclick="location.reload()">{{ button }}</button>
      {%- endif %}
    </div>
    {%- endfor %}
  </div>
</div>
<div id="terminal" class="textual-terminal"
  data-session-websocket-url="{{ websocket_url }}" data-font-size="{{ font_size }}"></div>
</body>
</html>
"""

# The page of a link that opens nothing: why, and what to do; nothing of the request.
REFUSED_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
  body { font: 17px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 4rem auto;
         padding: 0 1rem; color: #1b1b1b; background: #fafafa; }
</style>
</head>
<body>
<main>
<h1>{{ title }}</h1>
<p>{{ text }}</p>
</main>
</body>
</html>
"""
