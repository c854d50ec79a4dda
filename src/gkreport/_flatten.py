"""A whole report printed on one line (a crawler's text), cut back into lines.

The line is cut before and after each section heading, around its title, and around the
signature and date that close it, so the line rules read the pieces as they read any copy.
A line qualifies only if it is long and holds :data:`HEADINGS` section headings in their
order, each followed by content: headings only listed in a sentence have none.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Final

from ._headings import heading_span
from ._normalise import Line, compact, label_key
from ._patterns import DATE_WORDS, SECTION_IN_TEXT, TITLE_IN_TEXT
from .template import FURNITURE

__all__ = ["HEADINGS", "MIN_LENGTH", "unflatten"]

#: A line is read as a whole report if it is this long and holds this many section
#: headings in their order.
MIN_LENGTH: Final = 100
HEADINGS: Final = 3

# A signature (optional) and the date within a line.
_CLOSING_IN_TEXT = re.compile(r"(?<=\s)(?:[^\s。;:,]{2,40}\s+)?(?P<date>" + DATE_WORDS + r")(?=\s|$)")
_WORD = re.compile(r"\S+")
FURNITURE_KEYS: Final = frozenset(label_key(f) for f in FURNITURE)


def unflatten(line: Line, repair: Callable[[str, str, Line], None]) -> list[Line]:
    """The pieces of ``line`` if it is a whole report; else ``[line]``.

    Pieces keep the line's number and their column in it (``Line.start``), so diagnostics
    point into the source. Emits ``report-flattened`` through ``repair``.
    """
    text = line.text
    if len(text) < MIN_LENGTH:
        return [line]
    cuts = _heading_cuts(text)
    # Each section of a report has content; headings only listed in a sentence have none.
    ends, starts = cuts[1::2], [*cuts[2::2], len(text)]
    after = [text[end:start] for end, start in zip(ends, starts, strict=False)]
    if sum(1 for content in after if content.strip()) < HEADINGS:
        return [line]
    title = TITLE_IN_TEXT.search(text, 0, cuts[0])
    if title:
        cuts[:0] = [title.start(), title.end()]
    cuts += _closing_cuts(text, cuts[-1])
    bounds = [0, *cuts, len(text)]
    # Normalising maps character for character unless it dropped zero-width characters
    # or joined spaced-out ones: then the printed pieces are the normalised ones.
    raw = line.raw if len(line.raw) == len(text) else text
    pieces = [Line(line.number, raw[a:b], text[a:b], a)
              for a, b in itertools.pairwise(bounds) if text[a:b].strip()]
    repair("report-flattened", f"the report stood on one line; cut into {len(pieces)} "
           "lines at its title, section headings and closing", line)
    return pieces


def _heading_cuts(text: str) -> list[int]:
    """Where each section heading in ``text`` starts and ends, in the sections' order."""
    cuts: list[int] = []
    last = 0
    for m in SECTION_IN_TEXT.finditer(text):
        span = heading_span(text, m)
        if span is None or span[0].number <= last:
            continue
        section, end = span
        last = section.number
        cuts += [m.start(), end]
    return cuts


def _closing_cuts(text: str, end: int) -> list[int]:
    """Cuts around the signature and date after ``end``; only the page's furniture follows
    them, each word a piece of its own."""
    cuts: list[int] = []
    for closing in _CLOSING_IN_TEXT.finditer(text, end):
        cuts += [closing.start(), closing.start("date"), closing.end()]
    last = cuts[-1] if cuts else end
    if last != end:
        tail = list(_WORD.finditer(text[last:]))
        if all(compact(w[0]) in FURNITURE_KEYS or "此件" in w[0] for w in tail):
            cuts += [last + w.start() for w in tail]
    return cuts
