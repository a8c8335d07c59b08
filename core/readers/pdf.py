"""Reading PDFs: the text and the ruled tables of every page, in reading order.

pdfplumber (on pdfminer) gives the characters and the ruling lines of each page,
interpreted within the limits of core/readers/limits.py (pdf_budget.py);
pdf_tables.py rebuilds the tables from them (over page breaks too) and pdf_text.py
the lines and paragraphs. Each cell keeps its page and box (points, from the page's
top left) for the window to draw (`core/pdfpage.py` draws the page). A PDF that
has no text (a scan), whose text has no Unicode map (`(cid:…)`), or that needs a
password is refused with a message: numbers are never guessed. A page with no text layer (a scan) is
read by recognising its picture (core/readers/scan.py); its blocks say so (`Doubt.SCAN`).
"""
from __future__ import annotations

import dataclasses
import io

from core.document import Document, Doubt, Grid, Para
from core.model import Location
from core.readers import progress, scan
from core.readers.errors import ReadError
from core.readers.limits import PageBudget, check_pages, deadline
from core.readers.pdf_tables import Part, Table, box, find_tables, grid, group_tables, inside, page_part
from core.readers.pdf_text import Body, Line, drop_page_furniture, page_lines
from core.readers.pdf_unruled import Unruled, find_unruled
from core.readers.pdf_upright import upright

DOUBLED = 1.0  # points: the same character this close to itself is printed twice (pdfplumber's default tolerance)
SCANNED_PAGE_CHARS = 20  # a page with an image and fewer characters than this is a scanned page
CID_SHARE = 0.2  # more than this share of `(cid:…)` characters: the text cannot be read

SCANNED = (
    "这个PDF没有文字层，像是扫描件或图片，无法读出其中的文字和数字。"
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


def _has_doubled_chars(chars: list[dict]) -> bool:
    """Whether any character is printed twice at (nearly) the same place, as fake bold does.

    pdfplumber's dedupe_chars costs half as much as reading the page; most pages need none. Each
    character is compared with the ones before it in the same or a neighbouring row and place (places
    DOUBLED wide): with every earlier one of its row, a row of 45 000 characters took minutes.
    """
    seen: dict[tuple[str, int, int], list[float]] = {}
    for char in chars:
        row, place = int(char["top"]), int(char["x0"] // DOUBLED)
        for key in ((char["text"], r, p) for r in (row - 1, row, row + 1) for p in (place - 1, place, place + 1)):
            if any(abs(x - char["x0"]) <= DOUBLED for x in seen.get(key, ())):
                return True
        seen.setdefault((char["text"], row, place), []).append(char["x0"])
    return False


def _read_page(page, number: int) -> tuple[list[Line | Part], int, int, int]:
    """The page's lines and tables in reading order, and its counts of characters, `(cid:…)` ones and images."""
    if _has_doubled_chars(page.chars):
        # Fake bold: the same character printed twice, slightly offset. Not compared by size: a size of
        # 9.999999999999972 against 10.0 (seen in LibreOffice's PDFs) would keep both.
        page = page.dedupe_chars(tolerance=DOUBLED, extra_attrs=("fontname",))
    chars = page.chars
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    tables = find_tables(page)
    in_table: list[list[dict]] = [[] for _ in tables]
    outside: list[dict] = []
    for char in chars:
        n = next((n for n, table in enumerate(tables) if inside(char, table.bbox)), None)
        (outside if n is None else in_table[n]).append(char)
    items: list[Line | Part] = [page_part(t, in_table[n], number) for n, t in enumerate(tables)]
    items += page_lines(outside, number)
    items.sort(key=lambda item: item.top)
    return items, len(chars), cid, len(page.images)


def _blocks(grouped: list[Line | Table | Unruled], path: str) -> list[Para | Grid]:
    body = Body.of([i for i in grouped if isinstance(i, Line)])
    blocks: list[Para | Grid] = []
    before: Line | None = None
    lines: list[Line] = []

    def flush() -> None:
        if lines and lines[0].source is not None:
            blocks.append(scan.paragraph("".join(line.text for line in lines), lines, path))
            lines.clear()
        if lines:
            first = [line for line in lines if line.page == lines[0].page]
            bbox = (min(ln.x0 for ln in first), first[0].top, max(ln.x1 for ln in first), first[-1].bottom)
            loc = Location(path, "pdf", page=lines[0].page, bbox=box(bbox))
            # Lines, paragraphs and headings are inferred from the characters' positions.
            blocks.append(Para("".join(line.text for line in lines), loc, doubt=Doubt.PDF_TEXT))
            lines.clear()

    tables = 0
    for item in grouped:
        if isinstance(item, (Table, Unruled)):
            flush()
            if isinstance(item, Unruled):
                blocks.append(item.grid(tables, path))
            elif item.parts[0].source is not None:
                blocks.append(scan.table_grid(item, tables, path))
            else:
                blocks.append(grid(item, tables, path))
            tables += 1
            before = None
            continue
        if body.starts_paragraph(before, item) or (before is not None and (before.source is None) != (item.source is None)):
            flush()
        lines.append(item)
        before = item
    flush()
    return blocks


# --- the file --------------------------------------------------------------------------------


def _recognise(path: str, data: bytes, pages: list, heights: list, scans: dict[int, float]) -> None:
    """Each scanned page's lines and tables recognised from its picture, in place of the nothing its text layer holds."""
    from core.ocr.engine import EngineMissing

    scan.check_resolution(min(scans.values()))
    scan.check_pages(len(scans))
    try:
        for done, (number, dpi, image) in enumerate(scan.pdf_pictures(data, scans), 1):
            scan.recognising(done, len(scans))
            picture = scan.Picture(path, number, dpi)
            items, height = scan.page_items(image, number, picture)
            pages[number - 1] = items
            heights[number - 1] = height
    except EngineMissing:
        raise ReadError("scanned", scan.NO_ENGINE) from None


def _open(data: bytes):
    import pdfplumber  # imported here: reading a .txt or .docx never loads it
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, ReadError):  # a limit kept while its catalogue and cross-references were read
            raise cause from None
        if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            raise ReadError("encrypted", ENCRYPTED) from None
        raise ReadError("corrupt", CORRUPT) from None
    except Exception:  # pdfminer raises many kinds of error on a damaged file
        raise ReadError("corrupt", CORRUPT) from None


def _close(pdf) -> None:
    """pdfplumber's close walks the page tree again: a damaged one fails there too, and there is nothing left to keep."""
    try:
        pdf.close()
    except Exception:
        pass


def _page_tree(pdf) -> list:
    """pdfplumber's pages. A page without a media box (a damaged file) fails as it is made, with a TypeError."""
    try:
        return pdf.pages
    except (TypeError, KeyError, ValueError):
        raise ReadError("corrupt", CORRUPT) from None


def _scan_dpi(page) -> float:
    """The resolution of a scanned page's picture (its largest image's pixels over the width it is drawn at)."""
    best = max(page.images, key=lambda i: float(i["width"]) * float(i["height"]))
    drawn = max(float(best["width"]), 1.0) / 72
    return float(best["srcsize"][0]) / drawn if best.get("srcsize") else 0.0


def read(path: str, data: bytes, fingerprint: str) -> Document:
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    from core.readers.pdf_budget import interpret, start_read  # with pdfminer: imported only to read a PDF

    start_read()
    pdf = _open(data)
    pages, heights, turned = [], [], {}
    scans: dict[int, float] = {}  # page number → its picture's resolution
    chars = cid = images = scanned = 0
    stop = deadline()
    try:
        if not _page_tree(pdf):
            raise ReadError("corrupt", CORRUPT)
        check_pages(len(pdf.pages))
        for number, page in enumerate(pdf.pages, 1):
            progress.report("正在读取PDF的页面", number, len(pdf.pages))
            interpret(page, PageBudget(number, stop))
            view = upright(page)  # a page whose text runs sideways or upside down, turned to read
            if view is not page:
                turned[number] = view
            items, n_chars, n_cid, n_images = _read_page(view, number)
            pages.append(items)
            heights.append(float(view.height))
            chars, cid, images = chars + n_chars, cid + n_cid, images + n_images
            if n_images and n_chars < SCANNED_PAGE_CHARS:
                scanned += 1
                scans[number] = _scan_dpi(page)
            page.close()  # pdfplumber keeps every object of a page until told: memory stays flat
    except (PdfminerException, MalformedPDFException) as error:
        cause = error.args[0] if error.args else None
        raise cause if isinstance(cause, ReadError) else ReadError("corrupt", CORRUPT) from None
    finally:
        _close(pdf)
    if scans:
        _recognise(path, data, pages, heights, scans)
    elif chars == 0:
        raise ReadError("scanned", SCANNED)
    if cid > chars * CID_SHARE:
        raise ReadError("no_unicode", NO_UNICODE)
    if not any(pages):
        raise ReadError("scanned", scan.NO_TEXT if scans else SCANNED)
    blocks = blocks_of(pages, heights, path)
    if turned:
        _as_displayed(blocks, turned)
    return Document(path, "pdf", fingerprint, blocks, pictures=images)


def blocks_of(pages: list[list[Line | Part]], heights: list[float], path: str) -> list[Para | Grid]:
    """The document's blocks from each page's lines and table parts: tables joined over page breaks, lines into paragraphs."""
    items = [item for page_items in drop_page_furniture(pages, heights) for item in page_items]
    return _blocks(find_unruled(group_tables(items)), path)


def _as_displayed(blocks: list[Para | Grid], turned: dict) -> None:
    """Boxes found on pages read turned, given back in the page's own coordinates (where the window draws them)."""

    def back(loc: Location) -> Location:
        view = turned.get(loc.page)
        if view is None or loc.bbox is None or loc.kind == "scan":  # a scan's boxes are on its picture as shown
            return loc
        return dataclasses.replace(loc, bbox=box(view.displayed(loc.bbox)))

    for block in blocks:
        block.loc = back(block.loc)
        for row in block.rows if isinstance(block, Grid) else ():
            for cell in row:
                cell.loc = back(cell.loc)


