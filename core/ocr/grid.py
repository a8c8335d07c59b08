"""Ruled tables on a straightened page: the rules, the grid they draw, and its cells (merged ones too).

A horizontal rule is a long run of ink along a row of pixels. The rules of one table follow one
another down the page, each band between two of them crossed by its column rules. A column rule
crosses a band when a column of pixels is ink from the rule above to the rule below (text never
fills a band's height: cells have room above and below their text). The grid's columns are every
x where a column rule crosses some band; a cell is merged across a column line where no rule
crosses its band there, and down across a row line where the rule above it is missing.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.ocr.page import Page

MIN_RULE_INCH = 0.3  # a horizontal rule is at least this long (a dash of text is shorter)
JOIN = 3  # pixels: rows of a rule this close are one rule; columns this close one column line
CROSS_SHARE = 0.85  # share of a band's height a column rule's ink must cover
RULE_SHARE = 0.7  # share of a cell's width a rule must cover to close the cell
MIN_BAND = 8  # pixels: a band lower than this is a double rule, not a row


@dataclass
class Rule:
    y0: int  # first row of the rule
    y1: int  # last row
    x0: int
    x1: int


@dataclass
class Cell:
    row: int  # first band
    col: int  # first column
    rows: int  # bands covered
    cols: int  # columns covered
    box: tuple[int, int, int, int]  # inside the rules: x0, y0, x1, y1 (pixels, straightened page)


@dataclass
class Table:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 of its outer rules
    xs: list[int]  # column lines, left to right
    ys: list[int]  # row lines, top to bottom
    cells: list[Cell]


def _runs(mask_row: np.ndarray | np.bool_) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-d array, end exclusive."""
    padded = np.concatenate(([False], mask_row, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def _long_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Pixels that belong to a horizontal run of ink at least `length` long."""
    h, w = ink.shape
    if w < length:
        return np.zeros_like(ink)
    sums = np.zeros((h, w + 1), np.int32)
    np.cumsum(ink, axis=1, dtype=np.int32, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length  # the run [x, x + length) is all ink
    marks = np.zeros((h, w + 1), np.int32)
    marks[:, : w - length + 1] += full
    marks[:, length:] -= full
    return np.cumsum(marks[:, :w], axis=1) > 0


def horizontal_rules(page: Page) -> list[Rule]:
    """Every horizontal rule, top to bottom (a rule a few pixels thick is one rule)."""
    length = round(MIN_RULE_INCH * page.dpi)
    long = _long_runs(page.ink, length)
    rows = np.flatnonzero(long.sum(axis=1) >= length)
    rules: list[Rule] = []
    for start, end in _runs(np.isin(np.arange(page.ink.shape[0]), rows)):
        band = long[start:end].any(axis=0)
        for x0, x1 in _merge(_runs(band), JOIN * 2):
            if x1 - x0 >= length:
                rules.append(Rule(start, end - 1, x0, x1))
    rules.sort(key=lambda r: (r.y0, r.x0))
    return rules


def _merge(runs: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if out and start - out[-1][1] <= gap:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _crossings(page: Page, top: int, bottom: int, x0: int, x1: int) -> list[int]:
    """x of each column rule crossing the band between rows top and bottom (exclusive), within x0..x1."""
    if bottom - top < 2:
        return []
    band = page.ink[top:bottom, x0:x1]
    filled = band.sum(axis=0) >= CROSS_SHARE * (bottom - top)
    return [x0 + (a + b - 1) // 2 for a, b in _merge(_runs(filled), JOIN)]


def find_tables(page: Page, rules: list[Rule] | None = None) -> list[Table]:
    """The page's ruled tables, top to bottom (`rules`: its horizontal rules, when already found)."""
    rules = horizontal_rules(page) if rules is None else rules
    tables: list[list[Rule]] = []
    for rule in rules:
        # a piece of a row line the table already has (a rule broken where a seal's red ink crossed it) …
        same_line = [g for g in tables if rule.y0 <= g[-1].y1 + JOIN and rule.y1 >= g[-1].y0 - JOIN
                     and min(r.x0 for r in g) - JOIN <= rule.x0 and rule.x1 <= max(r.x1 for r in g) + JOIN]
        if same_line:
            same_line[-1].append(rule)
            continue
        # … else the table whose last rule is the nearest above this one, across the same width
        above = [g for g in tables if _overlap(rule, g[-1]) >= 0.5 * min(rule.x1 - rule.x0, g[-1].x1 - g[-1].x0)
                 or (rule.y0 <= g[-1].y1 + JOIN and rule.x0 - g[-1].x1 <= JOIN * 3)]
        group = max(above, key=lambda g: g[-1].y1, default=None)
        if group is not None and (rule.y0 <= group[-1].y1 + JOIN or _linked(page, group[-1], rule)):
            group.append(rule)
        else:
            tables.append([rule])
    out = [_table(page, group) for group in tables if len({r.y0 for r in group}) >= 2]
    return [t for t in out if t is not None]


def _overlap(a: Rule, b: Rule) -> int:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _linked(page: Page, upper: Rule, lower: Rule) -> bool:
    """Whether column rules run down from one rule to the next: two rules of one table."""
    left, right = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
    return len(_crossings(page, upper.y1 + 1, lower.y0, max(0, left - JOIN), right + JOIN + 1)) >= 1


def _lines(rules: list[Rule]) -> list[tuple[int, int, list[Rule]]]:
    """The table's row lines: (first row, last row, its rules), a line's segments together."""
    lines: list[tuple[int, int, list[Rule]]] = []
    for rule in sorted(rules, key=lambda r: r.y0):
        if lines and rule.y0 <= lines[-1][1] + JOIN:
            y0, y1, members = lines[-1]
            lines[-1] = (y0, max(y1, rule.y1), members + [rule])
        else:
            lines.append((rule.y0, rule.y1, [rule]))
    # a double rule (two lines a few pixels apart) is one line
    merged: list[tuple[int, int, list[Rule]]] = []
    for line in lines:
        if merged and line[0] - merged[-1][1] < MIN_BAND:
            y0, _, members = merged[-1]
            merged[-1] = (y0, line[1], members + line[2])
        else:
            merged.append(line)
    return merged


def _table(page: Page, rules: list[Rule]) -> Table | None:
    lines = _lines(rules)
    if len(lines) < 2:
        return None
    x0 = min(r.x0 for r in rules)
    x1 = max(r.x1 for r in rules)
    bands = []
    for (_, top, _), (bottom, _, _) in zip(lines, lines[1:]):
        bands.append(_crossings(page, top + 1, bottom, max(0, x0 - JOIN * 2), min(page.ink.shape[1], x1 + JOIN * 2)))
    xs = _cluster(sorted(x for band in bands for x in band))
    if len(xs) < 2:
        return None
    ys = [(a + b) // 2 for a, b, _ in lines]
    n_rows, n_cols = len(lines) - 1, len(xs) - 1
    # walls[i][j]: a column rule between columns j-1 and j in band i; floors[i][j]: a rule above band i, column j
    walls = [[any(abs(x - xs[j]) <= JOIN * 2 for x in bands[i]) for j in range(n_cols + 1)] for i in range(n_rows)]
    floors = [[_covers(lines[i][2], xs[j], xs[j + 1]) for j in range(n_cols)] for i in range(n_rows + 1)]
    cells = _cells(lines, xs, walls, floors)
    if not cells:
        return None
    return Table((xs[0], ys[0], xs[-1], ys[-1]), xs, ys, cells)


def _cluster(xs: list[int]) -> list[int]:
    groups: list[list[int]] = []
    for x in xs:
        if groups and x - groups[-1][-1] <= JOIN * 2:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [round(sum(g) / len(g)) for g in groups]


def _covers(rules: list[Rule], a: int, b: int) -> bool:
    covered = sum(max(0, min(r.x1, b) - max(r.x0, a)) for r in rules)
    return covered >= RULE_SHARE * (b - a)


def _cells(lines, xs, walls, floors) -> list[Cell]:
    """The cells: each place joined to its right and lower neighbours where no rule parts them."""
    n_rows, n_cols = len(lines) - 1, len(xs) - 1
    owner = [[-1] * n_cols for _ in range(n_rows)]
    cells: list[Cell] = []
    for i in range(n_rows):
        for j in range(n_cols):
            if owner[i][j] >= 0:
                continue
            if not walls[i][j] and j > 0:
                # no rule on the left: this place belongs to the cell on its left (that cell was cut short)
                k = owner[i][j - 1]
                owner[i][j] = k
                continue
            cols = 1
            while j + cols < n_cols and not walls[i][j + cols] and owner[i][j + cols] < 0:
                cols += 1
            rows = 1
            while i + rows < n_rows and not any(floors[i + rows][j + c] for c in range(cols)) and all(
                owner[i + rows][j + c] < 0 for c in range(cols)
            ):
                rows += 1
            for r in range(rows):
                for c in range(cols):
                    owner[i + r][j + c] = len(cells)
            top = lines[i][1] + 1
            bottom = lines[i + rows][0]
            cells.append(Cell(i, j, rows, cols, (xs[j] + JOIN, top, xs[j + cols] - JOIN, bottom)))
    return cells
