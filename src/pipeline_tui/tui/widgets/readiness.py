"""Readiness for the next layer: a question of its own on the summary of a leadership evaluation.

The rating scale rates performance in the present role; whether the leader is
ready for the layer above is potential, and mixing the two made the top level
of the scale say "shows the next layer". So a kind of conversation with
`readiness` (the default pack's leadership evaluation) asks it here, once the
ratings are read: now, in a year or two, or not now, with a line on why. It is
stored on the plan and printed with it; the top layer is never asked.
"""

from __future__ import annotations

from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from pipeline_tui.ops import Op
from pipeline_tui.tui.i18n import language, t
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput
from pipeline_tui.tui.widgets.field_label import FieldLabel
from pipeline_tui.vocabulary import READINESS


class ReadinessQuestion(Vertical):
    """The question, its three answers (Enter chooses) and a one-line note."""

    DEFAULT_CSS = """
    ReadinessQuestion { height: auto; }
    ReadinessQuestion #readiness-answers { height: auto; max-height: 5; }
    """

    def __init__(self, session: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static("", id="readiness-title", classes="section-title")
        yield Static("", id="readiness-hint", classes="muted")
        yield OptionList(id="readiness-answers")
        yield FieldLabel(
            "", for_id="readiness-note", id="readiness-note-label", classes="field-label"
        )
        yield AutosaveInput(id="readiness-note", compact=True, max_length=500)

    def _key(self, field: str) -> str:
        return f"plan:{self.session.conversation_id}:{field}"

    def chosen(self) -> str:
        """The answer as last chosen (saved or not), "" while not answered."""
        plan = self.session.detail.plan if self.session.detail else None
        stored = plan.readiness if plan else ""
        queued = self.session.changed(self._key("readiness"), "readiness", stored)
        return cast(str, queued)  # a queued answer is one of READINESS (_chosen)

    def show(self) -> None:
        """Shown only in a kind that asks it, below the top layer."""
        detail, content = self.session.detail, self.session.content
        asked = (
            detail is not None
            and content is not None
            and content.asks_readiness(detail.conversation.kind)
        )
        self.display = asked
        if not asked:
            return
        layer = content.next_layer.get(language()) if content.next_layer else ""
        self.query_one("#readiness-title", Static).update(t("readiness.title", layer=esc(layer)))
        self.query_one("#readiness-hint", Static).update(t("readiness.hint"))
        self.query_one("#readiness-note-label", Label).update(t("readiness.note"))
        chosen = self.chosen()
        answers = self.query_one("#readiness-answers", OptionList)
        highlighted = answers.highlighted
        answers.set_options(
            [
                Option(
                    f"{'●' if value == chosen else '○'} {t(f'readiness.{value}')}",
                    id=value,
                )
                for value in READINESS
            ]
        )
        if highlighted is None and chosen in READINESS:
            highlighted = READINESS.index(chosen)
        answers.highlighted = highlighted if highlighted is not None else 0
        answers.disabled = self.session.readonly
        plan = detail.plan
        conversation_id = self.session.conversation_id
        args = {"conversation_id": conversation_id, "field": "readiness_note"}
        self.query_one(AutosaveInput).bind_field(
            self.session,
            self._key("readiness_note"),
            plan.readiness_note if plan else "",
            None
            if self.session.readonly
            else lambda value: Op("plan_text", {**args, "value": value}),
            t("readiness.note"),
        )

    @on(OptionList.OptionSelected, "#readiness-answers")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = event.option.id or ""
        detail = self.session.detail
        if self.session.readonly or detail is None or value not in READINESS:
            return
        self.session.set_field(
            self._key("readiness"),
            Op("plan", {"conversation_id": self.session.conversation_id}),
            "readiness",
            value,
            detail.plan.readiness if detail.plan else "",
            label=t("readiness.label"),
            on_conflict=lambda _error: self.session.reload(),
        )
        self.show()

    def leave(self) -> None:
        note = self.query_one(AutosaveInput)
        if note.key:
            self.session.commit(note.key)
