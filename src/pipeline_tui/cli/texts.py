"""The command line's own words (messages, prompts, confirmations) in Danish and English.

They follow `--lang` (or PIPELINE_TUI_LANG) when it is given; otherwise English, so
that scripts reading the output see the same words whatever language the app was
last used in. Messages raised by the storage layer keep their own (English) text.
Only click is imported here: this module is on the path of every command.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "aborted": "Afbrudt.",
        "unexpected": "uventet fejl: {error}{where}",
        "details_in": " (detaljer i {path})",
        "wrote": "Skrev {path}",
        "file_not_found": "filen findes ikke: {path}",
        "is_folder": "{path} er en mappe, ikke en fil",
        "cannot_read": "kan ikke læse {path}: {error}",
        "content_not_found": "indholdsmappen findes ikke: {path}",
        "roster_problems": "{n} problem(er) i {file}: intet blev importeret",
        "roster_dry_run": "{file}: {n} personer kan importeres (prøvekørsel, intet skrevet)",
        "imported_people": "Importerede {n} personer i {where}",
        "feedback_problems": "{n} problem(er) i {file}: intet blev importeret",
        "feedback_dry_run": (
            "{file}: {answers} svar fra {raters} bedømmere kan importeres "
            "(prøvekørsel, intet skrevet)"
        ),
        "imported_feedback": "Importerede {answers} svar fra {raters} bedømmere i {where}",
        "unknown_layer": "ukendt niveau {layer!r} (et af: {known}, eller et niveaus navn)",
        "people_count": "{n} personer",
        "conversations_count": "{n} samtaler",
        "erase_question": (
            "Slet {name} og alle vedkommendes samtaler, vurderinger, noter og planer? "
            "Det kan ikke fortrydes"
        ),
        "erase_manages_one": "{name} er leder for 1 person, som derefter står uden leder.",
        "erase_manages": "{name} er leder for {n} personer, som derefter står uden leder.",
        "erase_nothing": "Intet er slettet.",
        "erased": "Person {id} er slettet ({n} rækker fjernet)",
        "cannot_make": "kan ikke lave en {fmt}-fil: {error}",
        "imported_into": "Importerede {what} i {where}",
        "nothing": "intet",
        "up_to_date": "{where}: skema {head} (opdateret)",
        "backup_sqlite_only": (
            "backup virker på SQLite-filer; tag backup af en databaseserver med dens egne værktøjer"
        ),
        "backed_up": "Tog backup af {path} til {file}",
        "no_person": "ingen person {who!r}",
        "unknown_layer_known": "ukendt niveau {layer!r} (kendte: {known})",
        "serve_url": "Åbn {url}",
        "serve_stop": "Tryk ctrl+c for at stoppe.",
        "serve_stopped": "Stoppet.",
        "serve_exposed": (
            "Advarsel: lytter på {host}, ikke kun på denne maskine: samtalernes data kan nås "
            "fra netværket af den, der har et link"
        ),
        "serve_cannot_listen": "kan ikke lytte på {host}:{port}: {error}",
        "invite_until": "Linket virker til {until}, eller til samtalen er holdt.",
        "invite_revoked": "Trak {n} link(s) til samtale {id} tilbage",
        "invite_no_group": "ukendt bedømmergruppe {group!r} (en af: {known})",
        "invite_revoke_all": (
            "--revoke trækker alle samtalens links tilbage: angiv ikke --group sammen med det"
        ),
        "invite_rater_peer": (
            "Linket er til én kollega, og kun til vedkommende; et nyt link til hver kollega. "
            "Det virker til {until}, til vedkommende er færdig, eller til samtalen er holdt."
        ),
        "invite_rater_report": (
            "Linket er til én medarbejder, og kun til vedkommende; et nyt link til hver. "
            "Det virker til {until}, til vedkommende er færdig, eller til samtalen er holdt."
        ),
        "invite_rater_other": (
            "Linket er til én bedømmer, og kun til vedkommende; et nyt link til hver. "
            "Det virker til {until}, til vedkommende er færdig, eller til samtalen er holdt."
        ),
    },
    "en": {
        "aborted": "Aborted.",
        "unexpected": "unexpected error: {error}{where}",
        "details_in": " (details in {path})",
        "wrote": "Wrote {path}",
        "file_not_found": "file not found: {path}",
        "is_folder": "{path} is a folder, not a file",
        "cannot_read": "cannot read {path}: {error}",
        "content_not_found": "content folder not found: {path}",
        "roster_problems": "{n} problem(s) in {file}: nothing was imported",
        "roster_dry_run": "{file}: {n} people can be imported (dry run, nothing written)",
        "imported_people": "Imported {n} people into {where}",
        "feedback_problems": "{n} problem(s) in {file}: nothing was imported",
        "feedback_dry_run": (
            "{file}: {answers} answers from {raters} raters can be imported "
            "(dry run, nothing written)"
        ),
        "imported_feedback": "Imported {answers} answers from {raters} raters into {where}",
        "unknown_layer": "unknown layer {layer!r} (one of: {known}, or a layer's name)",
        "people_count": "{n} people",
        "conversations_count": "{n} conversations",
        "erase_question": (
            "Erase {name} and all their conversations, ratings, notes and plans? "
            "This cannot be undone"
        ),
        "erase_manages_one": "{name} manages 1 person, who is then left without a manager.",
        "erase_manages": "{name} manages {n} people, who are then left without a manager.",
        "erase_nothing": "Nothing erased.",
        "erased": "Erased person {id} ({n} rows removed)",
        "cannot_make": "cannot make a {fmt} file: {error}",
        "imported_into": "Imported {what} into {where}",
        "nothing": "nothing",
        "up_to_date": "{where}: schema {head} (up to date)",
        "backup_sqlite_only": (
            "backup works on SQLite files; back up a server database with its tools"
        ),
        "backed_up": "Backed up {path} to {file}",
        "no_person": "no person {who!r}",
        "unknown_layer_known": "unknown layer {layer!r} (known: {known})",
        "serve_url": "Open {url}",
        "serve_stop": "Press ctrl+c to stop.",
        "serve_stopped": "Stopped.",
        "serve_exposed": (
            "Warning: listening on {host}, not only on this machine: the conversations' data "
            "can be reached from the network by whoever has a link"
        ),
        "serve_cannot_listen": "cannot listen on {host}:{port}: {error}",
        "invite_until": "The link works until {until}, or until the conversation is held.",
        "invite_revoked": "Revoked {n} link(s) to conversation {id}",
        "invite_no_group": "unknown rater group {group!r} (one of: {known})",
        "invite_revoke_all": (
            "--revoke revokes all of the conversation's links: do not give --group with it"
        ),
        "invite_rater_peer": (
            "The link is for one peer, and only for them; a new link for each peer. It works "
            "until {until}, until they are done, or until the conversation is held."
        ),
        "invite_rater_report": (
            "The link is for one direct report, and only for them; a new link for each. It "
            "works until {until}, until they are done, or until the conversation is held."
        ),
        "invite_rater_other": (
            "The link is for one rater, and only for them; a new link for each. It works "
            "until {until}, until they are done, or until the conversation is held."
        ),
    },
}

_language = "en"


def set_language(lang: str | None) -> None:
    """Speak `lang` from now on (None: English)."""
    global _language
    _language = lang if lang in TEXTS else "en"


def language() -> str:
    return _language


def say(key: str, **values: Any) -> str:
    """The text `key` in the command line's language, its `{fields}` filled in."""
    text = TEXTS[_language].get(key) or TEXTS["en"][key]
    return text.format(**values) if values else text


YES = {"da": ("j", "ja", "y", "yes"), "en": ("y", "yes")}


def ask_yes(question: str) -> bool:
    """Ask `question` on the terminal; yes only when answered so (j/ja in Danish, y/yes)."""
    import click

    hint = "[j/N]" if _language == "da" else "[y/N]"
    answer = click.prompt(f"{question} {hint}", default="", show_default=False)
    return answer.strip().lower() in YES[_language]
