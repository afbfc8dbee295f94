"""A PostgreSQL server stopped while the app works (`pg_ctl stop -m fast`, a restart, the
network gone): reads and writes are refused as "the database server cannot be reached", a
passing reason (the app keeps the answers and tries again), and pass again once the server
is back, on the same repository.

They were refused as "io", which the app's save indicator says as "disk not answering"
(Danish "disken svarer ikke") and the command line as a disk I/O error: a user looking
at a healthy disk while the server was down was told the wrong thing.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline_tui.config import describe
from pipeline_tui.errors import StorageError
from pipeline_tui.store.repository import open_repository
from pipeline_tui.texts import locale, refusal


def test_a_stopped_server_is_named_and_the_write_passes_once_it_is_back(
    own_pg_cluster: Any,
) -> None:
    cluster = own_pg_cluster
    url = cluster.new_database()
    repo = open_repository(url)
    try:
        bo = repo.people.create("Bo Lund", "lead_self", email="bo.lund@example.dk")
        cluster.pause()
        try:
            with pytest.raises(StorageError) as write:
                repo.people.update(bo.id, title="Sygeplejerske")
            with pytest.raises(StorageError) as read:
                repo.people.get(bo.id)
        finally:
            cluster.resume()
        for caught in (write, read):
            error = caught.value
            assert (error.reason, error.transient) == ("server", True), str(error)
            assert "\n" not in str(error)
        said = {lang: refusal(write.value, locale(lang)) for lang in ("en", "da")}
        shown = describe(url)
        assert said == {
            "en": f"the database server of {shown} cannot be reached (is it running?): "
            "nothing was changed, try again",
            "da": f"databaseserveren for {shown} kan ikke nås (kører den?): intet er ændret, "
            "prøv igen",
        }
        assert repo.people.update(bo.id, title="Sygeplejerske").title == "Sygeplejerske"
    finally:
        repo.close()


def test_a_server_that_never_answers_is_given_up_on_in_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server behind a network that drops packets: the connection is made (here: a socket
    that listens and never says a word) and libpq waited for its answer without end, holding
    the app's start (or a save) for minutes. It now gives up within the connect timeout:
    the command is refused in one line, the password never shown."""
    import socket
    import time

    from pipeline_tui.store import engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT_S", 2)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    url = f"postgresql://hr:hemmelig@127.0.0.1:{silent.getsockname()[1]}/pipeline"
    try:
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            open_repository(url)
        waited = time.monotonic() - started
    finally:
        silent.close()
    assert caught.value.reason == "unopened", str(caught.value)
    assert str(caught.value) == f"cannot open the database {describe(url)}: " + (
        "connection timeout expired"
    )
    assert "hemmelig" not in str(caught.value)
    assert waited < 15, waited


def test_a_connect_timeout_in_the_url_is_the_users_own() -> None:
    from pipeline_tui.store.engine import CONNECT_TIMEOUT_S, make_engine

    def timeout(url: str) -> object:
        engine = make_engine(url)
        return engine.dialect.create_connect_args(engine.url)[1].get("connect_timeout")

    assert CONNECT_TIMEOUT_S == 10
    made = make_engine("postgresql://hr@127.0.0.1:1/p")
    assert made.dialect.create_connect_args(made.url)[1].get("connect_timeout") is None
    assert timeout("postgresql://hr@127.0.0.1:1/p?connect_timeout=30") == "30"


def test_what_psycopg_ignores_on_a_lost_connection_is_not_printed() -> None:
    """A server stopped during an import: before the one line saying the server cannot be
    reached, stderr had "error ignored terminating <psycopg.Pipeline [BAD] at 0x7f...>: the
    connection is lost", psycopg's own warning printed raw by Python's logging. Once the
    storage layer has made a PostgreSQL engine, psycopg's warnings are no longer printed
    (in a process of its own: pytest listens to logging itself)."""
    import subprocess
    import sys

    script = (
        "import logging\n"
        "from pipeline_tui.store.engine import make_engine\n"
        "make_engine('postgresql://hr@127.0.0.1:1/pipeline').dispose()\n"
        "logging.getLogger('psycopg').warning('error ignored terminating %s: %s', 'x', 'lost')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
