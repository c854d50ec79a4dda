"""gkreport's exceptions: one hierarchy, each carrying where in the source it happened."""

from __future__ import annotations

__all__ = ["DecodeError", "NotAReportError", "ParseError", "RepairError"]


class ParseError(ValueError):
    """The text could not be read as an annual report.

    ``line`` and ``column`` are 1-based positions in the decoded text (0 when the error
    concerns the whole input); ``text`` is the offending source line.
    """

    def __init__(self, message: str, *, line: int = 0, column: int = 0, text: str = "") -> None:
        self.message = message
        self.line = line
        self.column = column
        self.text = text
        where = f"line {line}, column {column}: " if line else ""
        shown = f"\n    {text.strip()}" if text.strip() else ""
        super().__init__(f"{where}{message}{shown}")


class DecodeError(ParseError):
    """The bytes are in no encoding a report is published in (UTF-8, GB18030/GBK, UTF-16)."""


class NotAReportError(ParseError):
    """The text is readable but is not a 政府信息公开工作年度报告."""


class RepairError(ParseError):
    """``strict=True`` was asked for and the source needed a repair to be read.

    ``diagnostic`` is the repair that would have been made.
    """

    def __init__(self, diagnostic: object, *, line: int, column: int, text: str) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(getattr(diagnostic, "message", diagnostic)),
                         line=line, column=column, text=text)
