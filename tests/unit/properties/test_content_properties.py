"""Bad input everywhere (issue 7, guarantee 5): damaged content packs through `content validate`.

A copy of the shipped default pack is damaged by hypothesis: a key deleted, a
value of another type, random YAML or bytes inserted, an id duplicated, a
reference broken, a file removed. `pipeline-tui content validate DIR` then
exits 0 with an OK line, or exits 2 with one `file[:line]: message` per problem
(the file inside the pack, the line inside the file) and a summary whose count
matches; never exit 1, never a traceback.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from pipeline_tui.packs.light import shipped_content_dir

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
SHIPPED = shipped_content_dir() / "default"
FILES = sorted(str(p.relative_to(SHIPPED)) for p in SHIPPED.rglob("*.yaml"))
LOADED = {name: yaml.safe_load((SHIPPED / name).read_text(encoding="utf-8")) for name in FILES}


@contextmanager
def pack_copy() -> Iterator[Path]:
    """A fresh copy of the shipped default pack for one example."""
    folder = Path(tempfile.mkdtemp(prefix="pipeline-pack-"))
    try:
        yield Path(shutil.copytree(SHIPPED, folder / "pack"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path (keys and indexes) to a value inside a loaded YAML document."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


def parent_of(document: Any, path: tuple) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


def ids_in(node: Any) -> list[dict]:
    """Every mapping with an `id` inside a document."""
    found = [node] if isinstance(node, dict) and "id" in node else []
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found += ids_in(child)
    return found


OTHER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
    st.sampled_from(["lead_self", "nope.missing", "", "mus", "da", "x" * 5000]),
)


EDIT_KINDS = (
    *("delete_key", "retype", "retype", "insert_text", "insert_bytes", "dup_id"),
    *("break_ref", "remove_file", "empty_file"),
)


@st.composite
def damage(draw: st.DrawFn) -> list[tuple[str, str, Any]]:
    """One to three edits: (file, kind, detail)."""
    edits = []
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FILES))
        kind = draw(st.sampled_from(EDIT_KINDS))
        if kind in ("delete_key", "retype"):
            where = paths(LOADED[name])
            detail = (draw(st.sampled_from(where)), draw(OTHER_VALUES)) if where else None
        elif kind == "insert_text":
            text = st.one_of(
                st.text(max_size=40),
                st.sampled_from(["- [", "key: : x", "\t- x", "&a *a", "!!python/object:os.system"]),
                st.sampled_from(["{", "  id: x\n", "id: mus\n", "<<: *x", "---\n- 1\n..."]),
            )
            detail = (draw(st.floats(0, 1)), draw(text))
        elif kind == "insert_bytes":
            detail = (draw(st.floats(0, 1)), draw(st.binary(min_size=1, max_size=20)))
        else:
            detail = draw(st.integers(0, 10_000))
        edits.append((name, kind, detail))
    return edits


def apply(pack: Path, edits: list[tuple[str, str, Any]]) -> None:
    for name, kind, detail in edits:
        path = pack / name
        if not path.exists():
            continue
        if kind == "remove_file":
            path.unlink()
            continue
        if kind == "empty_file":
            path.write_bytes(b"")
            continue
        raw = path.read_bytes()
        if kind in ("insert_text", "insert_bytes"):
            share, inserted = detail
            at = int(share * len(raw))
            blob = (
                inserted.encode("utf-8", "surrogatepass") if isinstance(inserted, str) else inserted
            )
            path.write_bytes(raw[:at] + blob + raw[at:])
            continue
        try:
            document = yaml.safe_load(raw.decode("utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError):
            continue  # an earlier edit broke it already
        if kind in ("delete_key", "retype") and detail is not None:
            where, value = detail
            try:
                holder = parent_of(document, where)
                if kind == "delete_key":
                    del holder[where[-1]]
                else:
                    holder[where[-1]] = value
            except (KeyError, IndexError, TypeError):
                continue
        elif kind == "dup_id":
            found = ids_in(document)
            if len(found) >= 2:
                first, second = found[detail % len(found)], found[(detail + 1) % len(found)]
                second["id"] = first["id"]
        elif kind == "break_ref":
            refs = [p for p in paths(document) if isinstance(_get(document, p), str)]
            refs = [p for p in refs if "." in _get(document, p) or p[-1] in ("layer", "dimension")]
            if refs:
                target = refs[detail % len(refs)]
                parent_of(document, target)[target[-1]] = "nowhere.to_be_found"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def _get(document: Any, path: tuple) -> Any:
    return parent_of(document, path)[path[-1]]


PROBLEM = re.compile(r"^(?P<file>.+?\.yaml|[^:]+)(?::(?P<line>\d+))?: (?P<message>\S.*)$")


@PROPERTY
@given(edits=damage())
def test_a_damaged_default_pack_is_reported_by_file_and_line(run_cli, edits) -> None:
    """Bad input (content packs): a damaged pack validates OK or exits 2 with file:line lines."""
    with pack_copy() as pack:
        apply(pack, edits)
        result = run_cli("content", "validate", pack)
        text = result.out + result.err
        assert "Traceback" not in text and "unexpected error" not in text, text[-2000:]
        assert result.code in (0, 2), text[-2000:]
        if currently_in_test_context():
            event(f"exit {result.code}")
        if result.code == 0:
            assert result.out.startswith(f"OK default 1.0.0 ({pack})")
            return
        problems = result.out.splitlines()
        assert problems, result.err
        summary = result.err.strip().splitlines()[-1]
        count = int(re.match(r"pipeline-tui: (\d+) problems? in ", summary).group(1))
        assert count == len(problems)
        for line in problems:
            assert line.startswith(f"{pack}/") or line.startswith(f"{pack}:"), line
            match = PROBLEM.match(line[len(str(pack)) + 1 :])
            assert match, line
            if match["line"] is None:  # only a problem with a whole file has no line
                assert re.search(r"\bfile\b|\bfolder\b|\bpack\b", match["message"]), line
            else:
                file = pack / match["file"]
                assert file.is_file(), line
                assert 1 <= int(match["line"]) <= file.read_bytes().count(b"\n") + 2, line
            if currently_in_test_context():
                event("a problem without a line" if match["line"] is None else "file:line")


def test_the_undamaged_copy_is_valid(run_cli) -> None:
    """Bad input (content packs): the oracle's starting point, the shipped pack, is valid."""
    with pack_copy() as pack:
        apply(pack, [])
        result = run_cli("content", "validate", pack)
        assert result.code == 0, result.out + result.err
        assert result.out.startswith(f"OK default 1.0.0 ({pack})")


@pytest.mark.parametrize("name", FILES)
def test_a_file_with_its_keys_and_values_swapped_for_types_is_refused(run_cli, name) -> None:
    """Bad input (content packs): each file turned into a list of numbers exits 2 naming it."""
    with pack_copy() as pack:
        (pack / name).write_text("- 1\n- 2\n", encoding="utf-8")
        result = run_cli("content", "validate", pack)
        assert result.code == 2, result.out + result.err
        assert f"{pack / name}:" in result.out
        assert "Traceback" not in result.out + result.err


@pytest.mark.parametrize("character", ["\x1f", "\x07", "\x7f", "\ufffe"])
def test_a_control_character_is_one_problem_with_its_line(run_cli, character: str) -> None:
    """Bad input (content packs): a control character is one `file:line:` problem."""
    with pack_copy() as pack:
        path = pack / "decks" / "mus.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if "MUS-kortene" in line)
        lines[at] = lines[at].replace("MUS", f"MU{character}S")
        path.write_text("".join(lines), encoding="utf-8")
        result = run_cli("content", "validate", pack)
        assert result.code == 2
        assert result.out.splitlines() == [
            f"{path}:{at + 1}: not valid YAML: the control character "
            f"U+{ord(character):04X} is not allowed (remove it)"
        ]
