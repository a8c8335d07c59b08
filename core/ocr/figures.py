"""What the readings of a table cell make of it: a figure read, a figure left unread, or words.

A figure is the one thing a scan must never get wrong, and a lone figure is where the recogniser
is weakest (a 0 alone is as much the letter o; a lone 「/」 as much a 1). So every cell that may
hold a figure is read more than once, each time differently:

- alone, padded as a short line (the engine's MIN_WIDTH);
- beside its table row's other figures, as one line (`row`): there a 0 is read as what it is;
- the shape of a single stroke (`stroke`, shape.py): 「1」 stands upright, 「/」 leans;
- for a cell still unread after these, alone again on the canvas the model was taught with (`wide`).

A figure is taken only when two readings agree and the model was sure enough of each character;
anything else where a figure stands is unread (not assessable), never a guess.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.ocr.engine import Reading
    from core.ocr.shape import Stroke

SURE = 0.90  # a figure is read when one reading is this sure of every character and the other agrees …
SURE_ONE = 0.10  # … (the other reading at least this sure),
SURE_BOTH = 0.30  # … or both readings agree, each at least this sure of every character;
SURE_ALONE = 0.97  # a figure its row's reading missed is read alone only this sure
SURE_SLASH = 0.45  # a lone 「/」 read alone at least this sure
SURE_WIDE = 0.8  # the wide reading, this sure, settles a cell when another reading, SURE_AGREE, says the same
SURE_AGREE = 0.5  # (measured on 2 200 cells of scans at 150 and 200 dpi: none wrong but a 「/」 read 1, see SLASH_LEAN)
SLASH_LEAN = 0.22  # a thin stroke leaning right this much (dx/dy) is a 「/」 (the scans' slashes: 0.27–0.44) …
UPRIGHT_LEAN = 0.1  # … and one this upright a 「1」 (an italic 1 leans about 0.2: neither, so unread)
SURE_TEXT = 0.5  # a line of text whose characters are all read with less than this is left out
SPECK_MARKS = "·'`‘’"  # what a speck in a line of words is read as …
SURE_MARK = 0.95  # … unless the model is this sure of it
NO_LINE_START = "，。、：；！？）》」』,.:;!?)"  # Chinese typesetting never begins a line with these (避头点)
LONGEST_FIGURE = 12  # characters: a longer text without Chinese is not a cell's figure

LOOK_ALIKES = "０１２３４５６７８９oO〇○。°lI|丨／．－，"  # as engine.LOOK_ALIKES has them
_FIGURE_RE = re.compile(r"^(?:\d+(?:\.\d+)?|/)$")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class CellReading:
    """What the recogniser made of a table cell beyond its text."""

    unread: bool  # ink where a figure stands, not read with certainty
    confidence: float | None  # the least probability among its characters (None: nothing to read)


@dataclass
class Evidence:
    """Every reading of one table cell."""

    lines: list[Reading]  # each line of the cell, top to bottom
    row: tuple[str, tuple[float, ...]] | None = None  # its figure characters read beside the row's, and their probabilities
    stroke: Stroke | None = None  # its one glyph as a single stroke
    wide: Reading | None = None  # the cell alone read on the model's own canvas
    wrapped: bool = False  # its first line fills the cell: more lines are that line wrapped, not figures of their own


def figure_candidate(reading) -> bool:
    """A line of a cell that may be (part of) a figure: no Chinese in it, and short."""
    return not _CJK_RE.search(reading.text) and len(reading.text.strip()) <= LONGEST_FIGURE


def may_be_figure(evidence: Evidence) -> bool:
    """The cell may hold one figure: one line that may be one, or a figure wrapped over lines (read as one)."""
    lines = evidence.lines
    return bool(lines) and (len(lines) == 1 or evidence.wrapped) and all(figure_candidate(r) for r in lines)


def cell_text(evidence: Evidence) -> tuple[str, CellReading]:
    """A cell's text, and whether it is a figure left unread."""
    readings = evidence.lines
    if not readings:
        return "", CellReading(False, None)
    if may_be_figure(evidence) or len(readings) == 1:
        figure = _figure(_joined(readings), evidence)
        if figure is not None:
            return figure
    text = "\n".join(t for t in (without_noise(r).strip() for r in readings) if t)
    confidence = min((r.confidence for r in readings), default=None)
    if not _CJK_RE.search(text) and len(re.sub(r"\s", "", text)) <= LONGEST_FIGURE:
        # no Chinese, and not a figure read with certainty: where a figure stands, it is unread
        return text, CellReading(True, confidence)
    return text, CellReading(False, confidence)


def line_text(reading) -> str:
    """A line's text; what is not Chinese and was read unsure (a speck, a seal's edge) is left out."""
    if not reading.text.strip() or max(reading.probs, default=0) < SURE_TEXT:
        return ""
    if len(reading.text.strip()) <= 2 and min(reading.probs) < SURE:
        return ""  # a mark or two read unsure: a seal's character, specks
    text = without_noise(reading)
    return unicodedata.normalize("NFKC", text).strip() if not _CJK_RE.search(text) else text.strip()


def without_noise(reading) -> str:
    """The text without the dots a speck is read as (「(七)·总计」) where the model was not sure of them, and, in
    Chinese, without marks that never begin a line (「：杭州市…」: a speck before it)."""
    text = "".join(c for c, p in zip(reading.text, reading.probs) if not (c in SPECK_MARKS and p < SURE_MARK))
    return text.lstrip(NO_LINE_START + " ") if _CJK_RE.search(text) else text


def _figure(reading, evidence: Evidence) -> tuple[str, CellReading] | None:
    """The cell as a figure when it is one: read when two readings agree and the model is sure, else unread.

    A figure is taken when the cell read alone and read in its row give the same characters, each read
    with probability SURE_BOTH, or one reading with SURE and the other not against it; or when the wide
    reading, SURE_WIDE, gives what one of them gives. A mark at a figure's end that changes nothing (a
    speck read as 「32.」, 「,30」) is left off; a lone 「/」 (the form's "none") is taken from the cell read
    alone. A lone 1 or / is taken only when the stroke's lean says the same: the model confuses the two,
    their shapes never.
    """
    plain = unicodedata.normalize("NFKC", reading.text).replace(" ", "")
    figure_like = bool(plain) and all(c.isdigit() or c in "./-," or c in LOOK_ALIKES for c in plain)
    alone, alone_p = _trim(*_no_spaces(reading.digits, reading.digit_probs))
    row, row_p = _trim(*(evidence.row or ("", ())))
    wide, wide_p = _trim(*_no_spaces(evidence.wide.digits, evidence.wide.digit_probs)) if evidence.wide else ("", ())
    if not (figure_like or _FIGURE_RE.match(alone) or _FIGURE_RE.match(wide)) or _CJK_RE.search(plain):
        return None
    value = None
    if alone == "/" and alone_p[0] >= SURE_SLASH and not (_FIGURE_RE.match(row) and row != "/" and min(row_p) >= SURE):
        value = "/"  # beside figures the model takes a lone slash for a 1; alone it sees what it is
    elif _FIGURE_RE.match(alone) and alone == row and (
        min(alone_p + row_p) >= SURE_BOTH or (max(min(alone_p), min(row_p)) >= SURE and min(alone_p + row_p) >= SURE_ONE)
    ):
        value = alone
    elif _FIGURE_RE.match(alone) and not row and min(alone_p) >= SURE_ALONE:
        value = alone
    elif _FIGURE_RE.match(wide) and min(wide_p) >= SURE_WIDE and any(
        wide == other and min(p) >= SURE_AGREE for other, p in ((alone, alone_p), (row, row_p))
    ):
        value = wide
    value = _by_lean(value, {alone, row, wide} - {""}, evidence.stroke)
    probs = alone_p + (row_p if value and value == row else ()) + (wide_p if value and value == wide else ())
    confidence = round(min(probs, default=0.0), 3)
    if value is not None:
        return value, CellReading(False, confidence)
    return plain, CellReading(True, confidence)


def _by_lean(value: str | None, read_as: set[str], stroke) -> str | None:
    """The reading of a lone 1 or / held against the stroke's shape. The model reads the two alike, so when it
    read nothing but these, a thin stroke leaning as a slash does from top to bottom is a 「/」 (measured on 300
    cells of scans: every 「/」 so, no 1 nor any other figure); otherwise a 1 is kept only upright (and not when
    its shape could not be measured), a / only leaning."""
    if stroke is None:
        return None if value == "1" else value  # a lone 1 whose shape could not be measured: a / read as 1?
    slash, upright = stroke.lean >= SLASH_LEAN and stroke.thin_throughout, abs(stroke.lean) <= UPRIGHT_LEAN
    if value in ("1", None) and slash and read_as and read_as <= {"1", "/"}:
        return "/"  # the model read one of the two it confuses; the shape tells which
    if value == "1":
        return value if upright else None
    if value == "/":
        return value if slash else None
    return value


def _trim(digits: str, given: tuple[float, ...]) -> tuple[str, tuple[float, ...]]:
    """A figure without the marks at its ends that change nothing: a trailing 「.」 or 「,」, a leading 「,」, a
    leading 「.」 the model doubts (a speck; one it is sure of may be a decimal point that lost its 0), and
    any 「.」「,」 beside a lone 「/」."""
    chars, probs = list(digits), list(given)
    while chars and (chars[-1] in ".," or (chars[-1] == "-" and probs[-1] < SURE_BOTH)):
        chars.pop(), probs.pop()
    while chars and (chars[0] == "," or (chars[0] in ".-" and probs[0] < SURE_BOTH) or (chars[0] == "." and chars[1:] == ["/"])):
        chars.pop(0), probs.pop(0)
    return "".join(chars), tuple(probs)


def _no_spaces(digits: str, probs: tuple[float, ...]) -> tuple[str, tuple[float, ...]]:
    kept = [(d, p) for d, p in zip(digits, probs) if d != " "]
    return "".join(d for d, _ in kept), tuple(p for _, p in kept)


def _joined(readings):
    """The readings of a cell's lines as one line's."""
    from core.ocr.engine import Reading

    if len(readings) == 1:
        return readings[0]
    digits = [_no_spaces(r.digits, r.digit_probs) for r in readings]
    return Reading(
        "".join(r.text.strip() for r in readings), sum((r.probs for r in readings), ()), (),
        "".join(d for d, _ in digits), sum((p for _, p in digits), ()), (), (),
    )
