"""The print dialog: `p` on the sign-off step opens it; a format and a file chosen there
write the plan, and the app says where it went (or why not)."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from pilot_helpers import settle, until
from textual.widgets import Input, Select, Static

from pipeline_tui import services
from pipeline_tui.tui.screens.print_dialog import PrintDialog


def _signed_plan(ui_repo, packs, person_id: int) -> int:
    record = services.start_conversation(
        ui_repo, packs.default, person_id, held_on=date(2026, 11, 2)
    )
    ui_repo.conversations.update(record.id, step="signoff")
    goal = ui_repo.plans.add_goal(
        record.id, "Uddeleger vagtplanen", success_criterion="Koordinatorerne ejer den"
    )
    ui_repo.plans.add_action(goal.id, "Lær koordinatorerne op", owner="Anna Berg")
    return record.id


async def _open_dialog(app, pilot, conversation_id: int) -> PrintDialog:
    await pilot.pause()
    app.open_conversation(conversation_id)
    await settle(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    assert isinstance(app.screen, PrintDialog)
    return app.screen


def _messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_p_opens_dialog_and_html_goes_to_the_suggested_file(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """p opens the dialog; HTML chosen by keys goes to the suggested 0600 file, path shown."""
    monkeypatch.chdir(tmp_path)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        select = dialog.query_one("#print-format", Select)
        assert select.value == "pdf" and select.has_focus
        await pilot.press("enter", "down", "enter")  # the list: PDF, HTML, ...
        await settle(app, pilot)
        assert select.value == "html"
        suggested = Path(dialog.query_one("#print-file", Input).value)
        documents = Path(os.environ["XDG_DOCUMENTS_DIR"]) / "pipeline-tui"  # not the cwd
        assert suggested == documents / "udviklingsplan-anna-berg-2026-11-02.html"
        await pilot.click("#print")
        await settle(app, pilot)
        assert not isinstance(app.screen, PrintDialog)
        assert suggested.is_file()
        assert stat.S_IMODE(suggested.stat().st_mode) == 0o600
        source = suggested.read_text(encoding="utf-8")
        assert "Anna Berg" in source and "Lær koordinatorerne op" in source
        assert any(str(suggested.resolve()) in message for message in _messages(app))


async def test_a_typed_file_gets_the_chosen_format(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """A relative file name typed in the dialog gets the chosen Markdown on enter."""
    monkeypatch.chdir(tmp_path)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    target = tmp_path / "mappe" / "planen.md"
    target.parent.mkdir()
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-format", Select).value = "markdown"
        await settle(app, pilot)
        field = dialog.query_one("#print-file", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"mappe/planen.md")  # relative to the working folder
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, PrintDialog)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# Development plan")
        assert "Uddeleger vagtplanen" in text
        assert any(str(target) in message for message in _messages(app))


async def test_an_unwritable_file_is_explained_and_the_dialog_stays(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """A file in a folder that does not exist: the dialog says why and stays open, no file."""
    monkeypatch.chdir(tmp_path)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        folder = tmp_path / "out"
        folder.mkdir()
        dialog.query_one("#print-file", Input).value = str(folder / "missing" / "plan.pdf")
        await pilot.click("#print")
        await settle(app, pilot)
        assert app.screen is dialog
        error = str(dialog.query_one("#print-error", Static).content)
        assert "missing" in error and "does not exist" in error
        assert list(folder.iterdir()) == []
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, PrintDialog)


async def test_why_a_plan_cannot_be_printed_is_said_in_danish(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """In Danish the reasons are Danish (they came in the file layer's English): a folder
    that does not exist, and a file where the folder should be."""
    monkeypatch.chdir(tmp_path)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    a_file = tmp_path / "noter.txt"
    a_file.write_text("ikke en mappe", encoding="utf-8")
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        said = []
        for target in (tmp_path / "mangler" / "plan.pdf", a_file / "plan.pdf"):
            dialog.query_one("#print-file", Input).value = str(target)
            await pilot.click("#print")
            await settle(app, pilot)
            assert app.screen is dialog
            said.append(str(dialog.query_one("#print-error", Static).content))
    assert said == [
        f"Kunne ikke udskrive: mappen {tmp_path / 'mangler'} findes ikke",
        f"Kunne ikke udskrive: {a_file} er en fil, ikke en mappe: plan.pdf kan ikke skrives i den",
    ]
    assert not (tmp_path / "mangler").exists() and a_file.read_text(encoding="utf-8") == (
        "ikke en mappe"
    )


async def test_an_existing_file_is_replaced_only_when_the_user_says_yes(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """Printing onto an existing file asks first: no keeps it byte for byte, yes replaces it."""
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

    monkeypatch.chdir(tmp_path)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    target = tmp_path / "plan.md"
    target.write_bytes(b"my own notes\n")
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-format", Select).value = "markdown"
        await settle(app, pilot)  # the format suggests a file name: type ours after it
        dialog.query_one("#print-file", Input).value = str(target)
        await pilot.click("#print")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert app.screen is dialog and target.read_bytes() == b"my own notes\n"
        await pilot.click("#print")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert not isinstance(app.screen, PrintDialog)
        assert target.read_text(encoding="utf-8").startswith("# Development plan")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_a_plan_printed_while_another_program_holds_the_database_is_said(
    make_app, org, ui_repo, packs, db_file, tmp_path
) -> None:
    """The plan is written; that it could not be noted for an erasure to name is said in a
    warning, not dropped (another program held the database past the 5-s wait)."""
    import sqlite3

    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("en")
    target = tmp_path / "plan.html"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        await pilot.press("enter", "down", "enter")
        dialog.query_one("#print-file", Input).value = str(target)
        holder = sqlite3.connect(db_file, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.click("#print")
            await until(pilot, lambda: not isinstance(app.screen, PrintDialog), "the plan printed")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert target.is_file()
        warnings = [str(n.message) for n in app._notifications if n.severity == "warning"]
        assert warnings == [
            f"{target} could not be recorded in the database (it was busy), "
            "so erasing the person will not name this file"
        ]


async def test_what_the_pdf_cannot_show_is_said(make_app, org, ui_repo, packs, tmp_path) -> None:
    """A goal in Chinese and an emoji: the PDF leaves them out (its font has no glyphs);
    that is said in a warning, with the formats that keep them."""
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    ui_repo.plans.add_goal(conversation_id, "Lær 中文 💪")
    app = make_app("en")
    target = tmp_path / "plan.pdf"
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-file", Input).value = str(target)  # PDF: the default
        await pilot.click("#print")
        await until(pilot, lambda: not isinstance(app.screen, PrintDialog), "the plan printed")
        assert target.is_file()
        warnings = [str(n.message) for n in app._notifications if n.severity == "warning"]
        assert warnings == ["The PDF cannot show 中 文 💪. Print as HTML or Markdown to keep them."]


async def test_f1_in_the_print_dialog_names_esc(make_app, org, ui_repo, packs) -> None:
    """F1 in the print dialog listed no key of its own ("–"); Esc cancels, and says so."""
    from pilot_helpers import screen_text

    from pipeline_tui.tui.i18n import t
    from pipeline_tui.tui.screens.help import HelpScreen

    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_dialog(app, pilot, conversation_id)
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert any(
            line.strip(" │").startswith("esc") and t("key.dialog.cancel") in line
            for line in screen_text(app).splitlines()
        )


async def test_the_notice_shows_the_whole_path_at_80x24(
    make_app, org, ui_repo, packs, tmp_path
) -> None:
    """At 80×24 the notice after printing could end one line short: the path stopped at
    '...-2026-11-23' with no '.pdf'. The notices' rack left room for a scroll bar, so a
    notice was drawn two columns narrower than it was measured, and a path that just filled
    its lines at the measured width needed one line more than it was given."""
    from pilot_helpers import screen_text
    from textual.widgets._toast import Toast

    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    folder = f"{tmp_path.resolve()}/"
    # a notice is 45 columns of text at 80 wide, was drawn 43: a path a little longer than
    # two (or three, four) lines of 43 fitted in as many lines of 45, and lost its end
    length = next(n * 43 + 2 for n in range(2, 9) if n * 43 + 2 > len(folder) + 12)
    target = Path(folder + "plan-" + "x" * (length - len(folder) - 9) + ".pdf")
    app = make_app("da")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-file", Input).value = str(target)
        await pilot.click("#print")
        await until(pilot, lambda: bool(app.screen.query(Toast)), "the notice")
        await pilot.pause(0.3)  # the notice mounted and laid out
        assert target.is_file()
        toast = app.screen.query_one(Toast)
        lines = screen_text(app).splitlines()[toast.region.y : toast.region.bottom]
        shown = "".join(
            line[toast.content_region.x : toast.content_region.right].strip() for line in lines
        )
        assert shown.endswith(str(target)), shown


async def test_a_file_name_with_square_brackets_is_said_as_typed(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """A file typed with square brackets ('plan [reverse]2026[on red].html') was written, and
    the notice saying where took the brackets as markup: it named a file that is not there
    ('plan 2026.html'), and '[/]' in a path (folders 'a [' and '] b') ended the app with an error
    (MarkupError). It now says the path as typed."""
    from textual.content import Content

    monkeypatch.chdir(tmp_path)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    target = tmp_path / "plan [reverse]2026[on red].html"
    app = make_app("en")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-format", Select).value = "html"
        await settle(app, pilot)
        dialog.query_one("#print-file", Input).value = str(target)
        await pilot.click("#print")
        await until(pilot, lambda: app.screen is not dialog, "printed")
        await settle(app, pilot)
        said = [Content.from_markup(message).plain for message in _messages(app)]
        assert any(str(target) in message for message in said), said
        assert app.is_running
    assert target.exists()


async def test_a_typed_file_is_kept_when_the_format_or_language_changes(
    make_app, org, ui_repo, packs, tmp_path
) -> None:
    """A file typed first and the language or format chosen after: the dialog put its own
    suggestion back (the documents folder, its own name) over what was typed, so the plan
    went elsewhere than the user wrote. The typed folder and name are kept; the extension
    follows the format, and the usual name typed into another folder follows the language."""
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        field = dialog.query_one("#print-file", Input)
        language = dialog.query_one("#print-language", Select)
        field.focus()
        await pilot.press("ctrl+u", *f"{tmp_path}/min plan.pdf")
        await pilot.press("shift+tab", "enter", "down", "enter")  # the language: English
        await settle(app, pilot)
        assert language.value == "en"
        assert field.value == f"{tmp_path}/min plan.pdf"
        dialog.query_one("#print-format", Select).value = "markdown"
        await settle(app, pilot)
        assert field.value == f"{tmp_path}/min plan.md"

        field.value = f"{tmp_path}/plan-{org.leader.id}"  # no extension: left as typed
        dialog.query_one("#print-format", Select).value = "html"
        await settle(app, pilot)
        assert field.value == f"{tmp_path}/plan-{org.leader.id}"

        field.value = f"{tmp_path}/development-plan-anna-berg-2026-11-02.html"
        language.value = "da"
        await settle(app, pilot)
        assert field.value == f"{tmp_path}/udviklingsplan-anna-berg-2026-11-02.html"

        field.value = f"{tmp_path}/min plan.html"
        await pilot.click("#print")
        await until(pilot, lambda: app.screen is not dialog, "printed")
    assert (tmp_path / "min plan.html").read_text(encoding="utf-8").count("Udviklingsplan") >= 1


async def test_a_folder_typed_as_the_file_gets_the_plan_under_its_usual_name(
    make_app, org, ui_repo, packs, tmp_path
) -> None:
    """A folder typed where the file goes: the dialog asked whether to replace the folder
    ("… findes allerede. Vil du erstatte den?"), and a yes ended in "er en mappe". The plan
    now goes into the folder under its usual name, as `plan print -o FOLDER` does; a plan
    already there is replaced only when the user says yes."""
    from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    folder = tmp_path / "planer"
    folder.mkdir()
    target = folder / "udviklingsplan-anna-berg-2026-11-02.pdf"
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-file", Input).value = str(folder)
        await pilot.click("#print")
        await until(pilot, lambda: app.screen is not dialog, "printed")
        assert not isinstance(app.screen, ConfirmScreen)
        assert target.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert any(str(target) in message for message in _messages(app))

        target.write_bytes(b"underskrevet udgave\n")
        await pilot.press("p")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, PrintDialog)
        dialog.query_one("#print-file", Input).value = str(folder)
        await pilot.click("#print")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(target) in str(app.screen.query_one("#confirm-question").content)
        await pilot.press("n")
        await settle(app, pilot)
    assert target.read_bytes() == b"underskrevet udgave\n"


async def test_a_file_name_too_long_for_the_system_is_said_in_the_dialog(
    make_app, org, ui_repo, packs, tmp_path
) -> None:
    """A file name longer than the system allows (a pasted URL as the name): looking
    whether it was there already raised OSError on the app's thread, which ended the app
    with an error. The dialog now says why the plan cannot be written, and stays open."""
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    target = tmp_path / ("https-intranet-example-dk-" + "a" * 300 + ".pdf")
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-file", Input).value = str(target)
        await pilot.click("#print")
        await settle(app, pilot)
        assert app.is_running and app.screen is dialog
        error = str(dialog.query_one("#print-error", Static).content)
        assert error.startswith("Kunne ikke udskrive:") and "for langt" in error, error
    assert list(tmp_path.glob("https-*")) == []


async def test_a_file_named_for_another_format_is_refused_before_anything_is_written(
    make_app, org, ui_repo, packs, tmp_path
) -> None:
    """PDF chosen (the default) and plan.txt typed: the dialog wrote the PDF's bytes into
    plan.txt, which opened as nonsense in an editor. As `plan print --format pdf -o plan.txt`
    does, it now says that the name does not fit the format and writes nothing."""
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        dialog.query_one("#print-file", Input).value = str(tmp_path / "plan.txt")
        await pilot.click("#print")
        await settle(app, pilot)
        assert app.screen is dialog
        assert str(dialog.query_one("#print-error", Static).content) == (
            "Navnet ender på .txt, som ikke passer til formatet PDF: giv filen et navn, der ender "
            "på .pdf, eller vælg et andet format."
        )
        assert not (tmp_path / "plan.txt").exists()
        dialog.query_one("#print-format", Select).value = "text"  # the name's own format
        await settle(app, pilot)
        assert dialog.query_one("#print-file", Input).value == str(tmp_path / "plan.txt")
        await pilot.click("#print")
        await until(pilot, lambda: app.screen is not dialog, "printed")
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8").startswith("Udviklingsplan")


async def test_a_file_name_the_system_cannot_take_is_said_and_the_app_stays(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """A page of text pasted into the file field by mistake (a name too long for the
    system) or "~colleague/plan.pdf" for a user the machine does not have: enter ended the
    whole app with "unexpected error" (exit 1). The dialog says why and stays open."""
    monkeypatch.chdir(tmp_path)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        field = dialog.query_one("#print-file", Input)
        folder = tmp_path / "out"
        folder.mkdir()
        for typed, reason in (
            (str(folder / ("Linje 1: Lorem ipsum dolor sit amet, æøå " * 60)), "for langt"),
            ("~ingen-saadan-bruger-her/plan.pdf", "ingen bruger ved navn ingen-saadan-bruger-her"),
        ):
            field.value = typed
            field.focus()
            await pilot.press("enter")
            await settle(app, pilot)
            assert app.is_running and app.screen is dialog
            error = str(dialog.query_one("#print-error", Static).content)
            assert error.startswith("Kunne ikke udskrive") and reason in error, error
        assert list(folder.iterdir()) == []
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, PrintDialog)


async def test_a_name_that_promises_another_format_is_refused(
    make_app, org, ui_repo, packs, tmp_path, monkeypatch
) -> None:
    """PDF chosen and the file named "udviklingsplan.docx" (to edit it in Word) or "plan.html":
    a PDF was written into it, which neither Word nor a browser opens. The dialog now says
    so and stays open; a name that fits is written."""
    folder = tmp_path / "planer"
    folder.mkdir()
    monkeypatch.chdir(folder)
    conversation_id = _signed_plan(ui_repo, packs, org.leader.id)
    app = make_app("da")
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _open_dialog(app, pilot, conversation_id)
        assert dialog.query_one("#print-format", Select).value == "pdf"
        field = dialog.query_one("#print-file", Input)
        error = dialog.query_one("#print-error", Static)
        for name, said in (
            ("udviklingsplan.docx", "Programmet kan ikke skrive .docx-filer"),
            ("plan.html", "Navnet ender på .html, som ikke passer til formatet PDF"),
        ):
            field.focus()
            field.value = ""
            await pilot.press(*name, "enter")
            await settle(app, pilot)
            assert app.screen is dialog
            assert said in str(error.content)
            assert "ender på .pdf" in str(error.content)
            assert list(folder.iterdir()) == []
        field.value = ""
        await pilot.press(*"plan.pdf", "enter")
        await until(pilot, lambda: app.screen is not dialog, "printed")
        assert (folder / "plan.pdf").read_bytes().startswith(b"%PDF-")
