"""gkreport: read 政府信息公开工作年度报告 (government information-disclosure annual reports).

>>> import gkreport
>>> from pathlib import Path
>>> report = gkreport.parse(Path("tests/data/001_e94c29de80bcac7c.txt"))
>>> report.meta.template, report.proactive["normative_documents"]["in_force"]
('2021', 51)
"""

from importlib import metadata as _metadata

from .api import parse, parse_all
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
    NotAFileError,
    NotAReportError,
    NoTextLayerError,
    ParseError,
    PreTemplateReportError,
    RecordError,
    RepairError,
    SeveralReportsError,
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
    "STATUSES",
    "AppealGroup",
    "Appeals",
    "ApplicantMatrix",
    "AttachmentOnlyError",
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
    "NoTextLayerError",
    "NotAFileError",
    "NotAReportError",
    "ParseError",
    "PreTemplateReportError",
    "RecordError",
    "RepairError",
    "Report",
    "RequestRow",
    "Section",
    "SeveralReportsError",
    "UnsupportedFormatError",
    "WorkersDiedError",
    "from_dict",
    "parse",
    "parse_all",
    "render",
    "to_dict",
    "to_frame",
]
try:  # the installed package's own version: one place, pyproject.toml
    __version__ = _metadata.version(__name__)
except _metadata.PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+unknown"
