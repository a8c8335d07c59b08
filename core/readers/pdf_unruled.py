"""Tables drawn without column rules, read from the words' positions: 三线表 (rules above, below and under the
header only), tables ruled between rows only (a common Word table style), tables with no rules at all.

Such a table is, on the page, lines of words and numbers. A line with two numbers or more, apart, starts one;
the numbers' x positions over its lines are its value columns ("lanes": the x ranges the numbers of one column
cover, apart from the next column's). The lines around that fit (words left of the numbers, or over the lanes)
belong to it, over page breaks too; a heading, a line of prose running across the lanes, a change of font size
end it. Then:

- the header: lines above the numbers with words over the lanes. A word over several lanes (「申请人情况」,
  「行政复议」 in a line with 「行政诉讼」) stands over the lanes it is centred on, the words of one line sharing
  them out; the words over one lane, wrapped over several lines (「商业」「企业」), are that column's label.
- the rows: a label (left of the lanes) with the lines it wraps to; the numbers of a line go to the innermost
  label whose lines they stand beside (a number centred in a tall row, a label cut by a page break).

The grid says which lane each word and number stands in (`has_grid`) and that the columns were inferred
(`Doubt.INFERRED_COLUMNS`): the assembler places values under the form's column labels as for a ruled table,
and where the header's labels do not tell every column apart, the values stay unread. Nothing is guessed: a
number between two lanes, or two numbers in one row's lane, is left unread.
"""
from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import product

from core.document import Doubt, Grid, GridCell
from core.model import Location
from core.readers.pdf_tables import _starts_entry, _unfinished, box
from core.readers.pdf_text import SPACE_GAP, Glyph, Line, section_heading
from core.text.normalize import label_key, squeeze
from core.text.numbers import looks_like_value

JOIN = 1.0  # points: value ranges closer than this are one lane
SIZE_CHANGE = 1.5  # points of font size: a line this much larger or smaller is not the table's
ROW_GAP = 3.5  # font sizes: a gap this tall between two lines ends the table (on one page)
LONGEST_VALUE = 16  # characters: a longer text is not a cell's number
CENTRED = 0.3  # share of a lane's pitch: how far a header's middle may be from the middle of the lanes it spans
LABEL_GAP = 2.5  # font sizes: the most space between two lines of one label (a cell's paragraphs are spaced)
WRAP_ROOM = 2.2  # font sizes: a label line ending this close to its cell's right edge was wrapped
TOP_LABELS = 2  # label lines above the header taken into the table (a block's title 「第二十条第（一）项」)
LINES_BETWEEN = 12  # lines without figures (a header, wrapped labels) that can stand between two rows of figures
LONGEST_TABLE = 300  # lines: the forms' tables have some 60; past this it is not read as one (work stays bounded)
MOST_LANES = 40  # columns of figures: table 四 has 15; a line of more is not a form's table
CHOICES = 4096  # ways of sharing out a header line's lanes that are tried; past this it is not told


# --- words: a line cut at its wide gaps ---------------------------------------------------------------


@dataclass
class Seg:
    """A run of characters of a line without a wide gap: a cell's text, or one line of it."""

    text: str
    x0: float
    x1: float
    line: Line
    glyphs: tuple[Glyph, ...] = ()

    @property
    def value(self) -> bool:
        text = squeeze(self.text)
        return bool(text) and len(text) <= LONGEST_VALUE and looks_like_value(text)

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


def _seg(glyphs: list[Glyph] | tuple[Glyph, ...], line: Line) -> Seg:
    return Seg("".join(g[0] for g in glyphs), glyphs[0][1], glyphs[-1][2], line, tuple(glyphs))


def segments(line: Line) -> list[Seg]:
    if not line.glyphs:
        return [Seg(line.text, line.x0, line.x1, line)]
    runs: list[list[Glyph]] = [[line.glyphs[0]]]
    for glyph in line.glyphs[1:]:
        if glyph[1] - runs[-1][-1][2] > SPACE_GAP * max(line.size, 1):
            runs.append([])
        runs[-1].append(glyph)
    return [s for s in (_seg(run, line) for run in runs) if s.text.strip()]


def _strong(line: Line) -> bool:
    """A line with two numbers or more, apart: a row of a table's figures."""
    return bool(line.glyphs) and sum(1 for s in segments(line) if s.value) >= 2


def _merge(ranges: list[tuple[float, float]]) -> list[list[float]]:
    lanes: list[list[float]] = []
    for x0, x1 in sorted(ranges):
        if lanes and x0 <= lanes[-1][1] + JOIN:
            lanes[-1][1] = max(lanes[-1][1], x1)
        else:
            lanes.append([x0, x1])
    return lanes


def _overlaps(seg: Seg, lanes: list[list[float]]) -> list[int]:
    return [n for n, (x0, x1) in enumerate(lanes) if seg.x0 < x1 and seg.x1 > x0]


# --- which lines are the table's --------------------------------------------------------------------------


@dataclass
class _Shape:
    """What the table's lines so far say about it: its lanes, where its labels end, its font size."""

    lanes: list[list[float]]
    label_right: float
    size: float

    @classmethod
    def of(cls, line: Line) -> _Shape:
        segs = segments(line)
        values = [s for s in segs if s.value]
        lanes = _merge([(s.x0, s.x1) for s in values])
        labels = [s.x1 for s in segs if not s.value and s.x1 <= lanes[0][0]]
        return cls(lanes, max(labels, default=float("-inf")), line.size)

    @property
    def value_left(self) -> float:
        return self.lanes[0][0]

    def split(self, line: Line) -> list[Seg] | None:
        """The line's words, a number run into its label cut off; None if the line is not this table's."""
        if abs(line.size - self.size) > SIZE_CHANGE:
            return None
        out = []
        pitch = (self.lanes[-1][0] - self.lanes[0][0]) / (len(self.lanes) - 1) if len(self.lanes) > 1 else 0.0
        right = self.lanes[-1][1] + max(4 * self.size, 1.5 * pitch)  # a last column left blank, its header
        for seg in segments(line):
            if _label(seg, self):
                out.append(seg)
            elif seg.x0 >= self.label_right + JOIN and seg.x1 <= right:
                if seg.value and len(_overlaps(seg, self.lanes)) > 1:
                    return None  # a number across two columns
                out.append(seg)
            else:
                head, tail = _cut(seg, self.value_left - JOIN)
                if head is None or tail is None or not tail.value:
                    return None  # a line of prose running across the table
                out += [head, tail]
        return out

    def grow(self, segs: list[Seg]) -> None:
        values = [(s.x0, s.x1) for s in segs if s.value and not _label(s, self)]
        labels = [s.x1 for s in segs if _label(s, self)]
        self.lanes = _merge(values + [(x0, x1) for x0, x1 in self.lanes])
        self.label_right = max([self.label_right, *labels])


def _cut(seg: Seg, x: float) -> tuple[Seg | None, Seg | None]:
    """The word cut where its characters cross `x` (a number set so close to its label that no gap is left)."""
    if not seg.glyphs:
        return None, None
    n = next((n for n, g in enumerate(seg.glyphs) if (g[1] + g[2]) / 2 >= x), len(seg.glyphs))
    if n == 0 or n == len(seg.glyphs):
        return None, None
    return _seg(seg.glyphs[:n], seg.line), _seg(seg.glyphs[n:], seg.line)


def _near(before: Line, line: Line, size: float) -> bool:
    return line.page != before.page or line.top - before.bottom <= ROW_GAP * max(size, 1)


def _label(seg: Seg, shape: _Shape) -> bool:
    """A word left of the figures: a row's label (or the header's corner); anything else stands over the lanes.
    What stands right of every label is over a column left of those seen so far (the first row's cell was blank)."""
    return seg.x1 <= shape.value_left - JOIN and seg.x0 < shape.label_right + JOIN


def _has_values(segs: list[Seg], shape: _Shape) -> bool:
    return any(s.value and not _label(s, shape) for s in segs)


def _header_like(segs: list[Seg], shape: _Shape) -> bool:
    return any(not s.value and not _label(s, shape) for s in segs)


@dataclass
class _Region:
    start: int
    end: int  # items[start:end] are the table's lines
    shape: _Shape
    lines: list[tuple[Line, list[Seg]]]


def _region(items: list, first: int, taken: int) -> tuple[_Region | None, int]:
    """The table whose first row of figures is items[first] (lines before `taken` belong to another), or None;
    and where the rows of figures looked at end (no table starts among them if this one does not)."""
    shape = _Shape.of(items[first])
    lines = [(items[first], shape.split(items[first]) or [])]
    data_end = first + 1
    n = first + 1
    while n < len(items) and isinstance(items[n], Line) and _near(lines[-1][0], items[n], shape.size):
        segs = shape.split(items[n])
        if segs is None or n - data_end >= LINES_BETWEEN or n - first >= LONGEST_TABLE or len(shape.lanes) > MOST_LANES:
            break
        if _has_values(segs, shape):
            shape.grow(segs)
            data_end = n + 1
        lines.append((items[n], segs))
        n += 1
    if len(shape.lanes) > MOST_LANES:
        return None, data_end
    lines = lines[: data_end - first]
    end = data_end + _label_tail(items, data_end, lines, shape)
    start = first - _header_above(items, first, taken, shape, lines)
    lines = [(items[k], shape.split(items[k]) or segments(items[k])) for k in range(start, end)]
    data = sum(1 for _, segs in lines if _has_values(segs, shape))
    header = any(_header_like(segs, shape) and not _has_values(segs, shape) for _, segs in lines)
    if len(shape.lanes) < 2 or not (data >= 2 or header):
        return None, data_end
    return _Region(start, end, shape, lines), end


def _label_tail(items: list, end: int, lines: list[tuple[Line, list[Seg]]], shape: _Shape) -> int:
    """How many lines after the last row of figures are its label's wrapped end (「获取信息」)."""
    labels = [s for s in lines[-1][1] if _label(s, shape)]
    n = 0
    while labels and end + n < len(items) and isinstance(items[end + n], Line):
        line = items[end + n]
        segs = shape.split(line)
        if not segs or _has_values(segs, shape) or not _near(lines[-1][0], line, shape.size) or len(segs) != 1:
            break
        if not any(abs(segs[0].x0 - s.x0) <= JOIN * 2 for s in labels) or _starts_entry(segs[0].text):
            break
        n += 1
    return n


def _header_above(items: list, first: int, taken: int, shape: _Shape, lines) -> int:
    """How many lines above the first row of figures are the table's header (with the corner's text between its
    lines), and a title line or two above it (a block's 「第二十条第（一）项」)."""
    n, titles = 0, 0
    below = lines[0][0]
    while first - n - 1 >= taken and isinstance(items[first - n - 1], Line):
        line = items[first - n - 1]
        segs = shape.split(line)
        if not segs or _has_values(segs, shape) or not _near(line, below, shape.size) or section_heading(line.text):
            break
        if _header_like(segs, shape):
            titles = 0
        elif titles >= TOP_LABELS or line.text.rstrip().endswith(("。", "：", ":", "；", ";")):
            break
        else:
            titles += 1
        n += 1
        below = line
    return n


# --- the grid ---------------------------------------------------------------------------------------------


@dataclass
class _Cell:
    col: int
    segs: list[Seg]
    span: int = 1
    blank: tuple[int, tuple[float, float, float, float]] | None = None  # an empty cell's page and box

    @property
    def text(self) -> str:
        return "\n".join(s.text.strip() for s in self.segs)


@dataclass
class _Entry:
    """A row's label (its lines) and the numbers standing beside it, by lane."""

    segs: list[Seg]
    values: dict[int, Seg | None] = field(default_factory=dict)  # None: two numbers for one lane

    @property
    def x0(self) -> float:
        return self.segs[0].x0

    def span_on(self, page: int) -> tuple[float, float] | None:
        mine = [s.line for s in self.segs if s.line.page == page]
        return (min(ln.top for ln in mine), max(ln.bottom for ln in mine)) if mine else None


@dataclass
class Unruled:
    """A table read from the words' positions: rows of cells, each in a grid column (0: the labels, 1…: the lanes)."""

    rows: list[list[_Cell]]
    page: int
    bbox: tuple[float, float, float, float]

    @property
    def top(self) -> float:
        return self.bbox[1]

    def grid(self, index: int, path: str) -> Grid:
        rows = []
        for r, cells in enumerate(self.rows):
            out = []
            for cell in cells:
                if cell.blank is not None:
                    first, bbox = cell.blank
                else:
                    first = cell.segs[0].line.page
                    on_page = [s for s in cell.segs if s.line.page == first]
                    bbox = (min(s.x0 for s in on_page), min(s.line.top for s in on_page),
                            max(s.x1 for s in on_page), max(s.line.bottom for s in on_page))
                loc = Location(path, "pdf", page=first, table=index, row=r, col=cell.col, bbox=box(bbox))
                out.append(GridCell(cell.text, loc, col=cell.col, span=cell.span))
            rows.append(out)
        loc = Location(path, "pdf", page=self.page, table=index, bbox=box(self.bbox))
        return Grid(rows, loc, has_grid=True, doubt=Doubt.INFERRED_COLUMNS)


def _lane_of(seg: Seg, lanes: list[list[float]]) -> int | None:
    """The lane a word or number stands in: the one it overlaps; in a gap, the lane it is clearly nearer to."""
    hits = _overlaps(seg, lanes)
    if hits:
        return hits[0] if len(hits) == 1 else None
    pitch = statistics.median([b[0] - a[0] for a, b in zip(lanes, lanes[1:])]) if len(lanes) > 1 else 0.0
    distances = sorted((max(x0 - seg.x1, seg.x0 - x1), n) for n, (x0, x1) in enumerate(lanes))
    (nearest, lane), other = distances[0], (distances[1][0] if len(distances) > 1 else float("inf"))
    return lane if nearest * 2 < other and nearest < pitch / 2 else None


def _spanning(word: Seg, lanes: list[list[float]]) -> bool:
    """A header word over several lanes: it reaches into two, or it is wider than a cell of its lane can be (half
    way to the lanes on either side; the first and last lanes' cells may reach the table's edges)."""
    lane = _lane_of(word, lanes)
    if lane is None:
        return True
    if lane == 0 or lane == len(lanes) - 1:
        return False
    middles = [(x0 + x1) / 2 for x0, x1 in lanes]
    return word.x1 - word.x0 > (middles[lane + 1] - middles[lane - 1]) / 2 + JOIN


def build(region: _Region) -> Unruled:
    shape = region.shape
    values = [s for _, segs in region.lines for s in segs if s.value and not _label(s, shape)]
    lanes = _merge([(s.x0, s.x1) for s in values])
    kinds = []
    for _line, segs in region.lines:
        if _has_values(segs, shape):
            kinds.append("data")
        elif _header_like(segs, shape):
            kinds.append("header")
        else:
            kinds.append("label")
    lanes = _supported(lanes, values, region, kinds)
    lanes = _merge([*((lo, hi) for lo, hi in lanes), *_blank_columns(region, kinds, lanes)])
    # Label lines between two header lines (the corner's text) are the header's.
    for n, kind in enumerate(kinds):
        if kind == "label" and "header" in kinds[:n] and n + 1 < len(kinds):
            before = next(k for k in reversed(kinds[:n]) if k != "label")
            after = next((k for k in kinds[n + 1 :] if k != "label"), None)
            if before == "header" and after == "header":
                kinds[n] = "header"
    rows: list[tuple[tuple[int, float], list[_Cell]]] = []
    n = 0
    while n < len(region.lines):
        if kinds[n] != "header":
            n += 1
            continue
        band = n
        while n < len(region.lines) and kinds[n] == "header":
            n += 1
        rows += _header_rows(region.lines[band:n], lanes, shape)
    rows += _data_rows([(line, segs) for (line, segs), kind in zip(region.lines, kinds) if kind != "header"], lanes, shape)
    rows.sort(key=lambda item: item[0])
    first = region.lines[0][0]
    on_first = [line for line, _ in region.lines if line.page == first.page]
    bbox = (min(ln.x0 for ln in on_first), min(ln.top for ln in on_first), max(ln.x1 for ln in on_first), max(ln.bottom for ln in on_first))
    return Unruled([cells for _, cells in rows if cells], first.page, bbox)


def _supported(lanes: list[list[float]], values: list[Seg], region: _Region, kinds: list[str]) -> list[list[float]]:
    """The lanes more than one figure stands in, or under a header word of their own: a figure alone between two
    columns is in neither, and read in neither."""
    if sum(1 for kind in kinds if kind == "data") < 3:
        return lanes
    words = [s for (_, segs), kind in zip(region.lines, kinds) if kind == "header" for s in segs if not _label(s, region.shape)]
    own = [lanes[hits[0]] for w in words for hits in [_overlaps(w, lanes)] if len(hits) == 1]
    return [lane for lane in lanes if sum(1 for v in values if v.x0 < lane[1] and v.x1 > lane[0]) > 1 or lane in own]


def _blank_columns(region: _Region, kinds: list[str], lanes: list[list[float]]) -> list[tuple[float, float]]:
    """Lanes of columns with no number at all (table 四's first cell left blank): a header word well apart from
    every lane of numbers, as narrow as a column."""
    if len(lanes) < 2:
        return []
    pitch = statistics.median([b[0] - a[0] for a, b in zip(lanes, lanes[1:])])
    words = [s for (_, segs), kind in zip(region.lines, kinds) if kind == "header" for s in segs
             if not _label(s, region.shape) and s.x1 - s.x0 <= pitch]
    return [(w.x0, w.x1) for w in words if all(max(x0 - w.x1, w.x0 - x1) >= pitch / 4 for x0, x1 in lanes)]


def _header_rows(band: list[tuple[Line, list[Seg]]], lanes: list[list[float]], shape: _Shape):
    """A header band: a row per line with words over several lanes (each over the lanes it spans), then one row
    of the label corner and each lane's own words, top to bottom (「商业」「企业」, over a page break too)."""
    parents: list[tuple[Line, list[Seg]]] = []
    leaves: dict[int | None, list[Seg]] = {}  # None: words in no lane
    corner: list[Seg] = []
    for line, segs in band:
        words = [s for s in segs if not _label(s, shape)]
        corner += [s for s in segs if _label(s, shape)]
        wide = [w for w in words if _spanning(w, lanes)]
        if wide:
            parents.append((line, wide))
        for word in words:
            if word not in wide:
                leaves.setdefault(_lane_of(word, lanes), []).append(word)
    extents = [[min([x0, *(s.x0 for s in leaves.get(n, []))]), max([x1, *(s.x1 for s in leaves.get(n, []))])]
               for n, (x0, x1) in enumerate(lanes)]
    pitch = statistics.median([b[0] - a[0] for a, b in zip(lanes, lanes[1:])]) if len(lanes) > 1 else 0.0
    rows = []
    spans: list[tuple[int, int]] = []  # the spans found so far, the ranges of the lines below
    for line, words in parents:
        found = _spans(words, extents, spans, pitch)
        spans += [s for s in found if s is not None]
        cells = [_Cell(1 + lo, [word], hi - lo + 1) for word, s in zip(words, found) if s is not None for lo, hi in [s]]
        rows.append(((line.page, line.top), cells))
    bottom = band[-1][0]
    cells = [_Cell(0, corner)] if corner else []
    cells += [_Cell(1 + lane, words) for lane, words in sorted(leaves.items()) if lane is not None]
    rows.append(((bottom.page, bottom.top), cells))
    return rows


def _spans(words: list[Seg], extents: list[list[float]], above: list[tuple[int, int]], pitch: float):
    """The lanes each header word of one line stands over: centred on them, the words sharing out the lanes of
    the header above them (all lanes at the top), as wide as they can; None where it cannot be told."""
    def within(word: Seg) -> tuple[int, int]:
        for lo, hi in reversed(above):
            if extents[lo][0] - JOIN <= word.middle <= extents[hi][1] + JOIN:
                return lo, hi
        return 0, len(extents) - 1

    tolerance = max(CENTRED * pitch, 2.0)
    options: list[list[tuple[int, int] | None]] = []
    for word in words:
        lo, hi = within(word)
        fits: list[tuple[int, int] | None] = [(a, b) for a in range(lo, hi + 1) for b in range(a, hi + 1)
                if abs((extents[a][0] + extents[b][1]) / 2 - word.middle) <= tolerance
                and word.x0 >= extents[a][0] - pitch / 2 and word.x1 <= extents[b][1] + pitch / 2]
        options.append(fits or [None])
    if math.prod(len(o) for o in options) > CHOICES:
        return [None] * len(words)
    best, ties = None, 0
    for choice in product(*options):
        chosen = sorted(c for c in choice if c is not None)
        if any(a[1] >= b[0] for a, b in zip(chosen, chosen[1:])):
            continue  # two words over one lane
        covered = sum(b - a + 1 for a, b in chosen)
        if best is None or covered > best[0]:
            best, ties = (covered, choice), 0
        elif covered == best[0]:
            ties += 1
    if best is None or ties:
        return [None] * len(words)
    return list(best[1])


def _data_rows(lines: list[tuple[Line, list[Seg]]], lanes: list[list[float]], shape: _Shape):
    """The rows below (and between) the headers: each label with its wrapped lines, the numbers beside it."""
    entries: list[_Entry] = []
    labels = [s for _, segs in lines for s in segs if _label(s, shape)]
    starts = sorted({s.x0 for s in labels})
    by_line: dict[int, list[Seg]] = {}
    for label in labels:
        by_line.setdefault(id(label.line), []).append(label)
    firsts = {line.page: line for line, _ in reversed(lines)}  # each page's first line
    filled = {id(line): {_lane_of(s, lanes) for s in segs if not _label(s, shape)} - {None} for line, segs in lines}
    for seg in labels:
        entry = next((e for e in reversed(entries[-16:]) if seg.x0 < e.segs[-1].x1 and seg.x1 > e.segs[-1].x0), None)
        if entry is not None and _continues(entry.segs[-1], seg, by_line, starts, firsts, filled, shape):
            entry.segs.append(seg)
        else:
            entries.append(_Entry([seg]))
    loose: list[tuple[Line, list[Seg]]] = []
    for line, segs in lines:
        cells = [s for s in segs if not _label(s, shape)]
        if not cells:
            continue
        entry = _beside(entries, line, shape)
        if entry is None:
            loose.append((line, cells))
            continue
        for cell in cells:
            lane = _lane_of(cell, lanes)
            if lane is None:
                continue  # between two columns: not read
            entry.values[lane] = None if lane in entry.values else cell
    rows = []
    for entry in entries:
        first = entry.segs[0].line
        rows.append(((first.page, first.top), [_Cell(0, entry.segs), *_values(entry.values, lanes, first)]))
    for line, cells in loose:  # figures beside no label (table 四's one row)
        values = {lane: c for c in cells for lane in [_lane_of(c, lanes)] if lane is not None}
        rows.append(((line.page, line.top), _values(values, lanes, line)))
    return rows


def _values(values: Mapping[int, Seg | None], lanes: list[list[float]], line: Line) -> list[_Cell]:
    """A row's cells over the lanes: its numbers; a lane with nothing beside the row is a blank cell, one with two
    numbers (which is it?) none."""
    cells = []
    for lane, (x0, x1) in enumerate(lanes):
        if lane not in values:
            cells.append(_Cell(1 + lane, [], blank=(line.page, (x0, line.top, x1, line.bottom))))
        elif (value := values[lane]) is not None:
            cells.append(_Cell(1 + lane, [value]))
    return cells


def _continues(last: Seg, seg: Seg, labels: dict[int, list[Seg]], starts: list[float], firsts: dict, filled: dict, shape: _Shape) -> bool:
    """Whether `seg` is the next line of the label ending with `last`: just below it (or first on the next page),
    not numbered, `last` wrapped (it stops mid-phrase or fills its cell), and no lane given a number twice."""
    size = max(shape.size, 1)
    if last.line.page == seg.line.page:
        if seg.line.top - last.line.bottom > LABEL_GAP * size or seg.line.top <= last.line.top:
            return False
    elif firsts.get(seg.line.page) is not seg.line:
        return False
    if _starts_entry(seg.text):
        return False
    if label_key(seg.text).startswith("("):
        return True  # a remark in brackets goes on its label's line (「（二）部分公开」「（区分处理的，」)
    innermost = not any(s.x0 > x.x0 for x in (last, seg) for s in labels[id(x.line)])
    if innermost and filled[id(last.line)] & filled[id(seg.line)]:
        return False  # two rows' labels side by side with their figures (「行政处罚 623」「行政强制 5」)
    n = bisect.bisect_left(starts, last.x1 - size)
    room = starts[n] if n < len(starts) else shape.value_left  # the cell's right edge: where labels further right start
    return _unfinished(last.text) or last.x1 >= room - WRAP_ROOM * size


def _beside(entries: list[_Entry], line: Line, shape: _Shape) -> _Entry | None:
    """The label the numbers of `line` belong to: the innermost whose lines they stand beside, else the nearest
    label just below or above without numbers of its own yet."""
    middle = (line.top + line.bottom) / 2
    slack = 0.3 * max(shape.size, 1)
    beside = []
    for entry in entries:
        span = entry.span_on(line.page)
        if span and span[0] - slack <= middle <= span[1] + slack:
            beside.append(entry)
    if beside:
        return max(beside, key=lambda e: e.x0)
    near = []
    for entry in entries:
        span = entry.span_on(line.page)
        if span and not entry.values:
            distance = min(abs(span[0] - middle), abs(span[1] - middle))
            if distance <= 1.2 * max(shape.size, 1):
                near.append((distance, -entry.x0, id(entry), entry))
    return min(near)[-1] if near else None


# --- the document -----------------------------------------------------------------------------------------


def find_unruled(items: list) -> list:
    """`items` (lines and ruled tables, in reading order over the pages) with the lines of each table drawn
    without column rules replaced by one `Unruled`."""
    out: list = []
    taken = 0
    n = 0
    while n < len(items):
        item = items[n]
        if not (isinstance(item, Line) and _strong(item)):
            n += 1
            continue
        region, n = _region(items, n, taken)
        if region is not None:
            out += items[taken : region.start]
            out.append(build(region))
            taken = region.end
    return out + items[taken:]
