"""The printed plan, ready to hand over (issue 13, item 11): the organisation's name (and
logo) from the settings, the print date, a legend on the radar, files in the documents folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline_tui import clock, config
from pipeline_tui.report.labels import format_date

FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}
PNG = (  # a 1×1 PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
    b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
    b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def organisation(tmp_path: Path) -> Path:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    path = config.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"organisation": "Fjordklinikken", "logo": str(logo)}))
    return logo


@pytest.mark.parametrize("fmt", FORMATS)
def test_organisation_and_print_date(fmt, organisation, typical, read, run_cli, tmp_path):
    out = tmp_path / f"plan.{SUFFIX[fmt]}"
    result = run_cli(
        "--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt,
        "-o", out, "--lang", "da",
    )  # fmt: skip
    assert result.code == 0, result.err
    text = read.shown(out, fmt)
    assert "Fjordklinikken" in text
    assert f"Udskrevet {format_date(clock.today(), 'da')}" in text.replace(": ", " ")
    if fmt == "html":
        source = out.read_text(encoding="utf-8")
        assert 'src="data:image/png;base64,' in source  # the logo, inlined
        assert "Lederens leder" in text or "Leder" in text  # the radar's legend names both


def test_a_missing_logo_still_prints(typical, run_cli, tmp_path) -> None:
    path = config.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"organisation": "Fjordklinikken", "logo": "/no/such.png"}))
    out = tmp_path / "plan.pdf"
    result = run_cli("--db", typical.db, "plan", "print", typical.conversation_id, "-o", out,
                     "--format", "pdf")  # fmt: skip
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")


def test_the_app_keeps_the_organisation_when_it_saves_preferences(organisation) -> None:
    from dataclasses import replace

    prefs = config.UserPreferences.load()
    replace(prefs, language="en", theme="pipeline-light").save()
    saved = json.loads(config.config_file().read_text())
    assert saved["organisation"] == "Fjordklinikken" and saved["language"] == "en"


MINIMAL = Path(__file__).resolve().parents[2] / "fixtures" / "minimal_pack"


@pytest.mark.parametrize("fmt", ("text", "pdf"))
def test_the_packs_organisation_is_printed_when_the_settings_name_none(
    fmt, run_cli, read, tmp_path
) -> None:
    """A pack written for an organisation (`organisation:` in pack.yaml) prints its name on the
    plans of conversations held with it; a name in the settings wins."""
    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.store.repository import open_repository

    pack = load_packs(MINIMAL).default
    assert pack.manifest.organisation == "Fjordby Forsyning (fiktiv)"
    db = tmp_path / "org.db"
    repo = open_repository(str(db))
    try:
        person = repo.people.create("Omar Said", "team_lead", email="omar@example.dk")
        talk = services.start_conversation(repo, pack, person.id)
    finally:
        repo.close()
    out = tmp_path / f"plan.{SUFFIX[fmt]}"
    args = ("--content", MINIMAL, "--db", db, "plan", "print", talk.id, "--format", fmt)
    done = run_cli(*args, "-o", out)
    assert done.code == 0, done.err
    assert "Fjordby Forsyning (fiktiv)" in read.shown(out, fmt)

    path = config.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"organisation": "Region Syd"}))
    done = run_cli(*args, "-o", out, "--force")
    assert done.code == 0, done.err
    shown = read.shown(out, fmt)
    assert "Region Syd" in shown and "Fjordby Forsyning" not in shown
