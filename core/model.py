"""The report as read: metadata, the six sections, and the cells of tables 二, 三, 四.

Plain dataclasses, no behaviour beyond small lookups. Readers build a `Report`;
rules read it; the window and the exporters present it. A clerk's corrections
are kept beside the cells as read (never written into them), so the value read
and the value exported can always both be shown.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

Number = int | Decimal


@dataclass(frozen=True)
class Location:
    """Where a piece of text came from, precise enough for the window to point at it.

    What each reader fills in:
    text  line (1-based); for a table cell also table, row and col (the cell's place in its row)
    docx  paragraph (index among the body's paragraphs, in document order); for a table cell
          table (index of the w:tbl among the tables read, in reading order: the body-level ones, and those in
          text boxes and layout tables where they stand; `readers/docx.cell_places`), row (index of its w:tr) and
          col (the grid column where the w:tc starts, counting gridBefore and gridSpan)
    pdf   page (1-based) and bbox (points, pdfplumber's x0, top, x1, bottom); for a cell also
          table (index among the tables found, document order), row, col
    xlsx  sheet, row and col (0-based, so openpyxl's row = row + 1, column = col + 1)
    html  paragraph for text; table, row, col (grid column after colspan/rowspan) for a cell
    scan  file (the PDF or picture the page is in) and page (1-based, of that file); bbox in points on the
          page as scanned (x0, top, x1, bottom: a PDF page's points; a picture's pixels × 72 / its dpi);
          confidence: how sure the recogniser was; for a cell also table, row, col as for a PDF
    """

    file: str
    kind: str  # 'text' | 'docx' | 'pdf' | 'xlsx' | 'html'
    line: int | None = None  # text: 1-based line
    paragraph: int | None = None  # docx/html: index of the paragraph in the body
    page: int | None = None  # pdf: 1-based page
    sheet: str | None = None  # xlsx: sheet name
    table: int | None = None  # 0-based index of the table in the document
    row: int | None = None  # 0-based row in that table
    col: int | None = None  # 0-based column (grid column where the format has one)
    bbox: tuple[float, float, float, float] | None = None  # pdf, scan: x0, top, x1, bottom (points)
    confidence: float | None = None  # scan: the least probability the recogniser read the text's characters with

    def describe(self) -> str:
        """A short Chinese description: 「第2页 表格3 第5行第4列」."""
        parts: list[str] = []
        if self.sheet:
            parts.append(f"工作表「{self.sheet}」")
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.paragraph is not None and self.table is None:
            parts.append(f"第{self.paragraph + 1}段")
        if self.table is not None:
            parts.append(f"表格{self.table + 1}")
        if self.row is not None:
            parts.append(f"第{self.row + 1}行")
        if self.col is not None:
            parts.append(f"第{self.col + 1}列")
        return " ".join(parts)


class Written(enum.Enum):
    """How a cell was written in the source."""

    NUMBER = "number"  # a number (maybe with spaces, full-width digits or a unit)
    NONE_MARK = "none_mark"  # 「/」「-」「无」: the form's "none", counted as 0
    BLANK = "blank"  # present but empty: not filled in
    UNREADABLE = "unreadable"  # text that is not a number
    MISSING = "missing"  # the cell (its row or column) was not found at all


@dataclass(frozen=True)
class Cell:
    id: str  # stable id, e.g. 't3:3.7/total'
    value: Number | None  # None when blank, unreadable or missing: never silently 0
    written: Written
    raw: str | None = None  # the text exactly as read
    unit: str | None = None  # a unit written inside the cell: '万元', '元', '件' …
    loc: Location | None = None

    @property
    def table(self) -> str:
        return self.id.split(":", 1)[0]


@dataclass(frozen=True)
class Section:
    id: str  # 's1' … 's6'
    found: bool
    heading: str | None = None  # as written
    numbering: str | None = None  # the number as written: '一、', '1、', '（3）' or '' (none)
    text: str = ""  # the section's own prose (tables excluded)
    loc: Location | None = None
    index: int | None = None  # position of the heading among the document's blocks
    row: int = 0  # the row of the table (the block at `index`) the heading is typed in, when it stands in one


@dataclass(frozen=True)
class LabelNote:
    """A label of the form as found in the table, when it differs from the official one."""

    table: str  # 't2' | 't3' | 't4'
    kind: str  # 'misspelled' | 'extra' | 'short_row' | 'long_row'
    label: str  # as written
    official: str | None = None
    loc: Location | None = None
    cells: tuple[str, ...] = ()
    detail: str = ""  # e.g. 「找到2个数，应为3个」


@dataclass
class Meta:
    title: str | None = None  # as written; None when the report has none
    agency: str | None = None  # the issuing body
    agency_source: str | None = None  # 'title' | 'text'
    year: int | None = None  # the year reported on
    year_source: str | None = None  # 'title' | 'period' | 'text'
    title_year: int | None = None
    period_year: int | None = None  # from the 统计期限 sentence
    script: str = "simplified"  # 'simplified' | 'traditional'
    title_loc: Location | None = None


@dataclass
class Report:
    """One annual report as read from one file."""

    source: str  # the file it was read from
    kind: str  # reader kind: 'text', 'docx', 'pdf', 'xlsx', 'html'
    fingerprint: str  # sha256 of the file's bytes
    meta: Meta
    layout: Layout  # the format variant each table uses
    sections: dict[str, Section]
    cells: dict[str, Cell]  # every cell of the report's layout, as read
    tables_found: dict[str, bool]  # 't2'/'t3'/'t4' → found in the document
    table_locs: dict[str, Location] = field(default_factory=dict)
    table_sections: dict[str, str | None] = field(default_factory=dict)  # 't3' → the section it stands in
    table_variants: dict[str, str | None] = field(default_factory=dict)  # 't2' → '2021'; None: undecidable
    notes: list[LabelNote] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # all prose, in order, as written
    preface: str = ""  # prose between the title and section 一 (「本报告由…组成」, the year's summary)
    picture_tables: int = 0  # images where a table was expected (docx/html)
    document: object | None = field(default=None, repr=False, compare=False)  # the reader's Document, for showing the source
    # How sure the reader was, where it was not (`core/document.Doubt`): 'text' the paragraphs', 't2'/'t3'/'t4' the
    # grids' each table was read from, 'any' any block's. What is not found where a reading was inferred is
    # 「未能读出」 (not assessable, open the original), never 「缺少…」: see `unsure`.
    doubts: dict[str, Doubt] = field(default_factory=dict)
    # A clerk's corrections, kept apart from what was read.
    corrections: dict[str, Number] = field(default_factory=dict)
    meta_corrections: dict[str, object] = field(default_factory=dict)  # 'agency', 'year'

    # --- values as the rules see them (corrections applied) -------------------------
    def cell(self, cell_id: str) -> Cell:
        """The cell as it stands now: the read cell, or the correction made to it."""
        cell = self.cells[cell_id]
        if cell_id in self.corrections:
            value = self.corrections[cell_id]
            return replace(cell, value=value, written=Written.NUMBER, raw=str(value), unit=None)
        return cell

    def value(self, cell_id: str) -> Number | None:
        return self.cell(cell_id).value

    @property
    def year(self) -> int | None:
        return self.meta_corrections.get("year", self.meta.year)  # type: ignore[return-value]  # a year corrected is an int

    @property
    def agency(self) -> str | None:
        return self.meta_corrections.get("agency", self.meta.agency)  # type: ignore[return-value]  # a name corrected is a str

    def unsure(self, scope: str) -> Doubt | None:
        """Why something not found in `scope` may be there unread: a section ('text'), a table ('any'), a row of a
        table ('t2', 't3', 't4'); None when that part was read as its source states it (then absent is absent)."""
        return self.doubts.get(scope)


from core.formats.spec import Layout  # noqa: E402  (typing only; avoids a cycle at import)

if TYPE_CHECKING:
    from core.document import Doubt  # core.document imports this module
