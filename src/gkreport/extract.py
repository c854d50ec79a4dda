"""Stage 1b, extract: the text of a report published as a web page, a Word file or a PDF.

Each format becomes the plain text a careful copy would give: paragraphs one per line, and
each table row one line of tab-separated cells, with merged cells resolved the way copies
print them (a row-spanning label leaves empty cells at the start of the rows below it; a
column-spanning cell is one cell). That text then goes through the same tokenizer and
grammar as any text copy: there is no second reader of the template.

HTML is read with lxml's HTML parser; Word with python-docx and PDF with pdfplumber, both
optional (``pip install gkreport[docx]``, ``gkreport[pdf]``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any, Literal, get_args

from ._decode import decode_bytes, newlines
from ._normalise import compact, normalise_line
from ._patterns import YEAR_TITLE, is_cell_value
from .errors import DecodeError, NoTextLayerError, UnsupportedFormatError
from .template import BLANK_MARK, META_FIELDS, SECTIONS

__all__ = ["FORMATS", "Format", "extract", "html_links", "html_text", "sniff"]

Format = Literal["text", "html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = get_args(Format)

_SUFFIXES: dict[str, Format] = {
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf",
}
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
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = data[:2048]
    start = (head.decode("latin-1") if isinstance(head, bytes) else head).lstrip("\ufeff \t\r\n")
    start = start.lower()
    if start.startswith("<") and any(sign in start for sign in _HTML_SIGNS):
        return "html"
    return "text"


def extract(data: str | bytes, fmt: Format) -> tuple[str, str]:
    """The plain text of ``data`` in format ``fmt``, and the encoding its bytes were read in."""
    if fmt == "text":
        if isinstance(data, str):
            return newlines(data), "str"
        text, encoding = decode_bytes(data)
        return newlines(text), encoding
    if fmt == "html":
        if isinstance(data, str):
            return html_text(data), "str"
        text, encoding = decode_bytes(data, declared=_declared_charset(data))
        return html_text(text), encoding
    binary = data.encode("utf-8") if isinstance(data, str) else data
    if fmt == "docx":
        return _docx_text(binary), "docx"
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


def html_text(page: str) -> str:
    """The report's text from an HTML page: its body without the site's furniture.

    >>> html_text('<div><p>一、总体情况</p><table><tr><td rowspan="2">三</td>'
    ...           '<td>(一)予以公开</td><td>3</td></tr><tr><td>(二)部分公开</td>'
    ...           '<td>&nbsp;</td></tr></table></div>')
    '一、总体情况\\n三\\t(一)予以公开\\t3\\n\\t(二)部分公开\\t'
    """
    import lxml.html

    page = page.strip()
    if not page:
        return ""
    # lxml refuses str input that carries an XML encoding declaration; bytes it takes.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml.html.document_fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception as exc:  # lxml raises its own hierarchy, ParserError among it
        raise DecodeError(f"the page could not be read as HTML: {exc}") from exc
    body = root.find("body")
    if body is None:
        body = root
    container = _content(body)
    lines = _Lines(container)
    lines.walk(body)
    lines.newline()
    # Above the report, only its metadata (索引号, 发布机构… often a table of its own) and
    # its title belong to it; the rest is the site's.
    front = [line for line in lines.lines[:lines.start] if _is_meta(line)]
    title = _title_before(body, container)
    return "\n".join([*front, *([title] if title else []), *lines.lines[lines.start:lines.end]])


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


def _is_meta(line: str) -> bool:
    key = compact(normalise_line(line))
    return any(f"{label}:" in key for label in META_FIELDS)


def _content(body: Any) -> Any:
    """The element that holds the report: the nearest ancestor of its section headings."""
    headings: dict[int, Any] = {}
    for element, text in _text_nodes(body):
        key = compact(text)
        if not key or len(key) > 40:
            continue
        for section in SECTIONS:
            if section.number not in headings and any(stem in key for stem in section.stems):
                headings[section.number] = element
    if len(headings) < 2:
        return body
    chains = [[element, *element.iterancestors()] for element in headings.values()]
    others = [set(chain) for chain in chains[1:]]
    for candidate in chains[0]:
        if all(candidate in chain for chain in others):
            return candidate
    return body  # pragma: no cover - the body is an ancestor of every element


def _text_nodes(root: Any) -> Iterator[tuple[Any, str]]:
    """Every text node under ``root`` with the element it belongs to."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        if element.text:
            yield element, element.text
        if element.tail and element is not root:
            parent = element.getparent()
            if parent is not None:
                yield parent, element.tail


def _title_before(body: Any, container: Any) -> str | None:
    """The report's title when the page prints it above the element holding the report."""
    if container is body:
        return None
    title = None
    for element in body.iter():  # document order: the container's ancestors come first
        if element is container:
            break
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        for node in (element.text, element.tail):
            text = _SPACES.sub(" ", node or "").strip()
            if 6 <= len(text) <= 80 and YEAR_TITLE.search(compact(text)):
                # The whole heading, when its text is split by inline markup.
                whole = _SPACES.sub(" ", element.text_content()).strip() if node is element.text else ""
                title = whole if text in whole and len(whole) <= 80 else text
    return title


class _Lines:
    """Lines of text built from a walk over elements, blocks and tables resolved."""

    def __init__(self, container: Any = None) -> None:
        self.lines: list[str] = []
        self._pieces: list[str] = []
        self._container = container
        #: Where the container's lines start and end.
        self.start = 0
        self.end = 0

    def text(self, text: str | None) -> None:
        if text:
            self._pieces.append(text)

    def newline(self) -> None:
        line = _SPACES.sub(" ", "".join(self._pieces)).strip(" ")
        self._pieces = []
        # A line of only (non-breaking) spaces is a spacer paragraph; in the text it would
        # stand for a blank table cell, so it is dropped.
        if line.strip():
            self.lines.append(line)

    def walk(self, element: Any) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return
        if tag == "br":
            self.newline()
            return
        if tag == "table" and _is_data_table(element):
            self.newline()
            if element is self._container:
                self.start = len(self.lines)
            self.lines.extend(_table_lines(element))
            if element is self._container:
                self.end = len(self.lines)
            return
        block = tag in _BLOCK or element is self._container
        if block:
            self.newline()
        if element is self._container:
            self.start = len(self.lines)
        self.text(element.text)
        for child in element:
            self.walk(child)
            self.text(child.tail)
        if block:
            self.newline()
        if element is self._container:
            self.end = len(self.lines)


def _is_data_table(table: Any) -> bool:
    # A table that holds tables lays out the page; one that does not holds data.
    return not any(True for _ in table.iterdescendants("table"))


def _cell_text(cell: Any) -> str:
    lines = _Lines()
    lines.walk(cell)
    lines.newline()
    return " ".join(line.replace("\t", " ") for line in lines.lines).replace("\u00a0", " ").strip()


def _is_value(cell: str) -> bool:
    return is_cell_value(compact(normalise_line(cell)))


def _span(value: str | None, cap: int) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), cap)


def _table_lines(table: Any) -> list[str]:
    """One line per row, tab-separated; row-spanned cells leave an empty cell below.

    An empty cell of its own first in a row of values alone (the appeals table's) is a blank
    value: it is printed as a dash, as copies do, since an empty cell leading a line is read
    as the merged label cells of a layout.
    """
    rows = list(table.iter("tr"))
    spans: dict[tuple[int, int], int] = {}  # (row, column) -> width of a cell from above
    lines = []
    for r, tr in enumerate(rows):
        cells: list[str] = []
        own_first = (r, 0) not in spans  # else the row's first cell is one from above
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in spans:
                cells.append("")  # under a cell that spans down from a row above
                c += spans.pop((r, c))
            rowspan = _span(td.get("rowspan"), len(rows) - r)
            colspan = _span(td.get("colspan"), _MAX_COLSPAN)
            for dr in range(1, rowspan):
                spans[(r + dr, c)] = colspan
            cells.append(_cell_text(td))  # one cell however many columns it spans
            c += colspan
        for key in [k for k in spans if k[0] == r]:
            del spans[key]  # spans past the row's last cell: nothing follows them on the line
        line = _row_line(cells, own_first)
        if line is not None:
            lines.append(line)
    return lines


def _row_line(cells: list[str], own_first: bool) -> str | None:
    """A table row's line (None for a row of empty cells), its first cell a dash where it
    is a blank value of the row's own (see :func:`_table_lines`)."""
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
