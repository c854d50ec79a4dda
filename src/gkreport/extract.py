"""Stage 1b, extract: the text of a report published as a web page, a Word file or a PDF.

Each format becomes the plain text a careful copy would give: paragraphs one per line, and
each table row one line of tab-separated cells, with merged cells resolved the way copies
print them (a row-spanning label leaves empty cells at the start of the rows below it; a
column-spanning cell is one cell). That text then goes through the same tokenizer and
grammar as any text copy: there is no second reader of the template.

HTML is read with lxml's HTML parser; Word with python-docx and PDF with pdfplumber, both
optional (``pip install gkreport[docx]``, ``gkreport[pdf]``); an old Word ``.doc`` with a
program, catdoc or antiword (Debian packages of those names), when one is installed.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from typing import Any, Literal, get_args

import attrs

from ._decode import decode_bytes, newlines
from ._misread import Picture
from ._normalise import Line, compact, normalise_line
from ._patterns import YEAR_TITLE, is_cell_value
from .diagnostics import Diagnostic
from .errors import (
    DecodeError,
    MissingProgramError,
    NoTextLayerError,
    UnreadFormatError,
    UnsupportedFormatError,
)
from .template import BLANK_MARK, META_FIELDS, SECTIONS

__all__ = ["FORMATS", "IMAGE_MARK", "Extracted", "Format", "extract", "html_links", "html_text", "sniff"]

Format = Literal["text", "html", "docx", "pdf", "doc", "image"]
FORMATS: tuple[Format, ...] = get_args(Format)

_SUFFIXES: dict[str, Format] = {
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf",
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"), "image"),
}
#: The magic bytes the pictures gkreport reads by OCR start with.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_HTML_SIGNS = ("<html", "<!doctype html", "<body", "<table", "<div", "<meta", "<p>", "<p ", "<head")


def sniff(data: str | bytes, suffix: str = "") -> Format:
    """Which format ``data`` is in: by its magic bytes, else its file suffix, else its start.

    >>> sniff("<!DOCTYPE html><html><body><p>报告</p></body></html>")
    'html'
    >>> sniff("一、总体情况")
    'text'
    """
    if isinstance(data, bytes):
        if data.startswith(b"%PDF-"):
            return "pdf"
        if data.startswith(b"PK\x03\x04"):
            return "docx"
        if data.startswith(_OLE_MAGIC) or suffix in _WPS_KINDS:
            return _compound_format(data, suffix)
        if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
            return "image"
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = data[:2048]
    start = (head.decode("latin-1") if isinstance(head, bytes) else head).lstrip("\ufeff \t\r\n")
    start = start.lower()
    if start.startswith("<") and any(sign in start for sign in _HTML_SIGNS):
        return "html"
    return "text"


@attrs.frozen
class Extracted:
    """A source's text as extracted, the encoding its bytes were read in (``ocr`` for text read
    from pictures), the pictures it was read from and the repairs made reading them."""

    text: str
    encoding: str
    pictures: tuple[Picture, ...] = ()
    notes: tuple[Diagnostic, ...] = ()

    def pictures_within(self, lines: Sequence[Line]) -> tuple[Picture, ...]:
        """The pictures whose lines are among ``lines`` (one report's, of a source of several)."""
        if not self.pictures or not lines:
            return ()
        first, last = lines[0].number, lines[-1].number
        return tuple(p for p in self.pictures if p.lines[0] <= last and p.lines[1] >= first)

    def notes_within(self, lines: Sequence[Line]) -> tuple[Diagnostic, ...]:
        if not self.notes or not lines:
            return ()
        return tuple(d for d in self.notes if lines[0].number <= d.line <= lines[-1].number)


def extract(data: str | bytes, fmt: Format, *, images: bool = False) -> tuple[str, str]:
    """The plain text of ``data`` in format ``fmt``, and the encoding its bytes were read in.

    With ``images``, a page's ``<img>`` elements within the report are lines of their own, a
    :data:`IMAGE_MARK` and the ``src`` (:mod:`gkreport.ocr` reads the pictures there)."""
    if fmt == "text":
        if isinstance(data, str):
            return newlines(data), "str"
        text, encoding = decode_bytes(data)
        return newlines(text), encoding
    if fmt == "html":
        if isinstance(data, str):
            return html_text(data, images=images), "str"
        text, encoding = decode_bytes(data, declared=_declared_charset(data))
        return html_text(text, images=images), encoding
    binary = data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "image":
        raise ValueError("a picture's text is read by OCR (gkreport.ocr.read_pictures), not extracted")
    if fmt == "docx":
        return _docx_text(binary), "docx"
    if fmt == "doc":
        return _doc_text(binary), "doc"
    return _pdf_text(binary), "pdf"


# -- HTML ---------------------------------------------------------------------------------

_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
#: Elements whose content is never the report's text.
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object",
                   "embed", "svg", "select", "option", "button", "input", "textarea", "map"})
#: Elements that start and end a line.
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
                    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
                    "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol",
                    "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "td", "th",
                    "ul"})
_SPACES = re.compile(r"[ \t\n\r\f]+")
# Browsers cap spans (colspan at 1000); a report table has a few dozen columns at most, and
# a cap keeps a hostile page from making a grid of millions of cells.
_MAX_COLSPAN = 64


def _declared_charset(data: bytes) -> str | None:
    # Like a browser's prescan: the <meta> in the first kilobytes names the charset.
    m = _CHARSET.search(data[:8192])
    return m.group(1).decode("ascii") if m else None


#: What starts the line :func:`html_text` gives an ``<img>`` when asked (``images=True``).
IMAGE_MARK = "\x1agkreport-image "


def html_text(page: str, *, images: bool = False) -> str:
    """The report's text from an HTML page: its body without the site's furniture.

    >>> html_text('<div><p>一、总体情况</p><table><tr><td rowspan="2">三</td>'
    ...           '<td>(一)予以公开</td><td>3</td></tr><tr><td>(二)部分公开</td>'
    ...           '<td>&nbsp;</td></tr></table></div>')
    '一、总体情况\\n三\\t(一)予以公开\\t3\\n\\t(二)部分公开\\t'
    """
    from lxml import etree

    page = page.strip()
    if not page:
        return ""
    # lxml refuses str input that carries an XML encoding declaration; bytes it takes. The
    # plain etree parser builds the tree lxml.html's does, without calling back into Python
    # for the class of every element the walk touches.
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = etree.fromstring(page.encode("utf-8", "surrogatepass"), parser)
        if root is None:
            raise etree.ParserError("Document is empty")  # lxml.html's words for it
    except Exception as exc:  # lxml raises its own hierarchy, ParserError among it
        raise DecodeError(f"the page could not be read as HTML: {exc}") from exc
    body = root.find("body")
    return _Walk(root if body is None else body, images).text()


def html_links(data: str | bytes) -> list[tuple[str, str]]:
    """Every link of a page: its ``href`` and its text, in document order.

    >>> html_links('<p>附件：<a href="/gk/2023年度报告.pdf">某县2023年度报告.pdf</a></p>')
    [('/gk/2023年度报告.pdf', '某县2023年度报告.pdf')]
    """
    import lxml.html

    page = data if isinstance(data, str) else decode_bytes(data, declared=_declared_charset(data))[0]
    if not page.strip():
        return []
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root: Any = lxml.html.document_fromstring(page.strip().encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # a page html_text read cannot fail here; any other has no links to give
        return []
    return [(a.get("href", "").strip(), _SPACES.sub(" ", a.text_content()).strip())
            for a in root.iter("a") if a.get("href")]


_META_KEYS = tuple(f"{label}:" for label in META_FIELDS)


def _is_meta(line: str) -> bool:
    if ":" not in line and "：" not in line:  # normalise_line makes no colon but of these
        return False
    key = compact(normalise_line(line))
    return any(field in key for field in _META_KEYS)


#: Ends a line in a walk's stream of text: libxml2's strings end at a NUL, so no text holds one.
_BREAK = "\x00"
#: What YEAR_TITLE asks every title to hold.
_TITLE_WORD = "报告"
#: Any section heading's stem.
_STEM = re.compile("|".join(re.escape(stem) for s in SECTIONS for stem in s.stems)).search
#: Text holding none of these characters (the last of each section heading's stems, and of
#: the title's word) is neither a heading nor a title: most text. compact only drops
#: characters, so what its key holds the text holds.
_MAY_HEAD = re.compile(
    "[" + re.escape("".join(sorted({stem[-1] for s in SECTIONS for stem in s.stems} | {_TITLE_WORD[-1]})))
    + "]").search


#: What an element is to a cell's text (:func:`_cell_run`), by its tag: one lookup.
_INLINE, _BLOCK_KIND, _BR, _SKIPPED = range(4)
_CELLS = frozenset({"td", "th"})
_KINDS: dict[str, int] = {**dict.fromkeys(_BLOCK, _BLOCK_KIND), "br": _BR, **dict.fromkeys(_SKIP, _SKIPPED)}


class _Stop(Exception):
    """The element that holds the report is read: nothing after it is kept."""


class _Walk:
    """One walk over a page's body, in document order, that reads at once its lines, the
    section headings that tell which element holds the report, and the titles above it.

    The report's element is the nearest ancestor of its section headings (the first text of
    each), known only once they are found; its lines start and end at its edges even where
    it is an inline element. So the body's lines are kept as a stream (text, ``_BREAK``, a
    table's lines) with where each element of the first heading's chain begins and ends in
    it, and cut there afterwards. Once all six headings are found the element is known, and
    the walk stops at its end. Only the body's own elements are placed so: the lines never
    read an element inside a table's cell or a skipped one, whatever it holds.
    """

    def __init__(self, body: Any, images: bool = False) -> None:
        self.body = body
        #: Whether an <img> is a line of its own (IMAGE_MARK and its src).
        self.images = images
        self.stream: list[Any] = []
        self.headings: dict[int, Any] = {}
        #: The first heading's element and its ancestors: the report's element is among them.
        self.chain: set[Any] = set()
        #: Where each element of the chain that the body's lines read begins and ends in them.
        self.places: dict[Any, tuple[int, int]] = {}
        #: Title-like text, in document order, with the element whose text or tail it is.
        self.titles: list[tuple[Any, str]] = []
        self.stop_at: Any = None

    def text(self) -> str:
        """The report's lines, after the metadata lines and the title above it."""
        body = self.body
        with contextlib.suppress(_Stop):  # the report's element is read
            self.visit(body, None)
        container = _common_ancestor(body, self.headings)
        if container is body:
            return "\n".join(_stream_lines(self.stream))
        front: list[str] = []
        lines: list[str] = []
        place = self.places.get(container)
        if place is not None:
            begin, end = place
            # Above the report, only its metadata (索引号, 发布机构… often a table of its own)
            # and its title belong to it; the rest is the site's.
            front = [line for line in _stream_lines(self.stream[:begin]) if _is_meta(line)]
            lines = _stream_lines(self.stream[begin:end])
        title = next((text for element, text in reversed(self.titles) if _precedes(element, container)),
                     None)
        return "\n".join([*front, *([title] if title else []), *lines])

    def visit(self, el: Any, parent: Any) -> str | None:
        """Read ``el``, an element of the body's lines, and what is under it into the stream;
        give its tail, which is the parent's text."""
        tag = el.tag
        if tag.__class__ is not str:  # a processing instruction: no text of its own
            return el.tail  # type: ignore[no-any-return]
        text, tail = el.text, el.tail
        if tag in _SKIP:
            for child in el:
                self.look(child, el)
            return tail  # type: ignore[no-any-return]
        if text and _MAY_HEAD(text):
            self.scan(text, el, el)
        if tail and _MAY_HEAD(tail):
            self.scan(tail, parent, el)
        out = self.stream
        if tag == "img" and self.images and (src := (el.get("src") or "").strip()):
            out += (_BREAK, IMAGE_MARK + src, _BREAK)
        if tag == "br":
            out.append(_BREAK)
            for child in el:
                self.look(child, el)
            return tail  # type: ignore[no-any-return]
        begin = len(out)
        if tag == "table" and _is_data_table(el):
            out.append(self.table(el))
        else:
            block = tag in _BLOCK
            if block:
                out.append(_BREAK)
            if text:
                out.append(text)
            for child in el:
                rest = self.visit(child, el)
                if rest:
                    out.append(rest)
            if block:
                out.append(_BREAK)
        if self.chain and el in self.chain:
            self.places[el] = (begin, len(out))
            if el is self.stop_at:
                raise _Stop
        return tail  # type: ignore[no-any-return]

    def look(self, el: Any, parent: Any) -> None:
        """Look for headings and titles under what the lines do not read (a skipped element)."""
        tag = el.tag
        if tag.__class__ is str and tag not in _SKIP:
            text, tail = el.text, el.tail
            if text and _MAY_HEAD(text):
                self.scan(text, el, el)
            if tail and _MAY_HEAD(tail):
                self.scan(tail, parent, el)
        for child in el:
            self.look(child, el)

    def scan(self, text: str, owner: Any, element: Any) -> None:
        """Note a section heading of ``owner`` (None: none) or a title in ``text``, the text or
        the tail of ``element``."""
        key = compact(text)
        size = len(key)
        if size > 80:  # a paragraph: too long for a heading (40) or a title (80 with spaces)
            return
        if owner is not None and size <= 40 and _STEM(key):
            headings = self.headings
            for section in SECTIONS:
                if section.number not in headings and any(stem in key for stem in section.stems):
                    if not headings:
                        self.chain = {owner, *owner.iterancestors()}
                    headings[section.number] = owner
            if len(headings) == len(SECTIONS) and self.stop_at is None:
                self.stop_at = _common_ancestor(self.body, headings)
        if _TITLE_WORD in key:
            line = _SPACES.sub(" ", text).strip()
            if 6 <= len(line) <= 80 and YEAR_TITLE.search(key):
                # The text node alone, as before: the old reader's take of the whole heading
                # (text_content) hung on `node is element.text`, which lxml's fresh strings
                # never pass.
                self.titles.append((element, line))

    def may_find(self, element: Any) -> bool:
        """Whether the text under ``element`` may hold a heading not found yet, or a title:
        the key of each of its text nodes is a piece of the key of the whole."""
        from lxml import etree

        key = compact(etree.tostring(element, method="text", encoding=str, with_tail=False))
        return _TITLE_WORD in key or any(stem in key for section in SECTIONS
                                         if section.number not in self.headings for stem in section.stems)

    def table(self, table: Any) -> list[str]:
        """A data table's lines; what its text holds of headings and titles noted."""
        # Every row under the table, one inside a cell or a skipped element too (lxml lists
        # them in C), and each row's own cells.
        rows = [[(td, _cell_text(td)) for td in tr if td.tag in _CELLS] for tr in table.iter("tr")]
        # A table seldom holds a heading or a title: a look at its whole text tells whether
        # its text needs a look, node by node.
        if self.may_find(table):
            for child in table:
                self.look(child, table)
        return _grid_lines(rows)


def _cell_text(td: Any) -> str:
    """A cell's text: its lines on one line."""
    text = td.text
    if not len(td):  # text alone, as most cells hold
        return _clean(text)
    out: list[str] = [text] if text else []
    for child in td:
        rest = _cell_run(child, out)
        if rest:
            out.append(rest)
    run = "".join(out).strip(_BREAK)  # the cell's own line breaks, at its edges, break nothing
    if _BREAK in run:
        return " ".join(_lines(run)).replace("\u00a0", " ").strip()
    return _clean(run)  # one line: what the join above comes to


def _cell_run(el: Any, out: list[str]) -> str | None:
    """Read ``el``, in a data table's cell, and what is under it into ``out``; give its tail."""
    tag = el.tag
    kind = _KINDS.get(tag, _INLINE)
    if kind >= _BR:  # a line break, or skipped: nothing under it is read
        if kind == _BR:
            out.append(_BREAK)
        return el.tail  # type: ignore[no-any-return]
    if kind == _INLINE and tag.__class__ is not str:  # a processing instruction: no text
        return el.tail  # type: ignore[no-any-return]
    if kind:
        out.append(_BREAK)
    text = el.text
    if text:
        out.append(text)
    if len(el):
        for child in el:
            rest = _cell_run(child, out)
            if rest:
                out.append(rest)
    if kind:
        out.append(_BREAK)
    return el.tail  # type: ignore[no-any-return]


def _common_ancestor(body: Any, headings: dict[int, Any]) -> Any:
    """The element that holds the report: the nearest ancestor of its section headings."""
    if len(headings) < 2:
        return body
    chains = [[element, *element.iterancestors()] for element in headings.values()]
    others = [set(chain) for chain in chains[1:]]
    for candidate in chains[0]:
        if all(candidate in chain for chain in others):
            return candidate
    return body  # pragma: no cover - the body is an ancestor of every element


def _precedes(element: Any, other: Any) -> bool:
    """Whether ``element`` comes before ``other`` in document order, an ancestor before its
    descendants (as lxml's ``iter`` lists them)."""
    if element is other:
        return False
    others = [other, *other.iterancestors()]
    if element in others:
        return True
    below = element
    for above in element.iterancestors():
        if above in others:
            if above is other:
                return False  # inside it
            return bool(above.index(below) < above.index(others[others.index(above) - 1]))
        below = above
    return False  # pragma: no cover - both are in one tree


def _is_data_table(table: Any) -> bool:
    # A table that holds tables lays out the page; one that does not holds data.
    return next(table.iterdescendants("table"), None) is None


def _clean(text: str | None) -> str:
    """A line of a cell's text, its spaces collapsed and stripped."""
    if not text:
        return ""
    words = text.split()
    if len(words) == 1 and words[0] is text:  # no space of any kind: nothing to do
        return text
    return _SPACES.sub(" ", text).replace("\u00a0", " ").strip()


def _lines(run: str) -> list[str]:
    """The lines of a run of a stream: a break ends each; spaces are collapsed, and a line of
    only spaces (a spacer paragraph, where the text would take it for a blank cell) dropped."""
    return [line for part in run.split(_BREAK)
            if part and (line := _SPACES.sub(" ", part).strip(" ")).strip()]


def _stream_lines(stream: list[Any]) -> list[str]:
    """The lines of a stream: its runs of text, and its tables' lines (lists) as they are."""
    lines: list[str] = []
    start = 0
    for at, item in enumerate(stream):
        if item.__class__ is list:
            lines += _lines("".join(stream[start:at]))
            lines += item
            start = at + 1
    lines += _lines("".join(stream[start:]))
    return lines


def _is_value(cell: str) -> bool:
    return is_cell_value(compact(normalise_line(cell)))


def _span(value: str | None, cap: int) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), cap)


def _grid_lines(rows: list[list[tuple[Any, str]]]) -> list[str]:
    """One line per row, tab-separated; row-spanned cells leave an empty cell below.

    An empty cell of its own first in a row of values alone (the appeals table's) is a blank
    value: it is printed as a dash, as copies do, since an empty cell leading a line is read
    as the merged label cells of a layout.
    """
    # Of each row below, the cells that span down into it: column -> width.
    below: dict[int, dict[int, int]] = {}
    lines = []
    for r, row in enumerate(rows):
        cells: list[str] = []
        spans = below.pop(r, None)
        own_first = not spans or 0 not in spans  # else the row's first cell is one from above
        c = 0
        for td, text in row:
            while spans and c in spans:
                cells.append("")  # under a cell that spans down from a row above
                c += spans.pop(c)
            # No span given is 1: the common case, without the call.
            rowspan = td.get("rowspan")
            rowspan = 1 if rowspan is None else _span(rowspan, len(rows) - r)
            colspan = td.get("colspan")
            colspan = 1 if colspan is None else _span(colspan, _MAX_COLSPAN)
            if rowspan > 1:
                for dr in range(r + 1, r + rowspan):
                    below.setdefault(dr, {})[c] = colspan
            cells.append(text)  # one cell however many columns it spans
            c += colspan
        # Spans left past the row's last cell go with it: nothing follows them on the line.
        line = _row_line(cells, own_first)
        if line is not None:
            lines.append(line)
    return lines


def _row_line(cells: list[str], own_first: bool) -> str | None:
    """A table row's line (None for a row of empty cells), its first cell a dash where it
    is a blank value of the row's own (see :func:`_grid_lines`)."""
    if not any(cells):
        return None
    if own_first and not cells[0] and all(_is_value(x) for x in cells if x):
        cells = [BLANK_MARK, *cells[1:]]
    return "\t".join(cells)


# -- Word and PDF -------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    try:
        import docx
    except ImportError as exc:
        raise UnsupportedFormatError("reading .docx needs python-docx: pip install 'gkreport[docx]'",
                                     extra="docx", name=exc.name) from exc
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: WordDocument = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml errors
        raise DecodeError(f"the file could not be read as a Word document: {exc}") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_word_table_lines(block))
    return "\n".join(lines)


def _word_table_lines(table: Any) -> list[str]:
    lines = []
    # The XML cells themselves, not their id()s: lxml makes a proxy per access, and an id
    # is only unique while its proxy lives.
    above: set[Any] = set()  # the cells of the row above, to tell vertical merges
    for row in table.rows:
        cells: list[str] = []
        seen: set[Any] = set()
        for cell in row.cells:
            tc = cell._tc
            if tc in seen:
                continue  # a cell spanning columns is listed once per column
            seen.add(tc)
            cells.append("" if tc in above else cell.text.replace("\t", " ").replace("\n", " ").strip())
        above = seen
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _pdf_text(data: bytes) -> str:
    try:
        import pdfplumber
    except ImportError as exc:
        raise UnsupportedFormatError("reading .pdf needs pdfplumber: pip install 'gkreport[pdf]'",
                                     extra="pdf", name=exc.name) from exc
    from ._pdftables import page_lines
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            text = "\n".join(line for page in pdf.pages for line in page_lines(page, _row_line))
    except DecodeError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise DecodeError(f"the file could not be read as a PDF: {exc}") from exc
    # A scan's pages are pictures: a few stray characters at most, where a report has thousands.
    chars = len("".join(text.split()))
    if chars < _MIN_PDF_CHARS * max(pages, 1):
        held = "no text" if not chars else f"only {chars} characters of text"
        raise NoTextLayerError(f"the PDF has {pages} page{'s' if pages != 1 else ''} and {held}: no text "
                               "layer (scanned images?); it needs OCR before it can be read", pages=pages)
    return text


#: Fewer characters of text a page than this, and a PDF is taken for one without a text layer.
_MIN_PDF_CHARS = 10


# -- Old Word (.doc) and the other compound files ------------------------------------------

#: The first bytes of an OLE2 compound file: Word 97-2003, Excel 97-2003, WPS Office's own.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream every Word 97-2003 document holds.
_WORD_STREAM = "WordDocument"
#: WPS Office's formats, by suffix: what each is. A .wps may hold a Word stream too, but
#: is told by name: it is WPS's format, which no Word reader is sure to read.
_WPS_KINDS: dict[str, str] = {
    ".wps": "a WPS Office document (WPS 文字, .wps)",
    ".et": "a WPS Office spreadsheet (WPS 表格, .et)",
    ".dps": "a WPS Office presentation (WPS 演示, .dps)",
}
#: The other compound files a folder of reports holds, by suffix and by a stream they hold.
_COMPOUND_KINDS: dict[str, str] = {
    **_WPS_KINDS, ".xls": "an Excel workbook (.xls)", ".ppt": "a PowerPoint presentation (.ppt)",
}
_STREAM_KINDS: dict[str, str] = {
    "Workbook": "an Excel workbook", "Book": "an Excel workbook",
    "PowerPoint Document": "a PowerPoint presentation",
}
#: The programs that print a .doc's text, in the order tried: each program, its arguments
#: before the file, and the Debian package that brings it. catdoc first: it prints a table
#: row as a line of tab-separated cells, merged cells too; antiword (0.37) prints the rows
#: of a table whose rows have different numbers of cells (the applicant matrix) as one line.
_DOC_READERS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("catdoc", ("-d", "utf-8", "-w"), "catdoc"),
    ("antiword", ("-m", "UTF-8.txt", "-w", "0"), "antiword"),
)
#: Seconds a program is given to read a .doc: a report takes a fraction of one; a damaged
#: file may make one loop.
_DOC_TIMEOUT = 60.0


def _compound_format(data: bytes, suffix: str) -> Format:
    """``"doc"`` for a Word 97-2003 document; for a compound file known to be another (or a
    WPS file, by its suffix) an :class:`UnreadFormatError` that names what it is."""
    kind = _COMPOUND_KINDS.get(suffix)
    if kind is None:
        streams = _compound_streams(data)
        if _WORD_STREAM in streams:
            return "doc"
        kind = next((what for name, what in _STREAM_KINDS.items() if name in streams), None)
        if kind is None:
            return "doc"  # a Word file cut short, or one of no kind named: the program says which
    raise UnreadFormatError(f"{kind} is a format gkreport does not read: save it as .docx or PDF, "
                            "or copy its text, and parse that", kind=kind)


def _compound_streams(data: bytes) -> set[str]:
    """Which of the streams compound files are told by ``data``'s directory names.

    A directory entry is 128 bytes, at a multiple of 128 from the start (sectors are 512 or
    4096 bytes), and opens with its name in UTF-16 and a NUL, whose size in bytes follows at
    byte 64: a name found so is an entry's, without following the file's sector chains.
    """
    found = set()
    for name in (_WORD_STREAM, *_STREAM_KINDS):
        entry = (name + "\x00").encode("utf-16-le")
        size = len(entry).to_bytes(2, "little")
        at = data.find(entry)
        while at >= 0:
            if at % 128 == 0 and data[at + 64:at + 66] == size:
                found.add(name)
                break
            at = data.find(entry, at + 1)
    return found


def _doc_text(data: bytes) -> str:
    """A Word 97-2003 document's text, as the first of :data:`_DOC_READERS` installed prints it."""
    reader = next(((path, args) for program, args, _ in _DOC_READERS if (path := shutil.which(program))), None)
    if reader is None:
        programs = tuple(program for program, _, _ in _DOC_READERS)
        packages = tuple(dict.fromkeys(package for _, _, package in _DOC_READERS))
        raise MissingProgramError(f"reading .doc (Word 97-2003) needs {' or '.join(programs)}, and none is "
                                  f"installed: apt-get install {' '.join(packages)} (Debian, Ubuntu), or save "
                                  "the file as .docx", programs=programs, packages=packages)
    path, args = reader
    program = os.path.basename(path)
    unread = "the file could not be read as a Word 97-2003 document"
    # The programs read a file, not standard input; a folder of its own is removed whatever happens.
    with tempfile.TemporaryDirectory(prefix="gkreport-") as folder:
        file = os.path.join(folder, "report.doc")
        with open(file, "wb") as out:
            out.write(data)
        try:
            done = subprocess.run([path, *args, file], stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=_DOC_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise DecodeError(f"{unread}: {program} was still reading it after {_DOC_TIMEOUT:g} s") from exc
        except OSError as exc:
            raise DecodeError(f"{unread}: {program} could not be run: {exc}") from exc
    if done.returncode != 0:
        said = " ".join(done.stderr.decode("utf-8", "replace").replace(file, "the file").split())
        why = f"{program} said {said!r}" if said else f"{program} stopped with status {done.returncode}"
        raise DecodeError(f"{unread}: {why}")
    return newlines(done.stdout.decode("utf-8", "replace"))
