"""Stage 1, decode: a str, bytes or a path becomes one str with ``\\n`` line ends."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DecodeError

__all__ = ["Source", "decode"]

Source = str | bytes | os.PathLike[str]

# Order matters: UTF-8 is strict enough to reject GBK bytes, GB18030 accepts any GBK/GB2312.
_ENCODINGS = ("utf-8", "gb18030")


def decode(source: Source) -> tuple[str, str]:
    """Return the text of ``source`` and the encoding it was read in.

    A ``str`` is taken as the report's text (never as a file name); use a
    :class:`pathlib.Path` to read a file.

    >>> decode("报告\\r\\n正文".encode("gbk"))
    ('报告\\n正文', 'gb18030')
    """
    if isinstance(source, str):
        return _newlines(source), "str"
    if isinstance(source, os.PathLike):
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise DecodeError(f"cannot read {os.fspath(source)}: {exc.strerror}") from exc
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        raise TypeError(f"expected str, bytes or a path, not {type(source).__name__}")
    text, encoding = _decode_bytes(data)
    return _newlines(text), encoding


def _decode_bytes(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise DecodeError("binary data: the input holds NUL bytes, so it is not a text report")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DecodeError("the bytes are neither UTF-8 nor GB18030/GBK")


def _newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
