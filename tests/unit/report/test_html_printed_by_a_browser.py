"""The HTML plan printed the way a reader prints it: Chromium, A4, the browser's defaults."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from needs import missing

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs

pytestmark = pytest.mark.slow

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
if not CHROMIUM.exists():
    missing(
        "no chromium: these tests need Debian's chromium (apt-get install chromium)", module=True
    )
from playwright import sync_api as playwright_api  # noqa: E402  (the test extra has it)

# A link to the course catalogue pasted into a goal: one 120-character word
LINK = (
    "https://intranet.fjordklinikken.dk/sites/HR/Delte%20dokumenter/Lederudvikling/2027/"
    "Kursuskatalog_for_ledere.pdf"
)


@pytest.fixture(scope="module")
def page() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        # 180 mm: the text width of an A4 page between the print stylesheet's margins
        yield chromium.new_page(viewport={"width": 680, "height": 1000})
        chromium.close()


def test_a_long_link_wraps_instead_of_shrinking_every_page(
    page, repo, db_path, run_cli, tmp_path
) -> None:
    """A link in a goal wraps in its cell: nothing is wider than the page, so the browser
    does not scale the whole plan down to fit it (it printed at about 80 %)."""
    person = repo.people.create("Maria Østergaard", "lead_self", unit="Sengeafsnit O2")
    record = services.start_conversation(
        repo, load_packs(None).default, person.id, held_on=date(2026, 11, 4),
        conducted_by="Anna Berg",
    )  # fmt: skip
    repo.plans.add_goal(
        record.id, "Kursus i økonomistyring", success_criterion=f"Har gennemført kurset, se {LINK}"
    )
    out = tmp_path / "plan.html"
    result = run_cli("--db", db_path, "plan", "print", record.id, "--format", "html", "-o", out)
    assert result.code == 0, result.err
    page.goto(out.as_uri())
    page.emulate_media(media="print")
    wide, room = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert wide <= room, f"the plan is {wide}px wide on a {room}px page"
    assert LINK[-20:] in page.inner_text("body").replace("\n", "")
