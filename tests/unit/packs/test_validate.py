"""Validation: the shipped packs, one fixture pack per defect, and no traceback for anything."""

from __future__ import annotations

import filecmp
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_tui.packs.light import find_pack_dirs, pack_files, shipped_content_dir
from pipeline_tui.packs.loader import PackError, YamlError, load_pack, parse_yaml
from pipeline_tui.packs.validate import Problem, check_pack, validate_pack_dir

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MINIMAL = FIXTURES / "minimal_pack"
BROKEN = FIXTURES / "broken_packs"


def expected_problems() -> dict[str, list[str]]:
    """expected.txt: "folder: file:line: message", one problem per line."""
    expected: dict[str, list[str]] = {}
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            folder, problem = line.split(": ", 1)
            expected.setdefault(folder, []).append(problem)
    return expected


EXPECTED = expected_problems()
SHIPPED = find_pack_dirs(shipped_content_dir())


def test_the_minimal_pack_is_valid() -> None:
    assert validate_pack_dir(MINIMAL) == []


@pytest.mark.parametrize("pack_dir", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_pack_validates(pack_dir: Path) -> None:
    problems = validate_pack_dir(pack_dir)
    assert [str(p) for p in problems] == []


def _texts(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, language) of every text: a mapping of two-letter codes to strings."""
    if isinstance(data, dict):
        if data and all(
            isinstance(k, str) and len(k) == 2 and isinstance(v, str) for k, v in data.items()
        ):
            for lang in data:
                yield path, lang
            return
        for key, value in data.items():
            yield from _texts(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _texts(item, (*path, index))


@pytest.mark.parametrize("pack_dir", SHIPPED, ids=[p.name for p in SHIPPED])
def test_danish_and_english_have_the_same_texts(pack_dir: Path) -> None:
    """Read straight from the YAML, so it also holds for files of a pack still being written."""
    only: dict[str, list[str]] = {"da": [], "en": []}
    for rel, path in pack_files(pack_dir):
        doc = parse_yaml(path.read_bytes())
        by_lang: dict[str, set[tuple[Any, ...]]] = {"da": set(), "en": set()}
        for text_path, lang in _texts(doc.data):
            by_lang.setdefault(lang, set()).add(text_path)
        for lang, other in (("da", "en"), ("en", "da")):
            for text_path in sorted(by_lang[lang] - by_lang[other], key=str):
                only[lang].append(f"{rel}:{doc.lines.line(text_path)}")
    assert only == {"da": [], "en": []}


def test_every_broken_pack_is_listed_and_breaks_one_file() -> None:
    """The fixtures are what they claim: each a copy of the minimal pack with one file changed."""
    folders = sorted(p.name for p in BROKEN.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == sorted(EXPECTED)
    minimal = dict(pack_files(MINIMAL))
    for folder in folders:
        broken = dict(pack_files(BROKEN / folder))
        changed = [
            rel
            for rel in sorted(minimal.keys() | broken.keys())
            if rel not in minimal
            or rel not in broken
            or not filecmp.cmp(minimal[rel], broken[rel], shallow=False)
        ]
        assert len(changed) == 1, (folder, changed)


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_a_broken_pack_gives_exactly_the_expected_problem(folder: str) -> None:
    problems = validate_pack_dir(BROKEN / folder)
    assert [str(p) for p in problems] == EXPECTED[folder]
    assert all(isinstance(p, Problem) for p in problems)


def test_problem_text_with_and_without_a_line() -> None:
    problem = Problem("decks/lus.yaml", 12, "card 'x' names theme 'y'")
    assert str(problem) == "decks/lus.yaml:12: card 'x' names theme 'y'"
    assert (
        str(Problem("themes.yaml", None, "the file is empty")) == "themes.yaml: the file is empty"
    )
    assert (
        str(problem.under("packs/ours")) == "packs/ours/decks/lus.yaml:12: card 'x' names theme 'y'"
    )


def test_several_problems_are_all_reported_in_file_and_line_order(minimal: Path, edit_pack) -> None:
    edit_pack(minimal, "decks/talk.yaml", "theme: role", "theme: rule")
    edit_pack(minimal, "pack.yaml", "version: 0.3.0", "version: 1.0")
    edit_pack(minimal, "pipeline.yaml", "conversation: mus", "conversation: mua")
    edit_pack(minimal, "expectations/head.yaml", "id: head.renewal", "id: Head Renewal")
    problems = [str(p) for p in validate_pack_dir(minimal)]
    assert problems == [
        "pack.yaml:8: field 'version': should be text, not the number 1.0 (put it in quotes)",
        "pipeline.yaml:5: layer 'specialist' names conversation kind 'mua', which is not in "
        "the kinds every pack has; did you mean 'mus'? (known: mus, lus, evaluation)",
        "expectations/head.yaml:23: expectation 'Head Renewal', field 'id': 'Head Renewal' is "
        "not a valid id: use lower-case letters (æ, ø, å too), digits and _ . - (starting with "
        "a letter or digit)",
        "decks/talk.yaml:68: card 'talk.my_role' names theme 'rule', which is not in "
        "themes.yaml; did you mean 'role'? (known: workload, learning, cooperation, "
        "direction, role)",
    ]


def test_a_plain_string_where_a_text_belongs(minimal: Path, edit_pack) -> None:
    """The most likely slip: one language written without the {da: ..., en: ...} form."""
    edit_pack(minimal, "themes.yaml", "name: {da: Læring, en: Learning}", "name: Læring")
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "themes.yaml:5: theme 'learning', field 'name': should be a text in each language, "
        "like {da: ..., en: ...}, not the text 'Læring'"
    ]


def test_an_expectations_file_for_a_layer_given_twice(minimal: Path) -> None:
    head = (minimal / "expectations" / "head.yaml").read_text(encoding="utf-8")
    (minimal / "expectations" / "leadership.yaml").write_text(
        head.replace("id: head.", "id: head2."), encoding="utf-8"
    )
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "expectations/leadership.yaml:1: layer 'head' already has its expectations in "
        "expectations/head.yaml; keep one file per layer"
    ]


def test_an_activity_naming_unknown_ids(minimal: Path, edit_pack) -> None:
    edit_pack(
        minimal,
        "activities/activities.yaml",
        "layers: [team_lead, head]",
        "layers: [team_lead, boss]",
    )
    edit_pack(minimal, "activities/activities.yaml", "themes: [cooperation]", "themes: [together]")
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "activities/activities.yaml:19: activity 'act.delegate_project' names layer 'boss', "
        "which is not in pipeline.yaml (known: specialist, team_lead, head)",
        "activities/activities.yaml:35: activity 'act.feedback_course' names theme "
        "'together', which is not in themes.yaml (known: workload, learning, cooperation, "
        "direction, role)",
    ]


def test_misplaced_and_misnamed_files(minimal: Path) -> None:
    (minimal / "dimensions.yaml").rename(minimal / "dimension.yaml")
    (minimal / "decks" / "talk.yaml").rename(minimal / "decks" / "talk.yml")
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "dimensions.yaml: the file is missing; every pack needs dimensions.yaml (with dimensions)",
        "decks: no deck: add at least one file decks/<id>.yaml",
        "decks/talk.yml: rename the file to end in .yaml to use it",
        "dimension.yaml: not a pack file, so it is not read; did you mean dimensions.yaml?",
    ]


def test_an_unreadable_file(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permissions cannot stop root, so the refusal is simulated at the one read."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "scale.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    pack, problems = check_pack(minimal)
    assert pack is None
    assert [str(p) for p in problems] == ["scale.yaml: cannot read the file: Permission denied"]


def test_a_folder_where_a_file_belongs(minimal: Path) -> None:
    (minimal / "themes.yaml").unlink()
    (minimal / "themes.yaml").mkdir()
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "themes.yaml: the file is missing; every pack needs themes.yaml (with themes)"
    ]


def test_a_valid_pack_is_built_in_pack_order(minimal: Path) -> None:
    pack, problems = check_pack(minimal)
    assert problems == [] and pack is not None
    assert list(pack.expectations) == ["specialist", "team_lead", "head"]
    assert [a.id for a in pack.activities_for(layer_key="specialist")] == [
        "act.shadow_operator",
        "act.mentor",
    ]


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
PACK_FILE_NAMES = [
    "pack.yaml",
    "pipeline.yaml",
    "scale.yaml",
    "decks/talk.yaml",
    "expectations/head.yaml",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(PACK_FILE_NAMES), data=yaml_values, junk=st.binary(max_size=60))
def test_nothing_in_a_file_ends_in_a_traceback(
    minimal: Path, name: str, data: Any, junk: bytes
) -> None:
    """Any YAML value, or any bytes, in any pack file gives problems, never an exception."""
    path = minimal / name
    original = path.read_bytes()
    try:
        for content in (yaml.safe_dump(data, allow_unicode=True).encode(), junk):
            path.write_bytes(content)
            problems = validate_pack_dir(minimal)
            assert all(isinstance(p, Problem) and p.message for p in problems)
    finally:
        path.write_bytes(original)


def test_aliases_that_loop_or_explode_are_refused_politely() -> None:
    with pytest.raises(YamlError, match="refers to the value it is part of"):
        parse_yaml(b"a: &a [1, *a]\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    with pytest.raises(YamlError, match="too many values"):
        parse_yaml(bomb.encode())
    with pytest.raises(YamlError):
        parse_yaml(b"a: " + b"[" * 5000 + b"]" * 5000)
    doc = parse_yaml(b"a: &x [1, 2]\nb: *x\n")
    assert doc.data == {"a": [1, 2], "b": [1, 2]}
    assert doc.lines.line(("b", 1)) == 1  # an alias's items are where they are written


@pytest.mark.parametrize("rel", [rel for rel, _ in pack_files(MINIMAL)])
def test_the_minimal_pack_reads_alike_without_libyaml(rel: str) -> None:
    """The C and the pure-Python parser disagree on some plain flow texts (e.g. ending in '?')."""
    text = (MINIMAL / rel).read_text(encoding="utf-8")
    assert yaml.load(text, Loader=yaml.SafeLoader) == yaml.load(text, Loader=yaml.CSafeLoader)


def test_min_raters_below_three_is_refused_by_line(minimal: Path) -> None:
    """Issue 18: the anonymity threshold of rater groups is a pack setting, never below 3."""
    scale = minimal / "scale.yaml"
    text = scale.read_text(encoding="utf-8")
    scale.write_text(text + "min_raters: 2\n", encoding="utf-8")
    problems = [str(p) for p in validate_pack_dir(minimal)]
    assert len(problems) == 1 and problems[0].startswith("scale.yaml:")
    assert "min_raters" in problems[0] and "3" in problems[0]
    scale.write_text(text + "min_raters: 4\n", encoding="utf-8")
    assert validate_pack_dir(minimal) == []


def test_a_quote_left_open_is_told_at_its_line_not_at_the_end_of_the_file(
    minimal: Path, edit_pack
) -> None:
    """A consultant's mistake: one opening quote and no other in the file. YAML finds out
    only at the end of the file (the line after the last); the layer's expectations are
    not then also reported missing, since the file is there, only unreadable."""
    edit_pack(
        minimal,
        "expectations/team_lead.yaml",
        'gives videre", en:',
        "gives videre, en:",
    )
    text = (minimal / "expectations" / "team_lead.yaml").read_text(encoding="utf-8")
    quote_line = text[: text.index('"Aftaler')].count("\n") + 1
    assert text.count('"') == 1
    problems = [str(p) for p in validate_pack_dir(minimal)]
    assert problems == [
        f"expectations/team_lead.yaml:{quote_line}: not valid YAML: found unexpected end "
        "of stream (the quote that opens on this line is never closed)"
    ]


def test_an_unreadable_expectations_file_is_one_problem_not_also_a_missing_file(
    minimal: Path,
) -> None:
    """Saved in latin-1 by an editor: the file is there, so "add expectations/team_lead.yaml"
    (which the validator also said) sent the consultant looking for a file that exists."""
    path = minimal / "expectations" / "team_lead.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    problems = [str(p) for p in validate_pack_dir(minimal)]
    assert len(problems) == 1
    assert problems[0].startswith("expectations/team_lead.yaml:7: the file is not UTF-8 text")


def test_a_text_of_only_spaces_is_refused_as_empty(minimal: Path, edit_pack) -> None:
    """A layer named `da: "   "` passed validation and showed as a blank name on home, in
    the role panel and on the printed plan; it is refused like an empty text, by line."""
    edit_pack(
        minimal,
        "pipeline.yaml",
        "name: {da: Specialist, en: Specialist}",
        'name: {da: "   ", en: Specialist}',
    )
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "pipeline.yaml:4: layer 'specialist', field 'name': the Danish ('da') text is empty"
    ]


def test_a_pack_folder_that_is_a_file_is_said_once_at_its_name(tmp_path: Path) -> None:
    """`decks` saved as a file (a copy that went wrong, a zip unpacked by hand): the
    validator was silent about it and said instead, twenty times, that no deck serves each
    layer and kind, and last that there is no deck at all."""
    pack = tmp_path / "pack"
    shutil.copytree(shipped_content_dir() / "default", pack)
    shutil.rmtree(pack / "decks")
    (pack / "decks").write_text("mus.yaml\n", encoding="utf-8")
    assert [str(p) for p in validate_pack_dir(pack)] == [
        "decks: this is a file, not a folder: the pack reads the files decks/<name>.yaml "
        "from a folder named decks"
    ]
    shutil.rmtree(pack / "expectations")
    (pack / "expectations").write_bytes(b"")
    assert [p.file for p in validate_pack_dir(pack)] == ["expectations", "decks"]


def test_an_empty_decks_folder_is_one_problem(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(shipped_content_dir() / "default", pack)
    for deck in (pack / "decks").iterdir():
        deck.unlink()
    assert [str(p) for p in validate_pack_dir(pack)] == [
        "decks: no deck: add at least one file decks/<id>.yaml"
    ]


def test_a_link_that_leads_nowhere_or_in_a_loop_is_named(minimal: Path) -> None:
    """A deck kept as a symbolic link to a file that was moved, or two links pointing at
    each other: the file was left out without a word and the pack said OK without it."""
    (minimal / "decks" / "extra.yaml").symlink_to(minimal / "moved" / "extra.yaml")
    (minimal / "activities" / "a.yaml").symlink_to("b.yaml")
    (minimal / "activities" / "b.yaml").symlink_to("a.yaml")
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "decks/extra.yaml: cannot read the file: No such file or directory",
        "activities/a.yaml: cannot read the file: Too many levels of symbolic links",
        "activities/b.yaml: cannot read the file: Too many levels of symbolic links",
    ]
    with pytest.raises(PackError):
        load_pack(minimal)


def test_a_folder_that_cannot_be_read_is_named(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permissions cannot stop root, so the refusal is simulated where the folder is listed;
    the consultant read OK, and the decks were missing from the app without a word."""
    (minimal / "decks").rename(minimal / "decks-link-target")
    (minimal / "decks").symlink_to("decks")  # a link to itself: never a folder to read
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "decks: cannot read the folder: Too many levels of symbolic links"
    ]
    (minimal / "decks").unlink()
    (minimal / "decks-link-target").rename(minimal / "decks")
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path).name == "activities":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "activities: cannot read the folder: Permission denied"
    ]


def test_a_file_saved_as_yaml_in_capitals_is_named_not_left_out(minimal: Path) -> None:
    """A Windows editor saved `activities/Activities.YAML`: the pack said OK with none of its
    activities in it (only `.yml` was pointed out)."""
    (minimal / "activities" / "activities.yaml").rename(minimal / "activities" / "Extra.YAML")
    (minimal / "pack.yaml").rename(minimal / "Pack.YAML")
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "pack.yaml: the file is missing; every pack needs pack.yaml "
        "(with id, name, version, languages)",
        "activities/Extra.YAML: rename the file to end in .yaml to use it",
        "Pack.YAML: not a pack file, so it is not read; did you mean pack.yaml?",
    ]


def test_a_mistyped_language_in_the_manifest_is_one_problem_not_one_per_text(
    minimal: Path, edit_pack
) -> None:
    """`languages: [dk, en]` (the country for the language) was said at every text of the
    pack, twice: 2,090 lines for the default pack, the one line to fix lost among them."""
    edit_pack(minimal, "pack.yaml", "languages: [da, en]", "languages: [dk, en]")
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "pack.yaml:9: field 'languages' lists dk, en, but the texts of the pack are in da, "
        "en; list the languages the texts are written in: languages: [da, en]"
    ]


def test_a_language_every_text_has_but_the_manifest_leaves_out_is_one_problem(
    minimal: Path, edit_pack
) -> None:
    edit_pack(minimal, "pack.yaml", "languages: [da, en]", "languages: [da]")
    assert [str(p) for p in validate_pack_dir(minimal)] == [
        "pack.yaml:9: every text of the pack is also written in English ('en'), but field "
        "'languages' lists only da: add en to languages, or take those texts out"
    ]


ODD = "column {column} holds the character U+00A0, which looks like a space but is not one to YAML"


def test_a_no_break_space_copied_from_word_is_pointed_out(minimal: Path, edit_pack) -> None:
    """`dimension:\\u00a0delivery` and a key indented with one, as text copied from Word or
    Outlook brings: the editor shows ordinary spaces, and the consultant was told "could not
    find expected ':'" one line further down, or "unknown field '\\xa0title'"."""
    edit_pack(
        minimal,
        "expectations/team_lead.yaml",
        "dimension: delivery",
        "dimension:\u00a0delivery",
    )
    edit_pack(minimal, "dimensions.yaml", "    name: {da: Levering", "\u00a0   name: {da: Levering")
    problems = [str(p) for p in validate_pack_dir(minimal)]
    assert len(problems) == 2
    assert problems[0].startswith("dimensions.yaml:3: ")
    assert ODD.format(column=1) in problems[0]
    assert problems[1].startswith("expectations/team_lead.yaml:4: not valid YAML: ")
    assert ODD.format(column=15) in problems[1]


def test_a_no_break_space_inside_a_text_is_left_alone(minimal: Path, edit_pack) -> None:
    edit_pack(
        minimal,
        "expectations/team_lead.yaml",
        "title: {da: Uddelegerer hele opgaver,",
        "title: {da: Uddelegerer 100\u00a0% af opgaverne,",
    )
    assert validate_pack_dir(minimal) == []


def test_a_title_of_a_whole_paragraph_is_refused_by_line(minimal: Path, edit_pack) -> None:
    """A card titled with 2,000 characters (a paragraph pasted in the wrong field) passed,
    and filled the detail pane of the cards and expectations steps."""
    long = ("Hvordan har du oplevet året, og hvad har betydet mest for dig? " * 40)[:2000]
    edit_pack(minimal, "decks/talk.yaml", 'title: {da: "Året, der gik",', f'title: {{da: "{long}",')
    [problem] = [str(p) for p in validate_pack_dir(minimal)]
    assert problem.startswith("decks/talk.yaml:")
    assert (
        "field 'title': the Danish ('da') text has 2000 characters, more than the 150 a title "
        "or name may have"
    ) in problem
    edit_pack(minimal, "decks/talk.yaml", long, long[:150])
    assert validate_pack_dir(minimal) == []


def test_a_text_yaml_reads_as_yes_no_or_a_number_is_told_to_be_quoted(
    minimal: Path, edit_pack
) -> None:
    """A card titled `en: No` (YAML's no) or `da: 2026`: the consultant was told it should be
    text, not the yes/no value false, without the way out that a field outside a text gets."""
    edit_pack(
        minimal,
        "decks/talk.yaml",
        "title: {da: Trivsel, en: Well-being}",
        "title: {da: 2026, en: No}",
    )
    assert [p.message for p in validate_pack_dir(minimal)] == [
        "card 'talk.wellbeing', field 'title': the Danish ('da') text should be text, not the "
        "number 2026 (put it in quotes)",
        "card 'talk.wellbeing', field 'title': the English ('en') text should be text, not the "
        "yes/no value false (put it in quotes)",
    ]
