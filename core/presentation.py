"""How the program says what it read: one voice for the window, the command line, the batch and its
summary workbook, the printed check report and the exported workbook.

A cell is shown as the text written in it, a clerk's number, or 「未填」 / 「缺」; a corrected cell says
「原为 1，已改为 2」; a finding with numbers says 「应为27，实为21」.
"""
from __future__ import annotations

from core.findings import Finding
from core.model import Cell, Written
from core.text.normalize import clean_cell_text
from core.text.numbers import format_number

# How a cell that holds no proper number is shown in a table, and said in its explanation.
WRITTEN_SHOWN = {Written.BLANK: "未填", Written.MISSING: "缺"}
WRITTEN_NOTES = {
    Written.BLANK: "这一格没有填写。",
    Written.MISSING: "报告中没有找到这一格（所在的行、列或项目缺失）。",
    Written.UNREADABLE: "这一格填写的不是数字。",
    Written.NONE_MARK: "这一格填写的是「{raw}」，按0计算。",
}


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


def numbers(finding: Finding) -> str:
    """「应为27，实为21」 for a finding that has both, else ''."""
    if finding.expected is None or finding.actual is None:
        return ""
    return f"应为{format_number(finding.expected)}，实为{format_number(finding.actual)}"
