"""The colours and symbols that mark a finding or a cell in the window: one place, so the checklist,
the tables and the verdict always look alike. The words are core's (`core.presentation`)."""
from __future__ import annotations

from dataclasses import dataclass

from core.findings import Finding, Outcome, Severity


@dataclass(frozen=True)
class Mark:
    word: str  # what the checklist says: 通过 / 未通过 / 需核实 / 无法判断
    symbol: str  # drawn in the mark's round icon
    colour: str  # the word's and the icon's colour
    fill: str  # a cell's background when a finding of this kind names it
    rank: int  # higher wins when a cell has several findings


PASSED = Mark("通过", "✓", "#2e7d32", "#ffffff", 0)
NOT_APPLICABLE = Mark("不适用", "–", "#757575", "#ffffff", 0)
NOTE = Mark("提示", "i", "#1565c0", "#e3f2fd", 1)
UNASSESSABLE = Mark("无法判断", "?", "#5d6d7e", "#e3e8ee", 2)
WARNING = Mark("需核实", "!", "#b26a00", "#ffe0a3", 3)
ERROR = Mark("未通过", "✗", "#c62828", "#f8c4c4", 4)
CONFIRMED = Mark("已核实", "✓", "#00695c", "#ffffff", 0)  # a warning the clerk has checked: no longer a problem

VERDICT_COLOURS = {  # a verdict's level (or a file that could not be read) → (background, text)
    "error": ("#c62828", "#ffffff"),
    "verify": ("#f0a30a", "#2b1d00"),
    "ok": ("#2e7d32", "#ffffff"),
    "unreadable": ("#616161", "#ffffff"),
}
VERDICT_SYMBOLS = {"error": "✗", "verify": "!", "ok": "✓", "unreadable": "?"}


def finding_mark(finding: Finding, confirmed: bool = False) -> Mark:
    if confirmed and finding.is_problem:
        return CONFIRMED
    if finding.outcome is Outcome.PASSED:
        return PASSED
    if finding.outcome is Outcome.NOT_APPLICABLE:
        return NOT_APPLICABLE
    if finding.outcome is Outcome.NOT_ASSESSABLE:
        return UNASSESSABLE
    return {Severity.ERROR: ERROR, Severity.WARNING: WARNING, Severity.INFO: NOTE}[finding.severity]


def cell_mark(findings: list[Finding]) -> Mark | None:
    """The strongest mark among the findings that name a cell; None when none is a problem."""
    marks = [finding_mark(f) for f in findings]
    strongest = max(marks, key=lambda m: m.rank, default=None)
    return strongest if strongest is not None and strongest.rank > 0 else None
