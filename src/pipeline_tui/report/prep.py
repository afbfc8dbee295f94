"""The preparation sheet: the layer's expectations to rate on paper, the deck and its rules
(each only where the kind of conversation has the step: an evaluation has no cards, an
onboarding after a month rates nothing)."""

from __future__ import annotations

from functools import partial

from pipeline_tui.core.roles import party_label
from pipeline_tui.packs.schema import PickRule
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import PersonRecord
from pipeline_tui.report.document import (
    Block,
    Bullets,
    Document,
    Heading,
    Para,
    RatingBoxes,
    Table,
    readable,
)
from pipeline_tui.report.labels import kind_label, label
from pipeline_tui.report.role import role_blocks


def prep_document(
    person: PersonRecord, content: ConversationContent, kind: str, lang: str
) -> Document:
    L = partial(label, lang)
    steps = content.steps_for(kind)
    rated = "expectations" in steps  # a kind without the step (an onboarding) rates nothing
    deck = content.deck if "cards" in steps else None  # a leadership evaluation has no cards
    intro = {(True, True): "intro", (True, False): "intro_rate", (False, True): "intro_cards"}
    blocks: list[Block] = [Para(L(f"prep.{intro.get((rated, deck is not None), 'intro_read')}"))]
    if deck is not None:
        blocks += [
            Heading(L("prep.before")),
            Bullets(
                tuple(
                    f"{step.title.get(lang)}: {step.text.get(lang)}"
                    for step in deck.playbook.before
                )
            ),
        ]
    blocks += role_blocks(content.layer, lang)
    if rated:
        blocks += _rating_blocks(content, lang)
    if deck is not None:
        # Each title quoted: a title with a comma ("Året, der gik") ran into the next.
        always = [
            L("prep.card_title", title=c.title.get(lang))
            for c in deck.cards
            if c.id in deck.rules.always_included
        ]
        picks = [
            L(
                "prep.picks_one" if rule.max == 1 else "prep.picks",
                party=L(f"prep.party.{party}"),
                range=pick_range(rule, lang),
            )
            for party, rule in deck.rules.picks.items()
            if rule.max > 0  # a party the deck gives no picks is not told to pick 0
        ]
        if always:
            picks.append(L("prep.always", cards=", ".join(always)))
        themes = {t.id: t.name.get(lang) for t in content.themes}
        blocks += [
            Heading(L("prep.cards"), page_break=True),
            Para(deck.introduction.get(lang)),
            Heading(L("prep.rules"), level=3),
            Bullets(tuple(rule.get(lang) for rule in deck.rules.text) + tuple(picks)),
            Table(
                ("☐", L("prep.cards"), ""),
                tuple(
                    (
                        "☐",
                        f"{card.title.get(lang)}\n{themes.get(card.theme, card.theme)}",
                        "\n".join(f"• {p.get(lang)}" for p in card.prompts)
                        + (f"\n({card.note.get(lang)})" if card.note else ""),
                    )
                    for card in deck.cards
                ),
                widths=(0.3, 1.4, 3),
            ),
        ]
    meta = (
        (party_label(content.parties_kind(kind) or kind, "self", lang), person.name),
        (L("job_title"), person.title),
        (L("layer"), content.layer.name.get(lang)),
        (L("unit"), person.unit),
        (L("kind"), kind_label(lang, kind, content)),
    )
    document = Document(
        title=L("prep.title"),
        subtitle=f"{kind_label(lang, kind, content)} · {person.name}",
        meta=tuple((k, v) for k, v in meta if v),
        blocks=tuple(blocks),
        lang=lang,
        footer=L("footer"),
    )
    return readable(document)


def _rating_blocks(content: ConversationContent, lang: str) -> list[Block]:
    """The layer's expectations, grouped by dimension, each with boxes for the scale."""
    levels = [f"{level.value} = {level.label.get(lang)}" for level in content.scale.levels]
    levels.append(f"– = {content.scale.not_observed.label.get(lang)}")
    return [
        Heading(label(lang, "prep.rate")),
        Para(f"{label(lang, 'prep.scale')}: " + " · ".join(levels), muted=True),
        RatingBoxes(
            tuple(
                (
                    dimension.name.get(lang),
                    tuple((e.title.get(lang), e.indicators[0].get(lang)) for e in items),
                )
                for dimension, items in content.by_dimension()
                if items
            ),
            (*(str(v) for v in content.scale_values), "–"),
        ),
    ]


def pick_range(rule: PickRule, lang: str) -> str:
    """ "1" rather than "1–1", "up to 2" rather than "0–2"."""
    if rule.min == rule.max:
        return str(rule.max)
    if rule.min == 0:
        return label(lang, "prep.up_to", max=rule.max)
    return f"{rule.min}–{rule.max}"
