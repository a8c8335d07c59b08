"""What a glyph's shape says where the recogniser is weakest: a lone 「/」 and a lone 「1」.

Seen alone in a table cell, the recogniser takes the form's 「/」 (none) for a 1 as readily as the other
way round. Their shapes differ plainly: 「1」 stands upright (its flag and foot aside), 「/」 is one thin
stroke leaning right from top to bottom (a 7's stroke leans too, under its bar). The lean is measured
on the page's ink; it is a reading of its own, and a figure 1 or / is taken only when it agrees with
the recogniser's.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIDDLE = (0.2, 0.8)  # the rows measured: a 1's flag and foot are above and below them
THIN = 0.3  # a stroke is at most this share of the glyph's height wide in every row measured


@dataclass(frozen=True)
class Stroke:
    lean: float  # how far it leans right: its x shift per row going up (dx/dy)
    thin_throughout: bool  # one thin stroke in every row, top and bottom too (a 「/」; not a 1's flag, a 7's bar)


def stroke(ink: np.ndarray) -> Stroke | None:
    """The glyph (ink tight around it) as one thin stroke, or None when its middle rows are not one."""
    ink = _main_part(ink)
    h, w = ink.shape
    if h < 8 or w > 0.9 * h:
        return None
    widest = max(THIN * h, 3)
    ys, xs, thin = [], [], True
    for y in range(h):
        cols = np.flatnonzero(ink[y])
        one = len(cols) > 0 and int(cols[-1] - cols[0]) + 1 <= min(len(cols) + 1, widest)  # one narrow run of ink
        if h * MIDDLE[0] <= y <= h * MIDDLE[1]:
            if not one:
                return None
            ys.append(y)
            xs.append(float(cols.mean()))
        elif len(cols) and not one:
            thin = False
    if len(ys) < 4:
        return None
    dy, dx = np.asarray(ys, float), np.asarray(xs, float)
    dy -= dy.mean()
    slope = float((dy * (dx - dx.mean())).sum() / (dy * dy).sum())  # least squares, without a linear-algebra library
    return Stroke(-slope, thin)  # rows count downwards: a stroke leaning right goes left as y grows


def _main_part(ink: np.ndarray) -> np.ndarray:
    """The run of columns holding most of the ink, tight: a speck beside the glyph (read as 「1.」) left out."""
    cols = ink.any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], cols.astype(np.int8), [0]))))
    runs = list(zip(edges[::2], edges[1::2]))
    if len(runs) > 1:
        a, b = max(runs, key=lambda r: int(ink[:, r[0]:r[1]].sum()))
        ink = ink[:, a:b]
    rows = np.flatnonzero(ink.any(axis=1))
    return ink[rows[0]:rows[-1] + 1] if len(rows) else ink
