"""Text on PDF pages: characters into lines, lines into paragraphs; page numbers and running headers left out.

A PDF has no paragraphs, only characters at positions. A line is the characters at
one height, read left to right, with a space only where the gap is wide (not the
small gaps LibreOffice puts between Chinese and digits, nor those of justified
text). A line that is indented, follows a short line, changes the font size or
stands after a gap starts a new paragraph; so does a section's heading 「五、…」, and a
row of bare numbers ends one (a table drawn without rules can be wider than the text).
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from core.text.normalize import squeeze

SPACE_GAP = 0.6  # a gap wider than this share of the font size between two characters is a space
MARGIN = 0.08  # share of the page height at the top and bottom where running headers and page numbers stand
_PAGE_NUMBER_RE = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*$")


Glyph = tuple[str, float, float]  # a character's text, x0 and x1


@dataclass
class Line:
    """A line of text on a page, with its box (points from the page's top left) and font size."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # A line with wide gaps may be a row of a table drawn without rules (pdf_unruled.py): its characters are kept.
    glyphs: tuple[Glyph, ...] = ()
    source: object | None = None  # a scanned page's `scan.Picture`: the line was recognised from it
    confidence: float | None = None  # scan: how sure the recogniser was of the line


def text_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (top to bottom), each sorted left to right."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    lines: list[list[dict]] = [[ordered[0]]]
    middle = (ordered[0]["top"] + ordered[0]["bottom"]) / 2
    for char in ordered[1:]:
        m = (char["top"] + char["bottom"]) / 2
        if m - middle > max(char["size"], 1) * 0.5:
            lines.append([])
        lines[-1].append(char)
        middle = m if len(lines[-1]) == 1 else middle
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def wide_gap(before: dict, char: dict) -> bool:
    return char["x0"] - before["x1"] > SPACE_GAP * max(char["size"], 1)


def join(line: list[dict]) -> str:
    """A line's text; a space only where the gap is wide (not LibreOffice's CJK/Latin spacing, nor justification)."""
    parts = [line[0]["text"]]
    for before, char in zip(line, line[1:]):
        if wide_gap(before, char):
            parts.append(" ")
        parts.append(char["text"])
    return "".join(parts)


def size(line: list[dict]) -> float:
    """The line's font size (the median: one odd character does not change it)."""
    return statistics.median(c["size"] for c in line)


def page_lines(chars: list[dict], page: int) -> list[Line]:
    """The lines of text the characters make on one page."""
    lines = []
    for line in text_lines(chars):
        text = join(line).strip()
        if text:
            x0, x1 = min(c["x0"] for c in line), max(c["x1"] for c in line)
            top, bottom = min(c["top"] for c in line), max(c["bottom"] for c in line)
            gaps = any(wide_gap(a, b) for a, b in zip(line, line[1:]))
            glyphs = tuple((c["text"], c["x0"], c["x1"]) for c in line) if gaps else ()
            lines.append(Line(text, page, x0, x1, top, bottom, size(line), glyphs))
    return lines


# --- running headers, footers and page numbers ---------------------------------------------


def drop_page_furniture(pages: list[list], heights: list[float]) -> list[list]:
    """Each page's items without the lines in its top or bottom margin that are page numbers or repeat on several pages."""

    def in_margin(line: Line, height: float) -> bool:
        return line.bottom < height * MARGIN or line.top > height * (1 - MARGIN)

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", squeeze(line.text))

    seen: Counter[str] = Counter()
    for items, height in zip(pages, heights):
        seen.update({key(i) for i in items if isinstance(i, Line) and in_margin(i, height)})
    kept = []
    for items, height in zip(pages, heights):
        kept.append(
            [
                i
                for i in items
                if not (
                    isinstance(i, Line)
                    and in_margin(i, height)
                    and (_PAGE_NUMBER_RE.match(i.text) or seen[key(i)] >= 2)
                )
            ]
        )
    return kept


# --- lines to paragraphs -----------------------------------------------------------------------


_SECTION_HEADING_RE = re.compile(r"^\s*[一二三四五六七八九十]{1,2}、\s*[\u4e00-\u9fff]")
_NUMBERS_ROW_RE = re.compile(r"^\s*\d[\d\s.,]*\s\d[\d\s.,]*$")  # two numbers at least, nothing else


def section_heading(text: str) -> bool:
    """「五、…」: a section's heading starts so (a table's row labels 「一、本年新收…」 too)."""
    return bool(_SECTION_HEADING_RE.match(text))


@dataclass
class Body:
    """Where the text's lines start and end on the pages, to tell a wrapped line from a new paragraph."""

    left: float
    right: float
    gap: float  # the usual space between two lines of a paragraph

    @classmethod
    def of(cls, lines: list[Line]) -> Body:
        if not lines:
            return cls(0, 0, 0)
        # The margin: the leftmost start that many lines share (first lines are indented, a stray line is not the margin).
        starts = Counter(round(line.x0) for line in lines)
        left = min((x for x, n in starts.items() if n >= max(2, len(lines) // 20)), default=min(starts))
        ends = sorted(line.x1 for line in lines)
        right = ends[int(len(ends) * 0.9)] if len(ends) >= 10 else ends[-1]
        gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.page == a.page and b.top > a.bottom]
        return cls(left, right, statistics.median(gaps) if gaps else 0)

    def starts_paragraph(self, before: Line | None, line: Line) -> bool:
        if before is None:
            return True
        # A section's heading, and a row of bare numbers (a table drawn without rules, as wide as the page or
        # wider): never the wrapped end of the line before, whatever its length.
        if _SECTION_HEADING_RE.match(line.text) or _NUMBERS_ROW_RE.match(line.text) or _NUMBERS_ROW_RE.match(before.text):
            return True
        size = max(line.size, before.size, 1)
        if abs(line.size - before.size) > 1:
            return True
        if before.x1 < self.right - 1.5 * size:  # the line before stopped short: its paragraph ended
            return True
        if line.x0 > self.left + 0.8 * size:  # indented: a first line
            return True
        if line.page == before.page and line.top - before.bottom > max(self.gap * 1.8, self.gap + size * 0.5):
            return True
        return False
