"""gkreport: read 政府信息公开工作年度报告 (government information-disclosure annual reports).

>>> import gkreport
>>> report = gkreport.parse(open("tests/data/001_e94c29de80bcac7c.txt", encoding="utf-8").read())
>>> report.meta.template, report.proactive["normative_documents"]["in_force"]
('2021', 51)
"""

from .api import parse
from .diagnostics import Diagnostic
from .errors import DecodeError, NotAReportError, ParseError, RepairError
from .model import (
    AppealGroup,
    Appeals,
    ApplicantMatrix,
    ClauseItem,
    Meta,
    Report,
    RequestRow,
    Section,
)
from .render import render

__all__ = [
    "AppealGroup",
    "Appeals",
    "ApplicantMatrix",
    "ClauseItem",
    "DecodeError",
    "Diagnostic",
    "Meta",
    "NotAReportError",
    "ParseError",
    "RepairError",
    "Report",
    "RequestRow",
    "Section",
    "parse",
    "render",
]
__version__ = "0.1.0"
