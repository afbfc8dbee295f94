"""`--help` in the language asked: every command's and option's text from the catalog
(`cli.help.*`), and click's words around them (Usage, Options, Commands, [default: ...])
in the same language. It was English whatever --lang said."""

from __future__ import annotations

import click
import pytest

from pipeline_tui.cli import CONTEXT_SETTINGS, cli
from pipeline_tui.cli.help import _commands
from pipeline_tui.texts import catalog

ROOT = click.Context(cli, info_name="pipeline-tui", **CONTEXT_SETTINGS)
COMMANDS = [(path, command) for path, command, _ctx in _commands(cli, ROOT)]
WORDS = {
    "da": ("Brug: pipeline-tui", "Tilvalg:", "Vis denne hjælp og afslut."),
    "en": ("Usage: pipeline-tui", "Options:", "Show this message and exit."),
}


def flat(text: str) -> str:
    """Text as a reader sees it, whatever the line breaks click folded it with."""
    return " ".join(text.split())


def key(path: tuple[str, ...]) -> str:
    return "cli.help." + (".".join(path) or "root")


def test_every_command_and_option_has_its_help_in_the_catalog() -> None:
    """Each command a help page can show, and each of its options, has its text in both
    languages; the catalog holds no help for a command or option there is not."""
    wanted = set()
    for path, command in COMMANDS:
        wanted.add(key(path))
        wanted |= {
            f"{key(path)}.{param.name}"
            for param in command.params
            if isinstance(param, click.Option) and not param.hidden
        }
        wanted |= {  # an argument's name in the usage line: FIL, SAMTALE_ID
            f"cli.help.metavar.{param.name}"
            for param in command.params
            if isinstance(param, click.Argument)
        }
    words = {f"cli.help.{name}" for name in ("usage", "options", "commands", "default")}
    words |= {"cli.help.required", "cli.help.help_option"}
    words |= {f"cli.help.{name}_word" for name in ("options", "command", "args")}
    kinds = ("path", "path_or_url", "dir", "text", "integer_range", "integer")  # of values
    kinds += ("group",)  # invite --group GRUPPE (any of the group's words, not just its key)
    words |= {f"cli.help.metavar.{kind}" for kind in kinds}
    for lang in ("da", "en"):
        held = {k for k in catalog(lang) if k.startswith("cli.help.")}
        assert held == wanted | words, (lang, sorted(held ^ (wanted | words)))


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(
    "path", [path for path, _command in COMMANDS], ids=lambda p: " ".join(p) or "root"
)
def test_each_help_page_is_in_the_language_asked(run_cli, lang: str, path) -> None:
    """The page of each command: its usage line, its text and every option's, in `lang`."""
    result = run_cli("--lang", lang, *path, "--help")
    assert result.code == 0, result.err
    shown, texts = flat(result.out), catalog(lang)
    usage, options, help_line = WORDS[lang]
    assert shown.startswith(f"{usage} {' '.join(path)}".rstrip()), shown
    assert options in shown and help_line in shown
    assert flat(texts[key(path)]) in shown
    command = dict(COMMANDS)[path]
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert flat(texts[f"{key(path)}.{param.name}"]) in shown, param.name
    other = catalog("en" if lang == "da" else "da")
    assert flat(other[key(path)]).split(".")[0] not in shown


def test_a_groups_commands_and_an_options_default_are_said_in_danish(run_cli) -> None:
    """`pipeline-tui --lang da db` (a group without its command) shows its help in Danish:
    its usage line, the commands listed by their Danish line; a default is a "standard"."""
    group = run_cli("--lang", "da", "db")
    shown = flat(group.out + group.err)
    assert shown.startswith("Brug: pipeline-tui db [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "Kommandoer:" in shown and "upgrade Opret databasen" in shown, shown
    serve = flat(run_cli("--lang", "da", "serve", "-h").out)
    assert "Porten, der lyttes på. [standard: 8000; 1<=x<=65535]" in serve
    assert "default" not in serve


def test_danish_help_leaves_the_next_english_one_english(run_cli) -> None:
    """The commands are shared objects: the Danish texts are put back when the page is
    shown, and -h still works after (a help option made without it once replaced it)."""
    assert "Tilvalg:" in run_cli("--lang", "da", "people", "import", "--help").out
    english = run_cli("people", "import", "-h")
    assert english.code == 0
    assert "Add everyone in a roster FILE.csv" in flat(english.out)
    assert "Tilvalg" not in english.out and "Options:" in english.out
    assert run_cli("serve", "-h").code == 0


def test_the_groups_that_show_their_help_alone_are_known_without_loading_them() -> None:
    """`help_asked` names the command groups (called alone, they show their help) without
    importing their modules: the list is the tree's."""
    from pipeline_tui.cli import GROUPS

    groups = {path[0] for path, command in COMMANDS if len(path) == 1}
    groups = {name for name in groups if isinstance(dict(COMMANDS)[(name,)], click.Group)}
    assert set(GROUPS) == groups


def test_the_arguments_are_named_in_the_language_asked(run_cli) -> None:
    """`--lang da` named the arguments in English (FILE, CONVERSATION_ID) in the usage line,
    in the text that explains them and in a usage error, and the options' values too
    (PATH, TEXT, INTEGER RANGE); English keeps its names."""
    shown = flat(run_cli("--lang", "da", "plan", "print", "--help").out)
    assert shown.startswith("Brug: pipeline-tui plan print [TILVALG] SAMTALE_ID")
    backup = flat(run_cli("--lang", "da", "db", "backup", "--help").out)
    assert "[TILVALG] FIL" in backup and "FIL kan være en mappe" in backup
    assert "FILE" not in backup
    missing = run_cli("--lang", "da", "plan", "print")
    assert missing.code == 2 and "mangler argumentet SAMTALE_ID" in missing.err
    wrong = run_cli("--lang", "da", "person", "export", "x")
    assert wrong.code == 2 and "ugyldig værdi for PERSON_ID" in wrong.err
    serve = flat(run_cli("--lang", "da", "serve", "--help").out)
    assert "--host TEKST" in serve and "--port HELTAL" in serve and "INTEGER" not in serve
    top = flat(run_cli("--lang", "da", "--help").out)
    assert "--db STI_ELLER_URL" in top and "--content MAPPE" in top
    assert "--port INTEGER RANGE" in flat(run_cli("serve", "--help").out)
    english = run_cli("plan", "print", "--help").out
    assert flat(english).startswith("Usage: pipeline-tui plan print [OPTIONS] CONVERSATION_ID")
    assert "CONVERSATION_ID" in run_cli("plan", "print").err


@pytest.mark.parametrize(("lang", "usage"), [("en", "Usage"), ("da", "Brug")])
def test_an_argument_that_may_be_left_out_is_in_brackets(run_cli, lang, usage) -> None:
    """`content validate` checks the shipped packs without its FOLDER, but its usage line
    said `content validate [OPTIONS] FOLDER`, as if the folder had to be given (the
    catalog's name replaced click's `[FOLDER]`). An argument that is required keeps none."""
    shown = flat(run_cli("--lang", lang, "content", "validate", "--help").out)
    folder = catalog(lang)["cli.help.metavar.folder"]
    options = catalog(lang)["cli.help.options_word"]
    assert shown.startswith(f"{usage}: pipeline-tui content validate [{options}] [{folder}] ")
    assert run_cli("content", "validate").code == 0  # left out: the shipped packs
    export = flat(run_cli("--lang", lang, "person", "export", "--help").out)
    assert f"[{options}] {catalog(lang)['cli.help.metavar.person_id']} " in export
