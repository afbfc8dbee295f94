"""The "Goals and actions" heading in the PDF is never left alone at the foot of a page.

A plan printed for a LUS (themes above the goals, the tighter two-page layout) had the
heading as the last line of page 1 and its only goal, with its actions, on page 2: the first
page ended in a heading over nothing (tmux/pdftoppm, a consultant's first plan).
"""

from __future__ import annotations

import subprocess
from datetime import date

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs


def _pages_of(path, marks: tuple[str, ...], pages: int) -> dict[str, int]:
    where: dict[str, int] = {}
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
        for mark in marks:
            if mark in text:
                where.setdefault(mark, page)
    return where


def test_the_goals_heading_is_on_the_page_of_the_first_goal(repo, db_path, read, run_cli, tmp_path):
    person = repo.people.create("Birgitte Østergård", "lead_function", unit="HR")
    record = services.start_conversation(
        repo, load_packs(None).default, person.id, held_on=date(2026, 12, 10),
        conducted_by="Søren Ærø",
    )  # fmt: skip
    goal = repo.plans.add_goal(
        record.id,
        "Målnummer1 Lægger en strategi for funktionen",
        success_criterion="Har en skriftlig strategi for funktionen, som ledergruppen har drøftet",
    )
    for index in range(3):
        repo.plans.add_action(goal.id, f"Handling {index}", owner="Birgitte Østergård")
    pick = repo.conversations.detail(record.id).picks[0]
    placed: list[tuple[int, dict[str, int]]] = []
    for lines in range(0, 44, 2):
        text = "\n".join(f"Aftale {n}: Birgitte laver en plan for lederne." for n in range(lines))
        repo.conversations.set_card_text(pick.id, "agreements", text or "Aftale")
        out = tmp_path / f"plan-{lines}.pdf"
        result = run_cli(
            "--db", db_path, "--lang", "da", "plan", "print", record.id,
            "--format", "pdf", "-o", out,
        )  # fmt: skip
        assert result.code == 0, result.err
        marks = ("Mål og handlinger", "Målnummer1")
        placed.append((lines, _pages_of(out, marks, read.pdf_pages(out))))
    for lines, where in placed:
        assert where["Mål og handlinger"] == where["Målnummer1"], (
            f"{lines} lines of agreements: the heading on page {where['Mål og handlinger']}, "
            f"the goal on page {where['Målnummer1']}"
        )
