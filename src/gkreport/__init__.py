"""gkreport: read 政府信息公开工作年度报告 (government information-disclosure annual reports).

>>> import gkreport
>>> from pathlib import Path
>>> report = gkreport.parse(Path("tests/data/001_e94c29de80bcac7c.txt"))
>>> report.meta.template, report.proactive["normative_documents"]["in_force"]
('2021', 51)

The public API is what this module names (``__all__``) and these modules, each with its own
``__all__``: :mod:`gkreport.model` (the report's classes), :mod:`gkreport.errors`,
:mod:`gkreport.diagnostics`, :mod:`gkreport.convert` (to and from JSON-ready data),
:mod:`gkreport.template` (the keys of both templates), :mod:`gkreport.extract` (the text of
a page or a document), :mod:`gkreport.render` and :mod:`gkreport.strategies` (reports
generated and written out, for fuzzing), :mod:`gkreport.batch` (many files),
:mod:`gkreport.dataset` (tables of many reports), :mod:`gkreport.audit` and
:mod:`gkreport.audit_report` (checking reports), :mod:`gkreport.bodies` (who a report is
about, across years), :mod:`gkreport.compare` and :mod:`gkreport.compare_report` (a report
beside the year before's), :mod:`gkreport.summary` (many bodies summed up) and
:mod:`gkreport.cli`. A module whose name
begins with an underscore is the parser's own: it may change in any release.
"""

from importlib import machinery as _machinery
from importlib import metadata as _metadata

from . import _tokenize
from ._api import parse, parse_all
from .audit import Audit, audit, audit_corpus, audit_paths
from .batch import Outcome, read_outcomes
from .convert import from_dict, to_dict
from .dataset import to_frame  # pandas is imported when it is called, not here
from .diagnostics import Diagnostic
from .errors import (
    AttachmentOnlyError,
    DecodeError,
    EmptyInputError,
    FileTooLargeError,
    GkreportError,
    MissingExtraError,
    MissingProgramError,
    NotAFileError,
    NotAReportError,
    NoTextLayerError,
    ParseError,
    PreTemplateReportError,
    RecordError,
    RepairError,
    SeveralReportsError,
    UnreadFormatError,
    UnsupportedFormatError,
    WorkersDiedError,
)
from .extract import Format
from .model import (
    STATUSES,
    AppealGroup,
    Appeals,
    ApplicantMatrix,
    CellInfo,
    CellStatus,
    ClauseItem,
    ClauseTables,
    Meta,
    Report,
    RequestRow,
    Section,
)
from .render import render

__all__ = [
    "COMPILED",
    "STATUSES",
    "AppealGroup",
    "Appeals",
    "ApplicantMatrix",
    "AttachmentOnlyError",
    "Audit",
    "CellInfo",
    "CellStatus",
    "ClauseItem",
    "ClauseTables",
    "DecodeError",
    "Diagnostic",
    "EmptyInputError",
    "FileTooLargeError",
    "Format",
    "GkreportError",
    "Meta",
    "MissingExtraError",
    "MissingProgramError",
    "NoTextLayerError",
    "NotAFileError",
    "NotAReportError",
    "Outcome",
    "ParseError",
    "PreTemplateReportError",
    "RecordError",
    "RepairError",
    "Report",
    "RequestRow",
    "Section",
    "SeveralReportsError",
    "UnreadFormatError",
    "UnsupportedFormatError",
    "WorkersDiedError",
    "audit",
    "audit_corpus",
    "audit_paths",
    "from_dict",
    "parse",
    "parse_all",
    "read_outcomes",
    "render",
    "to_dict",
    "to_frame",
]
try:  # the installed package's own version: one place, pyproject.toml
    __version__ = _metadata.version(__name__)
except _metadata.PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+unknown"

#: Whether this install's parser is compiled: True for the wheel built with mypyc (the
#: parser's private modules are C extensions there, see docs/compiled.md), False for the
#: pure-Python wheel and a source tree. ``gkreport --version`` says which. Told by
#: ``_tokenize``, which the compiled build always compiles.
COMPILED: bool = _tokenize.__file__.endswith(tuple(_machinery.EXTENSION_SUFFIXES))
