"""360° answers in the printed plan (issue 18): a group is shown only from three raters, as
means, and no rater's id is anywhere: not in any format, not in an export, not in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from two_leaders import anna_and_mette, begin

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.report.document import Profile, Table
from pipeline_tui.report.labels import label
from pipeline_tui.report.plan import plan_document
from pipeline_tui.store.repository import open_repository

FORMATS = ("text", "markdown", "html", "pdf")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "pdf": "pdf"}
RATERS = ("peer-id-KQ7Z-anna.kollega", "peer-id-W2XR-bo", "peer-id-M9PD-carl")
COMMENTS = ("Lytter altid først", "Kunne uddelegere mere", "Giver os plads")
HEADER = "conversation_id,group,rater,expectation_id,score,comment\n"


@pytest.fixture
def evaluation(db_path: Path):
    """A revealed leadership evaluation: the leader rates the first expectation 5 and the
    rest 3, the manager 3 throughout. Returns (conversation id, expectation ids)."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        anna, _mette = anna_and_mette(repo)
        conversation, ids = begin(repo, pack, anna.id, "evaluation")
        for index, expectation in enumerate(ids):
            repo.conversations.set_rating(
                conversation, expectation, "self", score=5 if not index else 3
            )
            repo.conversations.set_rating(conversation, expectation, "manager", score=3)
        repo.conversations.update(conversation, revealed=True)
    finally:
        repo.close()
    return conversation, ids


def answers(conversation_id: int, ids: list[str], rater: int) -> str:
    """A rater's answers: the first expectation 1, 2, 1 by rater; the rest 4, 4, 5; one
    comment each, on the first expectation. Two raters: means 1.5 and 4.0; three: 1.3, 4.3."""
    first, rest = (1, 2, 1)[rater], (4, 4, 5)[rater]
    lines = []
    for index, expectation in enumerate(ids):
        score = first if index == 0 else rest
        comment = COMMENTS[rater] if index == 0 else ""
        lines.append(f"{conversation_id},peer,{RATERS[rater]},{expectation},{score},{comment}\n")
    return "".join(lines)


def feedback_file(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def printed(run_cli, db: Path, conversation_id: int, tmp_path: Path, read, tag: str) -> dict:
    texts = {}
    for fmt in FORMATS:
        out = tmp_path / f"{tag}.{SUFFIX[fmt]}"
        result = run_cli(
            "--db", db, "plan", "print", conversation_id, "--format", fmt, "-o", out,
            "--lang", "da", "--force",
        )  # fmt: skip
        assert result.code == 0, result.err
        texts[fmt] = (read.shown(out, fmt), out.read_bytes())
    return texts


def test_peers_are_shown_from_the_third_as_the_mean_of_three(
    evaluation, db_path: Path, tmp_path: Path, run_cli, read
) -> None:
    conversation_id, ids = evaluation
    two = answers(conversation_id, ids, 0) + answers(conversation_id, ids, 1)
    result = run_cli("--db", db_path, "feedback", "import", feedback_file(tmp_path, "a.csv", two))
    assert result.code == 0, result.err
    assert "from 2 raters" in result.out

    for fmt, (text, _raw) in printed(
        run_cli, db_path, conversation_id, tmp_path, read, "two"
    ).items():
        hidden = read.flat(label("da", "feedback_hidden", group="Kolleger", n=3))
        assert hidden in text, fmt
        assert text.count("Kolleger") == 1, fmt  # that line only: no column, no series
        for figure in ("1,5", "4,0", "4,00"):  # the means of the two peers
            assert figure not in text, (fmt, figure)
        for comment in COMMENTS:
            assert comment not in text, fmt

    third = answers(conversation_id, ids, 2)
    result = run_cli("--db", db_path, "feedback", "import", feedback_file(tmp_path, "b.csv", third))
    assert result.code == 0, result.err

    for fmt, (text, _raw) in printed(
        run_cli, db_path, conversation_id, tmp_path, read, "three"
    ).items():
        assert read.flat(label("da", "feedback_shown", group="Kolleger", n=3)) in text, fmt
        assert "1,3" in text and "4,3" in text, fmt  # (1+2+1)/3 and (4+4+5)/3
        assert "1,5" not in text, fmt
        for comment in COMMENTS:
            assert comment in text, fmt
        assert read.flat(label("da", "blind_spots")) in text, fmt  # self 5, the others 2,2

    repo = open_repository(str(db_path))
    try:
        doc = plan_document(services.plan_input(repo, conversation_id), "da")
    finally:
        repo.close()
    [profile] = [b for b in doc.blocks if isinstance(b, Profile)]
    assert profile.groups == ("peer",) and profile.group_labels == ("Kolleger",)
    [table] = [b for b in doc.blocks if isinstance(b, Table) and b.columns[-1] == "Bemærk"]
    assert table.columns[1:4] == ("Leder", "Lederens leder", "Kolleger")
    assert table.rows[0][1:] == ("5", "3", "1,3", "Blind plet")
    assert {row[3] for row in table.rows[1:]} == {"4,3"}


def test_rater_ids_are_nowhere(evaluation, db_path: Path, tmp_path: Path, run_cli, read) -> None:
    """Not in any printed format, not in the person's export, not in the database export,
    not in the database file itself (only a hash of each id is stored)."""
    conversation_id, ids = evaluation
    body = "".join(answers(conversation_id, ids, rater) for rater in range(3))
    assert (
        run_cli("--db", db_path, "feedback", "import", feedback_file(tmp_path, "c.csv", body)).code
        == 0
    )
    outputs = [
        raw
        for _text, raw in printed(run_cli, db_path, conversation_id, tmp_path, read, "p").values()
    ]
    outputs += [
        text.encode()
        for text, _raw in printed(run_cli, db_path, conversation_id, tmp_path, read, "q").values()
    ]
    person = run_cli("--db", db_path, "person", "export", "2")
    assert person.code == 0, person.err
    whole = run_cli("--db", db_path, "export")
    assert whole.code == 0, whole.err
    outputs += [person.out.encode(), whole.out.encode()]
    for suffix in ("", "-wal"):
        stored = Path(f"{db_path}{suffix}")
        if stored.exists():
            outputs.append(stored.read_bytes())
    for rater in RATERS:
        for part in (rater, rater.split("-")[2]):
            for output in outputs:
                assert part.encode() not in output

    exported = json.loads(person.out)
    [talk] = exported["feedback"]
    [peers] = talk["groups"]
    assert (peers["group"], peers["raters"], peers["shown"]) == ("peer", 3, True)
    assert dict(map(tuple, peers["means"]))[ids[0]] == pytest.approx(1.33)
    assert sorted(text for _key, text in peers["comments"]) == sorted(COMMENTS)
    assert "feedback_answer" not in exported and "feedback_rater" not in exported


def test_the_spider_chart_draws_each_group_shown() -> None:
    """HTML's radar: a polygon per series (manager, self, peers, reports) and a legend line
    per group; without groups it is drawn as before."""
    from pipeline_tui.report.chart import GROUP_COLOURS, radar_svg
    from pipeline_tui.report.document import ProfileRow

    rows = tuple(
        ProfileRow(name, 3.0, 3.5, (4.0, 2.5)) for name in ("Resultater", "Mennesker", "Samarbejde")
    )
    chart = radar_svg(
        Profile(
            rows, 5, "Leder", "Lederens leder", ("peer", "report"), ("Kolleger", "Medarbejdere")
        )
    )
    assert chart.count("<polygon") == 5 + 4  # five rings, then manager, self, peers, reports
    for group in ("peer", "report"):
        assert f'stroke="{GROUP_COLOURS[group]}" stroke-width="2"/>' in chart
    assert ">Kolleger</text>" in chart and ">Medarbejdere</text>" in chart
    plain = radar_svg(Profile(tuple(ProfileRow(r.name, 3.0, 3.5) for r in rows), 5, "L", "M"))
    assert plain.count("<polygon") == 5 + 2 and GROUP_COLOURS["peer"] not in plain


def test_a_groups_column_heading_is_never_split_inside_the_word(
    evaluation, db_path: Path, tmp_path: Path, run_cli
) -> None:
    """With peers and direct reports shown, the PDF's table per expectation headed its
    reports' column "Medarbejde" over "re": the columns of figures are as wide as their
    longest heading word needs."""
    import re
    import subprocess

    conversation_id, ids = evaluation
    body = "".join(
        f"{conversation_id},{group},{group}-{n}-x7,{expectation},4,\n"
        for group in ("peer", "report")
        for n in range(3)
        for expectation in ids
    )
    result = run_cli("--db", db_path, "feedback", "import", feedback_file(tmp_path, "g.csv", body))
    assert result.code == 0, result.err
    for lang, word in (("da", "Medarbejdere"), ("en", "reports")):
        out = tmp_path / f"plan-{lang}.pdf"
        printed = run_cli(
            "--db", db_path, "plan", "print", conversation_id, "--format", "pdf", "-o", out,
            "--lang", lang,
        )  # fmt: skip
        assert printed.code == 0, printed.err
        text = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, timeout=60
        ).stdout
        assert word in text
        assert not re.search(rf"{word[:-2]}(?!{word[-2:]})", text), lang


def test_a_mean_is_rounded_once_as_by_hand(
    evaluation, db_path: Path, tmp_path: Path, run_cli
) -> None:
    """Eleven direct reports give the first expectation 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4:
    28 / 11 = 2.545…, by hand 2,5. The mean was kept as 2.55 first, then shown as 2,6; and
    the dimension's mean, a mean of such means, was rounded a third time."""
    conversation_id, ids = evaluation
    scores = (2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4)
    body = "".join(
        f"{conversation_id},report,rep-{n:02d}-Xq,{ids[0]},{score},\n"
        for n, score in enumerate(scores)
    )
    result = run_cli("--db", db_path, "feedback", "import", feedback_file(tmp_path, "r.csv", body))
    assert result.code == 0, result.err
    out = tmp_path / "plan.md"
    shown = run_cli(
        "--db", db_path, "plan", "print", conversation_id, "--format", "markdown", "-o", out,
        "--lang", "da",
    )  # fmt: skip
    assert shown.code == 0, shown.err
    lines = out.read_text(encoding="utf-8").splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("| Forventning |"))
    assert lines[head].split("|")[4].strip() == "Medarbejdere", lines[head]
    first = lines[head + 2]  # the first expectation's row, below the header's rule
    assert first.split("|")[4].strip() == "2,5", first


def test_a_groups_whole_mean_keeps_its_decimal_as_every_other_mean(
    evaluation, db_path: Path, tmp_path: Path, run_cli
) -> None:
    """Three peers give the first expectation 1, 1, 1 and the rest 3, 3, 3: the means are
    written 1,0 and 3,0 as the screen writes them, not 1 and 3 beside 2,8 (a mean that
    came out whole looked like one person's rating); the blind spot's "the others" too."""
    conversation_id, ids = evaluation
    body = "".join(
        f"{conversation_id},peer,peer-{n}-Zk,{key},{1 if index == 0 else 3},\n"
        for n in range(3)
        for index, key in enumerate(ids)
    )
    result = run_cli("--db", db_path, "feedback", "import", feedback_file(tmp_path, "p.csv", body))
    assert result.code == 0, result.err
    out = tmp_path / "plan.md"
    shown = run_cli(
        "--db", db_path, "plan", "print", conversation_id, "--format", "markdown", "-o", out,
        "--lang", "da",
    )  # fmt: skip
    assert shown.code == 0, shown.err
    lines = out.read_text(encoding="utf-8").splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("| Forventning |"))
    cells = [line.split("|")[2:5] for line in lines[head + 2 : head + 2 + len(ids)]]
    assert [c.strip() for c in cells[0]] == ["5", "3", "1,0"], cells[0]
    assert {c[2].strip() for c in cells[1:]} == {"3,0"}
    assert any(line.endswith(": leder 5, de andre 2,0") for line in lines), lines


def test_a_profile_value_not_there_is_one_dash_in_markdown(
    db_path: Path, tmp_path: Path, run_cli
) -> None:
    """Jakob Nørgaard's evaluation in the demo: his manager has rated nothing yet, the
    peers are shown. The Markdown profile wrote each missing value as a bar of a dash and
    the dash again ("| `–         ` – |"); it is one dash, as in the text print."""
    pack = load_packs(None).default
    repo = open_repository(str(db_path))
    try:
        anna, _mette = anna_and_mette(repo)
        conversation, ids = begin(repo, pack, anna.id, "evaluation")
        repo.conversations.set_rating(conversation, ids[0], "self", score=4)
        repo.conversations.update(conversation, revealed=True)
    finally:
        repo.close()
    body = "".join(answers(conversation, ids, rater) for rater in range(3))
    imported = run_cli(
        "--db", db_path, "feedback", "import", feedback_file(tmp_path, "f.csv", body)
    )
    assert imported.code == 0, imported.err
    out = tmp_path / "plan.md"
    result = run_cli(
        "--db", db_path, "plan", "print", conversation, "--format", "markdown", "-o", out,
        "--lang", "da",
    )  # fmt: skip
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    head = "| | Lederens leder | Leder | Kolleger |"
    rows = text.split(head, 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    assert len(rows) == 5, rows  # the five dimensions
    assert "`–" not in text
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    assert [row[1] for row in cells] == ["–"] * 5  # the manager rated nothing
    assert [row[2] for row in cells].count("–") == 4  # self rated one expectation
    assert all(row[3].startswith("`▓▓") and row[3][-2] == "," for row in cells), cells
