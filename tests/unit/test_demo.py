"""The demo organisation tells a story a consultant recognises: a goal followed up as
reached has its actions done, one partly reached some of them, one not reached none; no
plan says the same goal twice; two leaders have a leadership evaluation with 360° answers."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from pipeline_tui.store.repository import open_repository


def demo_rows(templates, tmp_path: Path, *queries: str) -> list[list[tuple]]:
    """The rows of each of `queries`, asked of a new demo database."""
    db = tmp_path / "demo.db"
    templates.demo(db)
    connection = sqlite3.connect(db)
    try:
        return [connection.execute(query).fetchall() for query in queries]
    finally:
        connection.close()


def test_last_years_goals_were_worked_on_as_far_as_their_follow_up_says(
    templates, tmp_path: Path
) -> None:
    [rows] = demo_rows(
        templates,
        tmp_path,
        "SELECT goal.status, COUNT(action.id), COALESCE(SUM(action.done), 0) "
        "FROM goal LEFT JOIN action ON action.goal_id = goal.id "
        "WHERE goal.reviewed_in_id IS NOT NULL GROUP BY goal.id",
    )
    by_status: dict[str, list[tuple[int, int]]] = {}
    for status, actions, done in rows:
        by_status.setdefault(status, []).append((actions, done))
    assert set(by_status) == {"done", "partly", "not_done"}, by_status
    assert all(done == actions > 0 for actions, done in by_status["done"])
    assert all(0 < done <= actions for actions, done in by_status["partly"])
    assert any(done < actions for actions, done in by_status["partly"])
    assert all(done == 0 for _actions, done in by_status["not_done"])


def test_no_plan_has_two_goals_of_the_same_words(templates, tmp_path: Path) -> None:
    """Two cards of one theme played in one conversation used to share their agreement,
    and the plan got the same goal twice (then last year's follow-up listed it twice)."""
    twice, agreements = demo_rows(
        templates,
        tmp_path,
        "SELECT plan_id, title FROM goal GROUP BY plan_id, title HAVING COUNT(*) > 1",
        "SELECT conversation_id, agreements FROM card_pick WHERE agreements != '' "
        "GROUP BY conversation_id, agreements HAVING COUNT(*) > 1",
    )
    assert twice == [] and agreements == []


def test_two_leaders_have_a_leadership_evaluation_with_answers_from_others(
    templates, tmp_path: Path, run_cli
) -> None:
    """The demo shows the 360° evaluation a consultant came to see: Lise Kjær's completed
    evaluation with every group over the threshold (the plan prints peers and direct
    reports, blind spots, comments and her readiness); Jakob Nørgaard's under way with his
    direct reports still below it; HR's overview counts who was asked and who answered."""
    db = tmp_path / "demo.db"
    templates.demo(db)
    shown = run_cli("--db", db, "overview", "--year", "2026", "--format", "json")
    assert shown.code == 0, shown.err
    overview = json.loads(shown.out)
    rates = {
        r["person"]["name"]: (r["kind"], r["asked"], r["answered"]) for r in overview["responses"]
    }
    assert rates == {
        "Lise Kjær": ("evaluation", 9, 7),
        "Jakob Nørgaard": ("evaluation", 7, 5),
    }
    kinds = {k["kind"]: k["conversations"] for k in overview["kinds"]}
    assert kinds["evaluation"] == 2

    text = run_cli("--db", db, "--lang", "da", "overview", "--year", "2026").out
    # The weakest expectations of every layer together, in the pipeline's order (they came
    # by key: function, others, self; the layers with too few raters after the rates).
    layers = (
        "Leder af sig selv",
        "Leder af medarbejdere",
        "Leder af ledere",
        "Funktionsleder",
        "Topleder",
    )
    found = [text.index(f"Svageste forventninger – {layer}") for layer in layers]
    assert found == sorted(found), found
    assert text.index("Svarprocent") > text.rindex("Svageste forventninger")
    assert "Lise Kjær" in text[text.index("Svarprocent") :]

    ids = {r["person"]["name"]: r["conversation"] for r in overview["responses"]}
    printed = run_cli(
        "--db", db, "plan", "print", ids["Lise Kjær"], "--format", "markdown", "--lang", "da",
        "-o", "-",
    )  # fmt: skip
    assert printed.code == 0, printed.err
    plan = printed.out
    assert "| | Lederens leder | Leder | Kolleger | Medarbejdere |" in plan
    assert "Kolleger: 4 har svaret" in plan and "Medarbejdere: 3 har svaret" in plan
    assert "Kommentarer fra kolleger" in plan and "Kommentarer fra medarbejdere" in plan
    assert "Blind plet" in plan
    assert "## Klar til næste niveau (Topleder)" in plan
    assert "Klar om et til to år – Først skal helheden" in plan
    assert "demo-" not in plan  # the raters' ids, which only the survey tool knew

    repo = open_repository(str(db))
    try:
        feedback = repo.conversations.detail(ids["Jakob Nørgaard"]).feedback
    finally:
        repo.close()
    assert {g.group: (g.shown, bool(g.means)) for g in feedback} == {
        "peer": (True, True),
        "report": (False, False),
    }


def test_a_draft_has_its_decks_fixed_cards_on_the_table(templates, tmp_path: Path) -> None:
    """A conversation begun in the app has its deck's always-included cards on the table
    from the start; the demo's drafts had none, and the sign-off list said "the cards have
    been played (0/0)" while the cards step showed two on the table."""
    [drafts] = demo_rows(
        templates,
        tmp_path,
        "SELECT c.id, c.kind, COUNT(p.id), SUM(p.picked_by = 'deck') FROM conversation c "
        "LEFT JOIN card_pick p ON p.conversation_id = c.id "
        "WHERE c.status = 'draft' GROUP BY c.id",
    )
    assert drafts, "the demo has a draft"
    assert all(count >= 1 and count == fixed for _id, _kind, count, fixed in drafts), drafts


# What only one group of people would be given in a plan: an employee's card does not hand
# out the leadership of others, a leader of leaders' does not try out nursing notes, and work
# at the bedside is not written into the plan of someone in finance or HR.
NOT_FOR = {
    "lead_self": (
        "dine medarbejdere", "dine ledere", "afdelingsledere", "ledende overlæger",
        "overtager vagtplanlægningen", "udviklingssamtaler", "oversætter strategien",
        "superbrugere",
    ),
    "lead_others": (
        "dine ledere", "dine afdelingsledere", "leder af ledere", "Hver afdelingsleder",
        "sygeplejenotater", "følger controlleren",
    ),
    "senior": (
        "sygeplejenotater", "vagtplan", "tavlemødet", "indkøb", "studerende", "controlleren",
        "morgenoverleveringen", "koordinator", "1:1", "personalemødet",
    ),
    "office": ("vagt", "patient", "sygepleje", "tavlemøde", "operationsgang", "hændelse"),
}  # fmt: skip


def test_no_plan_gives_work_from_another_layer_or_kind_of_work(templates, tmp_path: Path) -> None:
    """The demo's card texts were chosen by the card's theme only, whoever's conversation it
    was: a nurse was to plan the waiting lists with the chief physicians, the finance director
    and the CEO to try out a template for nursing notes, the CEO to hold development talks
    with his department heads; the printed plans (and goals made from the cards) said so."""
    [said] = demo_rows(
        templates,
        tmp_path,
        "SELECT p.name, c.layer, p.unit, k.notes || ' ' || k.agreements FROM card_pick k "
        "JOIN conversation c ON c.id = k.conversation_id JOIN person p ON p.id = c.person_id "
        "WHERE k.agreements != '' "
        "UNION ALL SELECT p.name, c.layer, p.unit, g.title || ' ' || pl.summary FROM goal g "
        'JOIN "plan" pl ON pl.id = g.plan_id JOIN conversation c ON c.id = pl.conversation_id '
        "JOIN person p ON p.id = c.person_id",
    )
    assert {layer for _name, layer, _unit, _text in said} >= {"lead_self", "lead_others"}
    wrong = []
    for name, layer, unit, text in said:
        groups = [layer if layer in ("lead_self", "lead_others") else "senior"]
        if unit in ("Økonomi", "HR") and layer in ("lead_self", "lead_others"):
            groups.append("office")
        for group in groups:
            wrong += [(name, word, text) for word in NOT_FOR[group] if word.lower() in text.lower()]
    assert wrong == [], "\n".join(map(str, wrong))


def test_card_texts_come_from_those_written_for_the_persons_layer_and_work(
    templates, tmp_path: Path
) -> None:
    """Every note and agreement on a card is one written for the layer group and the kind of
    work (clinical or administrative) of the person whose conversation it is."""
    from pipeline_tui.demo.texts import (
        CARD_TEXTS,
        OFFICE,
        OFFICE_CARD_TEXTS,
        text_group,
        work_of,
    )

    [said] = demo_rows(
        templates,
        tmp_path,
        "SELECT p.name, c.layer, p.title, p.unit, k.notes, k.agreements FROM card_pick k "
        "JOIN conversation c ON c.id = k.conversation_id JOIN person p ON p.id = c.person_id "
        "WHERE k.notes != '' OR k.agreements != ''",
    )
    assert len(said) > 100
    for name, layer, title, unit, notes, agreements in said:
        group = text_group(layer)
        written = dict(CARD_TEXTS[group])
        if work_of(title, unit) == OFFICE:
            written.update(OFFICE_CARD_TEXTS.get(group, {}))
        assert (notes, agreements) in {t for texts in written.values() for t in texts}, (
            name,
            layer,
            notes,
        )


def test_every_layer_group_and_kind_of_work_has_as_many_texts_of_each_theme() -> None:
    """The demo draws one text of a card's theme at random: with as many texts for every
    group, which conversation gets which goals and signatures does not depend on whose
    conversation it is (the report tests' `typical` plan and the snapshots rely on it)."""
    from pipeline_tui.demo.texts import (
        CARD_TEXTS,
        OFFICE_CARD_TEXTS,
        RATING_COMMENTS,
        SUMMARIES,
    )

    shape = {theme: len(texts) for theme, texts in CARD_TEXTS["staff"].items()}
    for group, themes in CARD_TEXTS.items():
        assert {theme: len(texts) for theme, texts in themes.items()} == shape, group
        for theme, texts in OFFICE_CARD_TEXTS.get(group, {}).items():
            assert len(texts) == shape[theme], (group, theme)
        assert len(set(texts for texts in themes.values())) == len(themes)
    for texts in (RATING_COMMENTS, SUMMARIES):
        assert len({len(group) for group in texts.values()}) == 1


def test_the_demo_is_made_in_a_leap_year_when_a_conversation_fell_on_29_february(
    tmp_path: Path,
) -> None:
    """Made on 12 December 2028, one of this year's conversations is dated 29 February:
    its follow-up a year later is 28 February 2029 (building the demo used to stop with
    "day is out of range for month", and `pipeline-tui demo` with it)."""
    from pipeline_tui.demo import build_demo
    from pipeline_tui.packs.loader import load_packs

    repo = open_repository(str(tmp_path / "demo.db"))
    try:
        build_demo(repo, load_packs(None).default, date(2028, 12, 12))
    finally:
        repo.close()
    connection = sqlite3.connect(tmp_path / "demo.db")
    try:
        follow_ups = connection.execute(
            "SELECT plan.follow_up_on FROM plan JOIN conversation c "
            "ON c.id = plan.conversation_id WHERE c.held_on = '2028-02-29'"
        ).fetchall()
    finally:
        connection.close()
    assert follow_ups and {row[0] for row in follow_ups} == {"2029-02-28"}
