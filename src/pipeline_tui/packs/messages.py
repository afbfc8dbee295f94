"""Problem messages a consultant can act on, from pydantic errors and data paths.

Pydantic says "Input should be a valid dictionary" at ("expectations", 3,
"indicators", 0); a consultant needs "expectation 'lead_others.delegation',
field 'indicators' item 1: should be a text in each language, like {da: ...,
en: ...}". This module names the place (by the id of the item it is in) and
says what is expected, in plain English.
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

# What one item of a list is called, by the key of the list.
ITEM_NAMES = {
    "layers": "layer",
    "dimensions": "dimension",
    "expectations": "expectation",
    "levels": "scale level",
    "themes": "theme",
    "cards": "card",
    "activities": "activity",
}
LANGUAGE_NAMES = {
    "da": "Danish",
    "en": "English",
    "sv": "Swedish",
    "nb": "Norwegian",
    "no": "Norwegian",
    "de": "German",
    "fi": "Finnish",
    "fr": "French",
    "nl": "Dutch",
}

ID_RULE = "use lower-case letters (æ, ø, å too), digits and _ . - (starting with a letter or digit)"


def language(code: str) -> str:
    """'en' -> "English ('en')", for messages."""
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ('{code}')" if name else f"'{code}'"


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
            subject = f"{ITEM_NAMES[previous]} '{ident}'"
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
    return ", ".join(part for part in (subject, field_text) if part)


def _field_phrase(field: str) -> str:
    if not field:
        return ""
    name, _, item = field.partition(" item ")
    return f"field '{name}'" + (f" item {item}" if item else "") if name else f"item {item}"


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
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{one_line(short)}'"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def suggest(value: str, known: Collection[str], source: str) -> str:
    """ ", which is not in {source}; did you mean 'x'? (known: a, b, ...)"."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f", which is not in {source}{hint} (known: {short_list(known)})"


def short_list(items: Collection[str], limit: int = 8) -> str:
    items = list(items)
    if not items:
        return "none"
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


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
        unknown = f"unknown field '{loc[-1]}'" + _did_you_mean(loc, allowed)
        return _at(place(loc[:-1], data), unknown)
    text_loc = loc[:-2] if loc and loc[-1] == "[key]" else loc[:-1]
    if (
        len(loc) > len(text_loc)
        and type_at(model, text_loc) is Text
        and _cut_at_comma(data, text_loc, loc[len(text_loc)])
    ):
        return _at(place(text_loc, data), _COMMA)
    if loc and loc[-1] == "[key]":
        owner_loc = loc[:-2]
        if type_at(model, owner_loc) is Text:
            return _at(place(owner_loc, data), f"'{value}' is not a language code {_LANG_RULE}")
        return _at(place(owner_loc, data), f"the key '{value}' {_expected(kind, value, ctx)}")
    if len(loc) >= 1 and type_at(model, loc[:-1]) is Text and isinstance(loc[-1], str):
        lang = language(str(loc[-1]))
        if kind == "string_too_short":
            return _at(place(loc[:-1], data), f"the {lang} text is empty")
        return _at(place(loc[:-1], data), f"the {lang} text should be text, not {kind_of(value)}")
    target = type_at(model, loc)
    if kind in ("dict_type", "model_type", "model_attributes_type") and target is Text:
        expected = f"should be a text in each language, like {{{langs}}}, not {kind_of(value)}"
        return _at(place(loc, data), expected)
    return _at(place(loc, data), _expected(kind, value, ctx, error.get("msg", "")))


_LANG_RULE = "(two lower-case letters, like da or en)"
_COMMA = (
    "the text is cut at a comma: in the short form {da: ..., en: ...} a text that "
    "holds a comma must be put in quotes"
)


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
    quote_hint = " (put it in quotes)" if isinstance(value, int | float | bool | date) else ""
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"should be a mapping of fields (name: value), not {got}"
    if kind in ("list_type", "tuple_type"):
        return f"should be a list (lines starting with '- '), not {got}"
    if kind == "string_type":
        return f"should be text, not {got}{quote_hint}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"should be a whole number, not {got}"
    if kind == "literal_error":
        return f"should be {ctx.get('expected', 'one of the allowed values')}, not {got}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[\\p{Ll}0-9]"):
            return f"'{value}' is not a valid id: {ID_RULE}"
        if pattern == "^[a-z]{2}$":
            return f"'{value}' is not a language code {_LANG_RULE}"
        if pattern.startswith("^\\d"):
            return f"'{value}' is not a version number like 1.0.0"
        return f"'{value}' does not have the expected form"
    if kind == "string_too_short":
        return "is empty" if ctx.get("min_length") == 1 else f"is shorter than {ctx['min_length']}"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if kind == "too_short":
        return f"needs at least {_items(ctx.get('min_length'))}, has {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {_items(ctx.get('max_length'))}, has {ctx.get('actual_length')}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {value}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, not {value}"
    return f"{msg or kind} (found {got})"


def _items(count: Any) -> str:
    return f"{count} item" + ("" if count == 1 else "s")


def _at(where_text: str, message: str) -> str:
    """`message` at a place in the file; a catalog phrase stays one (said in the language
    asked: `content validate`), the place in its (English) words."""
    if isinstance(message, Phrase):
        return Phrase("cli.pack.at", where=where_text, problem=message) if where_text else message
    return f"{where_text}: {message}" if where_text else message


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _did_you_mean(loc: Sequence[str | int], allowed: list[str]) -> str:
    if not allowed:
        return ""
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (allowed: {', '.join(allowed)})"
