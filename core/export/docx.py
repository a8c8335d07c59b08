"""The corrected Word report: a copy of the original .docx with only the corrected cells' text changed.

A clerk corrects cells in the window (`Report.corrections`); each cell's `Location` names the
w:tc of the original it was read from, counted as the reader counts (`cell_places`). Only the
main document part is parsed and written again, and in it only those cells' text; every other
entry of the package is copied as it was (`package.replace_parts`), so fonts, sizes, alignment,
styles, headers and pictures stay as the clerk made them. python-docx's save would write every
part anew. With nothing to change, the copy is the original file byte for byte.

A corrected value goes into the cell's first run of text, keeping its run properties (font,
size); the cell's other runs lose their text. A cell with no run of text (a blank cell) gets a
new run formatted like the nearest value cell of its row that has text, else like its paragraph
mark. A cell the original lacks (its row or column was not found, `Written.MISSING`) has no
place to be written: the returned `DocxExport` lists it as not written.
"""
from __future__ import annotations

import copy
import hashlib
import io
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from core.formats import cell_names
from core.model import Location, Report
from core.platform.fileio import WriteError, atomic_write
from core.platform.paths import shown
from core.readers import read_bytes
from core.readers.docx import TEXT_TAGS, P, R, T, cell_paragraphs, cell_places, fallback_twin, shown_runs
from core.readers.errors import ReadError
from core.readers.package import parse_part, part_bytes, replace_parts
from core.text.numbers import format_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY, _PPR, _RPR = _W + "body", _W + "pPr", _W + "rPr"
# In a paragraph mark's properties but not a run's: its revision marks.
_MARK_ONLY = tuple(_W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange"))
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

NOT_FROM_WORD = (
    "这份报告不是从Word文档（.docx）读取的，没有可以更正的Word原文。"
    "请导出更正后的Excel工作簿，它包含全部更正。"
)


@dataclass(frozen=True)
class DocxExport:
    """What the corrected copy holds: the corrections written, and those the original has no cell for."""

    written: tuple[str, ...]  # cell ids, in the form's order
    not_written: tuple[str, ...]  # corrected cells missing from the original's tables
    message: str = ""  # Chinese, for the clerk, when something was not written


@dataclass
class _Edit:
    cell: str
    tc: object  # the w:tc
    text: str
    style: object | None  # w:rPr for a new run, when the cell has no run of text


def export_docx(report: Report, target: str) -> DocxExport:
    """Write the corrected copy of the report's .docx to `target` (never over the original)."""
    data, summary = corrected_docx(report)
    atomic_write(target, data, source=report.source)
    return summary


def corrected_docx(report: Report) -> tuple[bytes, DocxExport]:
    """The corrected copy's bytes and what it holds; a `WriteError` when there is no original to copy."""
    original = _original(report)
    with zipfile.ZipFile(io.BytesIO(original)) as package:
        name = _main_part(package)
        root = parse_part(package.read(name))
    edits, missing = _plan(report, cell_places(root.find(_BODY)))
    for edit in edits:
        _write(edit)
    data = replace_parts(original, {name: part_bytes(root)}) if edits else original
    return data, _summary(report, edits, missing)


# --- the original ------------------------------------------------------------------------


def _original(report: Report) -> bytes:
    """The file the report was read from, as it was read: the cells' places hold only for those bytes."""
    if report.kind != "docx":
        raise WriteError("not_docx", NOT_FROM_WORD)
    try:
        data = read_bytes(report.source)
    except ReadError as error:
        raise WriteError("source_unreadable", f"无法读取原始Word文档：{error.message}") from None
    if hashlib.sha256(data).hexdigest() != report.fingerprint:
        raise WriteError(
            "source_changed",
            f"原始文件「{shown(report.source)}」在检查之后被修改过，更正的单元格可能已不在原来的位置，没有导出。"
            "请重新打开这份报告，核对更正后再导出。",
        )
    return data


def _main_part(package: zipfile.ZipFile) -> str:
    """The main document part, found as python-docx finds it: by the package's relationship."""
    for rel in parse_part(package.read("_rels/.rels")):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return unquote(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


# --- what to write where -------------------------------------------------------------------


def _plan(report: Report, places: dict) -> tuple[list[_Edit], list[str]]:
    """Every correction's cell in the original, decided before any is changed; the cells that have none."""
    edits, missing = [], []
    order = {cid: n for n, cid in enumerate(report.cells)}
    for cid in sorted(report.corrections, key=lambda c: order.get(c, len(order))):
        cell = report.cells.get(cid)
        tc = places.get(_place(cell.loc)) if cell is not None else None
        if tc is None or cell is None or cell.loc is None:  # (a cell found has its place)
            missing.append(cid)
            continue
        style = None if _text_runs(tc) else _new_run_style(tc, _row_neighbours(report, cell.loc, places))
        edits.append(_Edit(cid, tc, format_number(report.corrections[cid]), style))
        twin = fallback_twin(tc)  # a table in a text box: its copy for old readers shows the same
        if twin is not None:
            twin_style = None if _text_runs(twin) else copy.deepcopy(style)
            edits.append(_Edit(cid, twin, format_number(report.corrections[cid]), twin_style))
    return edits, missing


def _place(loc: Location | None) -> tuple | None:
    if loc is None or loc.kind != "docx" or loc.table is None:
        return None
    return loc.table, loc.row, loc.col


def _row_neighbours(report: Report, loc: Location, places: dict) -> list:
    """The w:tc of the other value cells of the cell's row, nearest first."""
    others = [
        c.loc for c in report.cells.values()
        if c.loc is not None and _place(c.loc) != _place(loc) and (c.loc.table, c.loc.row) == (loc.table, loc.row)
    ]
    others.sort(key=lambda other: abs((other.col or 0) - (loc.col or 0)))  # a Word cell's place has its column
    return [places[_place(other)] for other in others if _place(other) in places]


def _text_runs(tc) -> list:
    """The runs whose text the reader took as the cell's text."""
    return [run for p in cell_paragraphs(tc) for run in shown_runs(p) if next(run.iterchildren(*TEXT_TAGS), None) is not None]


def _new_run_style(tc, neighbours: list):
    """Run properties for a blank cell's new run: those of the nearest value cell with text, else the paragraph mark's."""
    for other in neighbours:
        runs = _text_runs(other)
        if runs:
            return _run_properties(runs[0].find(_RPR))
    paragraph = next(cell_paragraphs(tc), None)
    mark = paragraph.find(f"{_PPR}/{_RPR}") if paragraph is not None else None
    return _run_properties(mark)


def _run_properties(rpr):
    if rpr is None:
        return None
    rpr = copy.deepcopy(rpr)
    for element in list(rpr.iterchildren(*_MARK_ONLY)):  # a copied revision mark would be a change no one made
        rpr.remove(element)
    return rpr


# --- writing -------------------------------------------------------------------------------


def _write(edit: _Edit) -> None:
    runs = _text_runs(edit.tc)
    if not runs:
        _add_run(edit.tc, edit.text, edit.style)
        return
    first, *others = runs
    _set_text(first, edit.text)
    for run in others:
        for element in list(run.iterchildren(*TEXT_TAGS)):
            run.remove(element)


def _set_text(run, text: str) -> None:
    """The run's text (its w:t, tabs and breaks) replaced by `text` in its first w:t, where the first of them stood."""
    parts = list(run.iterchildren(*TEXT_TAGS))
    first = parts[0]
    if first.tag != T:
        first = etree.SubElement(run, T)
        parts[0].addprevious(first)
    for element in parts:
        if element is not first:
            run.remove(element)
    first.text = text


def _add_run(tc, text: str, style) -> None:
    paragraph = next(cell_paragraphs(tc), None)
    if paragraph is None:  # Word always puts a paragraph in a cell; a generator may not have
        paragraph = etree.SubElement(tc, P)
    run = etree.SubElement(paragraph, R)
    if style is not None:
        run.append(style)
    etree.SubElement(run, T).text = text


def _summary(report: Report, edits: list[_Edit], missing: list[str]) -> DocxExport:
    message = ""
    if missing:
        unknown = [cid for cid in missing if cid not in report.cells]  # not a cell of the form: named by its id
        names = "、".join(filter(None, [cell_names(report.layout, [c for c in missing if c in report.cells]), *unknown]))
        message = (
            f"有{len(missing)}处更正在原Word文档中没有对应的单元格（原表格缺少这些行或列），没有写入："
            f"{names}。请在Word中补上这些单元格，或提交更正后的Excel工作簿。"
        )
    return DocxExport(tuple(dict.fromkeys(e.cell for e in edits)), tuple(missing), message)
