"""Rules across the files of a pack: unique ids, references that resolve, playable decks.

Each check skips a reference whose target file is itself broken (its known
ids are None), so that one broken themes.yaml is one problem, not one per card.
Problems are collected as (file, line, message); `packs.validate` makes them
`Problem`s and sorts them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline_tui.packs.messages import joined, unknown_reference
from pipeline_tui.packs.schema import PARTIES, Deck, RatingScale
from pipeline_tui.packs.yamlfile import DataPath, LineMap
from pipeline_tui.texts import Phrase


@dataclass
class ParsedFile:
    """One pack file that is a YAML mapping: its data, lines, and model when valid."""

    rel: str
    data: Any
    lines: LineMap
    model: Any = None

    def line(self, *path: str | int) -> int | None:
        return self.lines.line(path)


@dataclass
class Findings:
    """The problems found so far, and the parsed files of one pack."""

    problems: list[tuple[str, int | None, str]] = field(default_factory=list)
    files: dict[str, ParsedFile] = field(default_factory=dict)

    def add(self, file: ParsedFile | str, line: int | None, message: str) -> None:
        rel = file.rel if isinstance(file, ParsedFile) else file
        self.problems.append((rel, line, message))

    def valid(self, rel: str) -> Any:
        found = self.files.get(rel)
        return found.model if found is not None else None

    def folder(self, name: str) -> list[ParsedFile]:
        return [f for rel, f in sorted(self.files.items()) if rel.startswith(f"{name}/")]


def _unique(
    check: Findings, what: str, items: Iterable[tuple[str, ParsedFile, DataPath]]
) -> dict[str, tuple[ParsedFile, DataPath]]:
    """Report ids used twice; returns id -> where it is first defined."""
    seen: dict[str, tuple[ParsedFile, DataPath]] = {}
    for ident, parsed, path in items:
        if ident in seen:
            first, first_path = seen[ident]
            at = f"{first.rel}:{first.line(*first_path)}"
            said = Phrase(
                "cli.pack.used_twice", what=Phrase(f"cli.pack.id.{what}"), id=ident, at=at
            )
            check.add(parsed, parsed.line(*path), said)
        else:
            seen[ident] = (parsed, path)
    return seen


def _ref(
    check: Findings,
    parsed: ParsedFile,
    path: DataPath,
    subject: str,
    what: str,
    value: str,
    known: dict[str, Any] | None,
    source: str,
) -> None:
    """Report `value` when it is not among `known` (None: its file is broken, skip); `what`
    names the kind of thing (`cli.pack.what.<what>`), `source` where they are."""
    if known is not None and value not in known:
        message = unknown_reference(subject, what, value, list(known), source)
        check.add(parsed, parsed.line(*path), message)


def check_ids_and_references(check: Findings) -> None:
    pipeline = check.valid("pipeline.yaml")
    dims_model = check.valid("dimensions.yaml")
    themes_model = check.valid("themes.yaml")
    layers = dims = themes = None
    if pipeline is not None:
        f = check.files["pipeline.yaml"]
        items = [(x.key, f, ("layers", i, "key")) for i, x in enumerate(pipeline.layers)]
        layers = _unique(check, "layer_key", items)
    if dims_model is not None:
        f = check.files["dimensions.yaml"]
        items = [(x.id, f, ("dimensions", i, "id")) for i, x in enumerate(dims_model.dimensions)]
        dims = _unique(check, "dimension_id", items)
    if themes_model is not None:
        f = check.files["themes.yaml"]
        items = [(x.id, f, ("themes", i, "id")) for i, x in enumerate(themes_model.themes)]
        themes = _unique(check, "theme_id", items)
    scale = check.valid("scale.yaml")
    if scale is not None:
        _check_scale(check, check.files["scale.yaml"], scale)
    _check_expectations(check, layers, dims)
    _check_decks(check, themes)
    _check_activities(check, layers, dims, themes)


def _check_scale(check: Findings, parsed: ParsedFile, scale: RatingScale) -> None:
    values = [level.value for level in scale.levels]
    first: dict[int, int] = {}
    for i, value in enumerate(values):
        if value in first:
            line = parsed.line("levels", first[value], "value")
            message = Phrase("cli.pack.level_twice", value=value, line=line)
            check.add(parsed, parsed.line("levels", i, "value"), message)
        first.setdefault(value, i)
    if len(first) == len(values) and sorted(values) != list(range(1, len(values) + 1)):
        found = ", ".join(map(str, values))
        message = Phrase("cli.pack.level_gaps", n=len(values), found=found)
        check.add(parsed, parsed.line("levels"), message)


def _check_expectations(
    check: Findings, layers: dict[str, Any] | None, dims: dict[str, Any] | None
) -> None:
    files = check.folder("expectations")
    covered: dict[str, ParsedFile] = {}
    for parsed in files:
        layer = parsed.data.get("layer")
        if not isinstance(layer, str):
            continue
        if layer in covered:
            message = Phrase("cli.pack.layer_file_twice", layer=layer, file=covered[layer].rel)
            check.add(parsed, parsed.line("layer"), message)
        covered.setdefault(layer, parsed)
        if parsed.model is not None:
            this_file = Phrase("cli.pack.subject.this_file")
            _ref(check, parsed, ("layer",), this_file, "layer", layer, layers, "pipeline.yaml")
    # A file naming 'heads' for 'head' is one mistake: say so once, at the file.
    misspelt = {
        close
        for layer in covered
        if layers is not None and layer not in layers
        for close in difflib.get_close_matches(layer, list(layers), n=1, cutoff=0.6)
    }
    valid = [f for f in files if f.model is not None]
    items = [
        (e.id, f, ("expectations", i, "id"))
        for f in valid
        for i, e in enumerate(f.model.expectations)
    ]
    _unique(check, "expectation_id", items)
    for f in valid:
        for i, e in enumerate(f.model.expectations):
            path = ("expectations", i, "dimension")
            subject = Phrase("cli.pack.subject.expectation", id=e.id)
            _ref(check, f, path, subject, "dimension", e.dimension, dims, "dimensions.yaml")
    # A file that could not be read (bad YAML, encoding, empty) may be the layer's
    # own: its problem is reported already, and "add the file" would be wrong.
    unread = {
        rel
        for rel, _, _ in check.problems
        if rel.startswith("expectations/") and rel not in check.files
    }
    if any(rel == "expectations" for rel, _, _ in check.problems):
        return  # the folder cannot be read: said at its name, not once per layer
    unread_layers = {Path(rel).stem for rel in unread}
    if layers is not None and not (unread - {f"expectations/{k}.yaml" for k in layers}):
        for key, (pipeline, path) in layers.items():
            if key not in covered and key not in misspelt and key not in unread_layers:
                message = Phrase("cli.pack.no_expectations", layer=key)
                check.add(pipeline, pipeline.line(*path), message)


def _check_decks(check: Findings, themes: dict[str, Any] | None) -> None:
    decks = [f for f in check.folder("decks") if f.model is not None]
    _unique(check, "deck_id", [(f.model.id, f, ("id",)) for f in decks])
    cards = [(c.id, f, ("cards", i, "id")) for f in decks for i, c in enumerate(f.model.cards)]
    _unique(check, "card_id", cards)
    for f in decks:
        deck: Deck = f.model
        for i, card in enumerate(deck.cards):
            path = ("cards", i, "theme")
            subject = Phrase("cli.pack.subject.card", id=card.id)
            _ref(check, f, path, subject, "theme", card.theme, themes, "themes.yaml")
        in_deck = {card.id: card for card in deck.cards}
        for i, card_id in enumerate(deck.rules.always_included):
            where = ("rules", "always_included", i)
            subject = Phrase("cli.pack.subject.deck_always", id=deck.id)
            this_deck = Phrase("cli.pack.source.this_deck")
            _ref(check, f, where, subject, "card", card_id, in_deck, this_deck)
        _check_picks(check, f, deck)


def _check_picks(check: Findings, parsed: ParsedFile, deck: Deck) -> None:
    """The rules must be playable: a rule per party, min <= max, and enough cards."""
    picks = deck.rules.picks
    for party in PARTIES:
        rule = picks.get(party)
        if rule is None:
            message = Phrase("cli.pack.no_pick_rule", deck=deck.id, party=party)
            check.add(parsed, parsed.line("rules", "picks"), message)
        elif rule.min > rule.max:
            message = Phrase(
                "cli.pack.min_over_max", deck=deck.id, party=party, min=rule.min, max=rule.max
            )
            check.add(parsed, parsed.line("rules", "picks", party, "min"), message)
    always = len(set(deck.rules.always_included))
    most = sum(rule.max for rule in picks.values())
    if always + most > len(deck.cards):
        parts = joined(
            [Phrase("cli.pack.picked_by", max=rule.max, party=p) for p, rule in picks.items()],
            "cli.pack.plus",
        )
        message = Phrase(
            "cli.pack.too_few_cards",
            deck=deck.id,
            n=len(deck.cards),
            need=always + most,
            always=always,
            parts=parts,
        )
        check.add(parsed, parsed.line("rules", "picks"), message)


def _check_activities(
    check: Findings,
    layers: dict[str, Any] | None,
    dims: dict[str, Any] | None,
    themes: dict[str, Any] | None,
) -> None:
    files = [f for f in check.folder("activities") if f.model is not None]
    items = [
        (a.id, f, ("activities", i, "id")) for f in files for i, a in enumerate(f.model.activities)
    ]
    _unique(check, "activity_id", items)
    references = (
        ("dimensions", "dimension", dims, "dimensions.yaml"),
        ("themes", "theme", themes, "themes.yaml"),
        ("layers", "layer", layers, "pipeline.yaml"),
    )
    for f in files:
        for i, activity in enumerate(f.model.activities):
            subject = Phrase("cli.pack.subject.activity", id=activity.id)
            for name, what, known, source in references:
                for j, value in enumerate(getattr(activity, name)):
                    path = ("activities", i, name, j)
                    _ref(check, f, path, subject, what, value, known, source)
