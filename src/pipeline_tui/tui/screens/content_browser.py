"""The content browser: every layer, expectation, deck and activity of the pack, searchable.

A consultant preparing a client reads the pack here as the leaders will meet
it. The text is built once per language from the pack (`content_blocks`, no
Textual) and filtered as the search is typed: a block is shown when it holds
every word searched for. The blocks are paragraphs shown as one `Hanging` text: a
bullet's wrapped part goes on under its text, not under the bullet.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from pipeline_tui.core.roles import party_lower, party_name
from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.schema import Deck
from pipeline_tui.tui.i18n import SpokenBindings, binding, language, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.footer import SteadyFooter
from pipeline_tui.tui.widgets.hanging import Hanging
from pipeline_tui.tui.widgets.paste import PlainInput
from pipeline_tui.tui.widgets.role_text import role_paragraphs

Paragraph = tuple[str, str]  # (prefix, body) markup, see `Hanging`
BULLET = "  • "


@dataclass(frozen=True)
class Block:
    """One searchable piece: its section, paragraphs to show, and the plain text searched."""

    section: str
    paragraphs: tuple[Paragraph, ...]
    text: str


# Accents a search may hold or leave out ("delegér" finds "uddelegere"); æ, ø and å are
# letters of their own in Danish and stay.
_FOLD = str.maketrans("éèêëáàíìóòúù", "eeeeaaiioouu")


def searchable(text: str) -> str:
    return text.lower().translate(_FOLD)


def _block(section: str, markup: str, *paragraphs: Paragraph) -> Block:
    """A block of `markup`, then `paragraphs` (bullets)."""
    from rich.text import Text as RichText

    shown = (("", markup), *paragraphs)
    plain = "\n".join(RichText.from_markup(prefix + body).plain for prefix, body in shown)
    return Block(section, shown, searchable(plain))


def content_blocks(pack: Pack, lang: str) -> list[Block]:
    names = {layer.key: layer.name.get(lang) for layer in pack.layers}
    blocks: list[Block] = []
    for kind in pack.kinds:
        layers = ", ".join(names.get(k, k) for k in kind.layers) or t("browser.all_layers")
        minutes = f" · {t('browser.minutes', minutes=kind.minutes)}" if kind.minutes else ""
        about = f"\n{esc(kind.description.get(lang))}" if kind.description else ""
        steps = " › ".join(t(f"step.{step}") for step in kind.steps)
        counted = "" if kind.yearly else f" · {t('browser.not_yearly')}"
        blocks.append(
            _block(
                "kinds",
                f"[b]{esc(kind.name.get(lang))}[/b] [dim]({kind.key}{minutes})[/dim]{about}\n"
                f"[dim]{esc(t('browser.serves', layers=layers))}{esc(counted)}\n"
                f"{esc(t('browser.steps', steps=steps))}[/dim]",
            )
        )
    for layer in pack.layers:
        head = f"[b $accent]{esc(layer.name.get(lang))}[/] [dim]({layer.key})[/dim]"
        blocks.append(_block("layers", head, *role_paragraphs(layer, lang)))
        for e in pack.expectations_for(layer.key):
            dimension = pack.dimension(e.dimension)
            dim = dimension.name.get(lang) if dimension else e.dimension
            blocks.append(
                _block(
                    "layers",
                    f"[b]{esc(e.title.get(lang))}[/b] [dim]· {esc(dim)} · "
                    f"{esc(layer.name.get(lang))}[/dim]\n{esc(e.description.get(lang))}",
                    *((BULLET, esc(i.get(lang))) for i in e.indicators),
                )
            )
    for deck in pack.decks:
        served = ", ".join(names.get(k, k) for k in deck.layers) or t("browser.all_layers")
        rule = picks_rule(pack, deck, lang)
        blocks.append(
            _block(
                "decks",
                f"[b $accent]{esc(deck.name.get(lang))}[/] [dim]({deck.id}, {deck.kind})[/dim]\n"
                f"[dim]{esc(t('browser.serves', layers=served))}[/dim]\n{esc(rule)}",
                *((BULLET, esc(r.get(lang))) for r in deck.rules.text),
            )
        )
        for card in deck.cards:
            theme = pack.theme(card.theme)
            note = [("  ", f"[i dim]ⓘ {esc(card.note.get(lang))}[/]")] if card.note else []
            blocks.append(
                _block(
                    "decks",
                    f"[b]{esc(card.title.get(lang))}[/b] [dim]· "
                    f"{esc(theme.name.get(lang) if theme else card.theme)} · {deck.id}[/dim]",
                    *((BULLET, esc(p.get(lang))) for p in card.prompts),
                    *note,
                )
            )
    for activity in pack.activities:
        layers = ", ".join(names.get(k, k) for k in activity.layers) or t("browser.all_layers")
        blocks.append(
            _block(
                "activities",
                f"[b]{esc(activity.title.get(lang))}[/b] [dim]· "
                f"{esc(t(f'plan.type.{activity.type}'))} · {esc(layers)}[/dim]\n"
                f"{esc(activity.description.get(lang))}",
            )
        )
    return blocks


def picks_rule(pack: Pack, deck: Deck, lang: str) -> str:
    """How many cards each party picks, the parties named as the deck's conversations name
    them ("Lederen" in a deck for leaders), "3" rather than "3–3"."""
    picks = deck.rules.picks

    def span(party: str) -> str:
        rule = picks.get(party)  # type: ignore[call-overload]  # keyed by party words, typed by the schema's literal
        if rule is None:
            return "0"
        return str(rule.min) if rule.min == rule.max else f"{rule.min}–{rule.max}"

    def cards(count: str) -> str:
        return t("browser.card_one" if count == "1" else "browser.card_many")

    own, boss = span("self"), span("manager")
    if own == boss:
        return t("browser.picks_each", n=own, cards=cards(own))
    for_leaders = bool(deck.layers) and pack.layers[0].key not in deck.layers
    kind = "lus" if for_leaders else deck.kind
    return t(
        "browser.picks",
        self_party=party_name(kind, "self", lang),
        self_n=own,
        self_cards=cards(own),
        manager_party=party_lower(kind, "manager", lang),
        manager_n=boss,
    )


SECTIONS = ("kinds", "layers", "decks", "activities")


class ContentBrowser(SpokenBindings, Screen[None]):
    BINDINGS = [
        binding("escape", "leave", id="back"),  # in the footer: the way home
        Binding("down", "scroll(1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("pagedown", "scroll(10)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
    ]

    DEFAULT_CSS = """
    ContentBrowser #browser-search { margin: 0 1; }
    ContentBrowser #browser-body { padding: 0 1; }
    """

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack
        self.blocks = content_blocks(pack, language())

    def compose(self) -> ComposeResult:
        yield Header()
        yield PlainInput(placeholder=t("browser.search"), id="browser-search", compact=True)
        with VerticalScroll(id="browser-body"):
            yield Static("", id="browser-text")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("browser.title")
        self.show("")
        self.query_one("#browser-search", Input).focus()

    def show(self, query: str) -> None:
        words = searchable(query).split()
        parts: list[tuple[Paragraph, ...]] = []
        for section in SECTIONS:
            found = [
                b.paragraphs
                for b in self.blocks
                if b.section == section and all(w in b.text for w in words)
            ]
            if found:
                parts.append((("", f"[b reverse] {esc(t(f'browser.{section}'))} [/]"),))
                parts.extend(found)
        # The pieces a blank line apart.
        blank = ("", "")
        paragraphs = [p for part in parts for p in (blank, *part)][1:]
        self.query_one("#browser-text", Static).update(
            Hanging(*paragraphs) if paragraphs else t("browser.no_match")
        )
        self.query_one("#browser-body", VerticalScroll).scroll_home(animate=False)

    @on(Input.Changed, "#browser-search")
    def _search(self, event: Input.Changed) -> None:
        self.show(event.value)

    def action_scroll(self, delta: int) -> None:
        self.query_one("#browser-body", VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_leave(self) -> None:
        self.app.pop_screen()
