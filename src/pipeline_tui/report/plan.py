"""The plan summary: what was agreed, laid out once for every print format."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from pipeline_tui.core.due import is_planned
from pipeline_tui.core.profile import (
    BLIND_SPOT,
    HIDDEN_STRENGTH,
    LARGE_GAP,
    development_areas,
    dimension_series,
    expectation_series,
    largest_gaps,
    profile,
    shown_groups,
    strengths,
)
from pipeline_tui.core.roles import party_label
from pipeline_tui.packs.shapes import Content
from pipeline_tui.records import (
    ConversationDetail,
    ConversationRecord,
    PersonRecord,
    PlanRecord,
)
from pipeline_tui.report.document import (
    Block,
    Bullets,
    Document,
    Goal,
    Heading,
    Para,
    Profile,
    ProfileRow,
    Signature,
    Signatures,
    Table,
    readable,
)
from pipeline_tui.report.labels import format_date, format_number, kind_label, label
from pipeline_tui.report.role import role_blocks
from pipeline_tui.vocabulary import REVIEWED


@dataclass(frozen=True)
class PlanInput:
    """Everything the plan summary shows, read by the caller from the repository."""

    detail: ConversationDetail
    content: Content  # `records.SnapshotContent` when printed, `ConversationContent` in the app
    person: PersonRecord
    previous: tuple[ConversationRecord, PlanRecord] | None = None
    # What a plan handed over carries besides the conversation (see `for_print`).
    organisation: str = ""
    logo: Path | None = None
    printed_on: date | None = None


def for_print(data: PlanInput, settings: Any) -> PlanInput:
    """The plan as printed today, under the organisation's name and logo from `settings`.

    Without a name in the settings, the organisation the conversation's pack was
    written for (the pack's `organisation`, kept in its snapshot) is printed.
    """
    from pipeline_tui import clock

    return replace(
        data,
        organisation=getattr(settings, "organisation", "") or data.content.organisation or "",
        logo=getattr(settings, "logo", None),
        printed_on=clock.today(),
    )


def lower(text: str) -> str:
    """A label inside a sentence: "Leader's manager" → "leader's manager"."""
    return text[:1].lower() + text[1:]


def _figures_width(heading: str) -> float:
    """A column of figures, as wide as its heading's longest word needs: a heading wraps
    between its words ("Lederens / leder"), never inside one ("Medarbejde / re")."""
    return max(1.0, 0.11 * max((len(word) for word in heading.split()), default=0))


def _score(value: float | int | None, lang: str) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{value:g}"
    return format_number(value, lang)


def parties_kind(data: PlanInput) -> str:
    """The kind whose words name the parties (an onboarding's employee is the employee)."""
    kind = data.detail.conversation.kind
    return data.content.parties_kind(kind) or kind


def _conducted_label(record: ConversationRecord, today: date | None) -> str:
    planned = today is not None and is_planned(record.status, record.held_on, today)
    return "conducted_by_planned" if planned else "conducted_by"


def plan_document(data: PlanInput, lang: str) -> Document:
    detail, content, person = data.detail, data.content, data.person
    record = detail.conversation
    L = partial(label, lang)
    parties = content.parties_kind(record.kind) or record.kind
    own, boss = party_label(parties, "self", lang), party_label(parties, "manager", lang)
    meta = (
        (own, person.name),
        (L("job_title"), person.title),
        (L("layer"), content.layer.name.get(lang)),
        (L("unit"), person.unit),
        # A conversation dated ahead and not yet held is not "held by" anyone yet.
        (L(_conducted_label(record, data.printed_on)), record.conducted_by),
        (L("date"), format_date(record.held_on, lang)),
        (L("kind"), kind_label(lang, record.kind, content)),
        (L("pack"), f"{content.pack_name.get(lang)} {content.pack_version}"),
        (L("printed"), format_date(data.printed_on, lang)),
    )
    blocks: list[Block] = []
    blocks += role_blocks(content.layer, lang, compact=True)
    steps = content.steps_for(record.kind)  # only what the kind's steps hold is printed
    if "expectations" in steps:
        blocks += _ratings(data, lang)
    blocks += _readiness(data, lang)
    if "cards" in steps:
        blocks += _themes(data, lang)
    plan = detail.plan
    if "plan" in steps:
        blocks += _goals(data, lang)
        if plan is not None and plan.summary.strip():
            blocks += [Heading(L("summary")), Para(plan.summary)]
        blocks.append(Heading(L("follow_up")))
        if plan is not None and plan.follow_up_on:
            blocks.append(Para(L("follow_up_on", date=format_date(plan.follow_up_on, lang))))
        else:
            blocks.append(Para(L("no_follow_up"), muted=True))
    blocks += _previous(data, lang)
    blocks.append(Heading(L("signatures")))
    blocks.append(
        Signatures(
            (
                Signature(
                    own,
                    person.name,
                    plan.signed_by_person_at.date() if plan and plan.signed_by_person_at else None,
                    L("signed_on"),
                ),
                Signature(
                    # a leader of the organisation chosen as the one who holds it: their
                    # role; a name typed in (an HR consultant, say): "… / consultant"
                    boss if record.conductor_id is not None else L("role.conductor", role=boss),
                    record.conducted_by,
                    plan.signed_by_conductor_at.date()
                    if plan and plan.signed_by_conductor_at
                    else None,
                    L("signed_on"),
                ),
            ),
            L("signature_date"),
        )
    )
    document = Document(
        title=L("plan.title"),
        subtitle=f"{kind_label(lang, record.kind, content)} · {person.name}",
        meta=tuple((k, v) for k, v in meta if v),
        blocks=tuple(blocks),
        lang=lang,
        footer=L("footer"),
        organisation=data.organisation,
        logo=data.logo,
    )
    return readable(document)


def ratings_visible(record: ConversationRecord) -> bool:
    """Both ratings are shown once revealed (or signed), in print as on the screen.

    Before that each party rates blind: a print would show one party the
    other's scores, or the strengths and gaps worked out from them.
    """
    return record.revealed or record.is_signed


def _ratings(data: PlanInput, lang: str) -> list[Block]:
    content, ratings = data.content, data.detail.ratings
    L = partial(label, lang)
    rows = profile(content, ratings)
    feedback = data.detail.feedback
    groups = shown_groups(feedback)
    blocks: list[Block] = [Heading(L("profile"))]
    if not any(r.self_rated or r.manager_rated for r in rows) and not groups:
        return [*blocks, Para(L("no_ratings"), muted=True), *_feedback_counts(data, lang)]
    if not ratings_visible(data.detail.conversation):
        return [*blocks, Para(L("ratings_hidden"), muted=True)]
    names = {d.id: d.name.get(lang) for d in content.dimensions}
    series = {row.key: row.values for row in dimension_series(content, ratings, feedback)}
    blocks.append(
        Profile(
            tuple(
                ProfileRow(
                    names[r.dimension_id], r.self_mean, r.manager_mean, series[r.dimension_id][2:]
                )
                for r in rows
            ),
            max(content.scale_values),
            party_label(parties_kind(data), "self", lang),
            party_label(parties_kind(data), "manager", lang),
            groups,
            tuple(L(f"group.{group}") for group in groups),
        )
    )
    blocks += _feedback(data, lang)

    def title(expectation_id: str) -> str:
        found = content.expectation(expectation_id)
        return found.title.get(lang) if found else expectation_id

    kind = parties_kind(data)
    said: dict[str, list[str]] = {}  # the comments, beside the expectation they explain
    for rating in sorted(ratings, key=lambda r: r.rater != "self"):
        if rating.comment.strip():
            who = party_label(kind, rating.rater, lang)
            said.setdefault(rating.expectation_id, []).append(f"{who}: {rating.comment.strip()}")

    def line(s: Any) -> str:
        # whose score it is, as on the summary screen: a bare "(2)" read as agreed on
        scores = " · ".join(
            f"{who} {_score(score, lang)}"
            for who, score in (
                (party_label(kind, "manager", lang), s.manager_score),
                (lower(party_label(kind, "self", lang)), s.self_score),
            )
            if score is not None
        )
        text = f"{title(s.expectation_id)} ({scores or _score(s.score, lang)})"
        return " – ".join([text, *said.get(s.expectation_id, [])])

    good = strengths(content, ratings)
    weak = development_areas(content, ratings)
    if good:
        blocks += [Heading(L("strengths"), level=3), Bullets(tuple(line(s) for s in good))]
    if weak:
        blocks += [Heading(L("development"), level=3), Bullets(tuple(line(s) for s in weak))]
    above, below = largest_gaps(content, ratings)  # both ways: a manager above self too
    large = [g for g in (*above, *below) if abs(g.size) >= LARGE_GAP]
    if large:
        blocks += [
            Heading(L("gaps"), level=3),
            Bullets(
                tuple(
                    L(
                        "gap_line",
                        title=title(g.expectation_id),
                        own=g.self_score,
                        boss=g.manager_score,
                        own_label=lower(party_label(kind, "self", lang)),
                        boss_label=lower(party_label(kind, "manager", lang)),
                    )
                    for g in large
                )
            ),
        ]
    return blocks


def _feedback_counts(data: PlanInput, lang: str) -> list[Block]:
    """Which rater groups answered, and which are too small to show (no figures of those)."""
    L = partial(label, lang)
    lines = []
    for group in data.detail.feedback:
        name = L(f"group.{group.group}")
        if group.shown:
            lines.append(L("feedback_shown", group=name, n=group.raters))
        else:
            lines.append(L("feedback_hidden", group=name, n=group.threshold))
    return [Bullets(tuple(lines))] if lines else []


def _feedback(data: PlanInput, lang: str) -> list[Block]:
    """360°: how many answered per group, self, manager and each group shown per expectation
    with blind spots and hidden strengths marked, and the comments of the groups shown."""
    feedback = data.detail.feedback
    if not feedback:
        return []
    L = partial(label, lang)
    content, kind = data.content, parties_kind(data)
    blocks: list[Block] = [Heading(L("feedback"), level=3), *_feedback_counts(data, lang)]
    groups = shown_groups(feedback)
    if not groups:
        return blocks

    def title(expectation_id: str) -> str:
        found = content.expectation(expectation_id)
        return found.title.get(lang) if found else expectation_id

    marks = {BLIND_SPOT: L("blind_spot"), HIDDEN_STRENGTH: L("hidden_strength")}
    rows = expectation_series(content, data.detail.ratings, feedback)
    own_label = party_label(kind, "self", lang)
    columns = (
        L("expectation"),
        own_label,
        party_label(kind, "manager", lang),
        *(L(f"group.{group}") for group in groups),
        L("mark"),
    )
    blocks += [
        Heading(L("per_expectation"), level=3),
        Table(
            columns,
            tuple(
                (
                    title(row.key),
                    *(_score(value, lang) for value in row.values[:2]),  # one rating each
                    *(format_number(value, lang) for value in row.values[2:]),  # means
                    marks.get(row.flag or "", ""),
                )
                for row in rows
            ),
            widths=(3, *(_figures_width(heading) for heading in columns[1:-1]), 1.3),
        ),
    ]
    for flag, heading in ((BLIND_SPOT, "blind_spots"), (HIDDEN_STRENGTH, "hidden_strengths")):
        found = [row for row in rows if row.flag == flag]
        if found:
            lines = []
            for row in found:
                others = [v for v in row.values[1:] if v is not None]
                lines.append(
                    L(
                        "mark_line",
                        title=title(row.key),
                        own=_score(row.values[0], lang),
                        own_label=lower(own_label),
                        # a mean, with its decimal as the groups' means ("3,0", never "3")
                        others=format_number(sum(others) / len(others), lang),
                    )
                )
            blocks += [Heading(L(heading), level=3), Bullets(tuple(lines))]
    for group in feedback:
        if group.shown and group.comments:
            name = lower(L(f"group.{group.group}"))
            blocks += [
                Heading(L("comments_of", group=name), level=3),
                Bullets(tuple(f"{title(key)}: {text}" for key, text in group.comments)),
            ]
    return blocks


def _readiness(data: PlanInput, lang: str) -> list[Block]:
    """Readiness for the next layer, asked on its own in a kind with `readiness`."""
    content, plan = data.content, data.detail.plan
    if not content.asks_readiness(data.detail.conversation.kind) or content.next_layer is None:
        return []
    L = partial(label, lang)
    blocks: list[Block] = [Heading(L("readiness", layer=content.next_layer.get(lang)))]
    answer = plan.readiness if plan is not None else ""
    note = plan.readiness_note.strip() if plan is not None else ""
    if not answer and not note:
        return [*blocks, Para(L("readiness.unanswered"), muted=True)]
    text = L(f"readiness.{answer}") if answer else ""
    return [*blocks, Para(" – ".join(part for part in (text, note) if part))]


def _themes(data: PlanInput, lang: str) -> list[Block]:
    """What was agreed on the cards, then the notes of cards without an agreement (a
    note printed under "Agreements" read as a promise nobody made), then the cards
    talked about with nothing written on them. The notes of a card with an agreement
    stay in the conversation: the agreement is what counts."""
    content = data.content
    L = partial(label, lang)
    agreed, noted, talked = [], [], []
    for pick in data.detail.picks:
        card = content.card(pick.card_id)
        if card is None:
            continue
        theme = content.theme(card.theme)
        name = card.title.get(lang)
        if theme is not None:
            name = f"{name} ({theme.name.get(lang)})"
        if pick.agreements.strip():
            agreed.append((name, pick.agreements.strip()))
        elif pick.notes.strip():
            noted.append((name, pick.notes.strip()))
        elif pick.played:
            talked.append(name)
    if not agreed and not noted and not talked:
        return []
    blocks: list[Block] = [Heading(L("themes"))]
    if agreed:
        blocks.append(Table((L("theme_card"), L("agreements")), tuple(agreed), widths=(1, 2)))
    else:
        blocks.append(Para(L("no_agreements"), muted=True))
    if noted:
        blocks.append(Table((L("theme_card"), L("notes")), tuple(noted), widths=(1, 2)))
    if talked:
        blocks.append(Para(L("talked_unwritten", cards="; ".join(talked))))
    return blocks


def _goals(data: PlanInput, lang: str) -> list[Block]:
    L = partial(label, lang)
    plan = data.detail.plan
    blocks: list[Block] = [Heading(L("goals"), page_break=True)]
    if plan is None or not plan.goals:
        return [*blocks, Para(L("no_goals"), muted=True)]
    for goal in plan.goals:
        details = []
        if goal.success_criterion.strip():
            details.append((L("success"), goal.success_criterion))
        if goal.due_on:
            details.append((L("due"), format_date(goal.due_on, lang)))
        if goal.status != "open":
            details.append((L("status"), L(f"status.{goal.status}")))
        actions = None
        if goal.actions:
            actions = Table(
                (L("action"), L("type"), L("owner"), L("due"), L("done")),
                tuple(
                    (
                        a.description,
                        L(f"type.{a.kind}"),
                        a.owner,
                        format_date(a.due_on, lang),
                        "✓" if a.done else "",
                    )
                    for a in goal.actions
                ),
                widths=(2.9, 1.5, 1.5, 1.1, 0.6),  # a name whole beside its action
            )
        blocks.append(Goal(goal.title, tuple(details), actions))
    return blocks


def _previous(data: PlanInput, lang: str) -> list[Block]:
    if data.previous is None:
        return []
    L = partial(label, lang)
    record, plan = data.previous
    # A goal not reviewed at this conversation is said to be so ("Not started" read as the
    # follow-up's verdict), and one carried into this plan says so beside its status.
    now = data.detail.plan
    carried = {g.carried_from_id for g in now.goals if g.carried_from_id} if now else set()
    rows = tuple(
        (
            goal.title,
            " · ".join(
                [L(f"status.{goal.status}") if goal.status in REVIEWED else L("not_reviewed")]
                + ([L("carried")] if goal.id in carried else [])
            ),
            goal.review_note,
        )
        for goal in plan.goals
    )
    if not rows:
        return []
    return [
        Heading(L("previous", date=format_date(record.held_on, lang))),
        Table((L("goal"), L("status"), L("note")), rows, widths=(2, 1.3, 1.7)),
    ]
