"""The batch summary workbook (`check FOLDER --summary OUT.xlsx`).

Sheet 「汇总」: a row per file — file, body, year, format, verdict, errors, items to
verify, the first problems. Sheet 「问题清单」: every problem of every file, a row
each. Both have a frozen header and first column (the file) and an autofilter, so a reviewer can
sort by errors or filter by rule; each verdict and outcome is coloured as the window marks it
(`core.presentation`'s colours), and each sheet prints on A4 landscape, fitted to the page's width,
with its header row on every page. Files that could not be read are listed with their message.
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
from core.presentation import OUTCOME_COLOURS, VERDICT_COLOURS, outcome_word, problem_kind, worst_first
from core.rules.catalogue import CATALOGUE
from core.text.width import wrapped_lines

FIRST_PROBLEMS = 3  # problems named in the 汇总 row; the rest are in 问题清单

# Widths in characters (a Chinese character is two): long text wraps in its column, so that A4 landscape, fitted to
# the width, prints at 8 points or more (tests/test_batch.py prints it; at 226 and 298 characters it was 6 and 4.5).
SUMMARY_COLUMNS = (("文件", 30), ("机关", 20), ("年度", 6), ("表格格式", 10), ("结论", 16), ("错误", 6), ("需核实", 7), ("主要问题", 50))
FINDING_COLUMNS = (
    ("文件", 20),
    ("机关", 14),
    ("年度", 6),
    ("规则", 6),
    ("检查项", 18),
    ("类别", 6),
    ("结果", 8),
    ("说明", 36),
    ("涉及的格", 18),
    ("应为", 6),
    ("实为", 6),
)
WRAPPED_STYLE, TOP_STYLE = "换行", "顶端对齐"  # the cells' named styles: text read from the top, wrapped or not
WRAPPED = {"文件", "机关", "结论", "检查项", "主要问题", "说明", "涉及的格"}  # the columns whose text wraps
MARGIN_INCHES = 0.3  # left and right: the page's width for the columns
LINE_POINTS = 16  # a line of the sheet's text, in points (Calibri 11 and the CJK fallback: 15.5 measured in LibreOffice)
PLACES_PER_WIDTH = 1.0  # places of text a column holds per unit of its width (Chinese holds about 1.2: never a line cut off)


VERDICT_COLUMN, OUTCOME_COLUMN = "结论", "结果"  # the columns coloured as the window marks them


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
    from openpyxl.styles import Alignment, NamedStyle

    book = Workbook(write_only=True)  # streamed: thousands of rows in a fraction of the time
    book.add_named_style(NamedStyle(WRAPPED_STYLE, alignment=Alignment(wrap_text=True, vertical="top")))
    book.add_named_style(NamedStyle(TOP_STYLE, alignment=Alignment(vertical="top")))
    verdicts = [VERDICT_COLOURS[item.level] for item in items]
    _sheet(book.create_sheet("汇总"), SUMMARY_COLUMNS, [summary_rows(item) for item in items], WRAPPED, verdicts)
    rows = [row for item in items for row in finding_rows(item)]
    outcomes = [colours for item in items for colours in outcome_colours(item)]
    _sheet(book.create_sheet("问题清单"), FINDING_COLUMNS, rows, WRAPPED, outcomes)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def outcome_colours(item: Item) -> list[tuple[str, str]]:
    """The 结果 cell of each of the file's 问题清单 rows: (background, text), as the window marks that outcome."""
    if not item.readable:
        return [VERDICT_COLOURS["unreadable"]]
    return [(fill, colour) for colour, fill in (OUTCOME_COLOURS[outcome_word(f)] for f in worst_first(item.problems))]


def write_summary(target: str, items: Sequence[Item]) -> None:
    """Write the workbook to `target` at once; never over one of the reports it lists."""
    for item in items:
        if os.path.exists(target) and os.path.exists(item.path) and same_file(target, item.path):
            raise WriteError("would_overwrite_source", f"不能把汇总表保存为被检查的报告「{os.path.basename(target)}」。请换一个文件名。")
    atomic_write(target, workbook_bytes(items))


def _sheet(sheet, columns: Sequence[tuple[str, int]], rows: list[list[Any]], wrap: set[str], colours: list[tuple[str, str]]) -> None:
    """One sheet: its header row, then `rows`; the 结论 or 结果 cell of each row in its `colours` (background, text)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from core.export.xlsx import solid_fill

    for n, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "B2"  # the header row and the file's name stay as the reviewer scrolls
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    _print_layout(sheet)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    header = []
    for name, _ in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font, cell.fill = bold, fill
        header.append(cell)
    sheet.append(header)
    wrap_at = {n for n, (name, _) in enumerate(columns) if name in wrap}
    coloured = next(n for n, (name, _) in enumerate(columns) if name in (VERDICT_COLUMN, OUTCOME_COLUMN))
    for number, (row, (background, text)) in enumerate(zip(rows, colours), 2):
        lines = max((wrapped_lines(str(row[n]), int(columns[n][1] * PLACES_PER_WIDTH)) for n in wrap_at if row[n]), default=1)
        if lines > 1:  # as tall as its wrapped text: a spreadsheet program need not grow it (LibreOffice does not)
            sheet.row_dimensions[number].height = LINE_POINTS * lines + 3
        cells = []
        for n, value in enumerate(row):
            value = _cell(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text that starts with 「=」 stays text, never a formula
            # a tall row reads from its top, every cell; by name: setting an Alignment on each cell doubled the time
            cell.style = WRAPPED_STYLE if n in wrap_at else TOP_STYLE
            if n == coloured:
                cell.fill, cell.font = solid_fill(background), Font(bold=True, color="FF" + text.lstrip("#").upper())
            cells.append(cell)
        sheet.append(cells)


def _print_layout(sheet) -> None:
    """A4 landscape with narrow side margins, fitted to the page's width (as long as it takes), the header row on
    every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4 (Worksheet.PAPERSIZE_A4; a write-only sheet lacks the name)
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = MARGIN_INCHES
    sheet.print_title_rows = "1:1"


def _cell(value: Any) -> Any:
    """A value as a workbook cell takes it: text without the control characters Excel refuses."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)
