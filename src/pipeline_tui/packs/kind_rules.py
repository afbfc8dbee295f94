"""Rules for conversation kinds and the layers decks serve.

A person on a layer must never meet a deck written for another layer, and a
kind of conversation the layer can hold must have a deck that serves it: these
checks tie `pipeline.yaml` (layers, conversations) to `decks/` and
`scale.yaml`, and report each problem where it is fixed.
"""

from __future__ import annotations

from typing import Any

from pipeline_tui.packs.messages import joined
from pipeline_tui.packs.pack import legacy_kinds
from pipeline_tui.packs.rules import Findings, ParsedFile, _ref, _unique
from pipeline_tui.packs.schema import ConversationKind, PipelineFile
from pipeline_tui.texts import Phrase


def check_kinds_and_decks(check: Findings) -> None:
    pipeline: PipelineFile | None = check.valid("pipeline.yaml")
    layers = {layer.key: layer for layer in pipeline.layers} if pipeline is not None else None
    decks = [f for f in check.folder("decks") if f.model is not None]
    for f in decks:
        for j, layer in enumerate(f.model.layers):
            path = ("layers", j)
            deck = Phrase("cli.pack.subject.deck", id=f.model.id)
            _ref(check, f, path, deck, "layer", layer, layers, "pipeline.yaml")
    _check_scale_layers(check, layers)
    if pipeline is None:
        return
    f = check.files["pipeline.yaml"]
    if pipeline.conversations:
        kinds = list(pipeline.conversations)
        items = [(k.key, f, ("conversations", i, "key")) for i, k in enumerate(kinds)]
        known = _unique(check, "conversation_kind", items)
        source = Phrase("cli.pack.source.conversations")
    else:
        source = Phrase("cli.pack.source.legacy_kinds")
        kinds = list(legacy_kinds(("da", "en")))
        known = {k.key: (f, ()) for k in kinds}
    for i, layer in enumerate(pipeline.layers):
        where = ("layers", i, "conversation")
        subject = Phrase("cli.pack.subject.layer", id=layer.key)
        _ref(check, f, where, subject, "conversation_kind", layer.conversation, known, source)
        kind = next((k for k in kinds if k.key == layer.conversation), None)
        if kind is not None and kind.layers and layer.key not in kind.layers:
            message = Phrase(
                "cli.pack.kind_not_for_layer",
                layer=layer.key,
                kind=kind.key,
                layers=", ".join(kind.layers),
            )
            check.add(f, f.line(*where), message)
        if kind is not None and not kind.yearly:
            message = Phrase("cli.pack.kind_not_yearly", layer=layer.key, kind=kind.key)
            check.add(f, f.line(*where), message)
    for i, kind in enumerate(pipeline.conversations):
        _check_kind(check, f, i, kind, layers, decks)
    used = {k.deck for k in kinds if k.deck}
    for d in decks if "pipeline.yaml" in check.files else []:
        if d.model.kind not in used:
            names = ", ".join(sorted(used)) or Phrase("cli.pack.none")
            message = Phrase(
                "cli.pack.deck_unused", deck=d.model.id, kind=d.model.kind, names=names
            )
            check.add(d, d.line("kind"), message)


def _check_kind(
    check: Findings,
    f: ParsedFile,
    i: int,
    kind: ConversationKind,
    layers: dict[str, Any] | None,
    decks: list[ParsedFile],
) -> None:
    subject = Phrase("cli.pack.subject.kind", id=kind.key)
    for j, layer in enumerate(kind.layers):
        path = ("conversations", i, "layers", j)
        _ref(check, f, path, subject, "layer", layer, layers, "pipeline.yaml")
    if len(set(kind.steps)) != len(kind.steps):
        check.add(
            f, f.line("conversations", i, "steps"), Phrase("cli.pack.step_twice", subject=subject)
        )
    for step in ("setup", "signoff"):
        if step not in kind.steps:
            message = Phrase("cli.pack.step_needed", subject=subject, step=step)
            check.add(f, f.line("conversations", i, "steps"), message)
    if kind.deck is None:
        if "cards" in kind.steps:
            message = Phrase("cli.pack.cards_without_deck", subject=subject)
            check.add(f, f.line("conversations", i, "steps"), message)
        return
    if "cards" not in kind.steps:
        message = Phrase("cli.pack.deck_without_cards", subject=subject, deck=kind.deck)
        check.add(f, f.line("conversations", i, "steps"), message)
    if layers is None or _decks_broken(check):
        return  # a deck that cannot be read may be the one serving the layer
    of_kind = [d for d in decks if d.model.kind == kind.deck]
    for layer in kind.layers or list(layers):
        if layer not in layers:
            continue
        serving = [d for d in of_kind if not d.model.layers or layer in d.model.layers]
        named = [d for d in serving if layer in d.model.layers]
        if not serving:
            message = Phrase(
                "cli.pack.layer_without_deck", layer=layer, kind=kind.key, deck=kind.deck
            )
            check.add(f, f.line("conversations", i, "key"), message)
        elif len(named) > 1:
            files = joined([d.rel for d in named])
            message = Phrase("cli.pack.layer_two_decks", layer=layer, deck=kind.deck, files=files)
            check.add(named[1], named[1].line("layers"), message)


def _check_scale_layers(check: Findings, layers: dict[str, Any] | None) -> None:
    scale = check.valid("scale.yaml")
    if scale is None:
        return
    f = check.files["scale.yaml"]
    for i, level in enumerate(scale.levels):
        for layer in level.layers:
            path = ("levels", i, "layers", layer)
            subject = Phrase("cli.pack.subject.level_number", id=level.value)
            _ref(check, f, path, subject, "layer", layer, layers, "pipeline.yaml")


def _decks_broken(check: Findings) -> bool:
    """A deck file that cannot be read, or the folder itself (a file, unreadable, empty): it
    is said once, at its name, not once more for every layer a deck would serve."""
    return any(
        rel == "decks" or rel.startswith("decks/") for rel, _line, _message in check.problems
    )
