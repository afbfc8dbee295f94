"""Command: overview — HR's coverage figures and the weakest expectations."""

from __future__ import annotations

import csv
import io
import sys
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from pipeline_tui.cli.common import (
    YEAR,
    dump_json,
    load_pack,
    missing_database,
    open_repo,
    quick_layer_key,
    say_if_made,
    settings,
)
from pipeline_tui.cli.texts import say, say_in
from pipeline_tui.errors import UserError
from pipeline_tui.vocabulary import shown

if TYPE_CHECKING:
    from pipeline_tui.core.coverage import CoverageRow, Stat
    from pipeline_tui.core.overview import Overview
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.packs.shapes import PackNames


P = TypeVar("P", bound="PackNames")


def _stat(stat: Stat) -> dict[str, Any]:
    return {
        "n": stat.n,
        "mean": round(stat.mean, 3) if stat.mean is not None else None,
        "spread": round(stat.spread, 3) if stat.spread is not None else None,
    }


def _row(row: CoverageRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "people": row.people,
        "offered": row.offered,
        "held": row.held,
        "signed_plan": row.signed,
        "follow_up_overdue": row.overdue,
        "offered_share": round(row.share(row.offered), 4),
        "signed_share": round(row.share(row.signed), 4),
    }


def as_data(view: Overview, pack: PackNames, lang: str) -> dict[str, Any]:
    def person(pid: int) -> dict[str, Any]:
        p = view.people[pid]
        return {"id": p.id, "name": p.name, "unit": p.unit, "layer": p.layer}

    def booked(pid: int) -> dict[str, Any]:
        found = view.years.get(pid)
        planned = found.planned_on if found else None
        return person(pid) | {"planned_on": planned.isoformat() if planned else None}

    def title(expectation_id: str) -> str:
        return view.title(expectation_id, pack, lang)

    return {
        "year": view.year,
        "total": _row(view.coverage.total),
        "by_unit": [_row(r) for r in view.coverage.by_unit],
        "by_layer": [_row(r) for r in view.coverage.by_layer],
        "dimensions": [
            {
                "layer": d.layer,
                "dimension": d.dimension_id,
                "manager": _stat(d.manager),
                "self": _stat(d.self),
            }
            for d in view.dimensions
        ],
        "weakest": {
            layer: [
                {
                    "expectation": s.expectation_id,
                    "title": title(s.expectation_id),
                    "manager": _stat(s.manager),
                    "self": _stat(s.self),
                }
                for s in items
            ]
            for layer, items in view.weakest.items()
        },
        "too_few_to_show": list(view.too_few),
        "kinds": [
            {
                "kind": kind,
                "name": found.name.get(lang) if (found := pack.kind(kind)) else kind,
                "conversations": count,
                "held": held,
            }
            for kind, (count, held) in view.kinds.items()
        ],
        "responses": [
            {
                "conversation": r.conversation_id,
                "person": person(r.person_id),
                "kind": r.kind,
                "held_on": r.held_on.isoformat() if r.held_on else None,
                "status": r.status,
                "asked": r.asked,
                "answered": r.answered,
                "rate": round(r.share, 4),
            }
            for r in view.responses
        ],
        # With the date of a conversation booked ahead, if any (home: "Planned",
        # "Overdue · planned").
        "not_held": [booked(pid) for pid in view.coverage.not_held],
        "follow_up_overdue": [booked(pid) for pid in view.coverage.overdue],
        "follow_up_soon": [person(pid) for pid in view.coverage.due_soon],
    }


def _readable(value: Any) -> Any:
    """Names and units with control characters written as escapes ("\\x1b"): the text and
    the CSV are read by people, in a terminal or a spreadsheet (JSON escapes them itself)."""
    if isinstance(value, str):
        return shown(value, lines=False)
    if isinstance(value, dict):
        return {key: _readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_readable(item) for item in value]
    return value


class _CellWriter:
    """csv.writer, with a text that a spreadsheet would run as a formula ("=HYPERLINK(..."
    as a unit's name) made plain text by a leading apostrophe, as spreadsheets write it."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: list[Any]) -> None:
        self._writer.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in FORMULA_STARTS else v for v in row]
        )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_csv(data: dict[str, Any]) -> str:
    """Long format (section, scope, item, measure, value): pivots in any spreadsheet."""
    out = io.StringIO()
    writer = _CellWriter(out)
    writer.writerow(["section", "scope", "item", "measure", "value"])
    for section, rows in (("total", [data["total"]]), ("unit", data["by_unit"])):
        for row in rows:
            for measure, value in row.items():
                if measure != "key":
                    writer.writerow([section, row["key"], "", measure, value])
    for row in data["by_layer"]:
        for measure, value in row.items():
            if measure != "key":
                writer.writerow(["layer", row["key"], "", measure, value])
    # The year's conversations of each kind, and how many were held (the text's and the
    # JSON's "MUS 11 (10 held)"): the CSV had held conversations of all kinds together only.
    for kind in data.get("kinds", []):
        for measure in ("conversations", "held"):
            writer.writerow(["kind", kind["kind"], "", measure, kind[measure]])
    for d in data["dimensions"]:
        for rater in ("manager", "self"):
            for measure in ("n", "mean", "spread"):
                writer.writerow(
                    [
                        "dimension",
                        d["layer"],
                        d["dimension"],
                        f"{rater}_{measure}",
                        d[rater][measure],
                    ]
                )
    for r in data.get("responses", []):
        for measure in ("asked", "answered", "rate"):
            writer.writerow(
                ["responses", r["person"]["name"], r["conversation"], measure, r[measure]]
            )
    for layer, items in data["weakest"].items():
        for rank, item in enumerate(items, start=1):
            writer.writerow(["weakest", layer, item["expectation"], "rank", rank])
            writer.writerow(
                ["weakest", layer, item["expectation"], "manager_mean", item["manager"]["mean"]]
            )
    return out.getvalue()


WHOLE = 10_000  # the width of a file: no line of the overview is wider


def _bar(share: float, width: int = 10) -> str:
    filled = round(share * width)
    return "█" * filled + "·" * (width - filled)


def print_text(data: dict[str, Any], pack: PackNames, lang: str) -> None:
    """The overview for a reader, in `lang`: the same words as the app's overview."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from pipeline_tui.cli.listing import room
    from pipeline_tui.core.overview import MIN_GROUP
    from pipeline_tui.texts import locale

    speak = locale(lang)
    L = speak.text
    # Fitted to the terminal; sent to a file or a pipe (`> overblik.txt`, a mail), as wide
    # as its lines are, as the listings write it: rich's 80 columns folded the total line
    # mid-phrase and cut a layer's name in the heat map to "Funktionsle…" in the file.
    console = Console(highlight=False, width=WHOLE if room() is None else None)
    names = {layer.key: layer.name.get(lang) for layer in pack.layers}
    dims = {d.id: d.name.get(lang) for d in pack.dimensions}
    total = data["total"]
    figures = L(
        "ov.total_one" if total["people"] == 1 else "ov.total",  # 1 person, not "1 people"
        people=total["people"],
        offered=total["offered"],
        offered_pct=speak.percent(total["offered_share"]),
        held=total["held"],
        signed=total["signed_plan"],
        signed_pct=speak.percent(total["signed_share"]),
        overdue=total["follow_up_overdue"],
    )
    console.print(Text.assemble((str(data["year"]), "bold"), f": {figures}"))
    if data.get("kinds"):
        kinds = " · ".join(
            say_in(lang, "ov.kind", name=k["name"], n=k["conversations"], held=k["held"])
            for k in data["kinds"]
        )
        console.print(Text(L("ov.kinds", kinds=kinds)))
    # The app's columns (people, offered, held, signed, overdue), shares of the people: "held"
    # was missing, and a unit's offered 80% read as 80% held while one of them was only
    # planned for next week.
    columns = (
        "",
        L("ov.col.people"),
        L("ov.col.offered"),
        L("ov.col.held"),
        L("ov.col.signed"),
        "",
    )
    for heading, rows, label in (
        (L("ov.per_unit"), data["by_unit"], lambda k: k or "–"),
        (L("ov.per_layer"), data["by_layer"], lambda k: names.get(k, k)),
    ):
        if not rows:  # nobody in the scope (an empty database, a layer no one is on)
            console.print(Text(heading, style="italic"))
            console.print(Text(f"  {say_in(lang, 'ov.no_people')}"))
            continue
        table = Table(
            title=heading,
            title_justify="left",
            box=None,
            header_style="bold",
            collapse_padding=True,  # one space between columns: the names keep the room
            pad_edge=False,
        )
        for column in (*columns, L("ov.col.overdue")):
            table.add_column(column, justify="right" if column else "left")
        table.columns[5].no_wrap = True  # the bar: whole or not at all
        for row in rows:
            held = row["held"] / row["people"] if row["people"] else 0.0
            table.add_row(
                Text(str(label(row["key"]))),  # str(): mypy reads names.get(k, k) as str | None
                str(row["people"]),
                speak.percent(row["offered_share"]),
                speak.percent(held),
                speak.percent(row["signed_share"]),
                _bar(row["signed_share"]),
                str(row["follow_up_overdue"]),
            )
        console.print(table)
    # The layers the app's heat map has: those with figures, and those too few to show,
    # said so in their column (a table of dimension names alone said nothing).
    too_few = set(data["too_few_to_show"])
    rated = {d["layer"] for d in data["dimensions"]} | too_few
    layer_keys = [k for k in pack.layer_keys() if k in rated]
    heat = Table(
        title=say_in(lang, "ov.heat"),
        title_justify="left",
        box=None,
        header_style="bold",
        collapse_padding=True,  # as the tables above: flush left, one space between columns
        pad_edge=False,
    )
    heat.add_column("")
    for key in layer_keys:
        heat.add_column(Text(names.get(key, key)), justify="right")
    for dimension in pack.dimensions:
        cells = []
        for key in layer_keys:
            found = next(
                (
                    d
                    for d in data["dimensions"]
                    if d["layer"] == key and d["dimension"] == dimension.id
                ),
                None,
            )
            if key in too_few:
                cells.append(L("ov.too_few_short"))
            else:
                cells.append(speak.number(found["manager"]["mean"] if found else None, 2))
        heat.add_row(Text(dims[dimension.id]), *cells)
    if layer_keys:
        console.print(heat)
    else:
        console.print(Text(say_in(lang, "ov.heat"), style="italic"))
        console.print(Text(f"  {L('ov.no_data', year=data['year'])}"))
    # Layer by layer in the pipeline's order, as the app's tab lists them (a layer the pack
    # no longer has, last); too few raters said in its place.
    weakest, too_few = data["weakest"], data["too_few_to_show"]
    for layer in [*names, *(k for k in [*weakest, *too_few] if k not in names)]:
        if layer not in weakest and layer not in too_few:
            continue
        console.print(Text(say_in(lang, "ov.weakest", layer=names.get(layer, layer)), style="bold"))
        for item in weakest.get(layer, ()):
            shown = speak.number(item["manager"]["mean"])  # one decimal, as the app lists them
            console.print(Text(f"  {shown}  {item['title']}"))
        if layer not in weakest:
            console.print(Text(f"  {L('ov.too_few', n=MIN_GROUP)}"))
    if data.get("responses"):
        answers = Table(
            title=say_in(lang, "ov.responses"),
            title_justify="left",
            box=None,
            collapse_padding=True,
            pad_edge=False,
        )
        answers.add_column("", justify="left")
        answers.add_column(say_in(lang, "ov.col.date"), justify="right")
        answers.add_column(say_in(lang, "ov.col.status"), justify="left")
        for column in ("ov.col.asked", "ov.col.answered", "ov.col.rate"):
            answers.add_column(say_in(lang, column), justify="right")
        for r in data["responses"]:
            held_on = r["held_on"]
            answers.add_row(
                Text(r["person"]["name"]),
                speak.date(date.fromisoformat(held_on)) if held_on else "",
                speak.text(f"status.{r['status']}"),
                str(r["asked"]),
                str(r["answered"]),
                speak.percent(r["rate"]),
            )
        console.print(answers)


def _read_overview(year: int, unit: str | None, layer: str | None) -> tuple[Overview, PackNames]:
    """The figures through the one choice of driver (`store.reading.read_with`): the stdlib
    on a local SQLite file at the current schema, else the storage layer; and what the
    overview reads of the content pack, on a thread meanwhile: from the packs' cache with
    the stdlib when it is current (`light.pack_names`), else the pack loaded in full
    (importing pydantic and reading the pack: ~0.2 s, about as long as SQLite's rating
    sums for a filtered overview, which run without the GIL: see `Prefetched`)."""
    from concurrent.futures import ThreadPoolExecutor

    from pipeline_tui.core.overview import Prefetched
    from pipeline_tui.core.overview import overview as build
    from pipeline_tui.store.reading import read_with

    where = settings()  # (click's context is the main thread's: read it here)

    def load() -> PackNames:
        from pipeline_tui.packs.light import pack_names

        cached = pack_names(where.content_dir)
        if cached is not None:
            return cached
        from pipeline_tui.packs.loader import load_packs  # the import too: most of the time

        return load_packs(where.content_dir).default

    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(load)

        def work(reader: Any) -> tuple[Overview, PackNames]:
            figures = Prefetched(reader, year, whole=not unit)  # a layer: all, then its own
            pack = _checked(loading.result(), layer)
            view = build(figures, pack, year, unit=unit, layer=layer, unit_must_exist=True)
            return view, pack

        return read_with(where.db, where.db_path, work)


def _checked(pack: P, layer: str | None) -> P:
    if layer and pack.layer(layer) is None:
        raise UserError(say("unknown_layer_known", layer=layer, known=", ".join(pack.layer_keys())))
    return pack


def _stored_overview(
    pack: Pack, year: int, unit: str | None, layer: str | None, manager: str | None
) -> Overview:
    from pipeline_tui import services

    repo = open_repo(reading=True)
    try:
        manager_id = None
        if manager:
            found = (
                (repo.people.get(int(manager)) if int(manager) < 2**63 else None)
                if manager.isdigit()
                else repo.people.by_email(manager)
            )
            if found is None:
                raise UserError(say("no_person", who=manager))
            if not repo.people.reports_of(found.id, indirect=False):
                # A mistyped id (14 for 7) is not a team of 0 people, as a mistyped unit
                # is not a unit of 0 people.
                raise UserError(say("manager_no_team", name=shown(found.name), id=found.id))
            manager_id = found.id
        return services.overview(
            repo, pack, year, unit=unit, layer=layer, manager_id=manager_id, unit_must_exist=True
        )
    finally:
        repo.close()


@click.command()
@click.option("--year", type=YEAR)
@click.option("--unit")
@click.option("--layer")
@click.option("--manager")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
def overview(
    year: int | None, unit: str | None, layer: str | None, manager: str | None, fmt: str
) -> None:
    """Its help: `cli.help.overview` in the catalog."""
    from pipeline_tui import clock

    year = year or clock.today().year
    if layer is not None:  # its key or its name, as people list takes it
        layer = quick_layer_key(layer)
    pack: PackNames
    missing = missing_database()
    if manager:  # a team: the manager looked up by email or id in the storage layer
        pack = _checked(load_pack(), layer)
        view = _stored_overview(pack, year, unit, layer, manager)
    else:
        view, pack = _read_overview(year, unit, layer)
    lang = settings().language
    data = as_data(view, pack, lang)
    if fmt == "json":
        sys.stdout.write(dump_json(data))
    elif fmt == "csv":
        sys.stdout.write(as_csv(_readable(data)))
    else:
        print_text(_readable(data), pack, lang)
    say_if_made(missing)


COMMANDS = [overview]
