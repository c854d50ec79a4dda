"""Runs of digits printed without separators, split into their cells by the template's arithmetic.

Crawlers and the "text version" buttons of government sites often flatten a report's tables
into lines with nothing between the cells::

    一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000…

``640020470`` is the seven cells 64 | 0 | 0 | 2 | 0 | 4 | 70. The tokenizer cuts such text
into labels and *runs* (:func:`parts`) and keeps each run as it stands; the model builder
hands every row whose cells came as runs to :func:`solve`, which splits them all together
(the identities are :mod:`gkreport._arithmetic`'s):

* a count is ``0`` or has no leading zero, and no sign or decimal point; 本年增/减 may carry
  a sign; money may have decimals;
* a matrix row's 总计 is the sum of its six applicant columns, an appeals group's 总计 the
  sum of its four results (checked while a row is split, which prunes that search);
* column by column the outcome rows sum to (七) 总计, and 新收 + 结转 = 总计 + 结转下年度
  (checked across the rows, pruned by the bounds the rows not yet chosen allow).

A cell is read only if it takes the same value in every split that keeps every identity;
otherwise it is None, and the diagnostic names the splits that remained. An identity with a
blank cell says nothing, as in :mod:`gkreport._validate`.

How a run is read:

* Spaces inside a run are not cell boundaries (``500000 5``, ``23 0 00 0 023``): they are
  dropped before splitting. Where they survive they stand where a cell ended, but not every
  boundary has one, and a space taken for a boundary where it is not would give a wrong
  number; a space ignored costs at most a cell left None. (A row that prints as many
  numbers as it has columns is read as it stands, as the ``run-together`` layout prints
  it; the model builder sends only rows with fewer here.)
* A sign before digits starts a cell (``2648-18538`` is 2648 | -18… | …); a dash that is not
  a sign (—, or a ``-`` before no digit) is a blank cell, and a run of k dashes is one to k
  blank cells (—— is one blank in Chinese typing, or two).
* A decimal point stays inside its cell; a number printed with thousands separators
  (``1,234``) is one cell.

The search is bounded: each row's splits and the joint search spend from one budget of
steps per table (:data:`BUDGET`), and a table that exhausts it keeps only the rows that
split one way alone, with a diagnostic saying the bound was reached.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Final, Literal, NamedTuple

import attrs

from ._arithmetic import Identity, Sum, row_sums
from ._labels import is_header
from ._patterns import DASHES
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    NUMERALS,
    PROACTIVE_LABELS,
    TEMPLATES,
)

__all__ = [
    "APPEAL_SUMS",
    "MATRIX_SUMS",
    "Part",
    "Row",
    "Run",
    "Split",
    "parts",
    "solve",
]

Kind = Literal["count", "signed", "money"]
Num = Decimal | None
#: A matrix row's own sum by position (总计 is the sum of the six applicant columns), as
#: :func:`gkreport._arithmetic.row_sums` gives it; every row of either template has the same.
MATRIX_SUMS: Final[tuple[Sum, ...]] = row_sums(
    TEMPLATES["2019"], tuple(("new_received", c.key) for c in APPLICANT_COLUMNS))
#: One appeals group's own sum by position: 总计 is the sum of its four results.
APPEAL_SUMS: Final[tuple[Sum, ...]] = row_sums(
    TEMPLATES["2019"], tuple((APPEAL_GROUPS[0][0], c.key) for c in APPEAL_COLUMNS))

#: Steps (cells tried, splits checked) one table's search may take. The generated reports
#: of the tests take at most about 4,000; input made to be hard stops here, after some
#: 0.2 s (see benchmarks/bench.py).
BUDGET: Final = 50_000
#: The most splits one row may keep before the joint search; more and the row is left None.
MAX_SPLITS: Final = 2_000
#: The most splits a diagnostic lists one by one; more are listed cell by cell.
LISTED: Final = 12

# -- cutting text into labels and runs ----------------------------------------------------

_NUMBER = r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?"
_DASH = rf"[{DASHES[:-1]}]+|-+(?!\d)"  # a hyphen before digits is a sign
_ATOM = re.compile(rf"(?P<number>{_NUMBER})|(?P<blank>{_DASH})")
_RUN = re.compile(rf"(?:{_NUMBER}|{_DASH})(?:\s*(?:{_NUMBER}|{_DASH}))*")
# A row's numbering (1. 2、 3)) after a run: its digit is the label's, not the run's.
_NUMBERING_AFTER = re.compile(r"\s*[.、)]\s*\D")
_DASHES: Final = frozenset(DASHES)
_LEADING_ZERO = re.compile(r"[+-]?0\d")
_BRACKET = re.compile(r"[()]")


class Part(NamedTuple):
    """A piece of glued text: a label or header (``run`` False), or a run of cells.

    (This and :class:`Chunk` are named tuples, not attrs classes: a glued table makes
    thousands, and a tuple is made, hashed and compared in C.)"""

    start: int
    text: str
    run: bool = False

    def atoms(self) -> Iterator[tuple[int, str, bool]]:
        """(offset, text, is_blank) of each number and dash of a run, as printed."""
        for m in _ATOM.finditer(self.text):
            yield self.start + m.start(), m.group(0), m.lastgroup == "blank"


def parts(text: str, is_label: Callable[[str], bool]) -> list[Part] | None:
    """Cut text whose numbers stand right against its labels into labels and runs.

    The first text must be a label (``is_label``), a table header, or a header and then a
    label (a whole table on one line starts with its header); else, or when no run stands
    in the text, None. Digits of a row's numbering (``2.其他…``) and digits in brackets
    (``保留4位小数``) belong to the text.

    >>> [(p.text, p.run) for p in parts("规章000规范性文件6619", lambda t: t in ("规章", "规范性文件"))]
    [('规章', False), ('000', True), ('规范性文件', False), ('6619', True)]
    >>> [p.text for p in parts("(三)不予公开1.属于国家秘密0000000", lambda t: True)]
    ['(三)不予公开1.属于国家秘密', '0000000']
    """
    inside = _bracketed(text)
    found: list[Part] = []
    at = 0
    for m in _RUN.finditer(text):
        start, end = m.span()
        if inside and any(a <= start < b for a, b in inside):
            continue
        last = list(_ATOM.finditer(text, start, end))[-1]
        if last.lastgroup == "number" and "." not in last.group(0) and _NUMBERING_AFTER.match(text, end):
            end = len(text[:end - 1].rstrip())  # the numbering's digit goes back to the label
        if end <= start:
            continue
        if text[at:start].strip():
            found.append(_text(text, at, start))
        found.append(Part(start, text[start:end], run=True))
        at = end
    if not any(p.run for p in found):
        return None
    if text[at:].strip():
        found.append(_text(text, at, len(text)))
    first = next((i for i, p in enumerate(found) if not p.run), None)
    if first is not None:
        head = _headed_label(found[first], is_label)
        if head is None:
            return None
        found[first:first + 1] = head
    return found


def _text(text: str, start: int, end: int) -> Part:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return Part(start + lead, piece.strip())


def _bracketed(text: str) -> list[tuple[int, int]]:
    """The spans of text inside closed brackets."""
    spans = []
    opened: list[int] = []
    for m in _BRACKET.finditer(text):  # the brackets alone: a whole table may stand on the line
        if m.group() == "(":
            opened.append(m.start())
        elif opened:
            spans.append((opened.pop(), m.start()))
    return spans


def _headed_label(part: Part, is_label: Callable[[str], bool]) -> list[Part] | None:
    text = part.text
    if is_label(text) or is_header(text):
        return [part]
    for i in range(1, len(text)):
        # Only where a label could start: its numbering, or the first character of one.
        if text[i] in _LABEL_STARTS and is_label(text[i:]) and is_header(text[:i]):
            return [Part(part.start, text[:i]), Part(part.start + i, text[i:])]
    return None


def _label_starts() -> frozenset[str]:
    labels = [*PROACTIVE_LABELS, *(label for _, label in APPEAL_GROUPS)]
    for template in TEMPLATES.values():
        labels += [row.label for row in template.requests] + [label for _, label in template.groups]
    return frozenset({label[0] for label in labels} | set("(0123456789") | set(NUMERALS))


_LABEL_STARTS: Final = _label_starts()


# -- a run as the solver reads it ---------------------------------------------------------


class Chunk(NamedTuple):
    """A stretch of a run between boundaries that are certain: digits to cut into cells
    (a sign first, decimal points inside), a number printed whole (1,234), or dashes."""

    text: str
    whole: bool = False
    #: For dashes: how many there are (one to that many blank cells).
    dashes: int = 0

    @property
    def room(self) -> int:
        """The most cells the chunk can hold."""
        if self.dashes:
            return self.dashes
        return 1 if self.whole else sum(ch.isdigit() for ch in self.text)


@attrs.frozen
class Run:
    """A row's cells as printed, run together."""

    text: str
    chunks: tuple[Chunk, ...]

    @classmethod
    def read(cls, cells: Sequence[tuple[str, bool, bool]]) -> Run:
        """The run of a row's printed cells, each (text, blank, joined), in order.

        A *joined* cell stood against its neighbours with at most spaces between, so its
        digits run on into theirs. A cell printed between separators (a tab, a pipe, a line)
        is one cell, unless its digits cannot be (a leading zero: ``000``).

        >>> Run.read([("2648", False, True), ("-18538", False, True)]).chunks
        (Chunk(text='2648', whole=False, dashes=0), Chunk(text='-18538', whole=False, dashes=0))
        >>> [c.text for c in Run.read([("500000", False, True), ("5", False, True)]).chunks]
        ['5000005']
        >>> [c.whole for c in Run.read([("12", False, False), ("000", False, False)]).chunks]
        [True, False]
        """
        chunks: list[Chunk] = []
        # What the last chunk is, if the next joined atom may continue it.
        tail: Literal["digits", "dashes"] | None = None
        shown = ""
        against = False  # the last cell was joined: a joined cell follows it directly
        for text, blank, joined in cells:
            shown += text if not shown or (joined and against) else " " + text
            against = joined
            if not joined:
                tail = None
            atoms = ([(text, True)] if blank else
                     [(m.group(0), m.lastgroup == "blank") for m in _ATOM.finditer(text)])
            for atom, dash in atoms:
                if dash:
                    # Dashes run together are one to that many blanks; any other mark is one.
                    soft = joined and bool(atom) and set(atom) <= _DASHES
                    width = len(atom) if soft else 1
                    if soft and tail == "dashes":
                        width += chunks.pop().dashes
                    chunks.append(Chunk("", dashes=width))
                    tail = "dashes" if soft else None
                    continue
                number = atom.replace(",", "")
                if number != atom or not (joined or _LEADING_ZERO.match(number)):
                    chunks.append(Chunk(number, whole=True))  # printed as one cell
                    tail = None
                    continue
                if tail == "digits" and number[0].isdigit():
                    chunks[-1] = Chunk(chunks[-1].text + number)
                else:
                    chunks.append(Chunk(number))
                tail = "digits" if joined else None
        return cls(shown, tuple(chunks))

    @property
    def capacity(self) -> int:
        """The most cells the run can hold."""
        return sum(chunk.room for chunk in self.chunks)


# -- the rows and identities of a table --------------------------------------------------


@attrs.frozen
class Row:
    """A row of a table: its cells as read (``values``), or a ``run`` still to split."""

    key: str
    kinds: tuple[Kind, ...]
    run: Run | None = None
    values: tuple[Num, ...] = ()
    sums: tuple[Sum, ...] = ()

    def __attrs_post_init__(self) -> None:
        for columns, total in self.sums:
            # Splitting goes right to left and prunes on partial sums of counts.
            if not all(c < total for c in columns) or any(self.kinds[c] != "count" for c in (*columns, total)):
                raise ValueError(f"{self.key}: a sum's total must be its last column, all counts")


How = Literal["alone", "arithmetic", "told", "ambiguous", "unsolved"]


@attrs.frozen
class Split:
    """What became of one row's run.

    ``how``: ``alone``, it splits one way whatever the arithmetic; ``arithmetic``, one way
    once the identities are kept; ``ambiguous``, several ways keep them (the cells they
    disagree on are None); ``unsolved``, none does, or the search reached its bound (``why``).
    """

    key: str
    run: Run
    values: tuple[Num, ...]
    how: How
    #: The splits that remained: that keep every identity, or for ``unsolved`` the row's own.
    candidates: tuple[tuple[Num, ...], ...] = ()
    why: str = ""

    def told(self, stated: Mapping[int, tuple[int, str]]) -> Split:
        """The split once the report's prose has told some of its cells (column -> figure and
        the words that state it): the splits that agree with every figure, if any do."""
        kept = tuple(cand for cand in self.candidates
                     if all(cand[c] == figure for c, (figure, _) in stated.items()))
        if not kept or len(kept) == len(self.candidates):
            return self
        values = tuple(cells[0] if len(set(cells)) == 1 else None for cells in zip(*kept, strict=True))
        words = "、".join(sorted({w for _, w in stated.values()}))
        how: How = "told" if len(kept) == 1 else "ambiguous"
        return attrs.evolve(self, values=values, how=how, candidates=kept, why=words)

    def undetermined(self) -> list[int]:
        """Columns left None although some candidate has a number there."""
        return [c for c, v in enumerate(self.values)
                if v is None and any(cand[c] is not None for cand in self.candidates)]

    def describe(self, label: str, columns: Sequence[str]) -> tuple[str, str] | None:
        """The diagnostic (code, message) this split owes, if any."""
        if self.how == "alone":
            return None
        if self.how == "arithmetic":
            return "cells-solved", (f"{label}: the run {self.run.text} split by the template's "
                                    f"arithmetic into {_shown(self.values)}")
        if self.how == "told":
            return "cells-solved", (f"{label}: the run {self.run.text} split as the report's own text "
                                    f"tells ({self.why}) into {_shown(self.values)}")
        listed = _listing(self.candidates, columns)
        if self.how == "ambiguous":
            left = ", ".join(columns[c] for c in self.undetermined())
            told = f", those the report's own text leaves ({self.why})" if self.why else ""
            return "cells-ambiguous", (f"{label}: the run {self.run.text} splits {len(self.candidates)} "
                                       f"ways the template allows{told} ({listed}); {left} left None")
        own = f"its own splits: {listed}" if self.candidates else "no split of its own"
        return "cells-unsolved", (f"{label}: the run {self.run.text} was not split: {self.why} "
                                  f"({own}); left None")


def _shown(values: Sequence[Num]) -> str:
    return " ".join("_" if v is None else str(v) for v in values)


def _listing(candidates: Sequence[tuple[Num, ...]], columns: Sequence[str]) -> str:
    if len(candidates) <= LISTED:
        return " | ".join(_shown(c) for c in candidates)
    # Too many to list whole: each cell's values, so every number that could be there is named.
    cells = []
    for c, column in enumerate(columns):
        values = sorted({v for cand in candidates if (v := cand[c]) is not None})
        if len({cand[c] for cand in candidates}) > 1:
            cells.append(f"{column} one of {', '.join(str(v) for v in values)}")
    return f"{len(candidates)} splits; " + "; ".join(cells)


# -- splitting one row ------------------------------------------------------------------------

_CELL: Final[dict[Kind, re.Pattern[str]]] = {
    "count": re.compile(r"0|[1-9]\d*"),
    "signed": re.compile(r"[+-]?(?:0|[1-9]\d*)"),
    "money": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
}


class _OutOfSteps(Exception):
    pass


class _Enough(Exception):
    pass


class _Budget:
    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self, steps: int = 1) -> None:
        self.left -= steps
        if self.left < 0:
            raise _OutOfSteps


def _splits(run: Run, kinds: tuple[Kind, ...], sums: tuple[Sum, ...], budget: _Budget,
            limit: int) -> list[tuple[Num, ...]]:
    """Every split of ``run`` into cells of ``kinds`` that keeps ``sums`` (a sum with a blank
    cell is not checked), up to ``limit`` of them.

    Cells are placed right to left, so a sum's total is placed before its parts, and a part
    that would take the parts past the total ends the search along that way.
    """
    search = _Search(run, kinds, sums, budget, limit)
    if run.chunks:
        last = run.chunks[-1]
        with contextlib.suppress(_Enough):
            search.place(len(kinds) - 1, len(run.chunks) - 1, len(last.text) if not last.dashes else 0)
    return search.found


class _Search:
    """The depth-first search of :func:`_splits`: what is placed so far, and the bounds that
    cut it short."""

    def __init__(self, run: Run, kinds: tuple[Kind, ...], sums: tuple[Sum, ...], budget: _Budget,
                 limit: int) -> None:
        self.chunks = chunks = run.chunks
        self.kinds = kinds
        self.budget = budget
        self.limit = limit
        # The most cells, and the dashes, before each chunk.
        self.room_before = [0]
        self.dashes_before = [0]
        for chunk in chunks:
            self.room_before.append(self.room_before[-1] + chunk.room)
            self.dashes_before.append(self.dashes_before[-1] + bool(chunk.dashes))
        self.digits_before = [[0] * (len(c.text) + 1) for c in chunks]
        for i, chunk in enumerate(chunks):
            for j, ch in enumerate(chunk.text):
                self.digits_before[i][j + 1] = self.digits_before[i][j] + ch.isdigit()
        # Each part's sum: its index in ``sums``, whether it is the sum's leftmost part, and
        # whether the sum's parts are all the columns left of its total (see ``fits``).
        self.group_of = {p: (g, p == min(parts), parts == tuple(range(total)))
                         for g, (parts, total) in enumerate(sums) for p in parts}
        self.total_of = {total: g for g, (_, total) in enumerate(sums)}
        self.whole_left = {total for parts, total in sums if parts == tuple(range(total))}
        # Per sum: what its parts still need (None once a blank silences it), as placed so far.
        self.needed: list[Decimal | int | None] = [None] * len(sums)
        self.cells: list[Decimal | int | None] = [None] * len(kinds)
        self.found: list[tuple[Num, ...]] = []
        # The leftmost digits, once they are all a sum's parts still to place, must split into
        # cells adding up to what the sum still needs: at least their digit sum, at most their
        # number (12 as 1 | 2 adds up to 3, as 12 to 12).
        first = chunks[0].text if chunks and not chunks[0].dashes and not chunks[0].whole else ""
        self.digit_sum = [0]
        self.number = [0]
        if first.isdigit():
            for ch in first:
                self.digit_sum.append(self.digit_sum[-1] + int(ch))
                self.number.append(self.number[-1] * 10 + int(ch))

    def place(self, col: int, ci: int, end: int) -> None:
        """Place the cells from column ``col`` leftwards, from chunk ``ci``'s text before
        ``end``."""
        budget = self.budget
        budget.left -= 1
        if budget.left < 0:
            raise _OutOfSteps
        if col < 0:
            if ci < 0:
                self.found.append(tuple(v if v is None or isinstance(v, Decimal) else Decimal(v)
                                        for v in self.cells))
                if len(self.found) >= self.limit:
                    raise _Enough
            return
        if ci < 0:
            return
        chunk = self.chunks[ci]
        most = self.room_before[ci] + (chunk.room if chunk.dashes or chunk.whole
                                       else self.digits_before[ci][end])
        if not ci + 1 <= col + 1 <= most:
            return
        after = len(self.chunks[ci - 1].text) if ci else 0
        if chunk.dashes:
            self._blanks(col, ci, chunk.dashes, after)
        else:
            self._number(col, ci, end, after)

    def _blanks(self, col: int, ci: int, dashes: int, after: int) -> None:
        """Chunk ``ci`` is dashes: one to ``dashes`` blank cells, each silencing its sums."""
        needed, cells = self.needed, self.cells
        for width in range(1, min(dashes, col + 1 - ci) + 1):
            silenced = [g for c in range(col, col - width, -1)
                        for g in ((self.total_of[c],) if c in self.total_of else ()) + (
                            (self.group_of[c][0],) if c in self.group_of else ())]
            saved = [needed[g] for g in silenced]
            for g in silenced:
                needed[g] = None  # a blank: the sum says nothing
            for c in range(col, col - width, -1):
                cells[c] = None
            self.place(col - width, ci - 1, after)
            for g, was in zip(silenced, saved, strict=True):
                needed[g] = was

    def _number(self, col: int, ci: int, end: int, after: int) -> None:
        """Column ``col``'s cell is the digits of chunk ``ci`` from some start to ``end``."""
        kind = self.kinds[col]
        pattern = _CELL[kind]
        total = self.total_of.get(col)
        part = self.group_of.get(col)
        chunk = self.chunks[ci]
        text = chunk.text
        needed, cells, number, digit_sum = self.needed, self.cells, self.number, self.digit_sum
        for start in ((0,) if chunk.whole else range(end - 1, -1, -1)):
            piece = text if chunk.whole else text[start:end]
            if start and text[start - 1] in ".+-":
                continue  # the text left would end in a decimal point or a sign
            if not pattern.fullmatch(piece):
                continue
            value: Decimal | int = Decimal(piece) if kind == "money" else int(piece)
            cells[col] = value
            if total is not None:
                needed[total] = value
                if ci == 0 and col in self.whole_left and len(number) > start:
                    # Its parts are all the digits left of it: they add up to no more than
                    # their number (and the total only grows from here), no less than their
                    # digit sum.
                    if value > number[start]:
                        break
                    if value < digit_sum[start]:
                        continue
            wanted = needed[part[0]] if part is not None else None
            if part is not None and wanted is not None:
                g, leftmost, leftmost_all = part
                rest = wanted - value
                if rest < 0 and self.dashes_before[ci] == 0:
                    break  # past the total, and more digits only make the part larger
                if leftmost and rest != 0:
                    continue
                if start and ci == 0 and leftmost_all and len(number) > start and not (
                        digit_sum[start] <= rest <= number[start]):
                    continue
                needed[g] = rest
                self.place(col - 1, ci if start else ci - 1, start if start else after)
                needed[g] = wanted
            else:
                self.place(col - 1, ci if start else ci - 1, start if start else after)
        cells[col] = None


# -- solving a table ----------------------------------------------------------------------


def solve(rows: Sequence[Row], identities: Sequence[Identity] = (), *, columns: Sequence[str] = (),
          budget: int = BUDGET) -> dict[str, Split]:
    """Split the runs of ``rows`` so that every identity holds; a :class:`Split` per run.

    ``identities`` tie the rows together (see :func:`gkreport._arithmetic.between_rows`); a
    row's own sums are its :attr:`Row.sums`. ``columns`` names the rows' columns in order, as
    the identities name them. Rows without a run are read as they are (a None cell silences
    the identities it is in).

    >>> counts = ("count",) * 7
    >>> split = solve([Row("new_received", counts, Run.read([("640020470", False, True)]),
    ...                    sums=MATRIX_SUMS)])["new_received"]
    >>> split.how, [str(v) for v in split.values]
    ('arithmetic', ['64', '0', '0', '2', '0', '4', '70'])
    """
    steps = _Budget(budget)
    fixed = {row.key: row.values for row in rows if row.run is None}
    glued = [row for row in rows if row.run is not None]
    out: dict[str, Split] = {}
    alone: dict[str, tuple[Num, ...] | None] = {}
    candidates: dict[str, list[tuple[Num, ...]]] = {}
    # Rows printed alike split alike (a table is mostly rows of zeros): each is split once.
    seen: dict[tuple[tuple[Chunk, ...], tuple[Kind, ...], tuple[Sum, ...]],
               tuple[tuple[Num, ...] | None, list[tuple[Num, ...]]]] = {}
    try:
        for row in glued:
            assert row.run is not None
            shape = (row.run.chunks, row.kinds, row.sums)
            if shape not in seen:
                found = _splits(row.run, row.kinds, row.sums, steps, limit=MAX_SPLITS + 1)
                if not row.sums or (row.run.capacity == len(row.kinds) and len(found) == 1):
                    # Nothing but the columns to keep, or room for no other split (a cell a
                    # digit, a blank a dash): the splits found are all there are.
                    one = found
                else:
                    one = _splits(row.run, row.kinds, (), steps, limit=2)
                seen[shape] = (one[0] if len(one) == 1 else None, found)
            alone[row.key], candidates[row.key] = seen[shape]
    except _OutOfSteps:
        return _gave_up(glued, alone, "the search reached its bound of steps")
    live = []
    for row in glued:
        assert row.run is not None
        found = candidates[row.key]
        if len(found) > MAX_SPLITS:
            out[row.key] = _unsolved(row, alone.get(row.key), (), f"it splits more than {MAX_SPLITS} ways")
        else:
            live.append(row)
    for component, terms in _components(live, identities, columns, fixed, dropped=set(out)):
        try:
            kept = _Joint(component, terms, candidates, steps).kept()
        except _OutOfSteps:
            out.update(_gave_up(component, alone, "the search reached its bound of steps"))
            continue
        for row in component:
            assert row.run is not None
            if kept is None:
                reason = ("no split keeps every identity of the table" if terms
                          else "no split keeps the row's total" if row.sums
                          else "no split fits the row's columns")
                out[row.key] = _unsolved(row, alone[row.key], candidates[row.key], reason)
                continue
            remained = kept[row.key]
            values = tuple(v if all(c[i] == v for c in remained) else None
                           for i, v in enumerate(remained[0]))
            how: How = ("ambiguous" if len(remained) > 1 else
                        "alone" if alone[row.key] is not None else "arithmetic")
            out[row.key] = Split(row.key, row.run, values, how, tuple(sorted(remained, key=_reading)))
    return out


def _reading(cells: tuple[Num, ...]) -> tuple[int, ...]:
    """Splits in the order one reads them: the shorter first cell first, and so on."""
    return tuple(len(str(v)) if v is not None else 0 for v in cells)


def _unsolved(row: Row, alone: tuple[Num, ...] | None, own: Sequence[tuple[Num, ...]], why: str) -> Split:
    assert row.run is not None
    if alone is not None:
        # One split whatever the arithmetic: its cells stand even where the table does not add up.
        return Split(row.key, row.run, alone, "alone", (alone,))
    return Split(row.key, row.run, (None,) * len(row.kinds), "unsolved", tuple(sorted(own, key=_reading)), why)


def _gave_up(rows: Sequence[Row], alone: dict[str, tuple[Num, ...] | None], why: str) -> dict[str, Split]:
    return {row.key: _unsolved(row, alone.get(row.key), (), why) for row in rows}


#: An identity over the runs: (row, column, +1 or -1) terms, and the sum of its read cells.
_Terms = tuple[tuple[tuple[str, int, int], ...], Decimal]


#: An identity's cells as (row, column position, +1 on the left or -1 on the right).
_Signed = tuple[tuple[str, int, int], ...]


@functools.cache
def _signed(identities: tuple[Identity, ...], columns: tuple[str, ...]) -> tuple[_Signed, ...]:
    """The identities' cells by position, once per table (the solver runs per glued table)."""
    position = {column: c for c, column in enumerate(columns)}
    return tuple(tuple((key, position[column], sign) for sign, side in ((1, i.left), (-1, i.right))
                       for key, column in side) for i in identities)


def _components(rows: Sequence[Row], identities: Sequence[Identity], columns: Sequence[str],
                fixed: dict[str, tuple[Num, ...]],
                dropped: set[str]) -> Iterator[tuple[list[Row], list[_Terms]]]:
    """The rows tied together by identities that can still say something, with those identities."""
    keys = {row.key for row in rows}
    live: list[_Terms] = []
    for cells in _signed(tuple(identities), tuple(columns)):
        terms: list[tuple[str, int, int]] = []
        constant = Decimal(0)
        for key, c, sign in cells:
            if key in keys:
                terms.append((key, c, sign))
                continue
            value = fixed.get(key, ())[c:c + 1] if key not in dropped else ()
            if not value or value[0] is None:
                break  # a blank or unknown cell: the identity says nothing
            constant += sign * value[0]
        else:
            if terms:
                live.append((tuple(terms), constant))
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for linked, _ in live:
        first = root(linked[0][0])
        for key, _, _ in linked[1:]:
            parent[root(key)] = first
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(root(row.key), []).append(row)
    for members in groups.values():
        inside = {row.key for row in members}
        yield members, [t for t in live if t[0][0][0] in inside]


class _Joint:
    """The search for splits of several rows that keep the identities between them."""

    def __init__(self, rows: list[Row], terms: list[_Terms],
                 candidates: dict[str, list[tuple[Num, ...]]], budget: _Budget) -> None:
        self.keys = [row.key for row in rows]
        self.options = {key: candidates[key] for key in self.keys}
        self.terms = terms
        self.budget = budget
        self.touching: dict[str, list[_Terms]] = {key: [] for key in self.keys}
        for t in terms:
            for key in {k for k, _, _ in t[0]}:
                self.touching[key].append(t)
        self._bounds: dict[tuple[str, int], tuple[Decimal, Decimal] | None] = {}
        self.chosen: dict[str, tuple[Num, ...]] = {}
        self.forced: dict[str, tuple[Num, ...]] = {}

    def bound(self, key: str, c: int) -> tuple[Decimal, Decimal] | None:
        """What row ``key`` can put in column ``c``: the least and the most over its splits,
        or None where some split leaves the cell blank (the identity may yet fall silent)."""
        if (key, c) not in self._bounds:
            values = [v for o in self.options[key] if (v := o[c]) is not None]
            self._bounds[key, c] = ((min(values), max(values))
                                    if values and len(values) == len(self.options[key]) else None)
        return self._bounds[key, c]

    def narrow(self) -> bool:
        """Drop each split that no splits of the other rows could fit into some identity
        (each row's cells taken between their least and most), until none is dropped.
        False when a row has no split left."""
        changed = True
        while changed:
            changed = False
            for terms, constant in self.terms:
                bounds = [self.bound(key, c) for key, c, _ in terms]
                silent = [i for i, b in enumerate(bounds) if b is None]
                if len(silent) > 1:
                    continue  # two cells may be blank: nothing the others must fit
                low = high = constant
                for (_, _, sign), b in zip(terms, bounds, strict=True):
                    if b is not None:
                        low += min(sign * b[0], sign * b[1])
                        high += max(sign * b[0], sign * b[1])
                for i, ((key, c, sign), b) in enumerate(zip(terms, bounds, strict=True)):
                    if (silent and silent[0] != i) or len(self.options[key]) == 1:
                        continue  # a row with one split is checked once the others are chosen
                    # The identity's range without this row's cell, then each split's cell in it.
                    rest_low = low - (min(sign * b[0], sign * b[1]) if b else 0)
                    rest_high = high - (max(sign * b[0], sign * b[1]) if b else 0)
                    options = self.options[key]
                    self.budget.spend(len(options))
                    kept = [o for o in options
                            if (v := o[c]) is None or rest_low + sign * v <= 0 <= rest_high + sign * v]
                    if len(kept) < len(options):
                        if not kept:
                            return False
                        self.options[key] = kept
                        for k in [k for k in self._bounds if k[0] == key]:
                            del self._bounds[k]
                        changed = True
                        break  # the bounds changed: start the identity again
        return True

    def _fold(self) -> None:
        """Take the rows left with one split out of the search: their cells become the
        identities' constants (a blank among them silences the identity)."""
        forced = {key: options[0] for key, options in self.options.items() if len(options) == 1}
        terms = []
        for cells, constant in self.terms:
            open_ = []
            for key, c, sign in cells:
                if key not in forced:
                    open_.append((key, c, sign))
                    continue
                value = forced[key][c]
                if value is None:
                    break
                constant += sign * value
            else:
                terms.append((tuple(open_), constant))
        self.terms = terms
        self.keys = [key for key in self.keys if key not in forced]
        self.forced = forced
        self.touching = {key: [t for t in terms if any(k == key for k, _, _ in t[0])] for key in self.keys}

    def _holds(self, t: _Terms) -> bool:
        terms, constant = t
        total = constant
        low = high = Decimal(0)
        open_ = False
        bounded = True
        for key, c, sign in terms:
            row = self.chosen.get(key)
            if row is not None:
                value = row[c]
                if value is None:
                    return True  # a blank: the identity says nothing
                total += sign * value
                continue
            open_ = True
            bound = self.bound(key, c)
            if bound is None:
                bounded = False
            elif bounded:
                a, b = sign * bound[0], sign * bound[1]
                low += min(a, b)
                high += max(a, b)
        if not open_:
            return total == 0
        return not bounded or total + low <= 0 <= total + high

    def _first(self, pin: tuple[str, int] | None) -> dict[str, int] | None:
        """One choice of a split per row that keeps every identity (``pin`` fixes one)."""
        order = sorted(self.keys, key=lambda k: (pin is None or k != pin[0], len(self.options[k])))
        picks: dict[str, int] = {}

        def choose(k: int) -> bool:
            if k == len(order):
                return True
            key = order[k]
            options = self.options[key]
            for i in ([pin[1]] if pin is not None and key == pin[0] else range(len(options))):
                self.budget.spend(len(self.touching[key]))
                self.chosen[key] = options[i]
                if all(self._holds(t) for t in self.touching[key]) and choose(k + 1):
                    picks[key] = i
                    return True
            self.chosen.pop(key, None)
            return False

        self.chosen = {}
        return picks if choose(0) else None

    def kept(self) -> dict[str, list[tuple[Num, ...]]] | None:
        """Each row's splits that are part of some choice keeping every identity; None if
        there is no such choice. Each split is tried once: a choice found for one split
        witnesses every split it uses, so the search runs once per split at most."""
        if not self.narrow():
            return None
        self._fold()
        if any(not cells and constant != 0 for cells, constant in self.terms):
            return None  # the rows with one split break an identity by themselves
        first = self._first(None)
        if first is None:
            return None
        seen = {key: {i} for key, i in first.items()}
        for key in self.keys:
            for i in range(len(self.options[key])):
                if i in seen[key]:
                    continue
                found = self._first((key, i))
                if found is not None:
                    for k, j in found.items():
                        seen[k].add(j)
        kept = {key: [self.options[key][i] for i in sorted(seen[key])] for key in self.keys}
        return {**{key: [split] for key, split in self.forced.items()}, **kept}
