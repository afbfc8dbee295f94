"""`pipeline-tui content validate` and `content list`: through click, and as installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline_tui.cli import cli, run
from pipeline_tui.packs import light, loader

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MINIMAL = FIXTURES / "minimal_pack"
BROKEN = FIXTURES / "broken_packs"
SCRIPT = Path(sys.executable).parent / ("pipeline-tui.exe" if os.name == "nt" else "pipeline-tui")

OK_MINIMAL = (
    "OK minimal 0.3.0 ({}): 3 layers, 9 expectations, 1 deck with 8 cards, 4 activities; "
    "languages da, en\n"
)


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def shipped_here(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand in for the shipped packs, so these tests do not depend on content being written."""
    monkeypatch.setattr(light, "shipped_content_dir", lambda: shipped)
    monkeypatch.setattr(loader, "shipped_content_dir", lambda: shipped)
    return shipped


def test_validate_a_valid_pack() -> None:
    result = invoke("content", "validate", MINIMAL)
    assert (result.exit_code, result.stdout, result.stderr) == (0, OK_MINIMAL.format(MINIMAL), "")


def test_validate_a_broken_pack_names_file_and_line(tmp_path: Path, monkeypatch) -> None:
    """Paths are shown from the folder as typed, so they open from where the command ran."""
    monkeypatch.chdir(BROKEN)
    result = invoke("content", "validate", "unknown_dimension")
    assert result.exit_code == 2
    assert result.stdout == (
        "unknown_dimension/expectations/team_lead.yaml:14: expectation 'team_lead.feedback' "
        "names dimension 'temawork', which is not in dimensions.yaml; did you mean 'teamwork'? "
        "(known: delivery, teamwork, growth)\n"
    )
    assert result.stderr == (
        "pipeline-tui: 1 problem in 1 content pack; fix it and run the command again\n"
    )


def test_validate_a_folder_of_packs_reports_every_pack() -> None:
    result = invoke("content", "validate", BROKEN)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    expected = [
        line
        for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) == len(expected)
    for line in expected:
        folder, problem = line.split(": ", 1)
        assert f"{BROKEN / folder}/{problem}" in lines
    assert "problems in 26 content packs" in result.stderr and "Traceback" not in result.output


def test_validate_two_packs_with_one_id(make_pack, tmp_path: Path) -> None:
    make_pack("packs/a")
    make_pack("packs/b")
    result = invoke("content", "validate", tmp_path / "packs")
    assert result.exit_code == 2
    assert result.stdout == (
        f"{tmp_path}/packs/b/pack.yaml: pack id 'minimal' is also used by "
        f"{tmp_path}/packs/a/pack.yaml; give each pack its own id\n"
    )


def test_validate_defaults_to_the_content_option(monkeypatch) -> None:
    monkeypatch.setenv("PIPELINE_TUI_CONTENT", str(MINIMAL))
    result = invoke("content", "validate")
    assert (result.exit_code, result.stdout) == (0, OK_MINIMAL.format(MINIMAL))
    result = invoke("--content", BROKEN / "empty_file", "content", "validate")
    assert result.exit_code == 2 and result.stdout.endswith(
        "empty_file/themes.yaml: the file is empty; it should hold themes\n"
    )


def test_validate_defaults_to_the_shipped_packs(shipped_here: Path) -> None:
    result = invoke("content", "validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("OK default 0.3.0 (") and "3 layers" in result.stdout


def test_validate_a_folder_without_packs(tmp_path: Path) -> None:
    result = invoke("content", "validate", tmp_path)
    assert result.exit_code == 2
    assert result.stdout == f"{tmp_path}: no content pack here (a pack folder holds pack.yaml)\n"
    missing = invoke("content", "validate", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "content folder not found" in missing.stderr


def test_list_shows_packs_layers_and_decks_as_plain_text(shipped_here: Path) -> None:
    result = invoke("--lang", "en", "--content", MINIMAL, "content", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"default 0.3.0: Small utility pack [da, en] shipped {shipped_here / 'default'}\n"
        "  layers:\n"
        "    specialist  3 expectations  Specialist\n"
        "    team_lead   3 expectations  Team lead\n"
        "    head        3 expectations  Head of company\n"
        "  decks:\n"
        "    talk (lus)  8 cards  Conversation cards\n"
        "  conversations:\n"
        "    mus         mus  MUS\n"
        "    lus         lus  LUS\n"
        "    evaluation    -  Leadership evaluation\n"
        "  activities: 4\n"
        f"minimal 0.3.0 (default): Small utility pack [da, en] custom {MINIMAL}\n"
        "  layers:\n"
        "    specialist  3 expectations  Specialist\n"
        "    team_lead   3 expectations  Team lead\n"
        "    head        3 expectations  Head of company\n"
        "  decks:\n"
        "    talk (lus)  8 cards  Conversation cards\n"
        "  conversations:\n"
        "    mus         mus  MUS\n"
        "    lus         lus  LUS\n"
        "    evaluation    -  Leadership evaluation\n"
        "  activities: 4\n"
    )


def test_list_with_a_broken_pack_is_one_message_and_exit_2(shipped_here: Path, capsys) -> None:
    code = run(["--content", str(BROKEN / "unknown_theme"), "content", "list"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("pipeline-tui: the content pack in ")
    assert "decks/talk.yaml:62: card 'talk.across' names theme 'coperation'" in err


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed")
def test_the_installed_command(tmp_path: Path) -> None:
    """The real program: exit codes, streams, and no traceback for the nastiest fixtures."""
    env = {**os.environ}

    def command(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=60, env=env
        )

    done = command("content", "validate", MINIMAL)
    assert (done.returncode, done.stdout, done.stderr) == (0, OK_MINIMAL.format(MINIMAL), "")
    for folder in ("bad_encoding", "yaml_syntax", "not_a_mapping", "empty_file"):
        done = command("content", "validate", BROKEN / folder)
        assert done.returncode == 2, done.stderr
        assert done.stdout.startswith(f"{BROKEN / folder}/") and done.stdout.count("\n") == 1
        assert done.stderr.startswith("pipeline-tui: 1 problem") and "Traceback" not in done.stderr


def test_content_commands_do_not_import_textual() -> None:
    probe = (
        "import sys, json\n"
        "from pipeline_tui.cli import run\n"
        "code = run(['content', 'validate', sys.argv[1]])\n"
        "print(json.dumps([code, 'textual' in sys.modules]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(MINIMAL)], capture_output=True, text=True, timeout=60
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == [0, False]


def _listed(name: str) -> list[str]:
    text = (BROKEN / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_validate_in_danish_says_every_problem_in_danish() -> None:
    """Under --lang da only the summary was Danish: every problem said "layer 'x', field
    'name': the Danish ('da') text is empty". Each is now said in the catalog's Danish
    (expected.da.txt), with the same file, line and particulars as in English."""
    result = invoke("--lang", "da", "content", "validate", BROKEN)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    danish, english = _listed("expected.da.txt"), _listed("expected.txt")
    assert sorted(line.split(": ", 1)[0] for line in danish) == sorted(
        line.split(": ", 1)[0] for line in english
    )
    assert len(lines) == len(danish)
    for line in danish:
        folder, problem = line.split(": ", 1)
        assert f"{BROKEN / folder}/{problem}" in lines
    assert "fejl i 26 indholdspakker" in result.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "said"),
    [
        (
            "activities/activities.yaml",
            "id: act.shadow_operator\n    type: experience",
            "id: act.shadow_operator\n    type: eksperience",
            "aktiviteten 'act.shadow_operator', feltet 'type': skal være 'experience', "
            "'relationships' eller 'formal', ikke teksten 'eksperience'",
        ),
        (
            "decks/talk.yaml",
            '      - {da: "Hvad ville du gøre anderledes?", '
            'en: "What would you do differently?"}\n',
            "",
            "kortet 'talk.last_year', feltet 'prompts': skal have mindst 2 punkter, har 1",
        ),
        (
            "pipeline.yaml",
            "name: {da: Specialist, en: Specialist}",
            "name: {da: '', en: Specialist}",
            "niveauet 'specialist', feltet 'name': teksten på dansk ('da') er tom",
        ),
        (
            "pipeline.yaml",
            "name: {da: Specialist, en: Specialist}",
            "name: {da: Specialist}",
            "niveauet 'specialist', feltet 'name': ingen tekst på engelsk ('en')",
        ),
    ],
)
def test_validate_in_danish_says_the_schema_in_danish(
    minimal: Path, edit_pack, file: str, old: str, new: str, said: str
) -> None:
    """What the schema refuses (a value not allowed, too few items, an empty text, a
    missing language) is said in Danish too, and in English as it was."""
    edit_pack(minimal, file, old, new)
    danish = invoke("--lang", "da", "content", "validate", minimal)
    assert danish.exit_code == 2
    ((line,),) = [danish.stdout.splitlines()]
    assert line.startswith(f"{minimal}/{file}:") and line.endswith(f": {said}"), line
    english = invoke("--lang", "en", "content", "validate", minimal)
    assert english.stdout.split(": ", 1)[0] == line.split(": ", 1)[0]
    assert "field '" in english.stdout and "feltet" not in english.stdout


def test_a_stray_file_is_named_in_danish(minimal: Path) -> None:
    (minimal / "pipline.yaml").write_text("layers: []\n", encoding="utf-8")
    result = invoke("--lang", "da", "content", "validate", minimal)
    assert result.stdout == (
        f"{minimal}/pipline.yaml: ikke en pakkefil, så den bliver ikke læst; "
        "mente du pipeline.yaml?\n"
    )


def _locked(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Root may look into any folder, so the refusal is simulated where a path under
    `locked` is looked at (as for a colleague's folder on a share, mode 700)."""
    real_stat = Path.stat
    real_scandir = os.scandir

    def stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if locked in self.parents:
            raise PermissionError(13, "Permission denied")
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    monkeypatch.setattr(os, "scandir", scandir)


def test_a_content_folder_one_may_not_enter_is_refused_by_name(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--content` (or `content validate`) in a folder one has no permission for ended in
    "unexpected error: PermissionError", exit 1."""
    locked = tmp_path / "locked"
    locked.mkdir()
    _locked(monkeypatch, locked)
    for args in (
        ("--content", locked / "pack", "content", "list"),
        ("content", "validate", locked / "pack"),
    ):
        result = run_cli(*args)
        assert result.code == 2, result
        assert f"cannot read the content folder {locked / 'pack'}: Permission denied" in (
            result.err
        )
        assert "unexpected" not in result.err
    result = run_cli("--lang", "da", "content", "validate", locked / "pack")
    assert "kan ikke læses: adgang nægtet" in result.err


def test_a_pack_one_may_not_read_in_a_folder_of_packs_is_named(
    tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The readable pack beside it was not found either: "no content pack here"."""
    packs = tmp_path / "packs"
    packs.mkdir()
    shutil.copytree(MINIMAL, packs / "good")
    (packs / "locked").mkdir()
    _locked(monkeypatch, packs / "locked")
    result = run_cli("content", "validate", packs)
    assert result.code == 2
    assert f"{packs / 'locked'}: cannot read the folder: Permission denied\n" in result.out
    assert OK_MINIMAL.format(packs / "good") not in result.out  # said only when all are OK
    result = run_cli("--content", packs, "content", "list")
    assert result.code == 2
    assert f"{packs / 'locked'}: cannot read the folder: Permission denied" in result.err
