"""`pipeline-tui serve` over plain HTTP: only the secret in the printed URL, or a preparation
link that still works, opens anything; everything else is 403 and starts no app process.
The server listens on 127.0.0.1 only, unless told otherwise (then it warns)."""

from __future__ import annotations

import base64
import http.client
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline_tui.store.repository import open_repository

from .conftest import COMMAND
from .serving import Served, free_port, make_conversation

pytestmark = pytest.mark.slow


@pytest.fixture
def served(user_env: dict[str, str], tmp_path: Path) -> Iterator[Served]:
    db = tmp_path / "serve.db"
    make_conversation(db)
    server = Served(user_env, db, "--lang", "en")
    yield server
    server.kill()


def get(server: Served, path: str, websocket: bool = False, origin: str = "") -> int:
    headers = {"Origin": origin} if origin else {}
    if websocket:
        headers |= {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        }
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def no_app_started(server: Served) -> bool:
    time.sleep(1.0)  # a process started by the request would be there by now
    return server.app_processes() == set()


def test_only_a_valid_secret_opens_the_page_and_nothing_else_starts_the_app(
    served: Served, tmp_path: Path
) -> None:
    talk_id = 1
    token = served.url.rsplit("/", 1)[1]
    link = served.invite(talk_id)
    assert link.startswith(f"{served.base}/s/")
    expired = served.invite(talk_id).rsplit("/", 1)[1]
    revoked_db = tmp_path / "serve.db"
    with sqlite3.connect(revoked_db) as connection:
        connection.execute(
            "UPDATE invitation SET expires_at = '2000-01-01 00:00:00.000000' WHERE id = 2"
        )
    refused = {
        "no secret": "/",
        "empty secret": "/s/",
        "wrong secret": "/s/not-the-secret",
        "the secret cut short": f"/s/{token[:-1]}",
        "an expired link": f"/s/{expired}",
    }
    for what, path in refused.items():
        assert get(served, path) in (403, 404), what
        assert get(served, path.rstrip("/") + "/ws", websocket=True) in (403, 404), what
        assert no_app_started(served), what
    assert get(served, "/s/not-the-secret/ws", websocket=True) == 403
    assert get(served, f"/s/{expired}/ws", websocket=True) == 403
    # The right secret from another site's page (a page that learnt it cannot drive the app).
    assert get(served, f"/s/{token}/ws", websocket=True, origin="http://evil.example") == 403

    # The right secret and a working link open the page (the app starts only with the
    # websocket, which the browser tests drive).
    assert get(served, f"/s/{token}") == 200
    assert get(served, "/" + link.split("/", 3)[3]) == 200
    assert no_app_started(served)

    # Revoked: the same link is refused from then on.
    served_link = "/" + link.split("/", 3)[3]
    served.invite(talk_id, "--revoke")
    assert get(served, served_link) == 403
    assert get(served, served_link + "/ws", websocket=True) == 403
    assert no_app_started(served)


def test_a_link_stops_once_the_conversation_is_held(served: Served, tmp_path: Path) -> None:
    link = served.invite(1)
    path = "/" + link.split("/", 3)[3]
    assert get(served, path) == 200
    repo = open_repository(str(tmp_path / "serve.db"))
    try:
        repo.conversations.set_status(1, "completed")
    finally:
        repo.close()
    assert get(served, path) == 403
    assert get(served, path + "/ws", websocket=True) == 403
    assert no_app_started(served)


def listening(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on `port` (IPv4 and IPv6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # LISTEN
                found.add(address)
    return found


def test_it_listens_on_the_loopback_address_only_and_keeps_its_secret_private(
    served: Served, user_env: dict[str, str]
) -> None:
    assert listening(served.port) == {"0100007F"}  # 127.0.0.1, and nothing on IPv6
    token_file = Path(user_env["XDG_CONFIG_HOME"]) / "pipeline-tui" / "serve-token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(token_file.parent.stat().st_mode) == 0o700
    assert served.url.endswith("/s/" + token_file.read_text().strip())
    assert not any("Warning" in line for line in served.errors)


def test_another_host_is_warned_about(user_env: dict[str, str], tmp_path: Path) -> None:
    db = tmp_path / "serve.db"
    make_conversation(db)
    port = free_port()
    # Still a loopback address (tests stay off the network), but not the default one.
    process = subprocess.Popen(
        [str(COMMAND), "--db", str(db), "serve", "--host", "127.0.0.2", "--port", str(port)],
        env={**user_env, "PIPELINE_TUI_LANG": "en"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not listening(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listening(port) == {"0200007F"}
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    assert "Warning: listening on 127.0.0.2" in err
    assert "reached from the network" in err
    assert process.returncode == 0


def raw_request(server: Served, request: bytes) -> bytes:
    """`request` as sent, byte for byte (http.client would refuse to send a broken one);
    what came back, up to the server's closing the connection."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_nothing_of_a_request_reaches_the_log_not_even_one_it_cannot_read(
    served: Served,
) -> None:
    token = served.url.rsplit("/", 1)[1]
    link = served.invite(1).rsplit("/", 1)[1]
    host = f"Host: 127.0.0.1:{served.port}\r\n".encode()
    too_long = "A" * 9000  # past aiohttp's 8190 bytes for a request line or a header
    for secret in (token, link):
        requests = {
            "an over-long request line": f"GET /s/{secret}?x={too_long} HTTP/1.1\r\n".encode()
            + host
            + b"\r\n",
            "an over-long header": f"GET /s/{secret} HTTP/1.1\r\n".encode()
            + host
            + f"X-Long: {too_long}\r\n\r\n".encode(),
            "a broken header": f"GET /s/{secret}/ws HTTP/1.1\r\n".encode()
            + host
            + b"No colon here\r\n\r\n",
            "a broken version": f"GET /s/{secret} HTTP/9.Z\r\n".encode() + host + b"\r\n",
        }
        for what, request in requests.items():
            answer = raw_request(served, request)
            # (aiohttp's answer quotes the request back to whoever sent it: not logged)
            assert answer.split(b"\r\n", 1)[0].endswith(b" 400 Bad Request"), what
    assert get(served, f"/s/{token}") == 200  # still serving
    assert served.stop() == 0
    output = "\n".join(served.lines + served.errors)
    assert token not in output.replace(served.url, "")  # only where it printed the URL
    assert link not in output
    assert "/s/" not in output.replace(served.url, "")
    assert "Traceback" not in output and "AAAAAAAA" not in output
    # One line each at most, naming what was wrong, not what was asked.
    assert served.errors[-1] == "Stopped."
    assert len(served.errors) <= 2 * len(requests) + 1
    assert all(line.startswith("refused a request") for line in served.errors[:-1])


def test_the_websocket_address_answers_a_plain_request_with_400(served: Served) -> None:
    token = served.url.rsplit("/", 1)[1]
    for _ in range(2):
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=60)
        try:
            connection.request("GET", f"/s/{token}/ws")
            response = connection.getresponse()
            assert response.status == 400
            assert token not in response.read().decode()
        finally:
            connection.close()
    assert get(served, "/s/not-the-secret/ws") == 403  # the secret is still checked first
    assert no_app_started(served)
    assert served.stop() == 0
    assert served.errors == ["Stopped."]


def test_a_port_in_use_is_refused_in_one_line_with_no_url_printed(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    db = tmp_path / "serve.db"
    make_conversation(db)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(COMMAND), "--db", str(db), "serve", "--port", str(port)],
            env={**user_env, "PIPELINE_TUI_LANG": "en"},
            capture_output=True,
            text=True,
            timeout=90,
        )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"pipeline-tui: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]


def test_a_host_that_is_no_address_is_refused_in_the_systems_words(
    user_env: dict[str, str], tmp_path: Path
) -> None:
    """`--host 999.1.1.1` resolves to nothing: the system's words ("Name or service not
    known"), not "Unknown error -2"."""
    db = tmp_path / "serve.db"
    make_conversation(db)
    result = subprocess.run(
        [str(COMMAND), "--db", str(db), "serve", "--host", "999.1.1.1", "--port", "8799"],
        env={**user_env, "PIPELINE_TUI_LANG": "en"},
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("pipeline-tui: cannot listen on 999.1.1.1:8799: "), line
    assert "Unknown error" not in line and line.split(": ")[-1].strip(), line
