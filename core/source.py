"""Where a piece of the report came from: the words around a `Location`, for showing the original.

A text file is shown as its own lines around the place (read again, and only when the
file is still the one that was read: its fingerprint must match). Other kinds are shown
from the reader's `Document`: the table rows around the cell, the cell itself in 【】, or
the paragraphs around a heading. A PDF page's picture is `core/pdfpage.py`'s business; which part of
the page shows a cell in context (its row's label, its column's header) is `context_box`'s.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from core.document import Document, Grid, Para
from core.model import Location, Report
from core.readers import read_bytes
from core.readers.errors import ReadError
from core.text.normalize import clean_cell_text

AROUND = 3  # lines (or rows, or paragraphs) shown before and after the place
CONTEXT_MARGIN = 8.0  # points around the cell, its row label and its column header

Box = tuple[float, float, float, float]  # points: x0, top, x1, bottom (pdfplumber's)
# A line (or paragraph) shown at most this long: a paragraph of a million characters beside a cell held the
# window for a second while its excerpt was laid out (a report opens at its first problem, excerpt and all).
LINE_CHARS = 2_000


@dataclass(frozen=True)
class Excerpt:
    where: str  # 「第34行 表格2 第5行第1列」
    lines: tuple[tuple[str, str], ...]  # (margin, text): margin names the line, row or paragraph
    focus: int | None  # index in `lines` of the place itself; None when it could not be found


def excerpt(report: Report, loc: Location, around: int = AROUND) -> Excerpt:
    """The original around `loc`: file lines for a text file, else table rows or paragraphs."""
    where = loc.describe()
    if loc.kind == "text" and loc.line is not None:
        lines = _file_lines(report)
        if lines is not None:
            return _shortened(_window(where, [(f"{n}", text) for n, text in enumerate(lines, 1)], loc.line - 1, around))
    document = report.document if isinstance(report.document, Document) else None
    if document is not None:
        found = _in_grids(document, loc, around) or _in_paragraphs(document, loc, around)
        if found:
            return _shortened(Excerpt(where, *found))
    return Excerpt(where, (), None)


def _shortened(found: Excerpt) -> Excerpt:
    """Each line at most LINE_CHARS long, saying how long it was."""
    lines = tuple(
        (margin, text if len(text) <= LINE_CHARS else f"{text[:LINE_CHARS]}……（这一段共{len(text)}字）") for margin, text in found.lines
    )
    return Excerpt(found.where, lines, found.focus)


def _window(where: str, lines: list[tuple[str, str]], index: int, around: int) -> Excerpt:
    if not 0 <= index < len(lines):
        return Excerpt(where, (), None)
    start = max(index - around, 0)
    return Excerpt(where, tuple(lines[start : index + around + 1]), index - start)


def _file_lines(report: Report) -> list[str] | None:
    """The text file's lines, as the reader saw them; None if it is gone or has changed."""
    from core.readers.text import decode

    try:
        data = read_bytes(report.source)
        if hashlib.sha256(data).hexdigest() != report.fingerprint:
            return None
        return [line.replace("\t", "    ") for line in decode(data).splitlines()]
    except ReadError:
        return None


def _in_grids(document: Document, loc: Location, around: int) -> tuple[tuple[tuple[str, str], ...], int] | None:
    for grid in document.grids:
        for r, row in enumerate(grid.rows):
            for cell in row:
                if cell.loc == loc:
                    return _rows_around(grid, r, cell.loc, around)
    return None


def _rows_around(grid: Grid, index: int, focus: Location, around: int) -> tuple[tuple[tuple[str, str], ...], int]:
    start = max(index - around, 0)
    lines = []
    for r in range(start, min(index + around + 1, len(grid.rows))):
        texts = []
        for cell in grid.rows[r]:
            if cell.covered:
                continue
            text = clean_cell_text(cell.text)
            texts.append(f"【{text}】" if cell.loc == focus else text)
        lines.append((f"第{r + 1}行", "｜".join(texts)))
    return tuple(lines), index - start


def _in_paragraphs(document: Document, loc: Location, around: int) -> tuple[tuple[tuple[str, str], ...], int] | None:
    paragraphs = [b for b in document.blocks if isinstance(b, Para)]
    for n, para in enumerate(paragraphs):
        if para.loc == loc:
            start = max(n - around, 0)
            lines = tuple((f"第{p.loc.paragraph + 1}段" if p.loc.paragraph is not None else "", p.text) for p in paragraphs[start : n + around + 1])
            return lines, n - start
    return None


def context_box(report: Report, loc: Location) -> Box | None:
    """The part of a PDF page that shows the cell at `loc` as a clerk would look it up: the cell, its row's
    label (the row's first cell) and its column's header (the column's topmost cell on the same page),
    with a margin. None when `loc` is not a cell on a page; just the cell when its table is not found."""
    if loc.page is None or loc.bbox is None:
        return None
    boxes = [loc.bbox]
    document = report.document if isinstance(report.document, Document) else None
    grid = _grid_holding(document, loc) if document is not None else None
    if grid is not None:
        on_page = [c for row in grid.rows for c in row if c.loc.page == loc.page and c.loc.bbox and not c.covered]
        label = next((c for c in on_page if c.loc.row == loc.row), None)  # a row's cells come label first
        header = min((c for c in on_page if c.loc.col == loc.col), key=lambda c: c.loc.bbox[1], default=None)  # type: ignore[index]
        boxes += [c.loc.bbox for c in (label, header) if c is not None]  # type: ignore[misc]
    x0, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return (max(x0 - CONTEXT_MARGIN, 0.0), max(top - CONTEXT_MARGIN, 0.0), x1 + CONTEXT_MARGIN, bottom + CONTEXT_MARGIN)


def _grid_holding(document: Document, loc: Location) -> Grid | None:
    for grid in document.grids:
        if any(cell.loc == loc for row in grid.rows for cell in row):
            return grid
    return None
