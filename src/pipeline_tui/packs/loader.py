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

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_tui.errors import UserError
from pipeline_tui.packs import cache
from pipeline_tui.packs.light import (
    choose_default,
    content_hash,
    find_pack_dirs,
    shipped_content_dir,
)
from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.yamlfile import LineMap, YamlDocument, YamlError, parse_yaml

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


class PackError(UserError):
    """A pack that cannot be used; `problems` lists every problem found."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        count = len(problems)
        # The pack's folder itself (file "."), e.g. one may not read it, is named as given.
        where = "" if not problems else problems[0].where
        if where == ".":
            where = str(path)
        first = f"; first: {where}: {problems[0].message}" if problems else ""
        # Said in the user's language through `texts.refusal` (`cli.refused.pack_problem*`).
        particulars = {"where": where, "problem": problems[0].message} if problems else {}
        super().__init__(
            f"the content pack in {path} has {count} problem{'s' if count != 1 else ''}{first} "
            f"(run: pipeline-tui content validate {path})",
            ("pack_problem" if count == 1 else "pack_problems") if problems else "",
            path=path,
            n=count,
            **particulars,
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
                "pipeline.yaml and the other pack files",
                "no_pack_in",
                path=content_dir,
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
                f"{pack.source}; give each pack its own id in pack.yaml",
                "same_pack_id",
                id=pack.id,
                first=seen[pack.id].source,
                second=pack.source,
            )
        seen[pack.id] = pack
