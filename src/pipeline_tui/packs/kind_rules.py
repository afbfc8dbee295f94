"""Rules for conversation kinds and the layers decks serve.

A person on a layer must never meet a deck written for another layer, and a
kind of conversation the layer can hold must have a deck that serves it: these
checks tie `pipeline.yaml` (layers, conversations) to `decks/` and
`scale.yaml`, and report each problem where it is fixed.
"""

from __future__ import annotations

from typing import Any

from pipeline_tui.packs.pack import legacy_kinds
from pipeline_tui.packs.rules import Findings, ParsedFile, _ref, _unique
from pipeline_tui.packs.schema import ConversationKind, PipelineFile


def check_kinds_and_decks(check: Findings) -> None:
    pipeline: PipelineFile | None = check.valid("pipeline.yaml")
    layers = {layer.key: layer for layer in pipeline.layers} if pipeline is not None else None
    decks = [f for f in check.folder("decks") if f.model is not None]
    for f in decks:
        for j, layer in enumerate(f.model.layers):
            path = ("layers", j)
            _ref(check, f, path, f"deck '{f.model.id}'", "layer", layer, layers, "pipeline.yaml")
    _check_scale_layers(check, layers)
    if pipeline is None:
        return
    f = check.files["pipeline.yaml"]
    if pipeline.conversations:
        kinds = list(pipeline.conversations)
        items = [(k.key, f, ("conversations", i, "key")) for i, k in enumerate(kinds)]
        known = _unique(check, "conversation kind", items)
        source = "the conversations in pipeline.yaml"
    else:
        source = "the kinds every pack has"
        kinds = list(legacy_kinds(("da", "en")))
        known = {k.key: (f, ()) for k in kinds}
    for i, layer in enumerate(pipeline.layers):
        where = ("layers", i, "conversation")
        subject = f"layer '{layer.key}'"
        _ref(check, f, where, subject, "conversation kind", layer.conversation, known, source)
        kind = next((k for k in kinds if k.key == layer.conversation), None)
        if kind is not None and kind.layers and layer.key not in kind.layers:
            message = (
                f"layer '{layer.key}' has '{kind.key}' as its conversation, but the kind's "
                f"layers ({', '.join(kind.layers)}) do not include it"
            )
            check.add(f, f.line(*where), message)
        if kind is not None and not kind.yearly:
            message = (
                f"layer '{layer.key}' has '{kind.key}' as its conversation, but that kind is "
                "not yearly, and HR's coverage counts only yearly conversations; name a "
                "yearly kind (MUS, LUS) or drop 'yearly: false' from the kind"
            )
            check.add(f, f.line(*where), message)
    for i, kind in enumerate(pipeline.conversations):
        _check_kind(check, f, i, kind, layers, decks)
    used = {k.deck for k in kinds if k.deck}
    for d in decks if "pipeline.yaml" in check.files else []:
        if d.model.kind not in used:
            names = ", ".join(sorted(used)) or "none"
            message = (
                f"deck '{d.model.id}' is of kind '{d.model.kind}', which no conversation is "
                f"played with (the kinds' decks: {names}); so the deck is never used"
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
    subject = f"conversation kind '{kind.key}'"
    for j, layer in enumerate(kind.layers):
        path = ("conversations", i, "layers", j)
        _ref(check, f, path, subject, "layer", layer, layers, "pipeline.yaml")
    if len(set(kind.steps)) != len(kind.steps):
        check.add(f, f.line("conversations", i, "steps"), f"{subject}: a step is named twice")
    for step in ("setup", "signoff"):
        if step not in kind.steps:
            message = f"{subject}: the steps must include '{step}'"
            check.add(f, f.line("conversations", i, "steps"), message)
    if kind.deck is None:
        if "cards" in kind.steps:
            message = f"{subject} has the step 'cards' but no deck; name a deck kind or drop it"
            check.add(f, f.line("conversations", i, "steps"), message)
        return
    if "cards" not in kind.steps:
        message = f"{subject} is played with '{kind.deck}' cards but has no step 'cards'"
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
            message = (
                f"layer '{layer}' can hold the conversation '{kind.key}', but no deck of kind "
                f"'{kind.deck}' serves it; add '{layer}' to the layers of such a deck, or "
                f"limit the kind's layers"
            )
            check.add(f, f.line("conversations", i, "key"), message)
        elif len(named) > 1:
            files = " and ".join(d.rel for d in named)
            message = (
                f"layer '{layer}' is served by two decks of kind '{kind.deck}' ({files}); "
                "name the layer in one of them"
            )
            check.add(named[1], named[1].line("layers"), message)


def _check_scale_layers(check: Findings, layers: dict[str, Any] | None) -> None:
    scale = check.valid("scale.yaml")
    if scale is None:
        return
    f = check.files["scale.yaml"]
    for i, level in enumerate(scale.levels):
        for layer in level.layers:
            path = ("levels", i, "layers", layer)
            subject = f"scale level {level.value}"
            _ref(check, f, path, subject, "layer", layer, layers, "pipeline.yaml")


def _decks_broken(check: Findings) -> bool:
    return any(rel.startswith("decks/") for rel, _line, _message in check.problems)
