"""A PostgreSQL database that takes no changes (a hot standby, or one whose
default_transaction_read_only is on): every write is refused in one line of the user's
language, exit code 2, nothing changed and nothing in error.log (it was an "unexpected
error: InternalError", exit 1, with a traceback in the log)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline_tui import config
from pipeline_tui.errors import StorageError
from pipeline_tui.store.repository import open_repository
from pipeline_tui.texts import locale, refusal

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

ROSTER = "name,email,title,unit,layer,manager_email\nBo Lund,bo.lund@example.dk,,,lead_self,\n"
SAID = {
    "en": "pipeline-tui: the database {db} takes no changes (the server holds it read-only: "
    "a standby, or default_transaction_read_only is on): nothing was changed\n",
    "da": "pipeline-tui: databasen {db} tager ikke imod ændringer (serveren holder den "
    "skrivebeskyttet: en standby-server, eller default_transaction_read_only er slået til): "
    "intet er ændret\n",
}


@pytest.fixture
def read_only(db: str, sample_org: Any, pg_cluster: Any) -> Iterator[str]:
    """The test's database (the sample organisation), read-only from the next connection on."""
    name = db.rsplit("/", 1)[1]
    pg_cluster.admin(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    yield db


def test_every_writing_command_is_refused_in_one_line(
    run_cli, read_only: str, sample_org: Any, peek, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    before = peek("SELECT id, name FROM person ORDER BY id")
    shown = config.describe(read_only)
    for lang in ("en", "da"):
        for command in (
            ("people", "import", roster),
            ("person", "erase", sample_org.jonas, "--yes"),
            ("person", "erase", sample_org.jonas, "--yes", "--scrub-mentions"),
        ):
            done = run_cli("--lang", lang, "--db", read_only, *command)
            assert (done.code, done.err) == (2, SAID[lang].format(db=shown)), command
    assert peek("SELECT id, name FROM person ORDER BY id") == before
    assert not (config.cache_dir() / "error.log").exists()


def test_a_store_write_says_why_and_may_pass(read_only: str) -> None:
    """The app's writes: a StorageError it keeps the answer for and tries again (a standby
    may be promoted), said in the app's language."""
    repository = open_repository(read_only)
    try:
        with pytest.raises(StorageError) as caught:
            repository.people.create("Bo Lund", "lead_self", email="bo.lund@example.dk")
    finally:
        repository.close()
    error = caught.value
    assert (error.reason, error.transient) == ("server_readonly", True)
    assert "\n" not in str(error)
    assert (
        refusal(error, locale("da"))
        == SAID["da"].format(db=config.describe(read_only))[len("pipeline-tui: ") : -1]
    )
