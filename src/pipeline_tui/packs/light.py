"""What start-up needs from the content packs, with the stdlib only.

The first screen shows layer names. Parsing a pack needs PyYAML and pydantic
(together ~60 ms of imports before any file is read), so this module finds the
packs, hashes their files and reads the JSON cache the loader wrote after its
last successful load. It imports neither pydantic, nor yaml, nor sqlalchemy (a
test checks): when there is no cache entry the caller does a full load.

It also holds what the loader and this fast path must agree on: which files
make up a pack, how they are hashed, where the cache lives and which pack is
the default.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pipeline_tui
from pipeline_tui.config import cache_dir

if TYPE_CHECKING:  # imported where used: the first screen needs none of it
    from pipeline_tui.packs.records import PackNames

# Bump when the cached JSON changes shape, or when the validator refuses what it let in
# (3: control characters in a text; 4: a text of only spaces), so a pack cached before is
# checked again; entries of another format are ignored.
CACHE_FORMAT = 4
DEFAULT_PACK_ID = "default"

PACK_FILES = ("pack.yaml", "pipeline.yaml", "dimensions.yaml", "scale.yaml", "themes.yaml")
PACK_FOLDERS = ("expectations", "decks", "activities")


def shipped_content_dir() -> Path:
    """The packs shipped with the program.

    A wheel carries the top-level `content/` as `pipeline_tui/_content`; an
    editable install (a checkout) reads the repository's `content/` directly.
    """
    package = Path(pipeline_tui.__file__).resolve().parent
    installed = package / "_content"
    if installed.is_dir():
        return installed
    return package.parent.parent / "content"


def is_pack_dir(path: Path) -> bool:
    """A folder is a pack when it holds any of the top-level pack files.

    Not only `pack.yaml`: a pack that lacks its manifest should be reported as
    such, not mistaken for a folder of packs.
    """
    return any((path / name).is_file() for name in PACK_FILES)


def find_pack_dirs(path: Path) -> list[Path]:
    """`path` itself when it is a pack, else its sub-folders that are packs, by name."""
    if is_pack_dir(path):
        return [path]
    try:
        children = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    return [child for child in children if is_pack_dir(child)]


def pack_files(pack_dir: Path) -> list[tuple[str, Path]]:
    """The files a pack is made of, as (relative posix path, path), sorted by relative path.

    Hidden files (editor backups, macOS `._` files) are not part of a pack.
    """
    found: list[tuple[str, Path]] = []
    for name in PACK_FILES:
        path = pack_dir / name
        if path.is_file():
            found.append((name, path))
    for folder in PACK_FOLDERS:
        try:
            entries = list((pack_dir / folder).iterdir())
        except OSError:
            continue
        for path in entries:
            if path.suffix == ".yaml" and not path.name.startswith(".") and path.is_file():
                found.append((f"{folder}/{path.name}", path))
    return sorted(found)


def hash_contents(files: Iterable[tuple[str, bytes]]) -> str:
    """sha256 over (relative path, length, bytes) of each file, in path order.

    The length keeps the boundary between files unambiguous, so moving text
    from one file to the next changes the hash.
    """
    digest = hashlib.sha256()
    for rel, data in sorted(files):
        name = rel.encode("utf-8")
        digest.update(len(name).to_bytes(4, "big") + name)
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def content_hash(pack_dir: Path) -> str:
    """The content hash of a pack: the same files give the same hash on any machine.

    Raises OSError when a file cannot be read.
    """
    return hash_contents((rel, path.read_bytes()) for rel, path in pack_files(pack_dir))


def cache_folder() -> Path:
    return cache_dir() / "packs"


def cache_file(pack_hash: str) -> Path:
    return cache_folder() / f"{pack_hash}.json"


def read_cache(pack_hash: str) -> dict[str, Any] | None:
    """The cached pack of this hash written by this program version, or None."""
    try:
        data = json.loads(cache_file(pack_hash).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not _current(data, pack_hash):
        return None
    return data


def _current(data: dict[str, Any], pack_hash: str) -> bool:
    return (
        data.get("format") == CACHE_FORMAT
        and data.get("program") == pipeline_tui.__version__
        and data.get("hash") == pack_hash
        and isinstance(data.get("pack"), dict)
    )


def choose_default(custom: Sequence[str], shipped: Sequence[str]) -> str | None:
    """The id of the pack used by default.

    A custom pack given with `--content` wins (the one with id `default` if a
    folder of packs was given, else the first); otherwise the shipped `default`.
    """
    for ids in (custom, shipped):
        if ids:
            return DEFAULT_PACK_ID if DEFAULT_PACK_ID in ids else ids[0]
    return None


def layer_names(content_dir: Path | None, lang: str) -> dict[str, str] | None:
    """The default pack's layer key -> name in `lang`, from the cache.

    None when any pack involved has no current cache entry (or cannot be read):
    the caller then loads the packs in full, which writes the cache.
    """
    pack = _cached_default(content_dir)
    try:
        if pack is None:
            return None
        return {layer["key"]: _text(layer["name"], lang) for layer in pack["layers"]}
    except (KeyError, TypeError):
        return None


def short_name(name: str) -> str:
    """A layer's name without its closing note in brackets ("Leder af sig selv" for "Leder
    af sig selv (medarbejder)"): as a person types it, and where a table has little room."""
    stripped = name.rstrip()
    if stripped.endswith(")") and " (" in stripped:
        return stripped.rsplit(" (", 1)[0].strip() or name
    return name


def aliases_of(layers: list[tuple[str, list[str]]]) -> dict[str, str]:
    """Every accepted spelling of the layers given as (key, names in every language): the
    key and each name, lower-cased, and a name without its closing note in brackets
    ("Leder af sig selv" for "Leder af sig selv (medarbejder)", as a person types it), and
    the note alone ("Medarbejder", the word a Danish HR system's roster has for the layer:
    it was refused with "mente du 'leder af medarbejdere'?"), where no other layer is
    spelled so."""
    aliases: dict[str, str] = {}
    short: dict[str, set[str]] = {}
    for key, names in layers:
        aliases[key.lower()] = key
        for name in names:
            aliases[name.lower()] = key
            shorter = short_name(name)
            if shorter != name:
                short.setdefault(shorter.lower(), set()).add(key)
                note = name.rstrip()[len(shorter) :].strip().removeprefix("(").removesuffix(")")
                short.setdefault(note.strip().lower(), set()).add(key)
    for spelling, keys in short.items():
        if len(keys) == 1 and spelling:
            aliases.setdefault(spelling, next(iter(keys)))
    return aliases


def meant_layer(given: str, aliases: dict[str, str]) -> str | None:
    """The accepted spelling (`aliases_of`) closest to a layer that was not found
    ("leder af ledere" for "leder af ledre", "lead_leaders" for "lead_leader"), for a
    did-you-mean; None when none is close."""
    close = difflib.get_close_matches(given.strip().lower(), list(aliases), n=1, cutoff=0.6)
    return close[0] if close else None


def layer_aliases(content_dir: Path | None) -> dict[str, str] | None:
    """Every accepted spelling of the default pack's layers (`aliases_of`) -> key, from the
    cache; None when it has no current entry."""
    pack = _cached_default(content_dir)
    try:
        if pack is None:
            return None
        return aliases_of(
            [(layer["key"], list(layer["name"].values())) for layer in pack["layers"]]
        )
    except (KeyError, TypeError, AttributeError):
        return None


def yearly_kinds(content_dir: Path | None) -> tuple[str, ...] | None:
    """The default pack's yearly kinds of conversation (those HR counts as the year's), from
    the cache; None when it has no current entry or names no kinds (then every kind counts,
    as in a pack from before kinds were data)."""
    pack = _cached_default(content_dir)
    try:
        kinds = pack["conversations"] if pack is not None else None
        if not kinds:
            return None
        return tuple(k["key"] for k in kinds if k.get("yearly", True))
    except (KeyError, TypeError, AttributeError):
        return None


def kind_names(content_dir: Path | None) -> dict[str, dict[str, str]] | None:
    """The default pack's kinds of conversation, key -> its name by language, from the
    cache; None when it has no current entry or names no kinds."""
    pack = _cached_default(content_dir)
    try:
        kinds = pack["conversations"] if pack is not None else None
        if not kinds:
            return None
        return {k["key"]: dict(k["name"]) for k in kinds}
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def pack_names(content_dir: Path | None) -> PackNames | None:
    """What HR's overview reads of the default pack (`records.PackNames`), from the cache;
    None when it has no current entry or names no kinds of conversation (the legacy kinds
    are made by the full load)."""
    from pipeline_tui.packs.records import PackNames

    pack = _cached_default(content_dir)
    try:
        if pack is None or not pack.get("conversations"):
            return None
        return PackNames.from_cache(pack)
    except (KeyError, TypeError, AttributeError, IndexError):
        return None


def _cached_default(content_dir: Path | None) -> dict[str, Any] | None:
    """The default pack as cached (plain JSON data), or None."""
    custom: list[dict[str, Any]] | None = []
    shipped: list[dict[str, Any]] | None = []
    if content_dir is not None:
        custom = _cached_packs(find_pack_dirs(content_dir))
        if not custom:
            return None
    else:
        shipped = _cached_packs(find_pack_dirs(shipped_content_dir()))
    if custom is None or shipped is None:
        return None
    try:
        ids = [p["manifest"]["id"] for p in custom]
        if len(set(ids)) != len(ids):
            return None  # two packs with one id: the full load refuses them, and says why
        packs = {p["manifest"]["id"]: p for p in [*shipped, *custom]}
        chosen = choose_default(
            [p["manifest"]["id"] for p in custom], [p["manifest"]["id"] for p in shipped]
        )
        if chosen is None:
            return None
        return packs[chosen]
    except (KeyError, TypeError):
        return None


def _cached_packs(dirs: list[Path]) -> list[dict[str, Any]] | None:
    packs = []
    for pack_dir in dirs:
        try:
            entry = read_cache(content_hash(pack_dir))
        except OSError:
            return None
        if entry is None:
            return None
        packs.append(entry["pack"])
    return packs


def _text(text: dict[str, str], lang: str) -> str:
    """Like `schema.Text.get`: the language asked for, else any language the text has."""
    return text.get(lang) or next(iter(text.values()), "")
