"""Lines of text on a straightened page: bands of rows with ink, and the stretches of ink along each.

Printed text stands in rows: the rows of pixels holding ink, apart from the rules and the tables,
make a band per line. A character made of separate strokes (三, 二) can leave an empty row inside
its own line: a band much lower than the page's lines is joined to the band next to it.
"""
from __future__ import annotations

import numpy as np

from core.ocr.grid import _merge, _runs

LOW_BAND = 0.55  # a band lower than this share of the usual line height is part of the next one
NEAR = 0.6  # … when the gap to it is less than this share of the usual line height
GLYPH_GAP = 0.25  # two pieces of one character are at most this share of their joined height apart …
GLYPH_WIDE = 2.2  # … and together at most this many times as wide as high (one or two characters)
STROKE = 0.3  # a low band at least this share of a line height wide is a stroke (of 二, 三), not a speck
WORD_GAP = 3.0  # a gap along a line wider than this many line heights parts two pieces of text


def bands(ink: np.ndarray, min_ink: int = 1) -> list[tuple[int, int]]:
    """(top, bottom) of each band of rows holding ink, bottom exclusive."""
    counts = ink.sum(axis=1)
    return _runs(counts >= min_ink)


def join_low_bands(found: list[tuple[int, int]], height: float, ink: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Bands much lower than a line joined to the nearest band close enough: one line of 三 and 二.

    With `ink`, a low band narrower than a stroke (a speck left by a rule, a dot of toner) is dropped
    instead: joined to a figure's line it would make the line taller and the figure smaller to the model.
    """
    out = list(found)
    if ink is not None:
        out = [(t, b) for t, b in out if b - t >= LOW_BAND * height or _ink_width(ink[t:b]) >= STROKE * height]
    changed = True
    while changed and len(out) > 1:
        changed = False
        for n, (top, bottom) in enumerate(out):
            if bottom - top >= LOW_BAND * height:
                continue
            gaps = []
            if n > 0:
                gaps.append((top - out[n - 1][1], n - 1))
            if n + 1 < len(out):
                gaps.append((out[n + 1][0] - bottom, n + 1))
            gap, other = min(gaps)
            if gap <= NEAR * height:
                a, b = sorted((n, other))
                out[a:b + 1] = [(out[a][0], out[b][1])]
                changed = True
                break
    return out


def join_glyph_pieces(found: list[tuple[int, int]], ink: np.ndarray) -> list[tuple[int, int]]:
    """A character alone on its line whose parts stand apart (告: 生 over 口, in a title's large type) is one band:
    two bands one above the other, over the same columns, together no wider than a character or two and
    parted by less than a stroke's gap."""
    out = list(found)
    n = 0
    while n + 1 < len(out):
        (top, mid), (low, bottom) = out[n], out[n + 1]
        height = bottom - top
        a, b = _ink_span(ink[top:mid]), _ink_span(ink[low:bottom])
        if a and b and low - mid <= GLYPH_GAP * height and max(a[1], b[1]) - min(a[0], b[0]) <= GLYPH_WIDE * height \
                and min(a[1], b[1]) - max(a[0], b[0]) >= 0.5 * min(a[1] - a[0], b[1] - b[0]):
            out[n:n + 2] = [(top, bottom)]
            continue
        n += 1
    return out


def _ink_span(rows: np.ndarray) -> tuple[int, int] | None:
    cols = np.flatnonzero(rows.any(axis=0))
    return (int(cols[0]), int(cols[-1]) + 1) if len(cols) else None


def _ink_width(rows: np.ndarray) -> int:
    cols = np.flatnonzero(rows.any(axis=0))
    return int(cols[-1] - cols[0] + 1) if len(cols) else 0


SMALLEST_TEXT = 0.06  # inches: a band lower than this is a mark (a speck's row, a rule's edge), not a line of text
USUAL_TEXT = 0.15  # inches: a line of 10.5-point text, for a page with no line to measure


def usual_height(found: list[tuple[int, int]], dpi: float) -> float:
    """The height of the page's usual line of text (marks left out: a page of tables has more specks than lines)."""
    heights = sorted(b - t for t, b in found if b - t >= SMALLEST_TEXT * dpi)
    return float(heights[len(heights) * 2 // 3]) if heights else USUAL_TEXT * dpi


def pieces(ink: np.ndarray, top: int, bottom: int, height: float) -> list[tuple[int, int]]:
    """(x0, x1) of each stretch of text along a band: parted where the gap is wider than WORD_GAP lines."""
    cols = ink[top:bottom].any(axis=0)
    return _merge(_runs(cols), round(WORD_GAP * max(height, 1)))


def tight(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    """The smallest box holding the ink inside `box` (x0, y0, x1, y1, end exclusive), or None: no ink."""
    x0, y0, x1, y1 = box
    part = ink[y0:y1, x0:x1]
    rows = np.flatnonzero(part.any(axis=1))
    if len(rows) == 0:
        return None
    cols = np.flatnonzero(part.any(axis=0))
    return x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1


def widened(raw: np.ndarray, ink: np.ndarray, box: tuple[int, int, int, int], height: float) -> tuple[int, int, int, int]:
    """The line's box reaching the small marks just past its ends (a 「。」 or 「、」 is as small as a speck)."""
    x0, y0, x1, y1 = box
    reach = round(height)
    left, right = max(0, x0 - reach), min(raw.shape[1], x1 + reach)
    cols = np.flatnonzero(raw[y0:y1, left:right].any(axis=0))
    if len(cols) == 0:
        return box
    near = [left + int(c) for c in cols]
    # only marks touching the line's run of ink: a gap of more than half a line ends it
    new0, new1 = x0, x1
    for c in sorted((c for c in near if c < x0), reverse=True):
        if new0 - c > height / 2:
            break
        new0 = c
    for c in sorted(c for c in near if c >= x1):
        if c - (new1 - 1) > height / 2:
            break
        new1 = c + 1
    return new0, y0, new1, y1
