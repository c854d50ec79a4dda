"""Matching the labels real copies print to the keys of the template.

A label is compared in its :func:`~gkreport._normalise.label_key` form, without its
numbering ((一), 1., 三、). Exact labels win; then a label glued to the group label
before it; then a unique prefix (the first half of a label split over lines); then the
nearest label within a small edit distance (a typo). The matcher says which of these it
used, so the tokenizer can report every repair.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import Literal

import attrs

from ._normalise import compact, label_key
from ._patterns import NUMBERING
from .template import APPEAL_GROUPS, HEADER_WORDS, PROACTIVE_LABELS, TEMPLATES, TemplateId

__all__ = ["LabelMatch", "Matcher", "edit_distance", "is_header", "matcher", "strip_numbering"]

How = Literal["exact", "prefix", "fuzzy"]
Kind = Literal["row", "group", "item", "appeal_group"]

_PARENTHETICAL = re.compile(r"\([^()]*\)?$")


def strip_numbering(key: str) -> tuple[str, bool]:
    """Remove every leading numbering mark; say whether there was one.

    >>> strip_numbering("三、本年度办理结果(一)予以公开")
    ('本年度办理结果(一)予以公开', True)
    >>> strip_numbering("(七)总计")
    ('总计', True)
    """
    numbered = False
    while True:
        m = NUMBERING.match(key)
        if not m:
            return key, numbered
        key, numbered = key[m.end():], True


@attrs.frozen
class LabelMatch:
    key: str
    kind: Kind
    how: How
    label: str  # the template's wording
    #: What of the label may still come on a later line: the rest of a label split after
    #: its first part (a prefix match), or of a parenthetical left off (an exact one).
    rest: str = ""
    #: The key of a group label read before the label in the same cell ((三)不予公开
    #: 1.属于国家秘密), which may not be the label's own group.
    glued_to: str | None = None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed limit.

    >>> edit_distance("保护第三方法合法权益", "保护第三方合法权益", 2)
    1
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class Matcher:
    """Label index of one table of one template."""

    def __init__(self, entries: list[tuple[str, str, Kind, bool]]) -> None:
        # entries: (label, key, kind, needs_number)
        self._exact: dict[str, tuple[str, Kind, bool, str]] = {}
        for label, key, kind, needs_number in entries:
            k = label_key(label)
            self._exact.setdefault(k, (key, kind, needs_number, k))
            short = _PARENTHETICAL.sub("", k)
            if short and short != k:
                self._exact.setdefault(short, (key, kind, needs_number, k))
        self._groups = [k for k, (_, kind, _, _) in self._exact.items() if kind == "group"]
        self._characters = {k: frozenset(k) for k in self._exact}
        self._sorted = sorted(self._exact)
        self._seen: dict[tuple[str, str | None, bool], LabelMatch | None] = {}

    def match(self, text: str, *, group: str | None = None, fuzzy: bool = True) -> LabelMatch | None:
        """Match normalised cell text; ``fuzzy=False`` stops before guessing at typos."""
        memo = (text, group, fuzzy)
        if memo in self._seen:
            return self._seen[memo]
        if len(self._seen) > 20_000:  # cell texts repeat; a huge odd input must not grow this
            self._seen.clear()
        found = self._seen[memo] = self._match(text, group, fuzzy)
        return found

    def _match(self, text: str, group: str | None, fuzzy: bool) -> LabelMatch | None:
        key, numbered = strip_numbering(compact(text))
        if not key:
            return None
        # (text, numbered, group) to look up, and the group label glued before the text.
        readings: list[tuple[tuple[str, bool, str | None], str | None]] = [((key, numbered, group), None)]
        # A group label glued before its first row: (三)不予公开1.属于国家秘密.
        for g in self._groups:
            if key.startswith(g) and len(key) > len(g):
                rest, numbered_rest = strip_numbering(key[len(g):])
                glued = self._exact[g][0]
                readings.append(((rest, numbered_rest, glued), glued))
        # Every step takes a reading whole, though a prefix needs no numbering or group.
        steps = (self._lookup, self._prefix, self._fuzzy) if fuzzy else (self._lookup, self._prefix)
        for step in steps:
            for reading, glued_to in readings:
                found = step(*reading)
                if found:
                    return attrs.evolve(found, glued_to=glued_to) if glued_to else found
        return None

    def _lookup(self, key: str, numbered: bool, group: str | None) -> LabelMatch | None:
        hit = self._exact.get(key) or self._exact.get(_PARENTHETICAL.sub("", key))
        if hit is None:
            return None
        found_key, kind, needs_number, label = hit
        if needs_number and not numbered:
            return None
        # 3.其他 under (六)其他处理 is a row only inside that group.
        if needs_number and "." in found_key and found_key.split(".")[0] != group:
            return None
        # A parenthetical missing or cut short may be wrapped onto the next line: it is what
        # may still come, not what must ((二)部分公开(区分处理的,只计 / 这一情形,…)).
        rest = label[len(key):] if label.startswith(key) else ""
        return LabelMatch(found_key, kind, "exact", label, rest=rest)

    def _prefix(self, key: str, numbered: bool, group: str | None) -> LabelMatch | None:
        if len(key) < 4:
            return None
        hits = set()
        # The labels that start with key, and are longer, follow it in sorted order.
        for k in itertools.takewhile(lambda k: k.startswith(key),
                                     self._sorted[bisect.bisect_right(self._sorted, key):]):
            found_key, kind, needs_number, _ = self._exact[k]
            if not needs_number:
                hits.add((k, found_key, kind))
        if len({h[1] for h in hits}) != 1:
            return None
        label, found_key, kind = min(hits)
        return LabelMatch(found_key, kind, "prefix", label, rest=label[len(key):])

    def _fuzzy(self, key: str, numbered: bool, group: str | None) -> LabelMatch | None:
        if len(key) < 4:
            return None
        limit = 1 if len(key) < 10 else 2
        characters = frozenset(key)
        best: list[tuple[int, str]] = []
        for label, (_, _, needs_number, _) in self._exact.items():
            if needs_number and not numbered:
                continue
            # Each edit changes the length by one at most and takes at most one of the label's
            # characters away: cheap bounds first.
            if abs(len(label) - len(key)) > limit or len(self._characters[label] - characters) > limit:
                continue
            d = edit_distance(key, label, limit)
            if d <= limit:
                best.append((d, label))
        if not best:
            return None
        best.sort()
        if len(best) > 1 and best[0][0] == best[1][0] and (
            self._exact[best[0][1]][0] != self._exact[best[1][1]][0]
        ):
            return None  # two labels equally near: do not guess
        found_key, kind, _, label = self._exact[best[0][1]]
        return LabelMatch(found_key, kind, "fuzzy", label)


@functools.cache
def matcher(table: str, template: TemplateId) -> Matcher:
    """The label matcher of ``table`` ("requests", "proactive" or "appeals")."""
    entries: list[tuple[str, str, Kind, bool]] = []
    if table == "requests":
        t = TEMPLATES[template]
        entries += [(row.label, row.key, "row", row.needs_number) for row in t.requests]
        entries += [(label, key, "group", False) for key, label in t.groups]
    elif table == "proactive":
        entries += [(label, key, "item", False) for label, key in PROACTIVE_LABELS.items()]
    elif table == "appeals":
        entries += [(label, key, "appeal_group", False) for key, label in APPEAL_GROUPS]
    else:
        raise ValueError(table)
    return Matcher(entries)


_HEADER_KEYS = sorted({label_key(w) for w in HEADER_WORDS}, key=len, reverse=True)
_ANY_PARENTHETICAL = re.compile(r"\([^()]*\)")


@functools.lru_cache(maxsize=4096)
def is_header(text: str) -> bool:
    """True if ``text`` is made only of table-header words (whole or wrapped fragments).

    >>> is_header("采购总金额(单位:万元,保留4位小数)"), is_header("规章")
    (True, False)
    """
    key, numbered = strip_numbering(compact(text))
    key = _ANY_PARENTHETICAL.sub("", key)
    if not key:
        return bool(text.strip())
    if numbered:
        return False  # no header cell is numbered; 一、本年新 is a row label cut short
    pos = 0
    while pos < len(key):
        for word in _HEADER_KEYS:
            if key.startswith(word, pos):
                pos += len(word)
                break
        else:
            return False
    return True
