"""The audit: every check a report's own numbers allow, each with the cells it rests on.

Three kinds of check, all reported as :class:`Check` records with a status of their own:

* **identities** of the template (勾稽关系), the ones :mod:`gkreport._validate` reports as
  diagnostics, here with every cell as evidence: ``sum-row``, ``balance``,
  ``sum-outcomes``, ``sum-appeals`` (the codes of :data:`gkreport.diagnostics.CODES`);
* **narrative claims**: figures the prose states (共受理政府信息公开申请25件) that name one
  table cell (:data:`CLAIM_PATTERNS`), compared with that cell: ``narrative``;
* **across years**, for reports of one body in consecutive years: ``carry-over``
  (上年结转 of year Y is 结转下年度继续办理 of Y-1, column by column) and, on the 2021
  template, ``in-force`` (现行有效件数 moves by 制发 - 废止); and a measure of how much of
  each section repeats last year's text (:class:`Repetition`, see :func:`repetition`).

A check whose cells include one without a number is ``cannot-check``, never ``pass``, and
its message names those cells by their status (:data:`~gkreport.model.CellStatus`):
``lost`` (the copy holds no number), ``ambiguous`` (several readings hold) or ``blank``
(printed empty): a blank cell is not a zero. (Validate, which runs inside every parse and
must stay fast, checks the same identities without evidence and passes over a wholly blank
row in silence; the tests hold the two to the same failures.) A report's status is ``fail``
if a check of severity warning or error fails, else ``cannot-check`` if any check could not
be made, else ``pass``; a file that gives no report to check (missing, too large, not a
report) is an ``error``.

Where a report's blanks are zeros in all but print, ``blank_as_zero`` (``gkreport check
--blank-as-zero``) takes every ``blank`` cell as 0 in the identities and the checks across
years; a ``lost`` or ``ambiguous`` cell still stops a check, and a narrative claim is still
not checked against a blank (a claim of 0 against a blank is no evidence). The assumption is
the check's, not the data's: its evidence keeps the value None, and a check that made it
names the cells in :attr:`Check.assumed` and its note.

>>> from pathlib import Path
>>> from gkreport import parse
>>> result = audit(parse(Path("tests/data/002_1cb59e66f00bcffe.txt")))
>>> result.status, len(result.checks), result.claims_checked
('pass', 40, 0)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Final, Literal

import attrs

from . import _arithmetic as arithmetic
from ._arithmetic import Identity, Verdict
from ._decode import read
from ._narrative import CLAIM_PATTERNS, ClaimPattern, plain, stated_figures
from .batch import DEFAULT_MAX_BYTES, Outcome, expand, parse_file_all, parse_files, read_outcomes
from .bodies import Bodies
from .diagnostics import Severity
from .errors import GkreportError
from .extract import extract, sniff
from .model import DERIVED, CellStatus, Report, Value
from .template import APPLICANT_COLUMNS, TEMPLATES, TemplateId, template_for

__all__ = [
    "CLAIM_PATTERNS",
    "KINDS",
    "REPEAT_SHINGLE",
    "Audit",
    "Cell",
    "Check",
    "ClaimPattern",
    "Passage",
    "Read",
    "Repetition",
    "Status",
    "audit",
    "audit_corpus",
    "audit_paths",
    "audit_read",
    "claims",
    "cross_year",
    "identities",
    "read_file",
    "read_paths",
    "repetition",
]

Status = Literal["pass", "fail", "cannot-check", "error"]

#: Every kind of check, with the severity of its failure and what it means.
KINDS: Final[dict[str, tuple[Severity, str]]] = {
    "sum-row": ("error", "a row's 总计 is not the sum of its six applicant columns"),
    "balance": ("error", "新收 + 上年结转 differs from 总计 + 结转下年度 in a column"),
    "sum-outcomes": ("error", "(七) 总计 is not the sum of the outcome rows in a column"),
    "sum-appeals": ("error", "a review or litigation group's 总计 is not the sum of its results"),
    # The prose is read by patterns, so a disagreement is worth a look rather than proof.
    "narrative": ("warning", "a figure stated in the prose differs from its table cell"),
    "carry-over": ("error", "上年结转 differs from last year's 结转下年度继续办理 in a column"),
    "in-force": ("error", "现行有效件数 did not move by 制发 - 废止 since last year"),
}


@attrs.frozen
class Cell:
    """One cell as evidence: where it stands (table, row and column keys), its value, its
    line, and how the parser obtained the value (its status)."""

    table: str
    row: str
    column: str
    value: Value
    line: int = 0
    #: The source line's text, stripped ("" where the line is unknown).
    source: str = ""
    #: The year of the report it comes from, for checks across years.
    year: int | None = None
    #: The cell's status in its report (:meth:`gkreport.model.Report.cell`); a figure the
    #: prose states is ``read``. By default, as for a report built by hand: ``read`` or ``blank``.
    status: CellStatus = attrs.field()

    @status.default
    def _as_printed(self) -> CellStatus:
        return "read" if self.value is not None else "blank"

    @property
    def key(self) -> str:
        """The cell's key, as :attr:`gkreport.model.Report.statuses` keys it."""
        return f"{self.table}.{self.row}.{self.column}"


@attrs.frozen
class Check:
    """One identity or claim checked: its kind, status, a message and the cells it reads."""

    kind: str
    status: Status
    where: str
    message: str
    evidence: tuple[Cell, ...] = ()
    #: Why a verdict may be weaker than it looks: it took blank cells as 0, or rests on
    #: cells the parser derived.
    note: str = ""
    #: The keys of the blank cells the check took as 0 (``blank_as_zero``), each after its
    #: report's year in a check across years (``2022 proactive.rules.in_force``).
    assumed: tuple[str, ...] = ()

    @property
    def severity(self) -> Severity:
        return KINDS[self.kind][0]


@attrs.frozen
class Passage:
    """A run of this year's section text that also stands in last year's."""

    text: str
    start: int


@attrs.frozen
class Repetition:
    """How much of a section repeats the previous year's same section (see :func:`repetition`)."""

    section: str
    year: int
    previous_year: int
    rate: float
    characters: int
    passages: tuple[Passage, ...] = ()


@attrs.frozen
class Audit:
    """Everything checked for one report."""

    name: str
    organ: str | None
    year: int | None
    template: TemplateId | None
    checks: tuple[Check, ...] = ()
    repetitions: tuple[Repetition, ...] = ()
    #: The parser's repairs (``str`` of each repair diagnostic): values the checks rest on.
    repairs: tuple[str, ...] = ()
    #: Set when the file gave no report to check (its status is ``error``).
    error: str = ""

    @property
    def findings(self) -> tuple[Check, ...]:
        """The checks that did not pass."""
        return tuple(c for c in self.checks if c.status != "pass")

    @property
    def claims_checked(self) -> int:
        return sum(1 for c in self.checks if c.kind == "narrative")

    @property
    def status(self) -> Status:
        if self.error:
            return "error"
        if any(c.status == "fail" for c in self.checks):
            return "fail"
        if any(c.status == "cannot-check" for c in self.checks):
            return "cannot-check"
        return "pass"

    def fails_at(self, severity: Severity) -> bool:
        """True if a check of ``severity`` or worse failed (``--fail-on``)."""
        rank = _RANK[severity]
        return any(c.status == "fail" and _RANK[c.severity] >= rank for c in self.checks)


_RANK: Final[dict[Severity, int]] = {"info": 0, "warning": 1, "error": 2}


# -- identities ---------------------------------------------------------------------------

class _Cells:
    """Reads cells of one report as evidence, with their source lines."""

    def __init__(self, report: Report, lines: Sequence[str]) -> None:
        self.report = report
        self.lines = lines
        self.year = report.meta.year

    def source(self, line: int) -> str:
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""

    def cell(self, table: str, row: str, column: str, value: Value, line: int) -> Cell:
        """The cell with its status as the report records it (a report built by hand records
        none: its numbers read as printed, its Nones blank)."""
        status = self.report.statuses.get(f"{table}.{row}.{column}")
        return Cell(table, row, column, value, line, self.source(line), self.year,
                    status or ("read" if value is not None else "blank"))

    def request(self, row: str, column: str) -> Cell:
        found = self.report.requests.get(row)
        value = found[column] if found is not None else None
        return self.cell("requests", row, column, value, found.line if found is not None else 0)

    def appeal(self, group: str, column: str) -> Cell:
        row = self.report.appeals[group]
        return self.cell("appeals", group, column, row[column], row.line)

    def proactive(self, item: str, column: str) -> Cell:
        found = self.report.proactive.get(item)
        value = found.get(column) if found is not None else None
        return self.cell("proactive", item, column, value, found.line if found is not None else 0)

    def get(self, table: str, row: str, column: str) -> Cell:
        if table == "requests":
            return self.request(row, column)
        if table == "appeals":
            return self.appeal(row, column)
        return self.proactive(row, column)


def _taken(evidence: Sequence[Cell], blank_as_zero: bool) -> tuple[list[Value], tuple[Cell, ...]]:
    """The values a check weighs: each cell's own, or 0 for a blank cell where ``blank_as_zero``
    (never for a lost or ambiguous one); and the cells so taken."""
    taken = [blank_as_zero and c.value is None and c.status == "blank" for c in evidence]
    values: list[Value] = [0 if t else c.value for c, t in zip(evidence, taken, strict=True)]
    return values, tuple(c for c, t in zip(evidence, taken, strict=True) if t)


def _known(values: Sequence[Value]) -> list[int | Decimal] | None:
    """The values, or None if one is missing."""
    known = [v for v in values if v is not None]
    return known if len(known) == len(values) else None


#: The statuses of a cell without a number, in the order a message names them: what the copy
#: lost first, a blank (which a reader may choose to take as 0) last.
_BLOCKING: Final[tuple[CellStatus, ...]] = ("lost", "ambiguous", "blank")
#: How many cells (or whole rows) a message names before "and N more".
_NAMED: Final = 4


def _named(cells: Sequence[Cell], evidence: Sequence[Cell]) -> list[str]:
    """Names ``cells``, a row of ``evidence`` all of whose cells are among them once as
    ``row (all)``; each with its year when ``evidence`` spans years."""
    years = len({c.year for c in evidence}) > 1
    rows: dict[tuple[int | None, str], list[str]] = {}
    for c in cells:
        rows.setdefault((c.year, c.row), []).append(c.column)
    names = []
    for (year, row), columns in rows.items():
        where = f"{year} {row}" if years else row
        if len(columns) == sum(c.row == row and c.year == year for c in evidence) > 1:
            names.append(f"{where} (all)")
        else:
            names.extend(f"{where} {column}" for column in columns)
    return names


def _listed(names: Sequence[str], room: int = _NAMED) -> str:
    """The first ``room`` names, then how many more."""
    more = f" and {len(names) - room} more" if len(names) > room else ""
    return ", ".join(names[:room]) + more


def _by_status(cells: Sequence[Cell], evidence: Sequence[Cell], order: Sequence[CellStatus]) -> str:
    """Names ``cells`` grouped by status in ``order`` (``lost: granted (all); blank: review
    pending``): at most :data:`_NAMED` in all, but each status at least once."""
    left, groups = _NAMED, []
    for status in order:
        names = _named([c for c in cells if c.status == status], evidence)
        if names:
            room = max(left, 1)
            groups.append(f"{status}: {_listed(names, room)}")
            left -= min(room, len(names))
    return "; ".join(groups)


def _cannot_check(kind: str, where: str, evidence: tuple[Cell, ...], values: Sequence[Value] = ()) -> Check:
    """The check that cannot be made, naming the cells without a number (in ``values``, the
    values it weighed, where given) by their status."""
    blocking = [c for c, v in zip(evidence, values or [c.value for c in evidence], strict=True) if v is None]
    order = (*_BLOCKING, *(s for s in dict.fromkeys(c.status for c in blocking) if s not in _BLOCKING))
    return Check(kind, "cannot-check", where, _by_status(blocking, evidence, order), evidence)


def _assuming(check: Check, assumed: Sequence[Cell]) -> Check:
    """``check``, made with the ``assumed`` blank cells taken as 0, saying so."""
    if not assumed:
        return check
    years = len({c.year for c in check.evidence}) > 1
    keys = tuple(f"{c.year} {c.key}" if years else c.key for c in assumed)
    return attrs.evolve(check, assumed=keys,
                        note=f"blank cells taken as 0: {_listed(_named(assumed, check.evidence))}")


def _derived_note(evidence: Sequence[Cell]) -> str:
    """Why a check's verdict may be weaker than it looks: the cells it reads that the parser
    derived (recovered by the arithmetic, solved or settled out of run-together digits)."""
    derived = [c for c in evidence if c.status in DERIVED]
    if not derived:
        return ""
    return f"rests on cells not read as printed ({_by_status(derived, evidence, DERIVED)})"


#: How a failing or passing sum names its parts, by the identity's code.
_PARTS: Final[dict[str, str]] = {
    "sum-row": "the six applicant columns",
    "sum-outcomes": "the outcome rows",
    "sum-appeals": "the four results",
}


def _where(identity: Identity) -> str:
    if identity.code == "sum-appeals":
        return f"appeals {identity.subject}"
    if identity.code == "sum-row":
        return f"requests {identity.subject}"
    return f"requests column {identity.subject}"


def _identity_check(identity: Identity, evidence: tuple[Cell, ...], blank_as_zero: bool = False) -> Check:
    """``identity`` evaluated on its cells, with them as evidence (left side first); with
    ``blank_as_zero``, on its blank cells taken as 0."""
    values, assumed = _taken(evidence, blank_as_zero)
    verdict = identity.weigh(values)
    if verdict.status == "cannot-check":
        return _cannot_check(identity.code, _where(identity), evidence, values)
    return _assuming(_verdict_check(identity, evidence, values, verdict), assumed)


def _verdict_check(identity: Identity, evidence: tuple[Cell, ...], values: Sequence[Value],
                   verdict: Verdict) -> Check:
    """The check of an identity that could be made: ``pass`` or ``fail``, saying the sums."""
    kind, where = identity.code, _where(identity)
    if kind in _PARTS:
        said = f"{_PARTS[kind]} sum to {verdict.left}"
        if verdict.status == "fails":
            total = evidence[-1]
            blank = " (blank)" if total.value is None else ""
            return Check(kind, "fail", where, f"{said}, {total.row} says {verdict.right}{blank}", evidence)
        return Check(kind, "pass", where, said, evidence)
    if verdict.status == "fails":
        # A blank taken as 0 is shown as such: the evidence says the cell is blank.
        terms = [f"{c.row} {v}" + (" (blank)" if c.value is None else "")
                 for c, v in zip(evidence, values, strict=True)]
        n = len(identity.left)
        left, right = " + ".join(terms[:n]), " + ".join(terms[n:])
        return Check(kind, "fail", where,
                     f"{left} = {verdict.left}, but {right} = {verdict.right}", evidence)
    return Check(kind, "pass", where, f"both sides are {verdict.left}", evidence)


def identities(report: Report, lines: Sequence[str] = (), *, blank_as_zero: bool = False) -> Iterator[Check]:
    """Every arithmetic identity of the report's template, checked, with its cells.

    ``lines`` is the source's text line by line, for the evidence (line n is ``lines[n-1]``).
    ``blank_as_zero`` takes the blank cells as 0 (see the module's introduction).

    >>> from gkreport import parse
    >>> from pathlib import Path
    >>> checks = list(identities(parse(Path("tests/data/003_bca12cc4fb8d9f2c.txt"))))
    >>> sorted({c.kind for c in checks}), {c.status for c in checks}
    (['balance', 'sum-appeals', 'sum-outcomes', 'sum-row'], {'pass'})
    """
    cells = _Cells(report, lines)
    template = TEMPLATES[report.meta.template or template_for(report.meta.year)]
    for identity in arithmetic.identities(template):
        evidence = tuple(cells.get(identity.table, row, column) for row, column in identity.cells)
        yield _identity_check(identity, evidence, blank_as_zero)


# -- narrative claims ---------------------------------------------------------------------

def claims(report: Report, lines: Sequence[str] = ()) -> Iterator[Check]:
    """Check every figure of the prose that maps to a table cell (:data:`CLAIM_PATTERNS`).

    >>> from gkreport import parse
    >>> from pathlib import Path
    >>> [(c.where, c.status) for c in claims(parse(Path("tests/data/000_cf9562a21e5519b3.txt")))]
    [('applications received', 'pass')]
    """
    cells = _Cells(report, lines)
    template = report.meta.template or template_for(report.meta.year)
    plain_lines = [(n, plain(line)) for n, line in enumerate(lines, 1)]
    for section in report.sections:
        for figure in stated_figures(section.paragraphs, template):
            words = figure.words
            line = next((n for n, p in plain_lines if n >= section.line and words in p), 0)
            said = Cell("narrative", section.key, figure.pattern.name, figure.value, line, cells.source(line),
                        cells.year)
            yield _claim_check(figure.pattern.name, words, said, cells.get(*figure.cell))


def _claim_check(name: str, words: str, said: Cell, cell: Cell) -> Check:
    where = f"{cell.table} {cell.row} {cell.column}"
    if cell.value is None:
        return Check("narrative", "cannot-check", name, f"「{words}」: {where} is {cell.status}", (said, cell))
    if cell.value != said.value:
        return Check("narrative", "fail", name, f"「{words}」 says {said.value}, {where} says {cell.value}",
                     (said, cell))
    return Check("narrative", "pass", name, f"「{words}」 agrees with {where}", (said, cell))


# -- one report ---------------------------------------------------------------------------

def audit(report: Report, *, name: str = "", lines: Sequence[str] = (), blank_as_zero: bool = False) -> Audit:
    """Audit one report: its identities and its narrative claims (see :func:`audit_corpus`);
    with ``blank_as_zero``, the identities take blank cells as 0.

    >>> from gkreport import parse
    >>> from pathlib import Path
    >>> result = audit(parse(Path("tests/data/004_48696eb35ee8e3c7.txt")))
    >>> result.status, sorted({c.kind for c in result.findings})
    ('cannot-check', ['sum-outcomes', 'sum-row'])
    """
    made = (*identities(report, lines, blank_as_zero=blank_as_zero), *claims(report, lines))
    checks = tuple(map(_noted, made))
    return Audit(name, report.meta.organ, report.meta.year, report.meta.template, checks,
                 repairs=tuple(str(d) for d in report.diagnostics if d.is_repair))


def _noted(check: Check) -> Check:
    """``check`` with a note where it rests on cells the parser derived."""
    derived = _derived_note(check.evidence)
    if not derived:
        return check
    return attrs.evolve(check, note="; ".join(n for n in (check.note, derived) if n))


# -- across years -------------------------------------------------------------------------

def cross_year(previous: Report, current: Report, previous_lines: Sequence[str] = (),
               lines: Sequence[str] = (), *, blank_as_zero: bool = False) -> Iterator[Check]:
    """The checks between a body's report for year Y-1 (``previous``) and for Y (``current``).

    Per applicant column: 上年结转 (Y) = 结转下年度继续办理 (Y-1). When both are on the 2021
    template, for rules and normative documents: in_force(Y) = in_force(Y-1) + issued(Y) -
    repealed(Y). ``blank_as_zero`` takes the blank cells as 0.

    A report against itself, as if it were its own year before:

    >>> from gkreport import parse
    >>> from pathlib import Path
    >>> report = parse(Path("tests/data/001_e94c29de80bcac7c.txt"))
    >>> [(c.kind, c.where) for c in cross_year(report, report) if c.status == "fail"]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('carry-over', 'requests column natural_person'), ('carry-over', 'requests column total'),
     ('in-force', 'proactive normative_documents')]
    """
    before, now = _Cells(previous, previous_lines), _Cells(current, lines)
    for column in (c.key for c in APPLICANT_COLUMNS):
        carried = (before.request("carried_forward", column), now.request("carried_over", column))
        yield _across_years("carry-over", f"requests column {column}", carried, blank_as_zero, _carried)
    if previous.meta.template != "2021" or current.meta.template != "2021":
        return
    for item in ("rules", "normative_documents"):
        evidence = (before.proactive(item, "in_force"), now.proactive(item, "issued"),
                    now.proactive(item, "repealed"), now.proactive(item, "in_force"))
        yield _across_years("in-force", f"proactive {item}", evidence, blank_as_zero, _moved)


def _across_years(kind: str, where: str, evidence: tuple[Cell, ...], blank_as_zero: bool,
                  verdict: Callable[[tuple[Cell, ...], list[int | Decimal]], tuple[bool, str]]) -> Check:
    """A check across years on ``evidence``: ``verdict`` says, of the values (each known),
    whether it holds and what it found; a cell without a number stops it."""
    values, assumed = _taken(evidence, blank_as_zero)
    known = _known(values)
    if known is None:
        return _cannot_check(kind, where, evidence, values)
    holds, message = verdict(evidence, known)
    return _assuming(Check(kind, "pass" if holds else "fail", where, message, evidence), assumed)


def _carried(evidence: tuple[Cell, ...], known: list[int | Decimal]) -> tuple[bool, str]:
    """上年结转 of this year (``evidence[1]``) against 结转下年度 of the last (``evidence[0]``)."""
    (forward, over), (carried_forward, carried_over) = evidence, known
    if carried_forward != carried_over:
        return False, (f"{forward.year} carried_forward {carried_forward}, "
                       f"{over.year} carried_over {carried_over}")
    return True, f"both are {carried_over}"


def _moved(evidence: tuple[Cell, ...], known: list[int | Decimal]) -> tuple[bool, str]:
    """现行有效 of this year (``evidence[3]``) against last year's moved by 制发 - 废止."""
    before, issued, repealed, in_force = known
    expected = before + issued - repealed
    if expected != in_force:
        return False, (f"{before} in force + {issued} issued - {repealed} repealed = {expected}, "
                       f"but {in_force} in force")
    return True, f"{before} + {issued} - {repealed} = {expected}"


#: Repetition is measured in runs of this many characters (whitespace dropped); a run this
#: long shared by two texts is a copied phrase, not a common word.
REPEAT_SHINGLE: Final = 10
#: The shortest repeated passage worth listing.
_PASSAGE_MIN: Final = 2 * REPEAT_SHINGLE


def repetition(previous: str, current: str, *, k: int = REPEAT_SHINGLE) -> tuple[float, tuple[Passage, ...]]:
    """The share of ``current``'s characters that repeat ``previous``, and the repeated passages.

    Both texts lose their whitespace; a character of ``current`` counts as repeated when it
    lies in some run of ``k`` consecutive characters that also stands in ``previous``
    (character ``k``-shingles; a text shorter than ``k`` repeats if it stands whole in
    ``previous``). The rate is repeated characters / all characters; passages are the
    maximal repeated runs of at least ``2 * REPEAT_SHINGLE`` characters.

    >>> old = "本年度我们认真贯彻落实政府信息公开条例的各项规定。"
    >>> rate, passages = repetition(old, old + "另有新的内容十二个字一二")
    >>> round(rate, 2), passages[0].text == old
    (0.68, True)
    """
    old, new = "".join(previous.split()), "".join(current.split())
    if not new:
        return 0.0, ()
    # A text shorter than k (无。) repeats when it stands whole in last year's.
    k = min(k, len(new))
    seen = {old[i:i + k] for i in range(len(old) - k + 1)}
    covered = [False] * len(new)
    for i in range(len(new) - k + 1):
        if new[i:i + k] in seen:
            covered[i:i + k] = [True] * k
    passages = []
    start = None
    for i, hit in enumerate([*covered, False]):
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            if i - start >= _PASSAGE_MIN:
                passages.append(Passage(new[start:i], start))
            start = None
    return sum(covered) / len(new), tuple(passages)


def audit_corpus(items: Sequence[tuple[str, Report, Sequence[str]]], *,
                 blank_as_zero: bool = False, bodies: Bodies | None = None) -> tuple[Audit, ...]:
    """Audit each ``(name, report, lines)`` and, where the same body's report for the year
    before is among them (matched by body and year), add the checks across years and the
    repetition of each section (attached to the later year's audit). Bodies are matched by
    their name as :func:`gkreport.bodies.body_name` makes it from the title's organ, or by
    your ids (``bodies``); names that may be one body are not joined
    (:func:`gkreport.bodies.near_matches` lists them). ``blank_as_zero`` takes the blank
    cells as 0 in the identities and across years.

    >>> from gkreport import parse
    >>> from pathlib import Path
    >>> report = parse(Path("tests/data/003_bca12cc4fb8d9f2c.txt"))
    >>> [(a.name, a.status, len(a.repetitions)) for a in audit_corpus([("003", report, ())])]
    [('003', 'pass', 0)]
    """
    bodies = bodies or Bodies()
    by_body = {(bodies.id_of(r.meta.organ), r.meta.year): (r, lines) for _, r, lines in items
               if bodies.id_of(r.meta.organ) and r.meta.year}
    audits = []
    for name, report, lines in items:
        result = audit(report, name=name, lines=lines, blank_as_zero=blank_as_zero)
        year, body = report.meta.year, bodies.id_of(report.meta.organ)
        found = by_body.get((body, year - 1)) if year is not None and body else None
        if found is not None and year is not None:
            previous, previous_lines = found
            across = cross_year(previous, report, previous_lines, lines, blank_as_zero=blank_as_zero)
            extra = tuple(map(_noted, across))
            repeats = []
            for section in report.sections:
                last = previous.section(section.key)
                if last is None or not section.text.strip():
                    continue
                rate, passages = repetition(last.text, section.text)
                repeats.append(Repetition(section.key, year, year - 1, rate,
                                          len("".join(section.text.split())), passages))
            result = attrs.evolve(result, checks=result.checks + extra, repetitions=tuple(repeats))
        audits.append(result)
    return tuple(audits)


@attrs.frozen
class Read:
    """One report as the audit takes it, or why a file gave none: its ``name`` (the path, and
    which of its reports when it holds several), the ``report``, and the ``lines`` of its
    source that the evidence quotes; or the ``error`` that stopped it."""

    name: str
    report: Report | None = None
    lines: tuple[str, ...] = attrs.field(default=(), repr=False)
    error: str = ""
    #: The file read (``name`` without which of its reports).
    source: str = ""


def read_file(source: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> list[Read]:
    """Every report of the file at ``source``, read for the audit (see
    :func:`gkreport.batch.parse_file_all`); a file that gives none is one :class:`Read` with
    its error. What :func:`read_paths` runs on each file, in a worker with ``jobs > 1``.

    >>> [(r.report.meta.year, r.error) for r in read_file("tests/data/002_1cb59e66f00bcffe.txt")]
    [(2020, '')]
    """
    outcomes = parse_file_all(source, max_bytes=max_bytes)
    lines = _source_lines(source) if any(o.ok for o in outcomes) else ()
    return [Read(o.name, o.report, lines, source=o.source) if o.report is not None else _unread(o)
            for o in outcomes]


def _source_lines(source: str) -> tuple[str, ...]:
    """The lines the evidence quotes: for a page or a document, the extracted text, whose
    numbers the report's line numbers are (for each of its reports, when it holds several)."""
    data, suffix = read(Path(source))
    text, _ = extract(data, sniff(data, suffix))
    return tuple(text.split("\n"))


def _unread(outcome: Outcome) -> Read:
    return Read(outcome.name, error=str(outcome.failure).splitlines()[0], source=outcome.source)


def read_paths(sources: Sequence[str], *, jobs: int = 1,
               max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Read]:
    """:func:`read_file` of each file of ``sources`` in order, in ``jobs`` worker processes
    (:func:`gkreport.batch.parse_files`); a worker that dies costs only its file."""
    task = functools.partial(read_file, max_bytes=max_bytes)
    for result in parse_files(sources, jobs=jobs, task=task):
        if isinstance(result, Outcome):  # the task failed, or its worker died
            yield _unread(result)
        else:
            yield from result


def read_results(path: str | os.PathLike[str]) -> Iterator[Read]:
    """The reports a ``gkreport parse --out`` file records (:func:`gkreport.batch.read_outcomes`),
    read for the audit without parsing them again. The evidence quotes the source's lines
    where its file is still there to read; a failed file's line is its error.

    >>> import json, tempfile
    >>> from pathlib import Path
    >>> from gkreport.batch import parse_file
    >>> out = Path(tempfile.mkdtemp()) / "results.jsonl"
    >>> _ = out.write_text(json.dumps(parse_file("tests/data/002_1cb59e66f00bcffe.txt").record()))
    >>> [(r.name, r.report.meta.year, len(r.lines) > 0) for r in read_results(out)]
    [('tests/data/002_1cb59e66f00bcffe.txt', 2020, True)]
    """
    lines: dict[str, tuple[str, ...]] = {}
    for outcome in read_outcomes(path):
        if outcome.report is None:
            yield _unread(outcome)
            continue
        if outcome.source not in lines:
            try:
                lines[outcome.source] = _source_lines(outcome.source)
            except (GkreportError, OSError):  # moved, or no longer readable: no quotes
                lines[outcome.source] = ()
        yield Read(outcome.name, outcome.report, lines[outcome.source], source=outcome.source)


def audit_read(items: Iterable[Read], *, blank_as_zero: bool = False,
               bodies: Bodies | None = None) -> tuple[Audit, ...]:
    """Audit the reports of ``items`` together (:func:`audit_corpus`: each with the same body's
    report of the year before among them), in order; an item without a report is an audit
    whose status is ``error``.

    >>> [a.status for a in audit_read([Read("missing.txt", error="no such file")])]
    ['error']
    """
    items = list(items)
    corpus = [(r.name, r.report, r.lines) for r in items if r.report is not None]
    audited = iter(audit_corpus(corpus, blank_as_zero=blank_as_zero, bodies=bodies))
    return tuple(next(audited) if r.report is not None else Audit(r.name, None, None, None, error=r.error)
                 for r in items)


def audit_paths(paths: Iterable[str | os.PathLike[str]], *, blank_as_zero: bool = False, jobs: int = 1,
                max_bytes: int | None = DEFAULT_MAX_BYTES) -> tuple[Audit, ...]:
    """Parse and audit the report files at ``paths``: files, folders and globs, as ``gkreport
    check`` takes them (:func:`gkreport.batch.expand`), parsed in ``jobs`` worker processes,
    files over ``max_bytes`` refused. A file that gives no report is an ``error`` with its
    message; a file of several reports gives an audit for each. ``blank_as_zero`` takes the
    blank cells as 0 (see :func:`audit_corpus`).

    >>> [a.status for a in audit_paths(["tests/data/000_cf9562a21e5519b3.txt", "README.md"])]
    ['pass', 'error']
    """
    return audit_read(read_paths(expand(paths), jobs=jobs, max_bytes=max_bytes), blank_as_zero=blank_as_zero)
