"""The command line's help (`--help`, a group called without its command) in the language
asked: every command's and option's text from the catalog (`cli.help.<command path>` and
`cli.help.<command path>.<option>`), and click's own words around them (Usage, Options,
Commands, "[default: ...]", the help option's line, the arguments' names: `FIL`, `SAMTALE_ID`)
in the same language.

The texts are put on the commands only while help is shown (`catalogued`), which loads
every command's module: a command that is run, not asked about, pays nothing for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import click

from pipeline_tui.cli.texts import has, say


class _Formatter(click.HelpFormatter):
    """click's help formatter, with its headings and an option's particulars in the
    command line's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{say('help.usage')} " if prefix is None else prefix)

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        headings = {"Options": say("help.options"), "Commands": say("help.commands")}
        with super().section(headings.get(name, name)):
            yield

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        default, required = say("help.default"), say("help.required")
        said = [
            (
                term,
                text.replace("[default: ", f"[{default}: ")
                .replace("; default: ", f"; {default}: ")
                .replace("[required]", f"[{required}]")
                .replace("; required]", f"; {required}]"),
            )
            for term, text in rows
        ]
        super().write_dl(said, col_max, col_spacing)


class _Context(click.Context):
    formatter_class = _Formatter


def _commands(
    command: click.Command, ctx: click.Context, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command, click.Context]]:
    """Every command under `command` (loading the modules that define them), with its path
    and a context to ask it in."""
    yield path, command, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                yield from _commands(sub, click.Context(sub, parent=ctx), (*path, name))


@contextlib.contextmanager
def catalogued(root: click.Group, settings: Mapping[str, Any]) -> Iterator[None]:
    """While inside: each command's help, its options' and the help option's from the
    catalog, in the command line's language, and click's words around them too. The
    commands are module-level objects: what they held is put back on leaving. `settings`:
    the root's context settings (its help option's names)."""
    kept: list[tuple[object, str, object]] = []

    def put(target: object, name: str, value: object) -> None:
        kept.append((target, name, getattr(target, name)))
        setattr(target, name, value)

    try:
        top = click.Context(root, info_name="pipeline-tui", **settings)  # as `cli` is run
        for path, command, ctx in _commands(root, top):
            key = "help." + (".".join(path) or "root")
            put(command, "help", say(key))
            put(command, "context_class", _Context)
            put(command, "options_metavar", f"[{say('help.options_word')}]")
            if isinstance(command, click.Group):
                word, args = say("help.command_word"), say("help.args_word")
                optional = command.invoke_without_command  # the top one: the app without
                metavar = f"[{word}] [{args}]..." if optional else f"{word} [{args}]..."
                put(command, "subcommand_metavar", metavar)
            for param in command.params:
                if isinstance(param, click.Option) and param.name and has(f"{key}.{param.name}"):
                    put(param, "help", say(f"{key}.{param.name}"))
                if isinstance(param, click.Option) and not param.is_flag:
                    # the value's kind, as click names it (PATH, TEXT, INTEGER RANGE)
                    word = param.make_metavar(ctx).lower().replace(" ", "_")
                    if has(f"help.metavar.{word}"):
                        put(param, "metavar", say(f"help.metavar.{word}"))
                if isinstance(param, click.Argument) and has(f"help.metavar.{param.name}"):
                    word = say(f"help.metavar.{param.name}")  # optional: [FOLDER], as click
                    put(param, "metavar", word if param.required else f"[{word}]")
            help_option = command.get_help_option(ctx)
            if help_option is not None:
                put(help_option, "help", say("help.help_option"))
        yield
    finally:
        for target, name, value in reversed(kept):
            setattr(target, name, value)
