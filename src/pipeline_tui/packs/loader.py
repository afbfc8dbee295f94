"""Finding, reading and caching content packs.

A pack is read from YAML that keeps its line numbers, so that every problem
can be reported as `file:line`; `packs.validate` checks it and builds the
`Pack`. A valid pack is then cached as JSON under its content hash: the next
start hashes the files (stdlib only, under 1 ms) and rebuilds the pack with one
pydantic `model_validate_json`, skipping YAML, the line map and the checks.

Measured (Python 3.11, libyaml, each figure the median of 15 fresh processes,
imports not included): on a full-size stand-in for the default pack (its real
files plus expectations for all five layers, two decks of 32 cards and 40
activities; 3,300 YAML lines) a cold load (YAML + checks + cache write) takes
33 ms and a warm load from the cache 5 ms; `light.layer_names` 2 ms (6 ms
including the first platformdirs import). The imports this module needs cost
~100 ms (pydantic and the schema ~80, yaml ~17), which is why start-up uses
`packs.light` and loads packs on a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from pipeline_tui.errors import UserError
from pipeline_tui.packs import cache
from pipeline_tui.packs.light import (
    choose_default,
    content_hash,
    find_pack_dirs,
    shipped_content_dir,
)
from pipeline_tui.packs.pack import Pack

if TYPE_CHECKING:
    from pipeline_tui.packs.validate import Problem

__all__ = [
    "LineMap",
    "PackError",
    "PackSet",
    "YamlDocument",
    "YamlError",
    "content_hash",
    "load_pack",
    "load_packs",
    "parse_yaml",
    "shipped_content_dir",
]

# libyaml is ~10x faster. The pure-Python fallback gives the same nodes and marks,
# but refuses a few plain texts libyaml accepts (e.g. "{da: Hvorfor?, en: Why?}").
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]


class YamlError(Exception):
    """A file that is not YAML text: bad encoding or syntax, with the line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class LineMap:
    """Data path -> line, built from the YAML node tree on first use.

    A path is how pydantic locates an error, e.g. ("expectations", 3,
    "indicators", 0). A key's line is the line of the key itself (where a
    consultant looks for a field); a list item's line is where the item starts.
    A path that is not in the file (a missing field) gets the line of the
    nearest part that is. Built lazily: a valid pack never asks for a line.
    """

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root
        self._duplicates: list[tuple[int, str, int]] = []

    @cached_property
    def _lines(self) -> dict[DataPath, int]:
        lines: dict[DataPath, int] = {}
        if self._root is not None:
            lines[()] = self._root.start_mark.line + 1
            self._walk(self._root, (), lines, set())
        return lines

    def _walk(
        self, node: yaml.Node, path: DataPath, lines: dict[DataPath, int], stack: set[int]
    ) -> None:
        if id(node) in stack:  # a recursive alias: nothing new below it
            return
        stack.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key_path = (*path, key_node.value)
                line = key_node.start_mark.line + 1
                if key_path in lines:
                    # YAML keeps the last value: map that one, and report the repeat once.
                    self._duplicates.append((line, key_node.value, lines[key_path]))
                    size = len(key_path)
                    for stale in [k for k in lines if k[:size] == key_path]:
                        del lines[stale]
                lines[key_path] = line
                self._walk(value, key_path, lines, stack)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                self._walk(item, (*path, index), lines, stack)
        stack.discard(id(node))

    def line(self, path: Iterable[str | int]) -> int | None:
        """The line of `path`, or of its nearest enclosing part found in the file."""
        key = tuple(path)
        lines = self._lines
        while key:
            if key in lines:
                return lines[key]
            key = key[:-1]
        return lines.get(())

    @property
    def duplicate_keys(self) -> list[tuple[int, str, int]]:
        """Keys given twice in one mapping: (line, key, line of the first). YAML keeps the last."""
        _ = self._lines
        return list(self._duplicates)


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    lines: LineMap


def parse_yaml(raw: bytes) -> YamlDocument:
    """Parse one YAML file, keeping the node tree for line numbers.

    Raises YamlError for text that is not UTF-8 or not YAML, with the line.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        raise YamlError(
            f"the file is not UTF-8 text (byte 0x{byte} in column {column}); "
            "save it with the encoding UTF-8",
            line,
        ) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_size(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(_yaml_message(exc), mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a control character: one line, with its number
        line = text.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlError(
            f"not valid YAML: the control character U+{ord(character):04X} is not allowed "
            "(remove it)",
            line,
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise YamlError(f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlDocument(data, LineMap(node))


_MAX_NODES = 500_000  # the full default pack has ~30,000


def _check_size(root: yaml.Node) -> None:
    """Refuse aliases that refer to themselves or expand to absurd sizes.

    Anchors and aliases share one node; a few nested ones expand to billions of
    values, which every later walk (line map, pydantic) would visit. The size is
    counted per distinct node, so the check itself stays cheap.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise YamlError("an alias (*name) refers to the value it is part of", _line(node))
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        open_nodes.discard(key)
        if total > _MAX_NODES:
            raise YamlError("the file expands to too many values (check its aliases)", _line(node))
        sizes[key] = total
        return total

    try:
        size(root)
    except RecursionError:
        raise YamlError("the file is nested too deeply") from None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


_YAML_HINTS = {
    "mapping values are not allowed": "put the text in quotes when it contains ': '",
    "found character '\\t'": "indent with spaces, not tabs",
    "could not find expected ':'": "check the indentation and that every key ends with ':'",
    "did not find expected key": "check the indentation of this line and the one above",
    "found undefined alias": "remove the '*' or quote the text",
    "expected a single document": "remove the '---' line: a pack file holds one document",
}


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "syntax error").strip()
    hint = next((h for key, h in _YAML_HINTS.items() if key in problem), None)
    if hint is None and exc.context and exc.context not in problem:
        hint = exc.context
    return f"not valid YAML: {problem}" + (f" ({hint})" if hint else "")


class PackError(UserError):
    """A pack that cannot be used; `problems` lists every problem found."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        count = len(problems)
        first = f"; first: {problems[0]}" if problems else ""
        super().__init__(
            f"the content pack in {path} has {count} problem{'s' if count != 1 else ''}{first} "
            f"(run: pipeline-tui content validate {path})"
        )
        self.path = path
        self.problems = problems


def load_pack(path: Path, *, use_cache: bool = True) -> Pack:
    """The pack in folder `path`, from the cache when its files are unchanged.

    Raises PackError listing every problem when the pack is not valid.
    """
    try:
        pack_hash = content_hash(path)
    except OSError:
        pack_hash = None  # validation reports the unreadable file with its name
    if use_cache and pack_hash is not None:
        cached = cache.read(path, pack_hash)
        if cached is not None:
            return cached
    # Deferred: the validation rules build on this module's YAML reading, and the
    # cached path above never needs them.
    from pipeline_tui.packs.validate import check_pack

    pack, problems = check_pack(path)
    if pack is None or problems:
        raise PackError(path, problems)
    if use_cache:
        cache.write(pack)
    return pack


class PackSet(Mapping[str, Pack]):
    """The packs the program can use, by id, shipped ones first; `default` is the one used."""

    def __init__(self, packs: list[Pack], default_id: str, custom_ids: set[str]) -> None:
        self._packs = {pack.id: pack for pack in packs}
        if default_id not in self._packs:
            raise KeyError(default_id)
        self._default_id = default_id
        self._custom_ids = frozenset(custom_ids)

    def __getitem__(self, pack_id: str) -> Pack:
        return self._packs[pack_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packs)

    def __len__(self) -> int:
        return len(self._packs)

    @property
    def default(self) -> Pack:
        return self._packs[self._default_id]

    def origin(self, pack_id: str) -> str:
        """'custom' for a pack given with --content, else 'shipped'."""
        return "custom" if pack_id in self._custom_ids else "shipped"


def load_packs(content_dir: Path | None = None, *, shipped_dir: Path | None = None) -> PackSet:
    """The shipped packs plus the packs in `content_dir` (one pack, or a folder of packs).

    A custom pack with a shipped pack's id replaces it, others sit beside the
    shipped ones; the custom pack is the default when one is given.
    `shipped_dir` replaces the shipped packs' folder (tests).
    Raises PackError for an invalid pack and UserError for a folder without packs.
    """
    custom: list[Pack] = []
    if content_dir is not None:
        dirs = find_pack_dirs(content_dir)
        if not dirs:
            raise UserError(
                f"no content pack in {content_dir}: a pack folder holds pack.yaml, "
                "pipeline.yaml and the other pack files"
            )
        custom = [load_pack(d) for d in dirs]
        _refuse_duplicate_ids(custom)
    custom_ids = {pack.id for pack in custom}
    by_id = {pack.id: pack for pack in custom}
    order: list[str] = []
    shipped: list[str] = []
    for pack_dir in find_pack_dirs(shipped_dir or shipped_content_dir()):
        # A shipped pack that a custom one replaces keeps its place but is not
        # loaded (nor validated): the manifest's id is enough to know.
        replaced = _manifest_id(pack_dir) if custom_ids else None
        if replaced in custom_ids:
            order.append(replaced)
            continue
        pack = load_pack(pack_dir)
        by_id.setdefault(pack.id, pack)
        order.append(pack.id)
        shipped.append(pack.id)
    order.extend(pack.id for pack in custom if pack.id not in order)
    chosen = choose_default([p.id for p in custom], shipped)
    if chosen is None:
        raise UserError("no content packs found: the program was installed without content/")
    return PackSet([by_id[pack_id] for pack_id in dict.fromkeys(order)], chosen, custom_ids)


def _manifest_id(pack_dir: Path) -> str | None:
    try:
        data = parse_yaml((pack_dir / "pack.yaml").read_bytes()).data
    except (OSError, YamlError):
        return None
    return data.get("id") if isinstance(data, dict) else None


def _refuse_duplicate_ids(packs: list[Pack]) -> None:
    seen: dict[str, Pack] = {}
    for pack in packs:
        if pack.id in seen:
            raise UserError(
                f"two content packs have the id {pack.id!r}: {seen[pack.id].source} and "
                f"{pack.source}; give each pack its own id in pack.yaml"
            )
        seen[pack.id] = pack
