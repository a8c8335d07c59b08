"""Reading PDFs: the text and the ruled tables of every page, in reading order.

pdfplumber (on pdfminer) gives the characters and the ruling lines. A PDF has no
paragraphs and no tables, only characters and lines at positions, so this reader
rebuilds them:

* tables from their ruling lines (pdfplumber's `find_tables`); a place a merged
  cell covers comes back as None and is marked `covered`; a table that runs on to
  the next page is joined to its first part (the same left and right edges, at the
  bottom of one page and the top of the next), a header repeated on the new page
  is dropped, and a row cut in two by the page break is joined again;
* grid columns from the x positions where cells start, over all parts of a table,
  so the assembler can place values under the header cells above them;
* paragraphs from text lines: a line that is indented, follows a short line,
  changes the font size or stands after a gap starts a new one; page numbers and
  running headers are left out.

Each cell keeps its page and box (points, from the page's top left) for the
window to draw. A PDF that has no text (a scan), whose text has no Unicode map
(`(cid:…)`), or that needs a password is refused with a message: numbers are
never guessed.
"""
from __future__ import annotations

import bisect
import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from core.document import Document, Grid, GridCell, Para
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import check_pages
from core.text.normalize import label_key, split_numbering, squeeze
from core.text.numbers import looks_like_value

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3}
SPACE_GAP = 0.6  # a gap wider than this share of the font size between two characters is a space
EDGE = 3.0  # points: two x positions this close are the same grid line
MARGIN = 0.08  # share of the page height at the top and bottom where running headers and page numbers stand
OPEN_SIDE = 0.5  # a table side with rules along less than this share of its height is drawn open
DOUBLED = 1.0  # points: the same character this close to itself is printed twice (pdfplumber's default tolerance)
SCANNED_PAGE_CHARS = 20  # a page with an image and fewer characters than this is a scanned page
CID_SHARE = 0.2  # more than this share of `(cid:…)` characters: the text cannot be read
_PAGE_NUMBER_RE = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*$")

SCANNED = (
    "这个PDF没有文字层，像是扫描件或图片，无法读出其中的文字和数字（本程序不做文字识别，以免读错数字）。"
    "请提供报告的Word原件（.docx）或Excel表格，或从Word直接“另存为PDF”后再检查。"
)
NO_UNICODE = (
    "这个PDF中的文字使用了无法解码的字体编码，读出的是乱码（(cid:…)），无法核对其中的数字。"
    "请提供报告的Word原件（.docx）或Excel表格，或从Word直接“另存为PDF”后再检查。"
)
ENCRYPTED = (
    "这个PDF设置了打开密码，无法读取其中的内容。请提供未加密的PDF，或报告的Word原件（.docx）或Excel表格。"
)
CORRUPT = "无法打开这个PDF文件，文件可能已损坏或没有下载完整。请重新获取原文件，或提供报告的Word原件（.docx）。"


@dataclass
class _Line:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Cell:
    text: str
    bbox: tuple[float, float, float, float]
    lines: int  # lines of text in the cell
    text_bottom: float  # bottom of its last line of text
    size: float


@dataclass
class _Part:
    """A table as found on one page: pdfplumber's rows, each a list over its columns (None: covered)."""

    page: int
    bbox: tuple[float, float, float, float]
    starts: list[float]  # x where each of its columns starts
    rows: list[list[_Cell | None]]

    @property
    def top(self) -> float:
        return self.bbox[1]


@dataclass
class _Table:
    parts: list[_Part] = field(default_factory=list)


# --- characters to lines --------------------------------------------------------------------


def _text_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (top to bottom), each sorted left to right."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    lines: list[list[dict]] = [[ordered[0]]]
    middle = (ordered[0]["top"] + ordered[0]["bottom"]) / 2
    for char in ordered[1:]:
        m = (char["top"] + char["bottom"]) / 2
        if m - middle > max(char["size"], 1) * 0.5:
            lines.append([])
        lines[-1].append(char)
        middle = m if len(lines[-1]) == 1 else middle
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _join(line: list[dict]) -> str:
    """A line's text; a space only where the gap is wide (not LibreOffice's CJK/Latin spacing, nor justification)."""
    parts = [line[0]["text"]]
    for before, char in zip(line, line[1:]):
        if char["x0"] - before["x1"] > SPACE_GAP * max(char["size"], 1):
            parts.append(" ")
        parts.append(char["text"])
    return "".join(parts)


def _size(line: list[dict]) -> float:
    return statistics.median(c["size"] for c in line)


# --- one page ----------------------------------------------------------------------------


def _inside(char: dict, bbox) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _cell(chars_by_middle: list[tuple[float, dict]], middles: list[float], bbox) -> _Cell:
    lo = bisect.bisect_left(middles, bbox[1])
    hi = bisect.bisect_right(middles, bbox[3])
    chars = [c for _, c in chars_by_middle[lo:hi] if bbox[0] <= (c["x0"] + c["x1"]) / 2 <= bbox[2]]
    lines = _text_lines(chars)
    if not lines:
        return _Cell("", bbox, 0, bbox[1], 0.0)
    return _Cell("\n".join(_join(line) for line in lines), bbox, len(lines), max(c["bottom"] for c in lines[-1]), _size(lines[-1]))


def _part(table, chars: list[dict], page: int) -> _Part:
    keyed = sorted((((c["top"] + c["bottom"]) / 2, c) for c in chars), key=lambda item: item[0])
    middles = [m for m, _ in keyed]
    rows = []
    for row in table.rows:
        rows.append([_cell(keyed, middles, bbox) if bbox is not None else None for bbox in row.cells])
    starts = sorted({cell[0] for cell in table.cells})
    return _Part(page, tuple(table.bbox), starts, rows)


def _has_doubled_chars(chars: list[dict]) -> bool:
    """Whether any character is printed twice at (nearly) the same place, as fake bold does.

    pdfplumber's dedupe_chars costs half as much as reading the page; most pages need none.
    """
    seen: dict[tuple[str, int], list[float]] = {}
    for char in chars:
        row = int(char["top"])
        for key in ((char["text"], row - 1), (char["text"], row), (char["text"], row + 1)):
            if any(abs(x - char["x0"]) <= DOUBLED for x in seen.get(key, ())):
                return True
        seen.setdefault((char["text"], row), []).append(char["x0"])
    return False


def _crossed(columns: list[dict], upper: dict, lower: dict) -> bool:
    """Whether a vertical rule within the rules' width runs from one rule down to the other: they are one table's."""
    left, right = min(upper["x0"], lower["x0"]), max(upper["x1"], lower["x1"])
    return any(
        left - EDGE <= c["x0"] <= right + EDGE
        and c["top"] <= upper["top"] + EDGE
        and c["bottom"] >= lower["top"] - EDGE
        for c in columns
    )


def _runs(rules: list[dict], columns: list[dict]) -> list[list[dict]]:
    """Rules, top to bottom, cut where nothing vertical joins one to the next (a heading between two tables)."""
    runs: list[list[dict]] = []
    for rule in sorted(rules, key=lambda e: e["top"]):
        if runs and _crossed(columns, runs[-1][-1], rule):
            runs[-1].append(rule)
        else:
            runs.append([rule])
    return runs


def _covered(columns: list[dict], x: float, top: float, bottom: float) -> float:
    """How much of the height from `top` to `bottom` vertical rules at `x` cover."""
    spans = sorted((max(c["top"], top), min(c["bottom"], bottom)) for c in columns if abs(c["x0"] - x) <= EDGE)
    covered, reach = 0.0, top
    for start, end in spans:
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    return covered


def _closing_lines(page) -> list[dict]:
    """Vertical lines where a table drawn with open sides would have its left and right borders.

    Rules that start (or end) at the same x, one below the other and joined by column
    rules, are a table's rows; where the side they share has rules along less than half
    its height (a shaded row's edge, say), pdfplumber would lose the table's first (or
    last) column: draw the side in. A row a clerk cut short leaves only a small gap in
    its side, and stays short.
    """
    edges = page.edges
    rules = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 4 * EDGE]
    columns = [e for e in edges if e["orientation"] == "v"]
    lines = []
    for end in ("x0", "x1"):
        by_end: dict[int, list[dict]] = {}
        for rule in rules:
            by_end.setdefault(round(rule[end] / EDGE), []).append(rule)
        for group in by_end.values():
            for run in _runs(group, columns):
                x, top, bottom = run[0][end], run[0]["top"], run[-1]["top"]
                if len(run) < 2 or _covered(columns, x, top, bottom) > OPEN_SIDE * (bottom - top):
                    continue
                lines.append({"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom,
                              "width": 0, "height": bottom - top})
    return lines


def _find_tables(page) -> list:
    """pdfplumber's tables, and the single ruled boxes it leaves out (the first row of a table a page break cut off)."""
    from pdfplumber.table import Table

    closing = _closing_lines(page)
    finder = page.debug_tablefinder({**TABLE_SETTINGS, "explicit_vertical_lines": closing} if closing else TABLE_SETTINGS)
    in_tables = {tuple(cell) for table in finder.tables for cell in table.cells}
    boxes = [Table(page, [cell]) for cell in finder.cells if tuple(cell) not in in_tables]
    return finder.tables + boxes


def _read_page(page, number: int) -> tuple[list[_Line | _Part], int, int, int]:
    """The page's lines and tables in reading order, and its counts of characters, `(cid:…)` ones and images."""
    if _has_doubled_chars(page.chars):
        # Fake bold: the same character printed twice, slightly offset. Not compared by size: a size of
        # 9.999999999999972 against 10.0 (seen in LibreOffice's PDFs) would keep both.
        page = page.dedupe_chars(tolerance=DOUBLED, extra_attrs=("fontname",))
    chars = page.chars
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    tables = _find_tables(page)
    inside: list[list[dict]] = [[] for _ in tables]
    outside = []
    for char in chars:
        for n, table in enumerate(tables):
            if _inside(char, table.bbox):
                inside[n].append(char)
                break
        else:
            outside.append(char)
    items: list[_Line | _Part] = [_part(t, inside[n], number) for n, t in enumerate(tables)]
    for line in _text_lines(outside):
        text = _join(line).strip()
        if text:
            x0, x1 = min(c["x0"] for c in line), max(c["x1"] for c in line)
            top, bottom = min(c["top"] for c in line), max(c["bottom"] for c in line)
            items.append(_Line(text, number, x0, x1, top, bottom, _size(line)))
    items.sort(key=lambda item: item.top)
    return items, len(chars), cid, len(page.images)


# --- running headers, footers and page numbers ---------------------------------------------


def _drop_page_furniture(pages: list[list[_Line | _Part]], heights: list[float]) -> list[list[_Line | _Part]]:
    """Lines in the top or bottom margin that are page numbers or repeat on several pages."""

    def in_margin(line: _Line, height: float) -> bool:
        return line.bottom < height * MARGIN or line.top > height * (1 - MARGIN)

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", squeeze(line.text))

    seen = Counter()
    for items, height in zip(pages, heights):
        seen.update({key(i) for i in items if isinstance(i, _Line) and in_margin(i, height)})
    kept = []
    for items, height in zip(pages, heights):
        kept.append(
            [
                i
                for i in items
                if not (
                    isinstance(i, _Line)
                    and in_margin(i, height)
                    and (_PAGE_NUMBER_RE.match(i.text) or seen[key(i)] >= 2)
                )
            ]
        )
    return kept


# --- tables over page breaks -----------------------------------------------------------------


def _continues(previous: _Part, part: _Part) -> bool:
    """A table at the top of a page with the same left and right edges as the one ending the page before."""
    return (
        part.page == previous.page + 1
        and abs(part.bbox[0] - previous.bbox[0]) <= EDGE
        and abs(part.bbox[2] - previous.bbox[2]) <= EDGE
    )


def _row_texts(row: list[_Cell | None]) -> list[str]:
    return [squeeze(c.text) for c in row if c is not None]


def _drop_repeated_header(first: _Part, part: _Part) -> None:
    """A header repeated at the top of the new page: the rows equal to the table's first rows."""
    n = 0
    while n < min(len(first.rows), len(part.rows) - 1) and _row_texts(first.rows[n]) == _row_texts(part.rows[n]):
        n += 1
    if n and any(_row_texts(part.rows[0])):
        del part.rows[:n]


def _reaches_bottom(cell: _Cell) -> bool:
    """Text that runs down to the bottom of its cell: it may go on past the page break."""
    return bool(cell.text.strip()) and cell.text_bottom >= cell.bbox[3] - 1.5 * max(cell.size, 1)


def _same_columns(a: _Cell, b: _Cell) -> bool:
    return abs(a.bbox[0] - b.bbox[0]) <= EDGE and abs(a.bbox[2] - b.bbox[2]) <= EDGE


def _bottom(row: list[_Cell | None]) -> float:
    """Where a row ends: its single-row cells end there (a merged cell reaches further down)."""
    return min((c.bbox[3] for c in row if c is not None), default=0.0)


def _starts_entry(text: str) -> bool:
    """Text that begins with a number of its own (「二、」「（四）」「3.」) starts something new."""
    return bool(split_numbering(label_key(text))[0])


def _unfinished(text: str) -> bool:
    """Text that stops mid-sentence: after a comma or colon, or inside brackets."""
    key = label_key(text)
    return key.endswith((",", "，", "、", "(", ":", "；", ";")) or key.count("(") > key.count(")")


def _continue_merged_cells(previous: _Part, part: _Part) -> None:
    """A merged cell cut by the page break: its text on the new page is joined to its text on the page before."""
    last = [c for c in previous.rows[-1] if c is not None]
    last_top = min((c.bbox[1] for c in last), default=previous.bbox[3])
    at_bottom = [c for row in previous.rows for c in row if c is not None and abs(c.bbox[3] - previous.bbox[3]) <= EDGE]
    first = part.rows[0]
    first_bottom = _bottom(first)
    for n, cell in enumerate(first):
        if cell is None or not cell.text.strip() or looks_like_value(cell.text) or _starts_entry(cell.text):
            continue  # a number, or a text with a number of its own, is not the rest of the cell above
        above = next((c for c in at_bottom if _same_columns(c, cell)), None)
        if above is None or not _reaches_bottom(above):
            continue
        if above.bbox[1] < last_top - EDGE or cell.bbox[3] > first_bottom + EDGE:  # merged on one side at least
            above.text = f"{above.text}\n{cell.text}"
            first[n] = None  # the same cell: covered on this page


def _join_split_row(previous: _Part, part: _Part) -> None:
    """The first row of the new page is the rest of the row that ended the page before: join them.

    The second half holds text only in columns where the first half has text, and not
    in all of them (the cells that fitted end in the first half); a number never runs
    on over a page break. In a row of figures a whole next row could look the same
    (a row left blank): there the first half must be a numbered entry (「2.申请人…」) or
    stop mid-sentence, and the second half must not start with a number of its own.
    """
    above, below = previous.rows[-1], part.rows[0]
    filled = [c for c in above if c is not None and c.text.strip()]
    pairs = []
    for cell in below:
        if cell is None or not cell.text.strip():
            continue
        match = next((c for c in filled if _same_columns(c, cell)), None)
        if match is None or looks_like_value(match.text) or looks_like_value(cell.text):
            return
        pairs.append((match, cell))
    if not pairs or len(pairs) == len(filled):
        return
    if any(looks_like_value(c.text) for c in filled):  # a row of figures
        if not all((_starts_entry(a.text) or _unfinished(a.text)) and not _starts_entry(b.text) for a, b in pairs):
            return
    for match, cell in pairs:
        match.text = f"{match.text}\n{cell.text}"
    del part.rows[0]


def _join_page_break(previous: _Part, part: _Part) -> None:
    if previous.rows and part.rows:
        _continue_merged_cells(previous, part)
        _join_split_row(previous, part)


def _group_tables(items: list[_Line | _Part]) -> list[_Line | _Table]:
    grouped: list[_Line | _Table] = []
    for item in items:
        last = grouped[-1] if grouped else None
        if isinstance(item, _Part) and isinstance(last, _Table) and _continues(last.parts[-1], item):
            _drop_repeated_header(last.parts[0], item)
            _join_page_break(last.parts[-1], item)
            last.parts.append(item)
        elif isinstance(item, _Part):
            grouped.append(_Table([item]))
        else:
            grouped.append(item)
    return [_as_line(i) if isinstance(i, _Table) and _boxed_text(i) else i for i in grouped]


def _boxed_text(table: _Table) -> bool:
    """A single ruled box on one page is a framed paragraph, not a table (the first row of one is kept)."""
    return len(table.parts) == 1 and sum(1 for row in table.parts[0].rows for c in row if c is not None) == 1


def _as_line(table: _Table) -> _Line:
    part = table.parts[0]
    cell = next(c for row in part.rows for c in row if c is not None)
    x0, top, x1, bottom = cell.bbox
    return _Line(cell.text.replace("\n", ""), part.page, x0, x1, top, bottom, cell.size)


def _grid_starts(table: _Table) -> list[float]:
    """The x positions of the grid columns over every part of the table."""
    starts: list[float] = []
    for x in sorted(x for part in table.parts for x in part.starts):
        if not starts or x - starts[-1] > EDGE:
            starts.append(x)
    return starts


def _column(starts: list[float], x: float) -> int:
    n = bisect.bisect_left(starts, x - EDGE)
    return min(n, len(starts) - 1)


def _grid(table: _Table, index: int, path: str) -> Grid:
    starts = _grid_starts(table)
    rows: list[list[GridCell]] = []
    for part in table.parts:
        for row in part.rows:
            r = len(rows)
            cells = []
            for x, cell in zip(part.starts, row):
                col = _column(starts, x)
                if cell is None:
                    loc = Location(path, "pdf", page=part.page, table=index, row=r, col=col)
                    cells.append(GridCell("", loc, col=col, covered=True))
                    continue
                span = max(1, sum(1 for s in starts if cell.bbox[0] - EDGE <= s < cell.bbox[2] - EDGE))
                loc = Location(path, "pdf", page=part.page, table=index, row=r, col=col, bbox=_box(cell.bbox))
                cells.append(GridCell(cell.text, loc, col=col, span=span))
            rows.append(cells)
    first = table.parts[0]
    return Grid(rows, Location(path, "pdf", page=first.page, table=index, bbox=_box(first.bbox)), has_grid=True)


def _box(bbox) -> tuple[float, float, float, float]:
    return tuple(round(float(v), 2) for v in bbox)  # type: ignore[return-value]


# --- lines to paragraphs -----------------------------------------------------------------------


@dataclass
class _Body:
    """Where the text's lines start and end on the pages, to tell a wrapped line from a new paragraph."""

    left: float
    right: float
    gap: float  # the usual space between two lines of a paragraph

    @classmethod
    def of(cls, lines: list[_Line]) -> "_Body":
        if not lines:
            return cls(0, 0, 0)
        # The margin: the leftmost start that many lines share (first lines are indented, a stray line is not the margin).
        starts = Counter(round(line.x0) for line in lines)
        left = min((x for x, n in starts.items() if n >= max(2, len(lines) // 20)), default=min(starts))
        ends = sorted(line.x1 for line in lines)
        right = ends[int(len(ends) * 0.9)] if len(ends) >= 10 else ends[-1]
        gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.page == a.page and b.top > a.bottom]
        return cls(left, right, statistics.median(gaps) if gaps else 0)

    def starts_paragraph(self, before: _Line | None, line: _Line) -> bool:
        if before is None:
            return True
        size = max(line.size, before.size, 1)
        if abs(line.size - before.size) > 1:
            return True
        if before.x1 < self.right - 1.5 * size:  # the line before stopped short: its paragraph ended
            return True
        if line.x0 > self.left + 0.8 * size:  # indented: a first line
            return True
        if line.page == before.page and line.top - before.bottom > max(self.gap * 1.8, self.gap + size * 0.5):
            return True
        return False


def _blocks(grouped: list[_Line | _Table], path: str) -> list[Para | Grid]:
    body = _Body.of([i for i in grouped if isinstance(i, _Line)])
    blocks: list[Para | Grid] = []
    before: _Line | None = None
    lines: list[_Line] = []

    def flush() -> None:
        if lines:
            first = [line for line in lines if line.page == lines[0].page]
            bbox = (min(l.x0 for l in first), first[0].top, max(l.x1 for l in first), first[-1].bottom)
            loc = Location(path, "pdf", page=lines[0].page, bbox=_box(bbox))
            blocks.append(Para("".join(line.text for line in lines), loc))
            lines.clear()

    tables = 0
    for item in grouped:
        if isinstance(item, _Table):
            flush()
            blocks.append(_grid(item, tables, path))
            tables += 1
            before = None
            continue
        if body.starts_paragraph(before, item):
            flush()
        lines.append(item)
        before = item
    flush()
    return blocks


# --- the file --------------------------------------------------------------------------------


def _open(data: bytes):
    import pdfplumber  # imported here: reading a .txt or .docx never loads it
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            raise ReadError("encrypted", ENCRYPTED) from None
        raise ReadError("corrupt", CORRUPT) from None
    except Exception:  # pdfminer raises many kinds of error on a damaged file
        raise ReadError("corrupt", CORRUPT) from None


def read(path: str, data: bytes, fingerprint: str) -> Document:
    from pdfplumber.utils.exceptions import PdfminerException

    pdf = _open(data)
    pages, heights = [], []
    chars = cid = images = scanned = 0
    try:
        if not pdf.pages:
            raise ReadError("corrupt", CORRUPT)
        check_pages(len(pdf.pages))
        for number, page in enumerate(pdf.pages, 1):
            items, n_chars, n_cid, n_images = _read_page(page, number)
            pages.append(items)
            heights.append(float(page.height))
            chars, cid, images = chars + n_chars, cid + n_cid, images + n_images
            scanned += 1 if n_images and n_chars < SCANNED_PAGE_CHARS else 0
            page.close()  # pdfplumber keeps every object of a page until told: memory stays flat
    except PdfminerException:
        raise ReadError("corrupt", CORRUPT) from None
    finally:
        pdf.close()
    if chars == 0 or scanned * 2 >= len(pages):  # no text, or mostly scanned pages behind a typed cover
        raise ReadError("scanned", SCANNED)
    if cid > chars * CID_SHARE:
        raise ReadError("no_unicode", NO_UNICODE)
    items = [item for page_items in _drop_page_furniture(pages, heights) for item in page_items]
    blocks = _blocks(_group_tables(items), path)
    return Document(path, "pdf", fingerprint, blocks, pictures=images)


def render_page(path: str, page_number: int, scale: float = 2.0) -> bytes:
    """Page `page_number` (1-based) as a PNG, `scale` pixels per point: a cell's bbox × scale is its place in the image."""
    import pypdfium2 as pdfium  # pdfplumber's own dependency; draws pages without Qt

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        raise ReadError("corrupt", CORRUPT) from None
    try:
        if not 1 <= page_number <= len(document):
            raise ReadError("no_page", f"这个PDF没有第{page_number}页（共{len(document)}页）。")
        page = document[page_number - 1]
        image = page.render(scale=scale, crop=(0, 0, 0, 0)).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        document.close()
