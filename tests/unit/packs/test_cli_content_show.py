"""`content show LAYER` and `content list --json`, on the role test pack and the default pack."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from pipeline_tui.cli import cli, run

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ROLE_PACK = FIXTURES / "role_pack"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_show_a_layer_as_json() -> None:
    result = invoke(
        "--content", ROLE_PACK, "--lang", "en", "content", "show", "team_lead", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["pack"], data["layer"], data["name"]) == ("role_pack", "team_lead", "Team lead")
    role = data["role"]
    assert role["purpose"].startswith("You get the work done through your team")
    assert role["time"][0] == {"text": "Time to plan and follow up with the team", "share": 40}
    assert role["let_go"] == ["Doing the work yourself", "Being one of the colleagues"]
    assert role["not_to_do"] == ["Covering the team's shifts to avoid planning them"]
    assert [e["id"] for e in data["expectations"]] == [
        "team_lead.delegates",
        "team_lead.feedback",
        "team_lead.develops_people",
    ]
    assert all(len(e["indicators"]) >= 2 for e in data["expectations"])
    assert data["conversations"] == [
        {
            "kind": "årssamtale",
            "name": "Annual talk",
            "steps": ["setup", "expectations", "cards", "summary", "plan", "signoff"],
            "yearly": True,
            "deck": {"id": "talk", "name": "Conversation cards", "cards": 8},
        },
        {
            "kind": "vurdering",
            "name": "Leader review",
            "steps": ["setup", "expectations", "summary", "plan", "signoff"],
            "yearly": True,
            "deck": None,
        },
    ]


def test_show_a_layer_by_its_danish_name_as_text() -> None:
    result = invoke("--content", ROLE_PACK, "--lang", "da", "content", "show", "direktør")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Direktør (head)"
    for heading in ("Formål", "Sådan bruges tiden", "Giv slip på", "Lær", "Forventninger"):
        assert heading in lines
    assert "  - At styre vagtplanen for de enkelte hold" in lines
    assert "  årssamtale: Årssamtale · talk (8)" in lines
    assert "  vurdering: Ledervurdering · uden kort" in lines


def test_show_the_time_shares_of_a_default_layer() -> None:
    result = invoke("--lang", "en", "content", "show", "lead_leaders")
    assert result.exit_code == 0, result.output
    assert "  - about 50% · Coaching your leaders" in result.stdout
    assert "  lus: LUS · lus_senior (12)" in result.stdout


def test_show_an_unknown_layer_is_one_line_and_exit_2(capsys) -> None:
    code = run(["--content", str(ROLE_PACK), "content", "show", "boss"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.strip().splitlines() == [
        "pipeline-tui: unknown layer 'boss' (one of: specialist, team_lead, head, or a layer's "
        "name)"
    ]


def test_list_as_json_names_kinds_and_the_layers_each_deck_serves() -> None:
    result = invoke("--lang", "en", "content", "list", "--json")
    assert result.exit_code == 0, result.output
    (pack,) = [p for p in json.loads(result.stdout)["packs"] if p["id"] == "default"]
    kinds = {k["key"]: k for k in pack["kinds"]}
    assert list(kinds) == ["mus", "lus", "evaluation", "onboarding_1m", "onboarding_3m", "status"]
    assert kinds["mus"]["layers"] == ["lead_self"]
    assert kinds["evaluation"]["deck"] is None
    assert kinds["onboarding_1m"]["minutes"] == 30
    decks = {d["id"]: d for d in pack["decks"]}
    assert decks["lus"]["layers"] == ["lead_others"]
    assert decks["lus_senior"]["layers"] == ["lead_leaders", "lead_function", "lead_business"]
    assert decks["onboarding"]["layers"] == [layer["key"] for layer in pack["layers"]]
    assert decks["lus_senior"]["cards"] == 12 and decks["lus_senior"]["themes"] >= 6


def test_show_folds_the_role_between_words_in_a_terminal_and_not_in_a_pipe(
    run_cli, monkeypatch
) -> None:
    """At 80 columns every line fits and the purpose reads word for word as written, each
    continuation under its text; to a pipe the purpose is one line, as before."""
    from pipeline_tui.packs.loader import load_packs

    layer = load_packs(None).default.layer("lead_self")
    purpose = layer.purpose.get("da")
    piped = run_cli("--lang", "da", "content", "show", "lead_self")
    assert f"  {purpose}\n" in piped.out and len(purpose) > 80
    monkeypatch.setenv("COLUMNS", "80")
    shown = run_cli("--lang", "da", "content", "show", "lead_self")
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    start = lines.index("Formål") + 1
    folded = lines[start : lines.index("", start)]
    assert len(folded) > 1 and all(line.startswith("  ") for line in folded)
    assert " ".join(line.strip() for line in folded) == purpose
    long_items = [
        line for line in piped.out.splitlines() if line.lstrip().startswith("- ") and len(line) > 80
    ]
    assert long_items  # an indicator or two is longer than a line
    for item in long_items:
        indent = len(item) - len(item.lstrip()) + 2  # under the text, past "- "
        first = next(n for n, line in enumerate(lines) if line.startswith(item[: indent + 12]))
        assert lines[first + 1].startswith(" " * indent), lines[first : first + 2]
        assert not lines[first + 1].lstrip().startswith("- ")


def test_a_mistyped_layer_is_met_with_the_closest_spelling_in_each_command(
    tmp_path, capsys
) -> None:
    """'leder af ledre' (one letter short) was refused with the list of keys alone; the
    command line now says which layer was probably meant, in the language asked, wherever
    a layer is typed: content show, people list --layer, overview --layer."""
    db = str(tmp_path / "p.db")
    for args in (
        ["content", "show", "leder af ledre"],
        ["people", "list", "--layer", "leder af ledre"],
        ["overview", "--layer", "leder af ledre"],
    ):
        code = run(["--db", db, "--lang", "da", *args])
        err = capsys.readouterr().err
        assert code == 2, err
        assert "ukendt niveau 'leder af ledre' – mente du 'leder af ledere'? (et af: " in err
    assert run(["--db", db, "--lang", "en", "content", "show", "lead_leader"]) == 2
    err = capsys.readouterr().err
    assert "unknown layer 'lead_leader' – did you mean 'lead_leaders'? (one of: " in err
    assert run(["--db", db, "--lang", "en", "content", "show", "xyz"]) == 2
    assert "did you mean" not in capsys.readouterr().err


def test_show_the_rating_scale_in_the_layers_own_words() -> None:
    """The rating screen rates a top leader's 5 as "Forbillede udadtil" (the pack's words
    for that layer), but `content show` left the scale out: a consultant reading the layer
    did not see what the leader would be rated with. It shows the layer's scale now, with
    "not observed", as text and as JSON."""
    text = invoke("--lang", "da", "content", "show", "topleder")
    assert text.exit_code == 0, text.output
    scale = text.stdout.split("Bedømmelsesskala\n")[1].split("\n\n")[0].splitlines()
    assert [line.split(":")[0] for line in scale] == [
        "  1  Under forventning",
        "  2  Delvist",
        "  3  Lever op til forventningen",
        "  4  Over forventning",
        "  5  Forbillede udadtil",
        "  0  Ikke observeret",
    ]
    assert "bestyrelse, ejere og omverden" in scale[4]
    other = invoke("--lang", "en", "content", "show", "lead_function", "--json")
    data = json.loads(other.stdout)
    assert [(s["value"], s["label"]) for s in data["scale"]][-1] == (5, "Role model")
    assert data["not_observed"]["label"] == "Not observed"
    assert data["scale"][0]["description"].startswith("The expectation is rarely visible")


def test_show_each_expectation_with_the_description_the_leader_reads() -> None:
    """On the expectations step a function leader reads each expectation's description
    ("Du beslutter, hvad din funktion skal være god til …") above its indicators; the text
    of `content show` gave the title and the indicators only, so the consultant could not
    see what the leader is asked to rate. The description now stands under the title."""
    result = invoke("--lang", "da", "content", "show", "funktionsleder")
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("Forventninger\n")[1].splitlines()
    assert lines[0] == "  Lægger en strategi for funktionen [lead_function.strategy, results]"
    assert lines[1].startswith("    Du beslutter, hvad din funktion skal være god til")
    assert lines[2].startswith("    - Har en skriftlig strategi for funktionen")
