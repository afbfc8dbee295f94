"""The app's own words in Danish and English (the content pack has its own texts).

One module-level language, set by the app at start and when the user switches;
`t(key)` looks a text up in it. Bindings carry an id; `translate_bindings`
gives each the description `key.<id>` in the current language, so the footer,
the help screen and the command palette all speak the same language.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding

from pipeline_tui.tui.strings import STRINGS

_language = "da"
# Names of the pack's own kinds of conversation (lang -> text), for kinds the
# app's strings do not name (`kind.<key>`): set when the pack is loaded.
_kind_names: dict[str, dict[str, str]] = {}


def set_kind_names(names: dict[str, dict[str, str]]) -> None:
    global _kind_names
    _kind_names = dict(names)


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in STRINGS else "en"


def language() -> str:
    return _language


def t(key: str, **values: Any) -> str:
    """The text for `key` in the current language, with `{name}` fields filled in."""
    text = STRINGS[_language].get(key)
    if text is None and key.startswith("kind.") and key[5:] in _kind_names:
        names = _kind_names[key[5:]]
        text = names.get(_language) or next(iter(names.values()), key)
    if text is None:
        text = STRINGS["en"].get(key, key)
    return text.format(**values) if values else text


def party(kind: str | None, who: str) -> str:
    """A party's name in a conversation of `kind` ("Lederens leder" in a LUS), see core.roles."""
    from pipeline_tui.core.roles import party_name

    return party_name(kind or "mus", who, _language)


def has(key: str) -> bool:
    return key in STRINGS["en"]


def translate_bindings(node: Any) -> None:
    """Give the node's bindings their descriptions in the current language.

    Textual keeps a node's bindings in `_bindings` (built from BINDINGS when the
    node is made); bindings are frozen, so each is replaced by a copy.
    """
    mapping = node._bindings.key_to_bindings
    changed = False
    for key, bindings in mapping.items():
        translated = [_translated(b) for b in bindings]
        if translated != bindings:
            mapping[key] = translated
            changed = True
    # The footer rebuilds itself on a refresh: only when a description changed.
    if changed and getattr(node, "is_attached", False):
        node.refresh_bindings()


def set_key_display(node: Any, binding_id: str, key_display: str) -> None:
    """Show another key text for a binding (e.g. "1–4" for a scale of four levels)."""
    mapping = node._bindings.key_to_bindings
    changed = False
    for key, bindings in mapping.items():
        if any(b.id == binding_id and b.key_display != key_display for b in bindings):
            mapping[key] = [
                replace(b, key_display=key_display) if b.id == binding_id else b for b in bindings
            ]
            changed = True
    if changed and getattr(node, "is_attached", False):
        node.refresh_bindings()


def _translated(b: Binding) -> Binding:
    if not b.id:
        return b
    changes: dict[str, Any] = {}
    if has(f"key.{b.id}"):
        changes["description"] = t(f"key.{b.id}")
    if b.group is not None and has(f"key.group.{b.id}"):
        changes["group"] = replace(b.group, description=t(f"key.group.{b.id}"))
    return replace(b, **changes) if changes else b


def binding(
    key: str,
    action: str,
    *,
    id: str,
    show: bool = True,
    grouped: bool = False,
    compact: bool = True,
    **options: Any,
) -> Binding:
    """A binding with an id and its description (translated again at run time).

    Textual hides a binding declared without a description, so each gets its
    English text here; `translate_bindings` swaps in the current language.
    `grouped` bindings declared next to each other share one footer label, the
    text `key.group.<id>` (the footer is short of room at 80 columns), their keys
    side by side (`compact`) or apart.
    """
    if grouped:
        label = STRINGS["en"].get(f"key.group.{id}", id)
        options["group"] = Binding.Group(label, compact=compact)
    return Binding(key, action, STRINGS["en"].get(f"key.{id}", id), show=show, id=id, **options)


def number(value: float | None, digits: int = 1) -> str:
    """A number the way the current language writes it (3,5 in Danish, 3.5 in English)."""
    from pipeline_tui.report.labels import format_number

    return format_number(value, _language, digits)


def plural(count: int, one: str, many: str) -> str:
    return t(one if count == 1 else many, n=count)


def error_text(error: BaseException) -> str:
    """A refused write or read in the user's language (the stores' messages are English)."""
    from pipeline_tui.errors import NotFoundError, RuleError, StorageError, UserError

    if isinstance(error, StorageError):
        return t("error.not_saved", error=storage_reason_text(error.reason))
    if isinstance(error, NotFoundError):
        return t(
            f"error.gone.{error.reason}" if has(f"error.gone.{error.reason}") else "error.gone."
        )
    if isinstance(error, RuleError) and has(f"error.rule.{error.reason}"):
        return t(f"error.rule.{error.reason}")
    if isinstance(error, UserError):
        return t("error.not_saved", error=str(error))
    return t("error.unexpected_nolog")


def storage_reason_text(reason: str) -> str:
    key = f"error.storage.{reason}"
    return t(key if has(key) else "error.storage.")
