"""Problem messages a consultant can act on, from pydantic errors and data paths.

Pydantic says "Input should be a valid dictionary" at ("expectations", 3,
"indicators", 0); a consultant needs "expectation 'lead_others.delegation',
field 'indicators' item 1: should be a text in each language, like {da: ...,
en: ...}". This module names the place (by the id of the item it is in) and
says what is expected: as catalog phrases (`texts.Phrase`, English as strings), said
in the language asked by `content validate` (`cli.texts.spoken`).
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Collection, Sequence
from datetime import date
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, RootModel

from pipeline_tui.packs.schema import Text
from pipeline_tui.texts import Phrase

# What one item of a list is called, by the key of the list (`cli.pack.subject.<name>`).
ITEM_NAMES = {
    "layers": "layer",
    "dimensions": "dimension",
    "expectations": "expectation",
    "levels": "scale_level",
    "themes": "theme",
    "cards": "card",
    "activities": "activity",
}
# The languages named in words (`cli.pack.lang.<code>`); another code is shown as it is.
LANGUAGE_NAMES = ("da", "en", "sv", "nb", "no", "de", "fi", "fr", "nl")


def language(code: str) -> str:
    """'en' -> "English ('en')" ("engelsk ('en')"), for messages."""
    if code in LANGUAGE_NAMES:
        return Phrase("cli.pack.lang.named", name=Phrase(f"cli.pack.lang.{code}"), code=code)
    return Phrase("cli.pack.lang.code", code=code)


def joined(items: Sequence[str], key: str = "cli.pack.and") -> str:
    """Phrases one after the other: "A and B and C" ("A og B og C"), or "A + B" (`key`)."""
    if not items:
        return ""
    text = items[0]
    for item in items[1:]:
        text = Phrase(key, first=text, then=item)
    return text


def where(loc: Sequence[str | int], data: Any) -> tuple[str, str]:
    """(subject, field) naming `loc`, e.g. ("expectation 'x.y'", "indicators item 2").

    The subject is the innermost list item with an id (or key, or value); the
    field is the path inside it, with 1-based item numbers.
    """
    subject = ""
    field: list[str] = []
    node = data
    previous: str | int | None = None
    for part in loc:
        item = _step(node, part)
        ident = _ident(item) if isinstance(part, int) else None
        if ident is not None and isinstance(previous, str) and previous in ITEM_NAMES:
            subject = Phrase(f"cli.pack.subject.{ITEM_NAMES[previous]}", id=ident)
            field = []
        elif isinstance(part, int):
            field.append(f" item {part + 1}")
        else:
            field.append(f".{part}" if field else str(part))
        node = item
        previous = part
    return subject, "".join(field).strip()


def place(loc: Sequence[str | int], data: Any) -> str:
    """`where` as one phrase: "expectation 'x', field 'title'", "field 'kind'", or ""."""
    subject, field = where(loc, data)
    field_text = _field_phrase(field)
    if subject and field_text:
        return Phrase("cli.pack.place", subject=subject, field=field_text)
    return subject or field_text


def _field_phrase(field: str) -> str:
    if not field:
        return ""
    name, _, item = field.partition(" item ")
    if not name:
        return Phrase("cli.pack.item", item=item)
    if item:
        return Phrase("cli.pack.field_item", name=name, item=item)
    return Phrase("cli.pack.field", name=name)


def _step(node: Any, part: str | int) -> Any:
    if isinstance(part, int):
        return node[part] if isinstance(node, list) and 0 <= part < len(node) else None
    return node.get(part) if isinstance(node, dict) else None


def _ident(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    for key in ("id", "key", "value"):
        value = item.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value)
    return None


def one_line(text: str) -> str:
    """`text` with what would break or hide a line (control characters, Unicode line and
    paragraph separators) written as escapes: a problem is always one line of output."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if (ch.isprintable() is False and ch != " ") or ch in "\x85\u2028\u2029"
        else ch
        for ch in text
    )


def kind_of(value: Any) -> str:
    """What a value is, in words: "the text 'abc'", "the number 3", "a list"."""
    if value is None:
        return Phrase("cli.pack.value.none")
    if isinstance(value, bool):
        return Phrase("cli.pack.value.bool", value=str(value).lower())
    if isinstance(value, int | float):
        return Phrase("cli.pack.value.number", value=value)
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return Phrase("cli.pack.value.text", value=one_line(short))
    if isinstance(value, date):
        return Phrase("cli.pack.value.date", value=value.isoformat())
    if isinstance(value, dict):
        return Phrase("cli.pack.value.mapping")
    if isinstance(value, list):
        return Phrase("cli.pack.value.list")
    return type(value).__name__


def unknown_reference(
    subject: str, what: str, value: str, known: Collection[str], source: str
) -> str:
    """ "card 'x' names theme 'y', which is not in themes.yaml; did you mean 'z'? (known:
    a, b, ...)": `what` names the kind of thing (`cli.pack.what.<what>`)."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    said = {
        "subject": subject,
        "what": Phrase(f"cli.pack.what.{what}"),
        "value": value,
        "source": source,
        "known": short_list(known),
    }
    if close:
        return Phrase("cli.pack.unknown_ref_meant", meant=close[0], **said)
    return Phrase("cli.pack.unknown_ref", **said)


def short_list(items: Collection[str], limit: int = 8) -> str:
    items = list(items)
    if not items:
        return Phrase("cli.pack.none")
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        return Phrase("cli.pack.list_more", shown=shown, n=len(items) - limit)
    return shown


def type_at(model: type[BaseModel], loc: Sequence[str | int]) -> Any:
    """The schema type at `loc` inside `model`, or None when the path leaves the schema."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, RootModel):
            tp = _unwrap(tp.model_fields["root"].annotation)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if not isinstance(part, str) or part not in tp.model_fields:
                return None
            tp = tp.model_fields[part].annotation
        elif get_origin(tp) in (list, tuple):
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            return None
    return _unwrap(tp)


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(tp) if a is not type(None)]
            if len(members) != 1:
                return tp
            tp = members[0]
        else:
            return tp


def error_message(error: dict[str, Any], data: Any, model: type[BaseModel], langs: str) -> str:
    """One pydantic error as a sentence; `langs` shows the text form, e.g. "da: ..., en: ..."."""
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _at(place(loc[:-1], data), Phrase("cli.pack.missing_field", field=loc[-1]))
    if kind == "extra_forbidden":
        owner = type_at(model, loc[:-1])
        allowed = list(owner.model_fields) if _is_model(owner) else []
        return _at(place(loc[:-1], data), _unknown_field(loc, allowed))
    text_loc = loc[:-2] if loc and loc[-1] == "[key]" else loc[:-1]
    if (
        len(loc) > len(text_loc)
        and type_at(model, text_loc) is Text
        and _cut_at_comma(data, text_loc, loc[len(text_loc)])
    ):
        return _at(place(text_loc, data), Phrase("cli.pack.comma"))
    if loc and loc[-1] == "[key]":
        owner_loc = loc[:-2]
        if type_at(model, owner_loc) is Text:
            return _at(place(owner_loc, data), Phrase("cli.pack.not_language", value=value))
        problem = _expected(kind, value, ctx)
        return _at(
            place(owner_loc, data), Phrase("cli.pack.key_problem", value=value, problem=problem)
        )
    if len(loc) >= 1 and type_at(model, loc[:-1]) is Text and isinstance(loc[-1], str):
        lang = language(str(loc[-1]))
        if kind == "string_too_short":
            return _at(place(loc[:-1], data), Phrase("cli.pack.text_empty_in", lang=lang))
        # `en: No`, `da: 2026`: YAML read the words as a yes/no value or a number; quotes
        # keep them as written.
        quote = isinstance(value, int | float | bool | date)
        key = "cli.pack.text_not_text_quote" if quote else "cli.pack.text_not_text"
        not_text = Phrase(key, lang=lang, got=kind_of(value))
        return _at(place(loc[:-1], data), not_text)
    target = type_at(model, loc)
    if kind in ("dict_type", "model_type", "model_attributes_type") and target is Text:
        expected = Phrase("cli.pack.not_texts", langs=langs, got=kind_of(value))
        return _at(place(loc, data), expected)
    return _at(place(loc, data), _expected(kind, value, ctx, error.get("msg", "")))


def _cut_at_comma(data: Any, text_loc: Sequence[str | int], key: str | int) -> bool:
    """A flow mapping `{da: A, B, en: C}` reads 'B' as a key without a value."""
    node = data
    for part in text_loc:
        node = _step(node, part)
    return (
        isinstance(node, dict)
        and key in node
        and node[key] is None
        and not (isinstance(key, str) and len(key) == 2 and key.isalpha() and key.islower())
    )


def _expected(kind: str, value: Any, ctx: dict[str, Any], msg: str = "") -> str:
    got = kind_of(value)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return Phrase("cli.pack.should_be_mapping", got=got)
    if kind in ("list_type", "tuple_type"):
        return Phrase("cli.pack.should_be_list", got=got)
    if kind == "string_type":
        quote = isinstance(value, int | float | bool | date)  # YAML read it as another type
        return Phrase(
            "cli.pack.should_be_text_quote" if quote else "cli.pack.should_be_text", got=got
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return Phrase("cli.pack.should_be_whole", got=got)
    if kind == "literal_error":
        return Phrase("cli.pack.should_be_one_of", expected=_choices(ctx.get("expected")), got=got)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[\\p{Ll}0-9]"):
            return Phrase("cli.pack.bad_id", value=value)
        if pattern == "^[a-z]{2}$":
            return Phrase("cli.pack.not_language", value=value)
        if pattern.startswith("^\\d"):
            return Phrase("cli.pack.bad_version", value=value)
        return Phrase("cli.pack.bad_form", value=value)
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return Phrase("cli.pack.is_empty")
        return Phrase("cli.pack.shorter_than", n=ctx["min_length"])
    if kind == "string_too_long":
        return Phrase("cli.pack.longer_than", n=ctx.get("max_length"))
    if kind == "too_short":
        items = _items(ctx.get("min_length"))
        return Phrase("cli.pack.too_few", items=items, n=ctx.get("actual_length"))
    if kind == "too_long":
        items = _items(ctx.get("max_length"))
        return Phrase("cli.pack.too_many", items=items, n=ctx.get("actual_length"))
    if kind == "greater_than_equal":
        return Phrase("cli.pack.at_least", low=ctx.get("ge"), value=value)
    if kind == "less_than_equal":
        return Phrase("cli.pack.at_most", high=ctx.get("le"), value=value)
    return Phrase("cli.pack.other", problem=msg or kind, got=got)


def _choices(expected: Any) -> str:
    """pydantic's "'a', 'b' or 'c'" with its "or" said in the language asked."""
    if not isinstance(expected, str):
        return Phrase("cli.pack.allowed_values")
    first, sep, then = expected.rpartition(" or ")
    return Phrase("cli.pack.or", first=first, then=then) if sep else expected


def _items(count: Any) -> str:
    return Phrase("cli.pack.items_one") if count == 1 else Phrase("cli.pack.items", n=count)


def _at(where_text: str, message: str) -> str:
    """`message` at a place in the file, one phrase (said in the language asked:
    `content validate`)."""
    return Phrase("cli.pack.at", where=where_text, problem=message) if where_text else message


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _unknown_field(loc: Sequence[str | int], allowed: list[str]) -> str:
    field = str(loc[-1])
    if not allowed:
        return Phrase("cli.pack.unknown_field", field=field)
    close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
    if close:
        return Phrase("cli.pack.unknown_field_meant", field=field, meant=close[0])
    return Phrase("cli.pack.unknown_field_allowed", field=field, allowed=", ".join(allowed))
