"""A body's report beside the year before's: every cell with its change, the checks across
the two years with their evidence, and the narrative section by section.

:func:`compare` takes two reports, the earlier first. On one template it lays every cell of
the template side by side; across the template change (a 2020 report and a 2021 one) only the
cells that mean the same on both (:data:`gkreport.template.CROSSWALK`), the others listed with
why they cannot be compared (:attr:`Comparison.uncompared`). A cell of the crosswalk that is a
sum of 2021 rows has a value only when every row has a number: a blank is not a zero.

The checks across years are the audit's (:func:`gkreport.audit.cross_year`): last year's
结转下年度继续办理 is this year's 上年结转, column by column, and on the 2021 template the
normative documents in force move by what was issued and repealed. They are made only for
consecutive years of one body; otherwise :attr:`Comparison.notes` says why not.

Each section's text is compared with last year's: the share of this year's text that repeats
last year's (:func:`gkreport.audit.repetition`), the repeated passages, and a diff of the two
texts, paragraph by paragraph and, where a paragraph was changed, character by character.

:func:`compare_series` compares every consecutive pair of each body's reports among many
(:func:`gkreport.bodies.by_body`).

>>> from pathlib import Path
>>> from gkreport import parse
>>> report = parse(Path("tests/data/002_1cb59e66f00bcffe.txt"))
>>> same = compare(report, report)
>>> len(same.cells), same.changed, same.notes
(198, (), ('2020 and 2020 are not consecutive years: the checks across years are not made',))
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, Generic, Literal, TypeVar

import attrs

from .audit import Check, Passage, _noted, cross_year, repetition
from .bodies import Bodies, BodyNote, by_body
from .diagnostics import Diagnostic, Readings
from .model import DERIVED, Appeals, CellStatus, ClauseItem, Report, RequestRow, Value
from .template import CROSSWALK, NOT_CROSSED, SECTIONS, TEMPLATES, Crossing, TemplateId, Uncrossed, template_for

__all__ = ["CellChange", "Comparison", "DiffPart", "Pair", "SectionChange", "Side", "compare", "compare_series",
           "crossed_value", "settle"]

_T = TypeVar("_T")

#: A paragraph changed by more than this many characters, old and new together, is shown
#: deleted and inserted whole: a character diff of long texts costs time and reads no better.
DIFF_CHARS: Final = 6000
#: Paragraphs changed are diffed character by character when at least this share of their
#: characters match (:meth:`difflib.SequenceMatcher.ratio`); else shown removed and added whole.
SIMILAR: Final = 0.6
#: The statuses of a cell without a number, the one that says most first: a sum with such a
#: part has its status.
_WITHOUT_NUMBER: Final[tuple[CellStatus, ...]] = ("lost", "ambiguous", "blank")


@attrs.frozen
class Side:
    """One of the two reports compared: its name (the file, or as given), body and year."""

    name: str
    organ: str | None
    year: int | None
    template: TemplateId | None
    #: The body's id (:meth:`gkreport.bodies.Bodies.id_of`).
    body: str | None = None


@attrs.frozen
class CellChange:
    """One cell in both years: its key, its two values and statuses, and how the key crosses
    the template change (``same`` on one template)."""

    key: str
    old: Value
    new: Value
    old_status: CellStatus
    new_status: CellStatus
    kind: Literal["same", "renamed", "sum"] = "same"

    @property
    def change(self) -> int | Decimal | None:
        """``new - old``, where both are numbers."""
        if self.old is None or self.new is None:
            return None
        return self.new - self.old

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status


@attrs.frozen
class DiffPart:
    """A run of text both years share (``equal``), or only last year's (``delete``) or only
    this year's (``insert``)."""

    tag: Literal["equal", "delete", "insert"]
    text: str


@attrs.frozen
class SectionChange:
    """One section's text in both years."""

    key: str
    old_characters: int
    new_characters: int
    #: The share of this year's characters (whitespace aside) that repeat last year's text.
    repeated: float
    #: This year's passages that stand in last year's text too.
    passages: tuple[Passage, ...]
    diff: tuple[DiffPart, ...]


@attrs.frozen
class Comparison:
    """Two reports compared: the earlier (``old``) and the later (``new``)."""

    old: Side
    new: Side
    cells: tuple[CellChange, ...]
    #: The cells of either template that the other has no counterpart for, with why.
    uncompared: tuple[Uncrossed, ...] = ()
    #: The checks across the two years (kinds ``carry-over`` and ``in-force``).
    checks: tuple[Check, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    #: What was not done and why (years not consecutive, other bodies, a check the
    #: template change rules out), and what last year's report settled.
    notes: tuple[str, ...] = ()
    #: The cells of ``new`` that its copy left ambiguous and ``old`` settled (:func:`settle`);
    #: the comparison is of the settled values.
    settled: tuple[str, ...] = ()

    @property
    def changed(self) -> tuple[CellChange, ...]:
        """The cells whose value differs between the two years."""
        return tuple(c for c in self.cells if c.old != c.new)

    @property
    def status_changes(self) -> tuple[CellChange, ...]:
        """The cells whose status differs (read one year, ambiguous the next…)."""
        return tuple(c for c in self.cells if c.status_changed)

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == "fail")


def compare(old: Report, new: Report, *, old_lines: Sequence[str] = (), new_lines: Sequence[str] = (),
            names: tuple[str, str] = ("", ""), bodies: Bodies | None = None,
            blank_as_zero: bool = False) -> Comparison:
    """``old`` (the earlier year's report) beside ``new``. ``old_lines`` and ``new_lines``
    are the source lines the checks' evidence quotes; ``names`` name the two (their files);
    ``bodies`` your ids (:class:`~gkreport.bodies.Bodies`); ``blank_as_zero`` takes blank
    cells as 0 in the checks (never in the cells' changes).

    >>> from pathlib import Path
    >>> from gkreport import parse
    >>> old = parse(Path("tests/data/000_cf9562a21e5519b3.txt"))
    >>> new = parse(Path("tests/data/001_e94c29de80bcac7c.txt"))
    >>> result = compare(old, new)
    >>> len(result.cells), len(result.uncompared)  # a 2019-template report and a 2021 one
    (181, 22)
    >>> change = next(c for c in result.cells if c.key == "requests.other_handling.total")
    >>> change.kind, change.old, change.new
    ('sum', 0, 0)
    """
    bodies = bodies or Bodies()
    sides = [Side(name, r.meta.organ, r.meta.year, r.meta.template, bodies.id_of(r.meta.organ))
             for name, r in zip(names, (old, new), strict=True)]
    notes = []
    checks: tuple[Check, ...] = ()
    consecutive = old.meta.year is not None and new.meta.year == old.meta.year + 1
    settled: tuple[str, ...] = ()
    if consecutive and sides[0].body is not None and sides[0].body == sides[1].body:
        # Last year as evidence: only the body's report of the year before tells this year's.
        told = settle(old, new, name=names[0])
        settled = tuple(k for k, s in told.statuses.items() if s == "settled" and new.statuses.get(k) != s)
        if settled:
            notes.append(f"{len(settled)} cells of {new.meta.year} that its copy left ambiguous are settled "
                         f"by {old.meta.year}'s report (cells-settled)")
        new = told
    cells, uncompared = _cells(old, new)
    if sides[0].body != sides[1].body:
        first, second = (side.body or "a body without a name" for side in sides)
        notes.append(f"the reports are of {first} and {second}: not one body (give both one id in a "
                     "mapping if they are)")
    backwards = old.meta.year is not None and new.meta.year is not None and old.meta.year > new.meta.year
    if backwards:
        notes.append(f"the first report is of {old.meta.year}, later than the second's {new.meta.year}: "
                     "give the earlier year's first; the checks across years are not made")
    elif not consecutive:
        notes.append(f"{old.meta.year or 'no year'} and {new.meta.year or 'no year'} are not consecutive "
                     "years: the checks across years are not made")
    else:
        checks = tuple(map(_noted, cross_year(old, new, old_lines, new_lines, blank_as_zero=blank_as_zero)))
        if (old.meta.template, new.meta.template) == ("2019", "2021"):
            notes.append("in-force is not checked across the template change: 2019's 对外公开总数量 "
                         "counts all published, not 现行有效件数")
    return Comparison(sides[0], sides[1], cells, uncompared, checks, _sections(old, new), tuple(notes),
                      settled)


def crossed_value(report: Report, crossing: Crossing) -> tuple[Value, CellStatus]:
    """The value and status of a cell of the crosswalk in ``report``: the sum of the cells
    it crosses to on the report's template, where each has a number; else None, with the
    status of a part without one.

    >>> from gkreport.model import Meta
    >>> split = next(c for c in CROSSWALK if c.key == "requests.other_handling.total")
    >>> crossed_value(Report(Meta(year=2021, template="2021")), split)
    (None, 'blank')
    """
    parts = crossing.new if _template(report) == "2021" else crossing.old
    infos = [report.cell(key) for key in parts]
    missing = [i.status for i in infos if i.value is None]
    if missing:
        return None, next(s for s in _WITHOUT_NUMBER if s in missing)
    derived = next((i.status for i in infos if i.status in DERIVED), "read")
    return sum(i.value for i in infos if i.value is not None), derived  # type: ignore[return-value]


def _cells(old: Report, new: Report) -> tuple[tuple[CellChange, ...], tuple[Uncrossed, ...]]:
    if _template(old) == _template(new):
        keys = TEMPLATES[_template(old)].cell_keys
        pairs = ((key, old.cell(key), new.cell(key)) for key in keys)
        return tuple(CellChange(key, a.value, b.value, a.status, b.status) for key, a, b in pairs), ()
    changes = []
    for crossing in CROSSWALK:
        (a, a_status), (b, b_status) = crossed_value(old, crossing), crossed_value(new, crossing)
        changes.append(CellChange(crossing.key, a, b, a_status, b_status, crossing.kind))
    return tuple(changes), NOT_CROSSED


def _template(report: Report) -> TemplateId:
    return report.meta.template or template_for(report.meta.year)


def _sections(old: Report, new: Report) -> tuple[SectionChange, ...]:
    changes = []
    for key in (s.key for s in SECTIONS):
        before, after = old.section(key), new.section(key)
        old_paragraphs = before.paragraphs if before is not None else ()
        new_paragraphs = after.paragraphs if after is not None else ()
        old_text, new_text = "\n".join(old_paragraphs), "\n".join(new_paragraphs)
        if not old_text.strip() and not new_text.strip():
            continue  # a section of tables alone, both years
        rate, passages = repetition(old_text, new_text)
        changes.append(SectionChange(key, _characters(old_text), _characters(new_text), rate, passages,
                                     _diff(old_paragraphs, new_paragraphs)))
    return tuple(changes)


def _characters(text: str) -> int:
    return len("".join(text.split()))


def _diff(old: Sequence[str], new: Sequence[str]) -> tuple[DiffPart, ...]:
    """The diff of two texts given as paragraphs, each ended by a line break: paragraphs
    kept, removed and added, and inside paragraphs changed, characters.

    >>> [(p.tag, p.text) for p in _diff(["本年度共受理申请5件。", "无。"], ["本年度共受理申请7件。", "无。"])]
    [('equal', '本年度共受理申请'), ('delete', '5'), ('insert', '7'), ('equal', '件。\\n无。\\n')]
    """
    old, new = [p + "\n" for p in old], [p + "\n" for p in new]
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old[i1:i2]), "".join(new[j1:j2])
        if tag == "equal":
            parts.append(DiffPart("equal", before))
        elif tag == "replace" and len(before) + len(after) <= DIFF_CHARS and _alike(before, after):
            parts += _characters_diff(before, after)
        else:
            parts += [DiffPart("delete", before)] if before else []
            parts += [DiffPart("insert", after)] if after else []
    return _merged(parts)


def _alike(old: str, new: str) -> bool:
    """Whether two runs of paragraphs are one text edited rather than two texts: a character
    diff of two texts is a scatter of shared characters that reads worse than either whole."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def _characters_diff(old: str, new: str) -> list[DiffPart]:
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("equal", old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(DiffPart("delete", old[i1:i2]))
        if j2 > j1:
            parts.append(DiffPart("insert", new[j1:j2]))
    return parts


def _merged(parts: Iterable[DiffPart]) -> tuple[DiffPart, ...]:
    """Runs of one tag joined (the line breaks between paragraphs split them)."""
    out: list[DiffPart] = []
    for part in parts:
        if out and out[-1].tag == part.tag:
            out[-1] = DiffPart(part.tag, out[-1].text + part.text)
        elif part.text:
            out.append(part)
    return tuple(out)


# -- last year as evidence --------------------------------------------------------------------

#: The items of the clause tables whose documents in force move by those issued and repealed.
_IN_FORCE_ITEMS: Final = ("rules", "normative_documents")


def settle(previous: Report, current: Report, *, name: str = "") -> Report:
    """``current`` with the cells that its copy left ambiguous and ``previous`` (the same
    body's report of the year before, named ``name``) tells: of the splits of a run of digits
    (a ``cells-ambiguous`` diagnostic's readings), those that agree with last year's
    结转下年度继续办理 (this year's 上年结转, column by column) and, both on the 2021 template,
    with last year's 现行有效件数 moved by this year's 制发 and 废止. Where they agree on a cell,
    it is ``settled``, and a ``cells-settled`` diagnostic names the other report and the
    splits that remain; nothing else changes. Call it only with the body's report of the year
    before: it is evidence, not a guess, only then.

    >>> from gkreport import parse
    >>> from pathlib import Path
    >>> report = parse(Path("tests/data/001_e94c29de80bcac7c.txt"))
    >>> settle(report, report) == report  # nothing ambiguous: nothing to settle
    True
    """
    settled_values: dict[str, Value] = {}
    found = []
    for said in current.diagnostics:
        readings = said.readings
        if said.code != "cells-ambiguous" or readings is None:
            continue
        tests = _last_year_tests(previous, current, readings.cells)
        kept = tuple(r for r in readings.values if all(test(dict(zip(readings.cells, r, strict=True)))
                                                      for _, test in tests))
        if not tests or not kept or len(kept) == len(readings.values):
            continue
        agreed = {key: values[0] for key, *values in zip(readings.cells, *kept, strict=True)
                  if len(set(values)) == 1 and current.cell(key).value is None}
        settled_values.update(agreed)
        other = name or f"the {previous.meta.year or '?'} report of {previous.meta.organ or 'the body'}"
        told = "; ".join(words for words, _ in tests)
        shown = " | ".join(" ".join("_" if v is None else str(v) for v in r) for r in kept)
        found.append(Diagnostic(
            "cells-settled", f"{said.cells[0] if said.cells else 'a row'}: of the {len(readings.values)} "
            f"splits, {len(kept)} {'agrees' if len(kept) == 1 else 'agree'} with {other} ({told}): {shown}; "
            f"{len(agreed)} cells settled", said.line, said.column, said.source, said.cells,
            Readings(readings.cells, kept)))
    if not found:
        return current
    return _with_values(attrs.evolve(current, diagnostics=(*current.diagnostics, *found)), settled_values)


_Reading = dict[str, Value]


def _last_year_tests(previous: Report, current: Report, cells: Sequence[str],
                     ) -> list[tuple[str, Callable[[_Reading], bool]]]:
    """What last year says of ``cells``: each test with the words for it."""
    tests: list[tuple[str, Callable[[_Reading], bool]]] = []
    for key in cells:
        if key.startswith("requests.carried_over."):
            column = key.rpartition(".")[2]
            last = previous.cell(f"requests.carried_forward.{column}").value
            if last is not None:
                tests.append((f"{previous.meta.year} carried_forward {column} {last}",
                              functools.partial(_carried_over, key, last)))
    if _template(previous) == _template(current) == "2021":
        for item in _IN_FORCE_ITEMS:
            keys = [f"proactive.{item}.{c}" for c in ("issued", "repealed", "in_force")]
            before = previous.cell(keys[2]).value
            if before is None or not set(keys) & set(cells):
                continue
            now = {k: current.cell(k).value for k in keys}
            tests.append((f"{previous.meta.year} {item} in force {before}",
                          functools.partial(_moved_by, before, keys, now)))
    return tests


def _carried_over(key: str, last: Value, reading: _Reading) -> bool:
    return reading[key] == last


def _moved_by(before: Value, keys: Sequence[str], now: Mapping[str, Value], reading: _Reading) -> bool:
    """Whether the documents in force moved from ``before`` by those issued and repealed
    (``keys``: issued, repealed, in force; each from the reading, else as the report has it);
    a reading without all of them a number is not ruled out."""
    issued, repealed, in_force = (reading[k] if k in reading else now[k] for k in keys)
    if before is None or issued is None or repealed is None or in_force is None:
        return True
    return before + issued - repealed == in_force


def _with_values(report: Report, values: Mapping[str, Value]) -> Report:
    """``report`` with the cells of ``values`` set to them, each ``settled``."""
    proactive = dict(report.proactive)
    requests = dict(report.requests)
    appeals = {key: report.appeals[key] for key in report.appeals}
    for key, value in values.items():
        table, _, rest = key.partition(".")
        row, _, column = rest.rpartition(".")
        if table == "proactive":
            item = proactive.get(row) or ClauseItem(row)
            proactive[row] = ClauseItem(row, {**item, column: value}, item.unit, item.line)
        else:  # counts: a reading of the matrix or the appeals is of ints
            count = {column: int(value) if value is not None else None}
            if table == "requests":
                requests[row] = attrs.evolve(requests.get(row) or RequestRow(), **count)  # type: ignore[arg-type]
            else:
                appeals[row] = attrs.evolve(appeals[row], **count)  # type: ignore[arg-type]
    settled: dict[str, CellStatus] = dict.fromkeys(values, "settled")
    statuses = {**report.statuses, **settled} if report.statuses else {}
    return attrs.evolve(report, proactive=proactive, requests=requests, appeals=Appeals(**appeals),
                        statuses=statuses)


@attrs.frozen
class Pair(Generic[_T]):
    """Two items of one body compared (``old`` the earlier year), and the comparison."""

    old: _T
    new: _T
    comparison: Comparison


def compare_series(items: Iterable[_T], report: Callable[[_T], Report],
                   name: Callable[[_T], str] = lambda item: "",
                   lines: Callable[[_T], Sequence[str]] = lambda item: (),
                   *, bodies: Bodies | None = None, blank_as_zero: bool = False,
                   ) -> tuple[list[Pair[_T]], list[BodyNote]]:
    """Every consecutive pair of each body's reports among ``items`` compared, bodies in
    the order they first appear and years in order; and the notes about the bodies
    (:func:`gkreport.bodies.by_body`). ``report``, ``name`` and ``lines`` get an item's
    report, name and source lines.

    >>> from gkreport.model import Meta
    >>> reports = [Report(Meta(organ=o, year=y, template="2019")) for o, y in
    ...            (("甲县", 2019), ("乙县", 2019), ("甲县", 2020))]
    >>> pairs, notes = compare_series(reports, lambda r: r)
    >>> [(p.old.meta.year, p.new.meta.year, p.comparison.new.body) for p in pairs]
    [(2019, 2020, '甲县')]
    """
    series, notes = by_body(items, report, bodies)
    pairs = []
    for one in series:
        for old, new in one.pairs():
            pairs.append(Pair(old, new, compare(report(old), report(new), old_lines=lines(old),
                                               new_lines=lines(new), names=(name(old), name(new)),
                                               bodies=bodies, blank_as_zero=blank_as_zero)))
    return pairs, notes

