"""Step 1, setup: who, what kind, which layer, when, who conducts, which language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Select, Static

from pipeline_tui.ops import Op
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.texts import LANGUAGES
from pipeline_tui.tui.dialogs.confirm import ConfirmScreen
from pipeline_tui.tui.i18n import binding, language, locale, plural, t, typed_day
from pipeline_tui.tui.markup import escape as esc
from pipeline_tui.tui.steps.base import StepPane
from pipeline_tui.tui.widgets.autosave_text import AutosaveInput
from pipeline_tui.tui.widgets.date_input import DateInput, parse_date
from pipeline_tui.tui.widgets.field_sync import plain_options, set_quietly
from pipeline_tui.tui.widgets.role_text import RoleText
from pipeline_tui.vocabulary import CONVERSATION_KINDS

LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}
LABELLED = ("person", "kind", "layer", "date", "conducted_by", "language", "before")


class SetupPane(StepPane):
    STEP = "setup"
    # In F1's list (the footer at 80 columns has no room for it).
    BINDINGS = [binding("f6", "invite", id="setup.invite", show=False)]
    _date_of: int | None = None  # the conversation whose date the date field was given

    def compose(self) -> ComposeResult:
        with Horizontal(classes="two-columns"):
            # Fields only, each a tab stop: the column itself is not one (the playbook's
            # text beside it is, to be scrolled by keys).
            with VerticalScroll(id="setup-form", classes="column", can_focus=False):
                yield Label(t("setup.person"), id="setup-person-label", classes="field-label")
                yield Static("", id="setup-person")
                yield Label(t("setup.kind"), id="setup-kind-label", classes="field-label")
                yield Select(
                    [(t(f"kind.{k}"), k) for k in CONVERSATION_KINDS],
                    id="setup-kind",
                    allow_blank=False,
                    compact=True,
                )
                yield Label(t("setup.layer"), id="setup-layer-label", classes="field-label")
                layers = plain_options(
                    (name, key) for key, name in self.session.app.layer_names().items()
                )
                yield Select(layers, id="setup-layer", allow_blank=not layers, compact=True)
                yield Static("", id="setup-layer-note", classes="field-error")
                yield Label(t("setup.date"), id="setup-date-label", classes="field-label")
                yield DateInput(id="setup-date", placeholder="")
                yield Static("", id="setup-date-error", classes="field-error")
                yield Label(
                    t("setup.conducted_by"), id="setup-conducted_by-label", classes="field-label"
                )
                yield AutosaveInput(id="setup-conducted-by", compact=True, max_length=200)
                yield Label(t("setup.language"), id="setup-language-label", classes="field-label")
                yield Select(
                    [(LANGUAGE_NAMES[lang], lang) for lang in LANGUAGES],
                    id="setup-language",
                    allow_blank=False,
                    compact=True,
                )
                yield Static("", id="setup-pack", classes="muted")
            with Vertical(id="setup-playbook", classes="column"):
                yield Static(t("setup.before"), id="setup-before-label", classes="section-title")
                with VerticalScroll():
                    yield Static("", id="setup-before")
                    yield Static("", id="setup-role")
                    yield RoleText(None, language(), id="setup-role-text")

    def focus_first(self) -> None:
        self.screen.set_focus(self.query_one("#setup-kind", Select), scroll_visible=False)

    def show(self) -> None:
        detail, content = self.detail, self.content
        if detail is None or content is None:
            return
        record = detail.conversation
        lang = language()
        for name in LABELLED:  # in the language of the moment (the app's can change)
            self.query_one(f"#setup-{name}-label", Static).update(t(f"setup.{name}"))
        self.query_one("#setup-person", Static).update(f"[b]{esc(record.person_name)}[/b]")
        kind = self.query_one("#setup-kind", Select)
        kind.set_options(plain_options(self._kind_options(record.layer, record.kind)))
        kind.value = record.kind
        layer = self.query_one("#setup-layer", Select)
        names = self.session.app.layer_names() or {content.layer.key: content.layer.name.get(lang)}
        layer.set_options(plain_options((name, key) for key, name in names.items()))
        layer.value = record.layer if record.layer in names else Select.BLANK
        moved = self.session.layer_moved()
        note = self.query_one("#setup-layer-note", Static)
        note.update(
            "" if moved is None else t("setup.layer_moved", name=record.person_name, layer=moved)
        )
        note.display = moved is not None
        date_input = self.query_one("#setup-date", DateInput)
        # A text typed that is no date stays in the field, with what is wrong (as on the
        # plan): closing, quitting and signing name it first.
        date_input.keep_in(self.session, f"conversation:{record.id}:held_on")
        # A date being corrected (typed wrong or emptied, then another field) stays as it is.
        corrected = self._date_of == record.id and self._date_unusable()
        if not date_input.has_focus and not corrected:
            date_input.show_date(record.held_on)
            self._date_of = record.id
        self.query_one("#setup-conducted-by", AutosaveInput).bind_field(
            self.session,
            f"conversation:{record.id}:conducted_by",
            record.conducted_by,
            None if self.readonly else self._conducted_writer(record.id),
            t("setup.conducted_by"),
        )
        self.query_one("#setup-language", Select).value = record.language
        self.query_one("#setup-pack", Static).update(
            f"{t('setup.pack')}: {esc(content.pack_name.get(lang))} {content.pack_version}"
        )
        for widget in self.query("Select, Input"):
            widget.disabled = self.readonly
        self._show_playbook(content)

    def _kind_options(self, layer: str, current: str) -> list[tuple[str, str]]:
        """The kinds the pack offers on the layer, named by the pack (and the current one)."""
        pack = self.session.app.pack
        lang = language()
        if pack is None:
            keys = list(dict.fromkeys([*CONVERSATION_KINDS, current]))
            return [(t(f"kind.{k}"), k) for k in keys]
        options = [(k.name.get(lang), k.key) for k in pack.kinds_for(layer)]
        if current not in [key for _name, key in options]:
            found = pack.kind(current)
            options.append((found.name.get(lang) if found else t(f"kind.{current}"), current))
        return options

    def _show_playbook(self, content: ConversationContent) -> None:
        lang = language()
        lines = []
        if content.deck is not None:
            lines.append(esc(content.deck.introduction.get(lang)))
            for number, step in enumerate(content.deck.playbook.before, start=1):
                lines.append(
                    f"\n[b]{number}. {esc(step.title.get(lang))}[/b]\n{esc(step.text.get(lang))}"
                )
        self.query_one("#setup-before", Static).update("\n".join(lines))
        heading = f"[b $accent]{esc(t('setup.role'))}: {esc(content.layer.name.get(lang))}[/]"
        self.query_one("#setup-role", Static).update(f"\n{heading}  [dim](F2)[/dim]")
        # Its bullets wrap under their text, as in the role panel (F2).
        self.query_one("#setup-role-text", RoleText).show(content.layer, lang)

    # writing

    @on(Select.Changed, "#setup-kind")
    @on(Select.Changed, "#setup-layer")
    def _content_changed(self, _event: Select.Changed) -> None:
        if self.detail is None:
            return
        kind = self.query_one("#setup-kind", Select).value
        layer = self.query_one("#setup-layer", Select).value
        record = self.detail.conversation
        if (kind == record.kind and layer == record.layer) or layer is Select.BLANK:
            return
        from pipeline_tui.services import default_kind, picks_lost

        pack = self.session.app.pack
        if pack is not None and layer != record.layer and kind == record.kind:
            offered = [k.key for k in pack.kinds_for(str(layer))]
            if offered and kind not in offered:
                # An MUS moved to a leader's layer: the pack holds no MUS there, and the
                # change was refused ("no kind 'mus' for the layer 'lead_others'") with the
                # layer shown as chosen. It takes the conversation that layer holds.
                kind = default_kind(pack, str(layer))
                kind = kind if kind in offered else offered[0]
        lost = picks_lost(self.detail, pack, layer=str(layer), kind=str(kind)) if pack else ()
        if not lost:
            self._change_content(str(layer), str(kind))
            return
        written = sum(1 for pick in lost if pick.notes.strip() or pick.agreements.strip())
        question = plural(len(lost), "setup.deck_change_one", "setup.deck_change")
        if written:
            question += " " + plural(len(lost), "setup.deck_notes_one", "setup.deck_notes")
        question += " " + t("setup.deck_change_ask")

        def answered(yes: bool | None) -> None:
            if yes:
                self._change_content(str(layer), str(kind))
            else:  # the choice goes back to what the conversation is
                set_quietly(self.query_one("#setup-kind", Select), record.kind)
                set_quietly(self.query_one("#setup-layer", Select), record.layer)

        self.app.push_screen(
            ConfirmScreen(question, title=t("setup.deck_change_title"), default=False), answered
        )

    def _change_content(self, layer: str, kind: str) -> None:
        record = self.detail.conversation if self.detail else None
        if record is None:
            return
        args = {"conversation_id": record.id, "layer": layer, "kind": kind}
        was = (record.layer, record.kind)
        self.session.write(
            "conversation:content",
            Op("change_content", args),
            label=t("setup.layer"),
            # What it was, kept now: the write's result is folded in before `done` runs.
            done=lambda _r: self._changed(was, layer, kind),
        )

    def _changed(self, was: tuple[str, str], layer: str, kind: str) -> None:
        """Say what changed with the layer (the notice compared with the conversation after
        the write had been folded in, and so was never given)."""
        pack = self.session.app.pack
        if layer != was[0]:
            if kind != was[1] and pack is not None:
                found = pack.kind(kind)
                name = found.name.get(language()) if found else kind
                self.notify(t("setup.layer_and_kind_changed", kind=esc(name)))
            else:
                self.notify(t("setup.layer_changed"))
        self.session.reload()

    def _set(self, field: str, value: object, label: str) -> None:
        changes = {field: value}
        op = Op(
            "conversation", {"conversation_id": self.session.conversation_id, "changes": changes}
        )
        self.session.write(f"conversation:{field}", op, label=label)

    @on(Select.Changed, "#setup-language")
    def _language_changed(self, event: Select.Changed) -> None:
        detail = self.detail
        if event.value is Select.BLANK or detail is None:
            return
        if event.value == detail.conversation.language:
            return
        self._set("language", str(event.value), t("setup.language"))

    @on(DateInput.Picked, "#setup-date")
    def _date_picked(self, event: DateInput.Picked) -> None:
        event.stop()
        detail = self.detail
        held_on = event.value
        if held_on is None or detail is None or held_on == detail.conversation.held_on:
            return  # an emptied field changes nothing: a conversation has a date
        self._set("held_on", held_on, t("setup.date"))

    @on(DateInput.Checked, "#setup-date")
    def _date_checked(self, event: DateInput.Checked) -> None:
        event.stop()
        self.query_one("#setup-date-error", Static).update(
            t("setup.bad_date") if event.error else ""
        )

    def _date_unusable(self) -> bool:
        """The date field holds text that is not a date, or nothing: it is not saved."""
        try:
            return parse_date(self.query_one("#setup-date", DateInput).value) is None
        except ValueError:
            return True

    def _keep_date(self) -> None:
        """Leaving the step with the date emptied: say that the date stays what it was, and
        show it again, rather than let it vanish without a word. (A text typed that is no
        date stays in the field, `DateInput.keep_in`.)"""
        detail = self.detail
        field = self.query_one("#setup-date", DateInput)
        if detail is None or self.readonly or field.value.strip():
            return
        held_on = typed_day(detail.conversation.held_on)
        said = t("setup.date_kept_empty", date=held_on)
        self.notify(said, severity="warning", markup=False)
        field.show_date(detail.conversation.held_on)

    @staticmethod
    def _conducted_writer(conversation_id: int) -> Callable[[str], Op]:
        """Saves as typed; a name changed in another session meanwhile is not overwritten."""
        return lambda value: Op(
            "conversation_text",
            {"conversation_id": conversation_id, "field": "conducted_by", "value": value},
        )

    def leave(self) -> None:
        self._keep_date()
        key = self.query_one("#setup-conducted-by", AutosaveInput).key
        if key is not None:
            self.session.commit(key)

    # links: the leader's preparation, or one rater of a 360° group (`pipeline-tui invite`)

    def action_invite(self) -> None:
        """A link for the person to prepare alone in a browser (`pipeline-tui serve`); in a
        conversation that asks others (a leadership evaluation), first: for whom."""
        if self.detail is None or self.readonly:
            return
        from pipeline_tui import clock
        from pipeline_tui.core.due import held_reason

        if held_reason(self.detail.conversation, clock.today()) is not None:
            # said at once, not after asking for whom (a link the writer would refuse)
            self.notify(t("invite.held"), severity="warning", timeout=10)
            return
        self._invite(self.detail.conversation.id)

    @work(thread=True, exclusive=True, group="setup-invite", exit_on_error=False)
    def _invite(self, conversation_id: int) -> None:
        from pipeline_tui import services

        app = self.session.app.services
        target = app.repo().feedback.targets([conversation_id]).get(conversation_id)
        groups = services.asked_groups(app.packs(), app.pack(), target) if target else ()
        if groups and target is not None:
            from pipeline_tui.core.anonymity import threshold_of

            # the group's threshold as the evaluation's content sets it (a pack may ask 5)
            threshold = threshold_of(target.snapshot)
            self.app.call_from_thread(self._ask_whom, conversation_id, groups, threshold)
        else:
            self._link_for(conversation_id, None)

    def _ask_whom(self, conversation_id: int, groups: tuple[str, ...], threshold: int) -> None:
        from pipeline_tui.tui.dialogs.choice import ChoiceScreen

        def chosen(key: str | None) -> None:
            if key is not None:
                self._make_link(conversation_id, None if key == "self" else key)

        choices = [("self", t("invite.for.self"))]
        choices += [(group, t(f"invite.for.{group}")) for group in groups]
        self.app.push_screen(
            ChoiceScreen(t("invite.who_title"), t("invite.who_text", n=threshold), choices), chosen
        )

    @work(thread=True, exclusive=True, group="setup-invite", exit_on_error=False)
    def _make_link(self, conversation_id: int, group: str | None) -> None:
        self._link_for(conversation_id, group)

    def _link_for(self, conversation_id: int, group: str | None) -> None:
        """Worker thread: issue the link (a rater's: one new anonymous rater of `group`)."""
        from pipeline_tui import services
        from pipeline_tui.config import serve_url
        from pipeline_tui.store.invitations import DEFAULT_DAYS

        base = serve_url()  # refused before anything is stored: no link nobody is given
        app = self.session.app.services
        if group is None:
            record, token = app.repo().invitations.issue(conversation_id)
        else:
            record, token = services.invite_rater(
                app.repo(), app.packs(), app.pack(), conversation_id, group, days=DEFAULT_DAYS
            )
        link = f"{base}/s/{token}"
        self.app.call_from_thread(self._show_link, link, record.expires_at, group)

    def _show_link(self, link: str, expires_at: datetime, group: str | None = None) -> None:
        def answered(copy: bool | None) -> None:
            if copy:
                self.app.copy_to_clipboard(link)
                self.notify(t("invite.copied"))

        until = locale().moment(expires_at)
        if group is None:
            title, question = t("invite.title"), t("invite.text", link=esc(link), until=until)
        else:
            title = t("invite.rater_title", who=t(f"invite.who.{group}"))
            question = t("invite.rater_text", link=esc(link), until=until)
        self.app.push_screen(
            ConfirmScreen(question, title=title, yes=t("invite.copy"), no=t("invite.close")),
            answered,
        )
