"""Measure pipeline-tui as its users meet it, each figure beside its floor, and print one table.

    python benchmarks/run.py            # full: 25 and 10,000 people, 5 years of history
    python benchmarks/run.py --quick    # a smoke run: small databases, few repetitions

Every figure that has a floor is measured in the same run as the floor, the two
interleaved, so that a busy machine slows both and the ratio stays honest:

1. time to first screen: wall time from launching the installed `pipeline-tui`
   in a real terminal (tmux, 120×40) until a person's name is on screen; floor:
   the minimal Textual app (`minimal_app.py`) measured the same way;
2. keystroke to screen, inside the app with Pilot: rate, move, type, filter (p99);
3. autosave: one rating written and committed, 1,000 times;
4. commands, wall time of the whole command from outside the process: `people list
   --json`, `plan print` (text, html, pdf), `export`, `overview --format json`; floors
   in `benchmarks/floors/` (stdlib scripts printing the same rows, dumping every table,
   and fpdf2 making a two-page PDF with the same fonts);
5. erasure: `person erase ID --yes` of the leader who conducted most conversations
   and its floor (`floors/erase.py`), each on a fresh copy of the large database,
   while another process (`erase_writer.py`) saves a rating every few milliseconds:
   its longest save during the erasure is reported;
6. peak memory (RSS) of the TUI on the large database.

Medians of several runs (15 in the full run; export and erase 5): the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOORS = HERE / "floors"
COMMAND = Path(sys.executable).with_name("pipeline-tui")
DATA = HERE / ".data"
TODAY = "2026-11-23"


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


def wait_for(tmux: Tmux, text: str, timeout: float = 20) -> float:
    """Seconds until `text` shows in the running app's window."""
    start = time.perf_counter()
    while True:
        screen = tmux.run("capture-pane", "-p", "-t", "app", check=False)
        elapsed = time.perf_counter() - start
        if text in screen:
            return elapsed
        if elapsed > timeout:
            raise RuntimeError(f"{text!r} never appeared:\n{screen}")
        time.sleep(0.003)


def open_conversation(db: Path, runs: int, env: dict[str, str]) -> float:
    """Enter on a person's latest conversation (in progress, at the expectations) until its
    step is drawn, in a terminal: the median of `runs` (no run to warm up: `first_screen`
    has made the content cache in the same home). The person is found by name as a user
    would; of namesakes the list shows the oldest first."""
    connection = sqlite3.connect(db)
    try:
        name = connection.execute(
            "SELECT p.name FROM person p JOIN conversation c ON c.person_id = p.id "
            "WHERE c.status = 'in_progress' AND c.step = 'expectations' "
            "AND c.held_on = (SELECT max(held_on) FROM conversation WHERE person_id = p.id) "
            "AND p.id = (SELECT min(id) FROM person q WHERE q.name = p.name) "
            "ORDER BY p.id LIMIT 1"
        ).fetchone()[0]
    finally:
        connection.close()
    tmux = Tmux()
    times: list[float] = []
    try:
        for _ in range(runs):
            tmux.time_to_text(f"{COMMAND} --db {db} --lang en", first_name_on_screen(db), env)
            tmux.run("send-keys", "-t", "app", "-l", name)
            time.sleep(1.0)  # the whole list is read and filtered: not part of the figure
            tmux.run("send-keys", "-t", "app", "Enter")
            wait_for(tmux, f"— {name}")  # the person page's title
            time.sleep(0.5)  # the page has drawn all it will
            start = time.perf_counter()
            tmux.run("send-keys", "-t", "app", "Enter")
            wait_for(tmux, "Rater:")
            times.append(time.perf_counter() - start)
            tmux.stop_app()
    finally:
        tmux.close()
    return statistics.median(times)


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


def run_quietly(argv: list[str], env: dict[str, str], stdout=subprocess.DEVNULL) -> float:
    """Wall time of the whole command, from outside the process."""
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=stdout, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def side_by_side(
    ours: list[str], floor: list[str] | None, runs: int, env: dict[str, str], before=None
) -> dict[str, float]:
    """Medians of `runs` wall times of our command and of its floor, interleaved (which goes
    first alternates), so that both meet the same load; `before(kind)` prepares each run."""
    times: dict[str, list[float]] = {"ours": [], "floor": []}
    for index in range(runs):
        order = [("ours", ours), ("floor", floor)]
        if index % 2:
            order.reverse()
        for kind, argv in order:
            if argv is None:
                continue
            if before is not None:
                before(kind)
            times[kind].append(run_quietly(argv, env))
    return {kind: statistics.median(values) for kind, values in times.items() if values}


def signed_conversation(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "SELECT c.id FROM conversation c JOIN goal g ON g.plan_id = "
            "(SELECT id FROM plan WHERE conversation_id = c.id) WHERE c.status = 'signed' "
            "ORDER BY c.held_on DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        connection.close()


def commands(db: Path, runs: int, export_runs: int, env: dict[str, str]) -> dict[str, dict]:
    """Each command beside its floor (benchmarks/floors), wall time from outside."""
    conversation = signed_conversation(db)
    out = Path(tempfile.mkdtemp())
    app = [str(COMMAND), "--db", str(db)]
    py = [sys.executable]
    cases = {
        "people_json": (runs, [*app, "people", "list", "--json"],
                        [*py, str(FLOORS / "people_json.py"), str(db)]),
        "plan_text": (runs, [*app, "plan", "print", str(conversation), "--force", "--output", str(out / "p.txt")], None),
        "plan_html": (runs, [*app, "plan", "print", str(conversation), "--format", "html", "--force", "--output", str(out / "p.html")], None),
        "plan_pdf": (runs, [*app, "plan", "print", str(conversation), "--format", "pdf", "--force", "--output", str(out / "p.pdf")],
                     [*py, str(FLOORS / "pdf_two_pages.py"), str(out / "floor.pdf")]),
        "export": (export_runs, [*app, "export", "--force", "--output", str(out / "export.json")],
                   [*py, str(FLOORS / "export_json.py"), str(db), str(out / "floor-export.json")]),
        "overview_json": (runs, [*app, "overview", "--format", "json"], None),
    }  # fmt: skip
    found = {name: side_by_side(ours, floor, n, env) for name, (n, ours, floor) in cases.items()}
    found["same_output"] = same_output(db, out, env)  # type: ignore[assignment]
    for name in ("export.json", "floor-export.json"):
        (out / name).unlink(missing_ok=True)
    return found


def same_output(db: Path, out: Path, env: dict[str, str]) -> dict[str, bool]:
    """The floors produce what the commands produce: the same JSON text for the people list,
    the same tables and rows for the export (the last outputs of each, compared parsed)."""
    ours = subprocess.run([str(COMMAND), "--db", str(db), "people", "list", "--json"], env=env,
                          check=True, capture_output=True).stdout  # fmt: skip
    floor = subprocess.run([sys.executable, str(FLOORS / "people_json.py"), str(db)], env=env,
                           check=True, capture_output=True).stdout  # fmt: skip
    same = {"people_json": ours == floor}
    if (out / "export.json").stat().st_size < 50_000_000:  # parsed only when small (quick)
        a = json.loads((out / "export.json").read_text())
        b = json.loads((out / "floor-export.json").read_text())
        same["export"] = a == b
    return same


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)  # the source's log is empty (see `main`)


def erase(db: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """`person erase` of the leader who conducted most conversations, beside its floor, on a
    fresh copy of the large database each time, while another process keeps saving a rating
    (benchmarks/erase_writer.py): the wall time of each, and the longest save meanwhile."""
    folder = Path(tempfile.mkdtemp())
    pristine = folder / "pristine.db"
    copy_database(db, pristine)
    subprocess.run([str(COMMAND), "--db", str(pristine), "db", "upgrade"], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    connection = sqlite3.connect(pristine)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
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
    copy = folder / "erase.db"
    commands = {
        "ours": [str(COMMAND), "--db", str(copy), "person", "erase", str(leader), "--yes"],
        "floor": [sys.executable, str(FLOORS / "erase.py"), str(copy), str(leader)],
    }
    times: dict[str, list[float]] = {"ours": [], "floor": []}
    waits: dict[str, list[float]] = {"ours": [], "floor": []}
    for index in range(runs):
        for kind in ("ours", "floor") if index % 2 == 0 else ("floor", "ours"):
            copy_database(pristine, copy)
            writer = subprocess.Popen(
                [sys.executable, str(HERE / "erase_writer.py"), str(copy), str(other[0]), other[1]],
                env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            assert writer.stdout is not None and writer.stdin is not None
            if writer.stdout.readline().strip() != "ready":
                raise RuntimeError("the writing session did not start")
            writer.stdin.write("go\n")
            writer.stdin.flush()
            time.sleep(0.2)
            times[kind].append(run_quietly(commands[kind], env))
            time.sleep(0.1)
            longest, _saves = writer.communicate("stop\n", timeout=60)[0].split()
            waits[kind].append(float(longest))
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    return {
        "erase_s": statistics.median(times["ours"]),
        "floor_s": statistics.median(times["floor"]),
        "save_during_erase_ms": max(waits["ours"]),
        "save_during_floor_ms": max(waits["floor"]),
    }


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
    parser.add_argument("--runs", type=int, help="runs of each timed command (default 15)")
    parser.add_argument("--slow-runs", type=int, help="runs of export and erase (default 5)")
    args = parser.parse_args()
    # quick: the large database still holds more than two screenfuls (the first screen reads
    # a screenful, then the rest)
    small_people, large_people, years = (25, 60, 2) if args.quick else (25, 10_000, 5)
    runs = args.runs or (2 if args.quick else 15)
    slow_runs = args.slow_runs or (1 if args.quick else 5)
    home = Path(tempfile.mkdtemp())
    env = environment(home)
    dbs = {
        "small": database(small_people, years, args.data),
        "large": database(large_people, years, args.data),
    }
    for db in dbs.values():
        # at this program's schema (a database made before a migration would send the
        # quick paths to the storage layer), with an empty log: a plain file copy is
        # then a whole database
        subprocess.run([str(COMMAND), "--db", str(db), "db", "upgrade"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        connection = sqlite3.connect(db)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
    started = time.perf_counter()
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_before": os.getloadavg(),
        },
        "commit": subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "sizes": {"small": small_people, "large": large_people, "years": years},
        "runs": {"commands": runs, "export_and_erase": slow_runs},
    }
    screens = first_screen(dbs, runs, env)
    results["first_screen_s"] = screens
    results["first_screen_ratio"] = screens["large"] / screens["minimal"]
    results["open_conversation_s"] = open_conversation(dbs["large"], runs, env)
    results["keystrokes"] = asyncio.run(keystrokes(dbs["large"], 10 if args.quick else 200))
    results["autosave"] = autosave(dbs["large"], 50 if args.quick else 1000)
    found = commands(dbs["large"], runs, slow_runs, env)
    results["same_output"] = found.pop("same_output")
    results["commands_s"] = {name: value["ours"] for name, value in found.items()}
    results["floors_s"] = {
        name: value["floor"] for name, value in found.items() if "floor" in value
    }
    results["erase"] = erase(dbs["large"], env, slow_runs)
    results["rss_mb"] = peak_memory(dbs["large"], env)
    results["machine"]["load_after"] = os.getloadavg()  # type: ignore[index]
    results["minutes"] = (time.perf_counter() - started) / 60
    results["table"] = table(results)
    args.json.write_text(json.dumps(results, indent=2))
    report(results)


# (figure, ours, floor or None, target): a target ("ratio", x) is met when ours ≤ x × floor,
# ("below", x) when ours < x.
def table(r: dict) -> list[dict[str, object]]:
    screens, keys, cmds, floors, erased = (
        r["first_screen_s"], r["keystrokes"], r["commands_s"], r["floors_s"], r["erase"],
    )  # fmt: skip
    large = f"{r['sizes']['large']:,}"
    rows: list[tuple[str, float, float | None, tuple[str, float], str]] = [
        (f"first screen, {large} people", screens["large"], screens["minimal"], ("ratio", 1.3), "s"),
        ("first screen, 25 people", screens["small"], screens["minimal"], ("below", 0.5), "s"),
        ("open a conversation (enter to its step)", r["open_conversation_s"], None, ("below", 0.5), "s"),
        *((f"keystroke: {name} (p99)", keys[name]["p99_ms"], None,
           ("below", 30.0 if name == "filter" else 16.0), "ms") for name in keys),
        ("autosave commit (p99)", r["autosave"]["p99_ms"], None, ("below", 5.0), "ms"),
        (f"people list --json, {large} people", cmds["people_json"], floors["people_json"], ("ratio", 2.0), "s"),
        ("plan print --format pdf", cmds["plan_pdf"], floors["plan_pdf"], ("ratio", 1.5), "s"),
        ("plan print (text)", cmds["plan_text"], None, ("below", 0.35), "s"),
        ("plan print --format html", cmds["plan_html"], None, ("below", 0.35), "s"),
        (f"export, {large} people", cmds["export"], floors["export"], ("ratio", 2.0), "s"),
        (f"person erase, {large} people", erased["erase_s"], erased["floor_s"], ("ratio", 3.0), "s"),
        ("  longest save by another process meanwhile", erased["save_during_erase_ms"],
         erased["save_during_floor_ms"], ("below", 1000.0), "ms"),
        ("overview --format json", cmds["overview_json"], None, ("below", 0.5), "s"),
        ("peak memory (RSS), TUI", r["rss_mb"], None, ("below", 150.0), "MB"),
    ]  # fmt: skip
    out = []
    for figure, ours, floor, (kind, limit), unit in rows:
        ratio = ours / floor if floor else None
        met = (ratio is not None and ratio <= limit) if kind == "ratio" else ours < limit
        out.append({
            "figure": figure, "ours": ours, "floor": floor, "ratio": ratio, "unit": unit,
            "target": f"≤ {limit:g} ×" if kind == "ratio" else f"< {limit:g} {unit}",
            "met": met,
        })  # fmt: skip
    return out


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = {"s": 3, "ms": 1, "MB": 0}[unit]
    return f"{value:.{digits}f} {unit}"


def report(r: dict) -> None:
    lines = [("figure", "ours (median)", "floor (median)", "ratio", "target", "met?")]
    for row in r["table"]:
        lines.append((
            row["figure"], _value(row["ours"], row["unit"]), _value(row["floor"], row["unit"]),
            "—" if row["ratio"] is None else f"{row['ratio']:.2f} ×", row["target"],
            "yes" if row["met"] else "NO",
        ))  # fmt: skip
    widths = [max(len(line[i]) for line in lines) for i in range(6)]
    for line in lines:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
    machine = r["machine"]
    print(
        f"\n{r['sizes']['large']:,} people, {r['sizes']['years']} years; medians of "
        f"{r['runs']['commands']} runs (export, erase: {r['runs']['export_and_erase']}); "
        f"Python {machine['python']}, {machine['cpus']} CPUs, load "
        f"{machine['load_before'][0]:.2f} before, {machine['load_after'][0]:.2f} after; "
        f"{r['minutes']:.1f} min from {r['started']}, commit {r['commit']}; floors give the "
        "same output: "
        + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in r["same_output"].items())
    )


if __name__ == "__main__":
    main()
