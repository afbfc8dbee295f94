"""The program's one text catalog (the app's, the printed documents' and the command
line's words) says the same in Danish and English: the same keys, the same placeholders,
nothing left unsaid and nothing unused; and dates and numbers are written in one place."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pipeline_tui.texts import LANGUAGES, catalog, locale

SOURCE = Path(__file__).resolve().parents[2] / "src" / "pipeline_tui"
# The namespaces of the catalog and the code that names their keys (without the prefix).
NAMESPACES = {
    "doc.": ("report",),
    # the command line's, and the findings made below it that it says (`texts.Phrase`)
    "cli.": ("cli", "web.py", "core", "store", "services.py", "packs"),
    "": ("tui", "demo", "web.py", "services.py"),
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_is_one_catalog_module_per_language_and_no_other() -> None:
    assert sorted(p.stem for p in (SOURCE / "texts").glob("*.py")) == sorted(
        ["__init__", *LANGUAGES]
    )
    for old in ("tui/strings.py", "cli/texts.py", "report/labels.py"):
        path = SOURCE / old
        if path.exists():  # a module may stay as the catalog's door, never with texts
            assert "{\n" not in path.read_text(encoding="utf-8").split('"""')[-1], old


def test_no_module_keeps_words_of_its_own_by_language() -> None:
    """Words in both languages kept beside the code ({"da": {...}, "en": {...}}, as the
    headings of `content show` were) are a second catalog: the parity and placeholder
    tests here never see them. Only the catalog modules hold words by language."""
    import ast

    own = []
    for path in SOURCE.rglob("*.py"):
        if "texts" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            by_language = {
                key.value: value
                for key, value in zip(node.keys, node.values, strict=True)
                if isinstance(key, ast.Constant) and key.value in LANGUAGES
            }
            if len(by_language) > 1 and all(
                isinstance(value, ast.Dict) for value in by_language.values()
            ):
                own.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert own == []


def test_both_languages_have_the_same_keys() -> None:
    da, en = catalog("da"), catalog("en")
    assert sorted(set(da) - set(en)) == [], "only in Danish"
    assert sorted(set(en) - set(da)) == [], "only in English"


def test_both_languages_fill_in_the_same_values() -> None:
    da, en = catalog("da"), catalog("en")
    differ = {
        key: (sorted(placeholders(da[key])), sorted(placeholders(en[key])))
        for key in da
        if placeholders(da[key]) != placeholders(en[key])
    }
    assert differ == {}, "placeholders differ"


def test_no_text_is_empty() -> None:
    for lang in LANGUAGES:
        assert [key for key, text in catalog(lang).items() if not text.strip()] == [], lang


def _code(parts: tuple[str, ...]) -> str:
    paths: list[Path] = []
    for part in parts:
        root = SOURCE / part
        paths.extend(root.rglob("*.py") if root.is_dir() else [root])
    return "\n".join(p.read_text(encoding="utf-8") for p in paths if "texts" not in p.parts)


@pytest.mark.parametrize("prefix", NAMESPACES)
def test_every_key_is_used(prefix: str) -> None:
    """A key is used when the code names it (without its namespace), or names the start
    of it in an f-string (`t(f"cards.{field}")`), or it is a binding's text
    (`key.<binding id>`)."""
    code = _code(NAMESPACES[prefix])
    literals = set(re.findall(r"""["']([a-z_][\w.\-]*)["']""", code))
    prefixes = {  # the text of an f-string before its first field: "cards." "conflict.keep_"
        m.group(1) for m in re.finditer(r"""f["']([a-z_][\w.\-]*)\{""", code)
    }
    if prefix:  # a key named with its namespace: `Phrase("cli.roster.empty")`
        literals |= {text[len(prefix) :] for text in literals if text.startswith(prefix)}
        prefixes |= {text[len(prefix) :] for text in prefixes if text.startswith(prefix)}
    others = tuple(p for p in NAMESPACES if p and p != prefix)
    keys = [
        key[len(prefix) :]
        for key in catalog("en")
        if key.startswith(prefix) and not (not prefix and key.startswith(others))
    ]
    unused = [
        key
        for key in keys
        if key not in literals
        and not any(key.startswith(p) for p in prefixes if "." in p or prefix)
        and not (key.startswith("key.") and key[4:] in literals)
    ]
    assert unused == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_filter_is_named_as_the_state_its_rows_show(lang: str) -> None:
    """Home's filter of those with no conversation this year shows rows whose status is
    "Due this year": the filter said "None this year" in English."""
    words = catalog(lang)
    assert words["home.filter.due"] == words["status.due"]


def test_a_deck_has_one_danish_word() -> None:
    """The deck is "kortspil" in the content browser, `content list` and the rules; the
    question before a layer change put "et andet kortsæt" on the table, a second word
    for the same thing."""
    said = [key for key, text in catalog("da").items() if "kortsæt" in text.lower()]
    assert said == []


def test_dates_and_numbers_are_written_the_way_each_language_does() -> None:
    da, en = locale("da"), locale("en")
    assert da.date(date(2026, 3, 5)) == "05.03.2026"
    assert en.date(date(2026, 3, 5)) == "5 Mar 2026"
    assert da.date(None, "–") == "–"
    assert da.number(3.25, 1) in ("3,2", "3,3") and en.number(3.5) == "3.5"
    assert da.number(None) == "–"
    assert da.percent(2 / 3) == "67%" and en.percent(None) == "–"
    assert da.date_width() == 10 and en.date_width() == 11
    noon = datetime(2026, 3, 5, 12, 0, tzinfo=UTC).astimezone()
    assert da.moment(noon) == f"{da.date(noon.date())} {noon.hour:02d}:{noon.minute:02d}"


def test_no_date_is_formatted_outside_the_catalog() -> None:
    """strftime follows the machine's C locale and each screen its own habit: dates shown
    to people are written by `Locale.date`/`Locale.moment` only."""
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"strftime\(['\"]%d", line)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("da", "Ikke gemt: samtale 8 er holdt: der er ikke mere at forberede"),
        ("en", "Not saved: conversation 8 has been held: there is nothing left to prepare"),
    ],
)
def test_the_app_says_a_refusal_in_its_own_language(lang: str, said: str) -> None:
    """A refusal from below the app (the stores raise it in English, with a reason) is said
    in the app's language where the catalog has words for its reason, as the command line
    says it. The app said the English message whatever its language."""
    from pipeline_tui.errors import UserError
    from pipeline_tui.tui import i18n

    before = i18n.language()
    i18n.set_language(lang)
    try:
        refused = UserError(
            "conversation 8 has been held: there is nothing left to prepare", "held", id=8
        )
        assert i18n.error_text(refused) == said
    finally:
        i18n.set_language(before)


@pytest.mark.parametrize(
    ("lang", "answers", "calque"),
    [("en", "answers", r"\byou gave\b"), ("da", "svar", r"\bdu gav\b")],
)
def test_a_closed_link_tells_the_person_their_answers_are_saved(
    lang: str, answers: str, calque: str
) -> None:
    """What the person preparing or rating through a link reads when it closes, moves or
    ends speaks of their answers ('Your answers from before it closed are saved'), not of
    what they 'gave' ('What you gave before it closed is saved', 'Det, du gav, før det
    lukkede, er gemt': neither language says it so)."""
    texts = catalog(lang)
    keys = [k for k in texts if k.startswith(("prep.closed", "web.closed", "web.elsewhere"))]
    keys = [k for k in keys if not k.endswith(".gone")]  # nothing kept: nothing saved to say
    assert len(keys) >= 7
    for key in keys:
        assert not re.search(calque, texts[key], re.IGNORECASE), (key, texts[key])
        assert answers in texts[key], (key, texts[key])
