"""Measure pipeline-tui as its users meet it, and print a table (and a JSON file).

    python benchmarks/run.py            # full: 25 and 10,000 people, 5 years of history
    python benchmarks/run.py --quick    # a smoke run: small databases, few repetitions

1. time to first screen: wall time from launching the installed `pipeline-tui`
   in a real terminal (tmux, 120×40) until a person's name is on screen; the
   minimal Textual app measured the same way in the same run;
2. keystroke to screen, inside the app with Pilot: rate, move, type, filter;
3. autosave: one rating written and committed, 1,000 times;
4. commands: plan print (text, html, pdf), export, overview --format json;
5. erasure: `person erase ID --yes` of a leader (their conversations, and those they
   conducted) on a copy of the large database, while another session saves a rating
   every few milliseconds (the longest of its saves during the erasure is reported);
6. peak memory (RSS) of the TUI on the large database.

Medians of several runs: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMAND = Path(sys.executable).with_name("pipeline-tui")
DATA = HERE / ".data"
TODAY = "2026-11-23"
TARGETS = {
    "first_screen_large_s": 0.45,
    "first_screen_ratio": 1.6,
    "keystroke_p99_ms": 16.0,
    "filter_p99_ms": 30.0,
    "autosave_p99_ms": 5.0,
    "plan_text_s": 0.35,
    "plan_html_s": 0.35,
    "plan_pdf_s": 1.0,
    "rss_mb": 150.0,
    "erase_s": 2.0,
    "save_during_erase_ms": 1000.0,
}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PIPELINE_TUI_TODAY=TODAY,
        TERM="xterm-256color",
        LANG="C.UTF-8",
    )
    return env


def database(people: int, years: int, data: Path = DATA) -> Path:
    """The benchmark database, generated once and kept in benchmarks/.data."""
    data.mkdir(parents=True, exist_ok=True)
    path = data / f"bench-{people}-{years}.db"
    if not path.exists():
        print(f"generating {path.name} (once) ...", file=sys.stderr)
        env = dict(os.environ, PIPELINE_TUI_TODAY=TODAY)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--people", str(people), "--years",
             str(years), "--db", str(path), "--quiet"],
            check=True,
            env=env,
        )  # fmt: skip
    return path


def first_name_on_screen(db: Path) -> str:
    connection = sqlite3.connect(db)
    try:
        row = connection.execute(
            "SELECT name FROM person ORDER BY lower(name), id LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return row[0]


class Tmux:
    def __init__(self) -> None:
        self.socket = f"bench-{uuid.uuid4().hex[:8]}"
        self.run("new-session", "-d", "-s", "keep", "sleep 3600")

    def run(self, *args: str, check: bool = True) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, check=check,
        ).stdout  # fmt: skip

    def time_to_text(self, command: str, text: str, env: dict[str, str], timeout: float = 20):
        """Seconds from launching `command` in a 120×40 window until `text` shows; and its pid."""
        exports = " ".join(
            f"{k}='{v}'"
            for k, v in env.items()
            if k.startswith(("XDG", "PIPE", "HOME", "TERM", "LANG"))
        )
        start = time.perf_counter()
        self.run(
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            "120",
            "-y",
            "40",
            f"exec env {exports} {command}",
        )
        while True:
            screen = self.run("capture-pane", "-p", "-t", "app", check=False)
            elapsed = time.perf_counter() - start
            if text in screen:
                pid = int(self.run("display-message", "-p", "-t", "app", "#{pane_pid}").strip())
                return elapsed, pid
            if elapsed > timeout:
                raise RuntimeError(f"{text!r} never appeared:\n{screen}")
            time.sleep(0.003)

    def stop_app(self) -> None:
        self.run("kill-session", "-t", "app", check=False)

    def close(self) -> None:
        self.run("kill-server", check=False)


def first_screen(dbs: dict[str, Path], runs: int, env: dict[str, str]) -> dict[str, float]:
    tmux = Tmux()
    results: dict[str, list[float]] = {"minimal": []}
    minimal = f"{sys.executable} {HERE / 'minimal_app.py'}"
    try:
        for name, db in dbs.items():
            results[name] = []
            # warm-up: creates the content cache, like any second start
            tmux.time_to_text(f"{COMMAND} --db {db}", first_name_on_screen(db), env)
            tmux.stop_app()
        for _ in range(runs):
            elapsed, _pid = tmux.time_to_text(minimal, "Anna Berg", env)
            tmux.stop_app()
            results["minimal"].append(elapsed)
            for name, db in dbs.items():
                elapsed, _pid = tmux.time_to_text(
                    f"{COMMAND} --db {db}", first_name_on_screen(db), env
                )
                tmux.stop_app()
                results[name].append(elapsed)
    finally:
        tmux.close()
    return {name: statistics.median(values) for name, values in results.items()}


def peak_memory(db: Path, env: dict[str, str]) -> float:
    """Peak RSS (MB) of the TUI after the first screen and a visit to a person and back."""
    tmux = Tmux()
    try:
        _elapsed, pid = tmux.time_to_text(f"{COMMAND} --db {db}", first_name_on_screen(db), env)
        time.sleep(1.5)  # the storage layer loads behind the first screen
        tmux.run("send-keys", "-t", "app", "Enter")
        time.sleep(1.5)
        tmux.run("send-keys", "-t", "app", "Escape")
        time.sleep(1.0)
        status = Path(f"/proc/{pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        return int(peak.split()[1]) / 1024
    finally:
        tmux.close()


def commands(db: Path, runs: int, env: dict[str, str]) -> dict[str, float]:
    connection = sqlite3.connect(db)
    try:
        conversation = connection.execute(
            "SELECT c.id FROM conversation c JOIN goal g ON g.plan_id = "
            "(SELECT id FROM plan WHERE conversation_id = c.id) WHERE c.status = 'signed' "
            "ORDER BY c.held_on DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        connection.close()
    out = Path(tempfile.mkdtemp())
    cases = {
        "plan_text": ["plan", "print", str(conversation), "--force", "--output", str(out / "p.txt")],
        "plan_html": ["plan", "print", str(conversation), "--format", "html", "--force", "--output", str(out / "p.html")],
        "plan_pdf": ["plan", "print", str(conversation), "--format", "pdf", "--force", "--output", str(out / "p.pdf")],
        "export": ["export", "--force", "--output", str(out / "export.json")],
        "overview_json": ["overview", "--format", "json"],
    }  # fmt: skip
    found = {}
    for name, args in cases.items():
        times = []
        for _ in range(min(runs, 3) if name == "export" else runs):  # export: ~50 s at 10,000
            start = time.perf_counter()
            subprocess.run(
                [str(COMMAND), "--db", str(db), *args], env=env, check=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            times.append(time.perf_counter() - start)
        found[name] = statistics.median(times)
    return found


def erase(db: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """`person erase` of the leader who conducted most conversations, on fresh copies of the
    large database, while another session keeps saving: the wall time of the command and
    the longest save the other session waited for meanwhile."""
    import threading

    from pipeline_tui.store.repository import open_repository

    times, waits = [], []
    for _ in range(runs):
        copy = Path(tempfile.mkdtemp()) / "erase.db"
        source, target = sqlite3.connect(db), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        subprocess.run([str(COMMAND), "--db", str(copy), "db", "upgrade"], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        connection = sqlite3.connect(copy)
        (leader,) = connection.execute(
            "SELECT conductor_id FROM conversation WHERE conductor_id IS NOT NULL "
            "GROUP BY conductor_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        other = connection.execute(
            "SELECT c.id, r.expectation_id FROM conversation c JOIN rating r "
            "ON r.conversation_id = c.id WHERE c.person_id != ? AND c.status != 'signed' "
            "LIMIT 1",
            (leader,),
        ).fetchone()
        connection.close()
        repo = open_repository(str(copy))
        stop, during = threading.Event(), []

        def keep_saving(repo=repo, other=other, stop=stop, during=during) -> None:
            index = 0
            while not stop.is_set():
                start = time.perf_counter()
                repo.conversations.set_rating(other[0], other[1], "manager", score=1 + index % 5)
                during.append(time.perf_counter() - start)
                index += 1
                time.sleep(0.005)

        saver = threading.Thread(target=keep_saving)
        saver.start()
        time.sleep(0.2)
        start = time.perf_counter()
        subprocess.run([str(COMMAND), "--db", str(copy), "person", "erase", str(leader), "--yes"],
                       env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        times.append(time.perf_counter() - start)
        stop.set()
        saver.join()
        repo.close()
        waits.append(max(during) * 1000)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return {"erase_s": statistics.median(times), "save_during_erase_ms": max(waits)}


def autosave(db: Path, writes: int) -> dict[str, float]:
    """One rating per commit, through the repository, on a copy of the large database."""
    from pipeline_tui import services
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.store.repository import open_repository

    copy = Path(tempfile.mkdtemp()) / "autosave.db"
    source = sqlite3.connect(db)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    repo = open_repository(str(copy))
    pack = load_packs(None).default
    person = next(p for p in repo.people.list(limit=50) if p.layer == "lead_others")
    conversation = services.start_conversation(repo, pack, person.id)
    content = services.conversation_content(repo.conversations.detail(conversation.id))
    ids = [e.id for e in content.expectations]
    times = []
    for index in range(writes):
        start = time.perf_counter()
        repo.conversations.set_rating(
            conversation.id, ids[index % len(ids)], "manager", score=1 + index % 5
        )
        times.append((time.perf_counter() - start) * 1000)
    repo.close()
    return {"median_ms": statistics.median(times), "p99_ms": percentile(times, 99)}


async def keystrokes(db: Path, repetitions: int) -> dict[str, dict[str, float]]:
    """Key press to updated screen, measured inside the real app with Pilot."""
    from textual import events

    from pipeline_tui import services
    from pipeline_tui.config import Settings
    from pipeline_tui.packs.loader import load_packs
    from pipeline_tui.store.repository import open_repository
    from pipeline_tui.tui.app import PipelineApp
    from pipeline_tui.tui.services import Services

    copy = Path(tempfile.mkdtemp()) / "keys.db"
    source, target = sqlite3.connect(db), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    repo = open_repository(str(copy))
    packs = load_packs(None)
    person = next(p for p in repo.people.list(limit=50) if p.layer == "lead_others")
    conversation = services.start_conversation(repo, packs.default, person.id)
    app = PipelineApp(Services.ready_made(Settings(db=str(copy)), repo, packs), remember=False)
    found: dict[str, list[float]] = {"rate": [], "move": [], "type": [], "filter": []}
    settled: dict[str, list[float]] = {name: [] for name in found}
    frames: list[float] = []
    display = app._display

    def recording_display(screen, renderable) -> None:
        # The compositor has rendered the update; the frame goes to the driver now.
        if renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = recording_display  # type: ignore[method-assign]

    async def timed(pilot, name: str, key: str) -> None:
        """From the key event entering the app to the first frame it caused (and the last).

        Nothing of the harness runs while the app answers: Pilot's own waiting
        posts a message to every widget, which would be measured with it.
        """
        await pilot.pause()
        await app.workers.wait_for_complete()
        frames.clear()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        start = time.perf_counter()
        app._driver.send_message(event)
        await asyncio.sleep(0.06)  # the app answers meanwhile; later frames (a reload) count
        if frames:
            found[name].append((frames[0] - start) * 1000)
            settled[name].append((frames[-1] - start) * 1000)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        for index in range(repetitions):  # filter the 10,000 people by name
            await timed(
                pilot, "filter", "abcdefghij"[index % 10] if index % 2 == 0 else "backspace"
            )
        app.open_conversation(conversation.id)
        await pilot.pause(0.5)
        app.screen.action_goto("expectations")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        for index in range(repetitions):
            await timed(pilot, "rate", str(1 + index % 5))
            await timed(pilot, "move", "up")
        await pilot.press("c")
        for index in range(repetitions):
            await timed(pilot, "type", "abcdefghij"[index % 10])
        app.saver.flush()
    repo.close()
    return {
        name: {
            "median_ms": statistics.median(v),
            "p99_ms": percentile(v, 99),
            "settled_median_ms": statistics.median(settled[name]),
            "settled_p99_ms": percentile(settled[name], 99),
        }
        for name, v in found.items()
        if v
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small databases, few repetitions")
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--data", type=Path, default=DATA, help="where the databases are kept")
    args = parser.parse_args()
    small_people, large_people, years = (25, 200, 2) if args.quick else (25, 10_000, 5)
    runs = 2 if args.quick else 15
    home = Path(tempfile.mkdtemp())
    env = environment(home)
    dbs = {
        "small": database(small_people, years, args.data),
        "large": database(large_people, years, args.data),
    }
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "sizes": {"small": small_people, "large": large_people, "years": years},
    }
    screens = first_screen(dbs, runs, env)
    results["first_screen_s"] = screens
    results["first_screen_ratio"] = screens["large"] / screens["minimal"]
    results["keystrokes"] = asyncio.run(keystrokes(dbs["large"], 10 if args.quick else 200))
    results["autosave"] = autosave(dbs["large"], 50 if args.quick else 1000)
    results["commands_s"] = commands(dbs["large"], runs, env)
    results["erase"] = erase(dbs["large"], env, 1 if args.quick else 3)
    results["rss_mb"] = peak_memory(dbs["large"], env)
    args.json.write_text(json.dumps(results, indent=2))
    report(results)


def report(r: dict) -> None:
    screens, keys, cmds = r["first_screen_s"], r["keystrokes"], r["commands_s"]
    rows = [
        ("first screen, minimal Textual app", f"{screens['minimal']:.3f} s", ""),
        ("first screen, 25 people", f"{screens['small']:.3f} s", ""),
        (f"first screen, {r['sizes']['large']:,} people", f"{screens['large']:.3f} s",
         f"< {TARGETS['first_screen_large_s']} s"),
        ("  ratio to minimal app", f"{r['first_screen_ratio']:.2f} ×", f"≤ {TARGETS['first_screen_ratio']} ×"),
        *((f"keystroke: {name} (p99)", f"{v['p99_ms']:.1f} ms (median {v['median_ms']:.1f}, "
           f"settled p99 {v['settled_p99_ms']:.0f})",
           f"< {TARGETS['filter_p99_ms' if name == 'filter' else 'keystroke_p99_ms']:.0f} ms")
          for name, v in keys.items()),
        ("autosave commit (p99)", f"{r['autosave']['p99_ms']:.2f} ms (median "
         f"{r['autosave']['median_ms']:.2f})", f"< {TARGETS['autosave_p99_ms']} ms"),
        *((f"command: {name}", f"{value:.3f} s", {"plan_text": "< 0.35 s", "plan_html": "< 0.35 s",
           "plan_pdf": "< 1 s", "overview_json": "< 1 s"}.get(name, "")) for name, value in cmds.items()),
        ("person erase (median)", f"{r['erase']['erase_s']:.3f} s", f"< {TARGETS['erase_s']:.0f} s"),
        ("  longest save by another session meanwhile", f"{r['erase']['save_during_erase_ms']:.0f} ms",
         f"< {TARGETS['save_during_erase_ms']:.0f} ms"),
        ("peak memory (RSS), TUI", f"{r['rss_mb']:.0f} MB", f"< {TARGETS['rss_mb']:.0f} MB"),
    ]  # fmt: skip
    width = max(len(row[0]) for row in rows)
    print(f"{'figure':<{width}}  {'measured':<28}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<28}  {target}")


if __name__ == "__main__":
    main()
