"""A control character in a pack's text: refused by the validator with file and line, and
never written to a terminal as it is, even when it reaches a command past the validator
(a pack cache changed by hand): the command line's own output escapes it.

YAML's double-quoted escapes ("\\e", "\\a", "\\u202e") let into a text what YAML refuses
as a raw byte: an OSC 8 hyperlink hidden in a layer's name, a bell, a right-to-left override.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline_tui.cli import run
from pipeline_tui.cli.terminal import escaped
from pipeline_tui.packs.validate import validate_pack_dir

NAME = "name: {da: Specialist, en: Specialist}"
HIDDEN_LINK = "Spe\\e]8;;http://evil.example\\e\\\\cialist\\e]8;;\\e\\\\ \\a"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


@pytest.mark.parametrize(
    ("written", "code"),
    [
        (HIDDEN_LINK, "001B"),
        ("Spe\\acialist", "0007"),
        ("Spe\\x9bcialist", "009B"),
        ("Spe\\x7fcialist", "007F"),
        ("Spe\\rcialist", "000D"),
        ("\\u202etsilaicepS", "202E"),
        ("Spe\\u2066cialist\\u2069", "2066"),
    ],
)
def test_a_control_character_in_a_text_is_refused_with_file_and_line(
    minimal: Path, edit_pack, written: str, code: str
) -> None:
    edit_pack(minimal, "pipeline.yaml", NAME, f'name: {{da: Specialist, en: "{written}"}}')
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        f"pipeline.yaml:4: layer 'specialist', field 'name.en': the control character "
        f"U+{code} is not allowed in a text (remove it)"
    ]


def test_a_control_character_in_a_key_is_refused_once_and_said_escaped(
    minimal: Path, edit_pack, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key with a bidi mark is not a language: one problem, the mark said as an escape."""
    edit_pack(minimal, "pipeline.yaml", NAME, 'name: {da: Specialist, "e\\u202en": Specialist}')
    assert run(["--lang", "en", "content", "validate", str(minimal)]) == 2
    out = capsys.readouterr().out
    assert out == (
        f"{minimal}/pipeline.yaml:4: layer 'specialist', field 'name': 'e\\u202en' is not a "
        "language code (two lower-case letters, like da or en)\n"
    )


def test_tabs_and_line_breaks_in_a_text_are_kept(minimal: Path, edit_pack) -> None:
    """A text of several lines (a purpose in a block) is a text, not a control character."""
    edit_pack(minimal, "pipeline.yaml", NAME, 'name: {da: "Special\\tist", en: "Spec\\nialist"}')
    assert validate_pack_dir(minimal) == []


def test_validate_and_every_command_refuse_the_pack_in_one_line(
    minimal: Path, edit_pack, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`content validate` names file and line in the language asked, exit 2; a command
    given the pack refuses it (exit 2), writes nothing, and no escape sequence is said."""
    edit_pack(minimal, "pipeline.yaml", NAME, f'name: {{da: Specialist, en: "{HIDDEN_LINK}"}}')
    code = run(["--lang", "da", "content", "validate", str(minimal)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == (
        f"{minimal}/pipeline.yaml:4: niveauet 'specialist', feltet 'name.en': kontroltegnet "
        "U+001B er ikke tilladt i en tekst (fjern det)\n"
    )
    for command in (["content", "list"], ["content", "show", "specialist"], ["overview"]):
        code = run(["--lang", "en", "--db", str(db_path), "--content", str(minimal), *command])
        out, err = capsys.readouterr()
        assert (code, out) == (2, ""), command
        assert err.count("\n") == 1 and "U+001B is not allowed in a text" in err
        assert not set(RAW) & set(err)


def _tamper_cache(cache_home: Path, name: str) -> None:
    """Put `name` as the English name of layer 'specialist' into every cached pack: the
    cache is trusted as the validated pack it was written from."""
    entries = list((cache_home / "pipeline-tui" / "packs").glob("*.json"))
    assert entries
    for entry in entries:
        data = json.loads(entry.read_text(encoding="utf-8"))
        for layer in data["pack"]["layers"]:
            if layer["key"] == "specialist":
                layer["name"]["en"] = name
        entry.write_text(json.dumps(data), encoding="utf-8")


def test_a_control_character_past_the_validator_is_written_as_an_escape(
    minimal: Path, db_path: Path, cache_home: Path, tmp_path: Path, capsys
) -> None:
    """Defence in depth: a layer's name with a hidden link, a bell, a CSI (C1) and a
    right-to-left override that came in through the pack cache reaches no terminal as it is,
    in `content list`, `content show` and `overview`; the JSON of `content show --json`
    still reads back as the same text."""
    base = ["--lang", "en", "--db", str(db_path), "--content", str(minimal)]
    roster = tmp_path / "roster.csv"
    roster.write_text("name,email,layer\nBo Berg,bo@example.dk,specialist\n", encoding="utf-8")
    assert run([*base, "people", "import", str(roster)]) == 0
    capsys.readouterr()
    name = "Spe\x1b]8;;http://evil.example\x1b\\cialist\x1b]8;;\x1b\\ \x07\u202e\x9b"
    _tamper_cache(cache_home, name)
    for command in (["content", "list"], ["content", "show", "specialist"], ["overview"]):
        code = run([*base, *command])
        out, err = capsys.readouterr()
        assert code == 0, (command, err)
        assert not set(RAW) & set(out + err), (command, out)
        assert "\\x1b]8;;http://evil.example" in out, (command, out)
    assert run([*base, "content", "show", "specialist"]) == 0
    out = capsys.readouterr().out
    assert (
        "Spe\\x1b]8;;http://evil.example\\x1b\\cialist\\x1b]8;;\\x1b\\ \\x07\\u202e\\u009b" in out
    )
    assert run([*base, "content", "show", "specialist", "--json"]) == 0
    out = capsys.readouterr().out
    assert not set(RAW) & set(out)
    assert json.loads(out)["name"] == name


def test_what_passes_the_guard() -> None:
    """Rich's colours (SGR) and CSV's line ends pass; a lone carriage return, any other
    escape sequence, a C1 control and a bidi mark are written as escapes."""
    assert escaped("\x1b[1mbold\x1b[0m a;b\r\n") == "\x1b[1mbold\x1b[0m a;b\r\n"
    assert escaped("tab\tline\n") == "tab\tline\n"
    assert escaped("a\rb") == "a\\x0db"
    assert escaped("\x1b[2J\x1b]0;title\x07") == "\\x1b[2J\\x1b]0;title\\x07"
    assert escaped('"\x9b\u202e\x85"') == '"\\u009b\\u202e\\u0085"'
    assert json.loads(escaped('"\x9b\u202e\x85"')) == "\x9b\u202e\x85"
    assert escaped("DEL\x7f") == "DEL\x7f"  # nothing a terminal does; JSON keeps its bytes
