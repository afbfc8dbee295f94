"""A person's page as drawn: the conversation table fits the screen and keeps its place.

The kind column names the layer without its note in brackets ("MUS · Leder af sig selv";
the whole name is in the heading above): at 80 columns it is whole, and so is the
follow-up column. It was "MUS · Leder af sig selv (med…".
"""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from textual.widgets import DataTable

from pipeline_tui.packs.light import short_name
from pipeline_tui.tui.i18n import day, t
from pipeline_tui.tui.screens.person import PersonScreen

HEADERS = ("person.col.date", "person.col.kind", "home.col.status", "plan.goals")


def drawn(table: DataTable) -> list[str]:
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


@pytest.mark.demo_data
@pytest.mark.parametrize("lang", ["da", "en"])
async def test_conversation_table_fits_80_columns(make_app, ui_repo, packs, lang) -> None:
    person = next(
        p
        for p in ui_repo.people.list()
        if p.layer == "lead_self" and len(ui_repo.conversations.list(person_id=p.id)) >= 2
    )
    conversations = ui_repo.conversations.list(person_id=person.id)
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(person.id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PersonScreen)
        table = screen.query_one("#person-conversations", DataTable)
        layer = app.layer_names()[person.layer]
        kind = f"{t('kind.' + conversations[0].kind)} · {short_name(layer)}"
        assert short_name(layer) != layer  # the demo's lead_self has a note in brackets
        assert layer in screen.query_one("#person-head").render().plain

        header, *body = drawn(table)
        for key in (*HEADERS, "person.col.follow_up"):
            assert t(key) in header, f"header cut: {header!r}"
        assert len(body) == len(conversations)
        for line, conversation in zip(body, conversations, strict=True):
            assert day(conversation.held_on) in line
            assert day(conversation.follow_up_on) in line
        assert kind in body[0] and "…" not in body[0]

        # The second conversation stays chosen when the page is made wider, and is whole.
        await pilot.press("down")
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        assert table.cursor_row == 1
        assert kind in drawn(table)[1]


@pytest.mark.demo_data
@pytest.mark.parametrize(
    ("lang", "size", "said"),
    [
        ("en", (80, 24), "Evaluation · Lead function"),
        ("da", (80, 24), "Evaluering · Funktionsleder"),
        ("en", (120, 40), "Leadership evaluation · Lead function"),
    ],
)
async def test_a_long_kind_gives_way_to_its_short_name_before_it_is_cut(
    make_app, ui_repo, lang, size, said
) -> None:
    """Lise Kjær's leadership evaluation at 80 columns in English read "Leadership
    evaluation · Lea…": the kind takes its short name when the column is too narrow."""
    lise = next(p for p in ui_repo.people.list() if p.name == "Lise Kjær")
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.open_person(lise.id)
        await settle(app, pilot)
        table = app.screen.query_one("#person-conversations", DataTable)
        first = drawn(table)[1]
        assert said in first and "…" not in first, first


@pytest.mark.demo_data
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_dimension_names_in_the_trend_are_whole_where_there_is_room(
    make_app, ui_repo, packs, size
) -> None:
    """ "Change per dimension" cut every name at 28 characters whatever the width: in English
    "Collaboration and relations…" at 100 columns, with half the line empty."""
    lise = next(p for p in ui_repo.people.list() if p.name == "Lise Kjær")
    app = make_app("en")
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.open_person(lise.id)
        await settle(app, pilot)
        trend = app.screen.query_one("#person-trend").render().plain
        assert "Collaboration and relationships" in trend, trend
        assert "…" not in trend, trend
        widest = max(len(line) for line in trend.splitlines())
        assert widest <= size[0] - 4, trend  # beside the page's padding and scroll bar


async def test_keys_that_need_a_conversation_are_offered_only_with_one(
    make_app, org, ui_repo, packs
) -> None:
    """A person without conversations: the footer offered "⏎ Open" and "p Print", which
    did nothing. They come once the person has a conversation."""
    from textual.widgets import Footer

    from pipeline_tui import services

    def offered() -> list[str]:
        return [key.description for key in app.screen.query_one(Footer).query("FooterKey")]

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(org.employee.id)
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        said = offered()
        assert t("key.person.new") in said
        assert t("key.person.open") not in said and t("key.person.print") not in said

        services.start_conversation(ui_repo, packs.default, org.employee.id)
        app.screen.load()
        await settle(app, pilot)
        assert t("key.person.print") in offered()


async def test_two_rated_conversations_in_one_year_are_told_apart(
    make_app, org, ui_repo, packs
) -> None:
    """A LUS and a leadership evaluation in 2026 were both headed "2026" in the trend."""
    from datetime import date

    from pipeline_tui import services

    content = None
    for kind, held_on, score in (("lus", date(2026, 3, 2), 2), ("evaluation", date(2026, 9, 7), 4)):
        record = services.start_conversation(
            ui_repo, packs.default, org.leader.id, kind=kind, held_on=held_on
        )
        content = services.conversation_content(ui_repo.conversations.detail(record.id))
        for expectation in content.ordered_expectations():
            ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=score)
        ui_repo.conversations.set_status(record.id, "completed")
    for lang, expected in (("en", ["Mar", "2026", "Sep", "2026"]), ("da", ["03.2026", "09.2026"])):
        app = make_app(lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            app.open_person(org.leader.id)
            await settle(app, pilot)
            header = app.screen.query_one("#person-trend").render().plain.splitlines()[0]
            # as the language writes a month (it was ISO's 2026-03 in both)
            assert header.split() == expected, header


async def test_the_trend_arrow_is_the_change_of_the_years_shown(
    make_app, org, ui_repo, packs
) -> None:
    """Five yearly LUS: 1 in 2022, then 4, 4, 3, 3. The last four years are shown and went
    down, but the arrow said up (it compared with 2022, no longer on the screen)."""
    from datetime import date

    from pipeline_tui import services

    for year, score in zip(range(2022, 2027), (1, 4, 4, 3, 3), strict=True):
        record = services.start_conversation(
            ui_repo, packs.default, org.leader.id, kind="lus", held_on=date(year, 3, 2)
        )
        content = services.conversation_content(ui_repo.conversations.detail(record.id))
        for expectation in content.ordered_expectations():
            ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=score)
        ui_repo.conversations.set_status(record.id, "completed")
    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_person(org.leader.id)
        await settle(app, pilot)
        lines = app.screen.query_one("#person-trend").render().plain.splitlines()
        assert lines[0].split() == ["2023", "2024", "2025", "2026"], lines[0]
        assert all(line.endswith("↓") for line in lines[1:]), lines


@pytest.mark.parametrize(("lang", "planned"), [("en", "Planned"), ("da", "Planlagt")])
async def test_a_conversation_dated_ahead_reads_planned_as_on_home(
    make_app, org, ui_repo, packs, lang, planned
) -> None:
    """A MUS booked for next week that the person began preparing through their link (their
    first answer moves it to in progress) read "In progress" on their page, and a booked
    one not yet begun "Draft", while home said "MUS · Planned" for the same conversation.
    The page names both as home does."""
    from datetime import date

    from pipeline_tui import services

    begun = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2026, 12, 3)
    )
    expectation = services.conversation_content(
        ui_repo.conversations.detail(begun.id)
    ).ordered_expectations()[0]
    ui_repo.conversations.set_rating(begun.id, expectation.id, "self", score=3)
    assert ui_repo.conversations.get(begun.id).status == "in_progress"
    services.start_conversation(ui_repo, packs.default, org.leader.id, held_on=date(2026, 12, 7))
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        for person in (org.employee, org.leader):
            await settle(app, pilot)
            app.open_person(person.id)
            await settle(app, pilot)
            table = app.screen.query_one("#person-conversations", DataTable)
            _header, *body = drawn(table)
            assert len(body) == 1 and planned in body[0], body
            assert t("status.in_progress") not in body[0] and t("status.draft") not in body[0]
            await pilot.press("escape")


@pytest.mark.parametrize("lang", ["en", "da"])
async def test_a_promotion_is_no_decline_in_the_trend(make_app, org, ui_repo, packs, lang) -> None:
    """A MUS in 2026 rated 4 throughout; promoted to lead others, the LUS a year later is
    rated 2 against the new layer's expectations. Every dimension the two share showed "↓",
    as if the person had got worse at all of it: the arrows compare one layer only, and
    the page says from when the new layer's figures stand."""
    from datetime import date

    from pipeline_tui import services

    person = org.employee.id
    for layer, kind, year, score in (
        ("lead_self", "mus", 2026, 4),
        ("lead_others", "lus", 2027, 2),
    ):
        ui_repo.people.update(person, layer=layer)
        record = services.start_conversation(
            ui_repo, packs.default, person, kind=kind, held_on=date(year, 3, 2)
        )
        content = services.conversation_content(ui_repo.conversations.detail(record.id))
        for expectation in content.ordered_expectations():
            ui_repo.conversations.set_rating(record.id, expectation.id, "manager", score=score)
        ui_repo.conversations.set_status(record.id, "completed")
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_person(person)
        await settle(app, pilot)
        trend = app.screen.query_one("#person-trend").render().plain
        lines = trend.splitlines()
        assert lines[0].split() == ["2026", "2027"], lines[0]
        assert "↓" not in trend and "↑" not in trend, trend
        said = t("person.trend_layer_changed", since="2027", layer=app.layer_names()["lead_others"])
        assert " ".join(said.split()) in " ".join(trend.split()), trend
