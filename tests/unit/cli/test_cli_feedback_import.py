"""feedback import (issue 18): a survey tool's answers, all rows or none, problems by line."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui.core.anonymity import group_feedback, rater_key, threshold_of
from pipeline_tui.errors import RuleError
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.records import NewAnswer
from pipeline_tui.store.repository import open_repository

HEADER = "conversation_id,group,rater,expectation_id,score,comment\n"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(tmp_path: Path, body: str, name: str = "answers.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_every_problem_by_line_and_nothing_written(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    e, lus, signed, ids = talks["evaluation"], talks["lus"], talks["signed"], talks["ids"]
    body = (
        f"{e},peer,r1,{ids[0]},4,Godt\n"  # 2: fine
        f"{e},boss,r2,{ids[0]},4,\n"  # 3: unknown group
        f"{e},peer,,{ids[0]},4,\n"  # 4: no rater
        f"{e},peer,r3,lead_self.planning,4,\n"  # 5: not this conversation's expectation
        f"{e},peer,r4,{ids[0]},6,\n"  # 6: off the scale
        f"{e},peer,r4,{ids[1]},fire,\n"  # 7: not a number
        f"{lus},peer,r5,{ids[0]},3,\n"  # 8: a LUS asks no one else
        f"{signed},report,r6,{ids[0]},3,\n"  # 9: signed
        f"999,peer,r7,{ids[0]},3,\n"  # 10: no such conversation
        f"x,peer,r7,{ids[0]},3,\n"  # 11: not a number
        f"{e},peer,r1,{ids[0]},5,\n"  # 12: r1 answered this on line 2
        f"{e},report,r1,{ids[1]},5,\n"  # 13: r1 is a peer on line 2
        f"{e},other,r8,{ids[1]},5,\n"  # 14: the default evaluation asks peers and reports
        f"{e},peer,r9,{ids[1]}\n"  # 15: too few fields
    )
    before = digest(db_path)
    result = run_cli("--db", db_path, "feedback", "import", write(tmp_path, body))
    assert result.code == 2
    lines = result.err.splitlines()
    where = [int(line.split(":")[1]) for line in lines[:-1]]
    assert where == sorted(where) and set(where) == set(range(3, 16)), result.err
    path = tmp_path / "answers.csv"
    assert lines[-1] == f"pipeline-tui: {len(where)} problems in {path}: nothing was imported"
    text = result.err
    assert "group 'boss' is not one of peer, report, other" in text
    assert (
        "is not in the content of conversation" in text
        and "6' is not on the scale (1, 2, 3, 4, 5" in text
    )
    assert f"conversation {lus} is a LUS: only a leadership evaluation" in text
    assert f"conversation {signed} is signed" in text
    assert "no conversation with id 999" in text
    assert "answered" in text and "on line 2 already" in text
    assert "this rater is peer on line 2, report here" in text
    assert "a leadership evaluation asks peer, report, not other" in text
    assert "r1" not in text and "r9" not in text  # a rater's id is never repeated back
    assert "Traceback" not in result.err
    assert digest(db_path) == before
    assert peek("SELECT count(*) FROM feedback_answer") == [(0,)]


def test_a_bad_header_is_one_problem(talks, db_path: Path, tmp_path: Path, run_cli) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("conversation,group,rater,score\n1,peer,a,3\n", encoding="utf-8")
    result = run_cli("--db", db_path, "feedback", "import", path)
    assert result.code == 2
    assert (
        f"{path}:1: unknown column 'conversation'; missing columns conversation_id, " in result.err
    )
    assert "expectation_id" in result.err


def test_import_semicolons_not_observed_and_a_second_answer_replaces(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    body = (
        "\ufeffconversation_id;group;rater;expectation_id;score;comment\r\n"
        f"{e};report;x1;{ids[0]};;Ikke set\r\n"
        f"{e};report;x1;{ids[1]};n/a;\r\n"
        f"{e};REPORT;x2;{ids[0]};2;\r\n"
    )
    path = tmp_path / "excel.csv"
    path.write_text(body, encoding="utf-8")
    dry = run_cli("--db", db_path, "feedback", "import", "--dry-run", path)
    assert dry.code == 0 and "3 answers from 2 raters can be imported (dry run" in dry.out
    assert peek("SELECT count(*) FROM feedback_answer") == [(0,)]
    assert run_cli("--db", db_path, "feedback", "import", path).code == 0
    assert peek(
        "SELECT r.rater_group, a.score, a.not_observed, a.comment FROM feedback_answer a "
        "JOIN feedback_rater r ON r.id = a.rater_id ORDER BY a.id"
    ) == [("report", None, 1, "Ikke set"), ("report", None, 1, ""), ("report", 2, 0, "")]
    again = write(tmp_path, f"{e},report,x2,{ids[0]},4,Bedre end jeg troede\n", "again.csv")
    assert run_cli("--db", db_path, "feedback", "import", again).code == 0
    assert peek("SELECT count(*), max(score) FROM feedback_answer") == [(3, 4)]
    keys = {row[0] for row in peek("SELECT rater_key FROM feedback_rater")}
    assert keys == {rater_key(e, "x1"), rater_key(e, "x2")}
    # the same rater answering under another group later is refused, by line
    other = write(tmp_path, f"{e},peer,x2,{ids[2]},4,\n", "other.csv")
    result = run_cli("--db", db_path, "feedback", "import", other)
    assert (
        result.code == 2 and ":2: this rater answered as report before, not as peer" in result.err
    )


def test_a_score_from_a_number_column_is_read_as_the_whole_number_it_is(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    """A survey tool's or spreadsheet's number column writes 4 as "4.0", and a Danish one
    as "4,0": the same answer, not a score "off the scale". A half is still refused."""
    e, ids = talks["evaluation"], talks["ids"]
    body = (
        "conversation_id;group;rater;expectation_id;score;comment\n"
        f"{e};peer;s1;{ids[0]};4,0;\n"
        f"{e};peer;s1;{ids[1]};3.0;\n"
        f"{e};peer;s1;{ids[2]};5,00;\n"
        f"{e},0;peer;s1;{ids[3]};2;\n"  # the conversation's id from a number column too
    )
    path = tmp_path / "numbers.csv"
    path.write_text(body, encoding="utf-8")
    done = run_cli("--db", db_path, "feedback", "import", path)
    assert done.code == 0, done.err
    assert peek("SELECT expectation_id, score FROM feedback_answer ORDER BY id") == [
        (ids[0], 4),
        (ids[1], 3),
        (ids[2], 5),
        (ids[3], 2),
    ]
    half = write(tmp_path, f'{e},peer,s2,{ids[0]},"3,5",\n{e},peer,s2,{ids[1]},4.,\n', "half.csv")
    refused = run_cli("--db", db_path, "feedback", "import", half)
    assert refused.code == 2
    assert ":2: score '3,5' is not on the scale" in refused.err
    assert ":3: score '4.' is not on the scale" in refused.err


def test_response_rate_counts_the_invited_who_did_not_answer(talks, db_path: Path) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    repo = open_repository(str(db_path))
    try:
        for rater in ("a", "b", "c", "d"):
            repo.feedback.invite(e, "peer", rater)
        repo.feedback.answer(NewAnswer(e, "peer", "b", ids[0], 3))
        [rate] = repo.feedback.response_rates()
        assert (rate.conversation_id, rate.asked, rate.answered) == (e, 4, 1)
        assert repo.conversations.detail(e).group("peer").shown is False
    finally:
        repo.close()


def test_threshold_never_below_three() -> None:
    from pipeline_tui.core.anonymity import StoredAnswer

    two = [StoredAnswer("peer", r, "x", 4, False, "hej") for r in (1, 2)]
    assert group_feedback(two, 1)[0].shown is False  # a threshold of 1 still means 3
    assert threshold_of({"scale": {"min_raters": 1}}) == 3
    assert threshold_of({"scale": {"min_raters": 5}}) == 5
    assert threshold_of({"scale": {"min_raters": "x"}}) == 3 and threshold_of({}) == 3
    three = [*two, StoredAnswer("peer", 3, "x", None, True, "")]
    [peers] = group_feedback(three, 3)
    # three answered, but only two scored "x": its mean would be their two answers
    assert peers.shown and peers.raters == 3 and peers.means == ()
    assert sorted(peers.comments) == [("x", "hej"), ("x", "hej")]


def test_the_pack_setting_is_validated() -> None:
    from pydantic import ValidationError

    from pipeline_tui.packs.schema import RatingScale

    pack = load_packs(None).default
    data = pack.scale.model_dump(mode="json", exclude_none=True)
    assert RatingScale.model_validate({**data, "min_raters": 4}).anonymity_threshold == 4
    assert RatingScale.model_validate(data).anonymity_threshold == 3
    with pytest.raises(ValidationError):
        RatingScale.model_validate({**data, "min_raters": 2})
    assert pack.rater_groups("evaluation") == ("peer", "report")
    assert pack.rater_groups("lus") == ()


def test_the_0003_fixture_upgrades_and_takes_answers(tmp_path: Path, content_ref) -> None:
    """A database of the schema before (0003) opens with the new tables and takes answers;
    its signed conversation takes none."""
    copy = Path(shutil.copyfile(FIXTURES / "0003.sqlite", tmp_path / "old.sqlite"))
    repo = open_repository(str(copy))
    try:
        assert repo.conversations.detail(1).feedback == ()
        answers = [
            NewAnswer(1, "report", f"r{n}", "lead_others.delegation", 2 + n, f"k{n}")
            for n in range(3)
        ]
        with pytest.raises(RuleError):
            repo.feedback.import_answers(answers)
        talk = repo.conversations.start(
            2, kind="evaluation", held_on=date(2026, 11, 2), content=content_ref
        )
        answers = [replace(answer, conversation_id=talk.id) for answer in answers]
        assert repo.feedback.import_answers(answers).raters == 3
        [reports] = repo.conversations.detail(talk.id).feedback
        assert reports.shown and reports.means == (("lead_others.delegation", 3.0),)
    finally:
        repo.close()


def test_erasure_takes_the_raters_answers_with_the_conversation(
    talks, db_path: Path, run_cli, peek
) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    repo = open_repository(str(db_path))
    try:
        repo.feedback.import_answers(
            [NewAnswer(e, "peer", f"p{n}", ids[0], 3, "Meget hemmeligt") for n in range(3)]
        )
    finally:
        repo.close()
    result = run_cli("--db", db_path, "person", "erase", "2", "--yes")
    assert result.code == 0, result.err
    assert peek("SELECT count(*) FROM feedback_rater") == [(0,)]
    assert peek("SELECT count(*) FROM feedback_answer") == [(0,)]
    assert b"Meget hemmeligt" not in db_path.read_bytes()


def test_a_raters_comment_naming_someone_erased_is_scrubbed_unseen(
    talks, db_path: Path, run_cli, peek
) -> None:
    """A peer's comment that names Mette (being erased) is found and scrubbed, and listed
    without its words: the comments of a group too small to show stay unseen there too."""
    e, ids = talks["evaluation"], talks["ids"]
    repo = open_repository(str(db_path))
    try:
        repo.feedback.import_answers(
            [NewAnswer(e, "peer", "p1", ids[0], 2, "Hemmeligt: mette@example.dk bestemmer alt")]
        )
    finally:
        repo.close()
    listed = run_cli("--db", db_path, "person", "mentions", "1", "--json")
    assert listed.code == 0, listed.err
    [mention] = [m for m in json.loads(listed.out) if m["table"] == "feedback_answer"]
    assert mention["excerpt"] == "mette@example.dk" and "Hemmeligt" not in listed.out
    erased = run_cli("--db", db_path, "person", "erase", "1", "--yes", "--scrub-mentions")
    assert erased.code == 0, erased.err
    assert peek("SELECT comment FROM feedback_answer") == [("Hemmeligt: [erased] bestemmer alt",)]


def test_export_and_import_keep_the_answers(talks, db_path: Path, tmp_path: Path, run_cli) -> None:
    """The whole-database export (a backup) carries raters and answers; imported into an
    empty database the evaluation shows the same."""
    e, ids = talks["evaluation"], talks["ids"]
    repo = open_repository(str(db_path))
    try:
        repo.feedback.import_answers(
            [NewAnswer(e, "report", f"r{n}", ids[0], 2 + n, "Fint") for n in range(3)]
        )
        before = repo.conversations.detail(e).feedback
    finally:
        repo.close()
    exported = run_cli("--db", db_path, "export", "--output", tmp_path / "all.json")
    assert exported.code == 0, exported.err
    again = tmp_path / "again.db"
    assert run_cli("--db", again, "import", tmp_path / "all.json").code == 0
    repo = open_repository(str(again))
    try:
        after = repo.conversations.detail(e).feedback
    finally:
        repo.close()
    assert (
        [(g.group, g.raters, g.means) for g in after]
        == [(g.group, g.raters, g.means) for g in before]
        == [("report", 3, ((ids[0], 3.0),))]
    )


def test_comments_come_in_an_order_that_owes_nothing_to_the_raters() -> None:
    """Stored first or last, by rater 1 or rater 9: the comments come out in one order (the
    same on screen and on paper), not the order the raters answered in."""
    from pipeline_tui.core.anonymity import StoredAnswer

    texts = [f"kommentar {n}" for n in range(8)]
    answers = [StoredAnswer("peer", n, "x", 3, False, text) for n, text in enumerate(texts)]
    backwards = [
        StoredAnswer("peer", 20 - n, "x", 3, False, a.comment) for n, a in enumerate(answers[::-1])
    ]
    [forward] = group_feedback(answers, 3)
    [reverse] = group_feedback(backwards, 3)
    assert forward.comments == reverse.comments
    assert [c for _key, c in forward.comments] not in (texts, texts[::-1])


def test_a_rater_id_that_can_be_matched_back_to_a_person_is_refused(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    """The stored key is a hash keyed by the conversation with a key in the program: an
    e-mail address, or the name or address of anyone in the database, would be found by
    hashing them all. Refused by line, nothing imported, the id never repeated back."""
    e, ids = talks["evaluation"], talks["ids"]
    body = (
        f"{e},peer,resp-1042,{ids[0]},4,\n"  # 2: the survey tool's anonymous id: fine
        f"{e},peer,jens.dam@example.dk,{ids[0]},4,\n"  # 3: an address, of no one stored
        f"{e},peer, ANNA BERG ,{ids[1]},3,\n"  # 4: the name of someone in the database
        f"{e},report,mette holm,{ids[0]},2,\n"  # 5: the same, in another case
        f"{e},report,Anna@Example.DK,{ids[1]},2,\n"  # 6: someone's address
    )
    before = digest(db_path)
    result = run_cli("--db", db_path, "feedback", "import", write(tmp_path, body))
    assert result.code == 2
    path = tmp_path / "answers.csv"
    email = (
        "rater looks like an e-mail address: use the survey tool's anonymous respondent id, "
        "an address can be matched back to the person"
    )
    named = (
        "rater is the name or e-mail address of someone in the database: use the survey "
        "tool's anonymous respondent id, a name can be matched back to the person"
    )
    assert result.err.splitlines() == [
        f"{path}:3: {email}",
        f"{path}:4: {named}",
        f"{path}:5: {named}",
        f"{path}:6: {email}",
        f"pipeline-tui: 4 problems in {path}: nothing was imported",
    ]
    for rater in ("jens", "example", "anna", "mette"):
        assert rater not in result.err.lower().replace(str(path).lower(), "")
    assert digest(db_path) == before
    assert peek("SELECT count(*) FROM feedback_rater") == [(0,)]
    dry = run_cli("--db", db_path, "feedback", "import", "--dry-run", path)
    assert dry.code == 2 and "4 problems" in dry.err
    # Anonymous ids alone go in.
    fine = write(
        tmp_path, f"{e},peer,resp-1042,{ids[0]},4,\n{e},peer,R_2x9Q,{ids[0]},3,\n", "ok.csv"
    )
    assert run_cli("--db", db_path, "feedback", "import", fine).code == 0
    assert peek("SELECT count(*) FROM feedback_answer") == [(2,)]


@pytest.mark.parametrize("mark", ["#N/A", "NULL", " n/a ", "(blank)", "#VALUE!", "-"])
def test_a_rater_cell_a_spreadsheet_left_empty_is_refused(
    talks, db_path: Path, tmp_path: Path, run_cli, mark: str
) -> None:
    """Excel's #N/A or a database's NULL as the rater would make all such rows one rater:
    refused by line, in so many words, and nothing imported."""
    e, ids = talks["evaluation"], talks["ids"]
    body = "".join(f"{e},peer,{mark},{ids[0]},{score},\n" for score in (2, 4, 5))
    before = digest(db_path)
    result = run_cli("--db", db_path, "feedback", "import", write(tmp_path, body))
    path = tmp_path / "answers.csv"
    said = (
        f"rater is {mark.strip()!r}, a spreadsheet's mark for an empty cell: each rater "
        "needs the survey tool's own respondent id, or the rows are counted as one rater"
    )
    assert result.code == 2
    assert result.err.splitlines() == [
        *(f"{path}:{line}: {said}" for line in (2, 3, 4)),
        f"pipeline-tui: 3 problems in {path}: nothing was imported",
    ]
    assert digest(db_path) == before
    danish = run_cli("--lang", "da", "--db", db_path, "feedback", "import", path)
    assert danish.code == 2
    assert f"rater er {mark.strip()!r} – sådan skriver et regneark en tom celle" in danish.err


def test_the_help_says_what_is_stored_and_which_ids_to_use(run_cli) -> None:
    result = run_cli("feedback", "import", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "rater (the survey tool's anonymous respondent id)" in text
    assert "what is stored is a hash of it, keyed by the conversation" in text
    assert "anyone holding the database can hash a guess and compare" in text
    assert "An e-mail address, or the name or address of anyone in the database, is refused" in (
        text
    )


def test_the_same_file_imported_twice_leaves_the_database_as_it_was(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    e, ids = talks["evaluation"], talks["ids"]
    body = (
        "\ufeffsamtale_id;gruppe;bedømmer;forventning_id;vurdering;kommentar\r\n"
        f'{e};Medarbejdere;R_9xKq2LmZ;{ids[0]};4,0;"Samler os fredag.\r\nDet virker."\r\n'
        f"{e};medarbejdere;R_9xKq2LmZ;{ids[1]};n/a;\r\n"
        f"{e};MEDARBEJDERE;R_7pQw;{ids[0]};2;\r\n"
    )
    path = tmp_path / "survey.csv"
    path.write_bytes(body.encode("utf-8"))
    first = run_cli("--db", db_path, "feedback", "import", path)
    assert first.code == 0 and "Imported 3 answers from 2 raters" in first.out
    rows = (
        "SELECT a.*, r.answered_at FROM feedback_answer a "
        "JOIN feedback_rater r ON r.id = a.rater_id"
    )
    stored, before = peek(rows), digest(db_path)
    again = run_cli("--db", db_path, "feedback", "import", path)
    assert again.code == 0, again.err
    assert "nothing new; its 3 answers from 2 raters are in" in again.out
    assert peek(rows) == stored  # no new version, no new time of answering
    assert digest(db_path) == before
    # one answer changed: only that one is written, and said so
    path.write_bytes(body.replace(";2;", ";3;").encode("utf-8"))
    third = run_cli("--db", db_path, "feedback", "import", path)
    assert "Imported 1 answer from 1 rater into" in third.out
    assert "(2 answers were there already, as they stand)" in third.out
    versions = peek("SELECT version FROM feedback_answer ORDER BY score")
    assert sorted(v for (v,) in versions) == [1, 1, 2]


def test_a_large_survey_is_stored_with_a_few_statements_not_some_for_each_row(
    talks, db_path: Path
) -> None:
    """A survey of 40 raters x every expectation: the old import sent a query (and a flush)
    for each row, and 80,000 rows took three minutes; now a few statements per import."""
    from sqlalchemy import event

    e, ids = talks["evaluation"], talks["ids"]
    answers = [
        NewAnswer(e, "peer" if n % 2 else "report", f"S_{n:04d}q", key, 1 + (n + i) % 5, "")
        for n in range(40)
        for i, key in enumerate(ids)
    ]
    repo = open_repository(str(db_path))
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(repo.engine, "before_cursor_execute", count)
    try:
        done = repo.feedback.import_answers(answers)
        assert (done.raters, done.changed) == (40, len(answers))
        assert len(statements) < 40 + 20, len(statements)  # a row per new rater, and a few
        statements.clear()
        assert repo.feedback.import_answers(answers).changed == 0
        assert len(statements) < 10, len(statements)
        groups = {g.group: g for g in repo.conversations.detail(e).feedback}
        peers = [1 + (n + 0) % 5 for n in range(1, 40, 2)]
        assert dict(groups["peer"].means)[ids[0]] == round(sum(peers) / len(peers), 2)
    finally:
        event.remove(repo.engine, "before_cursor_execute", count)
        repo.close()


def test_a_windows_line_break_inside_a_comment_is_stored_as_a_line_break(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    """A survey tool's Windows export writes a comment's line break inside its quoted cell
    as CR LF (or a lone CR): stored as it came, every print showed a visible "\\r"."""
    e, ids = talks["evaluation"], talks["ids"]
    body = (
        f'{e},peer,K_1a,{ids[0]},4,"Samler os fredag.\r\nDet virker."\r\n'
        f'{e},peer,K_1a,{ids[1]},3,"Første linje\rAnden linje"\r\n'
    )
    path = tmp_path / "windows.csv"
    path.write_bytes((HEADER + body).encode("utf-8"))
    result = run_cli("--db", db_path, "feedback", "import", path)
    assert result.code == 0, result.err
    assert sorted(peek("SELECT comment FROM feedback_answer")) == [
        ("Første linje\nAnden linje",),
        ("Samler os fredag.\nDet virker.",),
    ]


def test_an_unknown_column_is_named_as_the_file_writes_it(
    talks, db_path: Path, tmp_path: Path, run_cli
) -> None:
    """A survey tool's export keeps its own columns (Qualtrics: StartDate, IPAddress): the
    refusal named them in lower case ('ipaddress'), not as they stand in the file."""
    path = tmp_path / "qualtrics.csv"
    path.write_text(
        "conversation_id,group,rater,expectation_id,score,comment,StartDate,IPAddress\n",
        encoding="utf-8",
    )
    result = run_cli("--db", db_path, "feedback", "import", path)
    assert result.code == 2
    assert "unknown columns 'StartDate', 'IPAddress'" in result.err, result.err


def test_an_empty_expectation_id_is_said_to_be_empty(
    talks, db_path: Path, tmp_path: Path, run_cli
) -> None:
    """An empty expectation_id read "expectation_id empty is not in the content of
    conversation 16" in English (the Danish said "expectation_id er tom (samtale 16)")."""
    e = talks["evaluation"]
    path = write(tmp_path, f"{e},peer,r1,,4,\n")
    result = run_cli("--db", db_path, "--lang", "en", "feedback", "import", path)
    assert result.code == 2
    assert f"{path}:2: expectation_id is empty (conversation {e})\n" in result.err


def test_the_help_says_a_file_may_come_on_standard_input(
    talks, db_path: Path, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`feedback import -` reads the answers from standard input, as `people import -` does,
    and its help said nothing of it (the roster's does)."""
    import io
    import sys

    e, ids = talks["evaluation"], talks["ids"]
    body = (HEADER + f"{e},peer,r1,{ids[0]},4,\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body)))
    result = run_cli("--db", db_path, "feedback", "import", "--dry-run", "-")
    assert result.code == 0, result.err
    assert "1 answer from 1 rater" in result.out
    for lang, said in (("en", "(- for standard input)"), ("da", "(eller - for standardinput)")):
        helped = run_cli("--lang", lang, "feedback", "import", "--help").out
        assert said in " ".join(helped.split())


def test_a_comment_with_a_control_character_is_refused_by_line_and_column(
    talks, db_path: Path, tmp_path: Path, run_cli, peek
) -> None:
    """A comment holding an escape sequence or a bell was stored as it was, and acted on
    the terminal and the printer each time the summary showed it; it is refused by line and
    column, nothing imported. A comment's own line breaks (a Windows export's "\\r\\n" in a
    quoted cell) and tabs are kept."""
    e, ids = talks["evaluation"], talks["ids"]
    body = (
        f'{e},peer,r1,{ids[0]},4,"Godt \x1b[31mrødt\x1b[0m"\n'  # 2
        f'{e},peer,r2,{ids[0]},3,"linje 1\r\nlinje 2\tmed tab"\n'  # 3-4: kept
        f'{e},peer,r3,{ids[0]},3,"ding\x07"\n'  # 5
    )
    path = write(tmp_path, body)
    before = digest(db_path)
    result = run_cli("--db", db_path, "--lang", "en", "feedback", "import", path)
    assert result.code == 2
    assert f"{path}:2: comment has a control character (\\x1b)" in result.err
    assert f"{path}:5: comment has a control character (\\x07)" in result.err
    assert f"{path}:3:" not in result.err and "\x1b" not in result.err
    assert result.err.splitlines()[-1].endswith("2 problems in " + f"{path}: nothing was imported")
    assert digest(db_path) == before
    path = write(tmp_path, f'{e},peer,r2,{ids[0]},3,"linje 1\r\nlinje 2\tmed tab"\n')
    result = run_cli("--db", db_path, "feedback", "import", path)
    assert result.code == 0, result.err
    assert peek("SELECT comment FROM feedback_answer") == [("linje 1\nlinje 2\tmed tab",)]


@pytest.mark.parametrize("body", ["", "\r\n,,,,,\r\n\r\n"], ids=["header-only", "empty-rows"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_a_file_with_no_answers_is_said_to_have_none(
    talks, db_path: Path, tmp_path: Path, run_cli, body: str, dry_run: bool
) -> None:
    """A survey export of its header alone said "Imported 0 answers from 0 raters", exit 0:
    the consultant took the evaluation's answers for imported. It is now a problem of the
    header line, exit 2, as a roster with no rows is."""
    path = write(tmp_path, body)
    before = digest(db_path)
    more = ("--dry-run",) if dry_run else ()
    result = run_cli("--db", db_path, "--lang", "en", "feedback", "import", path, *more)
    assert result.code == 2, result.out
    assert result.out == ""
    assert result.err.splitlines() == [
        f"{path}:1: only the header, no rows below it: there is nothing to import "
        "(the right file? an export of an empty selection?)",
        f"pipeline-tui: 1 problem in {path}: nothing was imported",
    ]
    assert digest(db_path) == before


def test_one_answer_imported_again_is_said_in_the_singular(
    talks, db_path: Path, tmp_path: Path, run_cli
) -> None:
    """A file of one answer imported again said "its 1 answer from 1 rater are in ...
    already, as they stand"; it is said in the singular."""
    e, ids = talks["evaluation"], talks["ids"]
    path = write(tmp_path, f"{e},peer,r1,{ids[0]},4,\n")
    assert run_cli("--db", db_path, "feedback", "import", path).code == 0
    again = run_cli("--db", db_path, "--lang", "en", "feedback", "import", path)
    assert again.code == 0, again.err
    assert again.out == (
        f"{path}: nothing new; its 1 answer from 1 rater is in {db_path} already, as it stands\n"
    )
    danish = run_cli("--db", db_path, "--lang", "da", "feedback", "import", path)
    assert "intet nyt; filens 1 svar fra 1 bedømmer står allerede sådan i" in danish.out
