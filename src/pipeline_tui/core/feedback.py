"""Reading a survey tool's answers (CSV) into answers to store, or into problems by line.

The columns: conversation_id, group (peer | report | other), rater (the survey
tool's anonymous respondent id; never shown, only a hash of it is stored, keyed by
the conversation with a key that is in the program, so anyone holding the database
can hash a guess and compare: an id that can be guessed (an e-mail address, the name
or address of someone in the database) is refused), expectation_id, score
(a level of the conversation's scale; empty, "-" or "n/a": not observed),
comment. The whole file is checked before anything is written, against each
conversation as stored: it must exist, be unsigned, be of a kind that asks
that group (a leadership evaluation, or a kind the pack lets ask it), and hold
the expectation in its content. Problems name the line, never a rater's id.
Encodings and delimiters as for rosters (`core.roster`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline_tui.core.anonymity import rater_key
from pipeline_tui.core.roster import LINE_BREAK, SEP_LINE, _decode, _delimiter
from pipeline_tui.records import FeedbackTarget, NewAnswer
from pipeline_tui.vocabulary import RATER_GROUPS

if TYPE_CHECKING:
    from _csv import Reader as _reader

Row = tuple[int, int | None, dict[str, str]]  # (line, conversation id, fields)

COLUMNS = ("conversation_id", "group", "rater", "expectation_id", "score", "comment")
REQUIRED = ("conversation_id", "group", "rater", "expectation_id", "score")
NOT_OBSERVED = ("", "-", "n/a", "na", "not observed", "ikke observeret")
MAX_RATER = 200
MAX_COMMENT = 4000
LOOKS_LIKE_EMAIL = (
    "rater looks like an e-mail address: use the survey tool's anonymous respondent id, "
    "an address can be matched back to the person"
)
NAMES_SOMEONE = (
    "rater is the name or e-mail address of someone in the database: use the survey "
    "tool's anonymous respondent id, a name can be matched back to the person"
)


def plain(rater: str) -> str:
    """A rater id as compared with people's names and addresses: trimmed, case folded."""
    return rater.strip().casefold()


@dataclass(frozen=True)
class FeedbackProblem:
    line: int
    message: str


@dataclass
class FeedbackFile:
    answers: list[NewAnswer] = field(default_factory=list)
    problems: list[FeedbackProblem] = field(default_factory=list)
    encoding: str = "UTF-8"

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def raters(self) -> int:
        return len({(a.conversation_id, a.rater) for a in self.answers})


def read_feedback(
    data: bytes,
    targets: Callable[[Iterable[int]], Mapping[int, FeedbackTarget]],
    groups_for: Callable[[FeedbackTarget], tuple[str, ...]],
    people: Callable[[Iterable[str]], Collection[str]] | None = None,
) -> FeedbackFile:
    """Check a feedback file. `targets` reads the conversations named in it (those that
    exist); `groups_for` gives the rater groups a conversation asks (by its pack and kind);
    `people` gives those of the `plain` rater ids it is given that are the name or e-mail
    address of someone in the database (refused: hashing every name would find them)."""
    result = FeedbackFile()
    text, result.encoding, problems = _decode(data)
    if text is None:
        result.problems.extend(FeedbackProblem(p.line, p.message) for p in problems)
        return result
    if "\x00" in text:
        line = len(LINE_BREAK.findall(text, 0, text.index("\x00"))) + 1
        result.problems.append(FeedbackProblem(line, "contains a NUL byte: this is not a CSV file"))
        return result
    lines = text.splitlines()
    sep = SEP_LINE.match(lines[0]) if lines else None
    header_line = 2 if sep else 1
    expected = ", ".join(COLUMNS)
    if len(lines) < header_line or not lines[header_line - 1].strip():
        result.problems.append(FeedbackProblem(header_line, f"no header: expected {expected}"))
        return result
    delimiter = sep.group(1) if sep else _delimiter(lines[header_line - 1])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        if sep:
            next(reader)
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        result.problems.append(FeedbackProblem(header_line, f"cannot read the header: {exc}"))
        return result
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    twice = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or twice:
        parts = []
        if unknown:
            parts.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if twice:
            parts.append(f"column(s) given twice: {', '.join(twice)}")
        result.problems.append(
            FeedbackProblem(header_line, f"{'; '.join(parts)} (expected: {expected})")
        )
        return result
    rows = _rows(reader, header, result)
    if rows is None:
        return result
    found = targets({cid for _line, cid, _row in rows if cid is not None})
    raters = {plain(row["rater"]) for _line, _cid, row in rows if row["rater"]}
    named = set(people(raters)) if people is not None and raters else set()
    _check(rows, found, groups_for, result, named)
    result.problems.sort(key=lambda p: p.line)
    return result


def _rows(reader: _reader, header: list[str], result: FeedbackFile) -> list[Row] | None:
    """(line, conversation id, fields) of each row; None when the CSV itself broke."""
    rows: list[Row] = []
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            result.problems.append(FeedbackProblem(line, f"broken CSV: {exc}"))
            return None
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            result.problems.append(
                FeedbackProblem(line, f"{len(values)} fields, expected {len(header)}")
            )
            continue
        row = {key: value.strip() for key, value in zip(header, values, strict=True)}
        text = row["conversation_id"]
        conversation_id = int(text) if text.isascii() and text.isdigit() else None
        if conversation_id is not None and not 0 < conversation_id < 2**63:
            conversation_id = None  # no database holds such an id
        if conversation_id is None:
            shown = repr(text[:20]) if text else "empty"
            result.problems.append(
                FeedbackProblem(line, f"conversation_id is {shown}, not a conversation's number")
            )
        rows.append((line, conversation_id, row))


def _check(
    rows: list[Row],
    found: Mapping[int, FeedbackTarget],
    groups_for: Callable[[FeedbackTarget], tuple[str, ...]],
    result: FeedbackFile,
    named: Collection[str] = (),
) -> None:
    seen: dict[tuple[int, str, str], int] = {}  # (conversation, rater key, expectation) -> line
    group_of: dict[tuple[int, str], tuple[str, int]] = {}  # (conversation, key) -> group, line
    for line, conversation_id, row in rows:
        problems: list[str] = []

        def problem(message: str, line: int = line, problems: list[str] = problems) -> None:
            problems.append(message)
            result.problems.append(FeedbackProblem(line, message))

        group = row["group"].lower()
        rater = row["rater"]
        if group not in RATER_GROUPS:
            problem(f"group {row['group'][:20]!r} is not one of {', '.join(RATER_GROUPS)}")
        if not rater:
            problem("rater is empty (the survey tool's anonymous respondent id)")
        elif len(rater) > MAX_RATER:
            problem(f"rater is longer than {MAX_RATER} characters")
        elif "@" in rater:
            problem(LOOKS_LIKE_EMAIL)
        elif plain(rater) in named:
            problem(NAMES_SOMEONE)
        comment = row.get("comment", "")
        if len(comment) > MAX_COMMENT:
            problem(f"comment is longer than {MAX_COMMENT} characters")
        if conversation_id is None:
            continue
        target = found.get(conversation_id)
        if target is None:
            problem(f"no conversation with id {conversation_id}")
            continue
        if target.signed:
            problem(f"conversation {conversation_id} is signed: no answers can be added")
        allowed = groups_for(target)
        if not allowed:
            problem(
                f"conversation {conversation_id} is a {target.kind}: only a leadership "
                "evaluation (or a kind the pack lets ask others) takes answers from others"
            )
        elif group in RATER_GROUPS and group not in allowed:
            problem(
                f"a {target.kind} asks {', '.join(allowed)}, not {group} "
                f"(conversation {conversation_id})"
            )
        content = target.snapshot
        ids = {e.get("id") for e in content.get("expectations", []) if isinstance(e, dict)}
        expectation = row["expectation_id"]
        if expectation not in ids:
            shown = repr(expectation[:64]) if expectation else "empty"
            problem(
                f"expectation_id {shown} is not in the content of conversation {conversation_id}"
            )
        levels = [
            level.get("value")
            for level in content.get("scale", {}).get("levels", [])
            if isinstance(level, dict)
        ]
        score_text = row["score"]
        score: int | None = None
        if score_text.lower() not in NOT_OBSERVED:
            if score_text.isascii() and score_text.lstrip("-").isdigit():
                score = int(score_text)
            if score is None or score not in levels:
                scale = ", ".join(str(v) for v in levels)
                problem(
                    f"score {score_text[:10]!r} is not on the scale ({scale}, "
                    "or empty for not observed)"
                )
        if rater and len(rater) <= MAX_RATER:
            key = rater_key(conversation_id, rater)
            stored = target.groups_by_key.get(key)
            if stored is not None and group in RATER_GROUPS and stored != group:
                problem(f"this rater answered as {stored} before, not as {group}")
            earlier = group_of.setdefault((conversation_id, key), (group, line))
            if earlier[0] != group:
                problem(f"this rater is {earlier[0]} on line {earlier[1]}, {group} here")
            first = seen.setdefault((conversation_id, key, expectation), line)
            if first != line:
                problem(f"this rater answered {expectation[:64]!r} on line {first} already")
        if not problems:
            result.answers.append(
                NewAnswer(
                    conversation_id=conversation_id,
                    group=group,
                    rater=rater,
                    expectation_id=expectation,
                    score=score,
                    comment=comment,
                )
            )
