"""Invited peers answer a leadership evaluation in a real browser (issue 18).

`pipeline-tui serve` on 127.0.0.1; three peers invited with `pipeline-tui invite
CONVERSATION --group peer`; each opens their own link in Debian's chromium (headless,
driven by Playwright: one browser, one server for all three) and rates the first
expectation from the keyboard. The printed plan shows no peer figures after the first
and the second, and the peers' mean once the third has answered (the threshold is 3);
the third also comments and says they are done, after which their link opens nothing.
No rater's key or link appears in any output. A screenshot of each page is kept.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store.repository import open_repository

from .conftest import TODAY, run_command
from .serving import Served
from .test_serve_browser import WAIT, browser, open_page, shoot, wait_until  # noqa: F401

pytestmark = pytest.mark.slow
# Without chromium, the import from test_serve_browser above has skipped (or, in CI,
# failed) this module already.

SCORES = (2, 3, 5)  # the three peers' ratings of the first expectation: mean 3,3
COMMENT = "Lytter før hun beslutter"


def make_evaluation(db: Path) -> tuple[int, str]:
    """Anna Berg's leadership evaluation a week ahead, rated by herself and her manager;
    its id and the first expectation's id."""
    repo = open_repository(str(db))
    try:
        pack = load_packs(None).default
        boss = repo.people.create("Mette Holm", "lead_leaders", email="mette@example.dk")
        anna = repo.people.create(
            "Anna Berg", "lead_others", email="anna@example.dk", manager_id=boss.id
        )
        held_on = date.fromisoformat(TODAY) + timedelta(days=7)
        talk = services.start_conversation(repo, pack, anna.id, kind="evaluation", held_on=held_on)
        content = services.conversation_content(repo.conversations.detail(talk.id))
        first = content.ordered_expectations()[0].id
        repo.conversations.set_rating(talk.id, first, "self", score=4)
        repo.conversations.set_rating(talk.id, first, "manager", score=4)
        return talk.id, first
    finally:
        repo.close()


def answers_of(db: Path, link: str) -> list[tuple[str, int | None, str]]:
    """What the link's rater has stored: (expectation, score, comment) (read-only)."""
    token = link.rsplit("/", 1)[1]
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT a.expectation_id, a.score, a.comment FROM feedback_answer a "
            "JOIN invitation i ON i.rater_id = a.rater_id WHERE i.token_hash = ? ORDER BY a.id",
            (hashlib.sha256(token.encode()).hexdigest(),),
        ).fetchall()
    finally:
        connection.close()


def finished(db: Path, link: str) -> bool:
    token = link.rsplit("/", 1)[1]
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT finished_at FROM invitation WHERE token_hash = ?",
            (hashlib.sha256(token.encode()).hexdigest(),),
        ).fetchone()
        return row is not None and row[0] is not None
    finally:
        connection.close()


def rater_keys(db: Path) -> list[str]:
    connection = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return [key for (key,) in connection.execute("SELECT rater_key FROM feedback_rater")]
    finally:
        connection.close()


def plan_at_the_meeting(served: Served, conversation_id: int, tmp_path: Path, tag: str) -> str:
    """The printed plan (text on screen, and Markdown in a file) as it would be at the
    meeting if it were held now: on a copy of the database whose ratings are revealed (the
    reveal itself closes the links, so the live evaluation stays unrevealed while peers
    are still answering). Whitespace runs as one space."""
    copy = tmp_path / f"meeting-{tag}.db"
    source = sqlite3.connect(f"{served.db.as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    repo = open_repository(str(copy))
    try:
        repo.conversations.update(conversation_id, revealed=True)
    finally:
        repo.close()
    common = ("--db", str(copy), "plan", "print", str(conversation_id), "--lang", "da")
    text = run_command(served.env, *common).stdout
    out = tmp_path / f"plan-{tag}.md"
    run_command(served.env, *common, "--format", "markdown", "-o", str(out), "--force")
    return " ".join((text + "\n" + out.read_text(encoding="utf-8")).split())


def rate_first(page, db: Path, link: str, score: int) -> None:
    """The form opens with the first expectation highlighted; a digit rates it. Until the
    answer is stored, try again (a key that arrives before the form is up is not taken)."""
    for _attempt in range(12):
        page.keyboard.press(str(score))
        try:
            wait_until(lambda: answers_of(db, link), "the answer in the database", timeout=10)
            return
        except AssertionError:
            continue
    raise AssertionError("the rating never reached the database")


def test_three_invited_peers_answer_in_the_browser_and_count_from_the_third(
    browser,  # noqa: F811
    user_env: dict[str, str],
    tmp_path: Path,
) -> None:
    db = tmp_path / "serve.db"
    conversation_id, first = make_evaluation(db)
    served = Served(user_env, db, "--lang", "da")
    try:
        links = [served.invite(conversation_id, "--group", "peer") for _ in SCORES]
        assert len(set(links)) == 3 and all("/s/" in link for link in links)
        printed = plan_at_the_meeting(served, conversation_id, tmp_path, "none")
        assert "Kolleger" not in printed

        for number, (link, score) in enumerate(zip(links, SCORES, strict=True), start=1):
            page = open_page(browser, link)
            wait_until(served.app_processes, "the app process")
            rate_first(page, db, link, score)
            assert answers_of(db, link)[0][:2] == (first, score)
            if number == 3:  # the last one also comments, and says they are done
                page.keyboard.press("ArrowUp")  # back to the expectation just rated
                time.sleep(1)
                page.keyboard.press("c")
                time.sleep(1.5)  # the comment field takes the focus before the first letter
                page.keyboard.type(COMMENT, delay=20)
                time.sleep(1)
                shoot(page, tmp_path / f"serve-peer-{number}.png")
                page.keyboard.press("Escape")  # leaving the comment saves it at once
                time.sleep(1)  # ESC and a key at once would read as alt+key
                wait_until(
                    lambda: (first, SCORES[2], COMMENT) in answers_of(db, links[2]), "the comment"
                )
                page.keyboard.press("d")  # done: asks first
                time.sleep(1)
                page.keyboard.press("y")
                wait_until(lambda: finished(db, links[2]), "the link closed by the rater")
                time.sleep(1)  # the thanks are drawn
                shoot(page, tmp_path / "serve-peer-thanks.png")
            else:
                shoot(page, tmp_path / f"serve-peer-{number}.png")

            printed = plan_at_the_meeting(served, conversation_id, tmp_path, str(number))
            if number < 3:
                assert "Kolleger: vises først, når mindst 3 har svaret" in printed, printed
                assert "3,3" not in printed
            else:
                assert "Kolleger: 3 har svaret" in printed, printed
                assert "3,3" in printed  # (2 + 3 + 5) / 3
                assert COMMENT in printed
            page.close()

        # The finished link opens nothing any more; the other two do until the meeting.
        check = browser.new_page()
        for link, status in ((links[2], 403), (links[0], 200)):
            response = check.goto(link)
            assert response is not None and response.status == status, link
        repo = open_repository(str(db))
        try:
            repo.conversations.update(conversation_id, revealed=True)  # the meeting
        finally:
            repo.close()
        response = check.goto(links[0])
        assert response is not None and response.status == 403
        check.close()
        assert "3,3" in plan_at_the_meeting(served, conversation_id, tmp_path, "held")

        # No rater's key, no link's secret in anything printed or logged.
        outputs = "\n".join([printed, *served.lines, *served.errors])
        for key in rater_keys(db):
            assert key not in outputs
        for link in links:
            assert link.rsplit("/", 1)[1] not in outputs
    finally:
        assert served.stop(timeout=WAIT) == 0
