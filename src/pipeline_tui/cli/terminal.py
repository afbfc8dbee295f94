"""The last guard of what the command line writes: no character that drives a terminal.

The data are escaped where they are shown (`vocabulary.shown`), a pack with a control
character is refused, a roster too; but a text that slips past them all (a pack cache
written by hand, a path nothing escaped) must not reach the terminal as it is. While a
command runs, standard output and standard error pass through `_Escaping`: every control
character but tab and line break, the C1 controls and the bidirectional overrides and
isolates are written as escapes ("\\x1b", "\\u009b", "\\u202e"). DEL passes: a terminal
does nothing with it, and a JSON listing stays byte for byte what json.dumps writes. What
passes too: the colours and bold Rich writes on a terminal (ESC [ digits m, "SGR"), and a
carriage return before a line break (CSV's line ends). Bytes (a PDF on standard output)
are not text and pass as they are.

C0 controls are written "\\x1b" as `shown` writes them; C1 and the bidi marks
"\\u009b", which JSON reads as the same character (JSON itself never writes a C0 control
unescaped, but writes these as they are): a JSON written to standard output stays valid.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from pipeline_tui.vocabulary import BIDI

_ANY = re.compile(rf"[\x00-\x08\x0b-\x1f\x80-\x9f{BIDI}]")
_PART = re.compile(rf"(?P<kept>\x1b\[[0-9;]*m|\r(?=\n|\Z))|[\x00-\x08\x0b-\x1f\x80-\x9f{BIDI}]")


def _escape(found: re.Match[str]) -> str:
    part = found.group()
    if found.group("kept") is not None:
        return part  # Rich's colour, or the end of a CSV line
    code = ord(part)
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """`text` as the command line writes it (see the module)."""
    return text if _ANY.search(text) is None else _PART.sub(_escape, text)


class _Escaping:
    """A text stream that writes through `escaped`; everything else (buffer, isatty,
    fileno, encoding, flush) is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.wrapped = stream

    def write(self, text: str) -> int:
        self.wrapped.write(escaped(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


def _in_utf8(stream: TextIO | None) -> None:
    """Standard output in UTF-8 when it goes to a file or a pipe, whatever the locale's
    encoding: on Windows a redirected stdout is the ANSI code page (cp1252), and `export >
    backup.json` wrote an export that `import` refused ("line 7: not UTF-8 text"), a JSON
    listing no JSON reader takes, and a name cp1252 has no letter for ("Łukasz"), or the
    overview's bars, ended in "unexpected error: UnicodeEncodeError" halfway. A terminal
    keeps its own encoding; a character it cannot show is written "?" rather than ending
    the command."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    reconfigure = getattr(stream, "reconfigure", None)
    if stream is None or encoding in ("utf-8", "utf8") or reconfigure is None:
        return
    try:
        terminal = stream.isatty()
    except (OSError, ValueError):
        terminal = False
    try:
        if terminal:
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8")
    except (OSError, ValueError, LookupError):  # a stream that cannot change: as it is
        pass


@contextmanager
def guarded() -> Iterator[None]:
    """Standard output and standard error escaped while the block runs, as they were after;
    standard output in UTF-8 to a file or a pipe (`_in_utf8`)."""
    _in_utf8(sys.stdout)
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None and not isinstance(sys.stdout, _Escaping):
        sys.stdout = _Escaping(sys.stdout)  # a TextIO in all it is used for
    if sys.stderr is not None and not isinstance(sys.stderr, _Escaping):
        sys.stderr = _Escaping(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
