"""Preparation links in storage: the secret is never stored, only its hash; a link opens
its conversation until it is revoked, its days are over, or the conversation is held."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from pipeline_tui.errors import UserError
from pipeline_tui.store.invitations import AccessError
from pipeline_tui.store.repository import Repository, open_repository

pytestmark = pytest.mark.both_engines


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-02-20")  # before the conversation (2 March)


@pytest.mark.sqlite_only  # reads the file's bytes
def test_only_the_hash_of_the_secret_is_stored(repo: Repository, talk, peek, db_path) -> None:
    record, token = repo.invitations.issue(talk.id)
    assert len(token) >= 40
    rows = peek("SELECT conversation_id, party, token_hash FROM invitation")
    assert rows == [(talk.id, "self", hashlib.sha256(token.encode()).hexdigest())]
    repo.close()  # everything written to the file itself
    stored = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    assert token.encode() not in stored
    repo = open_repository(str(db_path))
    assert repo.invitations.check(token) == record
    assert record.expires_at - record.created_at == timedelta(days=14)
    repo.close()


def test_a_wrong_or_cut_secret_opens_nothing(repo: Repository, talk) -> None:
    _record, token = repo.invitations.issue(talk.id)
    for wrong in ("", token[:-1], token + "x", token.upper(), "x" * 500):
        with pytest.raises(AccessError) as caught:
            repo.invitations.check(wrong)
        assert caught.value.reason == "unknown"


def test_a_revoked_link_opens_nothing(repo: Repository, talk) -> None:
    _record, token = repo.invitations.issue(talk.id)
    _other, kept = repo.invitations.issue(talk.id, days=3)
    assert repo.invitations.revoke(talk.id) == 2
    for link in (token, kept):
        with pytest.raises(AccessError) as caught:
            repo.invitations.check(link)
        assert caught.value.reason == "revoked"
    assert repo.invitations.revoke(talk.id) == 0


@pytest.mark.sqlite_only  # moves the end into the past behind the program's back
def test_an_expired_link_opens_nothing(repo: Repository, talk, db_path) -> None:
    import sqlite3

    record, token = repo.invitations.issue(talk.id, days=1)
    past = (datetime.now(UTC) - timedelta(seconds=1)).replace(tzinfo=None)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE invitation SET expires_at = ?", (past.isoformat(sep=" "),))
    with pytest.raises(AccessError) as caught:
        repo.invitations.check(token)
    assert caught.value.reason == "expired"
    with pytest.raises(AccessError):
        repo.invitations.get(record.id)


@pytest.mark.parametrize("held", ["completed", "revealed", "date passed"])
def test_a_link_stops_once_the_conversation_is_held(
    repo: Repository, talk, monkeypatch: pytest.MonkeyPatch, held: str
) -> None:
    _record, token = repo.invitations.issue(talk.id)
    if held == "revealed":
        repo.conversations.update(talk.id, revealed=True)
    elif held == "date passed":
        monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-03-03")
    else:
        repo.conversations.set_status(talk.id, "completed")
    with pytest.raises(AccessError) as caught:
        repo.invitations.check(token)
    assert caught.value.reason == "held"
    with pytest.raises(UserError):  # and no new link for it
        repo.invitations.issue(talk.id)


def test_on_its_day_a_conversation_counts_as_held_and_its_links_still_open(
    repo: Repository, talk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one rule for the day of the conversation (2 March): it is being held, so the
    overview counts it held from that day, and its links stay open to the end of it (the
    person and the raters may still answer that morning); they close the day after."""
    _record, token = repo.invitations.issue(talk.id)
    repo.conversations.set_status(talk.id, "in_progress")

    def held_in_overview() -> int:
        return sum(
            held for who, _, _, held in repo.stats.kind_counts(2026) if who == talk.person_id
        )

    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-03-01")
    assert held_in_overview() == 0
    repo.invitations.check(token)
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-03-02")
    assert held_in_overview() == 1
    repo.invitations.check(token)  # still opens on the day
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-03-03")
    assert held_in_overview() == 1
    with pytest.raises(AccessError) as caught:
        repo.invitations.check(token)
    assert caught.value.reason == "held"


def test_bad_requests_are_refused_with_a_message(repo: Repository, talk) -> None:
    with pytest.raises(UserError, match="no conversation"):
        repo.invitations.issue(talk.id + 99)
    with pytest.raises(UserError, match="1 to 90 days"):
        repo.invitations.issue(talk.id, days=0)
    with pytest.raises(UserError):
        repo.invitations.issue(talk.id, party="manager")


def test_links_go_with_their_conversation_and_their_person(
    repo: Repository, talk, person, peek, content_ref
) -> None:
    from pipeline_tui.store.privacy import erase_person

    repo.invitations.issue(talk.id)
    repo.conversations.delete(talk.id)
    assert peek("SELECT COUNT(*) FROM invitation") == [(0,)]
    again = repo.conversations.start(
        person.id, kind="mus", held_on=talk.held_on, content=content_ref
    )
    repo.invitations.issue(again.id)
    erase_person(repo.engine, person.id)
    assert peek("SELECT COUNT(*) FROM invitation") == [(0,)]
