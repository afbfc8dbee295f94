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
from pipeline_tui.report.chart import MANAGER_COLOUR, SELF_COLOUR

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


def test_the_profile_bars_print_with_the_browsers_default_settings(
    page, typical, run_cli, tmp_path
) -> None:
    """The profile's bars are on paper when the browser prints without background graphics,
    its default (they were coloured backgrounds, left out: only the figures were printed)."""
    from PIL import Image

    out = tmp_path / "plan.html"
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", "html",
        "-o", out,
    )  # fmt: skip
    assert result.code == 0, result.err
    page.goto(out.as_uri())
    # the bars' table alone: the radar (SVG) and the rules (borders) print in the same
    # colours whatever the setting
    page.add_style_tag(
        content="body * { visibility: hidden; } .bars, .bars * { visibility: visible; }"
    )
    shot = tmp_path / "printed.pdf"
    page.pdf(path=str(shot), format="A4")  # print_background left at its default, False
    if shutil.which("pdftoppm") is None:
        missing("pdftoppm (poppler-utils) is not installed")
    import subprocess

    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(shot), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}

    def near(hex_colour: str) -> bool:
        want = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return any(all(abs(a - b) <= 12 for a, b in zip(c, want, strict=True)) for c in colours)

    assert near(MANAGER_COLOUR) and near(SELF_COLOUR), "the bars were not printed"


# Every word of a th that a browser broke across lines: a Range over each word has one box
# per line it stands on.
BROKEN_HEADERS = """() => {
  const broken = [];
  for (const th of document.querySelectorAll('th')) {
    const node = th.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) continue;
    const re = /\\S+/g;
    let m;
    while ((m = re.exec(node.data)) !== null) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("lang", ["da", "en"])
def test_column_headings_keep_their_words_whole(
    page, repo, db_path, run_cli, tmp_path, lang
) -> None:
    """The tables' headings wrap between words, never inside one: read in the browser, the
    plan showed 'Medarbejde / r' over the profile's self column and 'Udfør / t' over the
    actions' last column (the page lets a long word break anywhere, so the browser made
    those columns narrower than their heading's word)."""
    pack = load_packs(None).default
    person = repo.people.create("Anne-Sofie Ørsted-Bæk", "lead_self", unit="Dagtilbud Æblehaven")
    record = services.start_conversation(
        repo, pack, person.id, held_on=date(2026, 11, 23), conducted_by="Jens O'Neill"
    )
    content = services.conversation_content(repo.conversations.detail(record.id))
    for n, expectation in enumerate(content.ordered_expectations()):
        repo.conversations.set_rating(record.id, expectation.id, "manager", score=2 + n % 3)
        if n < 5:
            repo.conversations.set_rating(record.id, expectation.id, "self", score=3 + n % 3)
    repo.conversations.update(record.id, revealed=True)
    goal = repo.plans.add_goal(record.id, "Få en fast, tryg fredagsrutine på stuen")
    repo.plans.add_action(
        goal.id, "Lave en tjekliste til fredagsoverlevering", owner="Anne-Sofie Ørsted-Bæk"
    )
    out = tmp_path / "plan.html"
    result = run_cli(
        "--db", db_path, "plan", "print", record.id, "--format", "html", "-o", out,
        "--lang", lang,
    )  # fmt: skip
    assert result.code == 0, result.err
    page.goto(out.as_uri())
    assert page.locator(".bars th").count() >= 3
    for media in ("screen", "print"):  # read in the browser, then printed
        page.emulate_media(media=media)
        assert page.evaluate(BROKEN_HEADERS) == [], media
