"""Square brackets in what people type are shown as typed, in the app's markup.

Textual's own `escape` left "[AMU]" (a word in capitals in brackets) to be read as a
style: "Kursus [AMU] i ledelse" showed as "Kursus  i ledelse", "[Bilag 2]" vanished,
"[$accent]" coloured the rest, and "[31m" left the label's closing "[/b]" on screen.
"""

from __future__ import annotations

from datetime import date

from pilot_helpers import settle
from textual.content import Content
from textual.geometry import Region

from pipeline_tui import services
from pipeline_tui.tui.markup import escape
from pipeline_tui.tui.screens.person import PersonScreen

TYPED = (
    "Kursus [AMU] i ledelse",
    "Se [Bilag 2]",
    "[$accent] farve",
    "Boss[31mRed",
    "mappe\\[x]",
    "slutter med \\",
)


def test_escaped_text_reads_back_as_typed_in_any_markup() -> None:
    for text in TYPED:
        for markup in ("[b]{}[/b]", "{}", "[dim]– {}[/dim] [b]x[/b]"):
            shown = Content.from_markup(markup.format(escape(text))).plain
            expected = markup.replace("[b]", "").replace("[/b]", "").replace("[dim]", "")
            assert shown.replace("\u2060", "") == expected.replace("[/dim]", "").format(text)


async def test_a_goal_with_brackets_shows_whole_on_the_person_page(
    make_app, ui_repo, packs, org
) -> None:
    record = services.start_conversation(
        ui_repo, packs.default, org.employee.id, held_on=date(2026, 3, 2),
        conducted_by="Anna Berg",
    )  # fmt: skip
    ui_repo.plans.add_goal(record.id, "Kursus [AMU] i ledelse [Bilag 2]")
    ui_repo.plans.sign(record.id, "person")
    ui_repo.plans.sign(record.id, "conductor")
    app = make_app("da")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_person(org.employee.id)
        await settle(app, pilot)
        assert isinstance(app.screen, PersonScreen)
        lines = [
            "".join(segment.text for segment in strip if not segment.control)
            for widget in app.screen.walk_children()
            if widget.display and widget.size.area
            for strip in widget.render_lines(Region(0, 0, *widget.size))
        ]
        assert any("Kursus [AMU] i ledelse [Bilag 2]" in line for line in lines), lines
