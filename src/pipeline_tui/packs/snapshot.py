"""The texts a conversation used, stored with it.

A pack changes over the years; a conversation must still read exactly as it
was held. So when a conversation starts, the texts it uses (its layer, the
layer's dimensions and expectations, the scale, the deck with the themes its
cards use, the activities for the layer) are copied into a JSON-ready dict,
together with the pack's id, version and content hash.

The dict has the shape `view.ConversationContent.from_snapshot` reads, so an
old conversation is shown from its snapshot with the same code as a new one;
`records.SnapshotContent.from_snapshot` reads the same dict with the stdlib, for
printing (a test checks that both hold the same data).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.schema import Text
from pipeline_tui.packs.view import SNAPSHOT_FORMAT, ConversationContent


def snapshot(
    pack: Pack,
    *,
    layer_key: str,
    deck_id: str | None = None,
    languages: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Exactly the texts a conversation on `layer_key` uses, as plain JSON data.

    `deck_id` None means the deck the layer's conversation uses (MUS or LUS).
    `languages` keeps only those languages of each text (default: all the
    pack's languages, so the conversation can later be shown in either).
    Raises KeyError for a layer or deck the pack does not have.
    """
    if deck_id is not None and pack.deck(deck_id) is None:
        raise KeyError(f"the pack {pack.id} has no deck {deck_id!r}")
    content = ConversationContent.from_pack(pack, layer_key, deck_id)
    keep = frozenset(languages) if languages is not None else frozenset(pack.languages)

    def dump(value: Any) -> Any:
        return _plain(value, keep)

    return {
        "format": SNAPSHOT_FORMAT,
        "languages": [lang for lang in pack.languages if lang in keep],
        "pack": {
            "id": content.pack_id,
            "version": content.pack_version,
            "hash": content.pack_hash,
            "name": dump(content.pack_name),
            **({"organisation": content.organisation} if content.organisation else {}),
        },
        "layer": dump(content.layer),
        "dimensions": [dump(d) for d in content.dimensions],
        "expectations": [dump(e) for e in content.expectations],
        "scale": dump(content.scale),
        "deck": dump(content.deck) if content.deck else None,
        "themes": [dump(t) for t in content.themes],
        "activities": [dump(a) for a in content.activities],
        "kinds": [dump(k) for k in content.kinds],
        "next_layer": dump(content.next_layer) if content.next_layer else None,
    }


def content_from_snapshot(data: dict[str, Any]) -> ConversationContent:
    """The content of an old conversation, as it was held, from its stored snapshot."""
    return ConversationContent.from_snapshot(data)


def _plain(value: Any, languages: frozenset[str]) -> Any:
    """Like `model_dump(mode="json", exclude_none=True)`, keeping only `languages` of texts."""
    if isinstance(value, Text):
        return {lang: text for lang, text in value.root.items() if lang in languages}
    if isinstance(value, BaseModel):
        return {
            name: _plain(item, languages)
            for name in type(value).model_fields
            if (item := getattr(value, name)) is not None
        }
    if isinstance(value, list | tuple):
        return [_plain(item, languages) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item, languages) for key, item in value.items()}
    return value
