"""A PDF page taken into the orientation in which its text reads: left to right, lines top to bottom.

A page can show its text sideways or upside down: a viewer's 「旋转页面」 saved as /Rotate, a landscape page
that a stamping or merging tool drew turned as a form on portrait paper, a whole report turned by a scanner's
software. pdfminer gives each character's matrix; the direction most characters run in says how the page must
be turned. Every object (characters, rules, boxes) is then turned with it, so lines of text and table rules come
out as on an upright page. What still runs another way (a stamp's words at an angle, one vertical cell) is left
out: read across its direction it would be nonsense, and numbers are never guessed from it.

A box found on a turned page is given back in the page's own (displayed) coordinates: `displayed`.
"""
from __future__ import annotations

from collections import Counter

from pdfplumber.page import DerivedPage, Page

BoxT = tuple[float, float, float, float]


def direction(char: dict) -> int:
    """The direction a character runs in, counter-clockwise from left to right: 0, 90, 180 or 270 (the nearest)."""
    a, b = char["matrix"][0], char["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b > 0 else 270


class TurnedPage(DerivedPage):
    """`parent` turned clockwise by `turn` degrees (or only with its stray characters left out, for 0)."""

    def __init__(self, parent, turn: int):
        super().__init__(parent)
        self.turn = turn
        self.origin = parent.bbox[:2]
        self.size = (float(parent.width), float(parent.height))
        width, height = self.size
        self.bbox = (0, 0, height, width) if turn in (90, 270) else (0, 0, width, height)
        objects = {}
        for kind, items in parent.objects.items():
            if kind == "char":
                items = [c for c in items if direction(c) == turn]
            objects[kind] = [self._object(o) for o in items] if turn else items
        self._objects = objects

    @property
    def objects(self):
        return self._objects

    def point(self, x: float, top: float) -> tuple[float, float]:
        """A point of the parent page (pdfplumber's x, top) on this one."""
        x, top = x - self.origin[0], top - self.origin[1]
        width, height = self.size
        if self.turn == 90:  # the text runs upwards: turned clockwise
            return height - top, x
        if self.turn == 180:
            return width - x, height - top
        if self.turn == 270:
            return top, width - x
        return x, top

    def box(self, x0: float, top: float, x1: float, bottom: float) -> BoxT:
        (ax, at), (bx, bt) = self.point(x0, top), self.point(x1, bottom)
        return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)

    def _object(self, obj: dict) -> dict:
        turned = dict(obj)
        x0, top, x1, bottom = self.box(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        turned.update(x0=x0, x1=x1, top=top, bottom=bottom, width=x1 - x0, height=bottom - top,
                      y0=self.height - bottom, y1=self.height - top, doctop=self.initial_doctop + top)
        if "pts" in obj:
            turned["pts"] = [self.point(x, y) for x, y in obj["pts"]]
        if "path" in obj:
            turned["path"] = [(cmd, *(self.point(x, y) for x, y in pts)) for cmd, *pts in obj["path"]]
        if obj.get("object_type") == "char":
            turned["upright"] = True
            turned["size"] = bottom - top  # across the writing, as pdfminer measures an upright character
        return turned

    def displayed(self, bbox: BoxT) -> BoxT:
        """A box on this page as it stands on the parent page (as the page is shown)."""
        width, height = self.size
        x0, top, x1, bottom = bbox
        corners = []
        for x, t in ((x0, top), (x1, bottom)):
            if self.turn == 90:
                px, pt = t, height - x
            elif self.turn == 180:
                px, pt = width - x, height - t
            elif self.turn == 270:
                px, pt = width - t, x
            else:
                px, pt = x, t
            corners.append((px + self.origin[0], pt + self.origin[1]))
        (ax, at), (bx, bt) = corners
        return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)


def upright(page: Page) -> Page:
    """The page as its text reads (turned the way most characters run); the page itself when every character
    already runs left to right."""
    counts = Counter(direction(c) for c in page.chars)
    if set(counts) <= {0}:
        return page
    return TurnedPage(page, max(counts, key=lambda d: (counts[d], d == 0)))
