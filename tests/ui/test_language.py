"""The Danish UI speaks Danish in Textual's own places too: the palette, the screenshot
notice, the print dialog's format names; home and the overview use the same status words.
"""

from __future__ import annotations

import pytest
from pilot_helpers import screen_text, settle, until
from textual import events
from textual.command import CommandPalette
from textual.widgets import Static

from pipeline_tui import services
from pipeline_tui.tui.i18n import t


def palette_titles(palette) -> list[str]:
    return [
        str(option.prompt).splitlines()[0] for option in palette.query_one("CommandList").options
    ]


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_palette_speaks_the_language_with_one_theme_command_per_theme(
    make_app, org, lang
) -> None:
    app = make_app(lang)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        await until(pilot, lambda: len(palette_titles(palette)) > 3, "the commands")
        titles = palette_titles(palette)
        for key in ("cmd.quit", "cmd.help", "cmd.screenshot", "cmd.overview"):
            assert t(key) in titles, (key, titles)
        assert "Theme" not in titles and "Keys" not in titles
        if lang == "da":
            assert "Quit" not in titles and "Screenshot" not in titles
        themes = [title for title in titles if title.startswith(t("cmd.theme", theme=""))]
        assert len(themes) == len(set(themes)) >= 2
        # Its search field speaks the language too (it said "Search for commands…" in
        # Danish), and either language's word for language finds both languages.
        field = palette.query_one("CommandInput")
        assert str(field.placeholder) == t("cmd.search")
        for word in ("sprog", "language"):
            field.value = word
            await until(
                pilot,
                lambda: {t("cmd.lang_da"), t("cmd.lang_en")} <= set(palette_titles(palette)),
                f"both languages for {word!r}",
            )


async def test_a_failed_screenshot_is_said_in_danish(make_app, org) -> None:
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.post_message(
            events.DeliveryFailed(key="k", exception=OSError("full"), name="screenshot")
        )
        await settle(app, pilot)
        shown = [n.message for n in app._notifications]
        assert t("app.screenshot_failed") in shown
        assert "Failed to save screenshot" not in shown


async def test_a_screenshot_is_saved_private_in_the_documents_folder(make_app, org) -> None:
    """At a terminal without ~/Downloads, Textual's delivery said "could not be saved":
    the picture goes where printed plans go, made on first use, readable by its owner only
    (the screen shows people's names and ratings)."""
    import stat

    from pipeline_tui.config import documents_dir

    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        folder = documents_dir()
        assert not folder.exists()
        app.save_screen_picture()
        await settle(app, pilot)
        (picture,) = folder.glob("pipeline-tui-*.svg")
        assert stat.S_IMODE(picture.stat().st_mode) == 0o600
        assert "<svg" in picture.read_text(encoding="utf-8")
        shown = [n.message for n in app._notifications]
        assert t("app.screenshot_saved", path=str(picture)) in shown


async def test_a_screenshot_is_among_the_copies_an_erasure_names(
    make_app, org, db_file, run_cli
) -> None:
    """A picture of the screen shows people's names, ratings and notes, but an erasure did
    not name it among the copies that may still hold the person (backups, exports, printed
    plans were): it is noted in the database as they are, and named."""
    import sqlite3

    from pipeline_tui.config import documents_dir

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.save_screen_picture()
        await settle(app, pilot)
        (picture,) = documents_dir().glob("pipeline-tui-*.svg")

        def noted() -> list[tuple[str, str]]:
            with sqlite3.connect(db_file) as connection:
                return connection.execute("SELECT kind, path FROM copy_made").fetchall()

        await until(pilot, lambda: noted() == [("screenshot", str(picture))], "noted")
    erased = run_cli("--lang", "en", "--db", db_file, "person", "erase", org.leader.id, "--yes")
    assert erased.code == 0, erased.err
    assert f"screenshot: {picture}" in erased.err


async def test_pictures_taken_in_one_second_are_all_kept(make_app, org) -> None:
    """Three pictures at once: three files, named by the program's day (pinned here, as on
    printed plans; it was the wall clock's), the later ones "-2", "-3" (the second was
    refused, its name taken, and "could not be saved" was said)."""
    from pipeline_tui.config import documents_dir

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for _ in range(3):
            app.save_screen_picture()
        await settle(app, pilot)
        names = sorted(p.name for p in documents_dir().glob("pipeline-tui-*.svg"))
        shown = [n.message for n in app._notifications]
    assert t("app.screenshot_failed") not in shown
    assert len(names) == 3 and all(n.startswith("pipeline-tui-2026-11-23-") for n in names)
    by_second: dict[str, int] = {}  # the three may fall into two seconds
    for name in names:
        second = name[: len("pipeline-tui-2026-11-23-HHMMSS")]
        by_second[second] = by_second.get(second, 0) + 1
    assert len(by_second) < 3, names  # made within a second or two, not three
    expected = [
        f"{second}{suffix}.svg"
        for second, count in by_second.items()
        for suffix in ["", *(f"-{i}" for i in range(2, count + 1))]
    ]
    assert names == sorted(expected)


async def test_a_screenshot_that_cannot_be_saved_is_said_in_danish(make_app, org) -> None:
    from pipeline_tui.config import documents_dir

    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        documents_dir().parent.mkdir(parents=True, exist_ok=True)
        documents_dir().write_text("a file where the folder would be", encoding="utf-8")
        app.save_screen_picture()
        await settle(app, pilot)
        shown = [n.message for n in app._notifications]
        assert t("app.screenshot_failed") in shown


async def test_the_print_dialog_names_the_text_format_in_danish(
    make_app, org, ui_repo, packs
) -> None:
    from textual.widgets import Select

    from pipeline_tui import services

    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.print_plan(talk.id)
        await settle(app, pilot)
        select = app.screen.query_one("#print-format", Select)
        names = [str(prompt) for prompt, _value in select._options]
        assert "Tekst" in names and "Tekst / Text" not in names


async def test_home_and_the_overview_use_the_same_status_words(make_app, org) -> None:
    """Nobody has had this year's conversation: both screens say so in the same words."""
    from textual.widgets import DataTable

    from pipeline_tui.tui.widgets.people_table import PeopleTable

    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(PeopleTable)
        home_words = {table._cells(row, 20)[4] for row in table._shown}
        assert home_words == {t("status.due")}
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        due = app.screen.query_one("#ov-due-table", DataTable)
        reasons = {str(due.get_row_at(i)[3]) for i in range(due.row_count)}
        assert reasons == home_words


def footer_line(app) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def test_the_footer_follows_a_switch_of_language_on_every_screen_in_the_stack(
    make_app, org
) -> None:
    """The footers speak through `Screen.active_bindings` (no private Textual state): a
    switch on the overview redraws its footer, and home's below it when it is shown again;
    the keys of Textual's own drop-down list speak the language too."""
    from textual.widgets import Select

    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "New conversation" in footer_line(app)
        app.open_overview()
        await until(pilot, lambda: type(app.screen).__name__ == "OverviewScreen", "overview")
        await settle(app, pilot)
        assert "Refresh" in footer_line(app)
        app.set_language("da")
        await settle(app, pilot)
        await until(pilot, lambda: "Opdater" in footer_line(app), "the Danish footer")
        assert "Refresh" not in footer_line(app)
        app.screen.query(Select).first().focus()
        await pilot.press("enter")  # the drop-down opens: Textual's own key in the footer
        await until(pilot, lambda: "Luk listen" in footer_line(app), "Textual's key in Danish")
        assert "Dismiss" not in footer_line(app)
        await pilot.press("escape")  # the list closes
        await settle(app, pilot)
        assert type(app.screen).__name__ == "OverviewScreen"
        await pilot.press("escape")  # back home
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "home")
        await until(pilot, lambda: "Ny samtale" in footer_line(app), "home's Danish footer")
        assert "New conversation" not in footer_line(app)


async def test_a_switch_of_language_relabels_the_steps_already_open(
    make_app, org, ui_repo, packs
) -> None:
    """The setup step's labels and the comment's hint were drawn once, when the step was
    first opened: after a switch they stayed Danish beside English values (the date's
    label said DD.MM.ÅÅÅÅ over a date written 2026-11-23), and the header kept "LUS med"
    until the conversation was next read."""
    from pipeline_tui import services
    from pipeline_tui.texts import da, en

    talk = services.start_conversation(ui_repo, packs.default, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        app.open_conversation(talk.id)
        await settle(app, pilot)
        await pilot.press("ctrl+right")  # the expectations step, then back: both mounted
        await settle(app, pilot)
        await pilot.press("ctrl+left")
        await settle(app, pilot)
        setup = ("setup.kind", "setup.date", "setup.conducted_by", "setup.language")
        assert all(da.TEXTS[key] in screen_text(app) for key in (*setup, "setup.before"))
        app.set_language("en")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "LUS with Anna Berg" in shown  # the header too
        for key in (*setup, "setup.before"):
            assert en.TEXTS[key] in shown and da.TEXTS[key] not in shown, key
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        shown = screen_text(app)
        assert en.TEXTS["exp.comment_placeholder"] in shown
        assert da.TEXTS["exp.comment_placeholder"] not in shown


async def test_ctrl_c_says_how_to_quit_in_danish(make_app, org) -> None:
    """Ctrl+c (a reflex to quit) showed Textual's own hint in English in the Danish app:
    "Do you want to quit? Press ctrl+q to quit the app"."""
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+c")
        await settle(app, pilot)
        shown = [(n.title, n.message) for n in app._notifications]
        assert shown == [(t("quit.hint_title"), t("quit.hint"))]
        assert "Vil du afslutte?" in t("quit.hint_title")


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Comment (the leader)"), ("da", "Kommentar (lederen)")]
)
async def test_the_comment_is_labelled_with_the_party_in_lower_case(
    make_app, org, ui_repo, packs, lang: str, label: str
) -> None:
    """It said "Comment (The leader)" and "Kommentar (Lederen)": a capital inside a phrase."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="lus")
    ui_repo.conversations.update(record.id, step="expectations")
    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_conversation(record.id)
        await settle(app, pilot)
        shown = str(app.screen.query_one("#exp-comment-label", Static).render())
    assert shown == label


@pytest.mark.demo_data
@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_overviews_missing_and_overdue_say_what_home_says(
    make_app, ui_repo, lang
) -> None:
    """Louise Brandt and Morten Skov (demo) have had no conversation this year and their
    follow-up comes within two weeks: home said "Due this year", the overview's "Missing
    and overdue" tab "Follow-up soon" for the same people. It takes home's order now.
    (A booked conversation after an overdue follow-up is "Overdue · planned" on home only:
    the overview's figures do not know the date booked.)"""
    from textual.widgets import DataTable

    from pipeline_tui.core.due import status_key
    from pipeline_tui.tui.widgets.people_table import PeopleTable

    app = make_app(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(PeopleTable)
        home = {
            row.name: table._cells(row, 30)[4]
            for row in table._shown
            if status_key(row, table.today) != "overdue_planned"
        }
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        due = app.screen.query_one("#ov-due-table", DataTable)
        shown = {str(due.get_row_at(i)[0]): str(due.get_row_at(i)[3]) for i in range(due.row_count)}
        for name in ("Louise Brandt", "Morten Skov"):
            assert shown[name] == home[name] == t("status.due")
        assert {name: word for name, word in shown.items() if name in home} == {
            name: home[name] for name in shown if name in home
        }


@pytest.mark.parametrize("lang", ["da", "en"])
async def test_the_palette_says_nothing_matches_in_the_language(make_app, org, lang) -> None:
    """A search that found no command said Textual's "No matches found" in the Danish app
    (looking for "Forberedelsesark" on a person's page, where there is none); it is said in
    the app's language now."""
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        palette.query_one("CommandInput").value = "zebraovergang"
        await until(pilot, lambda: t("cmd.no_match") in screen_text(app), "the palette's answer")
        if lang == "da":
            assert "No matches" not in screen_text(app)
