"""Reading PDFs: the text and the ruled tables of every page, in reading order.

pdfplumber (on pdfminer) gives the characters and the ruling lines of each page;
pdf_tables.py rebuilds the tables from them (over page breaks too) and pdf_text.py
the lines and paragraphs. Each cell keeps its page and box (points, from the page's
top left) for the window to draw (`core/pdfpage.py` draws the page). A PDF that
has no text (a scan), whose text has no Unicode map (`(cid:…)`), or that needs a
password is refused with a message: numbers are never guessed.
"""
from __future__ import annotations

import io

from core.document import Document, Grid, Para
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import PageBudget, check_pages, check_pdf_streams, deadline
from core.readers.pdf_tables import Part, Table, box, find_tables, grid, group_tables, inside, page_part
from core.readers.pdf_text import Body, Line, drop_page_furniture, page_lines

DOUBLED = 1.0  # points: the same character this close to itself is printed twice (pdfplumber's default tolerance)
SCANNED_PAGE_CHARS = 20  # a page with an image and fewer characters than this is a scanned page
CID_SHARE = 0.2  # more than this share of `(cid:…)` characters: the text cannot be read

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


def _interpret(page, budget: PageBudget) -> None:
    """Interpret the page's drawing instructions as pdfplumber would, within the page's budget.

    pdfminer has no limits of its own: a page of a million characters or a form drawn inside
    itself a million times would take minutes and gigabytes. pdfplumber takes the result as the
    page's layout (it caches `Page.layout` as `_layout`, pdfplumber 0.11: test_bad_inputs proves
    the budget is kept).
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import stream_value
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    class Device(PDFPageAggregatorWithMarkedContent):
        def render_char(self, *args, **kwargs):
            budget.object_drawn()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):
            budget.object_drawn()
            return super().paint_path(*args, **kwargs)

        def render_image(self, *args, **kwargs):
            budget.object_drawn()
            return super().render_image(*args, **kwargs)

        def begin_figure(self, *args, **kwargs):
            budget.object_drawn()
            return super().begin_figure(*args, **kwargs)

    class Interpreter(PDFPageInterpreter):
        def render_contents(self, resources, streams, ctm=(1, 0, 0, 1, 0, 0)):
            budget.content_read(sum(len(stream_value(s).get_data()) for s in streams))  # each form each time it is drawn
            super().render_contents(resources, streams, ctm)

        def do_q(self):
            budget.nesting(len(self.gstack))
            super().do_q()

    device = Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        Interpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except ReadError:
        raise
    except Exception as error:  # as pdfplumber's own Page.layout wraps them
        raise PdfminerException(error) from error
    page._layout = device.get_result()


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
    outside = []
    for char in chars:
        n = next((n for n, table in enumerate(tables) if inside(char, table.bbox)), None)
        (outside if n is None else in_table[n]).append(char)
    items: list[Line | Part] = [page_part(t, in_table[n], number) for n, t in enumerate(tables)]
    items += page_lines(outside, number)
    items.sort(key=lambda item: item.top)
    return items, len(chars), cid, len(page.images)


def _blocks(grouped: list[Line | Table], path: str) -> list[Para | Grid]:
    body = Body.of([i for i in grouped if isinstance(i, Line)])
    blocks: list[Para | Grid] = []
    before: Line | None = None
    lines: list[Line] = []

    def flush() -> None:
        if lines:
            first = [line for line in lines if line.page == lines[0].page]
            bbox = (min(l.x0 for l in first), first[0].top, max(l.x1 for l in first), first[-1].bottom)
            loc = Location(path, "pdf", page=lines[0].page, bbox=box(bbox))
            blocks.append(Para("".join(line.text for line in lines), loc))
            lines.clear()

    tables = 0
    for item in grouped:
        if isinstance(item, Table):
            flush()
            blocks.append(grid(item, tables, path))
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

    check_pdf_streams(data)
    pdf = _open(data)
    pages, heights = [], []
    chars = cid = images = scanned = 0
    stop = deadline()
    try:
        if not pdf.pages:
            raise ReadError("corrupt", CORRUPT)
        check_pages(len(pdf.pages))
        for number, page in enumerate(pdf.pages, 1):
            _interpret(page, PageBudget(number, stop))
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
    items = [item for page_items in drop_page_furniture(pages, heights) for item in page_items]
    blocks = _blocks(group_tables(items), path)
    return Document(path, "pdf", fingerprint, blocks, pictures=images)


