"""Stage 1b, extract (pictures): the text of a report whose tables are pictures.

A picture of a table (a PNG or JPEG, a page of a scanned PDF, an ``<img>`` in a web page)
is read in three steps, and the text it gives then goes through the same tokenizer and
grammar as any copy:

1. an OCR engine finds the picture's text boxes and reads each (:class:`Box`); the default
   is RapidOCR on ONNX Runtime, whose wheel carries its Chinese models (``pip install
   'gkreport[ocr]'``; nothing is downloaded at run time);
2. the table's ruled lines give its cells (:func:`grid_of`): each box goes to the cell its
   centre lies in, a cell's boxes are joined (a label wrapped over two lines is one label),
   a cell merged down several rows prints at its first, and a cell with no box is an empty
   cell, not a missing one — a blank stays in its column;
3. each table row becomes a line of tab-separated cells, and the text outside the tables
   (the title, the headings, the paragraphs) a line per printed line, all in reading order.

A picture's numbers are readings, not print: every cell read from one says so
(``ocr-read``), and the template's identities check them afterwards
(:mod:`gkreport._misread`).
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import io
import itertools
import math
import os
import re
import statistics
import urllib.parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import metadata
from typing import TYPE_CHECKING, Final, Protocol

import attrs

from ._misread import Picture
from ._patterns import is_cell_value
from .diagnostics import Diagnostic, span
from .errors import DecodeError, NotAReportError, NoTextLayerError, UnsupportedFormatError
from .extract import _SUFFIXES, IMAGE_MARK, Extracted

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

__all__ = [
    "IMAGE_SUFFIXES",
    "Box",
    "Engine",
    "Grid",
    "OcrPage",
    "PictureText",
    "Recognise",
    "default_engine",
    "folder_text",
    "grid_of",
    "image_pictures",
    "page_images",
    "page_text",
    "pdf_pictures",
    "picture_text",
    "read_pictures",
    "require_ocr",
]

#: The suffixes of the pictures gkreport reads (Pillow reads each).
IMAGE_SUFFIXES: Final = tuple(suffix for suffix, fmt in _SUFFIXES.items() if fmt == "image")


@attrs.frozen
class Box:
    """A run of text the engine found and read, in the picture's pixels, and its confidence."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    score: float = 1.0
    #: How its line of text slopes, down over across (a skewed scan's lines slope).
    slope: float = 0.0

    @property
    def middle(self) -> tuple[float, float]:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Engine(Protocol):
    """An OCR engine: reads the text boxes of a picture. Any object with these two members
    serves (:func:`read_pictures` takes one), so another engine can be plugged in; one with a
    ``recognise`` method too (:data:`Recognise`) reads again alone a cell it missed."""

    #: The engine and its version, as ``ocr-read`` names it.
    name: str

    def read(self, image: Image.Image) -> list[Box]: ...


class _RapidOcr:
    """RapidOCR (``rapidocr_onnxruntime``) with the models its wheel carries."""

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped]
        except ImportError as exc:
            raise _missing(exc) from exc
        self._engine = RapidOCR()
        self.name = f"RapidOCR {metadata.version('rapidocr_onnxruntime')}"

    def read(self, image: Image.Image) -> list[Box]:
        import numpy as np
        # OpenCV's order of channels, which the engine expects of an array.
        pixels = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        boxes = []
        for top, bottom in _strips(pixels.mean(axis=2) < 128, _STRIP):
            # Low-scoring boxes are kept: their score is said, and the arithmetic checks them.
            found, _ = self._engine(pixels[top:bottom], text_score=0.3)
            for quad, text, score in found or ():
                xs, ys = [p[0] for p in quad], [p[1] + top for p in quad]
                slope = (ys[1] - ys[0]) / (xs[1] - xs[0]) if xs[1] > xs[0] else 0.0
                boxes.append(Box(str(text), min(xs), min(ys), max(xs), max(ys), float(score), slope))
        return boxes

    def recognise(self, image: Image.Image) -> tuple[str, float]:
        """The text of a picture of one piece of text (a cell), read without looking for
        boxes: an engine that missed a lone 0 on a page often reads it alone."""
        import numpy as np
        pixels = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        found, _ = self._engine(pixels, use_det=False, use_cls=False)
        if not found:
            return "", 0.0
        text, score = found[0]
        return str(text), float(score)


#: The height of the strips a tall picture is read in: the engine shrinks a picture whose
#: longer side is over 2000 pixels, and a page's small print would be lost.
_STRIP = 1600


def _strips(ink: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """Cut a picture's rows into strips no taller than ``limit``, each cut at the row with
    the least ink in the last quarter of the strip (between two lines of text)."""
    height = ink.shape[0]
    strips, top = [], 0
    per_row = ink.sum(axis=1)
    while height - top > limit:
        window = per_row[top + limit * 3 // 4:top + limit]
        cut = top + limit * 3 // 4 + int(window.argmin())
        strips.append((top, cut))
        top = cut
    strips.append((top, height))
    return strips


def _missing(exc: ImportError) -> UnsupportedFormatError:
    return UnsupportedFormatError("reading pictures of tables (images, scanned PDFs) needs OCR: "
                                  "pip install 'gkreport[ocr]'", extra="ocr", name=exc.name)


@functools.cache
def default_engine() -> Engine:
    """The engine :func:`read_pictures` uses unless given one: RapidOCR, made once (loading its
    models takes a second)."""
    return _RapidOcr()


def open_image(data: bytes) -> Image.Image:
    """The picture in ``data`` (PNG, JPEG, GIF, BMP, TIFF, WebP), as Pillow reads it."""
    try:
        from PIL import Image
    except ImportError as exc:
        raise _missing(exc) from exc
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception as exc:  # Pillow raises many kinds on a damaged file
        raise DecodeError(f"the file could not be read as a picture: {exc}") from exc
    return image


# -- the grid: a table's ruled lines --------------------------------------------------------


@attrs.frozen
class Grid:
    """The table rows a picture's ruled lines draw: each row its top and bottom, and its
    cells' left and right edges; ``merged[(row, cell)]`` is the row a cell merged downwards
    starts in (the rule above it is missing there)."""

    rows: tuple[tuple[int, int], ...]
    cells: tuple[tuple[tuple[int, int], ...], ...]
    merged: dict[tuple[int, int], int] = attrs.field(factory=dict, eq=False)

    def find(self, x: float, y: float) -> tuple[int, int] | None:
        """The (row, cell) whose box holds the point, the merged cell's first row; or None."""
        for r, (top, bottom) in enumerate(self.rows):
            if top <= y < bottom:
                for c, (left, right) in enumerate(self.cells[r]):
                    if left <= x < right:
                        return self.merged.get((r, c), r), c
                return None
        return None

    def split(self, box: Box, image: Image.Image | None = None,
              recognise: Recognise | None = None) -> list[Box]:
        """``box`` cut at the vertical rules it runs over: an engine reads the text of
        neighbouring cells as one box where the rule between them is thin, and may read the
        rule as a character (0 beside it as 10). With ``recognise``, each cell's part of the
        box is read again alone, the rules left out; else its characters go to the cells by
        their place along the box, and a rule read as ``|`` or ``1`` at its end is dropped."""
        y = box.middle[1]
        row = next((r for r, (top, bottom) in enumerate(self.rows) if top <= y < bottom), None)
        if row is None:
            return [box]
        edges = [edge for cell in self.cells[row] for edge in cell]
        if image is not None and recognise is not None and any(box.left + 2 < e < box.right - 2 for e in edges):
            return self._read_apart(box, row, image, recognise)
        box = _without_rules(box, edges)
        if len(box.text) < 2:
            return [box]
        over = [(left, right) for left, right in self.cells[row]
                if min(right, box.right) - max(left, box.left) > box.height / 2]
        if len(over) < 2:
            return [box]
        widths = [_weight(ch) for ch in box.text]
        unit = (box.right - box.left) / sum(widths)
        parts: list[list[str]] = [[] for _ in over]
        at = box.left
        for ch, width in zip(box.text, widths, strict=True):
            middle = at + width * unit / 2
            at += width * unit
            i = next((i for i, (left, right) in enumerate(over) if middle < right), len(over) - 1)
            if ch not in "|｜":
                parts[i].append(ch)
        return [Box("".join(p), max(left, box.left), box.top, min(right, box.right), box.bottom, box.score)
                for p, (left, right) in zip(parts, over, strict=True) if p]


    def _read_apart(self, box: Box, row: int, image: Image.Image, recognise: Recognise) -> list[Box]:
        """Each cell's part of a box that runs over a rule, read alone."""
        parts = []
        for left, right in self.cells[row]:
            start, end = max(left + 3, int(box.left)), min(right - 2, int(box.right) + 1)
            if end - start < box.height / 3:
                continue
            text, score = recognise(image.crop((start, int(box.top) - 1, end, int(box.bottom) + 2)))
            if text.strip() and score >= _ALONE_SCORE:
                parts.append(Box(text.strip(), start, box.top, end, box.bottom, score))
        return parts


#: What an engine reads a ruled line as, where it takes one for a character.
_RULE_READINGS = "|｜丨1lI"


def _without_rules(box: Box, edges: Sequence[int]) -> Box:
    """``box`` without the rule it begins or ends with: an engine that takes a cell's rule for
    a character reads 0 beside it as 10. A rule inside the first or last character's width
    is that character; a printed 1 stands clear of its cell's rule."""
    reach = 0.6 * box.height
    text, left, right = box.text, box.left, box.right
    if len(text) > 1 and text[0] in _RULE_READINGS and any(left + 2 < e < left + reach for e in edges):
        text, left = text[1:], min(e for e in edges if e > left + 2)
    if len(text) > 1 and text[-1] in _RULE_READINGS and any(right - reach < e < right - 2 for e in edges):
        text, right = text[:-1], max(e for e in edges if e < right - 2)
    return box if text == box.text else attrs.evolve(box, text=text, left=left, right=right)


def _weight(ch: str) -> float:
    """A character's width in a line of print, a CJK character's being 1."""
    return 0.5 if ch.isascii() else 1.0


#: The grey a ruled line may be drawn in, at the lightest.
_RULE_GREY = 200


def _dark(gray: np.ndarray, lightest: int = 0) -> np.ndarray:
    """The ink: pixels darker than Otsu's threshold of the picture's grey levels (a scan's
    print may be grey, a screenshot's black), or than ``lightest``."""
    import numpy as np
    counts = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(counts)
    mass = np.cumsum(counts * levels)
    total, whole = weight[-1], mass[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (whole * weight / total - mass) ** 2 / (weight * (total - weight))
    threshold = int(np.nanargmax(between[:-1])) if total else 128
    return gray <= max(min(threshold, 200), lightest)


def _runs(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """The pixels of ``mask`` that lie in a run of at least ``length`` along ``axis``:
    a rule, where a glyph's strokes are shorter."""
    import numpy as np
    m = np.moveaxis(mask, axis, -1).astype(np.int32)
    if m.shape[-1] < length:
        return np.zeros_like(mask)
    sums = np.concatenate([np.zeros((*m.shape[:-1], 1), np.int32), np.cumsum(m, axis=-1)], axis=-1)
    starts = (sums[..., length:] - sums[..., :-length]) == length
    # A pixel is covered when a full run starts within ``length`` before it.
    began = np.concatenate([np.zeros((*m.shape[:-1], 1), np.int32), np.cumsum(starts, axis=-1)], axis=-1)
    n = m.shape[-1]
    index = np.arange(n)
    after, before = np.minimum(index + 1, n - length + 1), np.maximum(index - length + 1, 0)
    covered = began[..., after] - began[..., before] > 0
    return np.moveaxis(covered, -1, axis)


def _groups(flags: np.ndarray) -> list[tuple[int, int]]:
    """The runs of True in a 1-D array, as (first, last + 1)."""
    import numpy as np
    edges = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


def grid_of(image: Image.Image, text_height: float) -> Grid:
    """The table rows that ``image``'s ruled lines draw (see :class:`Grid`).

    A rule is a run of ink longer than any glyph's stroke: horizontal, ``3 × text_height``;
    vertical, as tall as a row. A row is the space between two horizontal rules that
    vertical rules cross from top to bottom; the space between two tables, or above one, has
    none crossing it.
    """
    import numpy as np
    # A thin rule drawn again at another size or angle is grey, not black: a rule is any
    # run of pixels darker than the page's own threshold or than light grey.
    ink = _dark(np.asarray(image.convert("L")), _RULE_GREY)
    across = _runs(ink, max(int(3 * text_height), 24), axis=1)
    down = _runs(ink, max(int(0.9 * text_height), 10), axis=0)
    rules = _groups(np.asarray(across.any(axis=1)))
    rows: list[tuple[int, int]] = []
    cells: list[tuple[tuple[int, int], ...]] = []
    merged: dict[tuple[int, int], int] = {}
    for (start, top), (bottom, _) in itertools.pairwise(rules):
        if bottom - top < 0.8 * text_height:
            continue
        # The vertical rules that cross this row from its top rule to its bottom one.
        inside = down[top + 1:bottom - 1]
        crossing = inside.mean(axis=0) >= 0.9
        edges = [(a + b) // 2 for a, b in _groups(crossing)]
        if len(edges) < 2:
            continue
        row = len(rows)
        spans = tuple(itertools.pairwise(edges))
        if rows and rows[-1][1] >= start - 3:
            rule = np.asarray(across[max(start - 1, 0):top + 1].any(axis=0))
            _merge_down(row, spans, cells[-1], rule, merged)
        # The row owns its top rule's pixels: a label centred on a rule of the rows it
        # spans belongs to a row.
        rows.append((start, bottom))
        cells.append(spans)
    return Grid(tuple(rows), tuple(cells), merged)


def _merge_down(row: int, spans: Sequence[tuple[int, int]], above: Sequence[tuple[int, int]],
                rule: np.ndarray, merged: dict[tuple[int, int], int]) -> None:
    """Record the cells of ``row`` that continue the cell above: the rule between them is
    missing over the cell's width, and the cell above has the same edges."""
    for c, (left, right) in enumerate(spans):
        if right - left < 6 or rule[left + 3:right - 2].mean() >= 0.5:
            continue
        for a, (l2, r2) in enumerate(above):
            if abs(l2 - left) <= 3 and abs(r2 - right) <= 3:
                merged[(row, c)] = merged.get((row - 1, a), row - 1)
                break


# -- boxes into lines -----------------------------------------------------------------------


#: What an engine reads for digits in a cell of numbers (0 as o or 。, 1 as l), and 〇, the
#: Chinese zero.
_LETTER_DIGITS = str.maketrans({"o": "0", "O": "0", "。": "0", "〇": "0", "l": "1", "I": "1", "|": "1"})


@attrs.frozen
class OcrPage:
    """One picture read: its lines of text; the lines (0-based) whose numbers were letters
    taken as digits, with what was printed; the cells that hold print the engine could not
    read, as (line, place counted from the line's end); and what the engine found."""

    lines: tuple[str, ...]
    letters: tuple[tuple[int, str, str], ...] = ()
    unread: tuple[tuple[int, int], ...] = ()
    boxes: int = 0
    score: float = 0.0
    table_rows: int = 0


#: Reads the text of a picture of one cell: (text, confidence).
Recognise = Callable[["Image.Image"], tuple[str, float]]


@attrs.frozen
class _Line:
    top: float
    text: str
    letters: tuple[str, str] | None = None
    unread: tuple[int, ...] = ()


def page_text(image: Image.Image, boxes: Sequence[Box], recognise: Recognise | None = None) -> OcrPage:
    """The lines of text that ``boxes``, read from ``image``, print (see the module's steps).

    A table cell with print in it and no box (an engine misses a lone 0 on a noisy scan), or
    only specks read (``.``), is read again alone with ``recognise``; one still unread is said
    in ``unread``: it is not a blank cell.
    """
    if not boxes:
        return OcrPage(())
    image, boxes = _upright(image, boxes)
    height = statistics.median(b.height for b in boxes)
    grid = grid_of(image, height)
    cells: dict[tuple[int, int], list[Box]] = {}
    loose: list[Box] = []
    for whole in boxes:
        for box in grid.split(whole, image, recognise):
            at = grid.find(*box.middle)
            if at is None:
                loose.append(box)
            else:
                cells.setdefault(at, []).append(box)
    ink = _dark(_gray(image))
    lines = [_Line(top, text) for top, text in _printed_lines(loose, height)]
    for r, (top, _) in enumerate(grid.rows):
        texts = [_cell_text(cells.get((r, c), ())) for c in range(len(grid.cells[r]))]
        unread = []
        unread = _read_again(image, ink, grid, r, texts, cells, height, recognise)
        if any(texts):
            fixed = [_as_number(t) for t in texts]
            letters = next(((t, f) for t, f in zip(texts, fixed, strict=True) if t != f), None)
            lines.append(_Line(top, "\t".join(fixed), letters, tuple(unread)))
    lines.sort(key=lambda line: line.top)
    return OcrPage(tuple(line.text for line in lines),
                   tuple((i, *line.letters) for i, line in enumerate(lines) if line.letters),
                   tuple((i, k) for i, line in enumerate(lines) for k in line.unread),
                   len(boxes), statistics.fmean(b.score for b in boxes), len(grid.rows))


#: Below this slope a picture is taken as upright (a tenth of a degree).
_UPRIGHT = 0.0017


def _upright(image: Image.Image, boxes: Sequence[Box]) -> tuple[Image.Image, Sequence[Box]]:
    """``image`` and ``boxes`` turned upright where the long boxes' lines slope (a scan fed in
    askew): a ruled line askew is no line of pixels, and no rule would be found."""
    long = [b.slope for b in boxes if b.right - b.left > 3 * b.height]
    if len(long) < 3 or abs(slope := statistics.median(long)) < _UPRIGHT:
        return image, boxes
    from PIL import Image
    turn = math.atan(slope)
    middle_x, middle_y = image.width / 2, image.height / 2
    white = 255 if image.mode in ("L", "1", "P") else (255,) * len(image.getbands())
    upright = image.rotate(math.degrees(turn), resample=Image.Resampling.BICUBIC, fillcolor=white)
    cos, sin = math.cos(turn), math.sin(turn)
    turned = []
    for box in boxes:
        x, y = box.middle[0] - middle_x, box.middle[1] - middle_y
        new_x, new_y = middle_x + x * cos + y * sin, middle_y - x * sin + y * cos
        width = box.right - box.left
        height = max(box.height - width * abs(slope), box.height / 2)
        turned.append(attrs.evolve(box, left=new_x - width / 2, right=new_x + width / 2,
                                   top=new_y - height / 2, bottom=new_y + height / 2, slope=0.0))
    return upright, turned


def _read_again(image: Image.Image, ink: np.ndarray, grid: Grid, r: int, texts: list[str],
                cells: Mapping[tuple[int, int], Sequence[Box]], height: float,
                recognise: Recognise | None) -> list[int]:
    """Read again alone, in ``texts``, the cells of row ``r`` the engine missed or misread:
    print and no box, specks (``.``), letters for a number in a row of numbers (0 as To), a
    number with print beside its box (384 read as 4, -5 as 5). Give the cells still unread,
    counted from the row's end."""
    numbers = sum(is_cell_value(_as_number(t)) for t in texts if t)
    unread = []
    for c, text in enumerate(texts):
        if (r, c) in grid.merged or not _inked(ink, grid, r, c, height):
            continue
        missed = not text.strip(_SPECKS)
        number = not missed and is_cell_value(_as_number(text))
        boxes = cells.get((r, c), ())
        if not (missed or (numbers >= 2 and _garbled(text))
                or (number and (_beside(ink, grid, r, c, boxes, height) or _doubtful(boxes, height)))):
            continue
        alone, score = _read_alone(image, ink, grid, r, c, recognise)
        if number:
            # A number read again alone replaces the box's reading with as much confidence,
            # or where it reads the box's and more (384 for 4, -5 for 5: print the box's
            # reading left out).
            more = len(alone) > len(text) and _as_number(text) in _as_number(alone)
            if is_cell_value(_as_number(alone)) and (more or score >= min(b.score for b in boxes)):
                texts[c] = alone
        elif is_cell_value(_as_number(alone)) or (missed and alone):
            texts[c] = alone
        else:
            texts[c] = ""
            unread.append(len(texts) - c)
    return unread


def _doubtful(boxes: Sequence[Box], height: float) -> bool:
    """Whether a number's one box is in doubt: read unsure, or much wider than its digits
    (a box over 384 read as 4, over -5 read as 5)."""
    if len(boxes) != 1:
        return len(boxes) > 1
    box = boxes[0]
    wide = box.right - box.left > (sum(map(_weight, box.text)) + 0.6) * 1.1 * height
    return box.score < _SURE or wide


#: A box read with less confidence than this is read again alone, where it is a number.
_SURE = 0.9


def _beside(ink: np.ndarray, grid: Grid, r: int, c: int, boxes: Sequence[Box], height: float) -> bool:
    """Whether a cell holds print beside its boxes: a digit or a minus sign the engine's box
    left out."""
    import numpy as np
    left, top, right, bottom = _inside(grid, r, c)
    if not boxes or right <= left or bottom <= top:
        return False
    columns = np.asarray(ink[top:bottom, left:right].any(axis=0))
    start = max(int(min(b.left for b in boxes)) - 3 - left, 0)
    end = max(int(max(b.right for b in boxes)) + 3 - left, 0)
    return int(columns[:start].sum()) + int(columns[end:].sum()) >= max(4, int(0.25 * height))


def _garbled(text: str) -> bool:
    """Whether a cell's reading, in a row of numbers, is a number misread (0 as To, 8 as 一8):
    short, not a number or a blank mark, of Latin letters, or digits and one other character
    (a label's 2.重复申请 has several)."""
    others = sum(not ch.isascii() for ch in text)
    return (len(text) <= 6 and not is_cell_value(_as_number(text))
            and (others == 0 or (others == 1 and any(ch.isdigit() for ch in text))))


#: What an engine reads a scan's specks as: a cell of them alone holds no reading.
_SPECKS = ".,·'`:;，、_"


def _gray(image: Image.Image) -> np.ndarray:
    import numpy as np
    return np.asarray(image.convert("L"))


def _inside(grid: Grid, r: int, c: int) -> tuple[int, int, int, int]:
    """A cell's box within its rules: (left, top, right, bottom)."""
    (top, bottom), (left, right) = grid.rows[r], grid.cells[r][c]
    return left + 3, top + 4, right - 2, bottom - 2


def _inked(ink: np.ndarray, grid: Grid, r: int, c: int, height: float) -> bool:
    """Whether a cell no box was found in holds print: more ink than a scan's specks."""
    left, top, right, bottom = _inside(grid, r, c)
    return right > left and bottom > top and int(ink[top:bottom, left:right].sum()) >= max(8, 0.4 * height)


#: The least confidence a cell read alone is taken at.
_ALONE_SCORE = 0.5


def _read_alone(image: Image.Image, ink: np.ndarray, grid: Grid, r: int, c: int,
                recognise: Recognise | None) -> tuple[str, float]:
    """A cell's print read alone, cut close around its ink (a recogniser shown a lone 0 in a
    wide white cell reads 。), and the confidence; nothing below :data:`_ALONE_SCORE`."""
    if recognise is None:
        return "", 0.0
    import numpy as np
    left, top, right, bottom = _inside(grid, r, c)
    rows, columns = np.nonzero(ink[top:bottom, left:right])
    margin = 4
    box = (left + int(columns.min()) - margin, top + int(rows.min()) - margin,
           left + int(columns.max()) + 1 + margin, top + int(rows.max()) + 1 + margin)
    text, score = recognise(image.crop(box))
    return (text.strip(), score) if score >= _ALONE_SCORE else ("", 0.0)


def _cell_text(boxes: Sequence[Box]) -> str:
    """A cell's boxes joined in reading order: a label wrapped over lines is one label."""
    if not boxes:
        return ""
    height = statistics.median(b.height for b in boxes)
    return "".join(text for _, text in _printed_lines(boxes, height, gap=""))


def _as_number(text: str) -> str:
    """A cell of digits where the engine read a letter for a digit (``1o`` for 10)."""
    if not text or is_cell_value(text):
        return text
    fixed = text.translate(_LETTER_DIGITS)
    number = _NUMBER(fixed) is not None and any(ch.isdigit() for ch in text)
    return fixed if number or fixed in ("0", "1") else text


_NUMBER = re.compile(r"\d+(?:\.\d+)?").fullmatch


def _printed_lines(boxes: Sequence[Box], height: float, gap: str = " ") -> list[tuple[float, str]]:
    """The boxes outside the tables as printed lines: boxes whose middles stand within half a
    line of each other are one line, joined left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle[1]):
        if lines and abs(box.middle[1] - lines[-1][0].middle[1]) < height / 2:
            lines[-1].append(box)
        else:
            lines.append([box])
    out = []
    for line in lines:
        line.sort(key=lambda b: b.left)
        text = line[0].text.strip()
        for before, box in itertools.pairwise(line):
            text += (gap if box.left - before.right > height else "") + box.text.strip()
        out.append((min(b.top for b in line), text))
    return out


# -- pictures into a report's text ----------------------------------------------------------


@attrs.frozen
class PictureText:
    """The text read from a report's pictures, in order; each picture's lines in it; and
    the repairs made on the way (``ocr-letter-digit``)."""

    text: str
    pictures: tuple[Picture, ...]
    notes: tuple[Diagnostic, ...] = ()


def read_pictures(pictures: Iterable[tuple[str, Image.Image]], engine: Engine | None = None) -> PictureText:
    """The text of ``pictures`` (each a name and its image), read one after the other as the
    pages of one report.

    >>> from PIL import Image
    >>> read_pictures([("blank.png", Image.new("L", (200, 100), 255))]).text
    ''
    """
    reader = _Reader(engine)
    for name, image in pictures:
        reader.picture(name, image)
    return reader.done()


class _Reader:
    """A report's text as it is put together from lines of text and pictures read by OCR,
    each picture's lines numbered where they fall in it."""

    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine
        self.lines: list[str] = []
        self.pictures: list[Picture] = []
        self.notes: list[Diagnostic] = []

    def picture(self, name: str, image: Image.Image) -> None:
        engine = self.engine = self.engine or default_engine()
        page = page_text(image, engine.read(image), getattr(engine, "recognise", None))
        first = len(self.lines) + 1
        for at, printed, digits in page.letters:
            self.notes.append(Diagnostic("ocr-letter-digit", f"a cell read as {printed!r} taken as {digits}",
                                         first + at, 1, span(page.lines[at], 1)))
        self.lines += page.lines
        tables = f", {page.table_rows} table rows" if page.table_rows else ", no table"
        said = f"{name}: read by OCR ({engine.name}): {page.boxes} text boxes{tables}"
        if page.boxes:
            said += f", mean confidence {page.score:.2f}"
        self.pictures.append(Picture(name, (first, len(self.lines)), said,
                                     tuple((first + at, place) for at, place in page.unread)))

    def done(self) -> PictureText:
        return PictureText("\n".join(self.lines), tuple(self.pictures), tuple(self.notes))


def image_pictures(data: bytes, name: str = "the picture") -> list[tuple[str, Image.Image]]:
    """The pictures of an image file: a TIFF or GIF of several frames is several pages."""
    image = open_image(data)
    frames = getattr(image, "n_frames", 1)
    if frames == 1:
        return [(name, image)]
    pages = []
    for frame in range(frames):
        image.seek(frame)
        pages.append((f"{name} (frame {frame + 1})", image.copy()))
    return pages


#: The resolutions a scanned PDF's page is drawn at for OCR: its scan's own, within these
#: bounds (a 600 dpi scan is slow to read and no better; a 96 dpi screenshot is not enlarged
#: past what it holds), or the middle where the page holds no picture.
_PDF_DPI = (100, 200, 300)


def pdf_pictures(data: bytes, name: str = "") -> list[tuple[str, Image.Image]]:
    """A PDF's pages drawn as pictures (pypdfium2), for a PDF with no text layer: each at its
    scan's own resolution, between 100 and 300 dpi."""
    try:
        import pypdfium2  # type: ignore[import-untyped]
    except ImportError as exc:
        raise _missing(exc) from exc
    import pypdfium2.raw as pdfium_raw  # type: ignore[import-untyped]
    try:
        document = pypdfium2.PdfDocument(data)
        pages = []
        for i in range(len(document)):
            page = document[i]
            scans = [(scan.get_px_size()[0], scan.get_bounds())
                     for scan in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE])]
            dpi = max((72 * px / (right - left) for px, (left, _, right, _) in scans if right > left),
                      default=_PDF_DPI[1])
            scale = min(max(dpi, _PDF_DPI[0]), _PDF_DPI[2]) / 72
            pages.append((f"{name} page {i + 1}".lstrip(), page.render(scale=scale).to_pil()))
    except pypdfium2.PdfiumError as exc:
        raise DecodeError(f"the file could not be read as a PDF: {exc}") from exc
    return pages


def picture_text(pictures: Iterable[tuple[str, Image.Image]],
                 scan: NoTextLayerError | None = None) -> Extracted:
    """A report's text read from its ``pictures`` (a scanned PDF's pages: ``scan`` says so)."""
    read = read_pictures(pictures)
    if scan is not None and not read.text.strip():
        raise NoTextLayerError(f"{scan}; OCR found no text on its pages either", pages=scan.pages)
    return Extracted(read.text, "ocr", read.pictures, read.notes)


def require_ocr(scan: NoTextLayerError | None = None) -> None:
    """Raise the error that names the ``ocr`` extra, when it is not installed: for a scan,
    its :class:`~gkreport.NoTextLayerError` saying so."""
    if importlib.util.find_spec("rapidocr_onnxruntime") is not None:
        return
    if scan is not None:
        raise NoTextLayerError(f"{scan}; OCR reads it: pip install 'gkreport[ocr]'", pages=scan.pages)
    raise UnsupportedFormatError("reading a picture (an image, a scanned PDF) needs OCR: "
                                 "pip install 'gkreport[ocr]'", extra="ocr", name="rapidocr_onnxruntime")


def folder_text(folder: str | os.PathLike[str]) -> Extracted:
    """The text of a folder of one report's pictures, in the order of their names (page2
    before page10)."""
    names = sorted((n for n in os.listdir(folder) if n.lower().endswith(IMAGE_SUFFIXES)), key=_natural)
    if not names:
        raise NotAReportError(f"{os.fspath(folder)!r} is a folder with no pictures in it: parse a report's "
                              "file, or a folder of one report's pictures (gkreport.parse_files reads a "
                              "folder of reports)")
    require_ocr()
    pictures: list[tuple[str, Image.Image]] = []
    for name in names:
        with open(os.path.join(folder, name), "rb") as file:
            pictures += image_pictures(file.read(), name)
    return picture_text(pictures)


def _natural(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name.lower())]


#: Pictures smaller than this in either side are a page's icons, not its tables.
_LEAST_SIDE = 60


def page_images(text: str, encoding: str, folder: str) -> Extracted:
    """A web page's text with its ``<img>`` lines (:data:`~gkreport.extract.IMAGE_MARK`)
    replaced by what OCR reads in the pictures saved beside the page, in ``folder`` (by their
    path, or their file name: a crawler saves a page's pictures beside it). Nothing is fetched.

    Without the ``ocr`` extra the pictures are passed over, unless the page has no table of
    text: then its tables are the pictures, and the error names the extra.
    """
    marks = [line for line in text.split("\n") if line.startswith(IMAGE_MARK)]
    if not marks:
        return Extracted(text, encoding)
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        kept = "\n".join(line for line in text.split("\n") if not line.startswith(IMAGE_MARK))
        if "\t" not in kept and any(_local(folder, m[len(IMAGE_MARK):]) for m in marks):
            require_ocr()
        return Extracted(kept, encoding)
    reader = _Reader()
    for line in text.split("\n"):
        if not line.startswith(IMAGE_MARK):
            reader.lines.append(line)
            continue
        found = _local(folder, line[len(IMAGE_MARK):])
        if found is None:
            continue
        for name, image in found:
            if min(image.size) >= _LEAST_SIDE:
                reader.picture(name, image)
    read = reader.done()
    return Extracted(read.text, encoding, read.pictures, read.notes)


def _local(folder: str, src: str) -> list[tuple[str, Image.Image]] | None:
    """The picture an ``<img src>`` names, if it is inline (``data:``) or a file under
    ``folder`` (at its path, or by its file name alone); None otherwise."""
    if src.startswith("data:image/") and ";base64," in src:
        try:
            return image_pictures(base64.b64decode(src.split(",", 1)[1]), "an inline picture")
        except (ValueError, DecodeError):
            return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(src).path)
    root = os.path.realpath(folder)
    for candidate in (os.path.join(root, path.lstrip("/")), os.path.join(root, os.path.basename(path))):
        real = os.path.realpath(candidate)
        if os.path.commonpath((root, real)) == root and os.path.isfile(real):
            with open(real, "rb") as file:
                data = file.read()
            try:
                return image_pictures(data, os.path.basename(real))
            except DecodeError:
                return None
    return None
