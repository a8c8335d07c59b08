"""The words and colours that mark a finding or a cell: one place, so the checklist,
the tables and the verdict always speak alike."""
from __future__ import annotations

from dataclasses import dataclass

from core.findings import Finding, Outcome, Severity
from core.model import Cell, Written
from core.text.normalize import clean_cell_text
from core.text.numbers import format_number


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

# How a cell that holds no proper number is shown in the table, and said in its tooltip.
WRITTEN_SHOWN = {Written.BLANK: "未填", Written.MISSING: "缺"}
WRITTEN_NOTES = {
    Written.BLANK: "这一格没有填写。",
    Written.MISSING: "报告中没有找到这一格（所在的行、列或项目缺失）。",
    Written.UNREADABLE: "这一格填写的不是数字。",
    Written.NONE_MARK: "这一格填写的是「{raw}」，按0计算。",
}


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


def numbers(finding: Finding) -> str:
    """「应为27，实为21」 for a finding that has both, else ''."""
    if finding.expected is None or finding.actual is None:
        return ""
    return f"应为{format_number(finding.expected)}，实为{format_number(finding.actual)}"


def cell_text(cell: Cell, corrected: bool = False) -> str:
    """What a table shows in a cell: the text as written, a clerk's number, or 未填 / 缺."""
    if corrected:
        return format_number(cell.value)
    if cell.written in WRITTEN_SHOWN:
        return WRITTEN_SHOWN[cell.written]
    return clean_cell_text(cell.raw or "")


def correction_note(read: Cell, now: Cell) -> str:
    """「原为 3，已改为 4」: a corrected cell says what was read there."""
    return f"原为 {cell_text(read)}，已改为 {format_number(now.value)}"


def written_note(cell: Cell) -> str:
    note = WRITTEN_NOTES.get(cell.written, "")
    return note.format(raw=(cell.raw or "").strip())
