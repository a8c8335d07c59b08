"""Tables on PDF pages: found by their rules, joined over page breaks, laid on one grid.

pdfplumber finds a table's cells from its ruling lines; a place a merged cell covers
comes back as None. A table drawn with open sides gets its missing side rules drawn
in first, and a single ruled box is kept (it may be the first row of a table a page
break cut off). A table at the top of a page with the same left and right edges as
the one ending the page before is the same table: a header repeated on the new page
is dropped, a merged cell's text cut by the break is joined, and a row cut in two is
joined again. Grid columns are the x positions where cells start over every part of
a table, so the assembler can place values under the header cells above them.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from core.document import Grid, GridCell
from core.model import Location
from core.readers.pdf_text import Line, join, size, text_lines
from core.text.normalize import label_key, split_numbering, squeeze
from core.text.numbers import looks_like_value

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3}
EDGE = 3.0  # points: two x positions this close are the same grid line
OPEN_SIDE = 0.5  # a table side with rules along less than this share of its height is drawn open


@dataclass
class Cell:
    text: str
    bbox: tuple[float, float, float, float]
    lines: int  # lines of text in the cell
    text_bottom: float  # bottom of its last line of text
    size: float
    text_x: tuple[float, float] = (0.0, 0.0)  # where its text starts and ends
    reading: object | None = None  # a scanned cell's `scan.CellReading`


@dataclass
class Part:
    """A table as found on one page: pdfplumber's rows, each a list over its columns (None: covered)."""

    page: int
    bbox: tuple[float, float, float, float]
    starts: list[float]  # x where each of its columns starts
    rows: list[list[Cell | None]]
    source: object | None = None  # a scanned page's `scan.Picture`

    @property
    def top(self) -> float:
        return self.bbox[1]


@dataclass
class Table:
    parts: list[Part] = field(default_factory=list)


# --- one page ----------------------------------------------------------------------------


def inside(char: dict, bbox) -> bool:
    """Whether the character's middle is in the box."""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _cell(chars_by_middle: list[tuple[float, dict]], middles: list[float], bbox) -> Cell:
    """The cell in `bbox`, from the table's characters sorted by their middle height."""
    lo = bisect.bisect_left(middles, bbox[1])
    hi = bisect.bisect_right(middles, bbox[3])
    chars = [c for _, c in chars_by_middle[lo:hi] if bbox[0] <= (c["x0"] + c["x1"]) / 2 <= bbox[2]]
    lines = text_lines(chars)
    if not lines:
        return Cell("", bbox, 0, bbox[1], 0.0)
    text_x = (min(c["x0"] for c in chars), max(c["x1"] for c in chars))
    return Cell("\n".join(join(line) for line in lines), bbox, len(lines), max(c["bottom"] for c in lines[-1]), size(lines[-1]), text_x)


def page_part(table, chars: list[dict], page: int) -> Part:
    """A pdfplumber table and the characters inside it as the part of a table on one page."""
    keyed = sorted((((c["top"] + c["bottom"]) / 2, c) for c in chars), key=lambda item: item[0])
    middles = [m for m, _ in keyed]
    rows = []
    for row in table.rows:
        rows.append([_cell(keyed, middles, bbox) if bbox is not None else None for bbox in row.cells])
    starts = sorted({cell[0] for cell in table.cells})
    return Part(page, tuple(table.bbox), starts, rows)


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


def _white(color) -> bool:
    """The page's colour: white in gray, RGB or CMYK (a pattern's name is not)."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    if not values or not all(isinstance(v, (int, float)) for v in values):
        return False
    if len(values) == 4:
        return all(v <= 0.01 for v in values)
    return all(v >= 0.99 for v in values)


def visible(obj: dict) -> bool:
    """Whether a shape shows on the page: stroked in a colour, or filled with one.

    WPS Office paints a white, unstroked, filled rectangle behind every line of text: its edges are
    nobody's rules, and taken for rules they make the prose a one-column table that hides its headings.
    """
    if obj.get("object_type") not in ("rect", "curve", "line"):
        return True
    stroked = obj.get("stroke", obj.get("object_type") == "line") and not _white(obj.get("stroking_color"))
    filled = obj.get("fill") and not _white(obj.get("non_stroking_color"))
    return bool(stroked or filled)


def find_tables(page) -> list:
    """pdfplumber's tables, and the single ruled boxes it leaves out (the first row of a table a page break cut off).

    Only shapes that show are rules. A "table" of one column (boxes around lines of prose) is text.
    """
    from pdfplumber.table import Table

    if not all(visible(obj) for kind in ("rect", "curve", "line") for obj in page.objects.get(kind, ())):
        page = page.filter(visible)
    closing = _closing_lines(page)
    finder = page.debug_tablefinder({**TABLE_SETTINGS, "explicit_vertical_lines": closing} if closing else TABLE_SETTINGS)
    in_tables = {tuple(cell) for table in finder.tables for cell in table.cells}
    boxes = [Table(page, [cell]) for cell in finder.cells if tuple(cell) not in in_tables]
    tables = [t for t in finder.tables if len(t.cells) == 1 or len({cell[0] for cell in t.cells}) > 1]
    return tables + boxes


# --- tables over page breaks -----------------------------------------------------------------


def _continues(previous: Part, part: Part) -> bool:
    """A table at the top of a page with the same left and right edges as the one ending the page before."""
    return (
        part.page == previous.page + 1
        and abs(part.bbox[0] - previous.bbox[0]) <= EDGE
        and abs(part.bbox[2] - previous.bbox[2]) <= EDGE
    )


def _row_texts(row: list[Cell | None]) -> list[str]:
    return [squeeze(c.text) for c in row if c is not None]


def _drop_repeated_header(first: Part, part: Part) -> None:
    """A header repeated at the top of the new page: the rows equal to the table's first rows."""
    n = 0
    while n < min(len(first.rows), len(part.rows) - 1) and _row_texts(first.rows[n]) == _row_texts(part.rows[n]):
        n += 1
    if n and any(_row_texts(part.rows[0])):
        del part.rows[:n]


def _reaches_bottom(cell: Cell) -> bool:
    """Text that runs down to the bottom of its cell: it may go on past the page break."""
    return bool(cell.text.strip()) and cell.text_bottom >= cell.bbox[3] - 1.5 * max(cell.size, 1)


def _same_columns(a: Cell, b: Cell) -> bool:
    return abs(a.bbox[0] - b.bbox[0]) <= EDGE and abs(a.bbox[2] - b.bbox[2]) <= EDGE


def _bottom(row: list[Cell | None]) -> float:
    """Where a row ends: its single-row cells end there (a merged cell reaches further down)."""
    return min((c.bbox[3] for c in row if c is not None), default=0.0)


def _starts_entry(text: str) -> bool:
    """Text that begins with a number of its own (「二、」「（四）」「3.」) starts something new."""
    return bool(split_numbering(label_key(text))[0])


def _unfinished(text: str) -> bool:
    """Text that stops mid-sentence: after a comma or colon, or inside brackets."""
    key = label_key(text)
    return key.endswith((",", "，", "、", "(", ":", "；", ";")) or key.count("(") > key.count(")")


def _continue_merged_cells(previous: Part, part: Part) -> None:
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


def _join_split_row(previous: Part, part: Part) -> None:
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


def _join_page_break(previous: Part, part: Part) -> None:
    if previous.rows and part.rows:
        _continue_merged_cells(previous, part)
        _join_split_row(previous, part)


def group_tables(items: list[Line | Part]) -> list[Line | Table]:
    grouped: list[Line | Table] = []
    for item in items:
        last = grouped[-1] if grouped else None
        if isinstance(item, Part) and isinstance(last, Table) and _continues(last.parts[-1], item):
            _drop_repeated_header(last.parts[0], item)
            _join_page_break(last.parts[-1], item)
            last.parts.append(item)
        elif isinstance(item, Part):
            grouped.append(Table([item]))
        else:
            grouped.append(item)
    return [_as_line(i) if isinstance(i, Table) and _boxed_text(i) else i for i in grouped]


def _boxed_text(table: Table) -> bool:
    """A single ruled box on one page is a framed paragraph, not a table (the first row of one is kept)."""
    return len(table.parts) == 1 and sum(1 for row in table.parts[0].rows for c in row if c is not None) == 1


def _as_line(table: Table) -> Line:
    part = table.parts[0]
    cell = next(c for row in part.rows for c in row if c is not None)
    _, top, _, bottom = cell.bbox
    x0, x1 = cell.text_x if cell.text else cell.bbox[::2]
    confidence = getattr(cell.reading, "confidence", None)  # a scan's framed paragraph stays the scan's
    return Line(cell.text.replace("\n", ""), part.page, x0, x1, top, bottom, cell.size, source=part.source, confidence=confidence)


def _grid_starts(table: Table) -> list[float]:
    """The x positions of the grid columns over every part of the table."""
    starts: list[float] = []
    for x in sorted(x for part in table.parts for x in part.starts):
        if not starts or x - starts[-1] > EDGE:
            starts.append(x)
    return starts


def _column(starts: list[float], x: float) -> int:
    n = bisect.bisect_left(starts, x - EDGE)
    return min(n, len(starts) - 1)


def grid(table: Table, index: int, path: str) -> Grid:
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
                loc = Location(path, "pdf", page=part.page, table=index, row=r, col=col, bbox=box(cell.bbox))
                cells.append(GridCell(cell.text, loc, col=col, span=span))
            rows.append(cells)
    first = table.parts[0]
    return Grid(rows, Location(path, "pdf", page=first.page, table=index, bbox=box(first.bbox)), has_grid=True)


def box(bbox) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = (round(float(v), 2) for v in bbox)
    return x0, top, x1, bottom
