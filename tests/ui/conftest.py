"""Fixtures for driving the real app with Pilot on a real (temporary) database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline_tui.config import Settings
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.records import PersonRecord
from pipeline_tui.store.repository import Repository, open_repository
from pipeline_tui.tui.app import PipelineApp
from pipeline_tui.tui.services import Services

TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens show dates and due states: fix the date so tests and snapshots are stable."""
    monkeypatch.setenv("PIPELINE_TUI_TODAY", TODAY)


@pytest.fixture(autouse=True)
def _own_content_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Content is cached by snapshot id, which restarts in every test database: start empty.

    Otherwise a MUS conversation of another test could lend its deck to a LUS one here.
    """
    from pipeline_tui import services

    monkeypatch.setattr(services, "_CONTENT_CACHE", {})


@pytest.fixture(scope="session")
def packs():
    return load_packs(None)


@pytest.fixture
def db_file(tmp_path):
    return str(tmp_path / "ui.db")


@pytest.fixture
def ui_repo(db_file, templates, request) -> Repository:
    """The test's database, new; with `@pytest.mark.demo_data`, the demo organisation."""
    if request.node.get_closest_marker("demo_data"):
        templates.demo(Path(db_file))
    repo = open_repository(db_file)
    yield repo
    repo.close()


@dataclass
class Org:
    director: PersonRecord
    leader: PersonRecord
    employee: PersonRecord


@pytest.fixture
def org(ui_repo: Repository) -> Org:
    """A small organisation: a leader of leaders, a first-line leader, an employee."""
    director = ui_repo.people.create(
        "Mette Holm",
        "lead_leaders",
        email="mette.holm@example.dk",
        title="Centerchef",
        unit="Ortopædkirurgi",
    )
    leader = ui_repo.people.create(
        "Anna Berg",
        "lead_others",
        email="anna.berg@example.dk",
        title="Afdelingssygeplejerske",
        unit="Ortopædkirurgi",
        manager_id=director.id,
    )
    employee = ui_repo.people.create(
        "Jonas Friis",
        "lead_self",
        email="jonas.friis@example.dk",
        title="Sygeplejerske",
        unit="Ortopædkirurgi",
        manager_id=leader.id,
    )
    return Org(director, leader, employee)


@pytest.fixture
def make_app(ui_repo: Repository, packs, db_file) -> Callable[..., PipelineApp]:
    def factory(lang: str = "da") -> PipelineApp:
        settings = Settings(db=db_file, language=lang)
        return PipelineApp(Services.ready_made(settings, ui_repo, packs), remember=False)

    return factory
