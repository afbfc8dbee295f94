"""Reading YAML that keeps its line numbers, so every problem in a pack is told as `file:line`.

Used by the loader and by the validation rules (which build on it, below both).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from pipeline_tui.texts import Phrase

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
        raise YamlError(Phrase("cli.pack.not_utf8", byte=byte, column=column), line) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_size(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _unclosed_quote(exc) or _unclosed_flow(exc):
            # The parser notices only further down (at the end of the file, or where
            # a later quote happens to close it): tell where the quote or brace opens.
            mark = exc.context_mark
        raise YamlError(_yaml_message(exc, text), mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a control character: one line, with its number
        line = text.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        code = f"{ord(character):04X}"
        raise YamlError(Phrase("cli.pack.yaml_control", code=code), line) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise YamlError(Phrase("cli.pack.not_yaml", problem=str(exc))) from None
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
            raise YamlError(Phrase("cli.pack.alias_loop"), _line(node))
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        open_nodes.discard(key)
        if total > _MAX_NODES:
            raise YamlError(Phrase("cli.pack.too_many_values"), _line(node))
        sizes[key] = total
        return total

    try:
        size(root)
    except RecursionError:
        raise YamlError(Phrase("cli.pack.too_deep")) from None


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


# A hint for what PyYAML says (its own words, in English), by the catalog's key for it.
_YAML_HINTS = {
    "mapping values are not allowed": "cli.pack.yaml_hint.quotes",
    "found character '\\t'": "cli.pack.yaml_hint.tabs",
    "could not find expected ':'": "cli.pack.yaml_hint.colon",
    "did not find expected key": "cli.pack.yaml_hint.key",
    "found undefined alias": "cli.pack.yaml_hint.alias",
    "expected a single document": "cli.pack.yaml_hint.document",
}


def _unclosed_quote(exc: yaml.MarkedYAMLError) -> bool:
    return (
        exc.context_mark is not None
        and "end of stream" in (exc.problem or "")
        and "quoted scalar" in (exc.context or "")
    )


def _unclosed_flow(exc: yaml.MarkedYAMLError) -> bool:
    """A {da: ..., en: ...} or [...] that runs past its line, mostly for a quote left open."""
    start, problem = exc.context_mark, exc.problem_mark
    return (
        start is not None
        and problem is not None
        and "while parsing a flow" in (exc.context or "")
        and problem.line > start.line
    )


def _indented_key(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """ "mapping values are not allowed" at a line that is only `key: value`, indented further
    than the line above: a slip of indentation (the line is read as more of the text above
    it), not a ': ' inside a text, which quotes would mend."""
    mark = exc.problem_mark
    if mark is None or not text:
        return False
    lines = text.splitlines()
    if not 0 < mark.line < len(lines):
        return False
    line = lines[mark.line]
    before = line[: mark.column]
    if not before.strip() or any(c in before for c in ":#'\"") or " " in before.strip():
        return False
    above = next((a for a in reversed(lines[: mark.line]) if a.strip()), "")
    indent = len(line) - len(line.lstrip(" "))
    return bool(above) and indent > len(above) - len(above.lstrip(" "))


def _at_tab(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """libyaml says "found character that cannot start any token" without naming the tab."""
    mark = exc.problem_mark
    index = getattr(mark, "index", None)
    return isinstance(index, int) and text[index : index + 1] == "\t"


def _yaml_message(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    """What is wrong, as a catalog phrase: PyYAML's words for the problem (English), and a
    hint in the catalog's words where one is known (else PyYAML's context, if any)."""
    problem = (exc.problem or exc.context or "syntax error").strip()
    key = next((k for text, k in _YAML_HINTS.items() if text in problem), None)
    if key == "cli.pack.yaml_hint.quotes" and _indented_key(exc, text):
        key = "cli.pack.yaml_hint.key"
    if _unclosed_quote(exc):
        key = "cli.pack.yaml_hint.unclosed_quote"
    elif _unclosed_flow(exc):
        key = "cli.pack.yaml_hint.unclosed_flow"
    elif key is None and ("tab character" in problem or _at_tab(exc, text)):
        key = "cli.pack.yaml_hint.tabs"
    hint: str | None = Phrase(key) if key is not None else None
    if hint is None and exc.context and exc.context not in problem:
        hint = exc.context
    if hint is None:
        return Phrase("cli.pack.not_yaml", problem=problem)
    return Phrase("cli.pack.not_yaml_hint", problem=problem, hint=hint)
