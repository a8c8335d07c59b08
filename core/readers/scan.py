"""Reading scanned pages: an image-only PDF's pages, .png/.jpg/.tif pictures, or a folder of them as one report.

Each page is straightened and cleaned (core/ocr/page.py), its ruled tables found (core/ocr/grid.py)
and every cell's and every line's picture recognised (core/ocr/engine.py). What comes out is what
the PDF reader makes of a text PDF — `Line`s and table `Part`s in points from the page's top left —
so the same code joins tables over page breaks, tells paragraphs apart and drops page numbers, and
the assembler places cells by their labels as for any other file. Every block is marked
`Doubt.SCAN`; each cell keeps its box on the page picture as scanned and how sure the recogniser
was. A figure is read only when two readings of it agree (core/ocr/figures.py); anything else where
a figure stands is unread (not assessable), never a guess.
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from core.document import Doubt, Grid, Para
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import MAX_PAGE_COLUMNS, MAX_SCAN_PAGES, SCAN_PAGE_SECONDS

if TYPE_CHECKING:
    from core.document import Document

MIN_DPI = 120  # below this a table's digits are too few pixels to be told apart
MAX_DPI = 300  # a finer scan is read at this: its figures are as clear, and four times fewer pixels at 600
A4_WIDTH_INCH = 8.27
# A line of prose read 0.7 times as wide: 17 % less time for a whole scan, character errors 0.5 % → 0.6 % on the
# seeds' scans (Chinese characters are square; the model was taught lines squeezed far more). Cells are not squeezed.
LINE_SQUEEZE = 0.7
WRAPPED = 0.6  # a cell's first line this share of its width or wider was wrapped (a long figure in a narrow column)

LOW_RESOLUTION = (
    "这份扫描件的分辨率太低（约{dpi}dpi），表格中的数字无法可靠识别。"
    "请以200dpi或更高的分辨率重新扫描（彩色或灰度），或提供报告的Word原件（.docx）。"
)
NO_ENGINE = (
    "这个文件是扫描件（图片），需要文字识别组件才能读取，但本程序中的文字识别组件缺失或已损坏。"
    "请重新安装本程序，或提供报告的Word原件（.docx）。"
)
NOT_IMAGE = "无法打开这张图片，文件可能已损坏或格式不受支持。请重新扫描或导出为PNG、JPG后再检查。"
NO_TEXT = "在这份扫描件中没有识别出文字。请确认扫描的是年度报告的正文，且页面没有倒置；或提供报告的Word原件（.docx）。"
TOO_MANY_PAGES = "这份扫描件有{pages}页，超过了可以识别的{limit}页。请只扫描年度报告本身，或提供报告的Word原件（.docx）。"
TOO_DENSE = "扫描件的第{page}页上需要识别的文字太多（不像是年度报告的一页），已经停止。请确认选择的文件是否正确，或提供报告的Word原件（.docx）。"


@dataclass(frozen=True)
class Picture:
    """Where a page's picture is: the file, and the page (or frame) of it; `dpi` its resolution."""

    file: str
    page: int  # 1-based page of the file (a PDF's page, a TIFF's frame; 1 for a single picture)
    dpi: float
    angle: float = 0.0  # degrees the page was turned to straighten it
    size: tuple[int, int] = (0, 0)  # the picture's width and height, pixels

    def box(self, bbox_points: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box in points on the straightened page as points on the page as scanned (where the window draws it:
        a PDF page's own points; a picture's pixels × 72 / its resolution)."""
        from core.ocr.page import original_box

        k = self.dpi / 72
        pixels = original_box(tuple(v * k for v in bbox_points), self.angle, self.size)  # type: ignore[arg-type]
        return tuple(round(v / k, 2) for v in pixels)  # type: ignore[return-value]

    def location(self, bbox_points, confidence: float | None = None, **place) -> Location:
        return Location(self.file, "scan", page=self.page, bbox=self.box(bbox_points), confidence=confidence, **place)


# --- one page --------------------------------------------------------------------------------------


def page_items(image, number: int, picture: Picture) -> tuple[list, float]:
    """The page's lines and table parts in reading order (points), and its height in points."""
    from core.ocr import grid as grids
    from core.ocr import lines as text_lines
    from core.ocr.engine import WIDE, recogniser
    from core.ocr.figures import line_text
    from core.ocr.page import prepare
    from core.readers.pdf_text import Line

    page = prepare(image, number, picture.dpi)
    picture = replace(picture, angle=page.angle, size=page.size)
    pt = 72 / page.dpi
    rules = grids.horizontal_rules(page)
    tables = grids.find_tables(page, rules)

    # the ink of the text outside the tables: no table, no rule
    free = page.ink.copy()
    for table in tables:
        x0, y0, x1, y1 = table.box
        free[max(0, y0 - 4):y1 + 5, max(0, x0 - 4):x1 + 5] = False
    for rule in rules:
        free[rule.y0:rule.y1 + 1, rule.x0:rule.x1] = False
    found = text_lines.bands(free)
    height = text_lines.usual_height(found, page.dpi)
    found = text_lines.join_glyph_pieces(text_lines.join_low_bands(found, height), free)
    line_boxes = []
    for top, bottom in found:
        if bottom - top < 0.3 * height:
            continue  # a stray mark's row
        for x0, x1 in text_lines.pieces(free, top, bottom, height):
            b = text_lines.tight(free, (x0, top, x1, bottom))
            if b is not None:  # the small marks at its ends (「。」「、」) that the speck filter left out of `free`
                b = text_lines.widened(page.raw, free, b, height)
            if b is not None and (b[3] - b[1]) >= 0.3 * height:
                line_boxes.append(b)

    cell_lines = {(t, c): _cell_lines(page, cell.box) for t, table in enumerate(tables) for c, cell in enumerate(table.cells)}
    _check_work(line_boxes, [b for boxes in cell_lines.values() for b in boxes], number)

    items: list = []
    # short lines (a title's last character wrapped) on the canvas the model was taught with: a lone 告 is read 口 on less
    readings = recogniser().read([_crop(page.grey, b) for b in line_boxes], LINE_SQUEEZE, min_width=WIDE)
    for b, reading in zip(line_boxes, readings):
        text = line_text(reading)
        if text:
            lx0, ly0, lx1, ly1 = (v * pt for v in b)
            items.append(Line(text, number, lx0, lx1, ly0, ly1, (ly1 - ly0) * 0.95, source=picture, confidence=round(reading.confidence, 3)))
    items += _table_parts(page, tables, cell_lines, picture)
    items.sort(key=lambda item: item.top)
    return items, page.grey.shape[0] * pt


def _check_work(line_boxes, cell_boxes, number: int) -> None:
    """A page whose lines and cells would take the recogniser far longer than any report's page is refused."""
    from core.ocr.engine import HEIGHT

    columns = sum(LINE_SQUEEZE * HEIGHT * (x1 - x0) / max(y1 - y0, 1) for x0, y0, x1, y1 in line_boxes)
    columns += 2 * sum(max(96, HEIGHT * (x1 - x0) / max(y1 - y0, 1)) for x0, y0, x1, y1 in cell_boxes)  # alone and in its row
    if columns > MAX_PAGE_COLUMNS:
        raise ReadError("too_large", TOO_DENSE.format(page=number))


def _table_parts(page, tables, lines, picture: Picture) -> list:
    """Each table of the page as the PDF reader's `Part`, every cell read (figures more than once: core/ocr/figures.py);
    `lines`: each cell's lines of text."""
    from core.ocr.engine import WIDE, recogniser
    from core.ocr.figures import Evidence, cell_text, may_be_figure
    from core.readers.pdf_tables import Cell, Part

    pt = 72 / page.dpi
    keys = [(key, n) for key, boxes in lines.items() for n in range(len(boxes))]
    readings = recogniser().read([_crop(page.grey, lines[key][n]) for key, n in keys])
    evidence = {key: Evidence([]) for key in lines}
    for (key, _), reading in zip(keys, readings):
        evidence[key].lines.append(reading)
    for key, row in _figures_in_rows(page, tables, lines, evidence).items():
        evidence[key].row = row
    for (t, c), boxes in lines.items():
        evidence[(t, c)].stroke = _stroke(page, boxes)
        x0, _, x1, _ = tables[t].cells[c].box
        evidence[(t, c)].wrapped = len(boxes) > 1 and boxes[0][2] - boxes[0][0] >= WRAPPED * (x1 - x0)
    decided = {key: cell_text(e) for key, e in evidence.items()}
    # what is still unread is looked at once more, alone on the model's own canvas
    again = [key for key, (_, r) in decided.items() if r.unread and may_be_figure(evidence[key])]
    wide = recogniser().read([_strip(page, [(key, lines[key])])[0] for key in again], min_width=WIDE) if again else []
    for key, reading in zip(again, wide):
        evidence[key].wide = reading
        decided[key] = cell_text(evidence[key])

    parts = []
    for t, table in enumerate(tables):
        rows: list[list] = [[None] * (len(table.xs) - 1) for _ in range(len(table.ys) - 1)]
        for c, cell in enumerate(table.cells):
            boxes = lines[(t, c)]
            text, cell_reading = decided[(t, c)]
            bbox = tuple(v * pt for v in (table.xs[cell.col], table.ys[cell.row],
                                          table.xs[cell.col + cell.cols], table.ys[cell.row + cell.rows]))
            bottom = boxes[-1][3] * pt if boxes else bbox[1]
            size = (boxes[-1][3] - boxes[-1][1]) * pt * 0.95 if boxes else 0.0
            text_x = (min(b[0] for b in boxes) * pt, max(b[2] for b in boxes) * pt) if boxes else (0.0, 0.0)
            rows[cell.row][cell.col] = Cell(text, bbox, len(boxes), bottom, size, text_x, reading=cell_reading)
        parts.append(Part(page.number, tuple(v * pt for v in table.box), [x * pt for x in table.xs[:-1]], rows, picture))
    return parts


def _figures_in_rows(page, tables, lines, evidence) -> dict[tuple[int, int], tuple[str, tuple[float, ...]]]:
    """Each figure cell read again with the other figures of its table row, as one line.

    Alone, a 0 is as much the letter o as a digit to the model; beside the row's other figures it is
    read as what it is. Each character read is given to the cell it stands over.
    Returns (table, cell) → (its figure characters, each one's probability).
    """
    from core.ocr.engine import HEIGHT, STEP, recogniser
    from core.ocr.figures import may_be_figure

    strips, layouts = [], []
    for t, table in enumerate(tables):
        rows: dict[int, list] = {}
        for c, cell in enumerate(table.cells):
            if may_be_figure(evidence[(t, c)]):
                rows.setdefault(cell.row, []).append(((t, c), lines[(t, c)]))
        for items in rows.values():
            items.sort(key=lambda item: item[1][0][0])
            strip, spans = _strip(page, items)
            strips.append(strip)
            layouts.append((spans, strip.shape[0]))
    out: dict[tuple[int, int], tuple[str, tuple[float, ...]]] = {}
    for reading, (spans, height) in zip(recogniser().read(strips) if strips else [], layouts):
        got: dict = {key: ([], []) for key, _, _ in spans}
        for char, prob, step in zip(reading.digits, reading.digit_probs, reading.digit_steps):
            if char == " ":
                continue
            x = (step + 0.5) * STEP * height / HEIGHT  # where the model read it, on the strip
            key = next((key for key, a, b in spans if a <= x < b), None)
            if key is not None:
                got[key][0].append(char)
                got[key][1].append(prob)
        for key, (chars, probs) in got.items():
            out[key] = ("".join(chars), tuple(probs))
    return out


def _strip(page, items):
    """Cells' pictures side by side as one line: (the picture, each cell's key and x range on it).

    Cells stand a line's height apart, their bottoms on one line as printed figures stand; a cell's
    own lines (a figure wrapped over two) are set one after the other, as one figure.
    """
    import numpy as np

    tallest = max(b[3] - b[1] for _, boxes in items for b in boxes)
    pad, gap, join = max(3, round(tallest * 0.25)), max(6, round(tallest * 0.6)), max(2, round(tallest * 0.15))
    width = sum(b[2] - b[0] + join for _, boxes in items for b in boxes) + gap * (len(items) + 1)
    strip = np.full((tallest + 2 * pad, width), 255, np.uint8)
    x, spans = gap, []
    for key, boxes in items:
        start = x
        for x0, y0, x1, y1 in boxes:
            top = pad + tallest - (y1 - y0)
            strip[top:top + y1 - y0, x:x + x1 - x0] = page.grey[y0:y1, x0:x1]
            x += x1 - x0 + join
        x -= join
        spans.append((key, start - gap / 2, x + gap / 2))
        x += gap
    return strip, spans


def _stroke(page, boxes):
    """A cell's one glyph as a single thin stroke (a 「1」 or a 「/」: shape.py), else None."""
    from core.ocr.shape import stroke

    if len(boxes) != 1:
        return None
    x0, y0, x1, y1 = boxes[0]
    return stroke(_without_specks(page.ink[y0:y1, x0:x1], page.dpi))


def _cell_lines(page, box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """The lines of text in a table cell: tight boxes, top to bottom (none: an empty cell)."""
    from core.ocr import lines as text_lines

    x0, y0, x1, y1 = box
    inset = 2
    inner = (x0 + inset, y0 + inset, x1 - inset, y1 - inset)
    if inner[2] - inner[0] < 4 or inner[3] - inner[1] < 4:
        return []
    ink = _without_specks(page.ink[inner[1]:inner[3], inner[0]:inner[2]], page.dpi)
    found = text_lines.bands(ink)
    if not found:
        return []
    height = max(text_lines.usual_height(found, page.dpi), page.dpi * 0.08)  # at least a 6-point line
    found = text_lines.join_low_bands(found, height, ink)
    out = []
    for top, bottom in found:
        if bottom - top < 0.25 * height:
            continue
        b = text_lines.tight(ink, (0, top, ink.shape[1], bottom))
        if b is not None:
            out.append((inner[0] + b[0], inner[1] + b[1], inner[0] + b[2], inner[1] + b[3]))
    return out


def _without_specks(ink, dpi: float):
    """A cell's ink without its specks: inside the cell's rules, a speck by a rule is as alone as any other."""
    import numpy as np

    from core.ocr.page import remove_specks

    ring = 4
    out = np.zeros((ink.shape[0] + 2 * ring, ink.shape[1] + 2 * ring), bool)
    out[ring:-ring, ring:-ring] = ink
    remove_specks(out, dpi)
    return out[ring:-ring, ring:-ring]


def _crop(grey, box: tuple[int, int, int, int]):
    """The line's picture on white, with a margin of white around it (nothing else near it comes along)."""
    import numpy as np

    x0, y0, x1, y1 = box
    h = y1 - y0
    pad_y, pad_x = max(3, round(h * 0.25)), max(4, round(h * 0.4))
    out = np.full((h + 2 * pad_y, x1 - x0 + 2 * pad_x), 255, np.uint8)
    out[pad_y:pad_y + h, pad_x:pad_x + x1 - x0] = grey[y0:y1, x0:x1]
    return out


# --- what the PDF reader's blocks become for scanned pages -------------------------------------------


def paragraph(text: str, lines, path: str) -> Para:
    first = [line for line in lines if line.page == lines[0].page]
    bbox = (min(line.x0 for line in first), first[0].top, max(line.x1 for line in first), first[-1].bottom)
    confidence = min((line.confidence for line in lines if line.confidence is not None), default=None)
    return Para(text, lines[0].source.location(bbox, confidence), doubt=Doubt.SCAN)


def table_grid(table, index: int, path: str) -> Grid:
    """The table as the PDF reader lays it on a grid, each cell's place on its page's picture, and unread figures marked."""
    from core.readers.pdf_tables import grid

    found = grid(table, index, path)
    entries = [(part, cell) for part in table.parts for row in part.rows for cell in row]
    cells = [gc for row in found.rows for gc in row]
    for (part, cell), gc in zip(entries, cells):
        picture: Picture = part.source
        place: dict[str, Any] = {"table": gc.loc.table, "row": gc.loc.row, "col": gc.loc.col}
        if cell is None:
            gc.loc = Location(picture.file, "scan", page=picture.page, **place)
            continue
        reading = cell.reading  # core/ocr/figures.CellReading
        gc.loc = picture.location(cell.bbox, reading.confidence, **place)
        gc.unread = reading.unread
    first = table.parts[0]
    found.loc = first.source.location(first.bbox, table=index)
    found.doubt = Doubt.SCAN
    return found


# --- image files ------------------------------------------------------------------------------------


def image_dpi(image) -> float:
    """The picture's resolution: what it says, or what an A4 page's width makes of its size if that is more (a
    phone writes 72 dpi into a photograph of 3 000 pixels across)."""
    said = image.info.get("dpi")
    said = float(said[0]) if said and said[0] and float(said[0]) > 1 else 0.0
    return max(said, max(image.width, image.height * 0.707) / A4_WIDTH_INCH)


def check_resolution(dpi: float) -> None:
    if dpi < MIN_DPI:
        raise ReadError("scan_resolution", LOW_RESOLUTION.format(dpi=round(dpi)))


def _opened(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data))  # the header only: each frame is decoded when it is read


def frame_count(data: bytes) -> int:
    """How many pages a picture file holds (a TIFF may hold many), without decoding them."""
    try:
        return getattr(_opened(data), "n_frames", 1)
    except Exception:  # Pillow raises many kinds of error on a damaged file
        raise ReadError("corrupt", NOT_IMAGE) from None


def frame(data: bytes, n: int):
    """Page `n` (0-based) of a picture file, upright as the camera's orientation tag says, at most MAX_DPI."""
    from PIL import Image, ImageOps

    try:
        image = _opened(data)
        image.seek(n)
        said = image.info.get("dpi")
        page = ImageOps.exif_transpose(image.copy()) or image.copy()
        if said:
            page.info["dpi"] = said
        dpi = image_dpi(page)
        if dpi > MAX_DPI:  # a 600-dpi scan is read as 300: four times fewer pixels, figures as clear
            k = MAX_DPI / dpi
            page = page.resize((round(page.width * k), round(page.height * k)), Image.Resampling.LANCZOS)
            page.info["dpi"] = (MAX_DPI, MAX_DPI)
        return page
    except ReadError:
        raise
    except Exception:
        raise ReadError("corrupt", NOT_IMAGE) from None


def folder_pictures(folder: str) -> list[str]:
    """The picture files of a folder, in page order (file names compared by their numbers: 第2页 before 第10页)."""
    from core.readers.kinds import PICTURES

    names = [n for n in os.listdir(folder) if n.lower().endswith(PICTURES) and not n.startswith((".", "~$"))
             and os.path.isfile(os.path.join(folder, n))]
    return [os.path.join(folder, n) for n in sorted(names, key=_natural)]


def _natural(name: str) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", name)]


# --- pages of a PDF, pages of pictures ------------------------------------------------------------


def check_pages(pages: int) -> None:
    if pages > MAX_SCAN_PAGES:
        raise ReadError("too_large", TOO_MANY_PAGES.format(pages=pages, limit=MAX_SCAN_PAGES))


def pdf_pictures(data: bytes, scans: dict[int, float]):
    """(page number, dpi, PIL image) of each scanned page, rendered at its picture's own resolution (300 at most)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        for number, dpi in sorted(scans.items()):
            dpi = min(dpi, MAX_DPI)
            page = document[number - 1]
            image = page.render(scale=dpi / 72).to_pil()
            page.close()
            yield number, dpi, image
    finally:
        document.close()


def recognising(done: int, total: int) -> None:
    """Say that page `done` of the `total` to recognise begins, and that it may take its seconds (core/progress.py)."""
    from core.readers import progress

    progress.report("正在识别扫描件的页面", done, total, seconds=SCAN_PAGE_SECONDS)


def _named(step, file: str, data: bytes, files: int, *more):
    """`step(data, *more)`; a picture among several that cannot be opened is named in the message."""
    try:
        return step(data, *more)
    except ReadError as error:
        if files > 1 and error.code == "corrupt":
            raise ReadError("corrupt", f"文件夹中的「{os.path.basename(file)}」：{error.message}") from None
        raise


def read(path: str, data: bytes, fingerprint: str) -> Document:
    """A picture file (.png, .jpg, .tif: one page, or a TIFF's many) read as a report."""
    return read_pictures(path, [(path, data)], fingerprint)


def read_folder(folder: str) -> Document:
    """A folder of page pictures read as one report, its pages in file-name order."""
    import hashlib

    from core.readers import read_bytes
    from core.readers.sniff import sniff

    files = folder_pictures(folder)
    check_pages(len(files))
    data = [(f, read_bytes(f)) for f in files]
    for f, content in data:
        if sniff(content) != "image":
            raise ReadError("corrupt", f"文件夹中的「{os.path.basename(f)}」不是图片，或已损坏。{NOT_IMAGE}")
    fingerprint = hashlib.sha256(b"".join(hashlib.sha256(content).digest() for _, content in data)).hexdigest()
    return read_pictures(folder, data, fingerprint)


def read_pictures(path: str, files: list[tuple[str, bytes]], fingerprint: str) -> Document:
    """The pictures' pages, one after the other, as one report (each decoded only when it is read)."""
    from core.document import Document
    from core.ocr.engine import EngineMissing
    from core.readers.pdf import blocks_of

    pages_of = [(file, data, n) for file, data in files for n in range(_named(frame_count, file, data, len(files)))]
    check_pages(len(pages_of))
    pages, heights = [], []
    try:
        for number, (file, data, n) in enumerate(pages_of, 1):
            recognising(number, len(pages_of))
            image = _named(frame, file, data, len(files), n)
            dpi = image_dpi(image)
            check_resolution(dpi)
            items, height = page_items(image, number, Picture(file, n + 1, dpi))
            pages.append(items)
            heights.append(height)
    except EngineMissing:
        raise ReadError("scanned", NO_ENGINE) from None
    if not any(pages):
        raise ReadError("scanned", NO_TEXT)
    return Document(path, "scan", fingerprint, blocks_of(pages, heights, path), pictures=len(pages_of))
