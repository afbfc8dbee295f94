"""`pipeline-tui serve` in a real browser: Debian's chromium, headless, driven by Playwright.

The app loads from the URL the command printed; a preparation link's session takes a
rating and a comment from the browser's keyboard and they are in `pipeline-tui export`,
saved by the app's own autosave; changing the URL reaches nothing; ctrl+c stops the
server with a session open, and that session's app ends with it. Screenshots of the
pages are kept in the test's folder (and copied where PIPELINE_TUI_SHOTS points).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from needs import missing

from .conftest import run_command, wait_gone
from .serving import Served, make_conversation

pytestmark = pytest.mark.slow

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
if not CHROMIUM.exists():
    missing(
        "no chromium: the browser tests need Debian's chromium (apt-get install chromium)",
        module=True,
    )
from playwright import sync_api as playwright_api  # noqa: E402  (the test extra has it)

WAIT = 90.0  # seconds: generous, a loaded two-core machine starts a Python app slowly
COMMENT = "Fra browseren: jeg vil gerne have mere ansvar"


def wait_until(condition: Callable[[], object], what: str, timeout: float = WAIT) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def served(user_env: dict[str, str], tmp_path: Path) -> Iterator[Served]:
    db = tmp_path / "serve.db"
    make_conversation(db)
    server = Served(user_env, db, "--lang", "da")
    yield server
    server.kill()


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(WAIT * 1000)
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.wait_for_selector("body.-first-byte")  # the app's first screen has arrived
    page.focus(".xterm-helper-textarea")  # the keyboard goes to the terminal, as after a click
    return page


def shoot(page, path: Path) -> Path:
    page.screenshot(path=str(path))
    shots = os.environ.get("PIPELINE_TUI_SHOTS")
    if shots:
        shutil.copy(path, Path(shots) / path.name)
    assert path.stat().st_size > 10_000  # a drawn screen, not an empty page
    return path


def exported(served: Served) -> dict:
    result = run_command(served.env, "--db", str(served.db), "export")
    return json.loads(result.stdout)["tables"]


def own_ratings(served: Served) -> list[dict]:
    return [r for r in exported(served)["rating"] if r["rater"] == "self"]


def test_the_app_loads_from_the_printed_url(browser, served: Served, tmp_path: Path) -> None:
    page = open_page(browser, served.url)
    wait_until(served.app_processes, "the app process")
    time.sleep(3)  # the people list is drawn after the first bytes
    shoot(page, tmp_path / "serve-home.png")
    app = served.app_processes()
    page.close()
    for pid in app:  # the browser tab closed: its app ends
        wait_gone(pid, timeout=WAIT)


def test_a_preparation_link_saves_the_rating_and_comment_given_in_the_browser(
    browser, served: Served, tmp_path: Path
) -> None:
    link = served.invite(1)
    page = open_page(browser, link)
    wait_until(served.app_processes, "the app process")
    # The role description opens first; Esc closes it and the first expectation is
    # highlighted. The keys go in once the app answers: until the rating is saved, try again
    # (a key that arrives before the screen is up is simply not taken).
    for _attempt in range(12):
        page.keyboard.press("Escape")
        time.sleep(1)  # ESC and a key at once would read as alt+key
        page.keyboard.press("4")
        try:
            wait_until(lambda: own_ratings(served), "the rating in the database", timeout=10)
            break
        except AssertionError:
            continue
    ratings = own_ratings(served)
    assert [r["score"] for r in ratings] == [4], (served.lines, served.errors)
    page.keyboard.press("ArrowUp")  # back to the expectation just rated
    time.sleep(1)
    page.keyboard.press("c")
    time.sleep(1.5)  # the comment field takes the focus before the first letter
    page.keyboard.type(COMMENT, delay=20)
    time.sleep(1)
    shoot(page, tmp_path / "serve-preparation.png")
    page.keyboard.press("Escape")  # leaving the comment saves it at once
    time.sleep(1)

    def commented() -> bool:
        return any(r["comment"] == COMMENT and r["score"] == 4 for r in own_ratings(served))

    wait_until(commented, "the comment in `pipeline-tui export`")
    assert len(own_ratings(served)) == 1
    manager = [r for r in exported(served)["rating"] if r["rater"] != "self"]
    assert manager == []

    # F3: the preparation sheet opens in a new tab, to print.
    with page.context.expect_page(timeout=WAIT * 1000) as opened:
        page.keyboard.press("F3")
    sheet = opened.value
    sheet.wait_for_load_state()
    assert "Jonas Friis" in sheet.content()
    shoot(sheet, tmp_path / "serve-sheet.png")
    page.close()


def test_a_changed_url_reaches_nothing(browser, served: Served) -> None:
    link = served.invite(1)
    page = browser.new_page()
    for url in (
        served.base + "/",
        link[:-1] + ("A" if link[-1] != "A" else "B"),
        link + "/../../s/x",
        served.base + "/s/",
        served.url.rsplit("/", 1)[0] + "/" + link.rsplit("/", 1)[1][::-1],
    ):
        response = page.goto(url)
        assert response is not None and response.status in (403, 404), url
    time.sleep(1)
    assert served.app_processes() == set()
    page.close()


def test_ctrl_c_stops_the_server_and_the_open_session(browser, served: Served) -> None:
    """ctrl+c in the server's terminal with a browser session open: the comment typed a
    moment before (still waiting for a pause in typing) is saved, the app ends, and so
    does the server; the window says the server stopped and what was typed is saved."""
    page = open_page(browser, served.invite(1))
    app = wait_until(served.app_processes, "the app process")
    for _attempt in range(12):  # as above: until the app takes keys, then the comment
        page.keyboard.press("Escape")
        time.sleep(1)
        page.keyboard.press("c")
        time.sleep(1.5)
        page.keyboard.type("x")
        try:
            wait_until(lambda: own_ratings(served), "the comment field in use", timeout=10)
            break
        except AssertionError:
            continue
    page.keyboard.type(" sidst", delay=20)
    assert served.stop(timeout=WAIT) == 0
    assert "Stoppet." in served.errors
    for pid in app:
        wait_gone(pid, timeout=WAIT)
    assert [r["comment"] for r in own_ratings(served)] == ["x sidst"]
    stopped = page.locator('.ended[data-kind="stopped"]')  # said, not "the session ended"
    stopped.wait_for(state="visible")
    assert stopped.inner_text().startswith("Serveren er blevet stoppet")
    assert "er gemt" in stopped.inner_text()
    page.close()


def test_a_window_says_in_its_language_that_its_link_moved_and_then_closed(
    browser, served: Served, tmp_path: Path
) -> None:
    """The link opened in a second window moves there: the first window says so in Danish
    (and offers to continue there instead); revoked, the second says the link is closed
    and what to do, with nothing to restart, and reloaded it gets the Danish page."""
    link = served.invite(1)
    first = open_page(browser, link)
    second = open_page(browser, link)  # its app starts once the first window's has ended
    moved = first.locator('.ended[data-kind="elsewhere"]')
    moved.wait_for(state="visible")
    assert moved.inner_text().startswith("Linket er blevet åbnet i et andet vindue")
    assert moved.locator("button").inner_text() == "Fortsæt her i stedet"
    assert first.locator(".ended:visible").count() == 1
    shoot(first, tmp_path / "serve-moved.png")
    assert served.sessions() == 1

    served.invite(1, "--revoke")
    gone = second.locator('.ended[data-kind="closed"]')
    gone.wait_for(state="visible", timeout=(5 + WAIT) * 1000)  # the app checks every 5 s
    assert "Tal med din leder eller HR" in gone.inner_text()
    assert second.locator("button:visible").count() == 0  # nothing to start again
    shoot(second, tmp_path / "serve-link-closed.png")
    response = second.reload()
    assert response is not None and response.status == 403
    assert second.locator("h1").inner_text() == "Linket er lukket"
    assert link.rsplit("/", 1)[1] not in second.content()
    first.close()
    second.close()
