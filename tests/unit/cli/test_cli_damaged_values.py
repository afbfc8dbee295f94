"""Values the rules do not allow and JSON that does not parse, through the real CLI on real
files: `import` refuses them (exit 2, nothing written), `db check` names them in a database
that holds them, and the commands that read such a row refuse it in one line (exit 2)
instead of an unexpected error.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from raw_rows import tamper


def _export(run_cli, db: Path, tmp_path: Path) -> dict:
    file = tmp_path / "export.json"
    assert run_cli("--db", db, "export", "--output", file).code == 0
    return json.loads(file.read_text(encoding="utf-8"))


def _import(run_cli, tmp_path: Path, data: dict | str):
    file = tmp_path / "changed.json"
    file.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    target = tmp_path / "new.db"
    return target, run_cli("--lang", "en", "--db", target, "import", file)


def _nothing_written(run_cli, target: Path) -> None:
    listed = run_cli("--db", target, "people", "list", "--json")
    assert listed.code != 0 or json.loads(listed.out) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t["plan"][0].__setitem__("readiness", "zz"),
            "plan row 1: readiness must be one of '', now, later, not_now",
        ),
        (
            lambda t: t["content_snapshot"][0].__setitem__("texts", {}),
            "content_snapshot 1: its texts cannot be read",
        ),
        (
            lambda t: t["content_snapshot"][0]["texts"].pop("layer"),
            "content_snapshot 1: its texts cannot be read",
        ),
    ],
    ids=["readiness", "empty-snapshot", "snapshot-without-layer"],
)
def test_import_refuses_a_value_outside_the_rules(
    run_cli, repo, sample_org, db_path: Path, tmp_path: Path, change, expected: str
) -> None:
    repo.close()
    data = _export(run_cli, db_path, tmp_path)
    change(data["tables"])
    target, result = _import(run_cli, tmp_path, data)
    assert result.code == 2, result.err
    assert expected in result.err and "Traceback" not in result.err
    _nothing_written(run_cli, target)


def test_import_refuses_a_rater_group_outside_the_rules(
    run_cli, repo, sample_org, db_path: Path, tmp_path: Path
) -> None:
    """A peer's answers with the group 'zz' would be dropped from every profile unseen."""
    repo.close()
    data = _export(run_cli, db_path, tmp_path)
    data["tables"]["feedback_rater"] = [
        {
            "id": 1,
            "conversation_id": sample_org.anna_talk,
            "rater_group": "zz",
            "rater_key": "k" * 64,
            "invited_at": "2026-03-02T09:00:00+00:00",
            "answered_at": None,
        }
    ]
    target, result = _import(run_cli, tmp_path, data)
    assert result.code == 2, result.err
    assert "feedback_rater row 1: rater_group must be one of peer, report, other" in result.err
    _nothing_written(run_cli, target)


def test_a_number_of_thousands_of_digits_is_refused(
    run_cli, repo, sample_org, db_path: Path, tmp_path: Path
) -> None:
    repo.close()
    _export(run_cli, db_path, tmp_path)
    text = (tmp_path / "export.json").read_text(encoding="utf-8")
    text = text.replace('"format_version": 1', '"format_version": ' + "9" * 5000, 1)
    target, result = _import(run_cli, tmp_path, text)
    assert result.code == 2, result.err
    assert "line 3: a number of thousands of digits" in result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    _nothing_written(run_cli, target)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("UPDATE plan SET readiness = 'zz'", "unknown value: plan 1 has readiness 'zz'"),
        (
            "INSERT INTO feedback_rater (id, conversation_id, rater_group, rater_key,"
            " invited_at) VALUES (7, 1, 'zz', 'k', '2026-03-02 09:00:00.000000')",
            "unknown value: feedback_rater 7 has rater_group 'zz'",
        ),
        (
            "UPDATE content_snapshot SET texts = '{}'",
            "unreadable content: content_snapshot 1 does not hold texts",
        ),
        (
            "UPDATE content_snapshot SET texts = '{\"broken'",
            "damaged JSON: content_snapshot 1, column texts, cannot be read",
        ),
        (
            "UPDATE goal SET card_ids = '[\"x'",
            "damaged JSON: goal 1, column card_ids, cannot be read",
        ),
    ],
    ids=["readiness", "rater-group", "empty-snapshot", "snapshot-json", "goal-json"],
)
def test_db_check_names_the_row(
    run_cli, repo, sample_org, db_path: Path, statement: str, expected: str
) -> None:
    repo.close()
    tamper(db_path, statement)
    result = run_cli("--lang", "en", "--db", db_path, "db", "check")
    assert result.code == 2, result.out
    assert expected in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("lang", ["en", "da"])
def test_damaged_json_is_refused_in_one_line_by_the_commands_that_read_it(
    run_cli, repo, sample_org, db_path: Path, tmp_path: Path, lang: str
) -> None:
    """export (the rescue path) refuses rather than write a file that leaves the row out or
    that import would refuse; plan print and person export name the record; each exit 2,
    one line, and no file is written."""
    repo.close()
    tamper(db_path, "UPDATE content_snapshot SET texts = '{\"broken'")
    out = tmp_path / "export.json"
    commands = {
        "export": (["export", "--output", out], "content_snapshot 1, column texts"),
        "plan": (["plan", "print", str(sample_org.anna_talk)], "conversation "),
        "person": (["person", "export", str(sample_org.anna)], f"person {sample_org.anna}"),
    }
    for args, named in commands.values():
        result = run_cli("--lang", lang, "--db", db_path, *args)
        assert result.code == 2, (args, result.err)
        assert result.out == ""
        assert named in result.err and "db check" in result.err
        assert len(result.err.splitlines()) == 1, result.err
        assert "unexpected" not in result.err and "JSONDecodeError" not in result.err
        assert re.search("backup|sikkerhedskopi", result.err)
    assert not out.exists()
