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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.message import Message
from textual.reactive import reactive

from pipeline_tui.config import THEMES, UserPreferences
from pipeline_tui.errors import UserError
from pipeline_tui.tui import i18n
from pipeline_tui.tui.autosave import TICK, Saver
from pipeline_tui.tui.commands import PipelineCommands
from pipeline_tui.tui.i18n import binding
from pipeline_tui.tui.services import Services
from pipeline_tui.tui.themes import register_themes

if TYPE_CHECKING:
    from pipeline_tui.packs.pack import Pack
    from pipeline_tui.store.records import PersonRow


EXIT_GRACE = 2.0  # seconds the orderly exit gets after a signal before the process just ends


def _end_soon(grace: float) -> None:
    """End the process after `grace` seconds unless it has ended by then (see `_on_signal`)."""
    time.sleep(grace)
    os._exit(0)


CSS_FILES = [
    "app.tcss",
    *sorted(f"css/{p.name}" for p in (Path(__file__).parent / "css").glob("*.tcss")),
]


class PipelineApp(App[None]):
    CSS_PATH = CSS_FILES
    TITLE = "pipeline-tui"
    COMMANDS = App.COMMANDS | {PipelineCommands}
    BINDINGS = [
        binding("f1", "help", id="help"),
        binding("question_mark", "help", id="help", show=False),
        # The footer has no room for quit at 80 columns; F1 lists it.
        binding("ctrl+q", "quit", id="quit", priority=True, show=False),
        # Declared here (Textual adds an untranslated one otherwise) so the footer's
        # palette key speaks the current language.
        binding("ctrl+p", "command_palette", id="palette", show=False, priority=True),
    ]

    save_state: reactive[Any] = reactive("saved")
    backend_ready: reactive[bool] = reactive(False)

    @dataclass
    class BackendReady(Message):
        pass

    @dataclass
    class Deferred(Message):
        """A callback from another thread, to run on the UI thread."""

        callback: Any
        value: Any

    def __init__(self, services: Services, *, remember: bool = True) -> None:
        super().__init__()
        self.services = services
        self.settings = services.settings
        self.remember = remember
        self.pack: Pack | None = None
        self.people_rows: list[PersonRow] = []
        i18n.set_language(self.settings.language)
        self.title = i18n.t("app.title")
        register_themes(self)
        self.theme = self.settings.theme
        self.saver = Saver(self._defer, self._on_save_state)
        i18n.translate_bindings(self)

    # lifecycle

    def on_mount(self) -> None:
        from pipeline_tui.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        self.set_interval(TICK, self.saver.tick)
        self._install_signal_handlers()
        if self.services.is_ready:
            self._backend_loaded()
        else:
            self.call_after_refresh(self._load_backend)

    @work(thread=True, exclusive=True, group="backend")
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
        self.notify(i18n.t("app.backend_failed", error=str(exc)), severity="error", timeout=30)

    def _install_signal_handlers(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) saves what was typed first."""
        loop = getattr(self, "_loop", None)
        if loop is None:
            return
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._on_signal)

    def _on_signal(self) -> None:
        self.saver.flush(timeout=5)
        # The terminal may be gone (SIGHUP): restoring it can then block or fail, and
        # the program would live on without a screen. Everything is saved by now, so
        # if the orderly exit has not ended the process soon, end it outright.
        threading.Thread(target=_end_soon, args=(EXIT_GRACE,), daemon=True).start()
        self.exit()

    async def action_quit(self) -> None:
        self.saver.flush(timeout=10)
        self.exit()

    def on_unmount(self) -> None:
        self.saver.close()

    # autosave plumbing

    def _defer(self, callback: Any, value: Any) -> None:
        self.post_message(self.Deferred(callback, value))

    def on_pipeline_app_deferred(self, message: Deferred) -> None:
        message.callback(message.value)

    def _on_save_state(self, state: Any) -> None:
        self.save_state = state

    # language and theme

    def set_language(self, lang: str) -> None:
        """Switch the app and the content to `lang`, remember it, and redraw the screens."""
        i18n.set_language(lang)
        self.settings = replace(self.settings, language=lang)
        self.title = i18n.t("app.title")
        i18n.translate_bindings(self)
        self.saver.flush()
        for screen in self.screen_stack:
            i18n.translate_bindings(screen)
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
            UserPreferences(language=i18n.language(), theme=self.theme).save()

    # actions

    def action_help(self) -> None:
        from pipeline_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def open_person(self, person_id: int) -> None:
        from pipeline_tui.tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(person_id))

    def open_conversation(self, conversation_id: int) -> None:
        from pipeline_tui.tui.screens.conversation import ConversationScreen

        self.push_screen(ConversationScreen(conversation_id))

    def layer_names(self) -> dict[str, str]:
        """Layer key -> name in the current language (from the light cache until loaded)."""
        if self.pack is not None:
            lang = i18n.language()
            return {layer.key: layer.name.get(lang) for layer in self.pack.layers}
        return dict(self.services.layer_names or {})

    @work(thread=True, group="start-conversation")
    def start_conversation(self, person_id: int) -> None:
        """Create a conversation with the person's defaults and open its setup."""
        from pipeline_tui import services

        try:
            record = services.start_conversation(
                self.services.repo(), self.services.pack(), person_id, language=i18n.language()
            )
        except UserError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.call_from_thread(self.open_conversation, record.id)

    def print_plan(self, conversation_id: int) -> None:
        """Choose a format and a file, and write the conversation's plan there."""
        from pipeline_tui.tui.screens.print_dialog import PrintDialog

        self.push_screen(PrintDialog(conversation_id))

    def open_overview(self) -> None:
        from pipeline_tui.tui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen())

    def open_content_browser(self) -> None:
        """Every layer, expectation, deck and activity of the pack (once the pack is loaded)."""
        from pipeline_tui.tui.screens.content_browser import ContentBrowser

        if self.pack is None:
            self.notify(i18n.t("app.loading"), severity="warning")
            return
        self.push_screen(ContentBrowser(self.pack))

    def action_content_browser(self) -> None:
        self.open_content_browser()

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
