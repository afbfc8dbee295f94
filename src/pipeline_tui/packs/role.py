"""A layer's role description as sections, in one order for the screen, print and CLI.

The role panel, the setup step, the preparation sheet, the printed plan and
`content show` all show the same parts of a layer; each names the parts in
its own words (the app's and the printed documents' texts in `texts/`), so this module gives
keys, not titles.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_tui.packs.shapes import LayerShape, TimeUseShape

# purpose, skills, time, values, let go of, learn, not to do
SECTIONS = ("purpose", "skills", "time", "values", "let_go", "learn", "not_to_do")


@dataclass(frozen=True)
class RoleSection:
    key: str
    lines: tuple[str, ...]


def share_text(share: int, lang: str) -> str:
    """ "ca. 50%" / "about 50%": no space before the sign, as every percentage the program
    shows (`Locale.percent`): a line folded at that space left the sign alone ("35 / %")."""
    about = "ca." if lang == "da" else "about"
    return f"{about} {share}%"


def time_line(use: TimeUseShape, lang: str) -> str:
    """ "about 50% · leading leaders" when the pack gives a share, else the text alone."""
    text = use.text.get(lang)
    if use.share is None:
        return text
    return f"{share_text(use.share, lang)} · {text}"


def role_sections(layer: LayerShape, lang: str, *, compact: bool = False) -> list[RoleSection]:
    """The parts of the layer's role description that it has, in `SECTIONS` order.

    `compact` keeps the purpose, the time shares and what not to do (the
    printed plan's short form, which must stay within its two pages).
    """
    parts = {
        "purpose": (layer.purpose.get(lang),),
        "skills": tuple(s.get(lang) for s in layer.skills),
        "time": tuple(time_line(u, lang) for u in layer.time_application),
        "values": tuple(v.get(lang) for v in layer.work_values),
        "let_go": tuple(x.get(lang) for x in layer.transition.let_go),
        "learn": tuple(x.get(lang) for x in layer.transition.learn),
        "not_to_do": tuple(x.get(lang) for x in layer.not_to_do),
    }
    skipped = {"skills", "values", "let_go", "learn"} if compact else set()
    return [RoleSection(key, parts[key]) for key in SECTIONS if parts[key] and key not in skipped]
