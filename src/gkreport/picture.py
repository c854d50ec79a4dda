"""Pictures of reports: a :class:`~gkreport.model.Report` drawn as its web page shows it.

Reports whose tables are pictures need OCR; to test it without real scans, :func:`draw`
draws a report as a browser shows ``render(report, "html")``: the title, the headings, the
paragraphs wrapped to the page, and each table as a ruled grid, every cell boxed, with the
template's merged cells (the same cells as the page's ``rowspan`` and ``colspan``).
:func:`drawing` says besides where each table cell is, and :func:`degrade` makes a picture
look scanned: blurred, noisy, skewed, of a lower resolution, JPEG-compressed.

Needs Pillow and numpy (``pip install 'gkreport[ocr]'``) and a font with Chinese
characters: Debian's ``fonts-wqy-microhei``, another found by fontconfig, or ``font=`` a
path. ``import gkreport`` imports none of them; this module imports them when it draws.
"""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import attrs

from .errors import MissingExtraError
from .model import Report
from .render import _blocks, _Cell, _page, _PageTable, _Text

if TYPE_CHECKING:
    from PIL import Image, ImageFont

__all__ = ["FONTS", "Drawing", "DrawnCell", "Parts", "degrade", "draw", "drawing", "screenshot"]

#: What a picture shows: ``all`` of the page, or only its ``tables``, each under the heading
#: of its section (a smaller picture: OCR takes its time per piece of text).
Parts = Literal["all", "tables"]

#: Font files with Chinese characters tried first, in order; then fontconfig's ``fc-list``.
FONTS: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)

# A browser's default style, in CSS pixels at 16 px text, and the page's own (render._STYLE).
_TEXT: Final = 16
_SIZES: Final = {"title": 32, "heading": 24}  # h1 2em, h2 1.5em
_MARGINS: Final = {"title": 0.67 * 32, "heading": 0.83 * 24}  # h1 .67em, h2 .83em; p and table 1em
_BODY_MARGIN: Final = 8
_CELL_PADDING: Final = (0.2 * _TEXT, 0.5 * _TEXT)  # padding: .2em .5em

# Where a line may break: between any two Chinese characters, not inside a run of digits or
# Latin letters, never before closing punctuation nor after opening punctuation.
_OPENING: Final = "（(“‘《〈【"
_CLOSING: Final = "）)”’》〉】，,。.、：:；;！!？?%"
_RUNS: Final = re.compile(rf"\s+|[{_OPENING}]*(?:[0-9A-Za-z.+\-/%]+|\S)[{_CLOSING}]*")


def _need_pillow() -> None:
    """Raises the error naming the extra that brings Pillow, if it is missing."""
    try:
        import PIL  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("gkreport.picture needs Pillow: pip install 'gkreport[ocr]'",
                                extra="ocr", name=exc.name) from exc


def _cjk_font() -> str:
    """The path of a font with Chinese characters on this machine."""
    for path in FONTS:
        if Path(path).is_file():
            return path
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                                timeout=30, check=False).stdout
        # "path: " a line, the style after the colon when asked for; a collection (.ttc) is fine.
        found = sorted(line.split(":")[0].strip() for line in listed.splitlines() if line.strip())
        if found:
            return found[0]
    raise MissingExtraError("gkreport.picture needs a font with Chinese characters and found none: "
                            "install one (Debian: apt-get install fonts-wqy-microhei) or pass font= "
                            "the path of a .ttf, .ttc or .otf file")


@lru_cache(maxsize=32)
def _face(path: str, size: int) -> _Face:
    from PIL import ImageFont

    return _Face(ImageFont.truetype(path, size))


class _Face:
    """A font at one size, the widths of the runs of text it has measured, and how it wraps."""

    def __init__(self, font: ImageFont.FreeTypeFont) -> None:
        self.font = font
        ascent, descent = font.getmetrics()
        self.line = ascent + descent  # a line's height: CSS's line-height "normal"
        self._widths: dict[str, int] = {}

    def width(self, run: str) -> int:
        found = self._widths.get(run)
        if found is None:
            found = self._widths[run] = math.ceil(self.font.getlength(run))
        return found

    def extent(self, text: str) -> tuple[int, int]:
        """The narrowest ``text`` can be wrapped (its widest run) and its width on one line."""
        runs = _RUNS.findall(text)
        return (max((self.width(r) for r in runs if not r.isspace()), default=0),
                sum(self.width(r) for r in runs))

    def lines(self, text: str, room: int) -> list[str]:
        """``text`` wrapped to lines at most ``room`` wide (a run wider than that on its own)."""
        lines: list[str] = []
        line, used = "", 0
        for run in _RUNS.findall(text):
            if run.isspace():
                run = " "
                if not line:
                    continue  # a line does not open with a space
            wide = self.width(run)
            if line and used + wide > room and not run.isspace():
                lines.append(line.rstrip())
                line, used = "", 0
            line += run
            used += wide
        if line.strip():
            lines.append(line.rstrip())
        return lines


@attrs.frozen
class DrawnCell:
    """A table cell as a picture draws it: its text (None for a blank value, "" for an empty
    header cell), where it stands in its table's grid, and its ``box`` on the picture.

    ``box`` is (left, top, right, bottom) in the picture's pixels, as Pillow's ``crop``
    takes it: the rules around the cell inside it, the right and bottom ones included.
    ``table`` counts the page's tables from 0 (二's clause tables are one, as on the page).
    """

    table: int
    row: int
    column: int
    rowspan: int
    colspan: int
    text: str | None
    header: bool
    box: tuple[int, int, int, int]


@attrs.frozen(eq=False)
class Drawing:
    """A picture of a report (greyscale, black on white) and the table cells it draws."""

    image: Image.Image
    cells: tuple[DrawnCell, ...]


@attrs.define
class _Words:
    """Lines of text to draw: where each starts (its top left) and in which face."""

    x: int
    y: int
    text: str
    face: _Face


@attrs.define
class _Page:
    """The page as it is laid out, top to bottom: the words to draw, the table cells and
    their rules, and the margin the last block leaves below it (collapsed with the next's)."""

    width: int
    scale: float
    font: str
    height: int = 0
    margin: int = 0
    words: list[_Words] = attrs.Factory(list)
    cells: list[DrawnCell] = attrs.Factory(list)

    def px(self, css: float) -> int:
        return round(css * self.scale)

    @property
    def room(self) -> int:
        """The width between the page's margins."""
        return self.width - 2 * self.px(_BODY_MARGIN)

    def block(self, margin: float) -> int:
        """The top of a block with ``margin`` above and below it, where the last one left off;
        margins collapse, as a page's do (the body's margin among them)."""
        self.height += max(self.margin, self.px(margin), self.px(_BODY_MARGIN) if not self.height else 0)
        self.margin = self.px(margin)
        return self.height

    def text(self, block: _Text) -> None:
        face = _face(self.font, self.px(_SIZES.get(block.kind, _TEXT)))
        top = self.block(_MARGINS.get(block.kind, _TEXT))
        left = self.px(_BODY_MARGIN)
        for n, line in enumerate(face.lines(block.text, self.room)):
            # The signature and its date stand at the right, as the page's .closing does.
            x = left + self.room - face.width(line) if block.kind == "closing" else left
            self.words.append(_Words(x, top + n * face.line, line, face))
            self.height = top + (n + 1) * face.line

    def table(self, rows: _PageTable, number: int) -> None:
        face = _face(self.font, self.px(_TEXT))
        rule = max(1, round(self.scale))
        pad_y, pad_x = (self.px(p) for p in _CELL_PADDING)
        placed = list(_placed(rows))
        columns = 1 + max(c + cell.colspan - 1 for _, c, cell, _ in placed)
        widths = _column_widths(placed, columns, face, 2 * pad_x + rule, self.room - rule)
        texts = {(r, c): face.lines(cell.text or "", sum(widths[c:c + cell.colspan]) - rule - 2 * pad_x)
                 for r, c, cell, _ in placed}
        heights = _row_heights(placed, len(rows), texts, face.line, 2 * pad_y + rule)
        top = self.block(_TEXT)
        xs = list(_running(self.px(_BODY_MARGIN), widths))
        ys = list(_running(top, heights))
        for r, c, cell, header in placed:
            box = (xs[c], ys[r], xs[c + cell.colspan] + rule, ys[r + cell.rowspan] + rule)
            self.cells.append(DrawnCell(number, r, c, cell.rowspan, cell.colspan, cell.text, header, box))
            lines = texts[r, c]
            inner = box[2] - box[0] - 2 * rule - 2 * pad_x
            y = (box[1] + box[3] - len(lines) * face.line) // 2  # vertically in the middle, as cells are
            for n, line in enumerate(lines):
                # Header cells centre their text; data cells start it after the padding.
                x = box[0] + rule + pad_x + ((inner - face.width(line)) // 2 if header else 0)
                self.words.append(_Words(x, y + n * face.line, line, face))
        self.height = ys[-1] + rule

    def paint(self) -> Image.Image:
        from PIL import Image, ImageDraw

        self.height += max(self.margin, self.px(_BODY_MARGIN))
        image = Image.new("L", (self.width, self.height), 255)
        pen = ImageDraw.Draw(image)
        rule = max(1, round(self.scale))
        for cell in self.cells:
            left, top, right, bottom = cell.box
            pen.rectangle((left, top, right - 1, bottom - 1), outline=0, width=rule)
        for words in self.words:
            pen.text((words.x, words.y), words.text, font=words.face.font, fill=0)
        return image


def _placed(rows: _PageTable) -> Iterator[tuple[int, int, _Cell, bool]]:
    """Each cell of a table with its row and column in the grid (a cell stands at the first
    place in its row that no cell from the left or from above covers, as in HTML), and
    whether it is a header cell."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            yield r, c, cell, row.header
            c += cell.colspan


def _column_widths(placed: list[tuple[int, int, _Cell, bool]], columns: int, face: _Face, frame: int,
                   room: int) -> list[int]:
    """The columns' widths (each with its padding and its left rule: ``frame``) as a browser's
    automatic table layout gives them: as wide as their text if the table fits in ``room``,
    else the room shared out in proportion to how much wrapping each column's text needs."""
    narrowest, widest = [frame] * columns, [frame] * columns
    spanning: list[tuple[int, int, int, int]] = []
    for _, c, cell, _ in placed:
        least, most = face.extent(cell.text or "")
        if cell.colspan == 1:
            narrowest[c] = max(narrowest[c], least + frame)
            widest[c] = max(widest[c], most + frame)
        else:
            spanning.append((cell.colspan, c, least + frame, most + frame))
    # A merged cell wider than the columns under it widens them evenly, the narrower merges first.
    for span, c, least, most in sorted(spanning):
        for widths, need in ((narrowest, least), (widest, most)):
            short = need - sum(widths[c:c + span])
            for i in range(c, c + span):
                widths[i] += max(0, math.ceil(short / span))
    widest = [max(w, n) for w, n in zip(widest, narrowest, strict=True)]
    if sum(widest) <= room or sum(narrowest) >= room:
        return widest if sum(widest) <= room else narrowest
    spare, wanted = room - sum(narrowest), sum(widest) - sum(narrowest)
    widths = [n + (w - n) * spare // wanted for n, w in zip(narrowest, widest, strict=True)]
    widths[-1] += room - sum(widths)  # what rounding down left over
    return widths


def _row_heights(placed: list[tuple[int, int, _Cell, bool]], rows: int, texts: dict[tuple[int, int], list[str]],
                 line: int, frame: int) -> list[int]:
    """The rows' heights (each with its padding and its top rule: ``frame``): a line at least,
    as many as the tallest cell's text takes; a merged cell taller than its rows lengthens
    them evenly."""
    heights = [line + frame] * rows
    for r, c, cell, _ in placed:
        if cell.rowspan == 1:
            heights[r] = max(heights[r], len(texts[r, c]) * line + frame)
    for r, c, cell, _ in placed:
        short = len(texts[r, c]) * line + frame - sum(heights[r:r + cell.rowspan])
        for i in range(r, r + cell.rowspan):
            heights[i] += max(0, math.ceil(short / cell.rowspan))
    return heights


def _running(start: int, sizes: Iterable[int]) -> Iterator[int]:
    """``start`` and the running totals of ``sizes`` from it: where each piece begins, and the end."""
    yield start
    for size in sizes:
        start += size
        yield start


def _parts(report: Report, parts: Parts) -> Iterator[_Text | _PageTable]:
    """What the picture shows, top to bottom: the page's texts and tables, or its tables only,
    each table after its section's heading."""
    heading: _Text | None = None
    for part in _page(list(_blocks(report))):
        if parts == "all":
            yield part
        elif isinstance(part, _Text):
            heading = part if part.kind == "heading" else heading
        else:
            if heading is not None:
                yield heading
            heading = None
            yield part


def drawing(report: Report, *, width: int = 1000, font: str | Path | None = None, scale: float = 1.0,
            parts: Parts = "all") -> Drawing:
    """``report`` drawn as :func:`draw` draws it, and where each of its table cells is.

    >>> from pathlib import Path
    >>> from gkreport import parse
    >>> report = parse(Path("tests/data/000_cf9562a21e5519b3.txt"))
    >>> picture = drawing(report, parts="tables")
    >>> [cell.box for cell in picture.cells if cell.text == "规章"]
    [(8, ...)]
    >>> picture.image.crop(picture.cells[0].box).getextrema()  # a heading in its box of rules
    (0, 255)
    """
    if parts not in ("all", "tables"):
        raise ValueError(f"parts={parts!r}: expected 'all' or 'tables'")
    if width < 100 or scale <= 0:
        raise ValueError(f"width={width!r}, scale={scale!r}: expected a width of 100 pixels or more "
                         "and a scale above 0")
    _need_pillow()  # before any work, to say what is missing
    if font is not None and not Path(font).is_file():
        raise FileNotFoundError(f"no font file {str(font)!r}")
    page = _Page(round(width * scale), scale, str(font) if font is not None else _cjk_font())
    tables = 0
    for part in _parts(report, parts):
        if isinstance(part, _Text):
            page.text(part)
        else:
            page.table(part, tables)
            tables += 1
    return Drawing(page.paint(), tuple(page.cells))


def draw(report: Report, *, width: int = 1000, font: str | Path | None = None, scale: float = 1.0,
         parts: Parts = "all") -> Image.Image:
    """A picture of ``report`` as its web page, ``render(report, "html")``, shows it.

    The page is ``width`` CSS pixels wide and drawn at ``scale`` (2.0: as a screen of twice
    the pixel density shows it), its text 16 pixels high at scale 1. The picture is
    greyscale (Pillow's mode ``L``), black on white; ``parts="tables"`` draws only the
    tables, each under its section's heading. ``font`` is a font file with Chinese
    characters (by default the first of :data:`FONTS` found, else one fontconfig lists).

    Raises :class:`~gkreport.MissingExtraError` without Pillow (the ``ocr`` extra) or
    without a font with Chinese characters.

    >>> from gkreport import ClauseItem, Meta, Report
    >>> report = Report(Meta(organ="示例县人民政府办公室", year=2020, template="2019"),
    ...                 proactive={"rules": ClauseItem("rules", {"made": 1})})
    >>> image = draw(report, width=800)
    >>> image.mode, image.width
    ('L', 800)
    """
    return drawing(report, width=width, font=font, scale=scale, parts=parts).image


def degrade(image: Image.Image, *, blur: float = 0.0, noise: float = 0.0, skew: float = 0.0,
            scale: float = 1.0, jpeg: int | None = None, seed: int = 0) -> Image.Image:
    """A copy of ``image`` as a scanner might give it back, the same for the same ``seed``.

    In the order a scan comes about: turned ``skew`` degrees counter-clockwise (the picture
    grows to hold it all, the corners white), blurred (a Gaussian of radius ``blur`` pixels),
    resized by ``scale`` (below 1, a lower resolution), given noise (normal, of standard
    deviation ``noise`` grey levels) and, if ``jpeg`` is a quality (1 to 95), saved as JPEG.

    >>> from PIL import Image
    >>> page = Image.new("L", (200, 100), 255)
    >>> degrade(page, skew=1.0).size > page.size
    True
    >>> degrade(page, noise=5, seed=1) == degrade(page, noise=5, seed=1)
    True
    """
    if blur < 0 or noise < 0 or scale <= 0 or (jpeg is not None and not 1 <= jpeg <= 95):
        raise ValueError(f"blur={blur!r}, noise={noise!r}, scale={scale!r}, jpeg={jpeg!r}: expected "
                         "blur and noise of 0 or more, a scale above 0, a JPEG quality of 1 to 95")
    _need_pillow()
    try:
        import numpy as np
    except ImportError as exc:
        raise MissingExtraError("gkreport.picture.degrade needs numpy: pip install 'gkreport[ocr]'",
                                extra="ocr", name=exc.name) from exc
    from PIL import Image, ImageFilter

    white = (255,) * len(image.getbands())
    out = image.copy()
    if skew:
        out = out.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=white)
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    if scale != 1:
        size = (max(1, round(out.width * scale)), max(1, round(out.height * scale)))
        out = out.resize(size, Image.Resampling.LANCZOS)
    if noise:
        pixels = np.asarray(out, dtype=np.float32)
        noisy = pixels + noise * np.random.default_rng(seed).standard_normal(pixels.shape, dtype=np.float32)
        out = Image.fromarray(np.clip(np.rint(noisy), 0, 255).astype(np.uint8))
    if jpeg is not None:
        saved = io.BytesIO()
        out = out if out.mode in ("L", "RGB") else out.convert("RGB")  # what JPEG holds
        out.save(saved, "JPEG", quality=jpeg)
        out = Image.open(io.BytesIO(saved.getvalue()))
        out.load()
    return out


def screenshot(report: Report, *, width: int = 1000, chromium: str = "chromium") -> Image.Image:
    """``render(report, "html")`` as headless Chromium shows it at 100% zoom, ``width`` pixels
    wide, cut below its last line: the picture a reader's screenshot of the page gives.

    Needs Chromium (Debian's ``chromium``) and a font with Chinese characters besides Pillow;
    about two seconds a page.
    """
    _need_pillow()
    from PIL import Image

    from .render import render
    program = shutil.which(chromium)
    if program is None:
        raise MissingExtraError(f"a screenshot needs Chromium: {chromium!r} was not found "
                                "(Debian: apt-get install chromium)", extra="")
    with tempfile.TemporaryDirectory() as folder:
        page, shot = Path(folder) / "report.html", Path(folder) / "report.png"
        page.write_text(render(report, "html"), encoding="utf-8")
        subprocess.run(
            [program, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={folder}/profile", f"--window-size={width},{_SCREEN_HEIGHT}",
             f"--screenshot={shot}", page.as_uri()],
            capture_output=True, timeout=120, check=True)
        with Image.open(shot) as taken:
            image = taken.convert("L")
    inked = [y for y, row in enumerate(_rows_of(image)) if row < 250]
    return image.crop((0, 0, image.width, min(inked[-1] + 12, image.height) if inked else image.height))


#: The window's height: tall enough for a whole report's page at 1000 pixels wide.
_SCREEN_HEIGHT: Final = 8000


def _rows_of(image: Image.Image) -> list[int]:
    """Each row's darkest grey level."""
    import numpy as np
    return np.asarray(image).min(axis=1).tolist()  # type: ignore[no-any-return]
