"""Help: the keys of the screen you came from, and the ones that work everywhere."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from pipeline_tui.tui.i18n import SpokenBindings, has, t


def _key_name(app: App[Any], key: str) -> str:
    return app.get_key_display(Binding(key, ""))


class HelpScreen(SpokenBindings, ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", show=False),
        Binding("f1", "dismiss", show=False),
        Binding("question_mark", "dismiss", show=False),
    ]

    def __init__(self, origin: Screen[Any]) -> None:
        super().__init__()
        self.origin = origin

    def compose(self) -> ComposeResult:
        app_keys: list[str] = []
        screen_keys: list[str] = []
        seen: set[tuple[str, str]] = set()
        for key, (node, binding, _enabled, _tooltip) in self.origin.active_bindings.items():
            # Only the app's own keys: a widget's built-in ones (scrolling) are
            # untranslated and say nothing about the work.
            if not (binding.id and has(f"key.{binding.id}")):
                continue
            # By id: a widget's own bindings are not translated with its screen's ("⏎ Open");
            # a dialog whose buttons say what its keys do names them so (`key_labels`).
            labels = getattr(node, "key_labels", {})
            description = labels.get(binding.id) or t(f"key.{binding.id}")
            # A binding's own key display ("1–5", "0/x") names all its keys at once.
            shown = binding.key_display or _key_name(self.app, key)
            if not description or (shown, description) in seen:
                continue
            seen.add((shown, description))
            line = f"  [b]{shown:>14}[/b]  {description}"
            (app_keys if node is self.app else screen_keys).append(line)
        if self.origin.is_modal and not app_keys:
            # A dialog stops the app's keys but those that come first (priority): F1,
            # ctrl+p and ctrl+q work in it, and are named as everywhere else.
            for given in type(self.app).BINDINGS:
                if not (isinstance(given, Binding) and given.priority and given.id):
                    continue
                if has(f"key.{given.id}"):
                    shown = _key_name(self.app, given.key)
                    app_keys.append(f"  [b]{shown:>14}[/b]  {t(f'key.{given.id}')}")
        with VerticalScroll(id="help-box"):
            yield Static(f"[b]{t('help.title')}[/b]  [dim]{t('help.close')}[/dim]")
            yield Static(t("help.intro"))
            # What a screen does with keys that are not bindings (home: typing searches).
            note = getattr(self.origin, "HELP_NOTE", None)
            if note:
                yield Static(t(note), classes="help-note")
            yield Static(t("help.screen"), classes="help-heading")
            yield Static("\n".join(screen_keys) or "  –")
            yield Static(t("help.global"), classes="help-heading")
            yield Static("\n".join(app_keys))
