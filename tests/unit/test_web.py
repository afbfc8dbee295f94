"""The server's own pieces: its access secret on disk, and what an app process is given."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from pipeline_tui.config import Settings
from pipeline_tui.web import Access, PipelineServer, access_token, token_file


def test_the_secret_is_made_once_owner_only_and_renewed_on_request() -> None:
    first = access_token()
    path = token_file()
    assert len(first) >= 40
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert access_token() == first
    path.chmod(0o644)  # loosened by hand: tightened again on the next start
    assert access_token() == first
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    renewed = access_token(renew=True)
    assert renewed != first and access_token() == renewed


def test_the_app_process_gets_the_database_in_its_environment_not_its_command_line(
    tmp_path: Path,
) -> None:
    secret_url = "postgresql://hr:s3cret@db.example/pipeline"
    server = PipelineServer(Settings(db=secret_url), token="x" * 43)
    command, environment = server._command(Access())
    assert "s3cret" not in command and "prepare" not in command
    assert environment["PIPELINE_TUI_DB"] == secret_url
    command, _environment = server._command(Access(invitation_id=7))
    assert command.endswith("-m pipeline_tui prepare 7")


def test_the_printed_address_names_the_host_browsers_use() -> None:
    settings = Settings(db="x.db")
    assert PipelineServer(settings, token="t").url("abc") == "http://127.0.0.1:8000/s/abc"
    server = PipelineServer(settings, token="t", public_url="https://prep.example.dk/")
    assert server.url("abc") == "https://prep.example.dk/s/abc"
    assert "0.0.0.0" not in PipelineServer(settings, host="0.0.0.0", token="t").url("abc")


def test_a_window_resized_past_what_a_screen_needs_gets_the_most_a_window_may_have() -> None:
    """A resize message is the window's (anyone's with a link) to send: 30000 × 30000 went
    to the app as asked, which then laid out and drew 900 million cells. The app is told at
    most 500 × 200; what is no number, 80 × 24 (the end-to-end test sends them to a real
    server: tests/e2e/test_serve_sessions.py)."""
    import asyncio
    import json

    from textual_serve.download_manager import DownloadManager

    from pipeline_tui.web import SessionService

    class Pipe:
        def __init__(self) -> None:
            self.sent: list[dict] = []

        def write(self, packet: bytes) -> None:
            self.sent.append(json.loads(packet[5:]))  # b"M", its length (4 bytes), JSON

        async def drain(self) -> None:
            pass

    async def nothing(*_args: object) -> None:
        pass

    service = SessionService(
        "true",
        {},
        write_bytes=nothing,
        write_str=nothing,
        close=nothing,
        download_manager=DownloadManager(),
    )
    service._stdin = pipe = Pipe()  # type: ignore[assignment]  # the app's stdin, as a list
    asked = [(30000, 30000), (120, 40), (0, -5), (30000.0, 1e300), ("wide", None), (2, 1)]
    for width, height in asked:
        asyncio.run(service.set_terminal_size(width, height))  # type: ignore[arg-type]  # as sent
    told = [(meta["width"], meta["height"]) for meta in pipe.sent]
    assert told == [(500, 200), (120, 40), (1, 1), (500, 200), (80, 24), (2, 1)]


def test_a_window_open_when_the_server_stops_says_so_and_that_its_typing_is_saved(
    tmp_path: Path,
) -> None:
    """ctrl+c in the server's terminal with an employee's link open: the window said only
    "Sessionen er slut." and offered "Start igen", so the employee could not tell whether
    the server was gone or their answers kept. The window is closed with its own code and
    the page (in the server's language) says the server stopped and what was typed is
    saved, with "Prøv igen"."""
    import asyncio
    import re
    from datetime import timedelta

    from aiohttp.test_utils import TestClient, TestServer

    from pipeline_tui import clock, services
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.store.repository import open_repository
    from pipeline_tui.texts import locale
    from pipeline_tui.web import SERVER_STOPPED

    db = tmp_path / "serve.db"
    repo = open_repository(str(db))
    try:
        person = repo.people.create("Jonas Friis", "lead_self")
        talk = services.start_conversation(
            repo, load_packs(None).default, person.id, held_on=clock.today() + timedelta(days=7)
        )
        _record, link = repo.invitations.issue(talk.id)
    finally:
        repo.close()
    server = PipelineServer(Settings(db=str(db), language="da"), token="x" * 43)
    words = locale("da")

    async def drive() -> tuple[str, str, int]:
        client = TestClient(TestServer(await server._make_app()))
        await client.start_server()
        page = await (await client.get(f"/s/{link}")).text()
        kinds = re.search(r"const kinds = (\{[^}]*\});", page)
        assert kinds is not None
        kind = json.loads(kinds.group(1))[str(SERVER_STOPPED)]
        ws = await client.ws_connect(f"/s/{link}/ws?width=80&height=24")
        await asyncio.sleep(0.5)
        stopping = asyncio.ensure_future(client.server.close())  # as at ctrl+c
        await ws.receive(timeout=30)
        await stopping
        await client.close()
        return page, kind, ws.close_code or 0

    try:
        page, kind, code = asyncio.run(drive())
    finally:
        server.close()
    assert code == SERVER_STOPPED
    part = re.search(rf'<div class="ended" data-kind="{kind}" hidden>(.*?)</div>', page, re.S)
    assert part is not None
    assert "Serveren er blevet stoppet" in part.group(1) and "er gemt" in part.group(1)
    assert words.text("web.try_again") in part.group(1)
