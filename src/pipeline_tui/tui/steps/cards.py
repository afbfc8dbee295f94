"""Step 3, cards: each party picks cards from the deck, then the cards are played one by one.

Two modes, switched with p. PICK lays the deck out as tiles by theme; enter
(or a click on the card under the cursor) picks or puts back a card for the
active party (`conversation.rater`, switched with r as on the expectations
step). The deck's rules are checked here before anything is written, and the
store checks them again. PLAY lists the cards on the table (always-included
first, then in the order they were picked) beside the selected card: prompts,
notes, agreements. ctrl+n marks it played and moves on; writing on a card
marks it played too. i shows the deck's rules of play in either mode.

Where state lives: in the conversation session. Its `picks()` are the cards
read, with each write's result folded in as it lands and the picks, put-backs
and "played" marks still on their way laid over them, so a redraw in between
(another language, a reload) never shows a pick undone or a note gone back
to old text. A new pick gets its id when its write lands (notes are written to
a pick by id), and the sheet is shown again then.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, OptionList, Static

from pipeline_tui.core.cards import missing_picks, pick_state
from pipeline_tui.errors import RuleError, UserError
from pipeline_tui.ops import Op
from pipeline_tui.packs.schema import Card
from pipeline_tui.records import CardPickRecord
from pipeline_tui.tui.i18n import binding, language, party, party_lower, plural, t
from pipeline_tui.tui.leaving import leaving
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.autosave_text import OpFor
from pipeline_tui.tui.widgets.card_face import CardFace, picked_by_line
from pipeline_tui.tui.widgets.card_grid import CardGrid
from pipeline_tui.tui.widgets.card_sheet import FIELDS, CardSheet
from pipeline_tui.tui.widgets.card_table import CardTable, table_order
from pipeline_tui.tui.widgets.card_tile import TileInfo, theme_of
from pipeline_tui.tui.widgets.pick_status import PickStatus
from pipeline_tui.vocabulary import OTHER_PARTY, PARTIES

PICK, PLAY = "pick", "play"

PANE_ACTIONS = {"mode", "switch_party", "rules", "played"}


class CardsPane(StepPane):
    STEP = "cards"
    BINDINGS = [
        binding("p", "mode('play')", id="conv.play"),
        binding("p", "mode('pick')", id="conv.pick"),
        binding("r", "switch_party", id="cards.party"),
        binding("i", "rules", id="cards.rules"),
        binding("ctrl+n", "played", id="cards.next"),
    ]

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self.mode = PICK
        self.selected: str | None = None  # the card shown in PLAY
        self._shown_for: int | None = None  # the conversation shown (mode and card chosen)
        self._lang = language()

    def compose(self) -> ComposeResult:
        yield Static("", id="cards-no-deck")
        with Vertical(id="cards-body"):
            with Horizontal(id="cards-bar"):
                yield Static("", id="cards-modes")
                yield Static("", id="cards-bar-info")
            with VerticalScroll(id="cards-rules", can_focus=False):
                yield Static("", id="cards-rules-text")
            with ContentSwitcher(initial="cards-pick", id="cards-switcher"):
                with Vertical(id="cards-pick"):
                    yield PickStatus(id="cards-status")
                    yield CardGrid(self.toggle, self._editable, id="cards-grid")
                    yield CardFace(id="cards-preview")
                with Horizontal(id="cards-play"):
                    yield CardTable(
                        on_write=self._write_notes, editable=self._editable, id="cards-table"
                    )
                    yield CardSheet(id="cards-sheet")

    def on_mount(self) -> None:
        if leaving(self):  # its screen closed as it was mounted: none of its parts are there
            return
        self.query_one("#cards-rules").display = False

    # the picks, from the session

    @property
    def picks(self) -> list[CardPickRecord]:
        return self.session.picks()

    def _pick(self, card_id: str | None) -> CardPickRecord | None:
        return next((p for p in self.picks if p.card_id == card_id), None)

    # showing

    def show(self) -> None:
        detail, content = self.detail, self.content
        if detail is None or content is None:
            return
        first = self._shown_for != detail.conversation.id
        if first:
            self._shown_for, self.selected = detail.conversation.id, None
        deck = content.deck
        self.query_one("#cards-no-deck", Static).update(t("cards.no_deck") if deck is None else "")
        self.query_one("#cards-no-deck").display = deck is None
        self.query_one("#cards-body").display = deck is not None
        self._lang = language()  # the screen relabels the pane: the cards follow
        if deck is not None:
            if first:  # preparing alone the cards are picked; they are played at the meeting
                # An empty table (a deck without always-included cards, nobody made to pick)
                # opens on the deck: there is nothing to play.
                enough = all(pick_state(deck, self.picks, p).enough for p in PARTIES)
                played = bool(self.picks) and (enough or self.readonly)
                self.mode = PLAY if played and self.session.party is None else PICK
            rules = "\n".join(f"• {esc(text.get(self._lang))}" for text in deck.rules.text)
            self.query_one("#cards-rules-text", Static).update(
                f"[b]{esc(t('cards.rules'))}[/b]\n{rules}"
            )
            self._show_mode()
        self.refresh_bindings()

    def _editable(self) -> bool:
        return not self.readonly

    def _show_mode(self) -> None:
        if self.content is None or self.content.deck is None:
            return
        self.query_one(ContentSwitcher).current = f"cards-{self.mode}"
        self._show_bar()
        if self.mode == PICK:
            self._show_pick()
        else:
            self._show_play()

    def _show_bar(self) -> None:
        names = {PICK: t("cards.pick"), PLAY: t("cards.play")}
        if self.session.party is not None:  # preparing alone: the cards are played at the meeting
            names = {PICK: t("cards.pick")}
        tabs = [
            f"[b reverse] {esc(name)} [/]" if mode == self.mode else f" {esc(name)} "
            for mode, name in names.items()
        ]
        key = " [dim](p)[/dim]" if len(names) > 1 else ""
        self.query_one("#cards-modes", Static).update(" ".join(tabs) + key)
        on_table = self.picks
        played = sum(1 for pick in on_table if pick.played)
        self.query_one("#cards-bar-info", Static).update(
            plural(len(on_table), "cards.on_table_one", "cards.on_table")
            if self.mode == PICK
            else t("cards.played_count", played=played, total=len(on_table))
        )

    def _theme(self, card: Card | None) -> tuple[str, int]:
        if card is None or self.content is None:
            return "", 0
        return theme_of(self.content, card, self._lang)

    # PICK

    def _show_pick(self) -> None:
        """The deck by theme (in the pack's order of themes), then in the deck's own order."""
        content = self.content
        assert content is not None and content.deck is not None
        by_card = {pick.card_id: pick for pick in self.picks}
        cards = sorted(content.deck.cards, key=lambda card: self._theme(card)[1])
        grid = self.query_one(CardGrid)
        grid.show([TileInfo.of(content, c, by_card.get(c.id), self._lang) for c in cards])
        self.query_one(PickStatus).show(
            content.deck,
            self.picks,
            self.session.rater,
            alone=self.session.party is not None,
            kind=self._kind(),
        )
        self._show_preview(grid.current)

    def _show_preview(self, card_id: str | None) -> None:
        card = self.content.card(card_id) if self.content and card_id else None
        who = picked_by_line(self._pick(card_id), self._kind())
        self.query_one(CardFace).show(card, self._theme(card), who, self._lang)

    @on(CardGrid.Highlighted)
    def _highlighted(self, event: CardGrid.Highlighted) -> None:
        self._show_preview(event.card_id)

    def toggle(self, card_id: str) -> None:
        """Pick the card for the active party, or put it back, as far as the rules allow
        (run at once by the grid's key or click)."""
        content, detail = self.content, self.detail
        if self.readonly or content is None or content.deck is None or detail is None:
            return
        rater, pick = self.session.rater, self._pick(card_id)
        conversation_id = detail.conversation.id
        args = {"conversation_id": conversation_id, "card_id": card_id}
        card = content.card(card_id)
        title = card.title.get(self._lang) if card else card_id
        if pick is None:
            deck = content.deck
            state = pick_state(deck, self.picks, rater)
            if state.full:
                name = party(self._kind(), rater)
                other = OTHER_PARTY[rater]
                if state.maximum == 0:  # the deck's rules give this party no picks
                    text = t("cards.none_for", party=name)
                elif self.session.party is None and not pick_state(deck, self.picks, other).full:
                    # at the meeting, the other party's hand at the keyboard: say how
                    text = t(
                        "cards.full_switch",
                        party=name,
                        max=state.maximum,
                        other=party_lower(self._kind(), other),
                    )
                else:
                    text = t("cards.full", party=name, max=state.maximum)
                self.notify(text, severity="warning")
                return
            op = Op("pick", {**args, "party": rater})
            label = t("cards.pick_label", title=title)
        elif pick.picked_by == "deck":
            self.notify(t("cards.always_fixed"), severity="warning")
            return
        elif pick.picked_by != rater:
            other = party(self._kind(), pick.picked_by)
            self.notify(t("cards.other_party", party=other), severity="warning")
            return
        elif any(self._text(pick, field).strip() for field in FIELDS):  # blank: no note
            self.notify(t("cards.has_notes"), severity="warning")
            return
        else:
            op = Op("unpick", args)
            label = t("cards.unpick_label", title=title)
        self.session.write(
            f"card:{card_id}:pick",
            op,
            label=label,
            done=lambda _result: self._show_mode() if self.is_attached else None,
            on_error=self._refused,
        )
        self._show_mode()

    def _text(self, pick: CardPickRecord, field: str) -> str:
        """A card's notes or agreements as typed: a text still on its way to the database
        is the card's text already (putting the card back would lose it)."""
        return self.session.text(f"card:{pick.card_id}:{field}", getattr(pick, field))

    def _refused(self, error: UserError) -> bool:
        """A pick the store refused (another session filled the table meanwhile). Preparing
        alone, the party does not see the other party's picks: a card already on the table
        is the other party's, and is said to be (the table did not change elsewhere)."""
        if isinstance(error, RuleError) and self.is_attached:
            own = self.session.party
            if own is not None and error.reason == "card_on_table":
                other = party(self._kind(), OTHER_PARTY[own])
                self.notify(t("cards.picked_by_other", party=other), severity="information")
            else:
                self.notify(t("cards.not_saved"), severity="warning")
            self.session.reload()
            return True
        return False

    # PLAY

    def _show_play(self) -> None:
        assert self.content is not None
        table = table_order(self.picks)
        ids = [pick.card_id for pick in table]
        if self.selected not in ids:
            unplayed = (pick.card_id for pick in table if not pick.played)
            self.selected = next(unplayed, ids[0] if ids else None)
        self.query_one(CardTable).show(table, self.content, self._lang, self.selected)
        self._show_sheet()

    def _show_sheet(self) -> None:
        pick = self._pick(self.selected)
        card = self.content.card(pick.card_id) if self.content and pick else None
        self.query_one(CardSheet).show(
            card,
            pick,
            theme=self._theme(card),
            who=picked_by_line(pick, self._kind()),
            lang=self._lang,
            session=self.session,
            write_for=self._writer(pick),
            saved=self.written,
        )

    def _writer(self, pick: CardPickRecord | None) -> Any:
        """The write for each text field of `pick`; none while signed. A pick still on its way
        takes notes at once: they are written by card, after the pick (the queue keeps order)."""
        if pick is None or self.readonly:
            return lambda _field: None
        args = {"conversation_id": pick.conversation_id, "card_id": pick.card_id}

        def for_field(field: str) -> OpFor:
            return lambda value: Op("card_text", {**args, "field": field, "value": value})

        return for_field

    def written(self, _result: object) -> None:
        """A card's text landed (and marked it played): the table and the count follow."""
        if self.is_attached and self.mode == PLAY:
            self._show_bar()
            pick = self._pick(self.selected)
            if pick is not None:
                self.query_one(CardTable).update_pick(pick)

    @on(OptionList.OptionHighlighted, "#cards-table")
    def _card_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.selected:
            self.selected = event.option.id
            self._show_sheet()

    @on(OptionList.OptionSelected, "#cards-table")
    def _card_chosen(self, _event: OptionList.OptionSelected) -> None:
        self._write_notes()

    def _write_notes(self) -> None:
        """Into the card's notes at once: the keys typed next are the note's."""
        if not self.readonly and self._pick(self.selected) is not None:
            self.screen.set_focus(self.query_one(CardSheet).field("notes"))

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False
        if action not in PANE_ACTIONS:
            return True
        if self.content is None or self.content.deck is None:
            return False
        if action == "mode":
            return parameters[0] != self.mode
        if action == "switch_party":
            return self.mode == PICK
        if action == "played":
            return self.mode == PLAY and not self.readonly and bool(self.picks)
        return True

    def action_mode(self, mode: str) -> None:
        content = self.content
        if mode == PLAY and not self.readonly and content is not None and content.deck:
            missing = missing_picks(content.deck, self.picks)
            if missing:  # the rules' minimum picks come before play
                text = ", ".join(
                    t("cards.missing", party=party(self._kind(), s.party), n=s.missing)
                    for s in missing
                )
                self.notify(t("cards.missing_before_play", missing=text), severity="warning")
                return
        self.leave()
        self.mode = mode
        self._show_mode()
        self.focus_first()
        self.refresh_bindings()

    def action_switch_party(self) -> None:
        self.switch_party()

    def action_rules(self) -> None:
        rules = self.query_one("#cards-rules")
        rules.display = not rules.display

    def action_played(self) -> None:
        """Mark the card played and go on to the next card not yet played."""
        pick = self._pick(self.selected)
        if pick is None or self.readonly:
            return
        if not pick.played:
            card = self.content.card(pick.card_id) if self.content else None
            self.session.write(
                f"card:{pick.card_id}:played",
                Op(
                    "card_played",
                    {"conversation_id": pick.conversation_id, "card_id": pick.card_id},
                ),
                label=t("cards.played_label", title=card.title.get(self._lang) if card else ""),
                done=self.written,
            )
        table = table_order(self.picks)
        at = [p.card_id for p in table].index(pick.card_id)
        following = next((p for p in table[at + 1 :] + table[:at] if not p.played), None)
        if following is None:
            self.notify(t("cards.all_played"))
        else:
            self.selected = following.card_id
        sheet = self.query_one(CardSheet)
        writing = sheet.has_focus_within
        self._show_mode()
        if writing and following is not None:
            self.screen.set_focus(sheet.field("notes"))  # notes go on with the next card's

    # StepPane

    def focus_first(self) -> None:
        if self.content is None or self.content.deck is None:
            return
        # At once (not `focus()`, which waits a turn): keys typed ahead after esc in a
        # card's notes are then answered by the list, not typed into the notes.
        target = self.query_one(CardGrid) if self.mode == PICK else self.query_one(CardTable)
        self.screen.set_focus(target, scroll_visible=False)

    def leave(self) -> None:
        sheet = self.query_one(CardSheet)
        for field in FIELDS:
            key = sheet.field(field).key
            if key:
                self.session.commit(key)

    def rater_changed(self) -> None:
        content = self.content
        if content is not None and content.deck is not None and self.mode == PICK:
            self.query_one(PickStatus).show(
                content.deck,
                self.picks,
                self.session.rater,
                alone=self.session.party is not None,
                kind=self._kind(),
            )

    def on_descendant_focus(self, _event: object) -> None:
        self.refresh_bindings()
