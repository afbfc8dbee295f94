"""A layer's role description as Rich markup (the content browser, searched as text), and
as widgets (the role panel and the setup step)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from pipeline_tui.packs.role import role_sections
from pipeline_tui.packs.schema import Layer
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.markup import escape as esc


def role_markup(layer: Layer, lang: str, *, compact: bool = False) -> str:
    """Purpose, skills, time (with shares), values, transition and not-to-do, titled."""
    parts = []
    for section in role_sections(layer, lang, compact=compact):
        title = f"[b]{esc(t(f'role.{section.key}'))}[/b]"
        if section.key == "purpose":
            parts.append(f"{title}\n{esc(section.lines[0])}")
        else:
            parts.append(title + "".join(f"\n• {esc(line)}" for line in section.lines))
    return "\n\n".join(parts)


class RoleText(Vertical):
    """The same parts as `role_markup`, each bullet a row of its own: its text wraps under
    the text, not under the bullet (one Static of markup cannot indent a wrapped line)."""

    DEFAULT_CSS = """
    RoleText { height: auto; }
    RoleText .role-title { margin-top: 1; text-style: bold; }
    RoleText .role-title.-first { margin-top: 0; }
    RoleText .role-item { height: auto; }
    RoleText .role-bullet { width: 2; }
    RoleText .role-line { width: 1fr; }
    """

    def __init__(self, layer: Layer | None, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.role_layer = layer
        self.lang = lang

    def show(self, layer: Layer, lang: str) -> None:
        """Another layer, or the same in another language (the setup step's choice)."""
        if (layer, lang) != (self.role_layer, self.lang):
            self.role_layer, self.lang = layer, lang
            self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        if self.role_layer is None:
            return
        for number, section in enumerate(role_sections(self.role_layer, self.lang)):
            first = " -first" if number == 0 else ""
            yield Static(esc(t(f"role.{section.key}")), classes=f"role-title{first}")
            if section.key == "purpose":
                yield Static(esc(section.lines[0]), classes="role-purpose")
                continue
            for line in section.lines:
                with Horizontal(classes="role-item"):
                    yield Static("•", classes="role-bullet")
                    yield Static(esc(line), classes="role-line")
