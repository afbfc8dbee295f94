"""HR's overview on the demo organisation: opened from home (o) and from the command palette,
a cell of the coverage table and of the heat map drilled down to the people behind it, on to
one person's page; the year, unit and layer filters change the figures.

Every figure the screen shows is checked against `services.overview` on the same database
(the figures themselves are unit-tested by hand in tests/unit), and every drill-down against
the people that figure counts.
"""

from __future__ import annotations

from datetime import date

import pytest
from pilot_helpers import screen_text, settle, tab_to, until
from textual.command import CommandPalette
from textual.widgets import DataTable, Select, Static

from pipeline_tui import services
from pipeline_tui.packs.light import short_name
from pipeline_tui.tui.i18n import number, t
from pipeline_tui.tui.screens.overview import COLUMNS, OverviewScreen, bar
from pipeline_tui.tui.screens.people_list import PeopleListScreen
from pipeline_tui.tui.screens.person import PersonScreen
from pipeline_tui.tui.widgets.people_table import PeopleTable

YEAR = 2026  # the pinned date is 2026-11-23
SIZE = (120, 40)


pytestmark = pytest.mark.demo_data


@pytest.fixture
def demo(ui_repo):
    """The demo organisation in this test's temporary database (copied from one built once)."""
    return ui_repo


def total_line(overview) -> str:
    total = overview.coverage.total
    return t(
        "ov.total",
        people=total.people,
        offered=total.offered,
        offered_pct=f"{total.share(total.offered):.0%}",
        held=total.held,
        signed=total.signed,
        signed_pct=f"{total.share(total.signed):.0%}",
        overdue=total.overdue,
    )


def shown_total(screen) -> str:
    """The total line (the line of conversations per kind below it is checked on its own)."""
    return str(screen.query_one("#ov-total", Static).render()).split("\n")[0]


def table_rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def coverage_rows(rows) -> list[list[str]]:
    return [[str(r.people), str(r.offered), str(r.held), str(r.overdue)] for r in rows]


def shown_coverage(table: DataTable) -> list[list[str]]:
    return [[row[1], row[2], row[3], row[5]] for row in table_rows(table)]


async def drill_to_person(app, pilot, expected_ids: set[int]) -> int:
    """On the drill-down list: it lists exactly `expected_ids`; open the second person."""
    screen = app.screen
    assert isinstance(screen, PeopleListScreen)
    listing = screen.query_one(PeopleTable)
    shown = {row.id for row in listing.rows()}
    assert shown == expected_ids
    assert listing.shown == len(expected_ids)
    await pilot.press("down", "enter")
    await settle(app, pilot)
    person = app.screen
    assert isinstance(person, PersonScreen)
    assert person.person_id in expected_ids
    name = app.services.repo().people.get(person.person_id).name
    await until(pilot, lambda: name in str(person.query_one("#person-head").render()), "the page")
    return person.person_id


async def test_overview_from_home_drills_into_the_coverage_table(make_app, demo, packs) -> None:
    """o on home opens the overview; a coverage cell opens the people it counts, then a person."""
    expected = services.overview(demo, packs.default, YEAR)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        assert shown_total(screen) == total_line(expected)
        units = screen.query_one("#ov-units", DataTable)
        assert shown_coverage(units) == coverage_rows(expected.coverage.by_unit)
        assert shown_coverage(screen.query_one("#ov-layers", DataTable)) == coverage_rows(
            expected.coverage.by_layer
        )

        # The unit with most conversations held, the "held" column, by arrow keys.
        row = max(enumerate(expected.coverage.by_unit), key=lambda item: item[1].held)[0]
        unit = expected.coverage.by_unit[row]
        column = COLUMNS.index("ov.col.held")
        await tab_to(app, pilot, "#ov-units")
        await pilot.press(*["right"] * column, *["down"] * row)
        assert units.cursor_coordinate == (row, column)
        await pilot.press("enter")
        await settle(app, pilot)
        held_there = {
            p.id
            for p in expected.people.values()
            if p.unit == unit.key and expected.years.get(p.id) and expected.years[p.id].held
        }
        assert len(held_there) == unit.held >= 2
        title = str(app.screen.query_one("#people-list-title", Static).render())
        assert title == t("ov.drill", what=f"{unit.key} · {t('ov.col.held')}", n=unit.held)
        await drill_to_person(app, pilot, held_there)

        # Esc goes back the same way.
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert app.screen is screen


async def test_overview_from_the_palette_drills_into_the_heat_map(make_app, demo, packs) -> None:
    """The palette's overview command; a heat-map cell shows the layer's figure and its people."""
    expected = services.overview(demo, packs.default, YEAR)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"overview")
        palette = app.screen
        await until(
            pilot,
            lambda: any(
                t("cmd.overview") in str(option.prompt)
                for option in palette.query_one("CommandList").options
            ),
            "the overview command",
        )
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)

        # The dimensions tab, by keyboard: the tabs, one to the right, then into the table.
        heat = await dimensions_tab(app, pilot)
        await tab_to(app, pilot, "#ov-heat")
        layers = screen._tables["#ov-heat"]
        layer = "lead_others"
        dimension = packs.default.dimensions[1]
        stat = next(
            d.manager
            for d in expected.dimensions
            if d.layer == layer and d.dimension_id == dimension.id
        )
        column = layers.index(layer) + 1
        await pilot.press(*["right"] * column, "down")
        assert heat.cursor_coordinate == (1, column)
        cell = str(heat.get_cell_at(heat.cursor_coordinate))
        assert cell == f"{number(stat.mean, 2)} ({number(stat.spread)})"
        await pilot.press("enter")
        await settle(app, pilot)
        held = {
            p.id
            for p in expected.people.values()
            if p.layer == layer and expected.years.get(p.id) and expected.years[p.id].held
        }
        assert len(held) >= 2
        await drill_to_person(app, pilot, held)


async def choose(app, pilot, select_id: str, value) -> None:
    """Pick a value in a filter by keyboard: open the list, move to it, enter."""
    await tab_to(app, pilot, f"#{select_id}")
    select = app.screen.query_one(f"#{select_id}", Select)
    values = [v for _label, v in select._options]
    steps = values.index(value) - values.index(select.value)
    assert steps > 0
    await pilot.press("enter", *["down"] * steps, "enter")
    await settle(app, pilot)
    assert select.value == value


async def test_filters_change_the_figures(make_app, demo, packs) -> None:
    """Year, unit and layer, each chosen by keyboard, give the figures of that scope."""
    pack = packs.default
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        screen = app.screen
        units = screen.query_one("#ov-units", DataTable)
        before = shown_total(screen)
        assert before == total_line(services.overview(demo, pack, YEAR))

        await choose(app, pilot, "ov-year", YEAR - 1)
        last_year = services.overview(demo, pack, YEAR - 1)
        assert shown_total(screen) == total_line(last_year) != before
        assert shown_coverage(units) == coverage_rows(last_year.coverage.by_unit)

        unit = "Sengeafsnit O2"
        await choose(app, pilot, "ov-unit", unit)
        one_unit = services.overview(demo, pack, YEAR - 1, unit=unit)
        assert shown_total(screen) == total_line(one_unit)
        assert one_unit.coverage.total.people < last_year.coverage.total.people
        assert [row[0] for row in table_rows(units)] == [unit]

        await choose(app, pilot, "ov-layer", "lead_self")
        narrowed = services.overview(demo, pack, YEAR - 1, unit=unit, layer="lead_self")
        assert shown_total(screen) == total_line(narrowed)
        assert narrowed.coverage.total.people < one_unit.coverage.total.people
        layers = screen.query_one("#ov-layers", DataTable)
        assert [row[0] for row in table_rows(layers)] == [app.layer_names()["lead_self"]]


# What the screen draws: the figures above are read from the tables' cells; these read the
# painted lines, as a person sees them.

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def drawn(table: DataTable) -> list[str]:
    """The table's painted lines, header first."""
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def overview_by_key(app, pilot) -> OverviewScreen:
    """Home's ctrl+o, once the app has started: the overview."""
    await settle(app, pilot)
    await pilot.press("ctrl+o")
    await settle(app, pilot)
    assert isinstance(app.screen, OverviewScreen)
    return app.screen


async def dimensions_tab(app, pilot) -> DataTable:
    """The overview's dimensions tab, reached by keyboard (the tabs, one to the right): its
    heat map."""
    await tab_to(app, pilot, "#ov-tabs Tabs")
    await pilot.press("right")
    await settle(app, pilot)
    return app.screen.query_one("#ov-heat", DataTable)


def shown_as(text: str, label: str) -> bool:
    """A name is drawn whole, without its note in brackets, or cut short with an ellipsis
    where the table must give way."""
    if text == label or (short_name(label) != label and text == short_name(label)):
        return True
    return text.endswith("…") and len(text) > 4 and label.startswith(text[:-1])


def assert_drawn_whole(table: DataTable, rows, label) -> None:
    lines = drawn(table)
    header, body = lines[0], lines[1:]
    for key in COLUMNS[1:]:
        assert t(key) in header, f"header cut: {header!r}"
    assert len(body) == len(rows)
    for line, row in zip(body, rows, strict=True):
        name, *figures = [part.strip() for part in line.split("  ") if part.strip()]
        assert shown_as(name, label(row.key)), f"{line!r} does not name {label(row.key)!r}"
        assert bar(row.share(row.signed)) in line, f"bar or percentage missing: {line!r}"
        assert figures[:3] == [str(row.people), str(row.offered), str(row.held)]
        assert figures[-1] == str(row.overdue)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["da", "en"])
async def test_coverage_tables_are_drawn_whole(make_app, demo, packs, lang, size) -> None:
    """Every unit and layer is named, every bar has its percentage, every header fits, at
    80×24 and 120×40 in both languages; also when the screen paints before a refilled table
    has measured itself (what happened in a real terminal when the overview was opened while
    the app was still loading: names and percentages blank)."""
    expected = services.overview(demo, packs.default, YEAR)
    app = make_app(lang)
    async with app.run_test(size=SIZES[size]) as pilot:
        screen = await overview_by_key(app, pilot)
        names = app.layer_names()
        units = screen.query_one("#ov-units", DataTable)
        layers = screen.query_one("#ov-layers", DataTable)

        def check() -> None:
            assert_drawn_whole(units, expected.coverage.by_unit, lambda k: k or "–")
            assert_drawn_whole(layers, expected.coverage.by_layer, lambda k: names.get(k, k))

        check()
        # The results arrive again and a paint comes before the tables go idle.
        screen._show(screen.view, screen._units)
        for table in (units, layers):
            drawn(table)
        await pilot.pause()
        await pilot.pause()
        check()


async def test_narrow_tables_fit_and_widen_again(make_app, demo, packs) -> None:
    """At 80 columns the longest layer name gives way so that the last column fits: its note
    in brackets first ("Leder af sig selv", it was "Leder af sig selv (meda…"); made wider,
    the table shows it whole again."""
    expected = services.overview(demo, packs.default, YEAR)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        layers = app.screen.query_one("#ov-layers", DataTable)
        names = app.layer_names()
        longest = max((names[row.key] for row in expected.coverage.by_layer), key=len)
        assert not any(longest in line for line in drawn(layers))
        assert short_name(longest) != longest
        assert any(f" {short_name(longest)}  " in line for line in drawn(layers)), drawn(layers)
        assert not any("…" in line for line in drawn(layers))
        assert t("ov.col.overdue") in drawn(layers)[0]

        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        assert any(longest in line for line in drawn(layers))
        assert_drawn_whole(layers, expected.coverage.by_layer, lambda k: names.get(k, k))


async def test_overview_switches_language_whole(make_app, demo) -> None:
    """The language command relabels the overview, its title included."""
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert app.screen.sub_title == t("ov.title") == "Overblik"
        app.set_language("en")
        await settle(app, pilot)
        assert app.screen.sub_title == "Overview"
        header = drawn(app.screen.query_one("#ov-units", DataTable))[0]
        assert t("ov.col.people") in header and t("ov.col.people") == "People"


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_down_moves_in_the_table_and_the_filters_are_labelled(make_app, demo, lang) -> None:
    """↓ right after opening moves in the first table (it opened the year's dropdown), and
    each filter says what it filters."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await overview_by_key(app, pilot)
        units = screen.query_one("#ov-units", DataTable)
        await pilot.press("down")
        await settle(app, pilot)
        assert app.focused is units
        assert units.cursor_coordinate.row == 1
        assert not any(select.expanded for select in screen.query(Select))
        filters = screen.query_one("#ov-filters")
        line = "".join(
            screen._compositor.render_strips()[y].text
            for y in range(filters.region.y, filters.region.bottom)
        )
        for key in ("ov.filter.year", "ov.filter.unit", "ov.filter.layer"):
            assert t(key) in line


async def test_overview_opened_while_the_app_still_takes_in_its_pack(make_app, demo, packs) -> None:
    """ctrl+o pressed as the app starts: the overview's data can arrive before the app has
    taken in the loaded pack (its BackendReady message still queued). It crashed to the
    shell on the heat map (seen in tmux on a busy machine); now it draws from the pack the
    data was computed with."""
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.pack = None  # as between the loader's end and its message being handled
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        heat = screen.query_one("#ov-heat", DataTable)
        assert heat.row_count == len(packs.default.dimensions)
        assert app.return_code is None


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_heat_maps_layers_are_named_in_whole_words_at_80_columns(
    make_app, demo, packs, lang
) -> None:
    """Each layer's header holds its name (without the note in brackets) folded between
    words, never cut ("Leder af sig sel", "Leder af medarbe", "Lead self (indiv" before);
    four of the five layers fit 80 columns in Danish (three did)."""
    from pilot_helpers import screen_text

    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await overview_by_key(app, pilot)
        heat = await dimensions_tab(app, pilot)
        layers = screen._tables["#ov-heat"]
        names = {key: short_name(app.layer_names()[key]) for key in layers}
        for key, column in zip(layers, list(heat.columns.values())[1:], strict=True):
            label = column.label.plain
            assert label.split() == names[key].split(), (label, names[key])
            assert all(len(line) <= column.width for line in label.splitlines()), label
        shown = screen_text(app)
        if lang == "da":
            fit = [k for k in layers if all(w in shown for w in names[k].split())]
            assert len(fit) >= 4, shown


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_360_tab_lists_each_evaluations_answers_fewest_first(
    make_app, demo, packs, lang
) -> None:
    """The overview said only the year's total and the lowest evaluation; HR reminding
    raters needs each evaluation: who, when, how many asked and answered. A row opens the
    person's page. The figures are those `services.overview` counts."""
    from textual.widgets import TabbedContent

    expected = services.overview(demo, packs.default, YEAR).responses
    assert len(expected) == 2  # the demo's two evaluations
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await overview_by_key(app, pilot)
        tabs = screen.query_one("#ov-tabs", TabbedContent)
        await tab_to(app, pilot, "#ov-tabs Tabs")
        for _ in range(4):
            await pilot.press("right")
        await settle(app, pilot)
        assert tabs.active == "ov-answers"
        table = screen.query_one("#ov-answers-table", DataTable)
        rows = table_rows(table)
        names = {p.id: p.name for p in demo.people.list()}
        wanted = sorted(expected, key=lambda r: r.answered / r.asked)
        assert [row[0] for row in rows] == [names[r.person_id] for r in wanted]
        assert [row[3:] for row in rows] == [
            [str(r.asked), str(r.answered), f"{round(100 * r.answered / r.asked)}%"] for r in wanted
        ]
        # One still collecting answers (Jakob's, in progress) did not look different from
        # a completed one (Lise's): its state is shown.
        states = {row[0]: row[2] for row in rows}
        assert states == {
            "Jakob Nørgaard": t("status.in_progress"),
            "Lise Kjær": t("status.completed"),
        }
        assert t("status.in_progress") in screen_text(app)  # whole at 80 columns
        [bar_line] = [line for line in screen_text(app).splitlines() if t("ov.tab.due") in line]
        assert bar_line.rstrip().endswith(t("ov.tab.answers")), bar_line  # whole at 80
        table.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.person_id == wanted[0].person_id


async def test_the_360_tab_is_there_only_in_a_year_with_evaluations(make_app, demo) -> None:
    from textual.widgets import TabbedContent

    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        tabs = screen.query_one("#ov-tabs", TabbedContent)
        assert tabs.get_tab("ov-answers").display
        screen.query_one("#ov-year", Select).value = YEAR - 1
        await settle(app, pilot)
        assert not tabs.get_tab("ov-answers").display


async def test_two_leaders_of_leaders_stay_hidden_after_a_second_conversation(
    make_app, demo, packs
) -> None:
    """The demo's two leaders of leaders (Mette and Thomas) are too few to show. Mette's
    second conversation of the year with ratings (begun, not yet revealed) made the ratings
    three: the layer's figures were shown, though they stand for two people."""
    pack = packs.default
    mette = next(p for p in demo.people.list() if p.name == "Mette Holm")
    assert mette.layer == "lead_leaders"
    assert "lead_leaders" in services.overview(demo, pack, YEAR).too_few
    talk = services.start_conversation(demo, pack, mette.id, held_on=date(YEAR, 11, 20))
    content = services.conversation_content(demo.conversations.detail(talk.id))
    for expectation in content.expectations:
        demo.conversations.set_rating(talk.id, expectation.id, "manager", score=1)
    demo.conversations.set_status(talk.id, "in_progress")
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        assert screen.view is not None and "lead_leaders" in screen.view.too_few
        assert "lead_leaders" not in screen.view.weakest
        assert not [d for d in screen.view.dimensions if d.layer == "lead_leaders"]
        name = app.layer_names()["lead_leaders"]
        weakest = str(screen.query_one("#ov-weakest-text", Static).render())
        assert f"{name}\n  {t('ov.too_few', n=3)}" in weakest
        heat = await dimensions_tab(app, pilot)
        column = screen._tables["#ov-heat"].index("lead_leaders") + 1
        cells = [str(heat.get_cell_at((row, column))) for row in range(heat.row_count)]
        assert cells and set(cells) == {t("ov.too_few_short")}


async def test_ctrl_arrows_go_from_tab_to_tab_and_f1_says_so(make_app, demo) -> None:
    """The tabs were reached only by Tab to the tab row and ←/→, which neither the footer
    nor F1 said. Ctrl+←/→ now go from tab to tab from the table, as from step to step in a
    conversation, the new tab's table taking the focus; F1 lists them."""
    from textual.widgets import TabbedContent

    from pipeline_tui.tui.screens.help import HelpScreen

    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await overview_by_key(app, pilot)
        tabs = screen.query_one("#ov-tabs", TabbedContent)
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        assert tabs.active == "ov-dimensions"
        assert app.focused is screen.query_one("#ov-heat", DataTable)
        await pilot.press("ctrl+left", "ctrl+left")
        await settle(app, pilot)
        assert tabs.active == "ov-answers"  # round to the last tab shown

        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert t("key.ov.next_tab") in text and t("key.ov.prev_tab") in text


@pytest.mark.parametrize(("lang", "header"), [("en", "Signed"), ("da", "Underskrevet")])
async def test_the_plan_column_says_signed_as_the_total_line_does(
    make_app, demo, packs, lang, header
) -> None:
    """The column counting people with a signed plan was headed "With a plan" ("Med plan"),
    while the line above said "signed plan": Lise Kjær (HR), whose leadership evaluation
    is completed with a plan of two goals, was counted out of HR's "With a plan", as if she
    had none. The column says what it counts, as the total line does ("signed plan"), in
    one word like its neighbours (offered, held, signed, overdue)."""
    expected = services.overview(demo, packs.default, YEAR)
    lise = next(p for p in demo.people.list() if p.name == "Lise Kjær")
    assert expected.years[lise.id].held and not expected.years[lise.id].signed
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        for table_id in ("#ov-units", "#ov-layers"):
            table = screen.query_one(table_id, DataTable)
            labels = [str(c.label) for c in table.columns.values()]
            assert labels[COLUMNS.index("ov.col.signed")] == header
        assert header.lower() in shown_total(screen)


@pytest.mark.parametrize(("lang", "mus"), [("en", "MUS 11 (10 held)"), ("da", "MUS 11 (10 holdt)")])
async def test_the_kinds_line_says_how_many_were_held(make_app, demo, packs, lang, mus) -> None:
    """The app said "Conversations this year: MUS 11" where `pipeline-tui overview` said
    "MUS 11 (10 held)": the eleven took in Lars Kristiansen's MUS, only planned for next
    week. The app says how many of each kind were held, as the command line does."""
    expected = services.overview(demo, packs.default, YEAR)
    assert expected.kinds["mus"] == (11, 10)
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        line = " ".join(str(screen.query_one("#ov-kinds", Static).render()).split())
        assert mus in line
        for kind, (count, held) in expected.kinds.items():
            name = packs.default.kind(kind).name.get(lang)
            assert t("ov.kind", name=name, n=count, held=held) in line


@pytest.mark.parametrize(("lang", "one"), [("en", "1 person · "), ("da", "1 person · ")])
async def test_a_unit_of_one_person_says_one_person(make_app, demo, packs, lang, one) -> None:
    """The demo's "Anæstesi og operation" has one person: its total line began "1 people ·"
    (da: "1 personer ·"). It says "1 person" with the same figures after it."""
    unit = "Anæstesi og operation"
    expected = services.overview(demo, packs.default, YEAR, unit=unit).coverage.total
    assert expected.people == 1
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await overview_by_key(app, pilot)
        await choose(app, pilot, "ov-unit", unit)
        shown = " ".join(str(screen.query_one("#ov-total", Static).render()).split())
        assert shown.startswith(one), shown
        assert f"{expected.held}" in shown


async def test_back_from_a_person_the_figures_are_those_of_the_database_now(
    make_app, demo, packs
) -> None:
    """Someone on the list of missing people opened, moved to another unit while their page
    is up (as its edit does), and esc: the overview shows the figures as they are now, and
    its cursor is still on the tab and the row it was on."""
    pack = packs.default
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        await pilot.press("ctrl+right", "ctrl+right", "ctrl+right")
        await settle(app, pilot)
        due = screen.query_one("#ov-due-table", DataTable)
        assert screen.query_one("#ov-tabs").active == "ov-due"
        await pilot.press("down")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        moved = app.screen.person_id
        before = demo.people.get(moved).unit
        demo.people.update(moved, unit="Ny enhed")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        now = services.overview(demo, pack, YEAR)
        await until(pilot, lambda: shown_total(screen) == total_line(now), "the new figures")
        units = screen.query_one("#ov-units", DataTable)
        assert [row[0] for row in table_rows(units)] == [r.key for r in now.coverage.by_unit]
        assert "Ny enhed" in [row[0] for row in table_rows(units)]
        assert before != "Ny enhed"
        assert "Ny enhed" in [v for _label, v in screen.query_one("#ov-unit", Select)._options]
        assert screen.query_one("#ov-tabs").active == "ov-due"
        assert due.cursor_row == 1
        assert due.get_row_at(1)[1].plain == "Ny enhed"


async def test_the_unit_chosen_stays_chosen_when_its_last_person_has_left_it(
    make_app, demo, packs
) -> None:
    """The overview filtered on a unit of one person, that person moved to another unit, and
    ctrl+r: the unit stays chosen, with no one in it, and the app goes on."""
    unit = "Anæstesi og operation"
    (only,) = [p for p in demo.people.list() if p.unit == unit]
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        await choose(app, pilot, "ov-unit", unit)
        assert shown_total(screen).startswith("1 person ")
        demo.people.update(only.id, unit="Ny enhed")
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        empty = services.overview(demo, packs.default, YEAR, unit=unit)
        assert empty.coverage.total.people == 0
        await until(pilot, lambda: shown_total(screen) == total_line(empty), "the new figures")
        assert app.screen is screen
        assert screen.query_one("#ov-unit", Select).value == unit
        assert screen.filter_unit == unit


async def test_the_people_with_no_unit_are_named_as_their_row_is(make_app, demo) -> None:
    """Someone with no unit makes a row "–" in the coverage table; enter on its name lists
    them under "–", as the row says it, not under a title that begins with a colon."""
    (first, *_rest) = demo.people.list()
    demo.people.update(first.id, unit="")
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        units = screen.query_one("#ov-units", DataTable)
        labels = [row[0] for row in table_rows(units)]
        assert "–" in labels
        await pilot.press(*["down"] * labels.index("–"), "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PeopleListScreen)
        title = str(app.screen.query_one("#people-list-title", Static).render())
        assert title == t("ov.drill_one", what="–")
        assert {row.id for row in app.screen.query_one(PeopleTable).rows()} == {first.id}


async def test_the_people_behind_a_figure_are_listed_as_they_are_now(make_app, demo) -> None:
    """Someone opened from the overview and moved to another unit on their page: back on the
    overview, the people behind that unit's row are listed with the unit they are in now
    (home's list, read before, had the one they left)."""
    app = make_app("da")
    async with app.run_test(size=SIZE) as pilot:
        screen = await overview_by_key(app, pilot)
        await pilot.press("ctrl+right", "ctrl+right", "ctrl+right", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        moved = app.screen.person_id
        demo.people.update(moved, unit="Ny enhed")
        await pilot.press("escape")
        await settle(app, pilot)
        units = screen.query_one("#ov-units", DataTable)
        await until(
            pilot, lambda: "Ny enhed" in [row[0] for row in table_rows(units)], "the new unit"
        )
        await pilot.press("ctrl+left", "ctrl+left", "ctrl+left")
        await settle(app, pilot)
        row = [row[0] for row in table_rows(units)].index("Ny enhed")
        screen.set_focus(units)
        units.cursor_coordinate = (row, 0)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PeopleListScreen)
        listed = app.screen.query_one(PeopleTable).rows()
        assert [(r.id, r.unit) for r in listed] == [(moved, "Ny enhed")]
