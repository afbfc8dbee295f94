"""The `pipeline-tui` command line.

Every sub-command module imports only click at module level; storage, content
and the TUI are imported inside the command that needs them, so that a command
pays only for what it uses (and the bare command reaches the first screen fast).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from pathlib import Path

import click

from pipeline_tui import __version__
from pipeline_tui.cli import texts
from pipeline_tui.config import ENV_LANG, Settings, keep_database
from pipeline_tui.errors import UserError
from pipeline_tui.texts import LANGUAGES

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Each sub-command, and the module that defines it. A command imports its own module
# only, not the nine others (~25 ms, much of a short command like `person erase`); help
# lists them all. A test checks this map against what the modules define.
COMMAND_MODULES = {
    "content": "content",
    "conversations": "conversations",
    "db": "db",
    "demo": "app",
    "export": "transfer",
    "feedback": "feedback",
    "import": "transfer",
    "invite": "serve",
    "overview": "overview",
    "people": "people",
    "person": "people",
    "plan": "plan",
    "prep": "plan",
    "prepare": "serve",
    "serve": "serve",
}


class _Commands(click.Group):
    """The group whose sub-commands are imported when they are asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import importlib

            module = importlib.import_module(f"pipeline_tui.cli.{COMMAND_MODULES[cmd_name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option("--db", metavar="PATH_OR_URL")
@click.option("--content", metavar="DIR")
@click.option("--lang", type=click.Choice(LANGUAGES))
@click.version_option(__version__, prog_name="pipeline-tui")
@click.pass_context
def cli(ctx: click.Context, db: str | None, content: str | None, lang: str | None) -> int | None:
    """Its help: `cli.help.root` in the catalog."""
    texts.set_language(lang or os.environ.get(ENV_LANG))
    ctx.obj = Settings.resolve(db=db, content=content, lang=lang)
    keep_database(ctx.obj.db)  # no file a command writes goes over it (`files.check_target`)
    if ctx.invoked_subcommand is None:
        from pipeline_tui.tui.run import run_app

        return run_app(ctx.obj)
    return None


def _log_unexpected(exc: BaseException) -> Path | None:
    """Keep where the bug is for a report, without the data (see `errorlog`)."""
    from pipeline_tui.config import cache_dir
    from pipeline_tui.errorlog import log_unexpected

    return log_unexpected(exc, cache_dir())


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code: 0 ok, 2 bad input, 1 failure."""
    args = sys.argv[1:] if argv is None else argv
    if help_asked(args):
        from pipeline_tui.cli.help import catalogued

        texts.set_language(language_asked(args))
        with catalogued(cli, CONTEXT_SETTINGS):
            return _run(args)
    return _run(args)


def help_asked(args: list[str]) -> bool:
    """Whether the command line asks for help: `-h` or `--help` (before any `--`), or a
    command group without its command (`pipeline-tui people`: click shows its help)."""
    for index, arg in enumerate(args):
        if arg == "--":
            return False
        if arg in ("-h", "--help"):
            return True
        if arg in GROUPS and index == len(args) - 1:
            return True
    return False


# The commands that are groups of others: called alone, they show their help.
GROUPS = ("content", "conversations", "db", "feedback", "people", "person", "plan", "prep")


def _run(argv: list[str]) -> int:
    from pipeline_tui.cli.terminal import guarded

    with guarded():  # what a command writes drives no terminal (see `terminal`)
        return _run_guarded(argv)


def _run_guarded(argv: list[str]) -> int:
    try:
        result = cli.main(args=argv, prog_name="pipeline-tui", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(texts.say("aborted"), err=True)
        return 1
    except click.UsageError as exc:
        moved = global_option_first(argv, exc)
        if moved is not None:  # `pipeline-tui demo --lang en`: said how to write it
            import shlex

            texts.set_language(language_asked(moved))
            line = shlex.join(["pipeline-tui", *moved])
            option = exc.option_name if isinstance(exc, click.NoSuchOption) else ""
            click.echo(
                f"pipeline-tui: {texts.say('usage.global_option', option=option, line=line)}",
                err=True,
            )
            return exc.exit_code
        # click says these in English (its usage, a hint, "Error: ..."); in another language
        # they are said in the catalog's words, one line and where to find help.
        lang = language_asked(argv)
        if lang in (None, "en") or isinstance(exc, click.exceptions.NoArgsIsHelpError):
            if isinstance(exc, click.BadParameter):
                texts.set_language("en")
                exc = texts.value_error(exc)
            exc.show()  # (a group without its command shows its help)
        else:
            texts.set_language(lang)
            click.echo(f"pipeline-tui: {texts.usage_error(exc)}", err=True)
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except UserError as exc:
        click.echo(f"pipeline-tui: {texts.refusal(exc)}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # (a closed pipe, `| head`, click ends quietly with exit code 1)
        if exc.errno not in FULL:
            return report_unexpected(exc)
        _stdout_to_nowhere()
        error = texts.os_error(exc.errno, exc.strerror)
        click.echo(f"pipeline-tui: {texts.say('cannot_write', error=error)}", err=True)
        return 2
    except Exception as exc:
        return report_unexpected(exc)
    return result if isinstance(result, int) else 0


GLOBAL_OPTIONS = ("--db", "--content", "--lang")


def global_option_first(args: list[str], error: click.UsageError) -> list[str] | None:
    """`args` with the global option a command refused (`demo --lang en`: click knows
    --lang only before the command) moved before the command, or None when the refusal
    is another. A command with an option of that name of its own (`plan print --lang`)
    takes it and is never refused."""
    if not isinstance(error, click.NoSuchOption) or error.option_name not in GLOBAL_OPTIONS:
        return None
    name = error.option_name
    end = args.index("--") if "--" in args else len(args)
    for index in reversed(range(end)):  # the refused one: after the command
        if args[index] == name and index + 1 < end:
            given = args[index : index + 2]
        elif args[index].startswith(f"{name}="):
            given = [args[index]]
        else:
            continue
        rest, others = args[:index] + args[index + len(given) :], []
        while rest:  # the same option given before the command too: this one says it
            arg = rest.pop(0)
            if arg == name and rest:
                rest.pop(0)
            elif not arg.startswith(f"{name}="):
                others.append(arg)
        return given + others
    return None


def language_asked(args: list[str]) -> str | None:
    """The language asked for the command line (`--lang` before the command, else
    PIPELINE_TUI_LANG), read from the arguments themselves: click may refuse them before
    `cli` has read --lang (an unknown command, a bad option of its own). An unknown language
    is None."""
    lang = None
    index = 0
    while index < len(args):
        name, sep, value = args[index].partition("=")
        if name == "--" or not name.startswith("-"):
            break  # the command: what follows is its own (`plan print --lang`)
        if name in ("--db", "--content", "--lang") and not sep:
            index += 1
            value = args[index] if index < len(args) else ""
        if name == "--lang":
            lang = value
        index += 1
    lang = lang or os.environ.get(ENV_LANG)
    return lang if lang in LANGUAGES else None


# Writes the disk (or standard output: `> /dev/full`) cannot take: said in one line, exit 2.
FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _stdout_to_nowhere() -> None:
    """What is left in standard output's buffer cannot be written: drop it."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def report_unexpected(exc: BaseException) -> int:
    """A bug: one line for the user, the traceback in the log; exit code 1.

    A damaged database, a full disk or a read-only file met on a path that has
    no message of its own is not a bug: it is explained in one line, exit code 2.
    """
    from pipeline_tui.errors import storage_problem

    problem = storage_problem(exc)
    if problem is None and isinstance(exc, json.JSONDecodeError):  # a row's JSON, damaged
        from pipeline_tui.errors import StorageError

        problem = StorageError("damaged JSON in the database", "damaged_json_somewhere")
    if problem is not None:
        click.echo(f"pipeline-tui: {texts.refusal(problem)}", err=True)
        return problem.exit_code
    log = _log_unexpected(exc)
    where = texts.say("details_in", path=log) if log else ""
    from pipeline_tui.errorlog import sanitized_message

    message = f"{type(exc).__name__}: {sanitized_message(exc)}".rstrip(": ")
    click.echo(f"pipeline-tui: {texts.say('unexpected', error=message, where=where)}", err=True)
    return 1


def main() -> None:
    sys.exit(run())
