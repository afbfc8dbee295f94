"""The Textual application: services in, screens out.

Threading model (see CONTRIBUTING.md): the UI thread only touches widgets;
database work runs in thread workers or in the autosave writer thread, and
results come back as messages. The storage layer and the content pack load on
a worker after the first paint; `BackendReady` announces them.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.filter import LineFilter
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerFailed, WorkerState

from pipeline_tui import clock, config
from pipeline_tui.config import THEMES, UserPreferences
from pipeline_tui.errors import NotFoundError, StorageError, UserError
from pipeline_tui.recovery import Entry, Journal, now
from pipeline_tui.tui import i18n
from pipeline_tui.tui.autosave import TICK, Job, Saver, SaveState
from pipeline_tui.tui.commands import PipelineCommands
from pipeline_tui.tui.controls import DropControls
from pipeline_tui.tui.i18n import binding
from pipeline_tui.tui.markup import escape
from pipeline_tui.tui.services import Services
from pipeline_tui.tui.themes import register_themes, start_in_theme

if TYPE_CHECKING:
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.records import PersonRow
    from pipeline_tui.store.invitations import InvitationRecord


EXIT_GRACE = 2.0  # seconds the orderly exit gets after a signal before the process just ends
# Seconds ctrl+q waits for the answers still being written before it asks; once writes are
# being refused, the one more try it gives them.
QUIT_FLUSH = 3.0
QUIT_RETRY = 0.5


def _end_soon(grace: float) -> None:
    """End the process after `grace` seconds unless it has ended by then (see `_on_signal`)."""
    time.sleep(grace)
    os._exit(0)


# Absolute, so that a subclass defined elsewhere (a test's) finds them too.
CSS_FILES: list[str | PurePath] = [
    str(Path(__file__).parent / "app.tcss"),
    *sorted(str(p) for p in (Path(__file__).parent / "css").glob("*.tcss")),
]


class PipelineApp(App[None]):
    CSS_PATH = CSS_FILES
    TITLE = "pipeline-tui"
    COMMANDS = App.COMMANDS | {PipelineCommands}
    BINDINGS = [
        # Priority: a dialog (a modal screen) stops the app's other keys, and F1 did
        # nothing in the new-conversation, person and confirmation dialogs.
        binding("f1", "help", id="help", priority=True),
        binding("question_mark", "help", id="help", show=False),
        # The footer has no room for quit at 80 columns; F1 lists it.
        binding("ctrl+q", "quit", id="quit", priority=True, show=False),
        # Declared here (Textual adds an untranslated one otherwise) so the footer's
        # palette key speaks the current language.
        binding("ctrl+p", "command_palette", id="palette", show=False, priority=True),
    ]

    # State for the widgets that watch it, not something the app draws: a change must
    # not repaint the whole screen (`repaint=False`; it did, twice per rating).
    save_state: reactive[SaveState] = reactive(SaveState(), repaint=False)
    backend_ready: reactive[bool] = reactive(False)

    @dataclass
    class BackendReady(Message):
        pass

    @dataclass
    class Deferred(Message):
        """A callback from another thread, to run on the UI thread."""

        callback: Any
        value: Any

    def __init__(
        self,
        services: Services,
        *,
        remember: bool = True,
        preparation: InvitationRecord | None = None,
    ) -> None:
        super().__init__()
        self._drop_controls = DropControls()  # stored text never drives the terminal
        self.services = services
        self.settings = services.settings
        # A preparation link's session (`pipeline-tui serve`): the app shows that one
        # conversation's preparation for that party and nothing else (see `restricted`).
        self.preparation = preparation
        self.remember = remember and preparation is None
        self.exit_message = ""  # printed on stderr after the app has ended (see `end`)
        self.pack: Pack | None = None
        self.people_rows: list[PersonRow] = []
        i18n.set_language(self.settings.language)
        self.title = i18n.t("app.title")
        register_themes(self)
        start_in_theme(self, self.settings.theme)
        self.journal = Journal(config.recovery_file(self.settings.identity))
        self.saver = Saver(self._defer, self._on_save_state, self._write_journal)

    # lifecycle

    @property
    def restricted(self) -> bool:
        """Opened from a preparation link: no home, no people, no overview, no other
        conversation; every way there (keys, palette, links) leads nowhere."""
        return self.preparation is not None

    def _refused(self) -> bool:
        if self.preparation is not None:
            key = "rater.not_here" if self.preparation.for_rater else "prep.not_here"
            self.notify(i18n.t(key), severity="warning")
            return True
        return False

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the one that keeps control characters of stored text
        from the terminal (`tui.controls`)."""
        return [*super().get_line_filters(), self._drop_controls]

    def on_mount(self) -> None:
        if self.services.kind_names:  # the first screen names kinds as the pack does
            i18n.set_kind_names(self.services.kind_names)
        if self.preparation is not None and self.preparation.for_rater:
            from pipeline_tui.tui.screens.rater import RaterScreen

            self.push_screen(RaterScreen(self.preparation))
        elif self.preparation is not None:
            from pipeline_tui.tui.screens.preparation import PreparationScreen

            self.push_screen(
                PreparationScreen(self.preparation.conversation_id, self.preparation.party)
            )
        else:
            from pipeline_tui.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())
        self.set_interval(TICK, self.saver.tick)
        self._install_signal_handlers()
        if self.services.is_ready:
            self._backend_loaded()
        else:
            self.call_after_refresh(self._load_backend)

    @work(thread=True, exclusive=True, group="backend", exit_on_error=False)
    def _load_backend(self) -> None:
        try:
            self.services.load()
        except Exception as exc:
            self.call_from_thread(self._backend_failed, exc)
            return
        self.post_message(self.BackendReady())

    def on_pipeline_app_backend_ready(self, _message: BackendReady) -> None:
        self._backend_loaded()

    def _backend_loaded(self) -> None:
        self.pack = self.services.pack()
        i18n.set_kind_names({k.key: dict(k.name.root) for k in self.pack.kinds})
        self.backend_ready = True
        # Everything loaded so far (Textual, SQLAlchemy, the pack, the people list)
        # lives as long as the app: keep it out of the garbage collector's full
        # passes, which otherwise stall a keystroke by 100-170 ms on a large
        # database, and run those passes less often (benchmarks/run.py, keystrokes).
        gc.freeze()
        gc.set_threshold(10_000, 20, 100)

    def _backend_failed(self, exc: BaseException) -> None:
        if isinstance(exc, StorageError):
            text = i18n.t("app.backend_failed", error=i18n.storage_reason_text(exc.reason))
        elif isinstance(exc, UserError):
            # A content pack changed under the start (saved broken between the quick read
            # of its cached names and the full load): the refusal in its own words, not
            # "the database could not be opened: the content pack …" in English.
            from pipeline_tui.texts import refusal

            said = refusal(exc, i18n.locale())
            text = said[:1].upper() + said[1:]
        else:
            text = i18n.t("app.backend_failed", error=str(exc))
        self.notify(text, severity="error", timeout=30)

    def _install_signal_handlers(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves what was typed first."""
        loop = getattr(self, "_loop", None)
        if loop is None:
            return
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_signal)

    def _on_signal(self) -> None:
        if not self.saver.flush(timeout=5):
            self._keep_unsaved()
        # The terminal may be gone (SIGHUP): restoring it can then block or fail, and
        # the program would live on without a screen. Everything is saved by now, so
        # if the orderly exit has not ended the process soon, end it outright.
        threading.Thread(target=_end_soon, args=(EXIT_GRACE,), daemon=True).start()
        self.exit()

    async def action_quit(self) -> None:
        from pipeline_tui.tui.dialogs.confirm import LeavingQuestion

        asked = next((s for s in self.screen_stack if isinstance(s, LeavingQuestion)), None)
        if asked is not None:  # asked already: it is answered (y/n), not asked again over it
            while self.screen is not asked:  # (F1's help over it: the question shows again)
                self.pop_screen()
            return
        typed = [
            line
            for screen in self.screen_stack
            for line in getattr(screen, "typed_dates_lines", list)()
        ]
        if typed:  # dates typed on a plan that are no dates: never saved, lost on quitting
            self._ask_to_quit(typed)
            return
        await self._quit()

    def _ask_to_quit(self, typed: list[str]) -> None:
        from pipeline_tui.tui.dialogs.confirm import LeavingQuestion
        from pipeline_tui.tui.widgets.date_input import typed_dates_question

        async def answered(yes: bool | None) -> None:
            if yes:
                await self._quit()

        title, question = typed_dates_question(typed, "plan.typed_dates_quit")
        self.push_screen(LeavingQuestion(question, title=title, default=False), answered)

    async def _quit(self) -> None:
        # flush() holds the screen's thread: writes already known to be refused (a lock, a
        # stopped server) are tried once more briefly, so the question comes at once.
        if self.saver.flush(timeout=QUIT_RETRY if self.saver.failing else QUIT_FLUSH):
            self.exit()
            return
        from pipeline_tui.tui.dialogs.confirm import LeavingQuestion

        count = self.saver.unsaved
        if not count:  # only the step moved to waits: no answer to ask about; kept as ever
            self._keep_unsaved()
            self.exit()
            return
        reason = i18n.storage_reason_text(self.saver.failing)
        question = i18n.t("quit.unsaved", n=count, reason=reason)

        def answered(yes: bool | None) -> None:
            if yes:
                self._keep_unsaved()
                self.exit()

        self.push_screen(
            LeavingQuestion(question, title=i18n.t("quit.unsaved_title"), default=False), answered
        )

    def on_unmount(self) -> None:
        self.saver.close()
        if not self.saver.idle:
            self._keep_unsaved()

    # answers that cannot be saved now: kept in the recovery journal

    def _write_journal(self, jobs: list[Job]) -> None:
        """Writer thread: keep every unsaved answer (a write as data) in the journal."""
        self.journal.write(
            Entry(job.scope, job.key, job.op, job.label, now())
            for job in jobs
            if job.op is not None and job.scope is not None
        )

    def _keep_unsaved(self) -> None:
        with contextlib.suppress(OSError):
            self._write_journal(self.saver.unsaved_jobs())

    # failures: a notice in the user's language, never a traceback

    def write_failed(self, error: BaseException) -> None:
        """A write was refused for good (a rule, a bug): say so; the rest goes on."""
        self.report_failure(error)

    def report_failure(self, error: BaseException) -> None:
        """The one place a failed read or write becomes what the user sees.

        A damaged database ends the app with a one-line message and exit code 2; a
        person or conversation erased elsewhere sends the user home with a notice;
        a refused change is a notice; a bug is logged (no personal data) and noticed.
        """
        if isinstance(error, WorkerFailed):
            error = error.error
        if isinstance(error, StorageError) and error.reason == "damaged":
            self._keep_unsaved()
            self.end(2, i18n.t("error.damaged_exit"))
            return
        if isinstance(error, NotFoundError) and error.reason in ("person", "conversation"):
            if self.restricted:  # a link's window: its conversation is gone, the link with it
                # Ended as the link's own check ends it (exit 0, nothing of theirs kept),
                # whichever of the two finds it first.
                self.end(0, i18n.t("prep.closed.gone"))
                return
            self.go_home()
            self.notify(i18n.error_text(error), severity="warning", timeout=10)
            return
        if isinstance(error, UserError):
            self.notify(i18n.error_text(error), severity="warning", timeout=10)
            return
        from pipeline_tui.errorlog import record

        log = record(error)
        if self.restricted:  # a link's window: the log is a file on the server, not theirs
            log = None
        text = i18n.t("error.unexpected", log=log) if log else i18n.t("error.unexpected_nolog")
        self.notify(text, severity="error", timeout=20)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_failure(event.worker.error)

    def _handle_exception(self, error: Exception) -> None:
        """Anything unhandled: Textual would print a traceback with local variables (SQL,
        names, notes) on the user's terminal. Log it without them and end with one line."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if isinstance(cause, StorageError) and cause.reason == "damaged":
            code, message = 2, i18n.t("error.damaged_exit")
        elif isinstance(cause, UserError):
            code, message = 2, f"pipeline-tui: {i18n.error_text(cause)}"
        else:
            from pipeline_tui.errorlog import record

            log = record(cause)
            code = 1
            message = "pipeline-tui: " + (
                i18n.t("error.unexpected", log=log) if log else i18n.t("error.unexpected_nolog")
            )
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self._keep_unsaved()
        self.end(code, message)

    def end(self, code: int, message: str) -> None:
        """Stop with exit code `code`; `message` (one line) is printed once the terminal is
        back to normal (`tui.run.run_app`). The first reason to end is the one told: what
        fails while the app is already ending (a screen mounting as it goes) is its
        consequence, logged but not said instead (a damaged file ended with exit code 1)."""
        if self.exit_message:
            return
        self.exit_message = message
        self.exit(return_code=code)

    # autosave plumbing

    def _defer(self, callback: Any, value: Any) -> None:
        self.post_message(self.Deferred(callback, value))

    def on_pipeline_app_deferred(self, message: Deferred) -> None:
        message.callback(message.value)

    def _on_save_state(self, state: SaveState) -> None:
        self.save_state = state

    # language and theme

    def set_language(self, lang: str) -> None:
        """Switch the app and the content to `lang`, remember it, and redraw the screens."""
        i18n.set_language(lang)
        self.settings = replace(self.settings, language=lang)
        self.title = i18n.t("app.title")
        self.saver.flush()
        for screen in self.screen_stack:
            screen.refresh_bindings()
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()
        self.refresh_bindings()
        self._remember()
        self.notify(i18n.t("app.language_set"))

    def set_theme(self, theme: str) -> None:
        if theme in THEMES:
            self.theme = theme
            self._remember()

    def _remember(self) -> None:
        if self.remember:
            # The rest of the file (the organisation's name for print) is kept.
            replace(UserPreferences.load(), language=i18n.language(), theme=self.theme).save()

    # actions

    def action_command_palette(self) -> None:
        """Textual's palette, its search field's hint and its "no match" in the app's
        language."""
        from textual.command import CommandPalette

        from pipeline_tui.tui.commands import SpokenPalette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                SpokenPalette(id="--command-palette", placeholder=i18n.t("cmd.search"))
            )

    def action_help_quit(self) -> None:
        """Ctrl+c (a reflex to quit) says how to quit, in the app's language: Textual's own
        hint, "Do you want to quit? Press ctrl+q to quit the app", was English in Danish."""
        self.notify(i18n.t("quit.hint"), title=i18n.t("quit.hint_title"))

    def action_help(self) -> None:
        from pipeline_tui.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()  # F1 again closes it (F1 comes here first: priority)
        else:
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Any) -> Iterable[SystemCommand]:
        """Textual's own palette commands in the app's language.

        Its Theme command is left out (ours name the themes), and its key panel is
        replaced by our help, which speaks the app's language.
        """
        t = i18n.t
        yield SystemCommand(t("cmd.quit"), t("cmd.quit.help"), self.action_quit)
        yield SystemCommand(t("cmd.help"), t("cmd.help.help"), self.action_help)
        if self.restricted:
            return
        if screen.maximized is not None:
            yield SystemCommand(t("cmd.minimize"), t("cmd.minimize.help"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(t("cmd.maximize"), t("cmd.maximize.help"), screen.action_maximize)
        yield SystemCommand(
            t("cmd.screenshot"),
            t("cmd.screenshot.help"),
            lambda: self.set_timer(0.1, self.save_screen_picture),
        )

    def save_screen_picture(self) -> None:
        """An SVG picture of the screen. At a terminal it goes, readable by its owner only
        (a screen shows people's ratings and notes), into the documents folder where printed
        plans go, made on first use (Textual's own delivery wrote into ~/Downloads, and
        failed where there was none); in a browser (`serve`) the browser downloads it."""
        if self.is_web:
            self.deliver_screenshot()
            return
        from pipeline_tui import clock
        from pipeline_tui.files import write_private

        folder = config.documents_dir()
        # Named by the program's day (PIPELINE_TUI_TODAY pins it, as on printed plans) and
        # local time; a second picture in the same second gets "-2" (it was refused, the
        # name being taken, and said "could not be saved").
        stem = f"{config.APP_NAME}-{clock.now().astimezone():%Y-%m-%d-%H%M%S}"
        try:
            config.ensure_private_dir(folder)
            taken = {path.name for path in folder.glob(f"{stem}*.svg")}
            name = next(
                n for n in (f"{stem}.svg", *(f"{stem}-{i}.svg" for i in range(2, 1000)))
                if n not in taken
            )  # fmt: skip
            written = write_private(folder / name, self.export_screenshot())
        except (OSError, UserError, StopIteration):
            self.notify(
                i18n.t("app.screenshot_failed"), title=i18n.t("app.screenshot"), severity="error"
            )
            return
        self.notify(
            i18n.t("app.screenshot_saved", path=escape(str(written))),
            title=i18n.t("app.screenshot"),
        )
        self._note_screenshot(written)

    @work(thread=True, group="note-copy", exit_on_error=False)
    def _note_screenshot(self, written: Path) -> None:
        """A picture of the screen shows people's names, ratings and notes: it is noted with
        the copies an erasure names (whose it is cannot be told: it is named at every one)."""
        from pipeline_tui.store.copies import note_copy

        if not note_copy(self.settings.db, "screenshot", written):
            self.call_from_thread(
                self.notify,
                i18n.t("print.not_noted", path=escape(str(written))),
                severity="warning",
                timeout=15,
            )

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        """Textual's notice of a picture the browser got, in the app's language (and
        Textual's own is not shown)."""
        if event.name == "screenshot":
            event.prevent_default()
            where = str(event.path) if event.path is not None else ""
            self.notify(
                i18n.t("app.screenshot_saved", path=escape(where)),
                title=i18n.t("app.screenshot"),
            )

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(
                i18n.t("app.screenshot_failed"), title=i18n.t("app.screenshot"), severity="error"
            )

    def open_person(self, person_id: int) -> None:
        if self._refused():
            return
        from pipeline_tui.tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def open_conversation(self, conversation_id: int) -> None:
        if self._refused():
            return
        from pipeline_tui.tui.screens.conversation import ConversationScreen

        self.push_screen(ConversationScreen(conversation_id))

    def yearly_kinds(self) -> tuple[str, ...] | None:
        """The pack's yearly kinds, that "this year's conversation" on home counts (from the
        light cache until the pack is loaded; None: every kind)."""
        if self.pack is not None:
            if not self.pack.conversations:
                return None
            return tuple(kind.key for kind in self.pack.kinds if kind.yearly)
        return self.services.yearly_kinds

    def layer_names(self) -> dict[str, str]:
        """Layer key -> name in the current language (from the light cache until loaded)."""
        if self.pack is not None:
            lang = i18n.language()
            return {layer.key: layer.name.get(lang) for layer in self.pack.layers}
        return dict(self.services.layer_names or {})

    @work(thread=True, group="start-conversation", exit_on_error=False)
    def start_conversation(self, person_id: int) -> None:
        """Reopen the person's empty draft, or ask kind, date and conductor first.

        Nothing is written before the user confirms the dialog.
        """
        from pipeline_tui import services
        from pipeline_tui.tui.screens.new_conversation import NewConversationDefaults

        if self.restricted:
            return
        try:
            repo = self.services.repo()
            draft = services.reusable_draft(repo, person_id, begun=True)
            if draft is not None:
                reopened = (
                    i18n.t("new.reopened")
                    if draft.status == "draft"
                    else i18n.t("new.resumed", date=i18n.day(draft.held_on))
                )
                self.call_from_thread(self.notify, reopened)
                self.call_from_thread(self.open_conversation, draft.id)
                return
            person = repo.people.get(person_id)
            pack = self.services.pack()
            layer = person.layer if pack.layer(person.layer) else pack.layers[0].key
        except UserError as exc:
            self.call_from_thread(self.notify, i18n.error_text(exc), severity="error")
            return
        note = ""
        if layer != person.layer:
            # A layer the pack no longer has (a consultant's pack left it out): the conversation
            # is set up on the first layer, which must not happen without a word.
            note = i18n.t(
                "new.layer_not_in_pack",
                name=escape(person.name),
                layer=escape(person.layer),
                used=escape(pack.layers[0].name.get(i18n.language())),
            )
        defaults = NewConversationDefaults(
            note=note,
            person_name=person.name,
            kind=services.default_kind(pack, layer),
            held_on=clock.today(),
            manager_name=person.manager_name or "",
            manager_id=person.manager_id,
            kinds=tuple(
                (kind.name.get(i18n.language()), kind.key) for kind in pack.kinds_for(layer)
            ),
        )
        self.call_from_thread(self._ask_new_conversation, person_id, defaults)

    def _ask_new_conversation(self, person_id: int, defaults: Any) -> None:
        from pipeline_tui.tui.screens.new_conversation import NewConversationScreen

        def chosen(choice: Any) -> None:
            if choice is not None:
                self._create_conversation(person_id, choice)

        self.push_screen(NewConversationScreen(defaults), chosen)

    @work(thread=True, group="start-conversation", exit_on_error=False)
    def _create_conversation(self, person_id: int, choice: Any) -> None:
        from pipeline_tui import services

        try:
            record = services.start_conversation(
                self.services.repo(),
                self.services.pack(),
                person_id,
                kind=choice.kind,
                held_on=choice.held_on,
                conducted_by=choice.conducted_by,
                conductor_id=choice.conductor_id,
                language=i18n.language(),
            )
        except UserError as exc:
            self.call_from_thread(self.notify, i18n.error_text(exc), severity="error")
            return
        self.call_from_thread(self.open_conversation, record.id)

    def print_plan(self, conversation_id: int) -> None:
        """Choose a format and a file, and write the conversation's plan there."""
        if self._refused():
            return
        from pipeline_tui.tui.screens.print_dialog import PrintDialog

        self.push_screen(PrintDialog(conversation_id))

    def open_overview(self) -> None:
        if self._refused():
            return
        from pipeline_tui.tui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen())

    def open_content_browser(self) -> None:
        """Every layer, expectation, deck and activity of the pack (once the pack is loaded)."""
        if self._refused():
            return
        from pipeline_tui.tui.screens.content_browser import ContentBrowser

        if self.pack is None:
            self.notify(i18n.t("app.loading"), severity="warning")
            return
        self.push_screen(ContentBrowser(self.pack))

    def action_content_browser(self) -> None:
        self.open_content_browser()

    def go_home(self) -> None:
        if self.restricted:
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
