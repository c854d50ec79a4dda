"""The public model: frozen, slotted, typed attrs classes keyed as ``vocabulary.md`` keys them.

Counts are ``int``, money is :class:`~decimal.Decimal`, and a blank cell is ``None``, never 0.
Serialisation lives in :mod:`gkreport.convert`; these classes only hold data.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Final, Literal, TypeVar

import attrs

from .diagnostics import Diagnostic
from .template import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    TEMPLATES,
    Template,
    TemplateId,
    template_for,
)

__all__ = [
    "DERIVED",
    "STATUSES",
    "AppealGroup",
    "Appeals",
    "ApplicantMatrix",
    "CellInfo",
    "CellStatus",
    "ClauseItem",
    "ClauseTables",
    "Meta",
    "Report",
    "RequestRow",
    "Section",
    "Value",
]

#: A table cell: a count, an amount of money, or None where the source is blank or lost.
Value = int | Decimal | None
_Row = TypeVar("_Row")

#: How a cell's value was obtained. A number: ``read`` (printed, and read as printed),
#: ``recovered`` (the copy lost the cell; the template's identities force its value),
#: ``solved`` (split out of a run of digits printed together, by the arithmetic),
#: ``settled`` (chosen among several splits by other evidence: the report's own text, or the
#: same body's report of the year before, :func:`gkreport.compare.settle`),
#: ``corrected`` (read from a picture, and one misread character changed: the only change that
#: makes every identity of its table hold, ``ocr-corrected``).
#: None: ``ambiguous`` (several readings hold), ``blank`` (printed empty, or with a dash or
#: 无), ``lost`` (the copy holds no number for it: a row or table not found, a cell lost).
CellStatus = Literal["read", "recovered", "solved", "settled", "corrected", "ambiguous", "blank", "lost"]
#: Every status, those of a number first.
STATUSES: Final[tuple[CellStatus, ...]] = ("read", "recovered", "solved", "settled", "corrected",
                                           "ambiguous", "blank", "lost")
#: The statuses of a number not read as printed: the arithmetic or the prose gave it.
DERIVED: Final[tuple[CellStatus, ...]] = ("recovered", "solved", "settled", "corrected")


@attrs.frozen
class CellInfo:
    """One cell of a report's tables: its key, its value, how the value was obtained, and
    the diagnostics about it (see :meth:`Report.cell`)."""

    key: str
    value: Value
    status: CellStatus
    diagnostics: tuple[Diagnostic, ...] = ()


@attrs.frozen
class Meta:
    """What the report says about itself."""

    title: str | None = None
    organ: str | None = None
    year: int | None = None
    template: TemplateId | None = None
    document_number: str | None = None
    index_number: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None
    signature: str | None = None
    signature_date: datetime.date | None = None


@attrs.frozen
class Section:
    """One of the six sections: its key, heading as printed, and its narrative paragraphs."""

    key: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    line: int = attrs.field(default=0, eq=False)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@attrs.frozen
class ClauseItem(Mapping[str, Value]):
    """A row of a 第二十条 clause table: a read-only mapping of column key -> value, and the
    unit where stated.

    >>> item = ClauseItem("rules", {"issued": 2, "repealed": 0, "in_force": None})
    >>> item["issued"], list(item), dict(item)["in_force"]
    (2, ['issued', 'repealed', 'in_force'], None)
    """

    key: str
    # Private, so that ``values()`` is the Mapping's; ``ClauseItem(key, values=...)`` builds one.
    _values: Mapping[str, Value] = attrs.field(factory=dict, hash=False, alias="values")
    unit: str | None = None
    line: int = attrs.field(default=0, eq=False)

    def __getitem__(self, column: str) -> Value:
        return self._values[column]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class _Table(Mapping[str, _Row]):
    """A table as a read-only mapping of row key -> row, over its ``rows``."""

    __slots__ = ()
    rows: Mapping[str, _Row]

    def __getitem__(self, key: str) -> _Row:
        return self.rows[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@attrs.frozen
class ClauseTables(_Table[ClauseItem]):
    """二、主动公开政府信息情况, the 第二十条 clause tables: item key (``rules``,
    ``normative_documents``, ``licensing``…) -> its row."""

    rows: Mapping[str, ClauseItem] = attrs.field(factory=dict, hash=False)


class _CountRow(Mapping[str, "int | None"]):
    """A row of counts as a read-only mapping of column key -> count, shared by the rows of
    the matrix and of the appeals table (``dict(row)``, ``row["total"]``, ``list(row)``)."""

    __slots__ = ()
    #: The row's column keys in template order (from :mod:`gkreport.template`).
    columns: ClassVar[tuple[str, ...]]
    #: Reads them all in one call; ``cells`` is read for every identity validate checks.
    _cells: ClassVar[Callable[[Any], Any]]

    def __getitem__(self, column: str) -> int | None:
        if column not in self.columns:
            raise KeyError(column)
        value: int | None = getattr(self, column)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    @property
    def cells(self) -> tuple[int | None, ...]:
        """The values in template order."""
        cells: tuple[int | None, ...] = type(self)._cells(self)
        return cells


@attrs.frozen
class RequestRow(_CountRow):
    """A row of the applicant-by-outcome matrix, one field per applicant column."""

    columns: ClassVar[tuple[str, ...]] = tuple(c.key for c in APPLICANT_COLUMNS)
    _cells: ClassVar[Callable[[Any], Any]] = operator.attrgetter(*columns)

    natural_person: int | None = None
    commercial: int | None = None
    research: int | None = None
    social_welfare: int | None = None
    legal_services: int | None = None
    other: int | None = None
    total: int | None = None
    line: int = attrs.field(default=0, eq=False)


@attrs.frozen
class ApplicantMatrix(_Table[RequestRow]):
    """三、收到和处理政府信息公开申请情况: row key (``granted``, ``denied.state_secret``…) -> row."""

    rows: Mapping[str, RequestRow] = attrs.field(factory=dict, hash=False)


@attrs.frozen
class AppealGroup(_CountRow):
    """One group of 四: 行政复议, or 行政诉讼 未经复议直接起诉 / 复议后起诉."""

    columns: ClassVar[tuple[str, ...]] = tuple(c.key for c in APPEAL_COLUMNS)
    _cells: ClassVar[Callable[[Any], Any]] = operator.attrgetter(*columns)

    upheld: int | None = None
    corrected: int | None = None
    other: int | None = None
    pending: int | None = None
    total: int | None = None
    line: int = attrs.field(default=0, eq=False)


@attrs.frozen
class Appeals(Mapping[str, AppealGroup]):
    """四、政府信息公开行政复议、行政诉讼情况: group key (``review``, ``suit_direct``,
    ``suit_after_review``) -> its row; each group is an attribute too."""

    review: AppealGroup = attrs.field(factory=AppealGroup)
    suit_direct: AppealGroup = attrs.field(factory=AppealGroup)
    suit_after_review: AppealGroup = attrs.field(factory=AppealGroup)

    def __getitem__(self, group: str) -> AppealGroup:
        if group not in _APPEAL_GROUP_KEYS:
            raise KeyError(group)
        value: AppealGroup = getattr(self, group)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(_APPEAL_GROUP_KEYS)

    def __len__(self) -> int:
        return len(_APPEAL_GROUP_KEYS)


_APPEAL_GROUP_KEYS: Final = tuple(key for key, _ in APPEAL_GROUPS)


def _clause_tables(rows: Mapping[str, ClauseItem]) -> ClauseTables:
    """A report's clause tables from any mapping of item key -> item (``Report(proactive={...})``)."""
    return rows if isinstance(rows, ClauseTables) else ClauseTables(dict(rows))


def _matrix(rows: Mapping[str, RequestRow]) -> ApplicantMatrix:
    """A report's matrix from any mapping of row key -> row (``Report(requests={...})``)."""
    return rows if isinstance(rows, ApplicantMatrix) else ApplicantMatrix(dict(rows))


@attrs.frozen
class Report:
    """A parsed annual report. :func:`gkreport.to_dict` gives its JSON-ready form, and
    :func:`gkreport.from_dict` the report again."""

    meta: Meta
    sections: tuple[Section, ...] = ()
    proactive: ClauseTables = attrs.field(factory=ClauseTables, converter=_clause_tables)
    requests: ApplicantMatrix = attrs.field(factory=ApplicantMatrix, converter=_matrix)
    appeals: Appeals = attrs.field(factory=Appeals)
    diagnostics: tuple[Diagnostic, ...] = ()
    #: The status of every cell of the template, by key (``requests.granted.total``); see
    #: :meth:`cell`. Empty for a report built by hand, whose numbers read as printed.
    statuses: Mapping[str, CellStatus] = attrs.field(factory=dict, hash=False)
    #: The file the report was read from, as given to :func:`~gkreport.parse` (a path), or
    #: None for text or bytes.
    source: str | None = None

    def cell(self, key: str) -> CellInfo:
        """The cell ``key`` (``table.row.column``: ``requests.denied.state_secret.total``,
        ``proactive.rules.issued``, ``appeals.review.upheld``): its value, its status and
        the diagnostics that concern it. A key that is no cell of the report's template
        raises :class:`KeyError`.

        >>> from pathlib import Path
        >>> import gkreport
        >>> report = gkreport.parse(Path("tests/data/000_cf9562a21e5519b3.txt"))
        >>> cell = report.cell("requests.total.commercial")
        >>> cell.value, cell.status, [d.code for d in cell.diagnostics]
        (0, 'recovered', ['value-recovered'])
        """
        value = self._value(key)
        status = self.statuses.get(key)
        if status is None:
            if self.statuses:
                raise KeyError(key)
            status = "read" if value is not None else "blank"
        return CellInfo(key, value, status, tuple(d for d in self.diagnostics if d.about(key)))

    def cells(self) -> Iterator[CellInfo]:
        """Every cell of the report's template, in template order (see :meth:`cell`)."""
        return map(self.cell, self._template.cell_keys)

    def _value(self, key: str) -> Value:
        if key not in self.statuses and key not in self._template.cell_keys:
            raise KeyError(key)
        table, _, rest = key.partition(".")
        row, _, column = rest.rpartition(".")
        if table == "proactive":
            item = self.proactive.get(row)
            return item.get(column) if item is not None else None
        if table == "requests":
            found = self.requests.get(row)
            return found[column] if found is not None else None
        return self.appeals[row][column]

    @property
    def _template(self) -> Template:
        return TEMPLATES[self.meta.template or template_for(self.meta.year)]

    def section(self, key: str) -> Section | None:
        """The section with ``key`` (``overview``, ``proactive``… ``other_matters``)."""
        for section in self.sections:
            if section.key == key:
                return section
        return None
