"""`pipeline-tui invite`: a preparation link printed once, revoked on request; bad input is
one line and exit code 2."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _before_the_conversations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_TODAY", "2026-01-02")
    monkeypatch.delenv("PIPELINE_TUI_SERVE_URL", raising=False)


def test_invite_prints_a_link_that_opens_the_conversation_until_revoked(
    run_cli, repo, sample_org, db_path
) -> None:
    result = run_cli("--db", db_path, "invite", sample_org.jonas_talk, "--days", "3")
    assert result.code == 0, result.err
    link = result.out.strip()
    assert link.startswith("http://127.0.0.1:8000/s/")
    token = link.rsplit("/", 1)[1]
    assert repo.invitations.check(token).conversation_id == sample_org.jonas_talk
    assert "until" in result.err
    other = run_cli("--db", db_path, "invite", sample_org.jonas_talk, "--url", "https://x.dk/")
    assert other.out.startswith("https://x.dk/s/")
    revoked = run_cli("--db", db_path, "invite", sample_org.jonas_talk, "--revoke")
    assert revoked.code == 0
    assert "2" in revoked.out
    from pipeline_tui.store.invitations import AccessError

    with pytest.raises(AccessError):
        repo.invitations.check(token)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("999",), "no conversation with id 999"),
        (("{talk}", "--days", "0"), "--days"),
        (("{talk}", "--days", "91"), "--days"),
        (("{talk}", "--url", "ftp://x"), "http:// or https://"),
        (("{talk}", "--url", "http://"), "needs a host name"),
        (("{talk}", "--url", "https://"), "needs a host name"),
        (("{talk}", "--url", "https://mus example.dk"), "no spaces"),
        (("{talk}", "--url", "https://mus.example.dk:port"), "needs a host name"),
        (("{talk}", "--url", "https://mus.example.dk/?x=1"), "before any '?' or '#'"),
        (("{talk}", "--url", "https://mus.example.dk/#top"), "before any '?' or '#'"),
        (("abc",), "abc"),
        (("{talk}", "--url", ""), "http:// or https://, not ''"),
        (("{talk}", "--url", "https://hr:hemmelig@mus.example.dk"), "user name or password"),
        (("{talk}", "--url", "https://hr@mus.example.dk"), "user name or password"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(
    run_cli, repo, sample_org, db_path, peek, args, says
) -> None:
    args = tuple(a.format(talk=sample_org.jonas_talk) for a in args)
    result = run_cli("--db", db_path, "invite", *args)
    assert result.code == 2
    assert says in result.err
    assert "Traceback" not in result.err
    assert peek("SELECT COUNT(*) FROM invitation") == [(0,)]


def test_the_app_process_of_a_link_checks_the_link_again(run_cli, repo, sample_org, db_path):
    """`prepare ID` (what `serve` runs for a link) refuses an invitation that no longer
    opens anything, before any screen: one line, exit code 2."""
    record, _token = repo.invitations.issue(sample_org.jonas_talk)
    repo.invitations.revoke(sample_org.jonas_talk)
    for invitation in (record.id, 999):
        result = run_cli("--db", db_path, "prepare", invitation)
        assert result.code == 2
        assert result.err.count("\n") == 1 and "link" in result.err


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("da", r"Linket virker til \d\d\.\d\d\.\d{4} \d\d:\d\d, eller til samtalen er holdt\."),
        ("en", r"The link works until \d\d? [A-Z][a-z]{2} \d{4} \d\d:\d\d, or until the"),
    ],
)
def test_the_links_last_day_is_written_as_the_app_writes_it(
    run_cli, sample_org, db_path, repo, lang, said
) -> None:
    """In the language asked and as the app's setup step says it (21.12.2026 16:48), not as
    an ISO stamp inside a Danish sentence ('Linket virker til 2026-12-21 16:48'); the time
    is the stored expiry in local time."""
    import re

    from pipeline_tui.texts import locale

    result = run_cli("--db", db_path, "--lang", lang, "invite", sample_org.jonas_talk)
    assert result.code == 0, result.err
    assert re.search(said, result.err), result.err
    (stored,) = repo.invitations.list(int(sample_org.jonas_talk))
    assert locale(lang).moment(stored.expires_at) in result.err


def test_a_serve_address_with_a_password_is_refused_and_not_echoed(
    run_cli, sample_org, db_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`invite --url https://hr:hemmelig@mus.example.dk` printed a link with the password in
    it, to be handed to the person or a rater; from the environment alike."""
    monkeypatch.setenv("PIPELINE_TUI_SERVE_URL", "https://hr:hemmelig@mus.example.dk")
    result = run_cli("--lang", "da", "--db", db_path, "invite", sample_org.jonas_talk)
    assert result.code == 2 and result.out == ""
    assert "brugernavn eller en adgangskode" in result.err
    assert "hemmelig" not in result.err


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_address_refused_from_the_environment_says_it_came_from_there(
    run_cli, sample_org, db_path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """With PIPELINE_TUI_SERVE_URL=ftp://x, `invite 7` (no --url) said only "the address of
    pipeline-tui serve must begin with http://": the user gave no address."""
    monkeypatch.setenv("PIPELINE_TUI_SERVE_URL", "ftp://x")
    result = run_cli("--lang", lang, "--db", db_path, "invite", sample_org.jonas_talk)
    assert result.code == 2 and result.out == ""
    assert "PIPELINE_TUI_SERVE_URL" in result.err and result.err.count("\n") == 1
    typed = run_cli(
        "--lang", lang, "--db", db_path, "invite", sample_org.jonas_talk, "--url", "ftp://y"
    )
    assert typed.code == 2 and "PIPELINE_TUI_SERVE_URL" not in typed.err


@pytest.mark.parametrize("given", ["HTTPS://mus.example.dk", "Https://mus.example.dk/"])
def test_an_address_whose_scheme_is_in_capitals_is_taken(
    run_cli, sample_org, db_path, given
) -> None:
    """`invite 7 --url HTTPS://mus.example.dk` was refused ("must begin with http:// or
    https://"): a URL's scheme is case-insensitive. It is taken, and the link says https://."""
    result = run_cli("--db", db_path, "invite", sample_org.jonas_talk, "--url", given)
    assert result.code == 0, result.err
    assert result.out.startswith("https://mus.example.dk/s/")
