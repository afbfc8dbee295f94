"""A layer's role description as Rich markup, for the role panel and the setup step."""

from __future__ import annotations

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
