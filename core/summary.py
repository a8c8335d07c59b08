"""The batch summary workbook (`check FOLDER --summary OUT.xlsx`).

Sheet 「汇总」: a row per file — file, body, year, format, verdict, errors, items to
verify, the first problems. Sheet 「问题清单」: every problem of every file, a row
each. Both have a frozen header and an autofilter, so a reviewer can sort by
errors or filter by rule. Files that could not be read are listed with their message.
"""
from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import Any

from core.batch import Item
from core.formats import FORMAT_NAMES, cell_name
from core.platform.fileio import WriteError, atomic_write, same_file
from core.platform.paths import shown
from core.presentation import outcome_word, problem_kind, worst_first
from core.rules.catalogue import CATALOGUE

FIRST_PROBLEMS = 3  # problems named in the 汇总 row; the rest are in 问题清单

SUMMARY_COLUMNS = (("文件", 48), ("机关", 30), ("年度", 8), ("表格格式", 12), ("结论", 22), ("错误", 8), ("需核实", 8), ("主要问题", 90))
FINDING_COLUMNS = (
    ("文件", 48),
    ("机关", 30),
    ("年度", 8),
    ("规则", 8),
    ("检查项", 36),
    ("类别", 8),
    ("结果", 10),
    ("说明", 90),
    ("涉及的格", 40),
    ("应为", 10),
    ("实为", 10),
)


def summary_rows(item: Item) -> list[Any]:
    """The 汇总 row of one file."""
    if not item.readable:
        return [shown(item.path), None, None, None, item.verdict_text, None, None, item.error_message]
    problems = worst_first(item.problems)
    first = [f"{n}. {f.message}" for n, f in enumerate(problems[:FIRST_PROBLEMS], 1)]
    if len(problems) > FIRST_PROBLEMS:
        first.append(f"……另有{len(problems) - FIRST_PROBLEMS}项，见“问题清单”")
    return [
        shown(item.path),
        item.agency,
        item.year,
        FORMAT_NAMES.get(item.layout.name, item.layout.name) if item.layout else None,
        item.verdict_text,
        item.errors,
        item.to_verify,
        "\n".join(first),
    ]


def finding_rows(item: Item) -> list[list[Any]]:
    """The 问题清单 rows of one file."""
    if not item.readable:
        return [[shown(item.path), None, None, "读取", "读取文件", "错误", "无法读取", item.error_message, None, None, None]]
    return [
        [
            shown(item.path),
            item.agency,
            item.year,
            f.rule,
            CATALOGUE[f.rule].title if f.rule in CATALOGUE else "",
            problem_kind(f),
            outcome_word(f),
            f.message,
            _cells(item.layout, f.cells),
            f.expected,
            f.actual,
        ]
        for f in worst_first(item.problems)
    ]


def _cells(layout, cells: tuple[str, ...], limit: int = 10) -> str:
    names = "、".join(cell_name(layout, c) for c in cells[:limit])
    return names + (f"等{len(cells)}格" if len(cells) > limit else "")


def workbook_bytes(items: Sequence[Item]) -> bytes:
    from openpyxl import Workbook  # only a batch with --summary needs it

    book = Workbook(write_only=True)  # streamed: thousands of rows in a fraction of the time
    _sheet(book.create_sheet("汇总"), SUMMARY_COLUMNS, [summary_rows(item) for item in items], wrap={"主要问题"})
    rows = [row for item in items for row in finding_rows(item)]
    _sheet(book.create_sheet("问题清单"), FINDING_COLUMNS, rows, wrap={"说明", "涉及的格"})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_summary(target: str, items: Sequence[Item]) -> None:
    """Write the workbook to `target` at once; never over one of the reports it lists."""
    for item in items:
        if os.path.exists(target) and os.path.exists(item.path) and same_file(target, item.path):
            raise WriteError("would_overwrite_source", f"不能把汇总表保存为被检查的报告「{os.path.basename(target)}」。请换一个文件名。")
    atomic_write(target, workbook_bytes(items))


def _sheet(sheet, columns: Sequence[tuple[str, int]], rows: list[list[Any]], wrap: set[str]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for n, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    bold, fill, wrapped = Font(bold=True), PatternFill("solid", fgColor="DDEBF7"), Alignment(wrap_text=True, vertical="top")
    header = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    wrap_at = {n for n, (name, _) in enumerate(columns) if name in wrap}
    for row in rows:
        cells = []
        for n, value in enumerate(row):
            value = _cell(value)
            if n in wrap_at or (isinstance(value, str) and value.startswith("=")):
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text that starts with 「=」 stays text, never a formula
                if n in wrap_at:
                    cell.alignment = wrapped
                value = cell
            cells.append(value)
        sheet.append(cells)


def _cell(value: Any) -> Any:
    """A value as a workbook cell takes it: text without the control characters Excel refuses."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)
