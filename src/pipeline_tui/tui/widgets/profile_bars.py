"""The profile per dimension, self against manager, drawn as two horizontal bars.

The numbers come from `core.profile` (one `DimensionProfile` per dimension);
this widget only draws them, so the printed report can draw the same data its
own way. Two bars per dimension, the manager's above the person's own, make a
difference of half a step visible at a glance; the value is printed too,
because a bar alone hides whether 3.4 is "almost meets" or "meets".
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Unpack

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from pipeline_tui.core.profile import BLIND_SPOT, HIDDEN_STRENGTH, DimensionProfile
from pipeline_tui.report.labels import format_number
from pipeline_tui.texts import rounded
from pipeline_tui.tui.i18n import language, manager_column, party, t
from pipeline_tui.tui.widgets.widget_args import WidgetArgs

MANAGER_GLYPH = "█"
SELF_GLYPH = "▒"
# The rater groups of a 360° evaluation, each its own glyph and colour (the print's glyphs).
GROUP_GLYPHS = {"peer": "▓", "report": "░", "other": "▚"}
EIGHTHS = " ▏▎▍▌▋▊▉"
NOTABLE_MEAN_GAP = 1.0
"""A whole step between the two means of a dimension: worth talking about.

Single expectations use `core.profile.LARGE_GAP` (two steps); a mean smooths
disagreements out, so one step on average already says a lot."""

VALUE_WIDTH = 4
GAP_WIDTH = 8


def format_score(value: float | None, lang: str | None = None) -> str:
    """One decimal, with the decimal comma Danish readers expect; "–" for no value."""
    return format_number(value, lang or language())


def format_gap(value: float, lang: str | None = None) -> str:
    """A signed difference with one decimal (+0,5 / −1,0); the sign is the point."""
    text = format_score(abs(value), lang)
    return f"+{text}" if value >= 0 else f"−{text}"


def format_steps(value: int) -> str:
    """A signed difference in whole steps (+2 / −1), with the minus sign the means' gaps
    (`format_gap`) have: the summary showed "−0,5" above and "-1" below on one page."""
    return f"+{value}" if value >= 0 else f"−{-value}"


class ProfileBars(Widget):
    """Per-dimension bars: manager (█) above self (▒), on the rating scale 0..maximum.

    `show(rows, names, maximum)` sets the data; `rows` keeps it for whoever
    wants the numbers (tests, a copy to the clipboard) rather than the picture.
    """

    DEFAULT_CSS = """
    ProfileBars { height: auto; }
    ProfileBars > .profile-bars--label { text-style: bold; }
    ProfileBars > .profile-bars--party { color: $text-muted; }
    ProfileBars > .profile-bars--manager { color: $text-primary; }
    ProfileBars > .profile-bars--self { color: $text-accent; }
    ProfileBars > .profile-bars--value { text-style: bold; }
    ProfileBars > .profile-bars--axis { color: $text-muted; }
    ProfileBars > .profile-bars--gap { color: $text-muted; }
    ProfileBars > .profile-bars--risk { color: $text-warning; text-style: bold; }
    ProfileBars > .profile-bars--peer { color: $text-success; }
    ProfileBars > .profile-bars--report { color: $text-secondary; }
    ProfileBars > .profile-bars--other { color: $text-muted; }
    ProfileBars > .profile-bars--strength { color: $text-success; text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "profile-bars--label",
        "profile-bars--party",
        "profile-bars--manager",
        "profile-bars--self",
        "profile-bars--value",
        "profile-bars--axis",
        "profile-bars--gap",
        "profile-bars--risk",
        "profile-bars--peer",
        "profile-bars--report",
        "profile-bars--other",
        "profile-bars--strength",
    }

    def __init__(self, **kwargs: Unpack[WidgetArgs]) -> None:
        super().__init__(**kwargs)
        self.kind: str | None = None
        self.rows: tuple[DimensionProfile, ...] = ()
        self.names: dict[str, str] = {}
        self.maximum = 5
        # 360°: (group, dimension id -> mean) of each group shown, and the dimensions where
        # self lies far from the others (dimension id -> core.profile BLIND_SPOT / ...)
        self.groups: tuple[tuple[str, dict[str, float | None]], ...] = ()
        self.flags: dict[str, str] = {}

    def show(
        self,
        rows: Sequence[DimensionProfile],
        names: Mapping[str, str],
        maximum: int,
        *,
        kind: str | None = None,
        groups: Sequence[tuple[str, Mapping[str, float | None]]] = (),
        flags: Mapping[str, str] | None = None,
    ) -> None:
        """`kind` of conversation names the parties in the legend (see core.roles);
        `groups` adds a bar per rater group shown (360°), `flags` marks blind spots and
        hidden strengths per dimension (in place of the self − manager gap)."""
        self.kind = kind
        self.groups = tuple((group, dict(means)) for group, means in groups)
        self.flags = dict(flags or {})
        self.rows = tuple(rows)
        self.names = dict(names)
        self.maximum = max(maximum, 1)
        self.refresh(layout=True)

    # drawing

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"profile-bars--{name}")

    def _columns(self, width: int) -> tuple[int, int, int]:
        """Widths of the name column, the party column and the bars."""
        parties = (
            manager_column(self.kind),
            t("exp.self_short"),
            *(t(f"summary.group_short.{group}") for group, _means in self.groups),
        )
        party = max(len(p) for p in parties) + 1
        gap = GAP_WIDTH
        if self.groups:  # a blind spot or a hidden strength, named, where the gap goes
            marks = (t("summary.blind_spot"), t("summary.hidden_strength"))
            gap = max(len(mark) for mark in marks) + 2
        name = min(max(width // 4, 12), 26)
        bar = width - name - 1 - party - VALUE_WIDTH - gap
        if bar < 10:
            name = max(width - party - VALUE_WIDTH - gap - 11, 6)
            bar = max(width - name - 1 - party - VALUE_WIDTH - gap, 4)
        return name, party, bar

    def _bar(self, value: float | None, width: int, glyph: str) -> str:
        if value is None:
            return " " * width
        cells = max(min(value, self.maximum), 0) / self.maximum * width
        if glyph == MANAGER_GLYPH:
            full = int(cells)
            part = EIGHTHS[int((cells - full) * 8)] if full < width else ""
            return (glyph * full + part.strip()).ljust(width)[:width]
        return (glyph * round(cells)).ljust(width)[:width]

    def render(self) -> Text:
        width = max(self.size.width, 30)
        name_w, party_w, bar_w = self._columns(width)
        indent = " " * (name_w + 1)
        text = Text(no_wrap=True, overflow="crop", end="")
        text.append(indent + " " * party_w)
        text.append(MANAGER_GLYPH, self._style("manager"))
        text.append(f" {party(self.kind, 'manager')}   ")
        text.append(SELF_GLYPH, self._style("self"))
        text.append(f" {party(self.kind, 'self')}")
        legend = len(indent) + party_w + len(party(self.kind, "manager")) + 5
        legend += len(party(self.kind, "self"))
        for group, _means in self.groups:
            name = t(f"summary.group.{group}")
            gap = "   "
            if legend + 5 + len(name) > width:  # the groups on a line of their own
                text.append("\n" + indent + " " * party_w)
                legend, gap = len(indent) + party_w, ""
            text.append(gap)
            text.append(GROUP_GLYPHS.get(group, "▚"), self._style(group))
            text.append(f" {name}")
            legend += len(gap) + 2 + len(name)
        for index, row in enumerate(self.rows):
            text.append("\n\n" if index else "\n")
            label = self.names.get(row.dimension_id, row.dimension_id)
            lines = textwrap.wrap(label, name_w) or [""]
            if len(lines) > 2:
                lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), name_w, placeholder="…")]
            parties = [
                ("manager", manager_column(self.kind), row.manager_mean, MANAGER_GLYPH),
                ("self", t("exp.self_short"), row.self_mean, SELF_GLYPH),
            ]
            parties += [
                (
                    group,
                    t(f"summary.group_short.{group}"),
                    means.get(row.dimension_id),
                    GROUP_GLYPHS.get(group, "▚"),
                )
                for group, means in self.groups
            ]
            lines += [""] * (len(parties) - len(lines))
            for line, (who, short, value, glyph) in enumerate(parties):
                if line:
                    text.append("\n")
                text.append(lines[line].ljust(name_w + 1), self._style("label"))
                text.append(short.ljust(party_w), self._style("party"))
                text.append(self._bar(value, bar_w, glyph), self._style(who))
                text.append(format_score(value).rjust(VALUE_WIDTH), self._style("value"))
                if who == "self" and self.groups:
                    self._append_flag(text, self.flags.get(row.dimension_id))
                elif who == "self":
                    self._append_gap(text, row.gap, fewer=row.gap_over_fewer)
        text.append("\n" + indent + " " * party_w)
        text.append(self._axis(bar_w), self._style("axis"))
        if not self.groups and any(r.gap_over_fewer and self._shows(r.gap) for r in self.rows):
            # A gap over fewer expectations than the means above it: said, not left to
            # look like a slip in the arithmetic (self 3,0, manager 3,5, gap −1,0).
            for said in textwrap.wrap(t("summary.gap_both"), max(width - 1, 20)):
                text.append("\n" + said, self._style("party"))
        return text

    @staticmethod
    def _shows(gap: float | None) -> bool:
        return gap is not None and rounded(abs(gap), 1) != 0

    def _append_flag(self, text: Text, flag: str | None) -> None:
        """A blind spot (self far above the others) or a hidden strength (far below)."""
        if flag == BLIND_SPOT:
            text.append(f"  {t('summary.blind_spot')}", self._style("risk"))
        elif flag == HIDDEN_STRENGTH:
            text.append(f"  {t('summary.hidden_strength')}", self._style("strength"))

    def _append_gap(self, text: Text, gap: float | None, *, fewer: bool = False) -> None:
        # Judged as shown (one decimal, a half rounded up): no "+0,0", and a gap shown
        # as 1,0 is a notable one. `fewer`: over the expectations both rated, fewer than
        # the means shown (marked *, said under the bars).
        if gap is None or not self._shows(gap):
            return
        label = f"  {format_gap(gap)}" + ("*" if fewer else "")
        if rounded(gap, 1) >= NOTABLE_MEAN_GAP:
            text.append(label, self._style("risk"))
        else:
            text.append(label, self._style("gap"))

    def _axis(self, width: int) -> str:
        """Scale steps 1..maximum, each under the end of a bar of that value."""
        cells = [" "] * width
        for value in range(1, self.maximum + 1):
            end = round(value / self.maximum * width) - 1
            cells[max(end, 0)] = str(value)[-1]
        return "".join(cells)
