"""Commands: content show LAYER, and the JSON form of content list.

A consultant checking a pack wants to read one layer as a leader will meet
it: the role description, the expectations with their indicators, and which
deck each kind of conversation on the layer is played with. The JSON forms
are for scripts (kinds and decks with the layers each serves).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from pipeline_tui.cli.common import layer_aliases, load_pack, settings, unknown_layer
from pipeline_tui.errors import UserError
from pipeline_tui.packs.role import share_text

if TYPE_CHECKING:
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.packs.schema import Deck, Layer

# The headings of a layer shown as text, in the layer's language: `cli.content_show.<key>`
TITLES = (
    "purpose",
    "skills",
    "time",
    "values",
    "let_go",
    "learn",
    "not_to_do",
    "expectations",
    "scale",
    "conversations",
    "no_deck",
)


def find_layer(pack: Pack, given: str) -> Layer:
    """The layer named by its key or its name in any language; exit 2 with the choices."""
    aliases = layer_aliases(pack)
    key = aliases.get(given.strip().lower())
    layer = pack.layer(key) if key else None
    if layer is None:
        raise UserError(unknown_layer(given, aliases))
    return layer


def served_layers(pack: Pack, deck: Deck) -> list[str]:
    """The layers the deck is actually used on: named ones, or all that hold its kind."""
    found = []
    for layer in pack.layers:
        for kind in pack.kinds_for(layer.key):
            if kind.deck == deck.kind and pack.deck_for_conversation(kind.key, layer.key) is deck:
                found.append(layer.key)
                break
    return found


def layer_data(pack: Pack, layer: Layer, lang: str) -> dict[str, Any]:
    role = {
        "purpose": layer.purpose.get(lang),
        "skills": [s.get(lang) for s in layer.skills],
        "time": [{"text": u.text.get(lang), "share": u.share} for u in layer.time_application],
        "values": [v.get(lang) for v in layer.work_values],
        "let_go": [x.get(lang) for x in layer.transition.let_go],
        "learn": [x.get(lang) for x in layer.transition.learn],
        "not_to_do": [x.get(lang) for x in layer.not_to_do],
    }
    expectations = [
        {
            "id": e.id,
            "dimension": e.dimension,
            "title": e.title.get(lang),
            "description": e.description.get(lang),
            "indicators": [i.get(lang) for i in e.indicators],
        }
        for e in pack.expectations_for(layer.key)
    ]
    # the scale as a person on this layer is rated with it: a level may have the layer's
    # own words (a top leader's 5), which the rating screen shows and this must too
    scale = [
        {
            "value": level.value,
            "label": level.label.get(lang),
            "description": level.description.get(lang),
        }
        for level in (lvl.for_layer(layer.key) for lvl in pack.scale.levels)
    ]
    unseen = pack.scale.not_observed
    conversations = []
    for kind in pack.kinds_for(layer.key):
        deck = pack.deck_for_conversation(kind.key, layer.key)
        conversations.append(
            {
                "kind": kind.key,
                "name": kind.name.get(lang),
                "steps": list(kind.steps),
                "yearly": kind.yearly,
                "deck": None
                if deck is None
                else {"id": deck.id, "name": deck.name.get(lang), "cards": len(deck.cards)},
            }
        )
    return {
        "pack": pack.id,
        "language": lang,
        "layer": layer.key,
        "name": layer.name.get(lang),
        "conversation": layer.conversation,
        "role": role,
        "expectations": expectations,
        "scale": scale,
        "not_observed": {
            "label": unseen.label.get(lang),
            "description": unseen.description.get(lang),
        },
        "conversations": conversations,
    }


def _wrapped(line: str, width: int | None) -> str:
    """`line` folded between words to `width` (None: as it is), its continuation lines
    indented under its text ("  - " items under their first word)."""
    import textwrap

    lead = line[: len(line) - len(line.lstrip(" "))]
    if line.lstrip(" ").startswith("- "):
        lead += "- "
    if width is None or len(line) <= width:
        return line
    return textwrap.fill(
        line[len(lead) :],
        width,
        initial_indent=lead,
        subsequent_indent=" " * len(lead),
        break_long_words=False,
        break_on_hyphens=False,
    )


def layer_text(data: dict[str, Any], width: int | None = None) -> str:
    """The layer as text; folded between words to `width` when it goes to a terminal."""
    from pipeline_tui.texts import catalog

    texts = catalog(data["language"])  # a language without a catalog: English
    words = {key: texts[f"cli.content_show.{key}"] for key in TITLES}
    role = data["role"]
    lines = [f"{data['name']} ({data['layer']})", "", words["purpose"], f"  {role['purpose']}"]
    for key in ("skills", "time", "values", "let_go", "learn", "not_to_do"):
        items = role[key]
        if not items:
            continue
        lines += ["", words[key]]
        for item in items:
            if key == "time":
                share = f"{share_text(item['share'], data['language'])} · " if item["share"] else ""
                item = f"{share}{item['text']}"
            lines.append(f"  - {item}")
    lines += ["", words["expectations"]]
    for e in data["expectations"]:
        lines.append(f"  {e['title']} [{e['id']}, {e['dimension']}]")
        if e["description"]:  # what the leader reads above the indicators on the screen
            lines.append(f"    {e['description']}")
        lines += [f"    - {indicator}" for indicator in e["indicators"]]
    lines += ["", words["scale"]]
    for level in data["scale"]:
        lines.append(f"  {level['value']}  {level['label']}: {level['description']}")
    unseen = data["not_observed"]
    lines.append(f"  0  {unseen['label']}: {unseen['description']}")
    lines += ["", words["conversations"]]
    for c in data["conversations"]:
        deck = c["deck"]
        played = f"{deck['id']} ({deck['cards']})" if deck else words["no_deck"]
        lines.append(f"  {c['kind']}: {c['name']} · {played}")
    return "\n".join(_wrapped(line, width) for line in lines) + "\n"


def pack_data(pack: Pack, lang: str, *, default: bool, origin: str) -> dict[str, Any]:
    return {
        "id": pack.id,
        "version": pack.version,
        "name": pack.manifest.name.get(lang),
        "default": default,
        "origin": origin,
        "languages": list(pack.languages),
        "layers": [
            {
                "key": layer.key,
                "name": layer.name.get(lang),
                "conversation": layer.conversation,
                "expectations": len(pack.expectations_for(layer.key)),
            }
            for layer in pack.layers
        ],
        "kinds": [
            {
                "key": kind.key,
                "name": kind.name.get(lang),
                "deck": kind.deck,
                "steps": list(kind.steps),
                "yearly": kind.yearly,
                "minutes": kind.minutes,
                "layers": [layer.key for layer in pack.layers if kind in pack.kinds_for(layer.key)],
            }
            for kind in pack.kinds
        ],
        "decks": [
            {
                "id": deck.id,
                "kind": deck.kind,
                "name": deck.name.get(lang),
                "cards": len(deck.cards),
                "themes": len({card.theme for card in deck.cards}),
                "layers": served_layers(pack, deck),
            }
            for deck in pack.decks
        ],
        "activities": len(pack.activities),
    }


def register(content: click.Group) -> None:
    @content.command(name="show")
    @click.argument("layer")
    @click.option("--json", "as_json", is_flag=True)
    def show(layer: str, as_json: bool) -> None:
        """Its help: `cli.help.content.show` in the catalog."""
        pack = load_pack()
        found = find_layer(pack, layer)
        data = layer_data(pack, found, settings().language)
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            from pipeline_tui.cli.listing import room

            click.echo(layer_text(data, room()), nl=False)


def list_json(packs: Any, lang: str) -> str:
    listing = [
        pack_data(pack, lang, default=pack is packs.default, origin=packs.origin(pack_id))
        for pack_id, pack in packs.items()
    ]
    return json.dumps({"packs": listing}, ensure_ascii=False, indent=2)
