"""Checking a content pack, with one `file:line: message` per problem.

Consultants write packs by hand, so every problem is reported with the file
and line to fix and says what is expected; nothing a pack contains (bad
encoding, broken YAML, a list where a mapping belongs, an empty file) ends in
a traceback. Checks that depend on another file (a card's theme needs
themes.yaml) are skipped while that file is itself broken, so one mistake
gives one message, not fifty.
"""

from __future__ import annotations

import difflib
import errno
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pipeline_tui.packs.kind_rules import check_kinds_and_decks
from pipeline_tui.packs.light import (
    PACK_FILES,
    PACK_FOLDERS,
    broken_link,
    hash_contents,
    pack_files,
    stray_files,
)
from pipeline_tui.packs.messages import error_message, joined, kind_of, language, place
from pipeline_tui.packs.pack import Pack
from pipeline_tui.packs.rules import Findings, ParsedFile, check_ids_and_references
from pipeline_tui.packs.schema import (
    ActivitiesFile,
    Deck,
    DimensionsFile,
    ExpectationsFile,
    Manifest,
    PipelineFile,
    RatingScale,
    Text,
    ThemesFile,
)
from pipeline_tui.packs.yamlfile import DataPath, YamlError, parse_yaml
from pipeline_tui.texts import Phrase, catalog
from pipeline_tui.vocabulary import with_control

MODELS: dict[str, type[BaseModel]] = {
    "pack.yaml": Manifest,
    "pipeline.yaml": PipelineFile,
    "dimensions.yaml": DimensionsFile,
    "scale.yaml": RatingScale,
    "themes.yaml": ThemesFile,
    "expectations": ExpectationsFile,
    "decks": Deck,
    "activities": ActivitiesFile,
}
_FILE_ORDER = {name: i for i, name in enumerate((*PACK_FILES, *PACK_FOLDERS))}


@dataclass(frozen=True)
class Problem:
    """One problem in a pack: the file (relative to the pack folder), the line, what is wrong."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def where(self) -> str:
        """The file, and the line when known: "pack.yaml:3"."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def under(self, folder: str | Path) -> Problem:
        """The same problem with the file named from `folder` (as the user gave it)."""
        return Problem(str(Path(folder) / self.file), self.line, self.message)

    def _order(self) -> tuple[int, str, int, str]:
        top = self.file.split("/", 1)[0]
        return (_FILE_ORDER.get(top, len(_FILE_ORDER)), self.file, self.line or 0, self.message)


def validate_pack_dir(path: Path) -> list[Problem]:
    """Every problem in the pack in folder `path`, in file and line order; [] when valid."""
    return check_pack(path)[1]


def check_pack(path: Path) -> tuple[Pack | None, list[Problem]]:
    """The pack and its problems: (Pack, []) when valid, else (None, problems)."""
    unreadable = _pack_folder_problem(path)
    if unreadable is not None:
        return None, [Problem(".", None, unreadable)]
    check = Findings()
    _check_files_present(check, path)
    contents: list[tuple[str, bytes]] = []
    # The manifest first: its languages shape the messages about the other files.
    for rel, file_path in sorted(pack_files(path), key=lambda item: item[0] != "pack.yaml"):
        try:
            raw = file_path.read_bytes()
        except OSError as exc:
            check.add(rel, None, Phrase("cli.pack.cannot_read", error=_reason(exc)))
            continue
        contents.append((rel, raw))
        _parse(check, rel, raw)
    manifest = check.valid("pack.yaml")
    if manifest is not None:
        _check_languages(check, list(manifest.languages))
    check_ids_and_references(check)
    check_kinds_and_decks(check)
    problems = sorted({Problem(*found) for found in check.problems}, key=Problem._order)
    if problems:
        return None, problems
    return _build(check, hash_contents(contents), path), []


def _check_files_present(check: Findings, path: Path) -> None:
    for name in PACK_FILES:
        if not (path / name).is_file() and not broken_link(path / name):
            keys = _required(MODELS[name])
            check.add(name, None, Phrase("cli.pack.file_missing", name=name, keys=keys))
    for folder in PACK_FOLDERS:
        problem = _folder_problem(path / folder)
        if problem is not None:
            check.add(folder, None, problem)
        elif folder == "decks" and not any(rel.startswith("decks/") for rel, _ in pack_files(path)):
            check.add("decks", None, Phrase("cli.pack.no_deck"))
    for rel in stray_files(path):
        if "/" in rel:  # .yml, or .YAML as some Windows editors save it
            check.add(rel, None, Phrase("cli.pack.yml"))
            continue
        close = difflib.get_close_matches(rel.lower(), PACK_FILES, n=1)
        said = Phrase("cli.pack.stray_meant", name=close[0]) if close else None
        check.add(rel, None, said or Phrase("cli.pack.stray"))


def _pack_folder_problem(path: Path) -> str | None:
    """Why the pack's own folder cannot be read (no permission to list it, or to look at the
    files in it); None when it can."""
    try:
        with os.scandir(path):
            pass
        (path / "pack.yaml").is_file()  # not allowed to look inside: PermissionError
    except OSError as exc:
        return Phrase("cli.pack.cannot_read_folder", error=_reason(exc))
    return None


def _folder_problem(folder: Path) -> str | None:
    """Why the pack's folder `folder` (decks, expectations, activities) cannot be read: a
    file of that name, a link that leads nowhere, no permission; None when it can (or is
    not there: what its absence means is said by the checks that miss its files)."""
    try:
        if not folder.is_dir():
            if folder.exists():
                return Phrase("cli.pack.not_a_folder", folder=folder.name)
            if folder.is_symlink():
                folder.stat()  # a link to nothing, or round in a loop: the reason why
            return None
        with os.scandir(folder):
            return None
    except OSError as exc:
        return Phrase("cli.pack.cannot_read_folder", error=_reason(exc))


def _reason(exc: OSError) -> str:
    """The system's reason a file or folder cannot be read, in the catalog's words where it
    has them (said in the language of the command line), else as the system said it."""
    name = errno.errorcode.get(exc.errno or 0, "")
    if name and f"cli.os.{name}" in catalog("en"):
        return Phrase(f"cli.os.{name}")
    return exc.strerror or str(exc)


def _parse(check: Findings, rel: str, raw: bytes) -> None:
    model = MODELS[rel.split("/", 1)[0]]
    keys = _required(model)
    try:
        doc = parse_yaml(raw)
    except YamlError as exc:
        check.add(rel, *_with_odd_space(exc.message, raw, exc.line))
        return
    for line, key, first in doc.lines.duplicate_keys:
        check.add(rel, line, Phrase("cli.pack.key_twice", key=key, first=first))
    data = doc.data
    if data is None:
        check.add(rel, None, Phrase("cli.pack.file_empty", keys=keys))
        return
    if not isinstance(data, dict):
        message = Phrase("cli.pack.not_mapping", got=kind_of(data), keys=keys)
        check.add(rel, doc.lines.line(()), message)
        return
    parsed = ParsedFile(rel, data, doc.lines)
    check.files[rel] = parsed
    try:
        parsed.model = model.model_validate(data)
    except ValidationError as exc:
        langs = _text_example(check)
        for error in _without_typo_twins(exc.errors()):
            at, said = doc.lines.line(error["loc"]), error_message(error, data, model, langs)
            if error["type"] == "extra_forbidden":  # "unknown field '\xa0 en'"
                at, said = _with_odd_space(said, raw, at)
            check.add(rel, at, said)
        return  # a text in a wrong place ("\r" for a list) is one mistake, said once
    _check_control(check, rel, data, doc.lines)


# Characters that look like a space in an editor but are none to YAML: the no-break space
# Word, Outlook and web pages put in copied text, and its typographic cousins.
_ODD_SPACES = frozenset("\u00a0\u2007\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


def _with_odd_space(message: str, raw: bytes, line: int | None) -> tuple[int | None, str]:
    """`message` about `line`, with where a space that is not one sits on it, told at that
    line (YAML often notices it only on the line below): the consultant sees an ordinary
    space in the editor, and "could not find expected ':'" at `dimension: results` baffles."""
    if line is None:
        return line, message
    lines = raw.decode("utf-8-sig", errors="replace").splitlines()
    for number in (line, line - 1):
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        column = next((i for i, c in enumerate(text) if _odd_space_at(text, i)), None)
        if column is not None:
            code = f"{ord(text[column]):04X}"
            said = Phrase("cli.pack.odd_space", problem=message, column=column + 1, code=code)
            return number, said
    return line, message


def _odd_space_at(text: str, index: int) -> bool:
    """An odd space where YAML needs a real one: in the indentation, or after the ':' of a
    key or the '-' of a list item; in a text ("10\u00a0%") it is the writer's to choose."""
    if text[index] not in _ODD_SPACES:
        return False
    before = text[:index]
    return not before.strip() or before.endswith((":", "-"))


def _check_control(check: Findings, rel: str, data: Any, lines: Any) -> None:
    """Every text (keys too) with a control character a terminal would act on, by line."""
    for path, text in _strings(data, ()):
        if with_control(text) is not None:
            where = place(path, data)
            code = f"{ord(next(c for c in text if with_control(c))):04X}"
            problem = Phrase("cli.pack.text_control", code=code)
            message = Phrase("cli.pack.at", where=where, problem=problem) if where else problem
            check.add(rel, lines.line(path), message)


def _strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    """Every text in a file's data, keys too, with where it is: a control character in any
    of them (YAML's escapes let one in: "\\e]8;;...", "\\a") would reach a terminal."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield (*path, key), key
            yield from _strings(item, (*path, key))


def _without_typo_twins(errors: list[Any]) -> list[Any]:
    """Drop "missing 'description'" when the same mapping has an unknown 'descripton'.

    A misspelt field is one mistake; the unknown field's message already says
    "did you mean 'description'?".
    """
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            unknown.setdefault(tuple(error["loc"][:-1]), []).append(str(error["loc"][-1]))
    kept = []
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and difflib.get_close_matches(
            str(loc[-1]), unknown.get(loc[:-1], []), n=1, cutoff=0.6
        ):
            continue
        kept.append(error)
    return kept


def _required(model: type[BaseModel]) -> str:
    return ", ".join(name for name, info in model.model_fields.items() if info.is_required())


def _text_example(check: Findings) -> str:
    manifest = check.files.get("pack.yaml")
    langs = manifest.data.get("languages") if manifest is not None else None
    if not isinstance(langs, list) or not langs:
        langs = ["da", "en"]
    return ", ".join(f"{lang}: ..." for lang in langs)


def _texts(value: Any, path: DataPath) -> Iterator[tuple[DataPath, Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))


# A title, name or label is shown in lists, on card tiles, in headings and selections: a
# paragraph pasted into one (a card titled with 2,000 characters) filled the detail pane
# with it and pushed the description and indicators out of sight. The longest in the
# default pack has 62 characters.
SHORT_TEXT_MAX = 150
_SHORT = ("title", "name", "label")


def _check_languages(check: Findings, languages: list[str]) -> None:
    """Every text in every language of the pack, and in no other, and none of them blank."""
    wanted = set(languages)
    listed = ", ".join(languages)
    texts = [
        (parsed, path, text)
        for parsed in check.files.values()
        if parsed.model is not None
        for path, text in _texts(parsed.model, ())
    ]
    if _languages_mislisted(check, languages, [text for _, _, text in texts]):
        return
    for parsed, path, text in texts:
        missing = [lang for lang in languages if lang not in text.languages]
        extra = sorted(text.languages - wanted)
        where = place(path, parsed.data)
        if missing:
            names = joined([language(lang) for lang in missing])
            check.add(
                parsed,
                parsed.line(*path),
                Phrase("cli.pack.no_text_in", where=where, names=names),
            )
        for lang in extra:
            message = Phrase(
                "cli.pack.extra_language", where=where, lang=language(lang), listed=listed
            )
            check.add(parsed, parsed.line(*path, lang), message)
        for lang, value in text.root.items():
            # Only spaces (`da: "  "`, a `>-` block of blank lines) show as nothing on
            # every screen and paper: as empty as "".
            if lang in wanted and value and not value.strip():
                empty = Phrase("cli.pack.text_empty_in", lang=language(lang))
                message = Phrase("cli.pack.at", where=where, problem=empty) if where else empty
                check.add(parsed, parsed.line(*path, lang), message)
            if lang in wanted and path and path[-1] in _SHORT and len(value) > SHORT_TEXT_MAX:
                long = Phrase(
                    "cli.pack.text_too_long_in",
                    lang=language(lang),
                    n=len(value),
                    max=SHORT_TEXT_MAX,
                )
                message = Phrase("cli.pack.at", where=where, problem=long) if where else long
                check.add(parsed, parsed.line(*path, lang), message)


def _languages_mislisted(check: Findings, languages: list[str], texts: list[Text]) -> bool:
    """`languages` in pack.yaml lists a code no text of the pack has (`dk` for `da`), or
    leaves out a language every text has: one mistake in pack.yaml, said there once. It was
    said at every text of the pack instead: 2,090 lines for `languages: [dk, en]`."""
    if not texts:
        return False
    counts = Counter(lang for text in texts for lang in text.languages)
    unused = [lang for lang in languages if not counts[lang]]
    everywhere = [lang for lang, n in counts.items() if lang not in languages and n == len(texts)]
    if not unused and not everywhere:
        return False
    listed = ", ".join(languages)
    if unused:  # a code mistyped, or a language no text is written in yet
        used = ", ".join(sorted(counts, key=lambda lang: (-counts[lang], lang)))
        message = Phrase("cli.pack.languages_unused", listed=listed, used=used)
    else:  # texts in a language the pack leaves out, all of them
        names = joined([language(lang) for lang in everywhere])
        codes = ", ".join(everywhere)
        message = Phrase("cli.pack.languages_left_out", listed=listed, names=names, codes=codes)
    manifest = check.files["pack.yaml"]
    check.add(manifest, manifest.line("languages"), message)
    return True


def _build(check: Findings, pack_hash: str, path: Path) -> Pack:
    pipeline: PipelineFile = check.valid("pipeline.yaml")
    by_layer = {f.model.layer: tuple(f.model.expectations) for f in check.folder("expectations")}
    activities = [a for f in check.folder("activities") for a in f.model.activities]
    return Pack(
        manifest=check.valid("pack.yaml"),
        layers=tuple(pipeline.layers),
        dimensions=tuple(check.valid("dimensions.yaml").dimensions),
        expectations={layer.key: by_layer[layer.key] for layer in pipeline.layers},
        scale=check.valid("scale.yaml"),
        themes=tuple(check.valid("themes.yaml").themes),
        decks=tuple(f.model for f in check.folder("decks")),
        activities=tuple(activities),
        content_hash=pack_hash,
        source=path,
        conversations=tuple(pipeline.conversations),
    )
