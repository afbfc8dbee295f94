"""Loading packs: discovery, the content hash, the JSON cache, and a custom pack in use."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import pipeline_tui
from pipeline_tui import services
from pipeline_tui.errors import RuleError, UserError
from pipeline_tui.packs import light
from pipeline_tui.packs.loader import (
    PackError,
    YamlError,
    content_hash,
    load_pack,
    load_packs,
    parse_yaml,
    shipped_content_dir,
)
from pipeline_tui.store.repository import open_repository

MINIMAL = Path(__file__).resolve().parents[2] / "fixtures" / "minimal_pack"


def cache_entry(pack_dir: Path) -> Path:
    return light.cache_file(content_hash(pack_dir))


def test_the_shipped_packs_are_found_in_a_checkout() -> None:
    """An editable install reads the repository's top-level content/ folder."""
    assert (shipped_content_dir() / "default" / "pack.yaml").is_file()


def test_the_shipped_packs_of_a_wheel_are_preferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed from a wheel, the packs sit in the package as _content."""
    package = tmp_path / "site-packages" / "pipeline_tui"
    (package / "_content").mkdir(parents=True)
    monkeypatch.setattr(pipeline_tui, "__file__", str(package / "__init__.py"))
    assert shipped_content_dir() == package / "_content"


def test_hash_depends_on_the_pack_files_only(make_pack, minimal: Path, edit_pack) -> None:
    """The same files hash alike anywhere; any change to a pack file changes the hash."""
    elsewhere = make_pack("elsewhere")
    before = content_hash(minimal)
    assert content_hash(elsewhere) == before and len(before) == 64
    (minimal / "README.md").write_text("notes", encoding="utf-8")
    (minimal / "decks" / ".talk.yaml.swp").write_bytes(b"editor backup")
    assert content_hash(minimal) == before
    edit_pack(minimal, "decks/talk.yaml", "Året, der gik", "Året der gik")
    assert content_hash(minimal) != before
    (elsewhere / "activities" / "activities.yaml").rename(elsewhere / "activities" / "a.yaml")
    assert content_hash(elsewhere) != before


def test_load_writes_an_owner_only_cache_that_the_next_load_uses(minimal: Path) -> None:
    """After a full load the pack is cached as JSON under its hash, and read from there."""
    pack = load_pack(minimal)
    entry = cache_entry(minimal)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert (data["hash"], data["pack"]["manifest"]["id"]) == (pack.content_hash, "minimal")
    # Change the cached text only: a load that shows it was served from the cache.
    data["pack"]["layers"][0]["name"]["en"] = "From the cache"
    entry.write_text(json.dumps(data), encoding="utf-8")
    cached = load_pack(minimal)
    assert cached.layers[0].name.get("en") == "From the cache"
    assert cached.content_hash == pack.content_hash and cached.source == minimal
    assert cached.expectations == pack.expectations and cached.decks == pack.decks


def test_a_changed_pack_is_read_again(minimal: Path, edit_pack) -> None:
    """Editing a file gives a new hash, so the old cache entry is not used."""
    load_pack(minimal)
    edit_pack(
        minimal,
        "pipeline.yaml",
        "name: {da: Holdleder, en: Team lead}",
        "name: {da: Holdleder, en: Crew lead}",
    )
    assert load_pack(minimal).layer("team_lead").name.get("en") == "Crew lead"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: "not json at all {",
        lambda data: json.dumps({**data, "program": "0.0.1"}),
        lambda data: json.dumps({**data, "format": 999}),
        lambda data: json.dumps({**data, "pack": {"manifest": "broken"}}),
    ],
    ids=["corrupt", "other-program-version", "other-format", "wrong-shape"],
)
def test_an_unusable_cache_entry_is_replaced(minimal: Path, spoil) -> None:
    """A cache entry that is corrupt or from another version costs a full load, nothing else."""
    load_pack(minimal)
    entry = cache_entry(minimal)
    data = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(spoil(data), encoding="utf-8")
    assert load_pack(minimal).id == "minimal"
    assert json.loads(entry.read_text(encoding="utf-8"))["program"] == pipeline_tui.__version__


def test_a_cache_that_cannot_be_written_only_costs_speed(minimal: Path, cache_home: Path) -> None:
    """A cache folder that is a file: the pack still loads."""
    cache_home.mkdir(parents=True)
    (cache_home / "pipeline-tui").write_text("in the way", encoding="utf-8")
    assert load_pack(minimal).id == "minimal"


def test_an_invalid_pack_raises_pack_error_with_every_problem(minimal: Path, edit_pack) -> None:
    edit_pack(minimal, "expectations/head.yaml", "dimension: growth", "dimension: grwoth")
    edit_pack(minimal, "decks/talk.yaml", "theme: role", "theme: rule")
    with pytest.raises(PackError) as caught:
        load_pack(minimal)
    error = caught.value
    assert isinstance(error, UserError) and error.exit_code == 2
    assert [(p.file, p.line) for p in error.problems] == [
        ("expectations/head.yaml", 24),
        ("decks/talk.yaml", 68),
    ]
    assert "\n" not in str(error) and "pipeline-tui content validate" in str(error)
    assert not list(light.cache_folder().glob("*.json"))


def test_custom_pack_sits_beside_the_shipped_default(minimal: Path, shipped: Path) -> None:
    """A pack with a new id is added after the shipped ones and becomes the default."""
    packs = load_packs(minimal, shipped_dir=shipped)
    assert list(packs) == ["default", "minimal"]
    assert packs.default.id == "minimal" and packs["default"].source == shipped / "default"
    assert (packs.origin("minimal"), packs.origin("default")) == ("custom", "shipped")
    assert packs.get("nothing") is None and len(packs) == 2


def test_custom_pack_with_a_shipped_id_replaces_it(make_pack, shipped: Path, edit_pack) -> None:
    """Same id: only the custom pack is loaded (the shipped one is not even validated)."""
    edit_pack(shipped / "default", "themes.yaml", "themes:", "themes: [")
    custom = make_pack("ours", pack_id="default")
    packs = load_packs(custom, shipped_dir=shipped)
    assert list(packs) == ["default"] and packs.default.source == custom


def test_without_content_the_shipped_default_is_used(shipped: Path, make_pack) -> None:
    make_pack("another", pack_id="another").rename(shipped / "another")
    packs = load_packs(None, shipped_dir=shipped)
    assert list(packs) == ["another", "default"] and packs.default.id == "default"


def test_a_folder_of_packs(tmp_path: Path, shipped: Path, make_pack) -> None:
    """--content may name a folder of packs; its pack with id `default` is the default."""
    make_pack("ours/a_first", pack_id="first")
    make_pack("ours/b_main", pack_id="default")
    folder = tmp_path / "ours"
    packs = load_packs(folder, shipped_dir=shipped)
    assert list(packs) == ["default", "first"]
    assert packs.default.source == folder / "b_main"
    (folder / "b_main").rename(tmp_path / "gone")
    make_pack("ours/c_more", pack_id="more")
    assert load_packs(folder, shipped_dir=shipped).default.id == "first"


def test_two_custom_packs_with_one_id_are_refused(tmp_path: Path, shipped: Path, make_pack) -> None:
    make_pack("ours/one")
    make_pack("ours/two")
    with pytest.raises(UserError, match="two content packs have the id 'minimal'"):
        load_packs(tmp_path / "ours", shipped_dir=shipped)


def test_a_folder_without_packs_is_refused(tmp_path: Path, shipped: Path) -> None:
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    with pytest.raises(UserError, match="no content pack in"):
        load_packs(tmp_path / "empty", shipped_dir=shipped)


def test_line_map_points_at_keys_items_and_the_nearest_known_part() -> None:
    doc = parse_yaml(
        b"# comment\nlayer: x\nexpectations:\n  - id: a\n    title: {da: A, en: A}\n"
        b"    indicators:\n      - {da: B, en: B}\n"
    )
    lines = doc.lines
    assert lines.line(("layer",)) == 2
    assert lines.line(("expectations", 0)) == 4
    assert lines.line(("expectations", 0, "title", "en")) == 5
    assert lines.line(("expectations", 0, "indicators", 0, "da")) == 7
    assert lines.line(("expectations", 0, "description")) == 4  # missing: its mapping
    assert lines.line(("nothing", 3)) == 2  # the document itself
    assert lines.duplicate_keys == []


def test_yaml_errors_carry_the_line() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(b"a: 1\nb: [1, 2\nc: 3\n")
    assert caught.value.line is not None and "not valid YAML" in caught.value.message
    with pytest.raises(YamlError) as caught:
        parse_yaml("a: 1\nb: 'bl\u00e5'\n".encode("latin-1"))
    assert caught.value.line == 2 and "UTF-8" in caught.value.message
    assert parse_yaml("\ufeffa: 1\n".encode()).data == {"a": 1}  # a BOM is fine


def test_minimal_pack_is_usable_end_to_end(tmp_path: Path, shipped: Path) -> None:
    """Three layers, one deck, a four-level scale: conversations work with nothing assumed.

    The minimal pack shares no layer, dimension, theme or card id with the
    default pack, so this fails if any code relies on the default's ids or
    layer count.
    """
    pack = load_packs(MINIMAL, shipped_dir=shipped).default
    assert pack.layer_keys() == ("specialist", "team_lead", "head")
    assert [d.id for d in pack.dimensions_for("team_lead")] == ["delivery", "teamwork", "growth"]
    assert pack.deck_for_layer("specialist").id == "talk"  # no MUS deck: the pack's only deck
    repo = open_repository(str(tmp_path / "custom.db"))
    try:
        boss = repo.people.create("Lene Dahl", "head")
        lead = repo.people.create("Omar Said", "team_lead", manager_id=boss.id)
        talk = services.start_conversation(repo, pack, lead.id)
        assert (talk.kind, talk.layer) == ("lus", "team_lead")
        content = services.conversation_content(repo.conversations.detail(talk.id))
        assert [e.id for e in content.expectations] == [
            "team_lead.delegates",
            "team_lead.feedback",
            "team_lead.develops_people",
        ]
        assert content.scale_values == (1, 2, 3, 4)
        for expectation, (own, theirs) in zip(
            content.expectations, [(1, 3), (4, 4), (2, 2)], strict=True
        ):
            repo.conversations.set_rating(talk.id, expectation.id, "self", score=own)
            repo.conversations.set_rating(talk.id, expectation.id, "manager", score=theirs)
        for card in ("talk.workload", "talk.skills", "talk.future"):
            services.pick_card(repo, content, talk.id, card, "self")
        with pytest.raises(RuleError):
            services.pick_card(repo, content, talk.id, "talk.colleagues", "self")
        detail = repo.conversations.detail(talk.id)
        from pipeline_tui.core.profile import gaps, profile
        from pipeline_tui.core.suggestions import suggest_goals

        assert [p.dimension_id for p in profile(content, detail.ratings)] == [
            "delivery",
            "teamwork",
            "growth",
        ]
        assert [g.expectation_id for g in gaps(content, detail.ratings)] == ["team_lead.delegates"]
        assert suggest_goals(content, detail.ratings, detail.picks, "da")
    finally:
        repo.close()


def test_a_pack_cached_before_blank_texts_were_refused_is_checked_again(
    minimal: Path, edit_pack
) -> None:
    """A pack with a text of only spaces, cached by a version that let it in (cache format
    3), is read again and refused, not served from that cache."""
    load_pack(minimal)
    valid = json.loads(cache_entry(minimal).read_text(encoding="utf-8"))
    edit_pack(
        minimal,
        "pipeline.yaml",
        "name: {da: Holdleder, en: Team lead}",
        'name: {da: "  ", en: Team lead}',
    )
    pack_hash = content_hash(minimal)
    valid["pack"]["layers"][1]["name"]["da"] = "  "
    earlier = {**valid, "format": 3, "hash": pack_hash}
    earlier["pack"]["content_hash"] = pack_hash
    cache_entry(minimal).write_text(json.dumps(earlier), encoding="utf-8")
    with pytest.raises(PackError) as refused:
        load_pack(minimal)
    assert "the Danish ('da') text is empty" in str(refused.value)


@pytest.mark.parametrize(
    "stray", ["decks/talk2.yml", "activities/More.YAML", "dimension.yaml"], ids=str
)
def test_a_file_added_beside_a_cached_pack_that_it_does_not_read_is_refused_here_too(
    minimal: Path, stray: str
) -> None:
    """The pack was used (and cached), then a file the pack does not read was added:
    `content validate` said "rename the file to end in .yaml" and refused the pack, but the
    app and every command took the cached pack on the consultant's machine, while a
    colleague's machine without that cache entry refused it."""
    load_pack(minimal)
    (minimal / stray).write_text((minimal / "decks" / "talk.yaml").read_text("utf-8"), "utf-8")
    with pytest.raises(PackError) as refused:
        load_pack(minimal)
    assert [p.file for p in refused.value.problems] == [stray]
    assert light.layer_names(minimal, "da") is None  # the quick path does not take it either


def test_a_pack_file_named_in_windows_1252_is_read(minimal: Path, run_cli) -> None:
    """`decks/kortspil_æ.yaml` unpacked from a zip made on Windows keeps its name's byte
    0xE6, which is not UTF-8: `content validate`, `content list` and the app ended in
    "unexpected error: UnicodeEncodeError", exit 1."""
    folder = os.fsencode(minimal / "decks")
    try:
        os.rename(folder + b"/talk.yaml", folder + b"/kortspil_\xe6.yaml")
    except OSError:  # pragma: no cover - a file system that takes UTF-8 names only
        pytest.skip("this file system refuses a name that is not UTF-8")
    assert load_pack(minimal).deck("talk") is not None
    result = run_cli("content", "validate", minimal)
    assert result.code == 0, result.err
    assert result.out.startswith("OK minimal")
