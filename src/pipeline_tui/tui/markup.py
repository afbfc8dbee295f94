"""Text typed by people, put into Textual's markup so that it shows as typed.

Textual's own `escape` escapes only what looks like one of its tags in lower case
(`[b]`, `[@click=...]`): a note "Kursus [AMU] i ledelse" showed as "Kursus  i ledelse",
"Bog: [Ledelse]" as "Bog: ", "[$accent]" took a colour, and "[31m" left the closing tag
of the label on the screen ("Boss[31mRed[/b]"). Here every "[" is escaped: Textual's
parser reads "\\[" as "[" and nothing else of a backslash, so a backslash stays as it
is. A text that ends in a backslash would escape the tag that follows it; a word joiner
(zero width, invisible) stands between them.
"""

from __future__ import annotations


def escape(text: str) -> str:
    """`text` for Textual's markup: shown exactly as it is."""
    text = text.replace("[", "\\[")
    return text + "\u2060" if text.endswith("\\") else text
