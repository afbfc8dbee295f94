"""`plan print` reads the content snapshot into plain records (`packs.records`), not through
the pack's pydantic schema (issue 19): the records hold the same data as the models, every
plan prints byte for byte as it did from the models, and the command imports no pydantic."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pipeline_tui import services
from pipeline_tui.packs import schema
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.packs.records import SnapshotContent
from pipeline_tui.packs.records import Text as TextRecord
from pipeline_tui.packs.snapshot import snapshot
from pipeline_tui.packs.view import ConversationContent
from pipeline_tui.report import render
from pipeline_tui.report.plan import PlanInput, plan_document
from pipeline_tui.store.repository import open_repository
from pipeline_tui.vocabulary import STEPS

from .conftest import TODAY


def same_data(record: Any, model: Any, where: str = "content") -> None:
    """Every field of `record` (a record, or a tuple of them) equals the model's field of
    that name (a text: the same texts in the same order; a list: item by item)."""
    if isinstance(record, TextRecord):
        assert isinstance(model, schema.Text), where
        assert list(record.items) == list(model.root.items()), where
    elif dataclasses.is_dataclass(record):
        for field in dataclasses.fields(record):
            same_data(
                getattr(record, field.name), getattr(model, field.name), f"{where}.{field.name}"
            )
    elif isinstance(record, tuple):
        assert isinstance(model, list | tuple) and len(record) == len(model), where
        for index, (mine, theirs) in enumerate(zip(record, model, strict=True)):
            same_data(mine, theirs, f"{where}[{index}]")
    else:
        assert record == model, where


def snapshots() -> list[tuple[str, dict[str, Any]]]:
    """The real pack's snapshot for every layer with every deck, and without a deck."""
    pack = load_packs(None).default
    found = []
    for layer in pack.layer_keys():
        for deck in (None, *(d.id for d in pack.decks)):
            data = json.loads(json.dumps(snapshot(pack, layer_key=layer, deck_id=deck)))
            found.append((f"{layer}/{deck}", data))
        no_deck = json.loads(json.dumps(snapshot(pack, layer_key=layer)))
        no_deck["deck"], no_deck["themes"] = None, []
        found.append((f"{layer}/none", no_deck))
    return found


def test_records_hold_what_the_pack_models_hold() -> None:
    """From the same stored snapshot (as JSON, as the database gives it back), the records
    and the pydantic models hold the same texts, ids and numbers, and answer alike."""
    assert STEPS == schema.STEPS
    cases = snapshots()
    assert len(cases) > 10
    for name, data in cases:
        records = SnapshotContent.from_snapshot(data)
        models = ConversationContent.from_snapshot(data)
        same_data(records, models, name)
        for kind in (*(k.key for k in models.kinds), "unknown"):
            assert records.steps_for(kind) == models.steps_for(kind), (name, kind)
            assert records.asks_readiness(kind) == models.asks_readiness(kind), (name, kind)
        assert records.scale_values == models.scale_values
        assert records.scale.anonymity_threshold == models.scale.anonymity_threshold
        assert [e.id for e in records.ordered_expectations()] == [
            e.id for e in models.ordered_expectations()
        ]
        for card in models.deck.cards if models.deck else ():
            found = records.card(card.id)
            assert found is not None and found.title.get("en") == card.title.get("en")
        assert records.card("no-such-card") is None and records.expectation("nope") is None


def test_an_old_snapshot_reads_as_the_schema_reads_it() -> None:
    """A snapshot from before kinds, `not_to_do` and time shares were stored: the defaults
    the schema gives, and a time use written as a plain text."""
    name, data = snapshots()[0]
    old = json.loads(json.dumps(data))
    del old["kinds"], old["next_layer"], old["layer"]["not_to_do"]
    old["layer"]["time_application"] = [use["text"] for use in old["layer"]["time_application"]]
    records, models = SnapshotContent.from_snapshot(old), ConversationContent.from_snapshot(old)
    same_data(records, models, name)
    assert records.kinds == () and records.steps_for("mus") == STEPS
    assert all(use.share is None for use in records.layer.time_application)


def test_every_demo_plan_prints_the_same_from_records_as_from_the_models(demo_db: Path) -> None:
    """Every conversation of the demo (every layer and kind, ratings, 360° answers, cards,
    goals, readiness), in both languages: the same document, and the same text, Markdown
    and HTML, byte for byte, whether the content is read as records or as pydantic models."""
    inputs = plan_inputs(demo_db)
    assert len(inputs) > 20
    assert len({i.detail.conversation.kind for i in inputs}) > 1
    assert len({i.content.layer.key for i in inputs}) > 1
    prints_the_same(inputs)


def test_every_kind_prints_the_same_with_360_answers_and_readiness(
    db_path: Path, tmp_path: Path, run_cli
) -> None:
    """A conversation of every kind of the real pack, on every layer that holds it, rated
    and revealed, readiness answered, an evaluation with three peers' answers: the same
    document and the same text, Markdown and HTML from records as from the models."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    answers = []
    try:
        for index, layer in enumerate(pack.layer_keys()):
            person = repo.people.create(f"Person {index}", layer, email=f"p{index}@example.dk")
            for kind in pack.kinds_for(layer):
                record = services.start_conversation(repo, pack, person.id, kind=kind.key)
                content = services.conversation_content(repo.conversations.detail(record.id))
                for number, expectation in enumerate(content.ordered_expectations()):
                    for rater, score in (("self", 1 + number % 5), ("manager", 5 - number % 4)):
                        repo.conversations.set_rating(record.id, expectation.id, rater, score=score)
                    if kind.key != "evaluation":  # the kind that asks peers
                        continue
                    for peer in range(3):
                        score, comment = 1 + (number + peer) % 5, "ok" if number == peer else ""
                        answers.append(
                            f"{record.id},peer,p{peer},{expectation.id},{score},{comment}\n"
                        )
                repo.conversations.update(record.id, revealed=True)
                if content.asks_readiness(kind.key):
                    repo.plans.update(record.id, readiness="later", readiness_note="Om et år")
    finally:
        repo.close()
    csv = tmp_path / "answers.csv"
    csv.write_text("conversation_id,group,rater,expectation_id,score,comment\n" + "".join(answers))
    result = run_cli("--db", db_path, "feedback", "import", csv)
    assert result.code == 0, result.err
    inputs = plan_inputs(db_path)
    assert {i.detail.conversation.kind for i in inputs} == {k.key for k in pack.kinds}
    assert any(i.detail.feedback and i.detail.feedback[0].shown for i in inputs), result.err
    assert any(i.content.asks_readiness(i.detail.conversation.kind) for i in inputs)
    prints_the_same(inputs)


def plan_inputs(db: Path) -> list[PlanInput]:
    """What every conversation in `db` prints, its content read through pydantic."""
    repo = open_repository(str(db))
    try:
        ids = [summary.id for summary in repo.conversations.list()]
        return [services.plan_input(repo, conversation_id) for conversation_id in ids]
    finally:
        repo.close()


def prints_the_same(inputs: list[PlanInput]) -> None:
    for models in inputs:
        models = replace(models, printed_on=TODAY)
        assert isinstance(models.content, ConversationContent)
        records = replace(models, content=SnapshotContent.from_snapshot(models.detail.snapshot))
        for lang in ("da", "en"):
            doc = plan_document(records, lang)
            assert doc == plan_document(models, lang)
            for fmt in ("text", "markdown", "html"):
                assert render(doc, fmt) == render(plan_document(models, lang), fmt)


PROBE = """
import json, sys
from pipeline_tui.launch import main
try:
    main()
finally:
    print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("fmt", ("text", "html", "pdf"))
def test_plan_print_imports_no_pydantic_yaml_or_textual(typical, tmp_path, fmt) -> None:
    """`plan print` in a fresh interpreter (as the installed command starts) prints the plan
    without importing pydantic, PyYAML, Textual or SQLAlchemy (a local database at the
    current schema is read with the stdlib); a PDF imports fpdf2 and nothing more of those."""
    out = tmp_path / f"plan.{fmt}"
    args = ("--db", typical.db, "plan", "print", typical.conversation_id, "--format", fmt)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    *rest, last = done.stderr.splitlines()
    assert done.returncode == 0, rest
    if fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF-")
    else:
        assert typical.name in out.read_text(encoding="utf-8")
    imported = {name.split(".")[0] for name in json.loads(last.removeprefix("MODULES "))}
    assert imported & {"pydantic", "pydantic_core", "yaml", "textual", "sqlalchemy"} == set()
    assert "pipeline_tui.packs.records" in json.loads(last.removeprefix("MODULES "))
