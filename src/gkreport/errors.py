"""gkreport's exceptions, all of them: one module, one base.

Catch :class:`GkreportError` to catch everything gkreport raises on purpose::

    GkreportError
    ├── ParseError                  (also a ValueError)
    │   ├── DecodeError
    │   ├── NotAReportError
    │   │   ├── EmptyInputError
    │   │   ├── NoTextLayerError
    │   │   └── AttachmentOnlyError
    │   ├── SeveralReportsError
    │   ├── PreTemplateReportError
    │   ├── RepairError
    │   ├── RecordError
    │   ├── NotAFileError
    │   ├── FileTooLargeError
    │   └── UnreadFormatError
    ├── MissingExtraError           (also an ImportError)
    │   └── UnsupportedFormatError
    │       └── MissingProgramError
    └── WorkersDiedError            (also a RuntimeError)

What is not gkreport's to say is raised as Python raises it: a file that is not there or
cannot be opened is an :class:`OSError`, as ``open()`` gives; an argument of the wrong type
or value is a :class:`TypeError` or :class:`ValueError`.

>>> import gkreport
>>> try:
...     gkreport.parse("")
... except gkreport.GkreportError as error:
...     print(type(error).__name__, isinstance(error, gkreport.ParseError))
EmptyInputError True
"""

from __future__ import annotations

__all__ = [
    "AttachmentOnlyError",
    "DecodeError",
    "EmptyInputError",
    "FileTooLargeError",
    "GkreportError",
    "MissingExtraError",
    "MissingProgramError",
    "NoTextLayerError",
    "NotAFileError",
    "NotAReportError",
    "ParseError",
    "PreTemplateReportError",
    "RecordError",
    "RepairError",
    "SeveralReportsError",
    "UnreadFormatError",
    "UnsupportedFormatError",
    "WorkersDiedError",
]


class GkreportError(Exception):
    """The base of every exception gkreport raises on purpose: catch it to catch them all."""


class ParseError(GkreportError, ValueError):
    """The text could not be read as an annual report.

    A :class:`ValueError` too, so code written to catch that still catches it.

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


class EmptyInputError(NotAReportError):
    """The input holds no text at all: 0 bytes, or only spaces and line breaks."""


class NoTextLayerError(NotAReportError):
    """A PDF whose pages hold no text to read (scanned images): it needs OCR first.

    ``pages`` is its page count.
    """

    def __init__(self, message: str, *, pages: int = 0) -> None:
        self.pages = pages
        super().__init__(message)


class AttachmentOnlyError(NotAReportError):
    """A page that only links its report as an attachment (``….pdf``, ``….doc``, ``….docx``).

    ``links`` are the attachments' addresses (a page's ``href``, or the file name a text
    copy prints), the report's first; parse the file they name instead.
    """

    def __init__(self, message: str, *, links: tuple[str, ...] = (), line: int = 0, column: int = 0,
                 text: str = "") -> None:
        self.links = links
        super().__init__(message, line=line, column=column, text=text)


class SeveralReportsError(ParseError):
    """The text holds more than one report (two years pasted together, a page of several
    bodies' reports); :func:`gkreport.parse_all` reads each.

    ``line`` is where the second report begins; ``starts`` the first line of every report.
    """

    def __init__(self, message: str, *, starts: tuple[int, ...] = (), text: str = "") -> None:
        self.starts = starts
        super().__init__(message, line=starts[1] if len(starts) > 1 else 0, column=1, text=text)


class PreTemplateReportError(ParseError):
    """A report from before 2019, on the template of the 2008 Regulations: it has none of
    the 第二十条 tables the 2019 and 2021 templates print. ``year`` is its reporting year."""

    def __init__(self, message: str, *, year: int = 0, line: int = 0, column: int = 0, text: str = "") -> None:
        self.year = year
        super().__init__(message, line=line, column=column, text=text)


class RepairError(ParseError):
    """``strict=True`` was asked for and the source needed a repair to be read.

    ``diagnostic`` is the repair that would have been made.
    """

    def __init__(self, diagnostic: object, *, line: int, column: int, text: str) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(getattr(diagnostic, "message", diagnostic)),
                         line=line, column=column, text=text)


class RecordError(ParseError):
    """A record (a report's JSON data, a line of ``gkreport parse --out``) is no report's data.

    Read from a file, it names the file (``path``) and the line, as a compiler does:
    ``results.jsonl:3: not a JSON object``.
    """

    def __init__(self, message: str, *, path: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message, line=line, column=column)
        self.path = path
        if path:
            self.args = (f"{path}:{line}: {message}" if line else f"{path}: {message}",)


class NotAFileError(ParseError):
    """The path is a folder, a pipe or a device: nothing a report could be read from."""


class FileTooLargeError(ParseError):
    """The file is larger than the batch's ``max_bytes`` and was not read."""


class UnreadFormatError(ParseError):
    """The input is a document in a format gkreport reads with nothing, installed or not: a
    WPS Office document (``.wps``), a spreadsheet (``.xls``, ``.et``). Saved as .docx or PDF,
    it can be read.

    ``kind`` says what the document is (``"a WPS Office document (WPS 文字, .wps)"``).
    """

    def __init__(self, message: str, *, kind: str = "") -> None:
        self.kind = kind
        super().__init__(message)


class MissingExtraError(GkreportError, ImportError):
    """What was asked needs an optional dependency that is not installed.

    ``extra`` is the extra that brings it (``pip install 'gkreport[extra]'``, which the
    message says too); ``name`` is the module that could not be imported, as an
    :class:`ImportError`'s is.
    """

    def __init__(self, message: str, *, extra: str = "", name: str | None = None) -> None:
        self.extra = extra
        super().__init__(message, name=name)


class UnsupportedFormatError(MissingExtraError):
    """The input's format (Word, PDF) needs a reader that is an extra not installed.

    Not a :class:`DecodeError`: the input may be a sound report, and installing the extra
    reads it, so code that sets undecodable files aside must not set these aside with them.
    """


class MissingProgramError(UnsupportedFormatError):
    """The input's format is read by a program, not a Python package, and none of the
    programs that read it is installed (an old Word ``.doc``: catdoc or antiword).

    ``programs`` are the programs looked for on the ``PATH``; ``packages`` the Debian
    packages that bring them, which the message names. ``extra`` is empty: no extra brings
    a program.
    """

    def __init__(self, message: str, *, programs: tuple[str, ...] = (), packages: tuple[str, ...] = ()) -> None:
        self.programs = programs
        self.packages = packages
        super().__init__(message)


class WorkersDiedError(GkreportError, RuntimeError):
    """Worker processes die before they parse anything, so no file can be blamed.

    A worker that is not forked imports the parent's main module; a parent run from
    standard input has none to import. ``jobs=1`` parses in-process.
    """
