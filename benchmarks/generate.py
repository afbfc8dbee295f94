"""Generate a realistic database for benchmarks, through the repository.

    python benchmarks/generate.py --people 10000 --years 5 --db /tmp/bench.db

An organisation shaped like a hospital group (one top leader, function
leaders, leaders of leaders, first-line leaders with teams of about twelve),
one conversation per person per year with full ratings, cards played with
notes, and plans with goals and actions; this year's conversations in every
state. Deterministic for a given seed and date (PIPELINE_TUI_TODAY pins it).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from pipeline_tui import clock
from pipeline_tui.demo.builder import held_conversation
from pipeline_tui.demo.texts import FIRST_NAMES, LAST_NAMES, TITLES, UNITS
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.services import content_for, default_kind
from pipeline_tui.store.people import NewPerson
from pipeline_tui.store.repository import open_repository

CHUNK = 250
THIS_YEAR_STATES = ("signed",) * 6 + ("completed", "in_progress", None, None)


def organisation(people: int, rnd: random.Random, layers: list[str]) -> list[NewPerson]:
    """People on every layer, each with a manager on the layer above (the top has none)."""
    top, function, leaders, first_line = layers[-1], layers[-2], layers[-3], layers[1]
    counts = {
        top: 1,
        function: max(3, people // 1000),
        leaders: max(5, people // 150),
        first_line: max(10, people // 12),
    }
    counts[layers[0]] = max(people - sum(counts.values()), 0)
    found: list[NewPerson] = []
    above: list[NewPerson] = []
    number = 0
    for layer in reversed(layers):
        current = []
        for index in range(counts.get(layer, 0)):
            number += 1
            boss = above[index % len(above)] if above else None
            if layer == first_line:
                unit = f"{UNITS[index % len(UNITS)]} {index // len(UNITS) + 1}"
            else:
                unit = boss.unit if boss and layer == layers[0] else UNITS[index % len(UNITS)]
            person = NewPerson(
                name=f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
                layer=layer,
                email=f"person{number:06d}@bench.example",
                title=rnd.choice(TITLES.get(layer, ("Medarbejder",))),
                unit=unit,
                manager_email=boss.email if boss else None,
            )
            current.append(person)
        found.extend(current)
        above = current or above
    return found


def generate(db: str, people: int, years: int, seed: int = 7, quiet: bool = False) -> None:
    started = time.perf_counter()
    rnd = random.Random(seed)
    pack = load_packs(None).default
    repo = open_repository(db)
    if repo.people.count():
        raise SystemExit(f"{db} is not empty")
    with repo.transaction() as tx:  # all of it or nothing
        written, added = _fill(tx, pack, rnd, people, years, quiet)
    repo.close()
    if not quiet:
        seconds = time.perf_counter() - started
        print(f"\r{len(added)} people, {written} conversations in {seconds:.0f} s", file=sys.stderr)


def _fill(repo, pack, rnd, people: int, years: int, quiet: bool):
    added = repo.people.import_people(organisation(people, rnd, list(pack.layer_keys())))
    by_id = {p.id: p for p in added}
    today = clock.today()
    batch = []
    written = 0
    for year in range(today.year - years + 1, today.year + 1):
        for person in added:
            state = "signed" if year < today.year else rnd.choice(THIS_YEAR_STATES)
            if state is None:
                continue
            kind = default_kind(pack, person.layer)
            boss = by_id.get(person.manager_id) if person.manager_id else None
            last_day = date(year, 12, 1) if year < today.year else today - timedelta(days=1)
            held_on = date(year, 1, 10) + timedelta(
                days=rnd.randint(0, max((last_day - date(year, 1, 10)).days, 0))
            )
            batch.append(
                held_conversation(
                    rnd,
                    content_for(pack, person.layer, kind),
                    person_id=person.id,
                    person_name=person.name,
                    kind=kind,
                    held_on=held_on,
                    status=state,
                    conducted_by=boss.name if boss else "",
                    conductor_id=boss.id if boss else None,
                    follow_up_on=held_on + timedelta(days=365),
                )
            )
            if len(batch) >= CHUNK:
                written += len(repo.bulk.record(batch))
                batch = []
                if not quiet:
                    print(f"\r{written} conversations", end="", file=sys.stderr)
    written += len(repo.bulk.record(batch))
    return written, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    if args.db.exists():
        parser.error(f"{args.db} exists already")
    # Written beside the target and renamed when complete: never a half-made database.
    partial = args.db.with_name(args.db.name + ".partial")
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    generate(str(partial), args.people, args.years, args.seed, args.quiet)
    partial.replace(args.db)


if __name__ == "__main__":
    main()
