"""The benchmark scripts still run: the generator fills a database through the repository,
and `run.py --quick` measures every figure and writes its JSON. Not a timing test."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

pytestmark = pytest.mark.slow


def run(args: list[str], tmp_path: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PIPELINE_TUI_TODAY="2026-11-23")
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout,
        cwd=tmp_path, env=env,
    )  # fmt: skip


def test_generator_writes_a_realistic_database(tmp_path: Path) -> None:
    """generate.py makes people on every layer with managers, conversations each year, ratings,
    card picks and plans; it refuses to overwrite an existing file."""
    db = tmp_path / "bench.db"
    result = run(
        [str(BENCHMARKS / "generate.py"), "--people", "40", "--years", "2", "--db", str(db)],
        tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(db)
    try:
        count = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
        assert count("SELECT COUNT(*) FROM person") == 40
        assert count("SELECT COUNT(DISTINCT layer) FROM person") == 5
        assert count("SELECT COUNT(*) FROM person WHERE manager_id IS NULL") == 1
        assert count("SELECT COUNT(DISTINCT substr(held_on, 1, 4)) FROM conversation") == 2
        assert count("SELECT COUNT(*) FROM rating WHERE score IS NOT NULL") > 40 * 10
        assert count("SELECT COUNT(*) FROM card_pick WHERE notes != ''") > 0
        assert count("SELECT COUNT(*) FROM goal") > 0 and count("SELECT COUNT(*) FROM action") > 0
    finally:
        connection.close()
    again = run(
        [str(BENCHMARKS / "generate.py"), "--people", "5", "--db", str(db)], tmp_path, timeout=60
    )
    assert again.returncode == 2 and "exists already" in again.stderr


@pytest.mark.skipif(shutil.which("tmux") is None, reason="run.py drives the app in tmux")
def test_quick_benchmark_measures_every_figure_beside_its_floor(tmp_path: Path) -> None:
    """run.py --quick prints one table (figure, ours, floor, ratio, target, met?) and writes
    every figure to its JSON file; the floors print what the commands print."""
    out = tmp_path / "results.json"
    result = run(
        [str(BENCHMARKS / "run.py"), "--quick", "--runs", "1", "--slow-runs", "1",
         "--data", str(tmp_path / "data"), "--json", str(out)],
        tmp_path,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert set(figures["first_screen_s"]) == {"minimal", "small", "large"}
    assert all(value > 0 for value in figures["first_screen_s"].values())
    assert figures["open_conversation_s"] > 0
    assert set(figures["keystrokes"]) == {"rate", "move", "type", "filter"}
    assert set(figures["commands_s"]) == {
        "people_json", "plan_text", "plan_html", "plan_pdf", "export", "overview_json",
    }  # fmt: skip
    assert set(figures["floors_s"]) == {"people_json", "plan_pdf", "export"}
    assert all(value > 0 for value in figures["floors_s"].values())
    assert figures["same_output"] == {"people_json": True, "export": True}
    assert figures["autosave"]["p99_ms"] > 0 and figures["rss_mb"] > 0
    erased = figures["erase"]
    assert erased["erase_s"] > 0 and erased["floor_s"] > 0
    assert erased["save_during_erase_ms"] > 0 and erased["save_during_floor_ms"] > 0
    header, *lines = result.stdout.splitlines()
    assert header.split() == ["figure", "ours", "(median)", "floor", "(median)", "ratio",
                              "target", "met?"]  # fmt: skip
    with_floor = [row for row in figures["table"] if row["floor"] is not None]
    assert {row["figure"].split(",")[0] for row in with_floor} >= {
        "first screen", "people list --json", "plan print --format pdf", "export",
        "person erase",
    }  # fmt: skip
    for row in figures["table"]:
        assert row["ours"] > 0
        if row["floor"] is not None:
            assert row["ratio"] == pytest.approx(row["ours"] / row["floor"])
        assert any(line.startswith(row["figure"]) for line in lines), row["figure"]
