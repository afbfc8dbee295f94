"""Print a conversation's plan: choose the format and the file, and see where it went."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from pipeline_tui.config import documents_dir, ensure_private_dir
from pipeline_tui.errors import UserError
from pipeline_tui.texts import LANGUAGES, Locale
from pipeline_tui.tui.i18n import binding, language, locale, t
from pipeline_tui.tui.markup import escape
from pipeline_tui.tui.screens.base import PipelineModal
from pipeline_tui.tui.widgets.paste import PlainInput

FORMAT_NAMES = {"pdf": "PDF", "html": "HTML", "markdown": "Markdown", "text": "print.format.text"}
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}
# The extensions that name one of the formats (as `plan print -o` reads them)
FILE_FORMATS = {"txt": "text", "md": "markdown", "markdown": "markdown", "html": "html"}
FILE_FORMATS |= {"htm": "html", "pdf": "pdf"}


def default_name(person: str, held_on: str, lang: str, fmt: str) -> str:
    from pipeline_tui.files import safe_name

    stem = "udviklingsplan" if lang == "da" else "development-plan"
    return f"{stem}-{safe_name(person)}-{held_on}.{EXTENSIONS[fmt]}"


class PrintDialog(PipelineModal[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS = [binding("escape", "cancel", id="dialog.cancel")]  # named: F1 lists it

    def __init__(self, conversation_id: int, folder: Path | None = None) -> None:
        super().__init__(classes="dialog")
        self.conversation_id = conversation_id
        # The documents folder (config.documents_dir), not wherever the app was started.
        self.folder = folder or documents_dir()
        self._person = ""
        self._held_on = ""
        self._suggested = ""  # the file the dialog last put in the field

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box", id="print-box"):
            yield Static(t("print.title"), classes="dialog-title")
            yield Label(t("print.format"), classes="field-label")
            yield Select(
                [(t(name) if key == "text" else name, key) for key, name in FORMAT_NAMES.items()],
                value="pdf",
                allow_blank=False,
                id="print-format",
                compact=True,
            )
            yield Label(t("setup.language"), classes="field-label")
            yield Select(
                [(LANGUAGE_NAMES[lang], lang) for lang in LANGUAGES],
                value=language(),
                allow_blank=False,
                id="print-language",
                compact=True,
            )
            yield Label(t("print.file"), classes="field-label")
            yield PlainInput(id="print-file", compact=True)
            yield Static("", id="print-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.cancel"), id="cancel")
                yield Button(t("print.print"), id="print", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#print-format", Select).focus()
        self._load()

    @work(thread=True, exclusive=True, group="print-load", exit_on_error=False)
    def _load(self) -> None:
        record = self.services.repo().conversations.get(self.conversation_id)
        self.app.call_from_thread(self._loaded, record.person_name, record.held_on.isoformat())

    def _loaded(self, person: str, held_on: str) -> None:
        self._person, self._held_on = person, held_on
        self._suggest()

    def _choice(self, selector: str) -> str:
        return str(self.query_one(selector, Select).value)

    def _default_file(self) -> str:
        return default_name(
            self._person,
            self._held_on,
            self._choice("#print-language"),
            self._choice("#print-format"),
        )

    def _suggest(self) -> None:
        """The suggested file follows the format and the language; a file the user typed is
        kept, its extension following the format (and the suggested name, the language)."""
        if not self._person:
            return
        field = self.query_one("#print-file", Input)
        typed = field.value.strip()
        name = self._default_file()
        suggested, self._suggested = self._suggested, str(self.folder / name)
        if not typed or typed == suggested:
            field.value = self._suggested
            return
        path = Path(typed)
        if path.name == Path(suggested).name:  # another folder, the usual name
            field.value = str(path.with_name(name))
        elif path.suffix.lower().lstrip(".") in FILE_FORMATS:
            field.value = str(path.with_suffix(Path(name).suffix))

    @on(Select.Changed)
    def _changed(self, _event: Select.Changed) -> None:
        self._suggest()

    @on(Button.Pressed, "#print")
    @on(Input.Submitted, "#print-file")
    def action_print(self) -> None:
        from pipeline_tui.files import home_path
        from pipeline_tui.texts import os_error, refusal

        typed = self.query_one("#print-file", Input).value.strip()
        try:  # a text pasted in by mistake, "~colleague/…": said here, never a crash
            path = home_path(typed)
            there = bool(path.name) and (path.exists() or path.is_symlink())
        except (OSError, UserError) as exc:
            if isinstance(exc, UserError):
                reason = refusal(exc, locale())
            else:
                reason = os_error(exc.errno, exc.strerror or str(exc), locale())
            self.query_one("#print-error", Static).update(t("print.failed", error=escape(reason)))
            return
        if not path.name:
            return
        fmt, lang = self._choice("#print-format"), self._choice("#print-language")
        wrong = self._wrong_name(path, fmt)
        if wrong:  # a PDF in plan.txt or plan.docx opens as nonsense
            self.query_one("#print-error", Static).update(wrong)
            self.query_one("#print-file", Input).focus()
            return
        # a folder: the plan gets its usual name there, as `plan print -o FOLDER`
        if there and path.is_dir() and self._person:
            path = path / self._default_file()
            self.query_one("#print-file", Input).value = str(path)
            try:
                there = path.exists() or path.is_symlink()
            except OSError:  # folder and name together too long: the write says why
                there = False  # and the write never replaces a file it was not told to
        if there:
            from pipeline_tui.tui.dialogs.confirm import ConfirmScreen

            def answered(replace: bool | None) -> None:
                if replace:
                    self._print(path, fmt, lang, locale(), overwrite=True)

            question = t("print.replace", path=escape(str(path)))
            self.app.push_screen(ConfirmScreen(question, default=False), answered)
            return
        self._print(path, fmt, lang, locale())

    @staticmethod
    def _wrong_name(path: Path, fmt: str) -> str:
        """What is wrong with a file name that promises another format than the one chosen
        ("plan.docx" for Word, "plan.html" with PDF chosen): a PDF was written into it, which
        nothing opens by that name; "" when the name fits (or names no format)."""
        from pipeline_tui.report import BY_EXTENSION, EXTENSIONS, NOT_WRITTEN

        ext = path.suffix.lower().lstrip(".")
        name = FORMAT_NAMES[fmt]
        shown = t(name) if fmt == "text" else name
        if ext in NOT_WRITTEN:
            return t("print.not_written", ext=escape(ext), want=EXTENSIONS[fmt])
        if ext in BY_EXTENSION and BY_EXTENSION[ext] != fmt:
            return t("print.wrong_name", ext=escape(ext), format=shown, want=EXTENSIONS[fmt])
        return ""

    @work(thread=True, exclusive=True, group="print", exit_on_error=False)
    def _print(self, path: Path, fmt: str, lang: str, loc: Locale, overwrite: bool = False) -> None:
        """Print in `lang` on a worker thread; say how it went in `loc` (the app's language)."""
        from pipeline_tui import services
        from pipeline_tui.files import write_private
        from pipeline_tui.report import render
        from pipeline_tui.report.plan import for_print, plan_document

        try:
            data = services.plan_input(self.services.repo(), self.conversation_id)
            data = for_print(data, self.pipeline.settings)
            if path.parent == documents_dir():  # made on first use; a folder typed must exist
                ensure_private_dir(path.parent)  # owner-only, as every folder the app makes
            plan = plan_document(data, lang)
            document = render(plan, fmt)
            written = write_private(path, document, overwrite=overwrite)
            missing = ""
            if fmt == "pdf":
                from pipeline_tui.report.pdf import unprintable

                missing = unprintable(plan)
            from pipeline_tui.store.copies import note_copy

            noted = note_copy(
                self.services.settings.db,
                "plan",
                written,
                data.person.id,
                engine=self.services.repo().engine,
            )
        except (UserError, OSError, ImportError) as exc:
            from pipeline_tui.texts import os_error, refusal

            if isinstance(exc, UserError):  # in the app's words, as the command line says it
                reason = refusal(exc, loc)
            elif isinstance(exc, OSError):
                reason = os_error(exc.errno, exc.strerror or str(exc), loc)
            else:
                reason = str(exc)
            self.app.call_from_thread(
                self.query_one("#print-error", Static).update,
                loc.text("print.failed", error=escape(reason)),
            )
            return
        self.app.call_from_thread(
            self.app.notify, loc.text("print.done", path=escape(str(written))), timeout=10
        )
        if missing:  # the PDF has no glyph for them: said, not dropped silently
            self.app.call_from_thread(
                self.app.notify,
                loc.text("print.pdf_missing", chars=missing),
                severity="warning",
                timeout=15,
            )
        if not noted:  # the file stays; an erasure of the person will not name it
            self.app.call_from_thread(
                self.app.notify,
                loc.text("print.not_noted", path=escape(str(written))),
                severity="warning",
                timeout=15,
            )
        self.app.call_from_thread(self.dismiss, written)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
