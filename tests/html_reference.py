"""The HTML reader as it was before it walked the page once (gkreport 4fda855), kept as the
reference the faster one must agree with, page for page (``test_html_once.py``).

It walks the page three times: every text node for the section headings, then the whole body
for its lines (each cell of a table walked anew), then the elements above the report for its
title. Only the lxml parse and the shared helpers are gkreport's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.html

from gkreport._normalise import compact, normalise_line
from gkreport._patterns import YEAR_TITLE
from gkreport.errors import DecodeError
from gkreport.extract import _BLOCK, _MAX_COLSPAN, _SKIP, _SPACES, _is_value, _span
from gkreport.template import BLANK_MARK, META_FIELDS, SECTIONS


def html_text(page: str) -> str:
    page = page.strip()
    if not page:
        return ""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml.html.document_fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception as exc:
        raise DecodeError(f"the page could not be read as HTML: {exc}") from exc
    body = root.find("body")
    if body is None:
        body = root
    container = _content(body)
    lines = _Lines(container)
    lines.walk(body)
    lines.newline()
    front = [line for line in lines.lines[:lines.start] if _is_meta(line)]
    title = _title_before(body, container)
    return "\n".join([*front, *([title] if title else []), *lines.lines[lines.start:lines.end]])


def _is_meta(line: str) -> bool:
    key = compact(normalise_line(line))
    return any(f"{label}:" in key for label in META_FIELDS)


def _content(body: Any) -> Any:
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
    return body


def _text_nodes(root: Any) -> Iterator[tuple[Any, str]]:
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
    if container is body:
        return None
    title = None
    for element in body.iter():
        if element is container:
            break
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        for node in (element.text, element.tail):
            text = _SPACES.sub(" ", node or "").strip()
            if 6 <= len(text) <= 80 and YEAR_TITLE.search(compact(text)):
                whole = _SPACES.sub(" ", element.text_content()).strip() if node is element.text else ""
                title = whole if text in whole and len(whole) <= 80 else text
    return title


class _Lines:
    def __init__(self, container: Any = None) -> None:
        self.lines: list[str] = []
        self._pieces: list[str] = []
        self._container = container
        self.start = 0
        self.end = 0

    def text(self, text: str | None) -> None:
        if text:
            self._pieces.append(text)

    def newline(self) -> None:
        line = _SPACES.sub(" ", "".join(self._pieces)).strip(" ")
        self._pieces = []
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
    return not any(True for _ in table.iterdescendants("table"))


def _cell_text(cell: Any) -> str:
    lines = _Lines()
    lines.walk(cell)
    lines.newline()
    return " ".join(line.replace("\t", " ") for line in lines.lines).replace("\u00a0", " ").strip()


def _table_lines(table: Any) -> list[str]:
    rows = list(table.iter("tr"))
    spans: dict[tuple[int, int], int] = {}
    lines = []
    for r, tr in enumerate(rows):
        cells: list[str] = []
        own_first = (r, 0) not in spans
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in spans:
                cells.append("")
                c += spans.pop((r, c))
            rowspan = _span(td.get("rowspan"), len(rows) - r)
            colspan = _span(td.get("colspan"), _MAX_COLSPAN)
            for dr in range(1, rowspan):
                spans[(r + dr, c)] = colspan
            cells.append(_cell_text(td))
            c += colspan
        for key in [k for k in spans if k[0] == r]:
            del spans[key]
        line = _row_line(cells, own_first)
        if line is not None:
            lines.append(line)
    return lines


def _row_line(cells: list[str], own_first: bool) -> str | None:
    if not any(cells):
        return None
    if own_first and not cells[0] and all(_is_value(x) for x in cells if x):
        cells = [BLANK_MARK, *cells[1:]]
    return "\t".join(cells)
