"""The printed plan's HTML in a real browser (Debian's chromium, headless): a leadership
evaluation's profile with four series (manager, self, peers, reports) stays on the page.
The table of bars beside the spider chart was wider than the half of the page left to it:
the reports' column ran off the page's right edge and the browser scrolled sideways.
With three series (a group too few to show) it fitted beside the chart only by cutting
the dimensions' names inside their words."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from needs import missing
from two_leaders import anna_and_mette, begin

from pipeline_tui.packs.loader import load_packs
from pipeline_tui.records import NewAnswer
from pipeline_tui.store.repository import open_repository

pytestmark = pytest.mark.slow

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
if not CHROMIUM.exists():
    missing(
        "no chromium: the browser tests need Debian's chromium (apt-get install chromium)",
        module=True,
    )
from playwright import sync_api as playwright_api  # noqa: E402  (the test extra has it)


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


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_profile_of_four_series_stays_on_the_page(
    browser, db_path: Path, tmp_path: Path, run_cli, lang: str
) -> None:
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        anna, _mette = anna_and_mette(repo)
        conversation, ids = begin(repo, pack, anna.id, "evaluation")
        for expectation in ids:
            repo.conversations.set_rating(conversation, expectation, "self", score=4)
            repo.conversations.set_rating(conversation, expectation, "manager", score=3)
        repo.conversations.update(conversation, revealed=True)
        repo.feedback.import_answers(
            [
                NewAnswer(conversation, group, f"{group}-{n}-Qz", key, 2 + (n + i) % 4)
                for group in ("peer", "report")
                for n in range(3)
                for i, key in enumerate(ids)
            ]
        )
    finally:
        repo.close()
    out = tmp_path / "plan.html"
    result = run_cli(
        "--db", db_path, "plan", "print", conversation, "--format", "html", "-o", out,
        "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    try:
        page.goto(out.as_uri())
        assert page.locator(".profile .bars th").count() == 5  # a blank corner, four series
        right = page.evaluate("document.body.getBoundingClientRect().right")
        bars = page.evaluate(
            "document.querySelector('.profile .bars').getBoundingClientRect().right"
        )
        assert bars <= right + 1, (bars, right)
        wide = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert wide[0] <= wide[1], wide
    finally:
        page.close()


# Each dimension's name in the table of bars: its widest word, and the room its cell
# gives it (the cell's width less its padding), in the page as drawn.
NAME_ROOM = """
() => [...document.querySelectorAll('.profile .bars td:first-child')].map((td) => {
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'nowrap';
  probe.style.font = getComputedStyle(td).font;
  document.body.appendChild(probe);
  let widest = 0;
  for (const word of td.textContent.split(/\\s+/)) {
    probe.textContent = word;
    widest = Math.max(widest, probe.getBoundingClientRect().width);
  }
  probe.remove();
  const style = getComputedStyle(td);
  const room = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [td.textContent, widest, room];
})
"""


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_profile_of_three_series_keeps_the_dimensions_words_whole(
    browser, db_path: Path, tmp_path: Path, run_cli, lang: str
) -> None:
    """The peers shown and the direct reports too few to show (the demo's Jakob Nørgaard):
    three series. Their table fitted beside the chart only by cutting the dimensions'
    names letter by letter ("Res / ultat / er og / drift"); it now goes below the chart."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        anna, _mette = anna_and_mette(repo)
        conversation, ids = begin(repo, pack, anna.id, "evaluation")
        for expectation in ids:
            repo.conversations.set_rating(conversation, expectation, "self", score=4)
            repo.conversations.set_rating(conversation, expectation, "manager", score=3)
        repo.conversations.update(conversation, revealed=True)
        repo.feedback.import_answers(
            [
                NewAnswer(conversation, group, f"{group}-{n}-Qz", key, 2 + (n + i) % 4)
                for group, raters in (("peer", 3), ("report", 2))
                for n in range(raters)
                for i, key in enumerate(ids)
            ]
        )
    finally:
        repo.close()
    out = tmp_path / "plan.html"
    result = run_cli(
        "--db", db_path, "plan", "print", conversation, "--format", "html", "-o", out,
        "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    try:
        page.goto(out.as_uri())
        assert page.locator(".profile .bars th").count() == 4  # a blank corner, three series
        names = page.evaluate(NAME_ROOM)
        assert len(names) == 5, names
        cut = [(name, widest, room) for name, widest, room in names if widest > room + 0.5]
        assert not cut, cut
    finally:
        page.close()
