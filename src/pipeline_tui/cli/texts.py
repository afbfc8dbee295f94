"""The command line's own words (messages, prompts, confirmations) in Danish and English:
the `cli.` texts of the program's one catalog (`pipeline_tui.texts`).

They follow `--lang` (or PIPELINE_TUI_LANG) when it is given; otherwise English, so
that scripts reading the output see the same words whatever language the app was
last used in. A refusal raised below the command line (storage, files, checks) carries a
`reason` and its particulars (`values`), and is said in the catalog's words for that reason
(`refusal`), else in its own (English) text; findings made below it (a roster's problems, an
import's, `db check`'s) are catalog phrases (`texts.Phrase`), said with `spoken`.
Only click and the catalog are imported here: this module is on the path of every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline_tui.texts import LANGUAGES, Phrase, catalog, locale, said
from pipeline_tui.texts import os_error as texts_os_error
from pipeline_tui.texts import refusal as texts_refusal

if TYPE_CHECKING:
    import click

    from pipeline_tui.errors import UserError

_language = "en"


def set_language(lang: str | None) -> None:
    """Speak `lang` from now on (None: English)."""
    global _language
    _language = lang if lang in LANGUAGES else "en"


def language() -> str:
    return _language


def say(key: str, /, **values: Any) -> str:
    """The text `key` in the command line's language, its `{fields}` filled in."""
    loc = locale(_language)
    return loc.text(f"cli.{key}", **{name: said(value, loc) for name, value in values.items()})


def has(key: str) -> bool:
    """Whether the catalog has the text `key` (both languages have the same keys)."""
    return f"cli.{key}" in catalog(_language)


def one(count: int) -> str:
    """The ending of a key for exactly one of something: `say(f"people_count{one(n)}", n=n)`
    says "1 person" (`people_count_one`) where "{n} people" would say "1 people"."""
    return "_one" if count == 1 else ""


def spoken(text: str) -> str:
    """`text` in the command line's language when it is a catalog phrase, else as it is."""
    return text.text(locale(_language)) if isinstance(text, Phrase) else text


def os_error(number: int | None, error: str | None) -> str:
    """The system's reason for a failed read or write, in the command line's language
    (`texts.os_error`)."""
    return texts_os_error(number, error, locale(_language))


def say_in(lang: str, key: str, /, **values: Any) -> str:
    """The text `key` in `lang` (output that follows the app's language, as the overview)."""
    return locale(lang).text(f"cli.{key}", **values)


def refusal(error: UserError) -> str:
    """A refused command's message in the command line's language (`texts.refusal`)."""
    return texts_refusal(error, locale(_language))


YES = {"da": ("j", "ja", "y", "yes"), "en": ("y", "yes")}


def ask_yes(question: str) -> bool:
    """Ask `question` on the terminal; yes only when answered so (j/ja in Danish, y/yes).
    No answer at all (the input ended, or ctrl+c) is not a no: a UserError (exit 2) that
    says so and names --yes, where click would end with "Aborted!" and exit 1."""
    import click

    from pipeline_tui.errors import UserError

    hint = "[j/N]" if _language == "da" else "[y/N]"
    try:
        answer = click.prompt(f"{question} {hint}", default="", show_default=False)
    except click.Abort:
        click.echo("", err=True)  # the prompt's line ends before the message
        raise UserError(say("no_answer")) from None
    return answer.strip().lower() in YES[_language]


# What click (8.x) says, in English only, about a value it refuses or words it cannot place:
# read back here by its words (the value is not kept on the exception), to be said in the
# catalog's. A message not matched keeps click's words for its detail.
_CLICK_SAYS = {
    "not_integer": r"(?P<value>.+) is not a valid integer(?: range)?\.",
    "range": r"(?P<value>.+) is not in the range (?P<range>.+)\.",
    "folder": r"(?:File|Directory|Path) (?P<value>.+) is a directory\.",
    "file": r"(?:File|Directory|Path) (?P<value>.+) is a file\.",
    "unreadable": r"(?:File|Directory|Path) (?P<value>.+) is not readable\.",
    "choice": r"(?P<value>.+) is not (?:one of )?(?P<choices>.+)\.",
    "no_command": r"Missing command\.",
    "no_such_command": r"No such command (?P<value>.+)\.",
    "extra": r"Got unexpected extra arguments? \((?P<value>.*)\)",
    "needs_value": r"Option (?P<value>.+) requires an argument\.",
    "takes_no_value": r"Option (?P<value>.+) does not take a value\.",
}


def value_error(error: click.BadParameter) -> click.BadParameter:
    """A value click refuses (a number that is not one, out of its range...), said in the
    catalog's words where click's own are known to be poor ("'x' is not a valid integer
    range", "not in the range 1<=x<=9223372036854775807"), for click to print."""
    import click

    if isinstance(error, click.MissingParameter):  # no value at all: click's own words
        return error  # ("Missing argument 'FILE'."; its `message` is empty)
    said = _detail(error.message, error.param)
    return click.BadParameter(said, error.ctx, error.param, error.param_hint)


def usage_error(error: click.UsageError) -> str:
    """A usage error of click's (an unknown option or command, a missing argument, a value
    its type refuses) in the command line's language: the message, and on a second line
    where to find help (click prints its usage, that hint and "Error: ..." in English)."""
    message = _usage_message(error)
    ctx = error.ctx
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        names = ctx.command.get_help_option_names(ctx)
        command = f"{ctx.command_path} {max(names, key=len)}"
        message = f"{message}\n{say('usage.help', command=command)}"
    return message


def _usage_message(error: click.UsageError) -> str:
    import click

    if isinstance(error, click.NoSuchOption):
        unknown = say("usage.no_such_option", option=error.option_name)
        return unknown + _did_you_mean(error.possibilities)
    if isinstance(error, click.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else None)
        if kind in ("argument", "option"):
            return say(f"usage.missing_{kind}", name=_param_named(error))
        return error.format_message()
    if isinstance(error, click.BadParameter):
        name = _param_named(error)
        problem = _detail(error.message, error.param)
        return say("usage.bad_value", name=name, problem=problem) if name else problem
    found = _said_by_click(error.message)
    if found is None:
        return error.format_message()
    key, said = found
    if key == "no_command":
        return say("usage.no_command")
    if key == "no_such_command":
        possibilities = getattr(error, "possibilities", None)
        return say("usage.no_such_command", command=_unquoted(said["value"])) + _did_you_mean(
            possibilities
        )
    if key == "extra":
        count = len(said["value"].split())
        return say(f"usage.extra{one(count)}", args=said["value"])
    if key in ("needs_value", "takes_no_value"):
        return say(f"usage.{key}", option=_unquoted(said["value"]))
    return error.format_message()


def _did_you_mean(possibilities: list[str] | None) -> str:
    """click's guess at what was meant (an option or command of a similar name), if any."""
    if not possibilities:
        return ""
    names = ", ".join(sorted(possibilities))
    return ". " + say(f"usage.did_you_mean{one(len(possibilities))}", names=names)


def _param_named(error: click.BadParameter) -> str:
    """The option or argument a usage error is about, as it is typed or shown in the usage
    line (--format, PERSON_ID), without click's quotes; "" when click does not say."""
    import click

    if error.param_hint is not None:
        hint = error.param_hint
        hint = hint if isinstance(hint, str) else " / ".join(hint)
    elif isinstance(error.param, click.Argument) and has(f"help.metavar.{error.param.name}"):
        return say(f"help.metavar.{error.param.name}")  # as the help's usage line names it
    elif error.param is not None:
        hint = error.param.get_error_hint(error.ctx)
    else:
        return ""
    import re

    return re.sub(r"'([^']*)'", r"\1", hint)


def _detail(message: str, param: click.Parameter | None) -> str:
    """What is wrong with a value, from click's English about it (`_CLICK_SAYS`), in the
    command line's language; click's words when they are not known here."""
    import errno

    import click

    found = _said_by_click(message)
    if found is None:
        return message
    key, said = found
    value = said["value"]
    if key == "not_integer":
        return say("usage.not_integer", value=value)
    if key == "range":
        kind = param.type if param is not None else None
        if not isinstance(kind, click.IntRange | click.FloatRange):
            return message
        if kind.min is None or kind.min_open or kind.max_open:
            return message
        if kind.max is None or kind.max >= 2**31:  # an id: no upper bound worth saying
            if kind.max is not None and _above(value, kind.max):
                return say("usage.too_large", value=value)
            return say("usage.at_least", value=value, low=kind.min)
        return say("usage.between", value=value, low=kind.min, high=kind.max)
    if key == "folder":
        return say("is_folder", path=_unquoted(value))
    if key == "file":
        return say("usage.not_folder", path=_unquoted(value))
    if key == "unreadable":
        error = os_error(errno.EACCES, "Permission denied")
        return say("cannot_read", path=_unquoted(value), error=error)
    if key == "choice" and param is not None and isinstance(param.type, click.Choice):
        choices = ", ".join(str(choice) for choice in param.type.choices)
        return say("usage.choice", value=value, choices=choices)
    return message


def _above(value: str, high: float) -> bool:
    """Whether the number click refused (`value`, as it wrote it) is above `high`."""
    try:
        return float(value) > high
    except ValueError:
        return False


def _said_by_click(message: str) -> tuple[str, dict[str, str]] | None:
    """Which of click's messages `message` is (`_CLICK_SAYS`), and its particulars."""
    import re

    for key, pattern in _CLICK_SAYS.items():
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found is not None:
            return key, found.groupdict()
    return None


def _unquoted(text: str) -> str:
    """A value click wrote with `repr` ('/tmp/a b'), as it was typed."""
    import ast

    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text
