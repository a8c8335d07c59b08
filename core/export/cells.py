"""What every cell of the form holds in an exported workbook, and why it may differ from what was read.

A cell holds a number (the value as corrected), the text as written when it is not a number (so the
clerk sees it and nothing is invented), or nothing. Totals are live formulas taken from
`core.rules.balances.balances(layout)`, the one list of equations: a balance whose right side is a
single cell (a row's 总计, （七）总计, table 四's 总计) makes that cell the sum of its parts; a balance
with several cells on each side (一＋二＝（七）总计＋四) becomes a check cell. The results are computed
here the way a spreadsheet computes them, so the workbook carries them (a file opened without
recalculating, and our own reader, see the same numbers Excel shows).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeGuard

from core.formats.spec import Layout
from core.model import Cell, Number, Report, Written
from core.presentation import cell_text
from core.rules.balances import Balance, balances
from core.text.numbers import format_number

Content = Number | str | None  # a number, a text, or an empty cell

# What a total shows while a part is blank or not a number: empty, never a sum that counts it as 0.
NOT_YET = ""
# What a check cell shows.
AGREE, DISAGREE, PENDING = "相符", "不符", "待填写"


def is_number(content: Content) -> TypeGuard[Number]:
    return isinstance(content, (int, Decimal)) and not isinstance(content, bool)


def all_numbers(contents: list[Content]) -> list[Number] | None:
    """The contents, when every one is a number; else None."""
    numbers = [c for c in contents if is_number(c)]
    return numbers if len(numbers) == len(contents) else None


@dataclass(frozen=True)
class Change:
    """A cell whose exported content differs from what the report said."""

    cell: str
    read: str  # as written in the report
    exported: str  # as written in the workbook
    reason: str


def total_formulas(layout: Layout) -> dict[str, tuple[str, ...]]:
    """Each total cell → the cells it is the sum of."""
    totals: dict[str, tuple[str, ...]] = {}
    for balance in balances(layout):
        if len(balance.reported) == 1:
            totals.setdefault(balance.reported[0], balance.parts)
    return totals


def check_balances(layout: Layout) -> tuple[Balance, ...]:
    """The balances shown as check cells: both sides hold several cells, so neither is a total."""
    return tuple(b for b in balances(layout) if len(b.reported) > 1)


def with_results(layout: Layout, plain: dict[str, Content]) -> dict[str, Content]:
    """Every cell of the layout as a spreadsheet shows it: plain cells as given, totals as their formulas give."""
    totals = total_formulas(layout)
    shown: dict[str, Content] = {}

    def content(cid: str) -> Content:
        if cid not in shown:
            if cid in totals:
                parts = all_numbers([content(part) for part in totals[cid]])
                shown[cid] = sum(parts) if parts is not None else NOT_YET
            else:
                shown[cid] = plain.get(cid)
        return shown[cid]

    for cid in layout.cell_ids:
        content(cid)
    return shown


def check_result(balance: Balance, contents: dict[str, Content]) -> str:
    parts = all_numbers([contents.get(c) for c in balance.parts])
    reported = all_numbers([contents.get(c) for c in balance.reported])
    if parts is None or reported is None:
        return PENDING
    return AGREE if sum(parts) == sum(reported) else DISAGREE


def report_contents(report: Report) -> tuple[dict[str, Content], list[Change]]:
    """What the workbook holds for a report (corrections applied), and every cell that differs from the report."""
    layout = report.layout
    totals = total_formulas(layout)
    plain = {cid: _plain(report.cell(cid)) for cid in layout.cell_ids if cid not in totals}
    contents = with_results(layout, plain)
    changes = []
    for cid in layout.cell_ids:
        reason = _reason(report, cid, contents[cid], cid in totals)
        if reason:
            read = report.cells[cid]
            changes.append(Change(cid, _as_read(read), describe(contents[cid]), reason))
    return contents, changes


def blank_contents(layout: Layout) -> dict[str, Content]:
    return with_results(layout, {})


def describe(content: Content) -> str:
    """A cell's content in a sentence or a list: 「12」「空」「约5件」."""
    if content is None or content == NOT_YET:
        return "空"
    if is_number(content):
        return format_number(content)
    return str(content)


def _plain(cell: Cell) -> Content:
    if cell.written is Written.UNREADABLE:
        return cell_text(cell)  # as the window shows it: the text written, or 未识别 for a scan's unsure figure
    return cell.value


def _as_read(cell: Cell) -> str:
    if cell.written is Written.MISSING:
        return "表中没有"
    if cell.raw is None or not cell.raw.strip():
        return "空"
    return cell_text(cell)


def _reason(report: Report, cid: str, content: Content, is_total: bool) -> str | None:
    now = report.cell(cid)
    if is_total and content == NOT_YET and now.value is not None:
        return "合计改为公式：有格未填写或不是数字，合计暂为空"
    if is_total and is_number(content) and content != now.value:
        return "合计改为公式：按各项之和计算"
    if cid in report.corrections:
        return "人工更正"
    if now.written is Written.NONE_MARK:
        return f"「{(now.raw or '').strip()}」按0填写"
    if now.unit and now.written is Written.NUMBER:
        return f"去掉单位「{now.unit}」"
    return None
