"""A goal in the PDF is never left at the foot of a page without its actions.

With many goals, one fell near the bottom of a page: its title, success criterion and
due date were printed there, its actions' table on the next page, where it read as the
actions of no goal (a plan of 30 goals; tmux/pdftoppm, page 9 of 11).
"""

from __future__ import annotations

import subprocess
from datetime import date

from pipeline_tui import services
from pipeline_tui.packs.loader import load_packs


def test_every_goal_starts_on_the_page_of_its_first_action(repo, db_path, read, run_cli, tmp_path):
    person = repo.people.create("Peter Vestergaard", "lead_function", unit="Økonomi")
    record = services.start_conversation(
        repo, load_packs(None).default, person.id, held_on=date(2026, 10, 16),
        conducted_by="Lise Kjær",
    )  # fmt: skip
    for number in range(1, 31):
        goal = repo.plans.add_goal(
            record.id,
            f"Målnummer{number:02d} "
            + "Du leder et projekt på tværs af enhederne. " * (number % 3),
            success_criterion="Projektet er afsluttet og evalueret sammen med ledergruppen",
            due_on=date(2027, 6, 30),
        )
        for index in range(1 + number % 3):
            text = f"Handlingnummer{number:02d}{index} " + "Sparring med chefen " * (number % 5) * 2
            repo.plans.add_action(goal.id, text, owner="Peter Vestergaard", due_on=date(2027, 3, 1))
    out = tmp_path / "plan.pdf"
    result = run_cli("--db", db_path, "plan", "print", record.id, "--format", "pdf", "-o", out)
    assert result.code == 0, result.err
    pages = read.pdf_pages(out)
    where: dict[str, int] = {}
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(out), "-"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
        for number in range(1, 31):
            for mark in (f"Målnummer{number:02d}", f"Handlingnummer{number:02d}0"):
                if mark in text:
                    where.setdefault(mark, page)
    for number in range(1, 31):
        goal, action = f"Målnummer{number:02d}", f"Handlingnummer{number:02d}0"
        assert where[goal] == where[action], (
            f"{goal} on page {where[goal]}, its actions on {where[action]}"
        )


def test_a_goal_that_fits_on_a_page_is_not_split_across_two(repo, db_path, read, run_cli, tmp_path):
    """Three goals of three actions, the usual plan: the third goal's title and first
    action ended page 1, its other two actions began page 2 under a bare table heading,
    not saying whose actions they were. A goal that fits on a page is kept whole; one too
    long for any page still starts with its first action (the test above). The first
    goal grows a line at a time, so the third meets the foot of page 1 at every height."""
    person = repo.people.create("Karen Bødker-Ølgaard", "lead_others")
    record = services.start_conversation(
        repo, load_packs(None).default, person.id, held_on=date(2026, 3, 3)
    )
    goals = []
    for number in range(1, 4):
        goal = repo.plans.add_goal(
            record.id,
            f"Målnummer{number} om uddelegering og prioritering i hverdagen",
            success_criterion="Teamet løser det selv.",
        )
        goals.append(goal)
        for index in range(3):
            text = "med en længere beskrivelse af hvad der skal ske " * (1 + index % 2)
            repo.plans.add_action(goal.id, f"Handlingnummer{number}{index} {text}")
    for lines in range(0, 30, 3):
        repo.plans.update_goal(
            goals[0].id, success_criterion="Teamet løser det selv, uden at spørge mig. " * lines
        )
        out = tmp_path / f"plan-{lines}.pdf"
        result = run_cli("--db", db_path, "plan", "print", record.id, "-o", out)
        assert result.code == 0, result.err
        pages = [
            subprocess.run(
                ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(out), "-"],
                capture_output=True,
                text=True,
                check=True,
                timeout=60,
            ).stdout
            for page in range(1, read.pdf_pages(out) + 1)
        ]
        for number in range(1, 4):
            marks = [f"Målnummer{number}"] + [f"Handlingnummer{number}{i}" for i in range(3)]
            where = {
                mark: [i + 1 for i, text in enumerate(pages) if mark in text] for mark in marks
            }
            assert len({tuple(found) for found in where.values()}) == 1, (lines, where)
