"""One storage layer on two engines (issue 14): what must hold on SQLite and on PostgreSQL.

Each test runs on a SQLite file and on a database of the throwaway PostgreSQL
cluster (`pg_url`); the PostgreSQL runs are skipped only where no PostgreSQL
binaries are installed.
"""

from __future__ import annotations

import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from pipeline_tui import services
from pipeline_tui.errors import ConflictError, StorageError, UserError
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.store import models as m
from pipeline_tui.store.plans import PlanStore
from pipeline_tui.store.repository import Repository, open_repository

pytestmark = pytest.mark.both_engines

ROSTER = """name,email,title,unit,layer,manager_email
Bo Lund,bo.lund@example.dk,Sygeplejerske,Ortopædi,lead_self,anna.berg@example.dk
Ea Sand,ea.sand@example.dk,Koordinator,Ortopædi,lead_self,anna.berg@example.dk
"""


@pytest.fixture(scope="module")
def pack():
    return load_packs(None).default


def test_import_then_roster_then_a_new_conversation(
    run_cli, repo: Repository, sample_org, db: str, tmp_path: Path, engine: str, pg_cluster_or_none
) -> None:
    """An export imported into a new database, then a roster and a new conversation: the
    rows added after the import get ids of their own (on PostgreSQL the id sequences were
    left at 1 and every insert after an import failed)."""
    dump = tmp_path / "dump.json"
    assert run_cli("--db", db, "export", "-o", dump).code == 0
    target = str(tmp_path / "copy.db") if engine == "sqlite" else pg_cluster_or_none.new_database()
    imported = run_cli("--db", target, "import", dump)
    assert imported.code == 0, imported.err
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    added = run_cli("--db", target, "people", "import", roster)
    assert added.code == 0, added.err
    assert added.out.startswith("Imported 2 people into ")

    copy = open_repository(target)
    try:
        bo = copy.people.by_email("bo.lund@example.dk")
        assert bo is not None and bo.id == 4 and bo.manager_name == "Anna Berg"
        packs = load_packs(None)
        talk = services.start_conversation(copy, packs.default, bo.id, held_on=date(2026, 5, 4))
        assert talk.id > max(sample_org.anna_talk, sample_org.jonas_talk)
        copy.conversations.set_rating(talk.id, "lead_self.planning", "self", score=3)
        copy.conversations.set_rating_comment(talk.id, "lead_self.planning", "self", "Godt")
        goal = copy.plans.add_goal(talk.id, "Planlæg ugen")
        copy.plans.add_action(goal.id, "Hver mandag")
        detail = copy.conversations.detail(talk.id)
        assert [(r.score, r.comment) for r in detail.ratings] == [(3, "Godt")]
        assert [g.title for g in detail.plan.goals] == ["Planlæg ugen"]
    finally:
        copy.close()


@pytest.fixture
def pg_cluster_or_none(engine: str, request: pytest.FixtureRequest):
    return request.getfixturevalue("pg_cluster") if engine == "postgresql" else None


def test_a_transaction_is_all_or_nothing(repo: Repository, sample_org, peek) -> None:
    """Writes in repo.transaction() are committed together, or not at all when it raises."""
    before = peek("SELECT count(*) FROM goal")[0][0]
    with pytest.raises(RuntimeError), repo.transaction() as tx:
        goal = tx.plans.add_goal(sample_org.jonas_talk, "Halvt skrevet")
        tx.plans.add_action(goal.id, "Første skridt")
        assert [g.title for g in tx.plans.get(sample_org.jonas_talk).goals][-1] == "Halvt skrevet"
        raise RuntimeError("the power went")
    assert peek("SELECT count(*) FROM goal") == [(before,)]
    assert peek("SELECT count(*) FROM action WHERE description = ?", "Første skridt") == [(0,)]
    with repo.transaction() as tx:
        goal = tx.plans.add_goal(sample_org.jonas_talk, "Helt skrevet")
        tx.plans.add_action(goal.id, "Første skridt")
    assert peek("SELECT count(*) FROM goal") == [(before + 1,)]


def test_accepting_a_suggestion_fails_whole(
    repo: Repository, pack, monkeypatch: pytest.MonkeyPatch, peek
) -> None:
    """A goal taken from a suggestion with its actions: a failure at the second action leaves
    no goal and no first action behind (each used to commit on its own)."""
    from pipeline_tui.core.suggestions import suggest_goals

    person = repo.people.create("Lis Kjær", "lead_others")
    talk = services.start_conversation(repo, pack, person.id, held_on=date(2026, 5, 4))
    detail = repo.conversations.detail(talk.id)
    content = services.conversation_content(detail)
    for expectation in content.expectations:
        repo.conversations.set_rating(talk.id, expectation.id, "self", score=1)
    detail = repo.conversations.detail(talk.id)
    suggestion = next(
        s
        for s in suggest_goals(content, detail.ratings, detail.picks, "da")
        if len(s.activity_ids) >= 2
    )
    real = PlanStore.add_action
    calls = []

    def second_fails(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise StorageError("the disk is full: the last change was not saved", "full")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(PlanStore, "add_action", second_fails)
    with pytest.raises(StorageError):
        services.accept_suggestion(repo, content, talk.id, suggestion, "da")
    assert len(calls) == 2
    assert peek("SELECT count(*) FROM goal") == [(0,)]
    assert peek("SELECT count(*) FROM action") == [(0,)]
    monkeypatch.setattr(PlanStore, "add_action", real)
    goal = services.accept_suggestion(repo, content, talk.id, suggestion, "da")
    assert len(goal.actions) == len(suggestion.activity_ids)


def test_a_roster_that_fails_midway_adds_no_one(run_cli, repo, sample_org, db, tmp_path, peek):
    """A manager that exists nowhere, found only at the insert: nobody of the file is added."""
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER.replace("anna.berg@example.dk", "nobody@example.dk", 1), "utf-8")
    result = run_cli("--db", db, "people", "import", roster)
    assert result.code == 2 and "Traceback" not in result.err
    assert peek("SELECT count(*) FROM person") == [(3,)]


def test_versioned_writes_hold_across_connections(db: str, sample_org) -> None:
    """Two programs on one database: while one has a write open, the other's compare-and-set
    waits for it and then sees its value, so the comment written meanwhile is reported as a
    conflict instead of being overwritten (on PostgreSQL this needs the write lock)."""
    first, second = open_repository(db), open_repository(db)
    try:
        talk = sample_org.jonas_talk
        key = ("lead_self.planning", "self")
        old = "Jeg planlægger ugen"
        first.conversations.set_rating_comment(talk, *key, old)
        outcome: dict[str, object] = {}

        def other_program() -> None:
            try:
                second.conversations.set_rating_comment(talk, *key, "Skrevet af B", expected=old)
                outcome["b"] = "saved"
            except ConflictError as exc:
                outcome["b"] = exc

        with first.transaction() as tx:
            tx.conversations.set_rating_comment(talk, *key, "Skrevet af A", expected=old)
            thread = threading.Thread(target=other_program)
            thread.start()
            time.sleep(0.5)  # B is started and waits for A's write to end
            assert "b" not in outcome
        thread.join(timeout=30)
        assert isinstance(outcome["b"], ConflictError), outcome
        assert outcome["b"].theirs == "Skrevet af A"
        comments = [
            r.comment for r in first.conversations.detail(talk).ratings if r.rater == "self"
        ]
        assert "Skrevet af A" in comments and "Skrevet af B" not in comments
    finally:
        first.close()
        second.close()


def test_a_driver_error_carries_no_values(repo: Repository, sample_org) -> None:
    """A write the database itself refuses (a duplicate email, past the store's checks):
    a one-line message without the SQL and without the values."""
    with pytest.raises(StorageError) as caught, repo.transaction() as tx:
        tx.session.add(m.Person(name="Anna Kopi", email="anna.berg@example.dk", layer="x"))
        tx.session.flush()
    message = str(caught.value)
    assert "\n" not in message
    for secret in ("anna.berg@example.dk", "Anna Kopi", "INSERT", "person"):
        assert secret not in message


def test_a_postgresql_url_without_its_driver(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """No psycopg installed: one line naming the install command, exit 2. (No database is
    opened, so the test runs once, whatever the engine of the module's other tests.)
    The command was "pip install 'pipeline-tui[postgres]'", which no index has: pipeline-tui
    is installed from its folder; it is the driver's own, which works wherever it is."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    for url in ("postgresql://hr@db.example.org/pipeline", "postgresql+psycopg://hr@db/p"):
        result = run_cli("--db", url, "people", "list")
        assert result.code == 2
        assert result.err.count("\n") == 1
        assert "pip install 'psycopg[binary]>=3.1'" in result.err
        assert "Traceback" not in result.err
    danish = run_cli("--lang", "da", "--db", "postgresql://hr@db/p", "people", "list")
    assert (danish.code, danish.err) == (
        2,
        "pipeline-tui: PostgreSQL kræver sin driver, psycopg 3, som ikke er installeret: "
        "installér den, hvor pipeline-tui er installeret, med pip install 'psycopg[binary]>=3.1'\n",
    )


def test_a_postgresql_url_naming_another_driver(run_cli) -> None:
    """psycopg 3 is installed, but the URL names another driver (+psycopg2, +asyncpg,
    +pg8000): said to be unsupported, with the two forms that are, in the user's language;
    not "needs its driver, which is not installed". Exit 2, one line, nothing opened."""
    said = {
        "en": "pipeline-tui: {scheme}:// is not supported: give a postgresql:// or "
        "postgresql+psycopg:// URL (pipeline-tui uses psycopg 3)\n",
        "da": "pipeline-tui: {scheme}:// understøttes ikke: angiv en URL, der begynder med "
        "postgresql:// eller postgresql+psycopg:// (pipeline-tui bruger psycopg 3)\n",
    }
    for scheme in ("postgresql+psycopg2", "postgresql+asyncpg", "postgresql+pg8000"):
        url = f"{scheme}://hr@127.0.0.1:1/pipeline?password=hemmelig"
        for lang in ("en", "da"):
            result = run_cli("--lang", lang, "--db", url, "people", "list")
            assert (result.code, result.err) == (2, said[lang].format(scheme=scheme))


def test_user_errors_are_the_same_on_both_engines(repo: Repository, sample_org) -> None:
    """The stores' checks do not depend on the engine: an email in another case is taken."""
    with pytest.raises(UserError, match="already exists"):
        repo.people.create("Anna Igen", "lead_self", email="ANNA.BERG@Example.dk")
