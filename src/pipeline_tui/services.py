"""Application services: the steps that need both the content pack and the storage.

The TUI, the command line, the demo data and the benchmark generator all start
conversations and accept plan suggestions the same way, through these
functions; none of them holds Textual or SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from pipeline_tui import clock
from pipeline_tui.core.cards import pick_limit
from pipeline_tui.core.overview import Overview
from pipeline_tui.core.overview import overview as overview_from
from pipeline_tui.core.suggestions import GoalSuggestion
from pipeline_tui.errors import UserError
from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import (
    CardPickRecord,
    ContentRef,
    ConversationDetail,
    ConversationRecord,
    FeedbackTarget,
    GoalRecord,
)
from pipeline_tui.store.repository import Repository

if TYPE_CHECKING:
    from pipeline_tui.report.plan import PlanInput
    from pipeline_tui.store.invitations import InvitationRecord

_CONTENT_CACHE: dict[tuple[str, str, str], ConversationContent] = {}


def content_ref(content: ConversationContent) -> ContentRef:
    return ContentRef(
        pack_id=content.pack_id,
        pack_version=content.pack_version,
        pack_hash=content.pack_hash,
        layer=content.layer.key,
        deck_id=content.deck.id if content.deck else None,
        texts=content.to_snapshot(),
        always_included=tuple(content.deck.rules.always_included) if content.deck else (),
        cards=tuple(card.id for card in content.deck.cards) if content.deck else (),
    )


def content_for(pack: Pack, layer: str, kind: str) -> ConversationContent:
    """The content of a conversation of `kind` on `layer`: the deck serving that layer, if any.

    A kind without a deck (the leadership evaluation) is held against the
    expectations alone.
    """
    key = (pack.content_hash, layer, kind)
    if key not in _CONTENT_CACHE:
        deck = pack.deck_for_conversation(kind, layer)
        _CONTENT_CACHE[key] = ConversationContent.from_pack(
            pack, layer, deck.id if deck else None, with_deck=deck is not None
        )
    return _CONTENT_CACHE[key]


def default_kind(pack: Pack, layer: str) -> str:
    found = pack.layer(layer)
    return found.conversation if found else pack.kinds[0].key


def check_kind(pack: Pack, kind: str, layer: str) -> None:
    """Refuse a kind the pack does not offer on the layer, naming the ones it does."""
    offered = [k.key for k in pack.kinds_for(layer)]
    if kind not in offered:
        raise UserError(
            f"no conversation kind {kind!r} for the layer {layer!r} in the pack {pack.id}; "
            f"choose one of: {', '.join(offered)}",
            "kind",
            kind=kind,
            layer=layer,
            pack=pack.id,
            offered=", ".join(offered),
        )


def reusable_draft(
    repo: Repository, person_id: int, *, begun: bool = False
) -> ConversationRecord | None:
    """The person's draft from today on, in which nothing was answered yet, if any; with
    `begun`, also one from today on that is under way, as when the person prepared through
    their link before the day.

    A new conversation reopens it rather than piling up drafts (the app, before it asks
    for a new one, also reopens the begun one: a second conversation for the same meeting
    would leave the person's answers beside it).
    """
    statuses = ("draft", "in_progress") if begun else ("draft",)
    for existing in repo.conversations.list(person_id=person_id):
        if existing.status in statuses and existing.held_on >= clock.today():
            return repo.conversations.get(existing.id)
    return None


def start_conversation(
    repo: Repository,
    pack: Pack,
    person_id: int,
    *,
    kind: str | None = None,
    layer: str | None = None,
    held_on: date | None = None,
    conducted_by: str | None = None,
    conductor_id: int | None = None,
    language: str = "da",
) -> ConversationRecord:
    """A new conversation with sensible defaults taken from the person and the pack.

    Defaults: the person's layer, the layer's kind (MUS or LUS), today, and the
    person's manager as the one who conducts it.
    """
    person = repo.people.get(person_id)
    draft = reusable_draft(repo, person_id)
    if draft is not None:
        return draft
    layer = layer or person.layer
    if pack.layer(layer) is None:
        layer = pack.layers[0].key
    kind = kind or default_kind(pack, layer)
    check_kind(pack, kind, layer)
    if conducted_by is None:
        conducted_by = person.manager_name or ""
        conductor_id = conductor_id if conductor_id is not None else person.manager_id
    return repo.conversations.start(
        person_id,
        kind=kind,
        held_on=held_on or clock.today(),
        content=content_ref(content_for(pack, layer, kind)),
        conducted_by=conducted_by,
        conductor_id=conductor_id,
        language=language,
    )


def change_content(
    repo: Repository, pack: Pack, conversation_id: int, *, layer: str, kind: str
) -> ConversationRecord:
    """Move a conversation to another layer or kind (with that layer's texts and deck).

    Another deck takes the cards of the one before off the table (those the new deck
    also has stay, with their notes) and puts its own always-included cards on it:
    `picks_lost` tells beforehand what would go."""
    check_kind(pack, kind, layer)
    return repo.conversations.update(
        conversation_id, kind=kind, content=content_ref(content_for(pack, layer, kind))
    )


def picks_lost(
    detail: ConversationDetail, pack: Pack, *, layer: str, kind: str
) -> tuple[CardPickRecord, ...]:
    """The cards a party picked (or wrote on) that a move to `layer` and `kind` would take
    off the table: the new deck does not have them."""
    deck = pack.deck_for_conversation(kind, layer)
    kept = {card.id for card in deck.cards} if deck is not None else set()
    return tuple(
        pick
        for pick in detail.picks
        if pick.card_id not in kept
        and (pick.picked_by != "deck" or pick.notes.strip() or pick.agreements.strip())
    )


def conversation_content(detail: ConversationDetail) -> ConversationContent:
    """The texts the conversation is held with, from its stored snapshot."""
    record = detail.conversation
    # A snapshot is determined by pack hash, layer and deck (not by its row id,
    # which differs between databases).
    key = (record.pack_hash, record.layer, f"snapshot:{record.deck_id or ''}")
    if key not in _CONTENT_CACHE:
        _CONTENT_CACHE[key] = ConversationContent.from_snapshot(detail.snapshot)
    return _CONTENT_CACHE[key]


def pick_card(
    repo: Repository,
    content: ConversationContent,
    conversation_id: int,
    card_id: str,
    party: str,
) -> CardPickRecord:
    """Pick a card within the deck's rules (the store refuses one beyond the limit)."""
    if content.deck is None or content.card(card_id) is None:
        raise KeyError(card_id)
    return repo.conversations.pick_card(
        conversation_id, card_id, party, limit=pick_limit(content.deck, party)
    )


def accept_suggestion(
    repo: Repository,
    content: ConversationContent,
    conversation_id: int,
    suggestion: GoalSuggestion,
    lang: str,
    *,
    owner: str = "",
) -> GoalRecord:
    """Turn a suggestion into a goal, with one action per suggested activity (70-20-10):
    the goal and its actions in one transaction (all or nothing)."""
    with repo.transaction() as tx:
        goal = tx.plans.add_goal(
            conversation_id,
            suggestion.title,
            expectation_ids=suggestion.expectation_ids,
            card_ids=suggestion.card_ids,
            success_criterion=suggestion.success_criterion,
        )
        for activity_id in suggestion.activity_ids:
            activity = next((a for a in content.activities if a.id == activity_id), None)
            if activity is None:
                continue
            tx.plans.add_action(
                goal.id,
                activity.title.get(lang),
                kind=activity.type,
                owner=owner,
                activity_id=activity.id,
            )
        return tx.plans.goal(goal.id)


def carry_goal(repo: Repository, goal: GoalRecord, conversation_id: int) -> GoalRecord:
    """Copy an unfinished goal (and its open actions) into another conversation's plan,
    in one transaction.

    An action the person owns is carried with their full name, as new actions are
    written, even where it was stored with their first name only. The goal keeps its
    links to the expectations and cards the new conversation is held with; one to a
    card of another deck (a LUS card carried into a leadership evaluation) or to an
    expectation of another layer is left behind, as the new plan cannot show it.
    """
    with repo.transaction() as tx:
        detail = tx.conversations.detail(conversation_id)
        person_name = detail.conversation.person_name
        content = conversation_content(detail)
        new = tx.plans.add_goal(
            conversation_id,
            goal.title,
            expectation_ids=[i for i in goal.expectation_ids if content.expectation(i)],
            card_ids=[i for i in goal.card_ids if content.card(i)],
            success_criterion=goal.success_criterion,
            carried_from_id=goal.id,
        )
        for action in goal.actions:
            if not action.done:
                tx.plans.add_action(
                    new.id,
                    action.description,
                    kind=action.kind,
                    owner=_owner_name(action.owner, person_name),
                    activity_id=action.activity_id,
                )
        return tx.plans.goal(new.id)


def _owner_name(owner: str, person_name: str) -> str:
    """`person_name` where `owner` is that person by their first name; else `owner`."""
    first = person_name.split()[0] if person_name.strip() else ""
    return person_name if owner.strip() and owner.strip() == first else owner


def overview(
    repo: Repository,
    pack: Pack,
    year: int,
    *,
    unit: str | None = None,
    layer: str | None = None,
    manager_id: int | None = None,
    today: date | None = None,
    unit_must_exist: bool = False,
) -> Overview:
    """HR's overview through the storage layer (any database); see `core.overview`."""
    return overview_from(
        repo.stats,
        pack,
        year,
        unit=unit,
        layer=layer,
        manager_id=manager_id,
        today=today,
        unit_must_exist=unit_must_exist,
    )


def plan_input(repo: Repository, conversation_id: int) -> PlanInput:
    """What the printed plan summary shows for one conversation."""
    from pipeline_tui.report.plan import PlanInput

    detail = repo.conversations.detail(conversation_id)
    record = detail.conversation
    return PlanInput(
        detail=detail,
        content=conversation_content(detail),
        person=repo.people.get(record.person_id),
        previous=repo.plans.previous_plan(record.person_id, before_conversation_id=record.id),
    )


def asked_groups(
    packs: Mapping[str, Pack], default: Pack, target: FeedbackTarget
) -> tuple[str, ...]:
    """The 360° groups a conversation asks besides self and manager, by the pack it was
    held with (else the default pack) and its kind: none for a kind without them."""
    pack_id = target.snapshot.get("pack", {}).get("id")
    pack = packs.get(pack_id) if isinstance(pack_id, str) else None
    return (pack or default).rater_groups(target.kind)


def invite_rater(
    repo: Repository,
    packs: Mapping[str, Pack],
    default: Pack,
    conversation_id: int,
    group: str,
    *,
    days: int,
) -> tuple[InvitationRecord, str]:
    """A link for one new rater of a 360° group of a leadership evaluation: an opaque
    rater (a random id that is never kept: only its keyed hash is stored, and no name
    ever) and an invitation that answers as that rater, in one transaction. The record and
    the link's secret. Refused (UserError) for a conversation whose kind asks no such group.
    """
    import secrets

    target = repo.feedback.targets([conversation_id]).get(conversation_id)
    if target is None:  # the store says why, in words the catalog has: none, or erased
        repo.conversations.get(conversation_id)
        raise UserError(f"no conversation with id {conversation_id}", "not_found")
    allowed = asked_groups(packs, default, target)
    from pipeline_tui.texts import Phrase, locale

    # The kind and the groups by their names in the catalog (said in the language asked).
    kind: object = target.kind
    if locale("en").get(f"kind.{target.kind}") is not None:
        kind = Phrase(f"kind.{target.kind}")
    if not allowed:
        raise UserError(
            f"conversation {conversation_id} ({target.kind}) asks no one but the leader and "
            "their manager: only a leadership evaluation (or a kind the pack lets ask others) "
            "takes answers from others",
            "asks_no_one",
            id=conversation_id,
            kind=kind,
        )
    if group not in allowed:
        raise UserError(
            f"conversation {conversation_id} ({target.kind}) asks for answers from "
            f"{' and '.join(allowed)}, not from {group}",
            "not_asked",
            id=conversation_id,
            kind=kind,
            asked=", ".join(allowed),
            group=group,
        )
    if target.signed:
        raise UserError(
            f"conversation {conversation_id} is signed: no answers can be added",
            "signed_no_answers",
            id=conversation_id,
        )
    with repo.transaction() as tx:
        rater_id = tx.feedback.invite(conversation_id, group, secrets.token_urlsafe(24))
        return tx.invitations.issue(conversation_id, party=group, days=days, rater_id=rater_id)
