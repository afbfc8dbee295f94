"""The command palette (ctrl+p): find a person, start a conversation, overview, language, theme."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from pipeline_tui.config import THEMES
from pipeline_tui.texts import LANGUAGES
from pipeline_tui.tui.i18n import t

if TYPE_CHECKING:
    from pipeline_tui.tui.app import PipelineApp

PEOPLE_SHOWN = 20


class SpokenPalette(CommandPalette):
    """Textual's palette, saying that nothing matches in the app's language: Textual's own
    line, "No matches found", was English in the Danish app. Textual writes it in this
    method; here it is the same with the catalog's words (`cmd.no_match`)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # searched for something: say that nothing was found
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("cmd.no_match"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:  # nothing typed: there is nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class PipelineCommands(Provider):
    @property
    def pipeline(self) -> PipelineApp:
        return cast("PipelineApp", self.app)

    def _static(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.pipeline
        commands: list[tuple[str, str, Callable[[], object]]] = []
        if not app.restricted:  # a preparation link reaches nothing beyond its conversation
            commands = [
                (t("cmd.home"), t("cmd.home.help"), app.go_home),
                (t("cmd.overview"), t("cmd.overview.help"), app.open_overview),
                (t("cmd.content"), t("cmd.content.help"), app.open_content_browser),
            ]
        conversation = next(
            (s for s in reversed(app.screen_stack) if hasattr(s, "action_role")), None
        )
        if conversation is not None:
            commands.insert(0, (t("cmd.role"), t("cmd.role.help"), conversation.action_role))
        sheet = getattr(conversation, "action_sheet", None)
        if sheet is not None:
            commands.insert(1, (t("cmd.prep_sheet"), t("cmd.prep_sheet.help"), sheet))
        for lang in LANGUAGES:
            commands.append(
                (t(f"cmd.lang_{lang}"), t("cmd.lang.help"), partial(app.set_language, lang))
            )
        for theme in THEMES:
            commands.append(
                (
                    t("cmd.theme", theme=t(f"theme.{theme}")),
                    t("cmd.theme.help"),
                    partial(app.set_theme, theme),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._static():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._static():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        words = query.lower().split()
        app = self.pipeline
        if not words or app.restricted:
            return
        names = app.layer_names()
        shown = 0
        for row in app.people_rows:
            lowered = row.name.lower()
            if not all(word in lowered for word in words):
                continue
            layer = names.get(row.layer, row.layer)
            find = t("cmd.find_person", name=row.name)
            yield Hit(
                matcher.match(find) or 0.5,
                matcher.highlight(find),
                partial(app.open_person, row.id),
                help=t("cmd.find_person.help", layer=layer, unit=row.unit),
            )
            start = t("cmd.start", name=row.name)
            yield Hit(
                (matcher.match(start) or 0.5) * 0.9,
                matcher.highlight(start),
                partial(app.start_conversation, row.id),
                help=t("cmd.start.help"),
            )
            shown += 1
            if shown >= PEOPLE_SHOWN:
                return
