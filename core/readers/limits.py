"""Limits every reader keeps, in one place: a clerk's file must never hang or exhaust the PC.

Whatever a file is, reading it stops with a `ReadError` (a Chinese message) long before it
could take minutes or gigabytes. The numbers are far above any real report's (a report is a
few dozen pages, a few hundred table cells) and far below what would hurt:

* the file: its size on disk; a text or web page's size (reading them costs per character);
* zip packages (.docx, .xlsx): the number of entries (counted before the directory is read),
  the unpacked size (a "zip bomb"), each XML part's size, and no DTD in any part: Office never
  writes one, and a DTD is what entity expansion ("billion laughs") and external entities need;
* parsed markup: the number of elements;
* PDFs: pages, the inflated size of every stream (checked on the raw bytes, before pdfminer
  inflates anything whole), and per page the objects drawn, the content interpreted (forms
  drawn inside forms count each time), the nesting of saved graphics states, and the time a
  whole read may take.
"""
from __future__ import annotations

import io
import time
import zipfile
import zlib

from core.readers.errors import ReadError

MB = 1024 * 1024

MAX_FILE_BYTES = 64 * MB  # a real report is a few MB at most
MAX_TEXT_BYTES = 1 * MB  # a text export of a report is ~30 KB; reading a table line costs ~50 µs a cell
MAX_TEXT_LINES = 20_000  # lines of a text file: a report copied from a portal page has ~1 300 (each costs ~0.1 ms)
MAX_PAGE_BYTES = 8 * MB  # a web page saved from a portal is a few hundred KB
MAX_ELEMENTS = 200_000  # elements of a parsed web page or Word body: a report has ~20 000
MAX_SPAN = 100  # rows or columns a merged cell of a web page's table may span
MAX_WALK = 1_000_000  # places of a web page looked at to find its navigation: a portal page needs ~20 000
MAX_TABLE_PLACES = 100_000  # places of a table's grid (spans counted): a report's largest has ~300
MAX_MHT_PARTS = 2_000  # parts of a single-file web page (the page, its pictures, styles): a portal's has tens

# A zip package (.xlsx, .docx) may unpack to far more than its size on disk (a "zip bomb").
MAX_UNPACKED_BYTES = 256 * MB
MAX_ZIP_ENTRIES = 10_000  # a report's package has a few dozen parts
MAX_XML_PART_BYTES = 16 * MB  # one XML part, unpacked: a 100-page document.xml is ~5 MB
_PROLOG_BYTES = 64 * 1024  # where a part's DOCTYPE would have to be: before its first element
# The used ranges of the visible sheets, all together: a report's tables are a few hundred cells; a stray
# cell at row 1048576 is not (every place of a range is walked: 500 000 take ~2 s).
MAX_SHEET_CELLS = 500_000
MAX_WORKBOOK_CELLS = 100_000  # cells written in all sheets: openpyxl reads ~60 000 a second
MAX_WORKBOOK_TEXT = 1_000_000  # characters all cells show together (a report's workbook shows ~20 000)

MAX_PAGES = 150  # an annual report has a few dozen pages; hundreds would keep the clerk waiting for minutes
MAX_STREAM_BYTES = 64 * MB  # one PDF stream, inflated (a fully embedded Chinese font is ~20 MB)
MAX_STREAMS_BYTES = 256 * MB  # all of a PDF's streams, inflated (images aside: they are never inflated)
MAX_PAGE_OBJECTS = 50_000  # characters, lines, rectangles, images of one page: a report's page has ~1 000
# Characters cost the most (~40 µs each, pdfminer's and pdfplumber's objects): a page of 6-pt text has ~6 000.
MAX_PAGE_CHARS = 10_000  # on one page (the seeds' most: 742)
MAX_PDF_CHARS = 150_000  # in all: the seeds' PDFs have 2 000–4 000 (~600 a page), 150 pages of them 90 000
MAX_PAGE_CONTENT_BYTES = 1 * MB  # drawing instructions of one page: a report's page has ~25 KB
MAX_NESTING = 1_000  # saved graphics states, forms drawn inside forms
TINY_POINTS = 2.0  # a character smaller than this every way cannot be read printed: a report's smallest are ~5 pt
MAX_TINY_CHARS = 2_000  # such characters on one page (a few hidden ones are harmless; a page of them is no report's)
# Places where ruling lines cross (pdfplumber's table finding costs their square: 2 300 take 0.2 s, 9 100 take 3.6 s):
MAX_RULE_CROSSINGS = 2_500  # on one page: a report's page has a few hundred (the seeds' most: 254)
MAX_PDF_CROSSINGS = 25_000  # on all its pages: a report's tables cross ~700 times in all
MAX_CMAP_ENTRIES = 100_000  # a font's map of codes to characters: a whole CJK font has ~30 000
MAX_FAX_COLUMNS = 100_000  # width of a CCITT fax picture (a fax line is 1 728; an A0 page at 600 dpi ~20 000)
MAX_READ_SECONDS = 30  # a 150-page report reads in a few seconds, even on an old PC

# The worker process a file is read and checked in (core/readers/worker): whatever the file does, it gets no more.
# Past either the worker is killed; the limits above stop what they know of sooner, with a closer message.
MAX_WORK_SECONDS = 40  # wall clock, reading and checking one file: a real report takes a few seconds
# A scanned page recognised may take this long on a slow office PC (2–4 s on this 2-core machine); the reader
# says so before each page and the worker's time grows by it, for at most MAX_SCAN_PAGES pages.
SCAN_PAGE_SECONDS = 20
MAX_SCAN_PAGES = 60  # recognising a page costs seconds: a longer scan is not a report
MAX_GRANTED_SECONDS = SCAN_PAGE_SECONDS * MAX_SCAN_PAGES
MAX_PAGE_COLUMNS = 200_000  # columns of 48-pixel-high picture recognised on one page: a dense page has ~30 000
MAX_WORK_MEMORY = 768 * MB  # the worker's address space (Linux) or committed memory (Windows): a report needs ~60 MB


def xml_parser():
    """The parser for XML from a file: no entities, no DTD, no network (python-docx's own resolves no entities either)."""
    from lxml import etree  # here: sniffing and reading a .txt never load lxml

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB"


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise ReadError(
            "too_large",
            f"文件太大（{_mb(size)}），超过了 {_mb(MAX_FILE_BYTES)} 的上限，"
            "不像是一份年度报告。请确认选择的文件是否正确；如果报告中有大量图片，请另存一份不含图片的Word或PDF再检查。",
        )


def check_text(data: bytes, limit: int = MAX_TEXT_BYTES) -> None:
    """A text file or a web page: far longer than any report's text means it is something else."""
    if len(data) > limit:
        raise ReadError(
            "too_large",
            f"这个文件有 {_mb(len(data))} 文字，一份年度报告的文字只有几十KB，超过了 {_mb(limit)} 的上限。"
            "请确认选择的文件是否正确。",
        )


def check_lines(count: int) -> None:
    if count > MAX_TEXT_LINES:
        raise ReadError(
            "too_large",
            f"这个文本文件有{count}行，一份年度报告复制出的文字只有一两千行，超过了{MAX_TEXT_LINES}行的上限，不像是年度报告。"
            "请确认选择的文件是否正确，或直接检查报告的Word、PDF原件。",
        )


def check_elements(root) -> None:
    """A parsed tree (a Word body, a web page): its elements counted by libxml2 (no Python object made for each)."""
    count = int(root.xpath("count(.//*)")) + 1
    if count > MAX_ELEMENTS:
        raise ReadError(
            "too_complex",
            f"这个文件的结构异常复杂（{count}个元素，一份年度报告只有几万个），不像是年度报告。"
            "请确认选择的文件是否正确，或在Word/WPS中打开后另存一份再检查。",
        )


def check_walk(places: int) -> None:
    if places > MAX_WALK:
        raise ReadError(
            "too_complex",
            "这个网页的结构异常复杂（层层嵌套的区块中有大量内容），不像是年度报告的网页。"
            "请确认选择的文件是否正确，或在浏览器中重新打开报告页面另存一份再检查。",
        )


def check_mht_parts(count: int) -> None:
    if count > MAX_MHT_PARTS:
        raise ReadError(
            "too_complex",
            f"这个单个文件网页由超过{MAX_MHT_PARTS}个部分组成（保存的网页只有几十个），不像是年度报告。"
            "请确认选择的文件是否正确，或在浏览器中重新打开报告页面另存一份再检查。",
        )


def check_cells(count: int) -> None:
    if count > MAX_WORKBOOK_CELLS:
        raise ReadError(
            "too_large",
            f"这个工作簿有超过{MAX_WORKBOOK_CELLS}个填写了内容的单元格（年度报告的表格只有几百个），不像是年度报告。"
            "请把报告的表格复制到一个新的工作簿中再检查。",
        )


def check_sheet_ranges(sheets: list[tuple[str, int, int]]) -> None:
    """(title, rows, columns) of each sheet to read."""
    if sum(rows * columns for _, rows, columns in sheets) > MAX_SHEET_CELLS:
        title, rows, columns = max(sheets, key=lambda sheet: sheet[1] * sheet[2])
        raise ReadError(
            "too_large",
            f"工作表「{title}」的范围太大（{rows}行×{columns}列），不像是年度报告的表格。"
            "请把报告的表格复制到一个新的工作簿中再检查。",
        )


def check_merged(title: str, places: int) -> None:
    """The places a sheet's merged ranges cover, once cut to the sheet's cells."""
    if places > MAX_SHEET_CELLS:
        raise ReadError(
            "too_large",
            f"工作表「{title}」中合并的单元格覆盖了{places}个位置，不像是年度报告的表格。请把报告的表格复制到一个新的工作簿中再检查。",
        )


def too_much_text(title: str) -> ReadError:
    return ReadError(
        "too_large",
        f"这个工作簿的单元格中的文字超过了{MAX_WORKBOOK_TEXT}个字（停在工作表「{title}」），年度报告的表格只有几万字，不像是年度报告。"
        "请把报告的表格复制到一个新的工作簿中再检查。",
    )


# --- zip packages -------------------------------------------------------------------------------

_CENTRAL_ENTRY = b"PK\x01\x02"  # the signature of each entry in a zip's central directory
UNSAFE = (
    "这个文件中含有Word、WPS和Excel都不会写入的XML文档类型声明（DOCTYPE，可被用来展开巨量内容或读取本机文件），"
    "可能被改动过。为安全起见本程序没有读取它。请在Word、WPS或Excel中打开它，另存一份后再检查。"
)


def zip_entries(data: bytes) -> int:
    """How many entries a zip's central directory lists, counted without reading it (may overcount, never under)."""
    return data.count(_CENTRAL_ENTRY)


def check_unpacked(size: int) -> None:
    if size > MAX_UNPACKED_BYTES:
        raise ReadError(
            "too_large",
            f"文件解压后有 {_mb(size)}，超过了 {_mb(MAX_UNPACKED_BYTES)} 的上限，"
            "不像是一份年度报告。请确认选择的文件是否正确，或另存一份不含图片的文件再检查。",
        )


def open_package(data: bytes) -> zipfile.ZipFile:
    """The zip package (.docx, .xlsx) in `data`, once its limits are checked.

    Raises ReadError for a package over a limit or with a DTD; zipfile's own errors
    (a damaged package) are left to the reader, which knows what the file should be.
    """
    if zip_entries(data) > MAX_ZIP_ENTRIES:
        raise ReadError(
            "too_complex",
            f"这个文件由超过{MAX_ZIP_ENTRIES}个部分组成（一份Word或Excel文件只有几十个），不像是年度报告。请确认选择的文件是否正确。",
        )
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = archive.infolist()
    check_unpacked(sum(info.file_size for info in infos))
    for info in infos:
        head = _head(archive, info)
        if not _looks_like_xml(head):
            continue
        if info.file_size > MAX_XML_PART_BYTES:
            raise ReadError(
                "too_large",
                f"文件中的「{info.filename}」解压后有 {_mb(info.file_size)}，超过了 {_mb(MAX_XML_PART_BYTES)} 的上限，"
                "不像是一份年度报告。请确认选择的文件是否正确，或在Word/WPS中打开后另存一份再检查。",
            )
        prolog = _prolog(head)
        if prolog == "dtd":
            raise ReadError("unsafe", UNSAFE)
        if prolog == "broken":
            raise ReadError(
                "corrupt",
                f"文件中的「{info.filename}」已损坏（开头就不是完整的XML），无法读取。请在Word、WPS或Excel中打开它，另存一份后再检查。",
            )
    return archive


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as part:
            return part.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, zlib.error, RuntimeError, ValueError):
        return b""  # a damaged or encrypted entry: the reader says so when it reads it


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_PROLOG_SLICE = 1024  # bytes given to the parser at a time: it stops at the first element


def _looks_like_xml(head: bytes) -> bool:
    if head.startswith(_BOMS):
        return True
    if head[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a byte-order mark
        return True
    return head.lstrip().startswith(b"<")


def _prolog(head: bytes) -> str:
    """'dtd' when the part declares a document type, 'broken' when no XML parser could read up to its first
    element, else 'ok'.

    Decided as an XML parser sees the part, not by searching its text (a comment holding 「<a」 looks like
    the first element to a search, and another encoding hides the DOCTYPE's letters): libxml2 reads the
    prolog, with DTD loading, entities and the network off, up to the first element, and its `docinfo`
    says whether there was a DOCTYPE. A part with no element within its first 64 KB counts as one with
    a DTD: no Office part has a prolog that long.
    """
    from lxml import etree

    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    for start in range(0, len(head), _PROLOG_SLICE):
        try:
            parser.feed(head[start : start + _PROLOG_SLICE])
            broken = False
        except etree.XMLSyntaxError:  # the first element may have come before the fault: its events still count
            broken = True
        for _, element in parser.read_events():
            docinfo = element.getroottree().docinfo
            return "dtd" if docinfo.doctype or docinfo.internalDTD is not None else "ok"
        if broken:
            return "broken"
    return "dtd"


# --- PDFs ------------------------------------------------------------------------------------------


def check_pages(pages: int) -> None:
    if pages > MAX_PAGES:
        raise ReadError(
            "too_large",
            f"这个PDF有{pages}页，超过了{MAX_PAGES}页的上限，不像是一份年度报告。请确认选择的文件是否正确。",
        )


PDF_BOMB = (
    "这个PDF中有内容解压后超过了 {limit}（一份年度报告的PDF解压后只有几MB），可能已损坏或被改动过，"
    "为避免耗尽内存没有读取。请提供报告的Word原件（.docx），或从Word直接“另存为PDF”后再检查。"
)
SAVE_FROM_WORD = "请提供报告的Word原件（.docx），或从Word直接“另存为PDF”后再检查。"


def pdf_bomb(limit: int) -> ReadError:
    """A stream (or all of a PDF's) inflating past `limit`: MAX_STREAM_BYTES or MAX_STREAMS_BYTES."""
    return ReadError("too_large", PDF_BOMB.format(limit=_mb(limit)))


def vast_font_map() -> ReadError:
    return ReadError(
        "too_complex",
        f"这个PDF中有字体的编码表超过了{MAX_CMAP_ENTRIES}项（一种字体最多几万个字），可能已损坏或被改动过，没有读取。{SAVE_FROM_WORD}",
    )


def too_many_crossings(page: int, across: int, down: int) -> ReadError:
    return ReadError(
        "too_complex",
        f"这个PDF的第{page}页画满了表格线（{across}条横线、{down}条竖线，交叉超过{MAX_RULE_CROSSINGS}处，"
        f"年度报告的一页只有几百处），不像是年度报告的表格。请确认选择的文件是否正确，或{SAVE_FROM_WORD[1:]}",
    )


def too_many_tables(page: int) -> ReadError:
    return ReadError(
        "too_complex",
        f"这个PDF到第{page}页为止画的表格线交叉超过了{MAX_PDF_CROSSINGS}处（一份年度报告的表格只有几百处），"
        f"不像是年度报告。请确认选择的文件是否正确，或{SAVE_FROM_WORD[1:]}",
    )


class PageBudget:
    """What interpreting one PDF page may spend; the read's deadline and characters are shared by all its pages."""

    read_chars = 0  # the characters of the read so far (`reset_read` as a read begins)

    @classmethod
    def reset_read(cls) -> None:
        cls.read_chars = 0

    def __init__(self, page: int, deadline: float):
        self.page = page
        self.deadline = deadline
        self.objects = 0
        self.content = 0
        self.chars = 0
        self.tiny = 0  # characters too small to read

    def object_drawn(self) -> None:
        self.objects += 1
        if self.objects > MAX_PAGE_OBJECTS:
            raise self._too_complex(f"超过{MAX_PAGE_OBJECTS}个文字或图形，年度报告的一页只有约一千个")
        if not self.objects % 512:
            self.check_time()

    def content_read(self, size: int) -> None:
        self.content += size
        if self.content > MAX_PAGE_CONTENT_BYTES:
            raise self._too_complex(f"绘制指令超过 {_mb(MAX_PAGE_CONTENT_BYTES)}，年度报告的一页只有几十KB")
        self.check_time()

    def char_drawn(self) -> None:
        self.object_drawn()
        self.chars += 1
        PageBudget.read_chars += 1
        if self.chars > MAX_PAGE_CHARS:
            raise self._too_complex(f"超过{MAX_PAGE_CHARS}个字，年度报告的一页只有一两千个")
        if PageBudget.read_chars > MAX_PDF_CHARS:
            raise ReadError(
                "too_complex",
                f"这个PDF到第{self.page}页为止已有超过{MAX_PDF_CHARS}个字（一份年度报告的PDF只有几万个字），不像是年度报告。"
                f"请确认选择的文件是否正确，或{SAVE_FROM_WORD[1:]}",
            )

    def tiny_char(self) -> None:
        self.tiny += 1
        if self.tiny > MAX_TINY_CHARS:
            raise self._too_complex(f"超过{MAX_TINY_CHARS}个小于{TINY_POINTS:g}磅、印出来无法看清的字")

    def nesting(self, depth: int) -> None:
        if depth > MAX_NESTING:
            raise self._too_complex(f"图形嵌套超过{MAX_NESTING}层")

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise ReadError(
                "too_slow",
                f"读取这个PDF超过了{MAX_READ_SECONDS}秒（停在第{self.page}页），它的内容异常复杂，不像是年度报告。"
                "请提供报告的Word原件（.docx），或从Word直接“另存为PDF”后再检查。",
            )

    def _too_complex(self, what: str) -> ReadError:
        return ReadError(
            "too_complex",
            f"这个PDF的第{self.page}页内容异常复杂（{what}），不像是年度报告的一页。"
            "请确认选择的文件是否正确，或提供报告的Word原件（.docx）。",
        )


def deadline() -> float:
    """When a read that starts now must stop (time.monotonic() seconds)."""
    return time.monotonic() + MAX_READ_SECONDS


# --- the worker's own limits ------------------------------------------------------------------------

WHAT_TO_DO = "请确认选择的文件是否正确；如果是年度报告，请在Word或WPS中打开后另存一份，或提供报告的Word原件（.docx）再检查。"


def past_time_limit(seconds: float) -> ReadError:
    return ReadError(
        "too_slow",
        f"文件过于复杂，无法在限定时间内读取：读取和检查超过了{seconds:g}秒的上限（一份年度报告只需几秒），已经停止。{WHAT_TO_DO}",
    )


def past_memory_limit(size: int) -> ReadError:
    return ReadError(
        "too_large",
        f"文件过于复杂，无法在限定内存内读取：读取时需要的内存超过了 {_mb(size)} 的上限（一份年度报告只需几十MB），已经停止。{WHAT_TO_DO}",
    )


def require_defusedxml_for_openpyxl() -> None:
    """openpyxl parses worksheets with defusedxml only if it is installed and not turned off (OPENPYXL_DEFUSEDXML)."""
    from openpyxl.xml import functions

    if not functions.iterparse.__module__.startswith("defusedxml"):
        raise ReadError(
            "internal",
            "本程序的安装不完整（缺少安全读取Excel文件所需的 defusedxml 组件），为安全起见没有读取这个文件。请重新安装本程序。",
        )
