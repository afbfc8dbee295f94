"""A department's PostgreSQL database whose character type is C (a cluster made without a
locale: `initdb --no-locale`, a container without one): its lower() folds ASCII only, so
"Økonomi" stayed "Økonomi" and "Øjvind Ærø" "Øjvind ærø". What the program matches in any
letter case is folded by Python instead, as on SQLite and on a UTF-8 database:

- `people list --unit økonomi` listed nobody of the unit Økonomi;
- a conductor typed as "øjvind ærø" was not linked to Øjvind Ærø, so erasing him left his
  name on the conversations he held;
- of two people named Ørnulf Bak, erasing one with --scrub-mentions took the name for
  his alone and replaced it in notes that may be about the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from pipeline_tui.store.mentions import needles
from pipeline_tui.store.privacy import ERASED, erase_person
from pipeline_tui.store.repository import Repository, open_repository

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


@pytest.fixture
def c_db(engine: str, pg_cluster: Any) -> Iterator[str]:
    """A new database whose collation and character type are C, at the current schema."""
    url = pg_cluster.new_database()
    name = url.rsplit("/", 1)[1]
    pg_cluster.drop(url)
    pg_cluster.admin(
        f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    )
    open_repository(url).close()
    yield url
    pg_cluster.drop(url)


@pytest.fixture
def c_repo(c_db: str) -> Iterator[Repository]:
    repository = open_repository(c_db)
    yield repository
    repository.close()


def test_the_database_folds_ascii_only(c_repo: Repository) -> None:
    """The premise: this database's lower() leaves Ø as it is."""
    with c_repo.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT lower('ØKONOMI')").scalar() == "Økonomi"


def test_a_unit_typed_in_another_case_is_found(run_cli, c_db: str, c_repo: Repository) -> None:
    c_repo.people.create("Hanne Bertelsen", "lead_self", unit="Økonomi")
    c_repo.people.create("Rasmus Holt", "lead_others", unit="Økonomi")
    c_repo.people.create("Lise Kjær", "lead_function", unit="HR")
    for typed in ("økonomi", "ØKONOMI", "Økonomi"):
        listed = run_cli("--db", c_db, "people", "list", "--unit", typed, "--json")
        assert listed.code == 0, listed
        names = sorted(person["name"] for person in json.loads(listed.out))
        assert names == ["Hanne Bertelsen", "Rasmus Holt"], typed


def test_a_conductor_typed_in_another_case_is_the_person(
    c_repo: Repository, content_ref: Any
) -> None:
    leader = c_repo.people.create("Øjvind Ærø", "lead_others", email="oejvind@example.dk")
    employee = c_repo.people.create("Bo Lund", "lead_self", manager_id=leader.id)
    talk = c_repo.conversations.start(
        employee.id,
        kind="mus",
        held_on=date(2026, 11, 20),
        content=content_ref,
        conducted_by="øjvind ærø",
    )
    assert talk.conductor_id == leader.id
    erase_person(c_repo.engine, leader.id)
    assert c_repo.conversations.get(talk.id).conducted_by == ERASED


def test_a_namesake_keeps_the_name_from_being_scrubbed(c_repo: Repository) -> None:
    first = c_repo.people.create("Ørnulf Bak", "lead_self", email="ornulf1@example.dk")
    c_repo.people.create("Ørnulf Bak", "lead_self", email="ornulf2@example.dk")
    with c_repo.engine.connect() as connection:
        found = needles(connection, first.id)
    assert (found.name_unique, found.first_name_unique) == (False, False)
