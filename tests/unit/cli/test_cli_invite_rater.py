"""`pipeline-tui invite CONVERSATION --group peer|report|other` (issue 18): a link for one
opaque rater of a leadership evaluation's 360° group, printed once; the rater is never
named and their id is shown nowhere. Bad input is one line and exit code 2, and writes
nothing."""

from __future__ import annotations

import json

import pytest

from pipeline_tui.core.feedback import group_names
from pipeline_tui.store.invitations import AccessError
from pipeline_tui.store.repository import open_repository


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-01-02")
    monkeypatch.delenv("PIPELINE_TUI_SERVE_URL", raising=False)


def test_each_rater_gets_a_link_of_their_own_answering_as_an_opaque_rater(
    run_cli, db_path, talks, peek
) -> None:
    evaluation = talks["evaluation"]
    links = []
    for group in ("peer", "peer", "report"):
        result = run_cli("--db", db_path, "invite", evaluation, "--group", group)
        assert result.code == 0, result.err
        links.append(result.out.strip())
        assert result.out.count("\n") == 1 and links[-1].startswith("http://127.0.0.1:8000/s/")
        assert "until" in result.err
    assert len(set(links)) == 3
    raters = peek("SELECT id, rater_group, rater_key, answered_at FROM feedback_rater ORDER BY id")
    assert [(group, answered) for _id, group, _key, answered in raters] == [
        ("peer", None),
        ("peer", None),
        ("report", None),
    ]
    invitations = peek("SELECT party, rater_id, token_hash FROM invitation ORDER BY id")
    assert [(party, rater) for party, rater, _hash in invitations] == [
        ("peer", raters[0][0]),
        ("peer", raters[1][0]),
        ("report", raters[2][0]),
    ]
    repo = open_repository(str(db_path))
    try:
        for link, (_id, group, _key, _answered) in zip(links, raters, strict=True):
            record = repo.invitations.check(link.rsplit("/", 1)[1])
            assert (record.conversation_id, record.party) == (evaluation, group)
        asked = repo.feedback.response_rates([evaluation])
        assert [(r.asked, r.answered) for r in asked] == [(3, 0)]
    finally:
        repo.close()
    # What was printed holds no rater's row id or key, only the link itself.
    printed = "\n".join(links)
    for rater_id, _group, key, _answered in raters:
        assert key not in printed
        assert f"rater={rater_id}" not in printed and f"rater/{rater_id}" not in printed
    # The person's own link is still `invite CONVERSATION`.
    own = run_cli("--db", db_path, "--lang", "da", "invite", evaluation)
    assert own.code == 0 and "Linket virker til" in own.err
    assert peek("SELECT party, rater_id FROM invitation ORDER BY id DESC LIMIT 1") == [
        ("self", None)
    ]


def test_the_rater_link_is_worded_in_danish(run_cli, db_path, talks) -> None:
    result = run_cli("--db", db_path, "--lang", "da", "invite", talks["evaluation"], "-g", "x")
    assert result.code == 2  # (no short option: a typo is refused, not taken as a group)
    result = run_cli(
        "--db", db_path, "--lang", "da", "invite", talks["evaluation"], "--group", "report"
    )
    assert result.code == 0, result.err
    assert "én medarbejder" in result.err


def test_a_group_is_taken_by_every_name_a_feedback_file_may_give_it(
    run_cli, db_path, talks, peek
) -> None:
    """`invite --group Kollega` was refused ("unknown rater group 'Kollega'") while
    `feedback import` took the same word in its group column: a group typed anywhere is
    read by the same words, Danish and English, singular and plural, in any case."""
    typed = [*group_names(), "Kollega", "MEDARBEJDERE", " Andre ", "Direct  Reports"]
    meant = [*group_names().values(), "peer", "report", "other", "report"]
    for name, group in zip(typed, meant, strict=True):
        result = run_cli("--db", db_path, "invite", talks["evaluation"], "--group", name)
        if group == "other":  # known, but not asked by a leadership evaluation
            assert result.code == 2 and "not from other" in result.err, (name, result.err)
        else:
            assert result.code == 0, (name, result.err)
    stored = [group for (group,) in peek("SELECT rater_group FROM feedback_rater ORDER BY id")]
    assert stored == [group for group in meant if group != "other"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_help_names_the_groups_words_in_both_languages(run_cli, lang: str) -> None:
    result = run_cli("--lang", lang, "invite", "--help")
    assert result.code == 0
    said = " ".join(result.out.split())
    for word in ("peer", "report", "other", "kollega", "medarbejder", "anden"):
        assert word in said
    assert "peer|report|other" not in said  # (the three keys were said to be all it took)
    imported = " ".join(run_cli("--lang", lang, "feedback", "import", "--help").out.split())
    for word in ("peer", "report", "other", "kollega", "medarbejder", "anden"):
        assert word in imported


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("{evaluation}", "--group", "boss"), "unknown rater group 'boss' (one of: peer, report"),
        (("{evaluation}", "--group", "Chefer"), "unknown rater group 'Chefer'"),
        (("{evaluation}", "--group", ""), "unknown rater group ''"),
        (("{lus}", "--group", "peer"), "(LUS) asks no one but the leader and their manager"),
        (("{evaluation}", "--group", "other"), "answers from peer, report, not from other"),
        (("{signed}", "--group", "peer"), "is signed"),
        (("999", "--group", "peer"), "no conversation with id 999"),
        (("{evaluation}", "--group", "peer", "--revoke"), "do not give --group with it"),
        (("{evaluation}", "--group", "peer", "--days", "0"), "--days"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2_and_writes_nothing(
    run_cli, db_path, talks, peek, args, says
) -> None:
    args = tuple(a.format(**talks) for a in args)
    result = run_cli("--db", db_path, "invite", *args)
    assert result.code == 2
    assert says in result.err
    assert "Traceback" not in result.err
    if "--days" not in args:  # (click's own usage error for a number out of range)
        assert result.err.count("\n") == 1, result.err
    assert result.out == ""
    assert peek("SELECT COUNT(*) FROM invitation") == [(0,)]
    assert peek("SELECT COUNT(*) FROM feedback_rater") == [(0,)]


@pytest.mark.parametrize(
    ("lang", "missing", "erased"),
    [
        ("da", "der er ingen samtale med id 999", "er slettet sammen med sin person"),
        ("en", "no conversation with id 999", "was erased with its person"),
    ],
)
def test_a_conversation_that_is_not_there_is_said_so_in_the_language_asked(
    run_cli, db_path, talks, peek, lang, missing, erased
) -> None:
    """`invite 999 --group peer --lang da` said 'no conversation with id 999' in English
    (the person's own link, without --group, said it in Danish), and an evaluation erased
    with its leader was said not to be there at all; both now as `invite ID` says them."""
    result = run_cli("--db", db_path, "--lang", lang, "invite", "999", "--group", "peer")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"pipeline-tui: {missing}\n"
    leader = peek("SELECT person_id FROM conversation WHERE id = ?", talks["evaluation"])
    erasure = run_cli("--db", db_path, "person", "erase", leader[0][0], "--yes")
    assert erasure.code == 0, erasure.err
    for group in ((), ("--group", "peer")):  # the person's own link, and a rater's
        result = run_cli("--db", db_path, "--lang", lang, "invite", talks["evaluation"], *group)
        assert (result.code, result.out) == (2, "")
        assert erased in result.err and result.err.count("\n") == 1, result.err
    assert peek("SELECT COUNT(*) FROM invitation") == [(0,)]
    assert peek("SELECT COUNT(*) FROM feedback_rater") == [(0,)]


def test_revoking_the_conversations_links_closes_the_raters_too(run_cli, db_path, talks) -> None:
    link = run_cli("--db", db_path, "invite", talks["evaluation"], "--group", "peer").out.strip()
    assert run_cli("--db", db_path, "invite", talks["evaluation"], "--revoke").code == 0
    repo = open_repository(str(db_path))
    try:
        with pytest.raises(AccessError) as refused:
            repo.invitations.check(link.rsplit("/", 1)[1])
        assert refused.value.reason == "revoked"
    finally:
        repo.close()


def test_raters_whose_links_are_revoked_unanswered_are_asked_no_longer(
    run_cli, db_path, talks, peek
) -> None:
    """Five links sent to the wrong list and revoked, five new ones sent: the overview
    said 10 asked and 1 answered (10 %) where 5 are asked; now those revoked before they
    gave anything are asked no longer, and one who answered before counts as answered,
    with their answer, cut from the link as "done" cuts it. A rater who only wiped a
    comment they typed gave nothing."""
    evaluation, first = talks["evaluation"], talks["ids"][0]
    repo = open_repository(str(db_path))
    try:
        links = [
            run_cli("--db", db_path, "invite", evaluation, "--group", group).out.strip()
            for group in ("peer", "peer", "peer", "report", "report")
        ]
        answered = repo.invitations.check(links[0].rsplit("/", 1)[1])
        repo.invitations.answer(answered.id, first, rating=(4, False), comment="Lytter")
        wiped = repo.invitations.check(links[1].rsplit("/", 1)[1])
        repo.invitations.answer(wiped.id, first, comment="Hm")
        repo.invitations.answer(wiped.id, first, comment="")
        commented = repo.invitations.check(links[3].rsplit("/", 1)[1])
        repo.invitations.answer(commented.id, first, comment="Kender ham ikke godt nok")
    finally:
        repo.close()
    revoked = run_cli("--db", db_path, "invite", evaluation, "--revoke")
    assert revoked.code == 0, revoked.err
    assert "5 links" in revoked.out
    assert peek("SELECT rater_group FROM feedback_rater ORDER BY rater_group") == [
        ("peer",),
        ("report",),
    ]
    assert sorted(peek("SELECT score, comment FROM feedback_answer"), key=str) == [
        (4, "Lytter"),
        (None, "Kender ham ikke godt nok"),
    ]
    # and, as after "done", nothing leads from the revoked links to those answers
    assert peek("SELECT COUNT(*) FROM invitation WHERE rater_id IS NOT NULL") == [(0,)]
    assert peek("SELECT COUNT(*) FROM feedback_rater WHERE id > 0") == [(0,)]
    for group in ("peer", "peer", "peer", "report", "report"):
        assert run_cli("--db", db_path, "invite", evaluation, "--group", group).code == 0
    shown = run_cli("--db", db_path, "overview", "--format", "json")
    assert shown.code == 0, shown.err
    rates = [r for r in json.loads(shown.out)["responses"] if r["conversation"] == evaluation]
    assert [(r["asked"], r["answered"]) for r in rates] == [(7, 1)]
    assert peek("SELECT COUNT(*) FROM invitation") == [(10,)]  # every link kept, revoked
    assert run_cli("--db", db_path, "db", "check").code == 0


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_group_written_as_the_refusal_offers_it_is_taken(
    run_cli, db_path, talks, peek, lang: str
) -> None:
    """A refusal offers "peer (kollega), report (medarbejder), other (anden)" in Danish;
    "--group 'peer (kollega)'" was then refused with the same list. Each name offered, in
    either language, is that group, here and in a feedback file."""
    refused = run_cli(
        "--lang", lang, "--db", db_path, "invite", talks["evaluation"], "--group", "x"
    )
    offered = refused.err.rstrip("\n").rsplit(": " if lang == "da" else "one of: ", 1)[1]
    offered = offered.removeprefix("vælg en af ") if lang == "da" else offered.removesuffix(")")
    names = [name.strip() for name in offered.split(", ")]
    assert len(names) == 3
    for name in names[:2]:  # (the evaluation asks peers and direct reports)
        result = run_cli("--db", db_path, "invite", talks["evaluation"], "--group", name)
        assert result.code == 0, (name, result.err)
    assert peek("SELECT rater_group FROM feedback_rater ORDER BY id") == [("peer",), ("report",)]
    assert group_names()[names[2].lower()] == "other"
