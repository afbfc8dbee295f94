"""The command line's own words (messages, prompts, confirmations) in Danish and English:
the `cli.` texts of the program's one catalog (`pipeline_tui.texts`).

They follow `--lang` (or PIPELINE_TUI_LANG) when it is given; otherwise English, so
that scripts reading the output see the same words whatever language the app was
last used in. Messages raised by the storage layer keep their own (English) text, unless the
catalog has words for them (`refusal`).
Only click and the catalog are imported here: this module is on the path of every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline_tui.texts import LANGUAGES, locale

if TYPE_CHECKING:
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
    return locale(_language).text(f"cli.{key}", **values)


def say_in(lang: str, key: str, /, **values: Any) -> str:
    """The text `key` in `lang` (output that follows the app's language, as the overview)."""
    return locale(lang).text(f"cli.{key}", **values)


def refusal(error: UserError) -> str:
    """A refused command's message in the command line's language: the catalog's words for
    what was missing or refused (`cli.refused.*`, filled in with the error's particulars),
    else the message as the storage layer wrote it (English)."""
    from pipeline_tui.errors import ErasedError, NotFoundError

    if isinstance(error, ErasedError):
        key = f"refused.erased.{error.reason}"
    elif isinstance(error, NotFoundError):
        key = f"refused.missing.{error.reason}"
    else:
        key = f"refused.{error.reason}"
    found = locale(_language).get(f"cli.{key}") if error.reason else None
    if found is None:
        return str(error)
    try:
        return found.format(**error.values)
    except (KeyError, IndexError):
        return str(error)


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
