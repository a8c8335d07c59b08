"""The exported workbooks recalculated by a real spreadsheet (LibreOffice Calc): every total and check cell.

One LibreOffice run recalculates every workbook below; the tests compare what Calc computes with
what the export wrote, and show that the sheet stays balanced when someone edits a number.
"""
from __future__ import annotations

import shutil

import openpyxl
import pytest

from core.api import open_report
from core.check import check
from core.export.cells import report_contents, total_formulas
from core.export.xlsx import export_template, export_xlsx
from core.model import Written
from tests.conftest import SAMPLE, seed
from tests.fixtures import libreoffice
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import render_text
from tests.fixtures.xlsx_render import write_table

# Every test here waits for LibreOffice to recalculate the workbooks: the slow tier.
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice is not installed")]


@pytest.fixture(scope="module")
def calc(tmp_path_factory):
    """name → (the workbook as written, the same workbook after LibreOffice recalculated and saved it)."""
    work = tmp_path_factory.mktemp("recalc")
    folder = work / "in"
    folder.mkdir()
    export_xlsx(check(open_report(str(SAMPLE))), str(folder / "sample.xlsx"))
    export_xlsx(check(open_report(str(seed("001")))), str(folder / "seed001.xlsx"))
    blank = sample()
    blank.cells["t3:3.1/natural"] = ""
    text = work / "blank.txt"
    text.write_text(render_text(blank), encoding="utf-8")
    export_xlsx(check(open_report(str(text))), str(folder / "blank.xlsx"))
    export_template(2020, str(folder / "template2020.xlsx"))
    edited = openpyxl.load_workbook(folder / "sample.xlsx")
    edited["表三"]["D9"] = 9  # a clerk changes （一）予以公开·自然人 from 8 to 9 in Excel
    edited.save(folder / "edited.xlsx")
    clerk = openpyxl.Workbook()
    values = {cid: c.raw for cid, c in open_report(str(seed("004"))).cells.items() if c.raw is not None}
    write_table(clerk.active, "t3", 1, 1, values)
    clerk.active["J4"] = "=SUM(D4:I4)"
    clerk.save(folder / "clerk.xlsx")
    out = work / "out"
    libreoffice.recalculate(folder, out, work)
    return {p.stem: (p, out / p.name) for p in folder.glob("*.xlsx")}


def formula_cells(path):
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"}


def shown(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}


@pytest.mark.parametrize("name", ["sample", "seed001", "blank", "template2020"])
def test_every_total_and_check_cell_is_what_calc_computes(calc, name):
    ours, recalculated = calc[name]
    formulas = formula_cells(ours)
    layout = open_report(str(ours)).layout
    assert len(formulas) == len(total_formulas(layout)) + 7  # the totals, and 表三's check row
    assert formulas == formula_cells(recalculated)  # Calc kept them as formulas
    written, computed = shown(ours), shown(recalculated)
    differences = {cell: (written[cell], computed[cell]) for cell in formulas if written[cell] != computed[cell]}
    assert not differences


def test_the_sheet_stays_balanced_when_someone_edits_it(calc):
    _, recalculated = calc["edited"]
    t3 = openpyxl.load_workbook(recalculated, data_only=True)["表三"]
    assert (t3["J9"].value, t3["D30"].value, t3["J30"].value) == (11, 16, 18)
    # 自然人: 一＋二 = 17, （七）总计＋四 = 16＋2 = 18 now; 总计 (20 = 18＋2) balances at last.
    assert [t3.cell(33, n).value for n in range(4, 11)] == ["不符", "不符", "相符", "相符", "相符", "相符", "相符"]
    back = open_report(str(recalculated))
    assert (back.value("t3:3.1/natural"), back.value("t3:3.7/natural"), back.value("t3:3.7/total")) == (9, 16, 18)


def test_a_blank_part_keeps_totals_blank_in_calc_too(calc):
    _, recalculated = calc["blank"]
    t3 = openpyxl.load_workbook(recalculated, data_only=True)["表三"]
    assert t3["J9"].value in (None, "") and t3["D30"].value in (None, "")
    assert t3["D33"].value == "待填写"


def test_an_export_saved_again_by_calc_reads_back_the_same(calc, tmp_path):
    _, recalculated = calc["sample"]
    copy = tmp_path / "另存.xlsx"
    shutil.copy(recalculated, copy)
    back, original = open_report(str(copy)), open_report(str(SAMPLE))
    contents = report_contents(original)[0]
    for cid, content in contents.items():
        assert back.value(cid) == content, cid
    assert (back.year, back.agency, back.layout.name) == (2023, "青山街道办事处", "2021")


def test_a_formula_calc_has_calculated_is_read_as_its_result(calc):
    before, after = calc["clerk"]
    assert open_report(str(before)).cell("t3:1/total").written is Written.UNREADABLE
    cell = open_report(str(after)).cell("t3:1/total")
    assert (cell.value, cell.written) == (2, Written.NUMBER)
