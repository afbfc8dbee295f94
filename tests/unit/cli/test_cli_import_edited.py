"""import of hand-edited exports: what the file lost or holds wrongly is refused, by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.mark.parametrize("lang", ["en", "da"])
def test_an_export_without_its_ratings_is_refused_and_nothing_is_made(
    run_cli, repo, sample_org, db: str, tmp_path: Path, lang: str
) -> None:
    """A hand-edited export with the "rating" table deleted imported every person and
    conversation without a rating, saying only what it wrote (exit 0): now exit 2, the
    table named in the user's language, and no database made."""
    document = json.loads(run_cli("--db", db, "export").out)
    assert document["tables"]["rating"]  # the sample organisation has ratings to lose
    del document["tables"]["rating"]
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document, indent=1), encoding="utf-8")
    target = tmp_path / "copy.db"
    result = run_cli("--lang", lang, "--db", target, "import", edited)
    assert result.code == 2, result.out
    expected = {"en": "table rating is missing", "da": "tabellen rating mangler"}[lang]
    assert expected in result.err
    assert "Traceback" not in result.err
    assert not target.exists()


def test_an_older_export_need_not_hold_the_tables_added_since(
    run_cli, repo, sample_org, db: str, tmp_path: Path
) -> None:
    """An export written at schema 0004 has no 360° tables (added in 0005): it imports."""
    document = json.loads(run_cli("--db", db, "export").out)
    document["schema_revision"] = "0004"
    for table in ("feedback_rater", "feedback_answer"):
        assert not document["tables"].pop(table)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("--db", tmp_path / "copy.db", "import", old)
    assert result.code == 0, result.err


@pytest.mark.parametrize("lang", ["en", "da"])
def test_a_360_answer_off_the_scale_is_refused(
    run_cli, templates, tmp_path: Path, lang: str
) -> None:
    """A 360° answer's score edited to 99 (the demo's scale is 1-5) was imported and the
    plan printed the colleagues' average as 27,5 beside a bar run over: now exit 2 with
    the answer's line, and no database made."""
    demo = tmp_path / "demo.db"
    templates.demo(demo)
    document = json.loads(run_cli("--db", demo, "export").out)
    answer = document["tables"]["feedback_answer"][0]
    answer["score"] = 99
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document, indent=1), encoding="utf-8")
    target = tmp_path / "copy.db"
    result = run_cli("--lang", lang, "--db", target, "import", edited)
    assert result.code == 2, result.out
    expected = {
        "en": f"360° answer {answer['id']}: score 99 is not on the scale (1, 2, 3, 4, 5)",
        "da": f"360°-svar {answer['id']}: scoren 99 er ikke på skalaen (1, 2, 3, 4, 5)",
    }[lang]
    assert expected in result.err
    assert not target.exists()
