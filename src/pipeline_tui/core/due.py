"""What is due for a person: this year's conversation, and the follow-up of their plan."""

from __future__ import annotations

from datetime import MAXYEAR, date, timedelta
from typing import Protocol

from pipeline_tui.records import PersonRow

SOON = timedelta(days=14)


def one_year_after(day: date) -> date:
    """The usual follow-up: the next annual conversation (29 February falls back a day; in
    the last year a date can have, 9999, its last day: there is no year after it)."""
    if day.year == MAXYEAR:
        return date.max
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def follow_up_too_early(follow_up: date | None, held_on: date | None) -> bool:
    """A follow-up on or before the conversation's own day follows nothing up (mostly last
    year's year typed by habit in January)."""
    return follow_up is not None and held_on is not None and follow_up <= held_on


def has_conversation_this_year(row: PersonRow, today: date) -> bool:
    """This year's conversation counts once it has been held (a draft is only prepared),
    and only a yearly kind counts (an onboarding or a status conversation is not the
    year's MUS or LUS); `last_yearly_held_on` is the latest held one of those."""
    held = row.last_yearly_held_on
    return held is not None and held.year == today.year


def follow_up_state(row: PersonRow, today: date) -> str | None:
    """ "overdue" or "soon" (within 14 days) for the latest plan's follow-up date, else None."""
    if row.follow_up_on is None:
        return None
    if row.follow_up_on < today:
        return "overdue"
    if row.follow_up_on - today <= SOON:
        return "soon"
    return None


def is_planned(status: str | None, held_on: date | None, today: date) -> bool:
    """A conversation dated ahead and not yet held: a draft, or one the person began
    preparing through their link (their first answer moves it to in progress)."""
    return status in ("draft", "in_progress") and held_on is not None and held_on > today


def shown_status(status: str, held_on: date | None, today: date) -> str:
    """A conversation's status as every list names it: "planned" for one dated ahead and
    not yet held (home, the person page and `conversations list` alike), else its own."""
    return "planned" if is_planned(status, held_on, today) else status


def status_key(row: PersonRow, today: date) -> str:
    """The one status to show on the people list, most urgent first."""
    follow_up = follow_up_state(row, today)
    planned = is_planned(row.last_status, row.last_held_on, today)
    if follow_up == "overdue":
        # Still overdue (and counted so), but booked: the date ahead is not a missed one.
        return "overdue_planned" if planned else "overdue"
    if not has_conversation_this_year(row, today):
        # A draft or a conversation left in progress in an earlier year is not this year's
        # conversation: the person is due, as the overview's list of them says.
        of_this_year = row.last_held_on is not None and row.last_held_on.year >= today.year
        if row.last_status in ("draft", "in_progress") and of_this_year:
            if planned:
                return "planned"  # a date set ahead: not the latest conversation held
            return row.last_status
        return "due"
    if follow_up == "soon":
        return "soon"
    if row.last_status is None:
        return "none"
    return shown_status(row.last_status, row.last_held_on, today)


class Dated(Protocol):
    """A conversation as far as `held_reason` reads it (a stored row or its record)."""

    @property
    def status(self) -> str: ...
    @property
    def revealed(self) -> bool: ...
    @property
    def held_on(self) -> date: ...


def held_reason(conversation: Dated, today: date) -> str | None:
    """Why the conversation no longer takes a preparation or a rater's answers ("held"), or
    None while it does: it is completed or signed, its ratings are revealed, or its day
    has passed. On its day a conversation begun already counts as held in the lists and
    the overview (`store.queries.held_sql`: it is being held), while its links stay open
    to the end of that day, so the person and the raters may still answer that morning."""
    if conversation.status in ("completed", "signed") or conversation.revealed:
        return "held"
    if conversation.held_on < today:
        return "held"
    return None
