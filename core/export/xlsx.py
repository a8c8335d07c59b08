"""The corrected Excel workbook and the blank template, laid out as the official tables (openpyxl).

One sheet per table (表二, 表三, 表四) with the form's labels and merged header cells as on the form,
laid out from `core/formats/grid.form_grid` as the window's tables are, then 检查结果 (every finding; every cell whose exported content differs from the report) and 说明
(body, year, format, source, program version, time). Totals are live formulas (`cells.py` says which);
a check row under table 三 says per column whether 一＋二＝（七）总计＋四 and turns red when not.

Only plain features — merged cells, borders, SUM/IF/COUNT, a cell-value conditional format, print
titles — so that WPS shows the workbook as Excel does. The title and the section heading stand
alone above each table, separated by an empty row: that is how the reader (`core/readers/xlsx.py`)
tells prose from a table, so an exported workbook reads back to exactly the cells exported.
"""
from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from core.check import CheckResult
from core.export.cells import (
    AGREE,
    DISAGREE,
    PENDING,
    Change,
    Content,
    blank_contents,
    check_balances,
    check_result,
    is_number,
    report_contents,
    total_formulas,
)
from core.export.facts import PROGRAM, report_facts, report_title, when
from core.formats import FORMAT_DOCS, FORMAT_NAMES, FORMATS, cell_name, cell_names, required_format
from core.formats.grid import FormGrid, form_grid
from core.formats.sections import SECTIONS, TITLE_CORE
from core.formats.spec import Layout, TableSpec
from core.formats.workbook import ABOUT_SHEET, FINDINGS_SHEET, TABLE_SHEETS
from core.platform.fileio import atomic_write
from core.presentation import SEVERITY_NAMES, outcome_word
from core.readers.package import parse_part, part_bytes, replace_parts
from core.rules.catalogue import CATALOGUE

FONT_NAME = "宋体"  # the font of the official form; Excel and WPS on every Chinese Windows have it
TABLE_TOP = 4  # row 1 the title, row 2 the section heading, row 3 empty
# Column widths (Excel's units, about one digit each; a Chinese character takes about two):
# the label columns, then every value column.
WIDTHS = {"t2": ((24,), 16), "t3": ((6, 10, 30), 9), "t4": ((), 10)}
LANDSCAPE = {"t4"}

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_RED_FILL = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
_RED_FONT = Font(name=FONT_NAME, color="9C0006", bold=True)
_HEAD_FILL = PatternFill(start_color="F2F2F2", end_color="F2F2F2", fill_type="solid")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MAX_TEXT = 32_000  # Excel holds at most 32767 characters in a cell


# --- the public entry points ------------------------------------------------------------


def report_workbook(result: CheckResult, now: datetime | None = None) -> bytes:
    """The workbook for a checked report: its tables as corrected, the findings, the facts."""
    report = result.report
    contents, changes = report_contents(report)
    title = report_title(report)
    book = _Book(title)
    for spec in report.layout.tables:
        _table_sheet(book, report.layout, spec, contents, title)
    _findings_sheet(book, result, changes, title)
    _about_sheet(book, _report_facts(result, now or datetime.now()))
    return book.save()


def template_workbook(year: int, now: datetime | None = None) -> bytes:
    """The blank template of the format `year` requires: the same sheets, every value cell empty."""
    fmt = required_format(year)
    if fmt is None or year < 2019:
        raise ValueError(f"no official format for {year}")
    layout = FORMATS[fmt]
    title = f"{year}年{TITLE_CORE}"
    book = _Book(title)
    contents = blank_contents(layout)
    for spec in layout.tables:
        _table_sheet(book, layout, spec, contents, title)
    _about_sheet(book, _template_facts(year, fmt, now or datetime.now()))
    return book.save()


def export_xlsx(result: CheckResult, target: str, now: datetime | None = None) -> None:
    """Write the report's workbook to `target` (never over the file the report was read from)."""
    atomic_write(target, report_workbook(result, now), source=result.report.source)


def export_template(year: int, target: str, now: datetime | None = None) -> None:
    atomic_write(target, template_workbook(year, now))


# --- the workbook and its formulas' results ----------------------------------------------


@dataclass
class _Book:
    title: str
    wb: Workbook = field(default_factory=Workbook)
    results: dict[str, dict[str, Content]] = field(default_factory=dict)  # sheet title → coordinate → result

    def __post_init__(self) -> None:
        sheet = self.wb.active  # a new workbook's one empty sheet: the sheets are added as laid out
        if sheet is not None:
            self.wb.remove(sheet)
        self.wb.properties.creator = PROGRAM
        self.wb.properties.title = self.title

    def formula(self, ws: Worksheet, coordinate: str, formula: str, result: Content) -> None:
        ws[coordinate] = "=" + formula
        self.results.setdefault(ws.title, {})[coordinate] = result

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.wb.save(buffer)
        # openpyxl numbers the sheets' parts as it saves: ask for each part's name afterwards.
        parts = {ws.path.lstrip("/"): self.results[ws.title] for ws in self.wb.worksheets if ws.title in self.results}
        return _with_results(buffer.getvalue(), parts)


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _with_results(package: bytes, results: dict[str, dict[str, Content]]) -> bytes:
    # results: the sheet's part in the package ('xl/worksheets/sheet2.xml') → coordinate → result
    """Put each formula's result in the file beside it, as Excel does when it saves.

    openpyxl writes formulas without results. Excel and WPS recalculate on opening anyway
    (the workbook asks for it), but a program that only reads values — our own reader, a
    previewer, a phone — would see empty totals.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {name: _fill_results(source.read(name), sheet) for name, sheet in results.items()}
    return replace_parts(package, parts)


def _fill_results(sheet_xml: bytes, results: dict[str, Content]) -> bytes:
    root = parse_part(sheet_xml)
    for cell in root.iter(f"{{{_MAIN_NS}}}c"):
        result = results.get(cell.get("r", ""))
        if result is None or cell.find(f"{{{_MAIN_NS}}}f") is None:
            continue
        value = cell.find(f"{{{_MAIN_NS}}}v")
        if value is None:
            value = etree.SubElement(cell, f"{{{_MAIN_NS}}}v")
        if is_number(result):
            cell.attrib.pop("t", None)
            value.text = _number_text(result)
        else:
            cell.set("t", "str")
            value.text = str(result)
    return part_bytes(root)


def _number_text(value) -> str:
    return str(value) if isinstance(value, int) else format(value.normalize(), "f")


# --- writing cells -----------------------------------------------------------------------


def _font(size: int = 11, bold: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold)


def put_text(cell: Cell, text: str) -> None:
    """Text from a report goes in as text, whatever it starts with: never a formula (formula injection)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:_MAX_TEXT]
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # Excel and WPS keep it text even when someone edits the cell


def _put(cell: Cell, content: Content) -> None:
    if is_number(content):
        cell.value = content
    elif content:
        put_text(cell, str(content))


def _text_width(text: str) -> float:
    """Width in Excel's units: a Chinese character is about two digits wide."""
    return sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in text)


def _fit_height(ws: Worksheet, row: int, text: str, width: float, size: int = 11) -> None:
    """Make the row tall enough for `text` wrapped in `width` (Excel does not do it for merged cells)."""
    lines = max(1, math.ceil(_text_width(text) / max(width - 1.5, 1)) + text.count("\n"))
    height = max(20.0, lines * size * 1.35 + 6)
    current = ws.row_dimensions[row].height or 0
    if height > current:
        ws.row_dimensions[row].height = height


def _width(ws: Worksheet, first_col: int, last_col: int) -> float:
    return sum(ws.column_dimensions[get_column_letter(c)].width or 9 for c in range(first_col, last_col + 1))


def _label(
    ws: Worksheet,
    row: int,
    col: int,
    text: str | int,
    *,
    to_row: int | None = None,
    to_col: int | None = None,
    center: bool = False,
    bold: bool = False,
    size: int = 11,
) -> None:
    """A label (or any text): written, wrapped, merged over its range, its row made tall enough."""
    to_row, to_col = to_row or row, to_col or col
    cell = ws.cell(row=row, column=col)
    assert isinstance(cell, Cell)  # a label's own place, never one a merge covers
    if isinstance(text, int):
        cell.value = text
    else:
        put_text(cell, text)
    cell.font = _font(size, bold)
    cell.alignment = Alignment(horizontal="center" if center else "left", vertical="center", wrap_text=True)
    if (to_row, to_col) != (row, col):
        ws.merge_cells(start_row=row, start_column=col, end_row=to_row, end_column=to_col)
    if to_row == row:
        _fit_height(ws, row, str(text), _width(ws, col, to_col), size)


def _borders(ws: Worksheet, top: int, bottom: int, left: int, right: int) -> None:
    for cells in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in cells:
            cell.border = _BORDER


def _refs(coordinates: list[str]) -> str:
    """'D8','D9',…,'D29' → 'D8:D29': runs along a column or a row become ranges."""
    runs: list[list[tuple[str, int, int]]] = []
    for coordinate in coordinates:
        letter, row = coordinate_from_string(coordinate)
        col = column_index_from_string(letter)
        if runs:
            first, last = runs[-1][0], runs[-1][-1]
            down = col == last[1] == first[1] and row == last[2] + 1
            across = row == last[2] == first[2] and col == last[1] + 1
            if down or across:
                runs[-1].append((coordinate, col, row))
                continue
        runs.append([(coordinate, col, row)])
    return ",".join(run[0][0] if len(run) == 1 else f"{run[0][0]}:{run[-1][0]}" for run in runs)


def sum_formula(parts: list[str]) -> str:
    """The sum of the parts, empty until every part is a number (a blank never counts as 0)."""
    refs = _refs(parts)
    return f'IF(COUNT({refs})={len(parts)},SUM({refs}),"")'


def check_formula(left: list[str], right: list[str]) -> str:
    both = _refs(left + right)
    return (
        f'IF(COUNT({both})={len(left) + len(right)},'
        f'IF(SUM({_refs(left)})=SUM({_refs(right)}),"{AGREE}","{DISAGREE}"),"{PENDING}")'
    )


# --- the table sheets --------------------------------------------------------------------


@dataclass
class _Grid:
    coords: dict[str, str]  # cell id → the coordinate of its (anchor) cell
    width: int  # columns used
    header_bottom: int  # last row to repeat on every printed page
    bottom: int  # last row of the table


def _table_sheet(book: _Book, layout: Layout, spec: TableSpec, contents: dict[str, Content], title: str) -> None:
    ws = book.wb.create_sheet(TABLE_SHEETS[spec.id])
    form = form_grid(spec)
    labels, value_width = WIDTHS[spec.id]
    for n in range(1, form.cols + 1):
        ws.column_dimensions[get_column_letter(n)].width = labels[n - 1] if n <= len(labels) else value_width
    grid = _draw(ws, form)
    heading = next(s.official for s in SECTIONS if s.table == spec.id)
    _heading_rows(ws, title, heading, grid.width)
    totals = total_formulas(layout)
    for cid, coordinate in grid.coords.items():
        cell = ws[coordinate]
        if cid in totals:
            parts = [grid.coords[p] for p in totals[cid]]
            book.formula(ws, coordinate, sum_formula(parts), contents[cid])
        else:
            _put(cell, contents.get(cid))
        cell.font = _font()
        cell.alignment = Alignment(horizontal="center", vertical="center")
    _borders(ws, TABLE_TOP, grid.bottom, 1, grid.width)
    last = grid.bottom
    checks = [b for b in check_balances(layout) if b.cells[0] in grid.coords]
    if checks:
        last = _check_row(book, ws, grid, checks, contents, len(labels))
    _print_setup(ws, grid.header_bottom, last, grid.width, landscape=spec.id in LANDSCAPE)


def _heading_rows(ws: Worksheet, title: str, heading: str, width: int) -> None:
    _label(ws, 1, 1, title, to_col=width, center=True, bold=True, size=16)
    _label(ws, 2, 1, heading, to_col=width, bold=True, size=12)
    ws.row_dimensions[3].height = 8


def _draw(ws: Worksheet, form: FormGrid) -> _Grid:
    """The form as the window draws it (core/formats/grid.py), from row TABLE_TOP: every label written and
    merged over its span, every value place merged over its span; a block's title on a grey fill."""
    coords: dict[str, str] = {}
    for spot in form.spots:
        row, col = TABLE_TOP + spot.row, 1 + spot.col
        to_row, to_col = row + spot.rowspan - 1, col + spot.colspan - 1
        if spot.cell is None:
            _label(ws, row, col, spot.text, to_row=to_row, to_col=to_col, center=spot.centred, bold=spot.role == "title")
            if spot.role == "title":
                ws.cell(row=row, column=col).fill = _HEAD_FILL
            continue
        if (to_row, to_col) != (row, col):
            ws.merge_cells(start_row=row, start_column=col, end_row=to_row, end_column=to_col)
        coords[spot.cell] = f"{get_column_letter(col)}{row}"
    return _Grid(coords, form.cols, header_bottom=_repeated_rows(form), bottom=TABLE_TOP + form.rows - 1)


def _repeated_rows(form: FormGrid) -> int:
    """The last row printed again on every page: the header's, when one header stands above all the values;
    only the title and heading where each block has its own (表二)."""
    first_value = min(s.row for s in form.spots if s.cell)
    if any(s.role in ("title", "header") and s.row > first_value for s in form.spots):
        return 2
    return TABLE_TOP + first_value - 1


def _check_row(book: _Book, ws: Worksheet, grid: _Grid, checks, contents: dict[str, Content], label_cols: int) -> int:
    """Under table 三: per column whether 一＋二＝（七）总计＋四, red when not."""
    row = grid.bottom + 2
    _label(ws, row, 1, CATALOGUE[checks[0].rule].title, to_col=max(label_cols, 1))
    cols = []
    for balance in checks:
        letter = coordinate_from_string(grid.coords[balance.reported[0]])[0]
        coordinate = f"{letter}{row}"
        formula = check_formula([grid.coords[c] for c in balance.parts], [grid.coords[c] for c in balance.reported])
        book.formula(ws, coordinate, formula, check_result(balance, contents))
        ws[coordinate].font = _font(bold=True)
        ws[coordinate].alignment = Alignment(horizontal="center", vertical="center")
        cols.append(letter)
    span = f"{cols[0]}{row}:{cols[-1]}{row}"
    ws.conditional_formatting.add(
        span, CellIsRule(operator="equal", formula=[f'"{DISAGREE}"'], fill=_RED_FILL, font=_RED_FONT)
    )
    _borders(ws, row, row, 1, grid.width)
    return row


def _print_setup(ws: Worksheet, title_rows: int, last_row: int, width: int, landscape: bool = False) -> None:
    """A4, as wide as the page, the title (and header) rows repeated on every page, page numbers."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    fit = ws.sheet_properties.pageSetUpPr
    assert fit is not None  # openpyxl gives every sheet its page set-up properties
    fit.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_title_rows = f"1:{title_rows}"
    ws.print_area = f"A1:{get_column_letter(width)}{last_row}"
    footer = ws.oddFooter
    assert footer is not None  # openpyxl gives every sheet its footers
    footer.center.text = "第 &P 页，共 &N 页"


# --- 检查结果 and 说明 ------------------------------------------------------------------

_FINDING_COLUMNS = (("序号", 6), ("规则", 8), ("检查项目", 26), ("严重程度", 9), ("结果", 11), ("涉及的格", 28), ("说明", 60))
# The list of changed cells shares those columns: 格 over B:C, 原因 over F:G.
_CHANGE_COLUMNS = (("序号", 1, 1), ("格", 2, 3), ("原值", 4, 4), ("导出值", 5, 5), ("原因", 6, 7))


def _findings_sheet(book: _Book, result: CheckResult, changes: list[Change], title: str) -> None:
    ws = book.wb.create_sheet(FINDINGS_SHEET)
    width = len(_FINDING_COLUMNS)
    for n, (_, column_width) in enumerate(_FINDING_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(n)].width = column_width
    _label(ws, 1, 1, f"检查结果：{title}", to_col=width, bold=True, size=14)
    _label(ws, 2, 1, f"结论：{result.verdict.text}", to_col=width, bold=True)
    header = 4
    for n, (name, _) in enumerate(_FINDING_COLUMNS, 1):
        _label(ws, header, n, name, center=True, bold=True)
        ws.cell(row=header, column=n).fill = _HEAD_FILL
    layout = result.report.layout
    row = header
    for number, finding in enumerate(result.findings, 1):
        row += 1
        outcome = outcome_word(finding, finding.key in result.confirmed)
        values: tuple[str | int, ...] = (
            number,
            finding.rule,
            CATALOGUE[finding.rule].title if finding.rule in CATALOGUE else "",
            SEVERITY_NAMES[finding.severity],
            outcome,
            cell_names(layout, finding.cells),
            finding.message,
        )
        for n, value in enumerate(values, 1):
            _label(ws, row, n, value, center=n in (1, 2, 4, 5))
        if finding.is_error:
            ws.cell(row=row, column=5).fill = _RED_FILL
    _borders(ws, header, row, 1, width)
    row += 2
    _label(ws, row, 1, f"导出时改动的格（共{len(changes)}格）", to_col=width, bold=True, size=12)
    if not changes:
        _label(ws, row + 1, 1, "没有：导出的每一格都与报告相同。", to_col=width)
        last = row + 1
    else:
        row += 1
        top = row
        for name, first, end in _CHANGE_COLUMNS:
            _label(ws, row, first, name, to_col=end, center=True, bold=True)
            ws.cell(row=row, column=first).fill = _HEAD_FILL
        for number, change in enumerate(changes, 1):
            row += 1
            shown: tuple[str | int, ...] = (number, cell_name(layout, change.cell), change.read, change.exported, change.reason)
            for value, (_, first, end) in zip(shown, _CHANGE_COLUMNS):
                _label(ws, row, first, value, to_col=end, center=first == 1)
        _borders(ws, top, row, 1, width)
        last = row
    _print_setup(ws, header, last, width, landscape=True)


def _report_facts(result: CheckResult, now: datetime) -> list[tuple[str, str]]:
    return report_facts(result, now) + [
        (
            "使用说明",
            "表格中的数字已按人工更正导出；各“总计”是公式，修改数字后自动重算，有格未填写时总计暂为空。"
            "表三下方一行按列核对“第一项＋第二项＝第三项（七）总计＋第四项”，不符时显示为红色。"
            "“检查结果”工作表列出全部检查发现和导出时改动的格。请勿修改表格的行列标题：本程序按标题读取此工作簿。",
        ),
    ]


def _template_facts(year: int, fmt: str, now: datetime) -> list[tuple[str, str]]:
    return [
        ("年度", f"{year}年"),
        ("表格格式", f"{FORMAT_NAMES[fmt]}（{FORMAT_DOCS[fmt]}）"),
        ("程序版本", PROGRAM),
        ("生成时间", when(now)),
        (
            "使用说明",
            "在各表的空白格中填写数字，没有的填0，不要填“/”或“无”，也不要在数字后写单位。"
            "各“总计”是公式，所在行或列填齐后自动算出；表三下方一行按列核对“第一项＋第二项＝第三项（七）总计＋第四项”，不符时显示为红色。"
            "请勿修改表格的行列标题：本程序按标题读取此工作簿。",
        ),
    ]


def _about_sheet(book: _Book, facts: list[tuple[str, str]]) -> None:
    ws = book.wb.create_sheet(ABOUT_SHEET)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 80
    _label(ws, 1, 1, f"说明：{book.title}", to_col=2, bold=True, size=14)
    for row, (name, value) in enumerate(facts, 3):
        _label(ws, row, 1, name, bold=True)
        _label(ws, row, 2, value)
    last = 2 + len(facts)
    _borders(ws, 3, last, 1, 2)
    _print_setup(ws, 1, last, 2)
