"""The app's own words in Danish and English (the content pack has its own texts).

The texts are the program's one catalog (`pipeline_tui.texts`). The app speaks one
language, set at start and when the user switches; `locale()` is its `Locale`, and
`t(key)` a text in it. The app reads it on its own thread only: a text made for the
writer thread is made before the work is handed over. Bindings carry an id; their
descriptions are `key.<id>` in the current language (see `SpokenBindings`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding, Binding

from pipeline_tui.texts import LANGUAGES, Locale
from pipeline_tui.texts import locale as locale_of

_locale = locale_of("da")

if TYPE_CHECKING:
    from textual.screen import Screen

    _ScreenBase = Screen[Any]
else:  # a plain mixin at run time: Textual's class set-up stays the screen's own
    _ScreenBase = object
# Names the pack gives its kinds of conversation (lang -> text): `kind.<key>` is the
# pack's name wherever the pack gives one (its "mus" may be "Medarbejderudviklingssamtale
# (MUS)"), the catalog's only for a kind the pack does not have. Set from the packs' cache
# before the first screen, and again when the pack is loaded.
_kind_names: dict[str, dict[str, str]] = {}


def set_kind_names(names: dict[str, dict[str, str]]) -> None:
    global _kind_names
    _kind_names = dict(names)


def set_language(lang: str) -> None:
    global _locale
    _locale = locale_of(lang if lang in LANGUAGES else "en")


def language() -> str:
    return _locale.lang


def locale() -> Locale:
    """The app's language: its texts, dates and numbers."""
    return _locale


def t(key: str, /, **values: Any) -> str:
    """The text for `key` in the current language, with `{name}` fields filled in."""
    here = _locale
    if key.startswith("kind.") and key[5:] in _kind_names:
        names = _kind_names[key[5:]]
        text = names.get(here.lang) or next(iter(names.values()), key)
        return text.format(**values) if values else text
    return here.text(key, **values)


def kind_in_sentence(kind: str) -> str:
    """A kind of conversation's name inside a sentence: "From the leadership evaluation of …",
    "Fra lederevalueringen …" (`kind_mid.<key>`); MUS and LUS stay upper case. A pack's own
    kind has one name: its first letter is lowered unless the name is an abbreviation."""
    if _locale.has(f"kind_mid.{kind}"):
        return _locale.text(f"kind_mid.{kind}")
    name = t(f"kind.{kind}")
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def party(kind: str | None, who: str) -> str:
    """A party's name in a conversation of `kind` ("Lederens leder" in a LUS), see core.roles."""
    from pipeline_tui.core.roles import party_name

    return party_name(kind or "mus", who, _locale.lang)


def party_lower(kind: str | None, who: str) -> str:
    """A party's name inside a phrase: "Kommentar (lederen)", "Comment (the leader)"."""
    from pipeline_tui.core.roles import party_lower as lower

    return lower(kind or "mus", who, _locale.lang)


def party_short(kind: str | None, who: str) -> str:
    """A party as a short label: "Leder" in a MUS, "Lederens leder" in a LUS (core.roles)."""
    from pipeline_tui.core.roles import party_label

    return party_label(kind or "mus", who, _locale.lang)


def manager_column(kind: str | None) -> str:
    """The manager's column heading: "Leder" in a MUS; in a LUS or an evaluation, where the
    person is the leader, their own manager ("Chef")."""
    from pipeline_tui.core.roles import family

    return t("exp.manager_short.lus" if family(kind or "mus") == "lus" else "exp.manager_short")


def has(key: str) -> bool:
    return _locale.has(key)


# Bindings of Textual's own widgets that show in a footer (they carry no id): an id here.
TEXTUALS_OWN = {"Dismiss menu": "select.dismiss"}


class SpokenBindings(_ScreenBase):
    """Mixed into every screen: its active bindings in the current language.

    `Screen.active_bindings` is what the footer, the help screen and the command palette
    show; each binding with an id comes out with the description `key.<id>` (and a group's
    `key.group.<id>`) of the language now spoken. A node may name its bindings otherwise:
    `binding_ids` (the id one list's enter has) and `key_displays` (the keys a binding
    stands for, such as "1–4" for a scale of four). After changing either, or the language,
    `refresh_bindings()` redraws the footer.
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        lang = _locale.lang
        spoken: dict[str, ActiveBinding] = {}
        for key, active in super().active_bindings.items():
            given = active.binding
            given_id = given.id or TEXTUALS_OWN.get(given.description)
            if not given_id:
                spoken[key] = active
                continue
            node = active.node
            own_id = getattr(node, "binding_ids", {}).get(given_id, given_id)
            display = getattr(node, "key_displays", {}).get(own_id)
            said = _spoken(given, own_id, display, lang)
            spoken[key] = active if said is given else active._replace(binding=said)
        return spoken


@lru_cache(maxsize=2048)
def _spoken(given: Binding, own_id: str, display: str | None, lang: str) -> Binding:
    here = locale_of(lang)
    changes: dict[str, Any] = {}
    if own_id != given.id:
        changes["id"] = own_id
    if here.has(f"key.{own_id}"):
        changes["description"] = here.text(f"key.{own_id}")
    if given.group is not None and here.has(f"key.group.{own_id}"):
        changes["group"] = replace(given.group, description=here.text(f"key.group.{own_id}"))
    if display is not None:
        changes["key_display"] = display
    return replace(given, **changes) if changes else given


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
    """A binding with an id and its description (spoken again at run time).

    Textual hides a binding declared without a description, so each gets its
    English text here; `SpokenBindings` shows it in the current language.
    `grouped` bindings declared next to each other share one footer label, the
    text `key.group.<id>` (the footer is short of room at 80 columns), their keys
    side by side (`compact`) or apart.
    """
    if grouped:
        label = locale_of("en").get(f"key.group.{id}") or id
        options["group"] = Binding.Group(label, compact=compact)
    description = locale_of("en").get(f"key.{id}") or id
    return Binding(key, action, description, show=show, id=id, **options)


def number(value: float | None, digits: int = 1) -> str:
    """A number the way the current language writes it (3,5 in Danish, 3.5 in English)."""
    return _locale.number(value, digits)


def day(value: date | None, empty: str = "–") -> str:
    """A date the way the current language writes it (12.03.2026, 12 Mar 2026)."""
    return _locale.date(value, empty)


def typed_day(value: date | None) -> str:
    """A date as the current language types it in a date field (05.12.2026, 2026-12-05)."""
    return _locale.typed_date(value)


def plural(count: int, one: str, many: str) -> str:
    return t(one if count == 1 else many, n=count)


def error_text(error: BaseException) -> str:
    """A refused write or read in the user's language (the stores' messages are English)."""
    from pipeline_tui.errors import NotFoundError, RuleError, StorageError, UserError

    if isinstance(error, StorageError):
        said = "error.not_saved" if error.writing else "error.not_read"
        return t(said, error=storage_reason_text(error.reason))
    if isinstance(error, NotFoundError):
        return t(
            f"error.gone.{error.reason}" if has(f"error.gone.{error.reason}") else "error.gone."
        )
    if isinstance(error, RuleError) and has(f"error.rule.{error.reason}"):
        return t(f"error.rule.{error.reason}")
    if isinstance(error, UserError):  # in the catalog's words for its reason, if it has them
        from pipeline_tui.texts import refusal

        return t("error.not_saved", error=refusal(error, _locale))
    return t("error.unexpected_nolog")


def storage_reason_text(reason: str) -> str:
    key = f"error.storage.{reason}"
    return t(key if has(key) else "error.storage.")
