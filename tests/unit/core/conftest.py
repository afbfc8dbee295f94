"""A small hand-made conversation content, so core logic is tested without any pack."""

from __future__ import annotations

import pytest

from pipeline_tui.packs.schema import (
    Dimension,
    Expectation,
    Layer,
    NotObserved,
    RatingScale,
    ScaleLevel,
    Text,
    Transition,
)
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.records import RatingRecord


def text(value: str) -> Text:
    return Text({"da": value, "en": value})


def expectation(eid: str, dimension: str) -> Expectation:
    return Expectation(
        id=eid,
        dimension=dimension,
        title=text(f"Title {eid}"),
        description=text(f"About {eid}"),
        indicators=[text(f"{eid} can be seen"), text(f"{eid} can be heard")],
    )


@pytest.fixture
def content() -> ConversationContent:
    layer = Layer(
        key="team_lead",
        name=text("Team lead"),
        conversation="lus",
        purpose=text("Lead a team"),
        skills=[text("skill")],
        time_application=[text("time")],
        work_values=[text("value")],
        transition=Transition(let_go=[text("old")], learn=[text("new")]),
    )
    return ConversationContent(
        pack_id="test",
        pack_version="1",
        pack_hash="h",
        pack_name=text("Test"),
        layer=layer,
        dimensions=(
            Dimension(id="results", name=text("Results"), description=text("r")),
            Dimension(id="people", name=text("People"), description=text("p")),
        ),
        expectations=(
            expectation("r1", "results"),
            expectation("p1", "people"),
            expectation("r2", "results"),
            expectation("p2", "people"),
        ),
        scale=RatingScale(
            levels=[
                ScaleLevel(value=v, label=text(str(v)), description=text("d")) for v in range(1, 6)
            ],
            not_observed=NotObserved(label=text("n/o"), description=text("d")),
        ),
        deck=None,
        themes=(),
        activities=(),
    )


def rating(eid: str, rater: str, score: int | None, not_observed: bool = False) -> RatingRecord:
    return RatingRecord(0, 1, eid, rater, score, not_observed, "", 1)
