"""The colours and symbols that mark a finding or a cell in the window: one place, so the checklist,
the tables and the verdict always look alike. The words are core's (`core.presentation`)."""
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


PASSED = Mark(words.PASSED, "✓", "#2e7d32", "#ffffff", 0)
NOT_APPLICABLE = Mark(words.NOT_APPLICABLE, "–", "#757575", "#ffffff", 0)
NOTE = Mark(words.HINT, "i", "#1565c0", "#e3f2fd", 1)
UNASSESSABLE = Mark(words.UNASSESSABLE, "?", "#5d6d7e", "#e3e8ee", 2)
WARNING = Mark(words.VERIFY, "!", "#b26a00", "#ffe0a3", 3)
ERROR = Mark(words.FAILED, "✗", "#c62828", "#f8c4c4", 4)
CONFIRMED = Mark(words.CONFIRMED, "✓", "#00695c", "#ffffff", 0)  # a warning the clerk has checked: no longer a problem
MARKS = {m.word: m for m in (PASSED, NOT_APPLICABLE, NOTE, UNASSESSABLE, WARNING, ERROR, CONFIRMED)}

VERDICT_COLOURS = {  # a verdict's level (or a file that could not be read) → (background, text)
    "error": ("#c62828", "#ffffff"),
    "verify": ("#f0a30a", "#2b1d00"),
    "ok": ("#2e7d32", "#ffffff"),
    "unreadable": ("#616161", "#ffffff"),
}
VERDICT_SYMBOLS = {"error": "✗", "verify": "!", "ok": "✓", "unreadable": "?"}


def finding_mark(finding: Finding, confirmed: bool = False) -> Mark:
    """The mark of the word core says for the finding."""
    return MARKS[words.outcome_word(finding, confirmed)]


def cell_mark(findings: list[Finding]) -> Mark | None:
    """The strongest mark among the findings that name a cell; None when none is a problem."""
    marks = [finding_mark(f) for f in findings]
    strongest = max(marks, key=lambda m: m.rank, default=None)
    return strongest if strongest is not None and strongest.rank > 0 else None
