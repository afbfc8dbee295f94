"""`pipeline-tui serve`'s app processes, driven over real websockets (aiohttp's client):
one link runs one app at a time (a new window takes it over once the old app has ended),
the server runs so many at most, and a window is told why its session ended: the link
closed (and why), opened elsewhere, or the server full. A link that opens nothing gets a
small page in the server's language that echoes nothing of the request."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from pipeline_tui.store.repository import open_repository

from .serving import Served, make_conversation

pytestmark = pytest.mark.slow

WAIT = 90.0  # seconds: a loaded two-core machine starts a Python app slowly
LINK_CHECK = 5.0  # a closed link ends its open window within 5 s (LINK_CHECK_SECONDS)
LINK_CLOSED, OPENED_ELSEWHERE, BUSY = 4001, 4009, 4029


@pytest.fixture
def served(user_env: dict[str, str], tmp_path: Path) -> Iterator[Served]:
    db = tmp_path / "serve.db"
    make_conversation(db)
    server = Served(user_env, db, "--lang", "da")
    yield server
    server.kill()


class Most:
    """The most app processes the server ran at once, looked at every 50 ms."""

    def __init__(self, server: Served) -> None:
        self.server = server
        self.most = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            self.most = max(self.most, self.server.sessions())

    def stop(self) -> int:
        self._stop.set()
        self._thread.join(timeout=5)
        return self.most


def ws_address(link: str) -> str:
    return link.replace("http://", "ws://", 1) + "/ws?width=100&height=30"


async def connect(session: aiohttp.ClientSession, link: str) -> aiohttp.ClientWebSocketResponse:
    # autoclose off: the server's close frame (its code and reason) is read as sent
    return await session.ws_connect(ws_address(link), autoclose=False)


async def screen_or_close(
    ws: aiohttp.ClientWebSocketResponse, timeout: float = WAIT
) -> tuple[int, str] | None:
    """None once the app's first screen has arrived; (code, reason) if the server closed
    the websocket first."""
    received = 0
    async with asyncio.timeout(timeout):
        while True:
            message = await ws.receive()
            if message.type is aiohttp.WSMsgType.BINARY:
                received += len(message.data)
                if received > 2000:
                    return None
            elif message.type is aiohttp.WSMsgType.CLOSE:
                return message.data, message.extra or ""
            elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                return 1006, ""


async def closed(ws: aiohttp.ClientWebSocketResponse, timeout: float = WAIT) -> tuple[int, str]:
    """The code and reason the server closes the websocket with (the screen read past)."""
    async with asyncio.timeout(timeout):
        while True:
            message = await ws.receive()
            if message.type is aiohttp.WSMsgType.CLOSE:
                return message.data, message.extra or ""
            if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                return 1006, ""


def wait_for(condition, what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


async def until(condition, what: str, timeout: float = WAIT) -> None:
    """`wait_for` inside the client's event loop (which keeps answering the server)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.1)


def test_a_link_runs_one_app_at_a_time_and_the_newest_window_takes_it_over(
    served: Served,
) -> None:
    link = served.invite(1)
    other_link = served.invite(1)  # a second link to the same preparation
    most = Most(served)

    async def drive() -> None:
        async with aiohttp.ClientSession() as session:
            first = await connect(session, link)
            assert await screen_or_close(first) is None
            assert served.sessions() == 1
            # The same preparation in a second window, through the other link: the first
            # window is told it moved, and the second gets the app once the first's ended.
            second = await connect(session, other_link)
            assert await closed(first) == (OPENED_ELSEWHERE, "")
            assert await screen_or_close(second) is None
            # A flood of windows on one link: the newest takes it over, each older one is
            # told so, and no more than one app runs for it at any moment.
            flood = []
            for _ in range(12):
                flood.append(await connect(session, link))
            results = await asyncio.gather(closed(second), *(screen_or_close(ws) for ws in flood))
            assert results[:-1] == [(OPENED_ELSEWHERE, "")] * 12
            assert results[-1] is None  # the newest window has the app
            assert served.sessions() == 1
            await flood[-1].close()

    asyncio.run(drive())
    wait_for(lambda: not served.app_processes(), "the last window's app to end")
    assert most.stop() == 1
    assert served.stop() == 0


def terminals(server: Served) -> list[tuple[int, int]] | None:
    """The terminal size each app process was started with (textual-serve's COLUMNS and
    ROWS); None while there is none, or one is not started yet (forked, not run)."""
    sizes = []
    for pid in server.app_processes():
        try:
            raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except (FileNotFoundError, ProcessLookupError):
            continue
        environment = dict(item.decode().split("=", 1) for item in raw if b"=" in item)
        if "COLUMNS" not in environment:
            return None
        sizes.append((int(environment["COLUMNS"]), int(environment["ROWS"])))
    return sizes or None


def test_a_window_asking_for_a_giant_terminal_gets_one_a_screen_needs(served: Served) -> None:
    """The terminal's size is the window's to say (the websocket's address, then its resize
    messages), and so anyone's with a link: 20000 × 20000 had the app lay out and draw 400
    million cells, taking gigabytes within a minute and no longer ending when its window
    closed. A window gets at most 500 × 200; the app answers and ends with its window."""
    link = served.invite(1)
    giant = link.replace("http://", "ws://", 1) + "/ws?width=20000&height=20000"

    async def drive() -> None:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(giant, autoclose=False)
            await until(lambda: terminals(served), "the app process")
            sizes = terminals(served)
            assert sizes and all(size == (500, 200) for size in sizes), sizes
            assert await screen_or_close(ws) is None
            await ws.send_json(["resize", {"width": 30000, "height": 1e9}])
            await ws.send_json(["resize", {"width": "wide", "height": None}])
            await ws.send_json(["resize", {"width": 30000, "height": 30000}])
            await asyncio.sleep(1)
            await ws.close()

    asyncio.run(drive())
    wait_for(lambda: not served.app_processes(), "the app to end with its window", timeout=30)
    assert served.stop() == 0


def test_the_server_runs_so_many_apps_at_once_and_refuses_more_in_so_many_words(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "serve.db"
    make_conversation(db)
    served = Served(user_env, db, "--lang", "en", serve_args=("--max-sessions", "2"))
    try:
        link = served.invite(1)
        most = Most(served)

        async def drive() -> None:
            async with aiohttp.ClientSession() as session:
                whole = [await connect(session, served.url) for _ in range(2)]
                for ws in whole:
                    assert await screen_or_close(ws) is None
                # Full: a third window (the whole app again, or a link) starts nothing.
                for address in (served.url, served.url, link):
                    refused = await connect(session, address)
                    assert await screen_or_close(refused) == (BUSY, "")
                assert served.sessions() == 2
                # One window closes; once its app has ended there is room again.
                await whole[0].close()
                await until(lambda: served.sessions() < 2, "the first app to end")
                again = await connect(session, link)
                assert await screen_or_close(again) is None
                assert served.sessions() == 2
                for ws in (whole[1], again):
                    await ws.close()

        asyncio.run(drive())
        wait_for(lambda: not served.app_processes(), "the apps to end")
        assert most.stop() == 2
        assert served.stop() == 0
        full = [line for line in served.errors if line.startswith("Full:")]
        assert full == [  # said once when it filled up, not once per window refused
            "Full: 2 app processes run, so new windows are refused until one of them ends "
            "(--max-sessions)"
        ]
    finally:
        served.kill()


def get_page(address: str) -> tuple[int, str, str, str]:
    """Status, content type, the Cache-Control header and the text of a page."""

    async def fetch() -> tuple[int, str, str, str]:
        async with aiohttp.ClientSession() as session, session.get(address) as response:
            return (
                response.status,
                response.headers.get("Content-Type", ""),
                response.headers.get("Cache-Control", ""),
                await response.text(),
            )

    return asyncio.run(fetch())


def test_a_window_is_told_in_its_language_when_its_link_closes_while_open(
    served: Served,
) -> None:
    """Revoked, or the conversation held: the app ends, the window is told why (close code
    and reason), and the page it reloads says so in Danish, with what to do."""
    revoked = served.invite(1)
    status, kind, _cache, page = get_page(revoked)
    assert status == 200 and '<html lang="da">' in page
    assert "Linket er blevet åbnet i et andet vindue" in page  # its words for each ending
    assert "Sessionen er slut." in page and "Start igen" in page
    assert "Session ended" not in page and "googleapis" not in page

    def close_while_open(link: str, close) -> tuple[int, str]:
        async def drive() -> tuple[int, str]:
            async with aiohttp.ClientSession() as session:
                ws = await connect(session, link)
                assert await screen_or_close(ws) is None
                await asyncio.to_thread(close)
                return await closed(ws, timeout=LINK_CHECK + WAIT)

        return asyncio.run(drive())

    assert close_while_open(revoked, lambda: served.invite(1, "--revoke")) == (
        LINK_CLOSED,
        "closed",
    )
    status, kind, cache, page = get_page(revoked)
    assert (status, kind, cache) == (403, "text/html; charset=utf-8", "no-store")
    assert '<html lang="da">' in page and "<h1>Linket er lukket</h1>" in page
    assert "Tal med din leder eller HR" in page
    assert revoked.rsplit("/", 1)[1] not in page

    held = served.invite(1)  # (the revoke closed every link of the conversation)

    def hold() -> None:
        repo = open_repository(str(served.db))
        try:
            repo.conversations.set_status(1, "completed")
        finally:
            repo.close()

    assert close_while_open(held, hold) == (LINK_CLOSED, "held")
    status, kind, _cache, page = get_page(held)
    assert (status, kind) == (403, "text/html; charset=utf-8")
    assert "Samtalen er gået i gang eller er afholdt, så linket er lukket." in page
    wait_for(lambda: not served.app_processes(), "the apps to end")


def test_a_window_whose_person_is_erased_is_not_told_its_answers_are_saved(
    served: Served,
) -> None:
    """The person erased while their link is open (the link goes with them): the window is
    told the conversation is no longer there ('gone'), not that what they gave is saved (it
    was told 'closed': 'Linket virker ikke længere. Det, du gav, før det lukkede, er gemt')."""
    from pipeline_tui.store.privacy import erase_person

    link = served.invite(1)
    status, _kind, _cache, page = get_page(link)
    assert status == 200
    gone = "Linket virker ikke længere: samtalen, det hørte til, findes ikke mere."
    assert gone in page  # the words the page shows for a window closed so

    def erase() -> None:
        repo = open_repository(str(served.db))
        try:
            erase_person(repo.engine, repo.conversations.detail(1).conversation.person_id)
        finally:
            repo.close()

    async def drive() -> tuple[int, str]:
        async with aiohttp.ClientSession() as session:
            ws = await connect(session, link)
            assert await screen_or_close(ws) is None
            await asyncio.to_thread(erase)
            return await closed(ws, timeout=LINK_CHECK + WAIT)

    assert asyncio.run(drive()) == (LINK_CLOSED, "gone")
    wait_for(lambda: not served.app_processes(), "the app to end")


def send(method: str, address: str) -> tuple[int, str, str, str]:
    """Status, content type, text and the Allow header of a request other than GET."""

    async def fetch() -> tuple[int, str, str, str]:
        async with (
            aiohttp.ClientSession() as session,
            session.request(method, address, data=b"x") as response,
        ):
            return (
                response.status,
                response.headers.get("Content-Type", ""),
                await response.text(),
                response.headers.get("Allow", ""),
            )

    return asyncio.run(fetch())


def test_a_link_that_opens_nothing_gets_a_small_page_in_the_servers_language(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "serve.db"
    make_conversation(db)
    served = Served(user_env, db, "--lang", "en")
    try:
        token = served.url.rsplit("/", 1)[1]
        marked_up = "%3Cb%3Eme%3C%2Fb%3E%26amp"  # <b>me</b>&amp, as the browser sends it
        revoked = served.invite(1)
        served.invite(1, "--revoke")
        pages = {
            f"{served.base}/": "The link does not work",
            f"{served.base}/s/{marked_up}": "The link does not work",
            f"{served.base}/s/{token[:-1]}": "The link does not work",
            f"{served.base}/s/{marked_up}/ws": "The link does not work",
            revoked: "The link is closed",
        }
        for address, title in pages.items():
            status, kind, cache, page = get_page(address)
            assert (status, kind, cache) == (403, "text/html; charset=utf-8", "no-store"), address
            assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page, address
            assert f"<title>{title}</title>" in page and f"<h1>{title}</h1>" in page, address
            assert len(page) < 2000, address
            for echoed in ("<b>", "me</b>", "&amp;amp", token, revoked.rsplit("/", 1)[1]):
                assert echoed not in page, (address, echoed)
        assert "Talk to your manager or HR if you need a new link." in get_page(revoked)[3]
        # Nothing there: 404, the same page; the script's folders are nothing to look at (it
        # was aiohttp's plain English '403: Forbidden').
        for nowhere in ("/favicon.ico", f"/{marked_up}/x", "/static/", "/static/js/"):
            status, kind, cache, page = get_page(served.base + nowhere)
            assert (status, kind, cache) == (404, "text/html; charset=utf-8", "no-store"), nowhere
            assert "<h1>The link does not work</h1>" in page and "<b>" not in page
        # Anything but GET: 405 and what is allowed, the same page (it was aiohttp's plain
        # English '405: Method Not Allowed').
        for address in (served.url, revoked, f"{served.base}/s/{marked_up}", served.base + "/"):
            status, kind, page, allowed = send("POST", address)
            assert (status, kind) == (405, "text/html; charset=utf-8"), address
            assert "<h1>The link does not work</h1>" in page and "GET" in allowed, address
            assert token not in page and revoked.rsplit("/", 1)[1] not in page
        assert not served.app_processes()
    finally:
        served.kill()
