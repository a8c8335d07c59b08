"""Reading Excel workbooks (.xlsx): every visible sheet, in order, as paragraphs and grids.

A sheet is split at its empty rows (no text, no border: a gap, not a table row left blank). A run
of rows that each hold at most one piece of text is prose — the title, a heading, a note — a
paragraph a row; any other run is a table: a `Grid` with the sheet's real columns, a merged range
given once with its span and as `covered` places in the rows below its first. Values are read as
Excel last calculated them (`data_only`); a formula whose result was never saved is read as its
formula and a note, so it is reported as unreadable, never taken as 0.

The sheets this program writes for people (检查结果, 说明) are skipped: what it exported reads back
to exactly the cells it exported. Hidden rows and columns are not read either: clerks hide last year's
figures (a 「上年同期」 column, last year's rows) rather than delete them, and they are not this year's data.
"""
from __future__ import annotations

import io
import math
import posixpath
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from lxml import etree
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.document import Document, Grid, GridCell, Para
from core.formats.workbook import NOTE_SHEETS
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import (
    MAX_WORKBOOK_TEXT,
    check_cells,
    check_merged,
    check_sheet_ranges,
    open_package,
    require_defusedxml_for_openpyxl,
    too_much_text,
    xml_parser,
)
from core.readers.package import replace_parts

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .xlsx, or an old .xls, is an OLE container
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
NO_RESULT = "（公式没有保存计算结果：请用Excel或WPS打开此文件并保存后再检查）"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SAFE = xml_parser()
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")  # a worksheet's <c> (cell) element, with or without a prefix

_CORRUPT = "这个文件不是有效的Excel工作簿（.xlsx），可能已损坏，或只是改了扩展名。请用Excel或WPS打开它，“另存为”Excel工作簿（.xlsx）后再检查。"


def read(path: str, data: bytes, fingerprint: str) -> Document:
    _refuse_ole(data)
    require_defusedxml_for_openpyxl()
    try:
        archive = open_package(data)
        without_results = _formulas_without_results(archive)
    except (zipfile.BadZipFile, etree.XMLSyntaxError):
        raise ReadError("corrupt", _CORRUPT) from None
    workbook = _load(_clip_merged_ranges(archive, data))
    pictures = sum(1 for name in archive.namelist() if name.startswith("xl/media/"))
    document = Document(path, "xlsx", fingerprint, pictures=pictures)
    sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible" and ws.title not in NOTE_SHEETS]
    check_sheet_ranges([(ws.title, ws.max_row, ws.max_column) for ws in sheets])
    shown = [0]
    for ws in sheets:
        _read_sheet(ws, without_results.get(ws.title, {}), document, shown)
    return document


def _refuse_ole(data: bytes) -> None:
    if not data.startswith(OLE_MAGIC):
        return
    if ENCRYPTED_MARK in data:
        raise ReadError(
            "encrypted",
            "这个Excel文件设置了打开密码，本程序无法读取。请在Excel或WPS中打开它，取消密码"
            "（Excel：文件→信息→保护工作簿→用密码进行加密，清空密码；WPS：文件→文档加密），保存后再检查。",
        )
    raise ReadError(
        "unsupported_format",
        "这个文件其实是旧版Excel 97-2003工作簿（.xls），只是扩展名为.xlsx。请在Excel或WPS中打开它，“另存为”Excel工作簿（.xlsx）后再检查。",
    )


def _load(data: bytes):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it does not read (data validation …)
            return load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:
        # openpyxl trusts the package: a damaged one fails in many ways (a missing part, a part that is
        # not XML or of the wrong kind: KeyError, OSError, IndexError …); entities defusedxml refuses.
        raise ReadError("corrupt", _CORRUPT) from error


# --- formulas saved without their result ---------------------------------------------------


def _formulas_without_results(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet title → (row, col) → formula, for formula cells that carry no result; the workbook's cells counted.

    openpyxl's `data_only` gives None for those as for an empty cell; the file itself tells them
    apart: a `<c>` with an `<f>` and no `<v>` (an empty `<v>` with t="str" is an empty text result).
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    cells = 0
    for title, part in _sheet_parts(archive).items():
        try:
            xml = archive.read(part)
        except KeyError:
            continue
        cells += len(_CELL.findall(xml))
        check_cells(cells)  # before openpyxl makes an object of every cell
        if b"<f" not in xml and b":f" not in xml:
            continue  # no formula at all: most sheets
        root = etree.fromstring(xml, _SAFE)
        for cell in root.iterfind(f".//{{{_MAIN}}}c"):
            formula = cell.find(f"{{{_MAIN}}}f")
            if formula is None:
                continue
            value = cell.find(f"{{{_MAIN}}}v")
            if value is None or (not value.text and cell.get("t") != "str"):
                found.setdefault(title, {})[coordinate_to_tuple(cell.get("r", "A1"))] = formula.text or ""
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the sheet's part in the package ('xl/worksheets/sheet1.xml')."""
    try:
        workbook = etree.fromstring(archive.read("xl/workbook.xml"), _SAFE)
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), _SAFE)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iterfind(f"{{{_PKG_REL}}}Relationship")}
    parts = {}
    for sheet in workbook.iterfind(f".//{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name", "")] = part
    return parts


# --- merged ranges, before openpyxl makes a cell of every place they cover --------------------------

_MERGE_REF = re.compile(rb'(<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=")([A-Za-z]{1,3}\d{1,7})(?::([A-Za-z]{1,3}\d{1,7}))?(")')
_CELL_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br="([A-Za-z]{1,3}\d{1,7})"')


def _clip_merged_ranges(archive: zipfile.ZipFile, data: bytes) -> bytes:
    """The package with every merged range cut to the cells its sheet has (a range past them merges nothing).

    openpyxl makes an object of every place a merged range covers: one range of K1:XFD1048576, in a
    workbook of 11 KB, would be 17 billion. The places left are counted against MAX_SHEET_CELLS.
    """
    changed: dict[str, bytes] = {}
    for title, part in _sheet_parts(archive).items():
        try:
            xml = archive.read(part)
        except KeyError:
            continue
        if b"mergeCell" not in xml:
            continue
        refs = [coordinate_to_tuple(m.group(1).decode()) for m in _CELL_REF.finditer(xml)]
        last = (max((r for r, _ in refs), default=0), max((c for _, c in refs), default=0))
        places = 0

        def clip(match: re.Match) -> bytes:
            nonlocal places
            first = coordinate_to_tuple(match.group(2).decode())
            end = coordinate_to_tuple(match.group(3).decode()) if match.group(3) else first
            bottom, right = min(end[0], last[0]), min(end[1], last[1])  # noqa: B023 -- sub() below calls it now
            if bottom < first[0] or right < first[1]:  # wholly past the sheet's cells: merges nothing
                bottom, right = first
            places += (bottom - first[0] + 1) * (right - first[1] + 1)
            return match.group(1) + f"{match.group(2).decode()}:{get_column_letter(right)}{bottom}".encode() + match.group(4)

        clipped = _MERGE_REF.sub(clip, xml)
        check_merged(title, places)
        if clipped != xml:
            changed[part] = clipped
    return replace_parts(data, changed) if changed else data


# --- a sheet: runs of rows, prose or grid ------------------------------------------------------


@dataclass
class _Place:
    col: int  # 1-based sheet column
    text: str
    span: int = 1  # columns a merged cell covers
    covered: bool = False  # a place under the first row of a merged range
    marked: bool = False  # holds text, a border or a merge: part of what the sheet shows


def _read_sheet(ws: Worksheet, without_results: dict[tuple[int, int], str], document: Document, text: list[int]) -> None:
    """`text`: the characters the workbook's cells showed so far (one shared string may be shown by many cells)."""
    run: list[tuple[int, list[_Place]]] = []
    for row_number, places in _rows(ws, without_results, text):
        if any(p.marked for p in places):
            run.append((row_number, places))
        elif run:
            _add_run(ws.title, run, document)
            run = []
    if run:
        _add_run(ws.title, run, document)


def _rows(ws: Worksheet, without_results: dict[tuple[int, int], str], shown: list[int]):
    anchors: dict[tuple[int, int], int] = {}  # first cell of a merged range → its span
    covered: dict[tuple[int, int], int] = {}  # first column of a merged range, in its later rows
    hidden: set[tuple[int, int]] = set()  # the rest of a merged range
    for merged in ws.merged_cells.ranges:
        span = merged.max_col - merged.min_col + 1
        anchors[(merged.min_row, merged.min_col)] = span
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if row > merged.min_row and col == merged.min_col:
                    covered[(row, col)] = span
                elif (row, col) != (merged.min_row, merged.min_col):
                    hidden.add((row, col))
    hidden_rows, hidden_columns = _hidden_rows_and_columns(ws)
    for cells in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        places = []
        row_number = cells[0].row if cells else 0
        if row_number in hidden_rows:
            continue  # not shown: as if it were not there (not even a gap between two tables)
        for cell in cells:
            assert cell.row is not None and cell.column is not None  # iter_rows places each cell, a merged one too
            key = (cell.row, cell.column)
            if key in hidden or cell.column in hidden_columns:
                continue
            if key in covered:
                places.append(_Place(cell.column, "", covered[key], covered=True, marked=True))
                continue
            text = _formula_note(without_results[key]) if key in without_results else cell_text(cell.value)
            shown[0] += len(text)
            if shown[0] > MAX_WORKBOOK_TEXT:  # before the text is looked at: 90 000 cells may show one string of 12 MB
                raise too_much_text(ws.title)
            marked = bool(text.strip()) or key in anchors or _bordered(cell)
            places.append(_Place(cell.column, text, anchors.get(key, 1), marked=marked))
        yield row_number, places


def _hidden_rows_and_columns(ws: Worksheet) -> tuple[set[int], set[int]]:
    """The sheet's hidden rows and columns (1-based): a column's dimension may stand for a range of them."""
    rows = {n for n, dimension in ws.row_dimensions.items() if dimension.hidden}
    # Ranges may overlap (16 384 of them, each to the last column, are 134 million places): each range adds 1
    # where it starts and takes it away after its end, so one pass over the columns says which are hidden.
    edges = [0] * (ws.max_column + 2)
    for dimension in ws.column_dimensions.values():
        if dimension.hidden and dimension.min is not None and 1 <= dimension.min <= ws.max_column:
            last = min(dimension.max or dimension.min, ws.max_column)  # a range may run to the sheet's last column
            edges[dimension.min] += 1
            edges[max(last, dimension.min) + 1] -= 1
    columns, depth = set(), 0
    for column in range(1, ws.max_column + 1):
        depth += edges[column]
        if depth > 0:
            columns.add(column)
    return rows, columns


def _bordered(cell: Cell | MergedCell) -> bool:
    if not cell.has_style:
        return False
    border = cell.border
    return any(side is not None and side.style for side in (border.left, border.right, border.top, border.bottom))


def _formula_note(formula: str) -> str:
    return (f"={formula}" if formula else "") + NO_RESULT


def cell_text(value: object) -> str:
    """A cell's value as the text it shows: numbers to Excel's 15 significant digits, never via arithmetic."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        text = format(value, ".15g")  # Excel keeps 15 digits: 0.30000000000000004 is 0.3
        return format(Decimal(text), "f") if "e" in text else text
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _add_run(sheet: str, run: list[tuple[int, list[_Place]]], document: Document) -> None:
    path = document.source
    if all(sum(1 for p in places if p.text.strip()) <= 1 and not any(p.covered for p in places) for _, places in run):
        for row_number, places in run:
            for place in places:
                if place.text.strip():
                    loc = Location(path, "xlsx", sheet=sheet, row=row_number - 1, col=place.col - 1)
                    document.blocks.append(Para(place.text.strip(), loc))
        return
    marked = [p for _, places in run for p in places if p.marked]
    first = min(p.col for p in marked)
    last = max(p.col + p.span - 1 for p in marked)
    table = len(document.grids)
    rows = []
    for row_number, places in run:
        rows.append(
            [
                GridCell(
                    p.text,
                    Location(path, "xlsx", sheet=sheet, table=table, row=row_number - 1, col=p.col - 1),
                    col=p.col - 1,
                    span=p.span,
                    covered=p.covered,
                )
                for p in places
                if first <= p.col <= last
            ]
        )
    document.blocks.append(Grid(rows, rows[0][0].loc if rows[0] else Location(path, "xlsx", sheet=sheet), has_grid=True))
