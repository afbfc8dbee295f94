"""A layer's role description as paragraphs for `Hanging` (the content browser, one text
searched as it is typed), and as widgets (the role panel and the setup step). Either way a
wrapped bullet goes on under its text, not under the bullet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from pipeline_tui.packs.role import role_sections
from pipeline_tui.packs.schema import Layer
from pipeline_tui.tui.i18n import t
from pipeline_tui.tui.markup import escape as esc


def role_paragraphs(layer: Layer, lang: str, *, bullet: str = "• ") -> list[tuple[str, str]]:
    """Purpose, skills, time (with shares), values, transition and not-to-do, titled, as
    (prefix, body) markup for `Hanging`: each bullet's prefix is `bullet`."""
    paragraphs: list[tuple[str, str]] = []
    for number, section in enumerate(role_sections(layer, lang)):
        title = f"{'' if number == 0 else chr(10)}[b]{esc(t(f'role.{section.key}'))}[/b]"
        if section.key == "purpose":
            paragraphs.append(("", f"{title}\n{esc(section.lines[0])}"))
            continue
        paragraphs.append(("", title))
        paragraphs += [(bullet, esc(line)) for line in section.lines]
    return paragraphs


class RoleText(Vertical):
    """The same parts as `role_paragraphs`, each bullet a row of its own: its text wraps under
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
