"""What every reader produces: the document's paragraphs and table grids, in order.

Readers know file formats; they know nothing of annual reports. The assembler
(`core/assemble`) turns a `Document` into a `Report` by the form's labels, so a
.txt, a .docx, a PDF, a workbook and a web page all go through the same placing.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from core.model import Location


class Doubt(enum.Enum):
    """Why a reader is not sure of a block's structure; a block without one (None) was stated by its source.

    Word, a workbook, a web page and a ruled PDF table say where each paragraph and cell is. The
    others are inferred, and something the assembler does not find in an inferred block may be there
    unseen: the structure rules then say 「未能读出」 (not assessable, open the original), never 「缺少…」.
    """

    PDF_TEXT = "pdf_text"  # text laid out on a PDF page: lines, paragraphs and headings inferred from positions
    PDF_COPY = "pdf_copy"  # text copied out of a PDF: its line breaks and columns were lost on the way
    INFERRED_COLUMNS = "inferred_columns"  # a table without column rules: columns told from the words' positions
    SCAN = "scan"  # recognised from an image (OCR)


@dataclass
class Para:
    text: str
    loc: Location
    numbering: str = ""  # a number Word draws from its list numbering (not in `text`)
    heading_level: int | None = None  # from a heading style, when the source has one
    doubt: Doubt | None = None  # None: the source states this paragraph


@dataclass
class GridCell:
    text: str
    loc: Location
    col: int | None = None  # grid column in the source, when it has a grid
    span: int = 1  # grid columns covered
    covered: bool = False  # a place covered by a merged cell (a vMerge continuation, pdf's None)
    unread: bool = False  # a figure the reader saw but could not read with certainty (a scan): not assessable


@dataclass
class Grid:
    rows: list[list[GridCell]]
    loc: Location
    has_grid: bool = False  # True when `GridCell.col` is the true grid column
    doubt: Doubt | None = None  # None: the source states the table's rows and columns


Block = Para | Grid


@dataclass
class Document:
    source: str
    kind: str  # 'text' | 'docx' | 'pdf' | 'xlsx' | 'html'
    fingerprint: str
    blocks: list[Block] = field(default_factory=list)
    pictures: int = 0  # images in the body (a table published as a picture cannot be read)
    named_title: str = ""  # the title the file names outside its body (a web page's <title>), for a body without one

    @property
    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]

    @property
    def doubts(self) -> set[Doubt]:
        """Every reason the reader had to be unsure of some block (empty: the whole structure was stated)."""
        return {b.doubt for b in self.blocks if b.doubt is not None}
