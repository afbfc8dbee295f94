"""Wall time of the four listings, whole command from outside the process, medians.

    python benchmarks/listings.py DB [--runs 5] [--before OTHER/src]

`people list`, `people list --json`, `conversations list`, `conversations list --json`
on DB, stdout to /dev/null (so the table is laid out for 80 columns, as in a pipe).
With `--before`, the same commands run from another checkout's `src` folder
(PYTHONPATH, the same installed command otherwise), interleaved with this one
(which goes first alternates), and the outputs of the two are compared first.
Make a database with `python benchmarks/generate.py --people 50000 --years 1 --db DB`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = (
    ("people", "list"),
    ("people", "list", "--json"),
    ("conversations", "list"),
    ("conversations", "list", "--json"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout's src folder")
    args = parser.parse_args()
    command = shutil.which("pipeline-tui", path=str(Path(sys.executable).parent))
    if command is None:
        sys.exit("the pipeline-tui command is not installed beside this Python")
    home = Path(tempfile.mkdtemp(prefix="listings-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_TUI")}
    env.update(XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config",
               XDG_CACHE_HOME=f"{home}/cache")  # fmt: skip
    envs = {"this": env}
    if args.before is not None:
        envs["before"] = dict(env, PYTHONPATH=str(args.before.resolve()))
    names = list(envs)
    outputs = {}
    for name in names:  # a warm-up (the packs' cache, the page cache), and the outputs
        for listing in COMMANDS:
            done = subprocess.run(
                [command, "--db", str(args.db), *listing], env=envs[name], capture_output=True
            )
            if done.returncode != 0:
                sys.exit(f"{name}: {' '.join(listing)}: {done.stderr.decode()}")
            outputs[name, listing] = (done.stdout, done.stderr)
    times: dict[tuple[str, tuple[str, ...]], list[float]] = {}
    load = os.getloadavg()[0]
    for run in range(args.runs):
        for listing in COMMANDS:
            for name in names if run % 2 == 0 else names[::-1]:
                started = time.perf_counter()
                subprocess.run(
                    [command, "--db", str(args.db), *listing],
                    env=envs[name],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=True,
                )
                times.setdefault((name, listing), []).append(time.perf_counter() - started)
    print(f"{args.db}, {args.runs} runs, load average {load:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")  # fmt: skip
    for listing in COMMANDS:
        cells = [
            f"{name}: {statistics.median(times[name, listing]):.3f} s"
            f" (min {min(times[name, listing]):.3f})"
            for name in names
        ]
        if len(names) == 2:
            same = outputs["this", listing] == outputs["before", listing]
            cells.append("same output" if same else "OUTPUTS DIFFER")
        print(f"{' '.join(listing):28}", "  ".join(cells))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
