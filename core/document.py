"""What every reader produces: the document's paragraphs and table grids, in order.

Readers know file formats; they know nothing of annual reports. The assembler
(`core/assemble`) turns a `Document` into a `Report` by the form's labels, so a
.txt, a .docx, a PDF, a workbook and a web page all go through the same placing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from core.model import Location


@dataclass
class Para:
    text: str
    loc: Location
    numbering: str = ""  # a number Word draws from its list numbering (not in `text`)
    heading_level: int | None = None  # from a heading style, when the source has one


@dataclass
class GridCell:
    text: str
    loc: Location
    col: int | None = None  # grid column in the source, when it has a grid
    span: int = 1  # grid columns covered
    covered: bool = False  # a place covered by a merged cell (a vMerge continuation, pdf's None)


@dataclass
class Grid:
    rows: list[list[GridCell]]
    loc: Location
    has_grid: bool = False  # True when `GridCell.col` is the true grid column


Block = Union[Para, Grid]


@dataclass
class Document:
    source: str
    kind: str  # 'text' | 'docx' | 'pdf' | 'xlsx' | 'html'
    fingerprint: str
    blocks: list[Block] = field(default_factory=list)
    pictures: int = 0  # images in the body (a table published as a picture cannot be read)

    @property
    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]
