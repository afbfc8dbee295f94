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
Encodings and delimiters as for rosters (`core.roster`). The columns may be named in
Danish too (samtale_id, gruppe, bedømmer, forventning_id, vurdering, kommentar), and a
group by the name the app shows it under, in Danish or English ("Kolleger", "Medarb.",
"Direct reports").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from pipeline_tui.core.anonymity import rater_key
from pipeline_tui.core.roster import (
    LINE_BREAK,
    SEP_LINE,
    _delimiter,
    column_problems,
    csv_error,
    decode,
    fitted,
    without_blank_tail,
)
from pipeline_tui.records import FeedbackTarget, NewAnswer
from pipeline_tui.texts import LANGUAGES, Phrase, catalog
from pipeline_tui.vocabulary import RATER_GROUPS, with_control

if TYPE_CHECKING:
    from _csv import Reader as _reader

Row = tuple[int, int | None, dict[str, str]]  # (line, conversation id, fields)

COLUMNS = ("conversation_id", "group", "rater", "expectation_id", "score", "comment")
REQUIRED = ("conversation_id", "group", "rater", "expectation_id", "score")


def whole_number(text: str) -> int | None:
    """A whole number as a survey tool or a spreadsheet writes it: "4", and "4.0" or
    "4,00" from a number column (a decimal comma in Danish); None for anything else
    ("4,5", "fire")."""
    number, mark, decimals = text.replace(",", ".", 1).partition(".")
    if not (number.isascii() and number.lstrip("-").isdigit()):
        return None
    if decimals.strip("0") or (mark and not decimals):
        return None
    return int(number)


NOT_OBSERVED = ("", "-", "n/a", "na", "not observed", "ikke observeret")
MAX_RATER = 200
# What a spreadsheet or a database writes in a cell with no value: as a rater id, it would
# make every such row one rater (lower case; "#n/a" is Excel's, "null" a database's).
NO_VALUE = frozenset(
    ("null", "none", "nan", "n/a", "na", "-", "?", "#n/a", "#na", "#null!", "#ref!",
     "#value!", "#name?", "#div/0!", "(blank)", "(tom)", "ukendt", "unknown")
)  # fmt: skip
MAX_COMMENT = 4000
# The Danish column names (the words the app uses, and a survey tool's "respondent").
DANISH_COLUMNS = {
    "samtale": "conversation_id",
    "samtale_id": "conversation_id",
    "samtalens_id": "conversation_id",
    "samtalens_nummer": "conversation_id",
    "samtalenummer": "conversation_id",
    "gruppe": "group",
    "bedømmergruppe": "group",
    "bedømmer": "rater",
    "bedømmer_id": "rater",
    "respondent": "rater",
    "respondent_id": "rater",
    "forventning": "expectation_id",
    "forventning_id": "expectation_id",
    "forventnings_id": "expectation_id",
    "vurdering": "score",
    "point": "score",
    "kommentar": "comment",
}
# The columns by their Danish names, in the order of COLUMNS: as a refused header names them
# (`cli.feedback.columns`), as the roster's Danish names are named (`core.roster`).
DANISH_NAMES = ("samtale_id", "gruppe", "bedømmer", "forventning_id", "vurdering", "kommentar")
# The problems of a row that name its column, and the column (named in them as the file's
# header names it: "Gruppe 'chefer'" in a Danish export, "group 'boss'" in an English one).
COLUMN_OF = {
    "cli.feedback.conversation_id": "conversation_id",
    "cli.feedback.conversation_id_empty": "conversation_id",
    "cli.feedback.group": "group",
    "cli.feedback.no_rater": "rater",
    "cli.feedback.rater_no_value": "rater",
    "cli.feedback.rater_too_long": "rater",
    "cli.feedback.rater_email": "rater",
    "cli.feedback.rater_named": "rater",
    "cli.feedback.comment_too_long": "comment",
    "cli.feedback.comment_control": "comment",
    "cli.feedback.expectation": "expectation_id",
    "cli.feedback.expectation_empty": "expectation_id",
    "cli.feedback.score": "score",
}
# A group's names that the catalogs' words for it do not hold: a Danish rater is "kollega"
# or "medarbejder" (the rating page says so), an English one a "direct report".
MORE_GROUP_NAMES = {
    "kollega": "peer",
    "medarbejder": "report",
    "anden": "other",
    "direct report": "report",
}


def _column(name: str) -> str:
    """A header's column as its English name: "Samtale-ID" is conversation_id."""
    name = name.strip().lower()
    joined = "_".join(name.replace("-", " ").split())
    return DANISH_COLUMNS.get(joined, joined if joined in COLUMNS else name)


@cache
def group_names() -> dict[str, str]:
    """Every spelling of a rater group (lower case) to its key: the key, and each name the
    app, the printed plan and the rating page show it under, in every language ("Kolleger",
    "Koll.", "Medarbejdere", "Andre", "Peers", "Direct reports"; with and without a final
    full stop)."""
    names = {group: group for group in RATER_GROUPS}
    for lang in LANGUAGES:
        texts = catalog(lang)
        for group in RATER_GROUPS:
            # (and as a refusal lists them to choose from: in Danish "peer (kollega)")
            prefixes = ("summary.group.", "summary.group_short.", "doc.group.")
            for prefix in (*prefixes, "cli.feedback.group_name."):
                shown = texts.get(prefix + group, "").strip().lower()
                if shown:
                    names.setdefault(shown, group)
                    names.setdefault(shown.rstrip("."), group)
    for name, group in MORE_GROUP_NAMES.items():
        names.setdefault(name, group)
    return names


def rater_group(name: str) -> str | None:
    """The rater group a user means by `name`, wherever they type one (a feedback file's
    group column, `invite --group`): its key for any of `group_names` in any case, with
    spaces around or doubled ("Kollega", "MEDARBEJDERE", " direct  reports"); None for a
    word that names no group."""
    return group_names().get(" ".join(name.split()).lower())


def plain(rater: str) -> str:
    """A rater id as compared with people's names and addresses: trimmed, case folded."""
    return rater.strip().casefold()


@dataclass(frozen=True)
class FeedbackProblem:
    """A problem on a line: `message` is a catalog `Phrase` (English as a string), which the
    command line says in the language asked."""

    line: int
    message: str


@dataclass
class FeedbackFile:
    answers: list[NewAnswer] = field(default_factory=list)
    problems: list[FeedbackProblem] = field(default_factory=list)
    encoding: str = "UTF-8"
    windows_lines: tuple[int, ...] = ()  # read as Windows-1252 in a file mostly UTF-8

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
    decoded = decode(data, "cli.feedback.not_text")
    text = decoded.text
    result.encoding, result.windows_lines = decoded.encoding, decoded.windows_lines
    if text is None:
        result.problems.extend(FeedbackProblem(line, message) for line, message in decoded.problems)
        return result
    if "\x00" in text:
        line = len(LINE_BREAK.findall(text, 0, text.index("\x00"))) + 1
        result.problems.append(FeedbackProblem(line, Phrase("cli.csv.nul")))
        return result
    lines = text.splitlines()
    sep = SEP_LINE.match(lines[0]) if lines else None
    header_line = 2 if sep else 1
    expected, danish = ", ".join(COLUMNS), ";".join(DANISH_NAMES)
    if len(lines) < header_line or not lines[header_line - 1].strip():
        no_header = Phrase("cli.feedback.no_header", expected=expected, danish=danish)
        result.problems.append(FeedbackProblem(header_line, no_header))
        return result
    delimiter = sep.group(1) if sep else _delimiter(lines[header_line - 1])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        if sep:
            next(reader)
        written = next(reader)
        header = without_blank_tail([_column(h) for h in written])
    except csv.Error as exc:
        broken = Phrase("cli.csv.header_broken", error=csv_error(exc))
        result.problems.append(FeedbackProblem(header_line, broken))
        return result
    # an unknown column named as the file writes it ('IPAddress', not 'ipaddress')
    unknown = [written[i].strip() for i, h in enumerate(header) if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    twice = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or twice:
        wrong = column_problems(unknown, missing, twice)
        columns = Phrase("cli.feedback.columns", problems=wrong, expected=expected, danish=danish)
        result.problems.append(FeedbackProblem(header_line, columns))
        return result
    titles = {column: title.strip() for title, column in zip(written, header, strict=False)}
    rows = _rows(reader, header, result, titles)
    if rows is None:
        return result
    if not rows:  # a header and nothing below it: said, as the roster import says it
        result.problems.append(FeedbackProblem(header_line, Phrase("cli.csv.no_rows")))
        return result
    found = targets({cid for _line, cid, _row in rows if cid is not None})
    raters = {plain(row["rater"]) for _line, _cid, row in rows if row["rater"]}
    named = set(people(raters)) if people is not None and raters else set()
    _check(rows, found, groups_for, result, named, titles)
    result.problems.sort(key=lambda p: p.line)
    return result


def _rows(
    reader: _reader, header: list[str], result: FeedbackFile, titles: Mapping[str, str]
) -> list[Row] | None:
    """(line, conversation id, fields) of each row; None when the CSV itself broke. A
    problem names its column by its title in the header (`titles`: by column)."""
    rows: list[Row] = []
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            result.problems.append(
                FeedbackProblem(line, Phrase("cli.csv.broken", error=csv_error(exc)))
            )
            return None
        if not any(v.strip() for v in values):
            continue
        values = fitted(values, len(header))
        if len(values) != len(header):
            which = "cli.csv.fields_one" if len(values) == 1 else "cli.csv.fields"  # "1 field"
            fields = Phrase(which, n=len(values), expected=len(header))
            result.problems.append(FeedbackProblem(line, fields))
            continue
        row = {key: value.strip() for key, value in zip(header, values, strict=True)}
        text = row["conversation_id"]
        conversation_id = whole_number(text)  # "16", or "16,0" from a number column
        if conversation_id is not None and not 0 < conversation_id < 2**63:
            conversation_id = None  # no database holds such an id
        if conversation_id is None:
            column = titles.get("conversation_id", "conversation_id")
            not_id = (
                Phrase("cli.feedback.conversation_id", value=text[:20], column=column)
                if text
                else Phrase("cli.feedback.conversation_id_empty", column=column)
            )
            result.problems.append(FeedbackProblem(line, not_id))
        rows.append((line, conversation_id, row))


def _check(
    rows: list[Row],
    found: Mapping[int, FeedbackTarget],
    groups_for: Callable[[FeedbackTarget], tuple[str, ...]],
    result: FeedbackFile,
    named: Collection[str] = (),
    titles: Mapping[str, str] | None = None,
) -> None:
    seen: dict[tuple[int, str, str], int] = {}  # (conversation, rater key, expectation) -> line
    group_of: dict[tuple[int, str], tuple[str, int]] = {}  # (conversation, key) -> group, line
    for line, conversation_id, row in rows:
        problems: list[str] = []

        def problem(
            key: str, line: int = line, problems: list[str] = problems, **values: object
        ) -> None:
            column = COLUMN_OF.get(f"cli.feedback.{key}")
            if column is not None:  # as the header names it
                values["column"] = (titles or {}).get(column, column)
            message = Phrase(f"cli.feedback.{key}", **values)
            problems.append(message)
            result.problems.append(FeedbackProblem(line, message))

        group = rater_group(row["group"]) or row["group"].lower()
        rater = row["rater"]
        if group not in RATER_GROUPS:
            problem("group", group=row["group"][:20], known=", ".join(RATER_GROUPS))
        if not rater:
            problem("no_rater")
        elif rater.strip().lower() in NO_VALUE:
            problem("rater_no_value", rater=rater.strip()[:10])
        elif len(rater) > MAX_RATER:
            problem("rater_too_long", limit=MAX_RATER)
        elif "@" in rater:
            problem("rater_email")
        elif plain(rater) in named:
            problem("rater_named")
        # A line break inside a quoted cell comes as the file wrote it: a survey tool's
        # Windows export writes "\r\n", which every print showed as a visible "\r".
        comment = LINE_BREAK.sub("\n", row.get("comment", ""))
        if len(comment) > MAX_COMMENT:
            problem("comment_too_long", limit=MAX_COMMENT)
        # An escape sequence, a bell, a backspace in a comment would act on the terminal and
        # on the printer each time the summary or the plan showed it: refused, as in a
        # roster's names; its line breaks and tabs are the comment's own.
        control = with_control(comment)
        if control is not None:
            problem("comment_control", char=control)
        if conversation_id is None:
            continue
        target = found.get(conversation_id)
        if target is None:
            problem("no_conversation", id=conversation_id)
            continue
        if target.signed:
            problem("signed", id=conversation_id)
        allowed = groups_for(target)
        if not allowed:
            problem("asks_no_one", id=conversation_id, kind=target.kind)
        elif group in RATER_GROUPS and group not in allowed:
            problem(
                "not_asked",
                kind=target.kind,
                asked=", ".join(allowed),
                group=group,
                id=conversation_id,
            )
        content = target.snapshot
        ids = {e.get("id") for e in content.get("expectations", []) if isinstance(e, dict)}
        expectation = row["expectation_id"]
        if expectation not in ids and expectation:
            problem("expectation", expectation=expectation[:64], id=conversation_id)
        elif expectation not in ids:
            problem("expectation_empty", id=conversation_id)
        levels = [
            level.get("value")
            for level in content.get("scale", {}).get("levels", [])
            if isinstance(level, dict)
        ]
        score_text = row["score"]
        score: int | None = None
        if score_text.lower() not in NOT_OBSERVED:
            score = whole_number(score_text)
            if score is None or score not in levels:
                scale = ", ".join(str(v) for v in levels)
                problem("score", score=score_text[:10], scale=scale)
        if rater and len(rater) <= MAX_RATER and rater.strip().lower() not in NO_VALUE:
            key = rater_key(conversation_id, rater)
            stored = target.groups_by_key.get(key)
            if stored is not None and group in RATER_GROUPS and stored != group:
                problem("group_before", before=stored, group=group)
            earlier = group_of.setdefault((conversation_id, key), (group, line))
            if earlier[0] != group:
                problem("group_changed", earlier=earlier[0], first=earlier[1], group=group)
            first = seen.setdefault((conversation_id, key, expectation), line)
            if first != line:
                problem("answered_twice", expectation=expectation[:64], first=first)
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
