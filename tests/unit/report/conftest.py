"""Fixtures for the printed plan: the demo database, a typical signed plan in it, and
readers that turn each format back into plain text to look for what must be shown."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from needs import missing

from pipeline_tui import services
from pipeline_tui.demo import build_demo
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.labels import format_date
from pipeline_tui.store.repository import open_repository

TODAY = date(2026, 11, 23)


@dataclass(frozen=True)
class TypicalPlan:
    """A signed demo conversation with two goals, actions, themes and last year's plan."""

    db: Path
    conversation_id: int
    name: str
    unit: str
    layer: str
    goals: tuple[tuple[str, str, str], ...]  # (title, success criterion, due date da)
    actions: tuple[str, ...]
    agreements: tuple[str, ...]
    signed: tuple[str, str]  # sign-off dates, person and conductor, da


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo organisation built once into a session database (read only by the tests)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    repo = open_repository(str(path))
    try:
        build_demo(repo, load_packs(None).default, today=TODAY)
    finally:
        repo.close()
    return path


@pytest.fixture(scope="session")
def typical(demo_db: Path) -> TypicalPlan:
    """The first signed demo plan with exactly two goals, actions on each, themes and a
    previous plan: what a consultant prints after an ordinary conversation."""
    repo = open_repository(str(demo_db))
    try:
        for summary in repo.conversations.list(year=TODAY.year):
            if summary.status != "signed":
                continue
            detail = repo.conversations.detail(summary.id)
            plan = detail.plan
            agreements = tuple(p.agreements for p in detail.picks if p.agreements.strip())
            previous = repo.plans.previous_plan(
                detail.conversation.person_id, before_conversation_id=summary.id
            )
            if (
                plan is None
                or len(plan.goals) != 2
                or not all(g.actions and g.success_criterion and g.due_on for g in plan.goals)
                or not agreements
                or previous is None
            ):
                continue
            person = repo.people.get(detail.conversation.person_id)
            content = services.conversation_content(detail)
            return TypicalPlan(
                db=demo_db,
                conversation_id=summary.id,
                name=person.name,
                unit=person.unit,
                layer=content.layer.name.get("da"),
                goals=tuple(
                    (g.title, g.success_criterion, format_date(g.due_on, "da")) for g in plan.goals
                ),
                actions=tuple(a.description for g in plan.goals for a in g.actions),
                agreements=agreements,
                signed=(
                    format_date(plan.signed_by_person_at.date(), "da"),
                    format_date(plan.signed_by_conductor_at.date(), "da"),
                ),
            )
    finally:
        repo.close()
    raise AssertionError("the demo has no typical signed plan")


def flat(text: str) -> str:
    """Whitespace collapsed: wrapped lines read as one."""
    return " ".join(text.split())


def untable(text: str) -> str:
    """Terminal text with each box-drawn table read column by column, so that a cell
    wrapped over several lines reads as one (then whitespace collapsed)."""
    out: list[str] = []
    columns: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("│") and stripped.endswith("│"):
            cells = stripped[1:-1].split("│")
            columns += [""] * (len(cells) - len(columns))
            for index, cell in enumerate(cells):
                columns[index] += " " + cell.strip()
            continue
        if columns:
            out += columns
            columns = []
        out.append(line)
    out += columns
    return flat("\n".join(out))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag) -> None:
        if tag in ("style", "script", "title"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(markup: str) -> tuple[str, list[str]]:
    """What a browser shows of the page (whitespace collapsed), and every element opened."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return flat("".join(parser.parts)), parser.tags


def markdown_html(source: str) -> str:
    """The Markdown rendered the way a viewer would (CommonMark with tables)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(source)


def markdown_text(source: str) -> tuple[str, list[str]]:
    """What a Markdown viewer shows, and every element it makes."""
    return html_text(markdown_html(source))


def pdf_text(path: Path) -> str:
    """The PDF's text as extracted by poppler's pdftotext (whitespace collapsed)."""
    if shutil.which("pdftotext") is None:
        missing("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return flat(done.stdout.replace("\u00ad", ""))


def pdf_pages(path: Path) -> int:
    """Number of pages according to poppler's pdfinfo."""
    if shutil.which("pdfinfo") is None:
        missing("pdfinfo (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    assert match, done.stdout
    return int(match.group(1))


def shown(path: Path, fmt: str) -> str:
    """The text a reader of the file sees, for any format, whitespace collapsed."""
    if fmt == "pdf":
        return pdf_text(path)
    source = path.read_text(encoding="utf-8")
    if fmt == "text":
        return untable(source)
    if fmt == "html":
        return html_text(source)[0]
    return markdown_text(source)[0]


@pytest.fixture(scope="session")
def read() -> SimpleNamespace:
    """The readers above, for the test modules (conftest is not importable under importlib)."""
    return SimpleNamespace(
        flat=flat,
        untable=untable,
        html_text=html_text,
        markdown_html=markdown_html,
        markdown_text=markdown_text,
        pdf_text=pdf_text,
        pdf_pages=pdf_pages,
        shown=shown,
    )
