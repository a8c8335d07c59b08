"""The marks of a finding or a cell in the window: one place, so the checklist, the tables and the verdict
always look alike. The words and the colours are core's (`core.presentation`: the workbooks use them too)."""
from __future__ import annotations

from dataclasses import dataclass

from core import presentation as words
from core.findings import Finding


@dataclass(frozen=True)
class Mark:
    word: str  # what the checklist says: 通过 / 未通过 / 需核实 / 无法判断
    symbol: str  # drawn in the mark's round icon
    colour: str  # the word's and the icon's colour
    fill: str  # a cell's background when a finding of this kind names it
    rank: int  # higher wins when a cell has several findings


def _mark(word: str, symbol: str, rank: int) -> Mark:
    return Mark(word, symbol, *words.OUTCOME_COLOURS[word], rank)


PASSED = _mark(words.PASSED, "✓", 0)
NOT_APPLICABLE = _mark(words.NOT_APPLICABLE, "–", 0)
NOTE = _mark(words.HINT, "i", 1)
UNASSESSABLE = _mark(words.UNASSESSABLE, "?", 2)
WARNING = _mark(words.VERIFY, "!", 3)
ERROR = _mark(words.FAILED, "✗", 4)
CONFIRMED = _mark(words.CONFIRMED, "✓", 0)  # a warning the clerk has checked: no longer a problem
MARKS = {m.word: m for m in (PASSED, NOT_APPLICABLE, NOTE, UNASSESSABLE, WARNING, ERROR, CONFIRMED)}

VERDICT_COLOURS = words.VERDICT_COLOURS  # a verdict's level (or a file that could not be read) → (background, text)
VERDICT_SYMBOLS = {"error": "✗", "verify": "!", "ok": "✓", "unreadable": "?"}


def finding_mark(finding: Finding, confirmed: bool = False) -> Mark:
    """The mark of the word core says for the finding."""
    return MARKS[words.outcome_word(finding, confirmed)]


def cell_mark(findings: list[Finding]) -> Mark | None:
    """The strongest mark among the findings that name a cell; None when none is a problem."""
    marks = [finding_mark(f) for f in findings]
    strongest = max(marks, key=lambda m: m.rank, default=None)
    return strongest if strongest is not None and strongest.rank > 0 else None
