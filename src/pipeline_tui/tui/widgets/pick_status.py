"""How many cards each party has picked, how many are left, and the deck's min–max.

Both parties are always shown; the active one (who enter picks for) stands
out, with the key that switches party beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from pipeline_tui.core.cards import pick_state
from pipeline_tui.packs.schema import Deck
from pipeline_tui.records import CardPickRecord
from pipeline_tui.tui.i18n import party, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.vocabulary import PARTIES


def pick_range(minimum: int, maximum: int) -> str:
    """ "1" rather than "1–1", "up to 2" rather than "0–2", else "3–4"."""
    if minimum == maximum:
        return str(maximum)
    if minimum == 0:
        return t("cards.up_to", max=maximum)
    return f"{minimum}–{maximum}"


class PickStatus(Static):
    def show(
        self,
        deck: Deck,
        picks: Sequence[CardPickRecord],
        rater: str,
        *,
        alone: bool = False,
        kind: str | None = None,
    ) -> None:
        """Each party's picks, the active one marked; `alone` (a preparation link): only the
        active party's, and no key to switch. The parties are named as `kind` names them
        (the deck's kind when not given)."""
        lines = []
        for who in (rater,) if alone else PARTIES:
            state = pick_state(deck, picks, who)
            name = party(kind or deck.kind, who)
            if state.maximum == 0 and state.picked == 0:  # the deck leaves this party out
                text, done = t("cards.none_for", party=name), ""
            else:
                text = t(
                    "cards.left",
                    party=name,
                    picked=state.picked,
                    left=state.remaining,
                    range=pick_range(state.minimum, state.maximum),
                )
                done = " ✓" if state.enough else f" · {t('cards.missing_n', n=state.missing)}"
            if who == rater and alone:
                lines.append(f"[b reverse] ▶ {esc(text)}{done} [/]")
            elif who == rater:
                lines.append(f"[b reverse] ▶ {esc(text)}{done} [/] [dim](r)[/dim]")
            else:
                lines.append(f"   {esc(text)}{done}")
        self.update("\n".join(lines))
