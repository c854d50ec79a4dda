"""Stage 1, decode: a str, bytes or a path becomes one str with ``\\n`` line ends.

:func:`read` fetches what the caller gave (a path's bytes, or the bytes or text as they are);
:func:`decode_bytes` turns bytes into text, honouring a charset the document declares (web
pages say ``gb2312`` or ``gbk`` in a ``<meta>``) before guessing.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from .errors import DecodeError, NotAReportError

__all__ = ["Source", "decode_bytes", "newlines", "read"]

Source = str | bytes | os.PathLike[str]

# Order matters: UTF-8 is strict enough to reject GBK bytes, GB18030 accepts any GBK/GB2312.
_ENCODINGS = ("utf-8", "gb18030")
# Pages that declare GB2312 or GBK routinely hold characters only their superset has.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "ascii": "utf-8", "us-ascii": "utf-8", "iso-8859-1": "utf-8"}


# Longer than any file name: a str this long is text, whatever it holds.
_NAME_MAX = 4096


def read(source: Source) -> tuple[str | bytes, str]:
    """The text or bytes of ``source``, and the suffix of its file name ('' if none).

    A ``str`` is taken as the report's text (never as a file name); use a
    :class:`pathlib.Path` to read a file. A ``str`` of one line that names a file is no
    report's text, and the error says so (a newcomer's ``parse("report.txt")``).

    >>> read("README.md")
    Traceback (most recent call last):
    gkreport.errors.NotAReportError: 'README.md' names a file; ... pass pathlib.Path('README.md') ...
    """
    if isinstance(source, str):
        if len(source) < _NAME_MAX and "\n" not in source and os.path.isfile(source):
            raise NotAReportError(f"{source!r} names a file; a str is read as a report's text: "
                                  f"pass pathlib.Path({source!r}) to read the file")
        return source, ""
    if isinstance(source, os.PathLike):
        # A file that cannot be read raises what Python raises (FileNotFoundError,
        # PermissionError…: an OSError), as a Python user expects; it says nothing of the text.
        path = Path(source)
        return path.read_bytes(), path.suffix.lower()
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), ""
    raise TypeError(f"expected str, bytes or a path, not {type(source).__name__}")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text of ``data``: by its BOM, else the ``declared`` charset, else UTF-8 or GB18030.

    >>> decode_bytes("政府".encode("gbk"), declared="gb2312")
    ('政府', 'gb18030')
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise DecodeError("binary data: the input holds NUL bytes, so it is not a text report")
    encoding = _known(declared)
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass  # the declaration is wrong more often than the guess below
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DecodeError("the bytes are neither UTF-8 nor GB18030/GBK")


def _known(declared: str | None) -> str | None:
    if not declared:
        return None
    name = declared.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def newlines(text: str) -> str:
    """``text`` with ``\\n`` line ends and no BOM."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
