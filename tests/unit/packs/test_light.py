"""The start-up fast path: layer names from the cache, without pydantic, yaml or sqlalchemy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pipeline_tui.packs import light
from pipeline_tui.packs.loader import load_pack, load_packs

PROBE = """
import json, sys
from pathlib import Path
from pipeline_tui.packs.light import layer_names
names = layer_names(Path(sys.argv[1]), sys.argv[2])
heavy = sorted(m for m in ("pydantic", "yaml", "sqlalchemy", "textual") if m in sys.modules)
print(json.dumps({"names": names, "heavy": heavy}))
"""


def probe(content: Path, lang: str) -> dict:
    """Run layer_names in a fresh interpreter with this test's (temporary) user folders."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(content), lang],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
        check=True,
    )
    return json.loads(done.stdout)


def test_layer_names_from_the_cache_without_heavy_imports(minimal: Path) -> None:
    """Once a full load has cached the pack, a new process gets the names with the stdlib."""
    assert probe(minimal, "en") == {"names": None, "heavy": []}
    load_pack(minimal)
    assert probe(minimal, "en") == {
        "names": {"specialist": "Specialist", "team_lead": "Team lead", "head": "Head of company"},
        "heavy": [],
    }
    assert probe(minimal, "da")["names"]["head"] == "Direktør"


def test_no_names_when_the_pack_changed_since_it_was_cached(minimal: Path, edit_pack) -> None:
    load_pack(minimal)
    assert light.layer_names(minimal, "en") is not None
    edit_pack(minimal, "pipeline.yaml", "en: Team lead}", "en: Crew lead}")
    assert light.layer_names(minimal, "en") is None
    load_pack(minimal)
    assert light.layer_names(minimal, "en")["team_lead"] == "Crew lead"


def test_the_default_of_a_folder_of_packs(tmp_path: Path, make_pack, shipped: Path) -> None:
    """Same choice as the loader: the custom pack with id `default`, else the first."""
    make_pack("ours/a", pack_id="first")
    make_pack("ours/b", pack_id="default")
    edit = tmp_path / "ours" / "b" / "pipeline.yaml"
    edit.write_text(
        edit.read_text(encoding="utf-8").replace("en: Team lead}", "en: Crew lead}"),
        encoding="utf-8",
    )
    assert light.layer_names(tmp_path / "ours", "en") is None
    load_packs(tmp_path / "ours", shipped_dir=shipped)
    assert light.layer_names(tmp_path / "ours", "en")["team_lead"] == "Crew lead"
    assert light.choose_default(["first", "default"], ["default"]) == "default"
    assert light.choose_default(["first", "second"], ["default"]) == "first"
    assert light.choose_default([], ["another", "default"]) == "default"
    assert light.choose_default([], []) is None


def test_an_entry_of_another_program_version_is_not_used(minimal: Path) -> None:
    pack = load_pack(minimal)
    entry = light.cache_file(pack.content_hash)
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(json.dumps({**data, "program": "0.0.0"}), encoding="utf-8")
    assert light.layer_names(minimal, "en") is None
    entry.write_text("{not json", encoding="utf-8")
    assert light.layer_names(minimal, "en") is None


def test_no_names_for_a_folder_without_packs(tmp_path: Path) -> None:
    assert light.layer_names(tmp_path, "da") is None


def test_a_missing_language_falls_back_like_text_get(minimal: Path) -> None:
    load_pack(minimal)
    assert light.layer_names(minimal, "sv") == {
        "specialist": "Specialist",
        "team_lead": "Holdleder",
        "head": "Direktør",
    }


def test_layer_aliases_from_the_cache_are_those_of_the_loaded_pack(shipped: Path) -> None:
    """Every spelling the command line accepts for a layer (key, name in any language, any
    case) reads the same from the cache as from the pack loaded in full."""
    from pipeline_tui.cli.common import layer_aliases

    assert light.layer_aliases(shipped) is None  # nothing cached yet
    pack = load_packs(shipped).default
    assert light.layer_aliases(shipped) == layer_aliases(pack)
    assert set(light.layer_aliases(shipped).values()) == set(pack.layer_keys())


def _names_of(pack, lang: str) -> dict:
    """Everything HR's overview reads of a pack (`shapes.PackNames`), as plain data."""
    expectations = {
        layer: [(e.id, e.dimension, e.title.get(lang)) for e in items]
        for layer, items in pack.expectations.items()
    }
    every_id = [e[0] for items in expectations.values() for e in items]
    kinds = [(k.key, k.name.get(lang), k.yearly) for k in pack.kinds]
    return {
        "layers": [(x.key, x.name.get(lang)) for x in pack.layers],
        "layer_keys": pack.layer_keys(),
        "found_layers": [pack.layer(key).name.get(lang) for key in pack.layer_keys()],
        "unknown": (pack.layer("nobody"), pack.expectation("nothing"), pack.kind("none")),
        "dimensions": [(d.id, d.name.get(lang)) for d in pack.dimensions],
        "expectations": expectations,
        "found": [pack.expectation(key).title.get(lang) for key in every_id],
        "kinds": kinds,
        "found_kinds": [pack.kind(key).name.get(lang) for key, _name, _yearly in kinds],
    }


def test_pack_names_from_the_cache_answer_as_the_loaded_pack() -> None:
    """HR's overview reads the shipped pack's layers, dimensions, expectations and kinds
    from the cache with the stdlib: the same answers, in both languages, as the pack loaded
    with pydantic; none before a full load has written the cache."""
    assert light.pack_names(None) is None
    pack = load_packs(None).default
    names = light.pack_names(None)
    assert names is not None and not isinstance(names, type(pack))
    assert len(names.kinds) >= 3 and not all(k.yearly for k in names.kinds)
    for lang in ("da", "en"):
        assert _names_of(names, lang) == _names_of(pack, lang)


def test_no_pack_names_for_a_pack_that_names_no_kinds(minimal: Path) -> None:
    """A pack naming no kinds of conversation has the legacy three, which only the full load
    makes: the overview then loads the pack."""
    load_pack(minimal)
    assert light.layer_names(minimal, "en") is not None  # cached
    assert light.pack_names(minimal) is None
