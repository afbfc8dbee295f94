"""People in the store: create, find, list, search, update, reporting lines, roster batches."""

from __future__ import annotations

import pytest
from raw_rows import store_raw

from pipeline_tui.errors import NotFoundError, UserError
from pipeline_tui.records import PersonRecord
from pipeline_tui.store.home import read_people_rows
from pipeline_tui.store.people import NewPerson
from pipeline_tui.store.repository import Repository

pytestmark = pytest.mark.both_engines


def test_create_is_committed_with_a_clean_email(repo: Repository, peek) -> None:
    """A created person is on disk when create() returns, email trimmed and lower-cased."""
    anna = repo.people.create(
        "  Anna Berg ", "lead_others", email=" Anna.Berg@Example.DK ", title="Sygeplejerske"
    )
    assert (anna.name, anna.email, anna.version) == ("Anna Berg", "anna.berg@example.dk", 1)
    assert peek("SELECT name, email, title, layer, manager_id FROM person") == [
        ("Anna Berg", "anna.berg@example.dk", "Sygeplejerske", "lead_others", None)
    ]


def test_create_names_the_manager(repo: Repository, leader: PersonRecord, peek) -> None:
    """A person created under a manager links to them, and the record carries the name."""
    jonas = repo.people.create("Jonas Friis", "lead_self", manager_id=leader.id)
    assert jonas.manager_name == "Mette Holm"
    assert peek("SELECT manager_id FROM person WHERE id = ?", jonas.id) == [(leader.id,)]


@pytest.mark.parametrize(
    ("name", "layer", "kwargs", "error"),
    [
        ("", "lead_self", {}, UserError),
        ("   ", "lead_self", {}, UserError),
        ("Ole", "", {}, UserError),
        ("Ole", "lead_self", {"manager_id": 999}, NotFoundError),
    ],
)
def test_create_refuses_incomplete_people(repo: Repository, peek, name, layer, kwargs, error):
    """A person without a name or layer, or with a manager who does not exist, is refused."""
    with pytest.raises(error):
        repo.people.create(name, layer, **kwargs)
    assert peek("SELECT count(*) FROM person") == [(0,)]


def test_create_refuses_an_email_in_use_in_any_case(repo: Repository, person, peek) -> None:
    """Emails are unique whatever their case; the second person is not added."""
    with pytest.raises(UserError, match="already exists"):
        repo.people.create("Anna B.", "lead_self", email="ANNA.BERG@example.dk")
    assert peek("SELECT count(*) FROM person") == [(2,)]


def test_get_and_by_email(repo: Repository, person: PersonRecord) -> None:
    """A person is found by id and by email (any case); a missing one is reported."""
    assert repo.people.get(person.id).manager_name == "Mette Holm"
    assert repo.people.by_email("ANNA.BERG@EXAMPLE.DK").id == person.id
    assert repo.people.by_email("nobody@example.dk") is None
    with pytest.raises(NotFoundError):
        repo.people.get(12345)


def test_list_orders_by_name_and_searches_every_text(repo: Repository) -> None:
    """list() sorts by name ignoring case; search matches name, email, title or unit (æøå too)."""
    repo.people.create("bo Lund", "lead_self", email="bo@example.dk", unit="Økonomi")
    repo.people.create("Åse Dahl", "lead_others", title="Teamleder", unit="Kirurgi")
    repo.people.create("Carl Ek", "lead_self", email="carl@hospital.dk", unit="Kirurgi")
    assert [p.name for p in repo.people.list()] == ["bo Lund", "Carl Ek", "Åse Dahl"]
    assert [p.name for p in repo.people.list(search="LUND")] == ["bo Lund"]
    assert [p.name for p in repo.people.list(search="hospital")] == ["Carl Ek"]
    assert [p.name for p in repo.people.list(search="teamleder")] == ["Åse Dahl"]
    assert [p.name for p in repo.people.list(search="økonomi")] == ["bo Lund"]
    assert [p.name for p in repo.people.list(search="åse")] == ["Åse Dahl"]
    assert [p.name for p in repo.people.list(unit="Kirurgi")] == ["Carl Ek", "Åse Dahl"]
    assert [p.name for p in repo.people.list(layer="lead_others")] == ["Åse Dahl"]
    assert [p.name for p in repo.people.list(limit=1, offset=1)] == ["Carl Ek"]
    assert repo.people.count() == 3
    assert repo.people.units() == ["Kirurgi", "Økonomi"]


def test_a_unit_is_found_as_typed_in_any_case(repo: Repository) -> None:
    """people list --unit 'økonomi ' lists Økonomi (it listed no one); where a unit is
    spelled exactly so, only it: 'lager' and 'Lager' stay apart when both are there (as an
    older version, or another tool, could have written them; the stores now refuse it)."""
    repo.people.create("Bo Lund", "lead_self", unit="Økonomi")
    repo.people.create("Åse Dahl", "lead_others", unit="Lager")
    carl = repo.people.create("Carl Ek", "lead_self", unit="Lager")
    store_raw(repo, "person", carl.id, unit="lager")
    assert [p.name for p in repo.people.list(unit=" økonomi ")] == ["Bo Lund"]
    assert [p.name for p in repo.people.list(unit="LAGER")] == ["Carl Ek", "Åse Dahl"]
    assert [p.name for p in repo.people.list(unit="lager")] == ["Carl Ek"]
    assert [p.name for p in repo.people.list(unit="Kirurgi")] == []


def test_units_are_listed_in_danish_order(repo: Repository) -> None:
    """The overview's unit filter lists units as a Dane reads them: æ, ø, å after z, in any
    case (sorted() put Århus before Ærø and Østerbro, and a lower-case unit last)."""
    for i, unit in enumerate(("Århus", "Østerbro", "Ærø", "odense", "Aalborg", "Zealand")):
        repo.people.create(f"P{i}", "lead_self", unit=unit)
    assert repo.people.units() == ["Aalborg", "odense", "Zealand", "Ærø", "Østerbro", "Århus"]


def test_update_is_committed_and_versioned(repo: Repository, person: PersonRecord, peek) -> None:
    """update() writes the change and bumps the version; unknown fields and self-management fail."""
    changed = repo.people.update(person.id, title="Oversygeplejerske", email="ANNA@example.dk")
    assert (changed.title, changed.email, changed.version) == (
        "Oversygeplejerske",
        "anna@example.dk",
        2,
    )
    assert peek("SELECT title, email, version FROM person WHERE id = ?", person.id) == [
        ("Oversygeplejerske", "anna@example.dk", 2)
    ]
    with pytest.raises(UserError):
        repo.people.update(person.id, id=7)
    with pytest.raises(UserError, match="own manager"):
        repo.people.update(person.id, manager_id=person.id)
    with pytest.raises(NotFoundError):
        repo.people.update(999, title="x")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"email": "METTE.HOLM@example.dk"}, UserError),
        ({"manager_id": 999}, NotFoundError),
        ({"name": "  "}, UserError),
        ({"layer": ""}, UserError),
    ],
    ids=["email-in-use", "manager-missing", "blank-name", "blank-layer"],
)
def test_update_refuses_what_create_refuses(
    repo: Repository, person: PersonRecord, peek, changes, error
) -> None:
    """update() gives the same clear refusals as create(), not a database error."""
    with pytest.raises(error):
        repo.people.update(person.id, **changes)
    assert peek("SELECT name, email, layer, version FROM person WHERE id = ?", person.id) == [
        ("Anna Berg", "anna.berg@example.dk", "lead_others", 1)
    ]
    assert repo.people.update(person.id, email="ANNA.BERG@example.dk").version == 2


# What the roster import already took as an address, and what it refused: one rule for
# every way a person is written (`core.addresses`).
ADDRESSES = {
    "ida.lund@example.dk": True,
    " Ida.Lund@Example.DK ": True,
    "ida+mus@region.example.dk": True,
    "ikke en adresse": False,
    "ida lund@example.dk": False,
    "ida@example": False,
    "@example.dk": False,
    "ida@@example.dk": False,
    "ida@example.": False,
    "ida@example.dk; bo@example.dk": False,
    # a link copied whole, the full stop of a sentence, slips of the finger: no mail gets there
    "mailto:ida.lund@example.dk": False,
    "ida.lund@example.dk.": False,
    "ida.lund@example..dk": False,
    ".ida@example.dk": False,
    "ida..lund@example.dk": False,
    "ida@-example.dk": False,
    "ida@example-.dk": False,
    # while Danish and other letters, an apostrophe and a hyphen are at home in addresses
    "søren.ærø@fjordklinikken.dk": True,
    "o'neil@example.dk": True,
    "ida@øster-sygehus.dk": True,
}


@pytest.mark.parametrize(("typed", "plausible"), list(ADDRESSES.items()))
def test_an_email_is_an_address_or_nothing_as_the_roster_reads_it(
    repo: Repository, person: PersonRecord, peek, typed: str, plausible: bool
) -> None:
    """Adding or changing a person with an email that is no address ("ikke en adresse" was
    saved from the app) is refused with the address, nothing written; the rule is the
    roster import's (its row with the same email is refused or taken alike). No email at
    all is still allowed."""
    from pipeline_tui.core.roster import read_roster

    before = peek("SELECT id, email, version FROM person ORDER BY id")
    row = f"name,email,layer\nIda Lund,{typed.strip()},lead_self\n".encode()
    roster = read_roster(row, {"lead_self": "lead_self"}, lambda emails: set())
    assert (not roster.problems) is plausible, roster.problems
    if plausible:
        ida = repo.people.create("Ida Lund", "lead_self", email=typed)
        assert ida.email == typed.strip().lower()
        assert repo.people.update(ida.id, email=typed.upper()).email == typed.strip().lower()
        return
    with pytest.raises(UserError) as refused:
        repo.people.create("Ida Lund", "lead_self", email=typed)
    assert refused.value.reason == "person.email_bad"
    assert str(refused.value) == f"not an e-mail address: {typed.strip().lower()}"
    with pytest.raises(UserError, match="not an e-mail address"):
        repo.people.update(person.id, title="Leder", email=typed)
    with pytest.raises(UserError, match="not an e-mail address"):
        repo.people.import_people([NewPerson("Ida Lund", "lead_self", email=typed)])
    assert peek("SELECT id, email, version FROM person ORDER BY id") == before


def test_no_email_is_still_allowed(repo: Repository, person: PersonRecord, peek) -> None:
    assert repo.people.create("Ida Lund", "lead_self", email="  ").email is None
    assert repo.people.update(person.id, email="").email is None
    assert peek("SELECT count(*) FROM person WHERE email IS NULL") == [(2,)]


def test_update_refuses_a_manager_who_reports_to_the_person(
    repo: Repository, leader: PersonRecord, person: PersonRecord, peek
) -> None:
    """Mette leads Anna, who leads Jonas: making Jonas (or Anna) Mette's manager would make
    Mette her own manager through others. Refused, naming everyone in the circle, and
    nothing is written (only "own manager" was refused before). Other changes, and a
    manager outside the line, are still saved."""
    jonas = repo.people.create("Jonas Friis", "lead_self", manager_id=person.id)
    before = peek("SELECT id, name, title, manager_id, version FROM person ORDER BY id")
    with pytest.raises(UserError) as refused:
        repo.people.update(leader.id, title="Centerchef", manager_id=jonas.id)
    assert refused.value.reason == "person.manager_circle"
    chain = "Mette Holm → Jonas Friis → Anna Berg → Mette Holm"
    assert refused.value.values == {"chain": chain}
    assert str(refused.value) == f"the managers would go round in a circle: {chain}"
    with pytest.raises(UserError, match="Mette Holm → Anna Berg → Mette Holm"):
        repo.people.update(leader.id, manager_id=person.id)
    with pytest.raises(UserError, match="Anna Berg-Holm → Jonas Friis → Anna Berg-Holm"):
        repo.people.update(person.id, name=" Anna Berg-Holm ", manager_id=jonas.id)
    assert peek("SELECT id, name, title, manager_id, version FROM person ORDER BY id") == before
    other = repo.people.create("Henrik Lund", "lead_business")
    assert repo.people.update(leader.id, manager_id=other.id).manager_id == other.id
    assert repo.people.update(person.id, title="Leder").manager_id == leader.id


def test_import_people_refuses_a_circle_in_the_batch(repo: Repository, leader, peek) -> None:
    """Bo and Carl named as each other's managers: the batch is refused with the circle,
    nobody written (the roster's own check finds it first; the store refuses it anyway)."""
    batch = [
        NewPerson("Bo Lund", "lead_self", email="bo@example.dk", manager_email="carl@example.dk"),
        NewPerson("Carl Ek", "lead_self", email="carl@example.dk", manager_email="bo@example.dk"),
        NewPerson("Dan Ås", "lead_self", email="dan@example.dk", manager_email="bo@example.dk"),
    ]
    with pytest.raises(UserError, match="Bo Lund → Carl Ek → Bo Lund") as refused:
        repo.people.import_people(batch)
    assert refused.value.reason == "person.manager_circle"
    assert peek("SELECT email FROM person") == [("mette.holm@example.dk",)]


def test_reports_of_direct_and_indirect(repo: Repository) -> None:
    """reports_of() follows the reporting lines down, directly or through other leaders."""
    top = repo.people.create("Top", "lead_business")
    chief = repo.people.create("Chief", "lead_leaders", manager_id=top.id)
    nurse_a = repo.people.create("Nurse A", "lead_self", manager_id=chief.id)
    leader = repo.people.create("Leader", "lead_others", manager_id=chief.id)
    nurse_b = repo.people.create("Nurse B", "lead_self", manager_id=leader.id)
    repo.people.create("Elsewhere", "lead_self")
    assert sorted(repo.people.reports_of(chief.id, indirect=False)) == [nurse_a.id, leader.id]
    assert sorted(repo.people.reports_of(chief.id)) == sorted([nurse_a.id, leader.id, nurse_b.id])
    assert sorted(repo.people.reports_of(top.id)) == sorted(
        [chief.id, nurse_a.id, leader.id, nurse_b.id]
    )
    assert repo.people.reports_of(nurse_b.id) == []


def test_import_people_links_managers_in_the_batch_and_in_the_database(
    repo: Repository, leader: PersonRecord, peek
) -> None:
    """A batch may name managers from the same batch or already stored; all rows are written."""
    added = repo.people.import_people(
        [
            NewPerson(
                "Bo Lund",
                "lead_others",
                email="bo@example.dk",
                manager_email="METTE.HOLM@example.dk",
            ),
            NewPerson(
                "Carl Ek", "lead_self", email="carl@example.dk", manager_email="bo@example.dk"
            ),
        ]
    )
    assert [(p.name, p.manager_name) for p in added] == [
        ("Bo Lund", "Mette Holm"),
        ("Carl Ek", "Bo Lund"),
    ]
    rows = peek(
        "SELECT p.name, boss.name FROM person p JOIN person boss ON boss.id = p.manager_id "
        "ORDER BY p.name"
    )
    assert rows == [("Bo Lund", "Mette Holm"), ("Carl Ek", "Bo Lund")]


@pytest.mark.parametrize(
    "batch",
    [
        [
            NewPerson("Bo Lund", "lead_self", email="bo@example.dk"),
            NewPerson("Mette Again", "lead_self", email="mette.holm@example.dk"),
        ],
        [
            NewPerson("Bo Lund", "lead_self", email="bo@example.dk"),
            NewPerson(
                "Carl Ek", "lead_self", email="carl@example.dk", manager_email="x@example.dk"
            ),
        ],
    ],
    ids=["email-in-database", "manager-nowhere"],
)
def test_import_people_is_all_or_nothing(repo: Repository, leader, peek, batch) -> None:
    """A batch with one bad person writes nobody, not even the good ones before it."""
    with pytest.raises(UserError):
        repo.people.import_people(batch)
    assert peek("SELECT email FROM person") == [("mette.holm@example.dk",)]


def test_existing_emails(repo: Repository, person: PersonRecord) -> None:
    """existing_emails() answers which of the given emails are stored, ignoring case."""
    found = repo.people.existing_emails(["ANNA.BERG@example.dk", "new@example.dk", ""])
    assert found == {"anna.berg@example.dk"}


@pytest.mark.sqlite_only
def test_home_fast_path_lists_people_like_the_store(repo: Repository, db_path) -> None:
    """The first screen's stdlib read orders people exactly as the storage layer does."""
    for name in ("Åse Dahl", "ålborg Ib", "Øjvind Kok", "øster Ea", "Bo Lund", "bent Ravn"):
        repo.people.create(name, "lead_self")
    fast = read_people_rows(db_path)
    # Danish alphabetical order: ø before å, both after z.
    expected = ["bent Ravn", "Bo Lund", "Øjvind Kok", "øster Ea", "ålborg Ib", "Åse Dahl"]
    assert [row.name for row in fast] == expected
    assert [row.name for row in repo.people.rows()] == expected
