"""People: create, find, list, import a roster, and the home screen's people list."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, select

from pipeline_tui import records as r
from pipeline_tui.core.addresses import plausible_email
from pipeline_tui.core.order import name_key
from pipeline_tui.errors import NotFoundError, UserError
from pipeline_tui.store import models as m
from pipeline_tui.store.base import StoreBase, touch
from pipeline_tui.store.identity import not_found, rename_conductor
from pipeline_tui.store.queries import sqlalchemy_reader
from pipeline_tui.store.shape import person_record
from pipeline_tui.vocabulary import with_control

EMAIL_TAKEN = "a person with the email {email} already exists"
EDITABLE_FIELDS = ("name", "email", "title", "unit", "layer", "manager_id")


@dataclass(frozen=True)
class NewPerson:
    """A person to add; `manager_email` may name someone added in the same batch."""

    name: str
    layer: str
    email: str | None = None
    title: str = ""
    unit: str = ""
    manager_email: str | None = None


def _email_is(email: str) -> ColumnElement[bool]:
    """The condition "this person's email is `email` (lower case)", in any letter case: an
    imported file may hold capitals the stores never write."""
    return func.lower(m.Person.email) == email


TEXT_FIELDS = ("name", "email", "title", "unit")


def _refuse_control(**fields: object) -> None:
    """A name, title, unit or email with a control character (an escape sequence, a line
    break) is refused: printed, it would act on the terminal instead of showing."""
    for key, value in fields.items():
        found = with_control(value) if isinstance(value, str) else None
        if found is not None:
            raise UserError(
                f"the {key} has a control character ({found}): type it as plain text",
                "person.control",
            )


def _clean_email(email: str | None) -> str | None:
    if email is None:
        return None
    email = email.strip().lower()
    return email or None


def _refuse_bad_email(email: str | None) -> None:
    """An e-mail address given is one (`core.addresses`, the rule a roster's rows and an
    imported database are read by); none at all is allowed."""
    if email and not plausible_email(email):
        raise UserError(f"not an e-mail address: {email}", "person.email_bad", email=email)


def _refuse_unit_spelled(session: Session, unit: object, person_id: int | None = None) -> None:
    """One unit is written one way (as a roster's rows are checked, `core.roster`): "it"
    beside "IT" would be two units in the overview and the filters, each with part of the
    people. A unit others are in under another letter case is refused, naming theirs; the
    person's own row does not count, so that the last one in a unit may respell it."""
    if not isinstance(unit, str) or not unit.strip():
        return
    unit = unit.strip()
    query = select(m.Person.unit).distinct().where(m.Person.unit != unit, m.Person.unit != "")
    if person_id is not None:
        query = query.where(m.Person.id != person_id)
    for stored in session.exec(query).all():
        if stored.casefold() == unit.casefold():
            raise UserError(
                f"the unit {unit!r} is written {stored!r} for others: write it so",
                "person.unit_spelled",
                unit=unit,
                stored=stored,
            )


class PeopleStore(StoreBase):
    def create(
        self,
        name: str,
        layer: str,
        *,
        email: str | None = None,
        title: str = "",
        unit: str = "",
        manager_id: int | None = None,
    ) -> r.PersonRecord:
        name = name.strip()
        if not name:
            raise UserError("a person needs a name", "person.name")
        _refuse_control(name=name, email=email, title=title, unit=unit)
        if not layer:
            raise UserError("a person needs a layer", "person.layer")
        email = _clean_email(email)
        _refuse_bad_email(email)
        with self._write() as session:
            _refuse_unit_spelled(session, unit)
            if email and session.exec(select(m.Person.id).where(_email_is(email))).first():
                raise UserError(
                    f"a person with the email {email} already exists", "person.email_taken"
                )
            manager_name = None
            if manager_id is not None:
                manager = session.get(m.Person, manager_id)
                if manager is None:
                    raise NotFoundError(f"no person with id {manager_id} (manager)", "manager")
                manager_name = manager.name
            row = m.Person(
                name=name,
                email=email,
                title=title.strip(),
                unit=unit.strip(),
                layer=layer,
                manager_id=manager_id,
            )
            session.add(row)
            session.flush()
            return person_record(row, manager_name)

    def update(self, person_id: int, **changes: object) -> r.PersonRecord:
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise UserError(f"cannot change {', '.join(sorted(unknown))} of a person")
        with self._write() as session:
            row = session.get(m.Person, person_id)
            if row is None:
                raise not_found(session, "person", person_id, f"no person with id {person_id}")
            for key in ("name", "layer"):
                if key in changes and not str(changes[key] or "").strip():
                    raise UserError(f"a person needs a {key}", f"person.{key}")
            _refuse_control(**{k: v for k, v in changes.items() if k in TEXT_FIELDS})
            if "unit" in changes:
                _refuse_unit_spelled(session, changes["unit"], person_id)
            if "email" in changes:
                email = changes["email"] = _clean_email(changes["email"])  # type: ignore[arg-type]  # checked str above
                _refuse_bad_email(email)
                taken = select(m.Person.id).where(_email_is(email or ""), m.Person.id != person_id)
                if email and session.exec(taken).first():
                    raise UserError(
                        f"a person with the email {email} already exists", "person.email_taken"
                    )
            manager_id = changes.get("manager_id")
            if manager_id == person_id:
                raise UserError("a person cannot be their own manager", "person.own_manager")
            if manager_id is not None and session.get(m.Person, manager_id) is None:
                raise NotFoundError(f"no person with id {manager_id} (manager)", "manager")
            if isinstance(manager_id, int) and manager_id != row.manager_id:
                name = str(changes.get("name") or row.name).strip()
                _refuse_circle(_chain_up(session, person_id, name, manager_id))
            for key, value in changes.items():
                setattr(row, key, value)
            if "name" in changes:
                rename_conductor(session, person_id, row.name)
            touch(row)
            session.flush()
            manager = session.get(m.Person, row.manager_id) if row.manager_id else None
            return person_record(row, manager.name if manager else None)

    def get(self, person_id: int) -> r.PersonRecord:
        with self._read() as session:
            return sqlalchemy_reader(session.connection()).person(person_id)

    def by_email(self, email: str) -> r.PersonRecord | None:
        email = _clean_email(email) or ""
        with self._read() as session:
            row = session.exec(select(m.Person).where(_email_is(email))).first()
            if row is None:
                return None
            manager = session.get(m.Person, row.manager_id) if row.manager_id else None
            return person_record(row, manager.name if manager else None)

    def list(
        self,
        *,
        search: str | None = None,
        unit: str | None = None,
        layer: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[r.PersonRecord]:
        """People by name (the whole list in Danish order; a page by lower-cased name);
        `search` matches name, email, title or unit (case-insensitive)."""
        with self._read() as session:
            return sqlalchemy_reader(session.connection()).people_list(
                search=search, unit=unit, layer=layer, limit=limit, offset=offset
            )

    def count(self) -> int:
        with self._read() as session:
            return session.exec(select(func.count()).select_from(m.Person)).one()

    def rows(self, yearly: Sequence[str] | None = None) -> builtins.list[r.PersonRow]:
        """The home screen's people list (the same SQL the start-up fast path runs);
        `yearly` the pack's yearly kinds, that "this year's conversation" counts."""
        with self._read() as session:
            return sqlalchemy_reader(session.connection()).people_rows(yearly)

    def units(self) -> builtins.list[str]:
        with self._read() as session:
            query = select(m.Person.unit).distinct().where(m.Person.unit != "")
            return sorted(session.exec(query).all(), key=name_key)  # Danish order

    def reports_of(self, manager_id: int, *, indirect: bool = True) -> builtins.list[int]:
        """Ids of the people who report to `manager_id`, directly or (optionally) through others."""
        with self._read() as session:
            pairs = session.exec(select(m.Person.id, m.Person.manager_id)).all()
        children: dict[int, list[int]] = {}
        for person_id, boss in pairs:
            if boss is not None and person_id is not None:
                children.setdefault(boss, []).append(person_id)
        found: list[int] = []
        seen = {manager_id}
        queue = list(children.get(manager_id, ()))
        while queue:
            person_id = queue.pop(0)
            if person_id in seen:
                continue
            seen.add(person_id)
            found.append(person_id)
            if indirect:
                queue.extend(children.get(person_id, ()))
        return found

    def import_people(self, people: Sequence[NewPerson]) -> builtins.list[r.PersonRecord]:
        """Add everyone in one transaction: all rows or none.

        Validation (layers, duplicates, managers) is the caller's job
        (`core.roster`); this still refuses an email already in the database
        or a manager that exists nowhere, rolling everything back.
        """
        with self._write() as session:
            emails = [_clean_email(p.email) for p in people]
            for email in [*emails, *(_clean_email(p.manager_email) for p in people)]:
                _refuse_bad_email(email)
            existing = _existing_emails(session, [e for e in emails if e])
            if existing:
                raise UserError(f"already in the database: {', '.join(sorted(existing))}")
            rows = []
            for person in people:
                row = m.Person(
                    name=person.name.strip(),
                    email=_clean_email(person.email),
                    title=person.title.strip(),
                    unit=person.unit.strip(),
                    layer=person.layer,
                )
                session.add(row)
                rows.append(row)
            session.flush()
            by_email = {row.email.lower(): row for row in rows if row.email}
            names = {row.id: row.name for row in rows}
            for person, row in zip(people, rows, strict=True):
                boss_email = _clean_email(person.manager_email)
                if not boss_email:
                    continue
                boss = by_email.get(boss_email)
                if boss is None:
                    boss = session.exec(select(m.Person).where(_email_is(boss_email))).first()
                if boss is None:
                    raise UserError(f"manager {boss_email} of {person.name} not found")
                row.manager_id = boss.id
                names[boss.id] = boss.name
            # No one of the batch can be above anyone already in the database (no one there
            # reports to a person added now): a circle can only be within the batch.
            for row in rows:
                if row.manager_id is not None:
                    _refuse_circle(_chain_in(rows, row))
            session.flush()
            return [person_record(row, names.get(row.manager_id)) for row in rows]

    def existing_emails(self, emails: Iterable[str]) -> set[str]:
        with self._read() as session:
            return _existing_emails(session, [e for e in map(_clean_email, emails) if e])


MANAGER_CIRCLE = "the managers would go round in a circle: {chain}"


def _refuse_circle(chain: builtins.list[str] | None) -> None:
    """A change that makes a person their own manager through others is refused, naming
    everyone in the circle (`chain`: the names from the person back to the person)."""
    if chain is not None:
        said = " → ".join(chain)
        raise UserError(MANAGER_CIRCLE.format(chain=said), "person.manager_circle", chain=said)


def _chain_up(
    session: Session, person_id: int, name: str, manager_id: int
) -> builtins.list[str] | None:
    """The names from the person up through `manager_id` and their managers back to the
    person, when making `manager_id` their manager would lead round to them; None when the
    line ends (or circles elsewhere, without them: left as it is, as `db check` says)."""
    chain, seen = [name], {person_id}
    current: int | None = manager_id
    while current is not None and current not in seen:
        boss = session.get(m.Person, current)
        if boss is None:
            return None
        chain.append(boss.name)
        seen.add(current)
        current = boss.manager_id
    return [*chain, name] if current == person_id else None


def _chain_in(rows: builtins.list[m.Person], row: m.Person) -> builtins.list[str] | None:
    """As `_chain_up`, among the people being added in one batch."""
    by_id = {r.id: r for r in rows}
    chain, seen = [row.name], {row.id}
    current = row.manager_id
    while current in by_id and current not in seen:
        chain.append(by_id[current].name)
        seen.add(current)
        current = by_id[current].manager_id
    return [*chain, row.name] if current == row.id else None


def _existing_emails(session: Session, emails: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(emails), 500):
        chunk = emails[start : start + 500]
        query = select(m.Person.email).where(func.lower(m.Person.email).in_(chunk))
        found.update(e.lower() for e in session.exec(query).all() if e)
    return found
