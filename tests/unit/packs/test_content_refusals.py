"""A content folder the program cannot use is refused before anything runs, in the
language asked: two packs with one id (each valid and cached on its own), a folder without
a pack, a pack with problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_tui.config import Settings
from pipeline_tui.errors import UserError
from pipeline_tui.packs.loader import load_packs
from pipeline_tui.tui.run import prepare

BROKEN = Path(__file__).resolve().parents[2] / "fixtures" / "broken_packs"


def two_packs_with_one_id(tmp_path: Path, make_pack) -> Path:
    """A consultant copies the pack folder to start the next version and forgets the id.
    Each copy was used on its own before, so each has a current cache entry."""
    for name in ("one", "two"):
        load_packs(make_pack(f"ours/{name}"))
    return tmp_path / "ours"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("da", "to indholdspakker har id'et 'minimal'"),
        ("en", "two content packs have the id 'minimal'"),
    ],
)
def test_two_cached_packs_with_one_id_are_refused_by_the_quick_paths(
    tmp_path: Path, make_pack, run_cli, lang: str, words: str
) -> None:
    """`people list` reads layer names from the cache: it ran on as if nothing were wrong,
    and the app opened with 'the database could not be opened: two content packs ...'."""
    folder = two_packs_with_one_id(tmp_path, make_pack)
    db = tmp_path / "x.db"
    result = run_cli("--lang", lang, "--content", folder, "--db", db, "people", "list")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"pipeline-tui: {words}") and "Traceback" not in result.err
    settings = Settings.resolve(db=str(db), content=str(folder), lang=lang)
    with pytest.raises(UserError, match="two content packs have the id 'minimal'"):
        prepare(settings, lines=24)  # what the app reads before its first screen


@pytest.mark.parametrize(
    ("args", "danish"),
    [
        (
            ("--content", BROKEN / "unknown_dimension"),
            f"pipeline-tui: indholdspakken i {BROKEN / 'unknown_dimension'} har 1 fejl: "
            "expectations/team_lead.yaml:14: ",
        ),
        (
            ("--content", BROKEN / "unclosed_quote"),
            f"pipeline-tui: indholdspakken i {BROKEN / 'unclosed_quote'} har 1 fejl: "
            "expectations/head.yaml:5: ikke gyldig YAML: ",
        ),
        (("--content", BROKEN / "expected.txt"), "pipeline-tui: --content skal være en mappe"),
    ],
)
def test_a_content_pack_refused_says_so_in_danish(tmp_path: Path, run_cli, args, danish) -> None:
    """Under --lang da these said "the content pack in ... has 1 problem; first: ...",
    and "no content pack in ...", in English."""
    result = run_cli("--lang", "da", *args, "--db", tmp_path / "x.db", "people", "list")
    assert result.code == 2
    assert result.err.startswith(danish), result.err


def test_a_folder_without_a_pack_is_refused_in_danish(tmp_path: Path, run_cli) -> None:
    (tmp_path / "empty").mkdir()
    result = run_cli("--lang", "da", "--content", tmp_path / "empty", "content", "list")
    assert result.code == 2
    assert result.err == (
        f"pipeline-tui: der er ingen indholdspakke i {tmp_path / 'empty'}: en pakkemappe "
        "rummer pack.yaml, pipeline.yaml og pakkens øvrige filer\n"
    )
