"""The console script's front door: the bare `pipeline-tui` opens the app without click.

Opening the app is the path people wait on, so it must not pay for the
command-line framework and its sub-commands (about 40 ms here). When the
arguments are only the global options `--db`, `--content` and `--lang` (each
at most once, with a value), the app opens straight away; anything else, help,
`--version`, a sub-command or a malformed option, goes to the full command line
in `pipeline_tui.cli`, which gives the usual messages.
"""

from __future__ import annotations

import sys

from pipeline_tui.config import Settings
from pipeline_tui.texts import LANGUAGES

GLOBAL_OPTIONS = ("--db", "--content", "--lang")


def bare_options(args: list[str]) -> dict[str, str] | None:
    """The global options when `args` holds nothing else, else None."""
    found: dict[str, str] = {}
    index = 0
    while index < len(args):
        name, sep, value = args[index].partition("=")
        if name not in GLOBAL_OPTIONS or name in found:
            return None
        if not sep:
            index += 1
            if index >= len(args):
                return None
            value = args[index]
        if not value or value.startswith("-"):
            return None
        found[name] = value
        index += 1
    if found.get("--lang", LANGUAGES[0]) not in LANGUAGES:
        return None
    return found


def open_app(options: dict[str, str]) -> int:
    from pipeline_tui.errors import UserError

    try:
        settings = Settings.resolve(
            db=options.get("--db"), content=options.get("--content"), lang=options.get("--lang")
        )
        from pipeline_tui.tui.run import run_app

        code = run_app(settings)
    except UserError as exc:
        import os

        from pipeline_tui.cli import texts
        from pipeline_tui.config import ENV_LANG

        # As the command line says it: in the language asked (--lang, PIPELINE_TUI_LANG).
        texts.set_language(options.get("--lang") or os.environ.get(ENV_LANG))
        print(f"pipeline-tui: {texts.refusal(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from pipeline_tui.cli import report_unexpected

        return report_unexpected(exc)
    return code


def main() -> None:
    options = bare_options(sys.argv[1:])
    if options is None:
        from pipeline_tui.cli import main as full_command_line

        full_command_line()
        return
    sys.exit(open_app(options))
