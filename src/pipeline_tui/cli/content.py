"""Commands: content validate, content list.

`validate` is the consultant's tool while writing a pack: one `file:line:
message` per problem on stdout (the form editors and terminals link), a
summary on stderr, exit 2; or a one-line OK per pack and exit 0. File names
are shown from the folder as the user typed it, so they can be opened from
where the command ran.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline_tui.cli.common import settings
from pipeline_tui.cli.content_show import list_json, register, served_layers
from pipeline_tui.cli.texts import one, os_error, say, spoken

if TYPE_CHECKING:
    from pipeline_tui.packs.loader import PackSet
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.packs.schema import Text


@click.group()
def content() -> None:
    """Its help: `cli.help.content` in the catalog."""


@content.command()
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def validate(ctx: click.Context, folder: Path | None) -> None:
    """Its help: `cli.help.content.validate` in the catalog."""
    # Deferred: pydantic and yaml are needed only by the content commands.
    from pipeline_tui.packs.light import find_pack_dirs, shipped_content_dir
    from pipeline_tui.packs.validate import check_pack

    target = folder or settings().content_dir
    shown = target if target is not None else _nice(shipped_content_dir())
    target = target if target is not None else shipped_content_dir()
    try:
        is_folder = target.is_dir()
    except OSError as exc:  # a folder on the way that one may not enter
        reason = os_error(exc.errno, exc.strerror)
        click.echo(f"pipeline-tui: {say('content_unreadable', path=shown, error=reason)}", err=True)
        ctx.exit(2)
    if not is_folder:
        click.echo(f"pipeline-tui: {say('content_not_found', path=shown)}", err=True)
        ctx.exit(2)
    dirs = find_pack_dirs(target)
    problems: list[str] = []
    if not dirs:
        problems.append(say("content_no_pack", path=shown))
    ok: list[str] = []
    seen: dict[str, Path] = {}
    for pack_dir in dirs:
        as_given = shown / pack_dir.relative_to(target)
        pack, found = check_pack(pack_dir)
        # Deferred with the pack code it belongs to (pydantic): only `validate` needs it.
        from pipeline_tui.packs.messages import one_line

        for problem in found:  # said in the command line's language where a catalog phrase
            shown_at = problem.under(as_given)
            problems.append(one_line(f"{shown_at.where}: {spoken(shown_at.message)}"))
        if pack is None:
            continue
        if pack.id in seen:
            problems.append(
                say(
                    "content_same_id",
                    path=as_given / "pack.yaml",
                    id=pack.id,
                    other=seen[pack.id] / "pack.yaml",
                )
            )
        seen.setdefault(pack.id, as_given)
        ok.append(
            say("content_ok", id=pack.id, version=pack.version, path=as_given, **_counts(pack))
        )
    if problems:
        for line in problems:
            click.echo(line)
        count, packs = len(problems), len(dirs) or 1
        in_packs = say(f"content_packs{one(packs)}", n=packs)
        said = say(f"content_invalid{one(count)}", n=count, packs=in_packs)
        click.echo(f"pipeline-tui: {said}", err=True)
        ctx.exit(2)
    for line in ok:
        click.echo(line)


@content.command(name="list")
@click.option("--json", "as_json", is_flag=True)
def list_packs(as_json: bool) -> None:
    """Its help: `cli.help.content.list` in the catalog."""
    from pipeline_tui.packs.loader import load_packs

    current = settings()
    packs = load_packs(current.content_dir)
    if as_json:
        click.echo(list_json(packs, current.language))
    elif sys.stdout.isatty():
        _print_tables(packs, current.language)
    else:
        click.echo(_plain_listing(packs, current.language), nl=False)


def _plain_listing(packs: PackSet, lang: str) -> str:
    lines: list[str] = []
    for pack_id, pack in packs.items():
        marker = f" ({say('content_list.default')})" if pack is packs.default else ""
        origin = say(f"content_list.origin.{packs.origin(pack_id)}")
        lines.append(
            f"{pack_id} {pack.version}{marker}: {pack.manifest.name.get(lang)} "
            f"[{', '.join(pack.languages)}] {origin} {pack.source}"
        )
        lines.append(f"  {say('content_list.layers')}")
        layers = [
            (layer.key, _counted("expectations", len(pack.expectations_for(layer.key))), layer.name)
            for layer in pack.layers
        ]
        lines.extend(_columns(layers, lang))
        lines.append(f"  {say('content_list.decks')}")
        decks = [
            (f"{deck.id} ({deck.kind})", _counted("cards", len(deck.cards)), deck.name)
            for deck in pack.decks
        ]
        lines.extend(_columns(decks, lang))
        lines.append(f"  {say('content_list.conversations')}")
        kinds = [(kind.key, kind.deck or "-", kind.name) for kind in pack.kinds]
        lines.extend(_columns(kinds, lang))
        lines.append(f"  {say('content_list.activities', n=len(pack.activities))}")
    return "\n".join(lines) + "\n"


def _columns(rows: list[tuple[str, str, Text]], lang: str) -> list[str]:
    """Aligned `key  count  name` lines: ids left, counts right, the name last."""
    key_width = max((len(key) for key, _, _ in rows), default=0)
    count_width = max((len(count) for _, count, _ in rows), default=0)
    return [
        f"    {key:<{key_width}}  {count:>{count_width}}  {name.get(lang)}"
        for key, count, name in rows
    ]


def _print_tables(packs: PackSet, lang: str) -> None:
    from rich.console import Console
    from rich.table import Column, Table

    def col(name: str) -> str:
        return say(f"content_list.col.{name}")

    console = Console()
    for pack_id, pack in packs.items():
        marker = f" · {say('content_list.default')}" if pack is packs.default else ""
        origin = say(f"content_list.origin.{packs.origin(pack_id)}")
        console.print(
            f"[bold]{pack_id}[/] {pack.version}{marker} — {pack.manifest.name.get(lang)}\n"
            f"[dim]{', '.join(pack.languages)} · {origin} · {pack.source}[/]",
            highlight=False,
        )
        layers = Table(
            col("layer"),
            col("name"),
            col("conversation"),
            Column(col("expectations"), justify="right"),
        )
        for layer in pack.layers:
            count = str(len(pack.expectations_for(layer.key)))
            layers.add_row(layer.key, layer.name.get(lang), layer.conversation, count)
        decks = Table(
            col("deck"),
            col("kind"),
            col("name"),
            Column(col("cards"), justify="right"),
            col("served"),
        )
        for deck in pack.decks:
            served = ", ".join(served_layers(pack, deck)) or "-"
            decks.add_row(deck.id, deck.kind, deck.name.get(lang), str(len(deck.cards)), served)
        kinds = Table(col("conversation"), col("name"), col("deck"), col("steps"))
        for kind in pack.kinds:
            kinds.add_row(kind.key, kind.name.get(lang), kind.deck or "-", " ".join(kind.steps))
        console.print(layers, decks, kinds)
        activities = say("content_list.activities", n=len(pack.activities))
        console.print(f"{activities}\n", highlight=False)


def _counts(pack: Pack) -> dict[str, str]:
    """What a valid pack holds, counted in the command line's language (`content_ok`)."""
    layers, decks, activities = len(pack.layers), len(pack.decks), len(pack.activities)
    expectations = sum(len(items) for items in pack.expectations.values())
    cards = sum(len(deck.cards) for deck in pack.decks)
    return {
        "layers": say(f"layers_count{one(layers)}", n=layers),
        "expectations": say(f"expectations_count{one(expectations)}", n=expectations),
        "decks": say(f"decks_count{one(decks)}", n=decks),
        "cards": say(f"cards_count{one(cards)}", n=cards),
        "activities": say(f"activities_count{one(activities)}", n=activities),
        "languages": ", ".join(pack.languages),
    }


def _counted(what: str, count: int) -> str:
    """`count` of `what` in the command line's language ("14 forventninger", "1 card")."""
    return say(f"{what}_count{one(count)}", n=count)


def _nice(path: Path) -> Path:
    """`path` relative to the working folder when it is inside it (shorter to read)."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path
    return path if relative.parts[:1] == ("..",) else relative


register(content)

COMMANDS = [content]
