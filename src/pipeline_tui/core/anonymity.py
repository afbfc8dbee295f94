"""What a rater group may show: the one place answers beyond self and manager are read out.

Anonymity by design: the stores hand the rest of the program a `GroupFeedback`
per group, built here from the stored answers, and never the answers
themselves or who gave them. A group is shown only once at least the pack's
threshold of raters (never below 3) answered; within a shown group, an
expectation's mean only when that many raters gave it a score; its comments
only then, in an order that owes nothing to the raters, and without them.
Rater ids are not even stored: `rater_key` keeps a hash of them, to tell one
rater's answers from another's. Pure (no storage), so the stores and the
stdlib fast read path share it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Any

from pipeline_tui.records import GroupFeedback
from pipeline_tui.vocabulary import MIN_RATERS, RATER_GROUPS


@dataclass(frozen=True)
class StoredAnswer:
    """One stored answer as the aggregation sees it (never leaves the store)."""

    group: str
    rater_id: int
    expectation_id: str
    score: int | None
    not_observed: bool
    comment: str
    version: int = 1


def answers_stamp(answers: Sequence[StoredAnswer]) -> int:
    """`stamp` of answers read already (the same number `stamp` gives from SQL sums)."""
    return stamp(len(answers), sum(a.version for a in answers))


def rater_key(conversation_id: int, rater: str) -> str:
    """The stored stand-in for a rater's id: a hash keyed by the conversation, so the same
    id gives the same key within one evaluation (a later import replaces the rater's
    answers) and unrelated keys across evaluations. The key is in the program, not a
    secret: whoever holds the database can hash a guess and compare, so an id must be one
    nobody can guess (a link's random id; a survey tool's anonymous respondent id:
    `core.feedback` refuses e-mail addresses and people's names and addresses)."""
    key = f"pipeline-tui feedback {conversation_id}".encode()
    return hmac.new(key, rater.strip().encode("utf-8"), hashlib.sha256).hexdigest()


def stamp(answers: int, versions: int) -> int:
    """One number that changes when an answer is added or changed: the count of answers
    and the sum of their versions (0: no answers)."""
    return (answers << 32) + versions if answers else 0


def threshold_of(snapshot: dict[str, Any]) -> int:
    """The anonymity threshold the conversation's content sets (`scale.min_raters`), never
    below 3; a damaged value counts as 3."""
    scale = snapshot.get("scale") if isinstance(snapshot, dict) else None
    wanted = scale.get("min_raters") if isinstance(scale, dict) else None
    if isinstance(wanted, int) and not isinstance(wanted, bool):
        return max(MIN_RATERS, wanted)
    return MIN_RATERS


# The decimals a mean is kept with: enough that rounding it again for the page gives what
# rounding the exact mean gives (a mean of up to thousands of scores is never within 1e-9
# of a half unless it is one), few enough to drop a float's noise (2.2499999999999996).
DECIMALS = 9


def _scrambled(comment: tuple[str, str]) -> str:
    """A random-looking order that owes nothing to who wrote a comment or when (the order
    answers were stored in would tell raters apart), and stays the same on every read, so
    the screen and every print agree."""
    return hashlib.sha256("\x00".join(comment).encode("utf-8")).hexdigest()


def group_feedback(answers: Iterable[StoredAnswer], threshold: int) -> tuple[GroupFeedback, ...]:
    """One `GroupFeedback` per group that has answers, in the order of RATER_GROUPS."""
    threshold = max(MIN_RATERS, threshold)
    by_group: dict[str, list[StoredAnswer]] = {}
    for answer in answers:
        by_group.setdefault(answer.group, []).append(answer)
    result = []
    for group in RATER_GROUPS:
        items = by_group.get(group)
        if not items:
            continue
        raters = {a.rater_id for a in items if a.score is not None or a.not_observed}
        if len(raters) < threshold:
            result.append(GroupFeedback(group=group, threshold=threshold, shown=False))
            continue
        scores: dict[str, list[int]] = {}
        for answer in items:
            if answer.score is not None:
                scores.setdefault(answer.expectation_id, []).append(answer.score)
        # Kept whole (to 9 decimals, the float's noise gone): rounded to 2 here and to 1
        # where shown, 17 over 11 raters (1.545…) came out 1.55 and then 1.6, not 1.5.
        means = tuple(
            (key, round(mean(values), DECIMALS))
            for key, values in sorted(scores.items())
            if len(values) >= threshold
        )
        comments = sorted(
            ((a.expectation_id, a.comment.strip()) for a in items if a.comment.strip()),
            key=_scrambled,
        )
        result.append(
            GroupFeedback(
                group=group,
                threshold=threshold,
                shown=True,
                means=means,
                comments=tuple(comments),
                raters=len(raters),
            )
        )
    return tuple(result)
