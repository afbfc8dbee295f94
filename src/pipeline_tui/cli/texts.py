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

from pipeline_tui.texts import LANGUAGES, Phrase, locale, said
from pipeline_tui.texts import os_error as texts_os_error
from pipeline_tui.texts import refusal as texts_refusal

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
    loc = locale(_language)
    return loc.text(f"cli.{key}", **{name: said(value, loc) for name, value in values.items()})


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
