"""The face of a card: its theme in the theme's colour, its title, its prompts numbered.

Shown under the deck while picking (so people choose knowingly) and above
the notes while playing, so a card reads the same in both places. It scrolls
on its own when a card's prompts are longer than the room it is given.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from pipeline_tui.packs.schema import Card
from pipeline_tui.records import CardPickRecord
from pipeline_tui.tui.i18n import party, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.card_tile import THEME_COLOURS


def picked_by_line(pick: CardPickRecord | None, kind: str | None) -> str:
    """Who put the card on the table: "Always included", or "Picked by: the manager"."""
    if pick is None:
        return ""
    if pick.picked_by == "deck":
        return t("cards.picked_by.deck")
    return t("cards.chosen_by", party=party(kind, pick.picked_by))


class CardFace(VerticalScroll, can_focus=False):
    def compose(self) -> ComposeResult:
        yield Static("", classes="card-face-head")
        yield Static("", classes="card-face-prompts")

    def show(self, card: Card | None, theme: tuple[str, int], who: str, lang: str) -> None:
        """`theme` is the theme's name and colour number; `who` says who put the card out."""
        head = self.query_one(".card-face-head", Static)
        prompts = self.query_one(".card-face-prompts", Static)
        if card is None:
            head.update("")
            prompts.update("")
            return
        name, colour = theme
        for number in range(THEME_COLOURS):
            head.set_class(number == colour % THEME_COLOURS, f"-theme-{number}")
        line = f"{esc(name)}  [b $foreground]{esc(card.title.get(lang))}[/]"
        head.update(f"{line}  [dim]· {esc(who)}[/dim]" if who else line)
        numbered = enumerate(card.prompts, start=1)
        text = "\n".join(f"{n}. {esc(prompt.get(lang))}" for n, prompt in numbered)
        if card.note is not None:  # e.g. what belongs in the written notes (GDPR)
            text += f"\n[i dim]ⓘ {esc(card.note.get(lang))}[/]"
        prompts.update(text)
