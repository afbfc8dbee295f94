"""Every text catalog (the app's, the printed plan's, the command line's) says the same in
Danish and English: the same keys, the same placeholders, and nothing left unsaid."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from pipeline_tui.cli.texts import TEXTS
from pipeline_tui.report.labels import LABELS
from pipeline_tui.tui.strings import STRINGS

CATALOGS = {"tui/strings.py": STRINGS, "report/labels.py": LABELS, "cli/texts.py": TEXTS}
SOURCE = Path(__file__).resolve().parents[2] / "src" / "pipeline_tui"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("name", CATALOGS)
def test_both_languages_have_the_same_keys(name: str) -> None:
    da, en = CATALOGS[name]["da"], CATALOGS[name]["en"]
    assert sorted(set(da) - set(en)) == [], f"{name}: only in Danish"
    assert sorted(set(en) - set(da)) == [], f"{name}: only in English"


@pytest.mark.parametrize("name", CATALOGS)
def test_both_languages_fill_in_the_same_values(name: str) -> None:
    da, en = CATALOGS[name]["da"], CATALOGS[name]["en"]
    differ = {
        key: (sorted(placeholders(da[key])), sorted(placeholders(en[key])))
        for key in da
        if placeholders(da[key]) != placeholders(en[key])
    }
    assert differ == {}, f"{name}: placeholders differ"


@pytest.mark.parametrize("name", CATALOGS)
def test_no_text_is_empty_or_left_untranslated_by_mistake(name: str) -> None:
    da, en = CATALOGS[name]["da"], CATALOGS[name]["en"]
    assert [key for key in da if not da[key].strip()] == []
    assert [key for key in en if not en[key].strip()] == []


def test_every_key_of_the_apps_catalog_is_used() -> None:
    """A key is used when the code names it, or names the start of it in an f-string
    (`t(f"cards.{field}")`), or it is a binding's text (`key.<binding id>`)."""
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for path in SOURCE.rglob("*.py")
        if path.name != "strings.py"
    )
    literals = set(re.findall(r"""["']([a-z_][\w.\-]*)["']""", code))
    prefixes = {  # the text of an f-string before its first field: "cards." "conflict.keep_"
        m.group(1) for m in re.finditer(r"""f["']([a-z_][\w.\-]*)\{""", code) if "." in m.group(1)
    }
    binding_ids = literals  # bindings carry an id; their text is key.<id>
    unused = [
        key
        for key in STRINGS["en"]
        if key not in literals
        and not any(key.startswith(prefix) for prefix in prefixes)
        and not (key.startswith("key.") and key[4:] in binding_ids)
    ]
    assert unused == []
