"""Reading workbooks: the program's own export back to exactly its cells, and a clerk's own sheets."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from core.api import open_report
from core.assemble import build_report
from core.check import check
from core.export.cells import is_number, report_contents
from core.export.xlsx import export_xlsx
from core.findings import Outcome
from core.model import Written
from core.readers import limits
from core.readers.errors import ReadError
from core.readers.xlsx import NO_RESULT
from core.readers.xlsx import read as read_xlsx
from core.serialize import number
from tests.conftest import ROOT, SAMPLE, SEEDS, seed
from tests.fixtures import libreoffice
from tests.fixtures.compare import cell_differences
from tests.fixtures.xlsx_render import LAST_YEAR, clerk_workbook, write_table

REPORTS = [*SEEDS, SAMPLE]


def assert_reads_back(back, contents):
    """Every cell of the form reads back as exported: the number, the text as written, or empty."""
    for cid, content in contents.items():
        cell = back.cell(cid)
        if is_number(content):
            assert (cell.value, cell.written) == (content, Written.NUMBER), cid
        elif content in (None, ""):
            assert (cell.value, cell.written) == (None, Written.BLANK), cid
        else:
            assert (cell.raw, cell.value, cell.written) == (content, None, Written.UNREADABLE), cid


@pytest.mark.parametrize("path", REPORTS, ids=[p.name[:3] for p in REPORTS])
@pytest.mark.slow
def test_an_export_reads_back_to_exactly_the_cells_exported(tmp_path, path):
    report = open_report(str(path))
    target = tmp_path / "导出.xlsx"
    export_xlsx(check(report), str(target))
    back = open_report(str(target))
    assert back.kind == "xlsx"
    assert (back.layout.t2.variant, back.layout.t3.variant) == (report.layout.t2.variant, report.layout.t3.variant)
    assert (back.year, back.agency) == (report.year, report.agency)
    assert back.tables_found == {"t2": True, "t3": True, "t4": True}
    assert_reads_back(back, report_contents(report)[0])
    assert not back.notes  # every label of the form found where it belongs, nothing extra


def test_check_of_the_export_on_the_command_line_gives_the_exported_cells(tmp_path):
    report = open_report(str(seed("000")))
    target = tmp_path / "五常.xlsx"
    export_xlsx(check(report), str(target))
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(target), "--json"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60
    )
    (result,) = json.loads(done.stdout)
    contents = report_contents(report)[0]
    expected = {"t2": {}, "t3": {}, "t4": {}}
    for cid, content in contents.items():
        table, key = cid.split(":", 1)
        expected[table][key] = number(content) if is_number(content) else None
    assert result["tables"] == expected
    assert result["meta"]["format"] == "2019" and result["meta"]["year"] == 2020


def test_every_cell_keeps_its_sheet_row_and_column(tmp_path):
    target = tmp_path / "导出.xlsx"
    export_xlsx(check(open_report(str(SAMPLE))), str(target))
    back = open_report(str(target))
    sheets = openpyxl.load_workbook(target, data_only=True)
    for cid in back.layout.cell_ids:
        cell = back.cell(cid)
        loc = cell.loc
        assert loc.kind == "xlsx" and loc.sheet == {"t2": "表二", "t3": "表三", "t4": "表四"}[cid[:2]]
        assert sheets[loc.sheet].cell(loc.row + 1, loc.col + 1).value == cell.value
    loc = back.cell("t3:1/natural").loc
    assert (loc.row, loc.col) == (6, 3) and loc.describe().startswith("工作表「表三」") and loc.describe().endswith("第7行 第4列")


def clerk_values():
    report = open_report(str(seed("004")))
    return report, {cid: c.raw for cid, c in report.cells.items() if c.raw is not None}


def test_a_clerks_workbook_with_the_forms_merged_cells_over_several_sheets(tmp_path):
    """Table 二 on one sheet, tables 三 and 四 on another under a title, a sheet of notes, a hidden sheet."""
    report, values = clerk_values()
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "主动公开"
    write_table(first, "t2", 2, 2, values)  # from B2, no title
    second = wb.create_sheet("依申请和复议诉讼")
    second["A1"] = "小河街道2023年度政府信息公开工作年度报告附表"
    end = write_table(second, "t3", 2, 1, values)  # right under the title
    write_table(second, "t4", end + 2, 1, values)
    notes = wb.create_sheet("备注")
    notes["A1"] = "本表由街道党政办填报。"
    hidden = wb.create_sheet("草稿")
    hidden["A1"], hidden["B1"] = "一、本年新收政府信息公开申请数量", 999
    hidden.sheet_state = "hidden"
    target = tmp_path / "附表.xlsx"
    wb.save(target)

    back = open_report(str(target))
    assert back.tables_found == {"t2": True, "t3": True, "t4": True}
    assert back.layout.name == "2021"
    for cid in report.layout.cell_ids:
        assert back.value(cid) == report.value(cid), cid
    assert back.cell("t3:1/natural").loc.sheet == "依申请和复议诉讼"
    assert back.cell("t2:penalty/decisions").loc.sheet == "主动公开"
    assert not back.notes


def test_a_sheet_that_holds_only_table_three(tmp_path):
    report, values = clerk_values()
    wb = openpyxl.Workbook()
    write_table(wb.active, "t3", 1, 1, values)
    target = tmp_path / "表三.xlsx"
    wb.save(target)
    back = open_report(str(target))
    assert back.tables_found == {"t2": False, "t3": True, "t4": False}
    assert all(back.value(cid) == report.value(cid) for cid in report.layout.t3.cell_ids)
    missing = {f.key for f in check(back).findings if f.rule == "ST-2" and f.outcome is Outcome.FAILED}
    assert missing == {"ST-2:t2", "ST-2:t4"}


def test_a_formula_without_a_saved_result_is_reported_never_taken_as_0(tmp_path):
    report, values = clerk_values()
    wb = openpyxl.Workbook()
    ws = wb.active
    write_table(ws, "t3", 1, 1, values)
    ws["J4"] = "=SUM(D4:I4)"  # 一、本年新收's 总计, written by a program that does not calculate
    target = tmp_path / "公式.xlsx"
    wb.save(target)
    back = open_report(str(target))
    cell = back.cell("t3:1/total")
    assert (cell.value, cell.written) == (None, Written.UNREADABLE)
    assert cell.raw == "=SUM(D4:I4)" + NO_RESULT
    findings = {f.key: f for f in check(back).findings}
    assert findings["T3-3:1"].outcome is Outcome.NOT_ASSESSABLE
    assert findings["T3-1:total"].outcome is Outcome.NOT_ASSESSABLE
    assert "公式没有保存计算结果" in findings["T3-4:unreadable:t3:1/total"].message


def expect_read_error(path, code):
    with pytest.raises(ReadError) as caught:
        open_report(str(path))
    assert caught.value.code == code
    return caught.value.message


def test_a_broken_or_renamed_file_is_a_chinese_message(tmp_path):
    exported = tmp_path / "导出.xlsx"
    export_xlsx(check(open_report(str(SAMPLE))), str(exported))
    truncated = tmp_path / "坏了.xlsx"
    truncated.write_bytes(exported.read_bytes()[:5000])
    assert "另存为" in expect_read_error(truncated, "corrupt")
    not_a_workbook = tmp_path / "其实是文本.xlsx"
    with zipfile.ZipFile(not_a_workbook, "w") as package:
        package.writestr("hello.txt", "你好")
    assert "不是有效的Excel工作簿" in expect_read_error(not_a_workbook, "corrupt")


def test_a_package_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    exported = tmp_path / "导出.xlsx"
    export_xlsx(check(open_report(str(SAMPLE))), str(exported))
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 10_000)
    assert "解压后" in expect_read_error(exported, "too_large")


@pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice is not installed")
@pytest.mark.slow
def test_an_old_xls_named_xlsx_says_so(tmp_path):
    exported = tmp_path / "导出.xlsx"
    export_xlsx(check(open_report(str(SAMPLE))), str(exported))
    xls = libreoffice.convert(exported, "xls:MS Excel 97", tmp_path / "xls", tmp_path)
    renamed = tmp_path / "旧表格.xlsx"
    renamed.write_bytes(xls.read_bytes())
    assert renamed.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a real OLE container
    assert "Excel 97-2003" in expect_read_error(renamed, "unsupported_format")


def test_a_hybrid_report_is_exported_in_its_own_layout_and_reads_back(tmp_path):
    """A 2021 table 二 with the 2019 one-row （六）其他处理: the workbook keeps both, FMT-1 still says so."""
    from tests.fixtures.sample_data import sample
    from tests.fixtures.text_render import render_text

    data = sample()
    data.t3_variant = "2019"
    for key in [k for k in data.cells if k.startswith("t3:3.6.")]:
        del data.cells[key]
    data.cells.update({f"t3:3.6/{c}": "0" for c in ("natural", "business", "research", "ngo", "legal", "other", "total")})
    text = tmp_path / "混用.txt"
    text.write_text(render_text(data), encoding="utf-8")
    report = open_report(str(text))
    assert report.layout.name == "hybrid"
    target = tmp_path / "混用.xlsx"
    export_xlsx(check(report), str(target))
    ws = openpyxl.load_workbook(target)["表三"]
    assert ws["B27"].value == "（六）其他处理" and "行政规范性文件" in {c.value for c in openpyxl.load_workbook(target)["表二"]["A"]}
    back = open_report(str(target))
    assert back.layout.name == "hybrid"
    assert_reads_back(back, report_contents(report)[0])
    fmt = next(f for f in check(back).findings if f.rule == "FMT-1")
    assert fmt.is_error and "新旧格式混用" in fmt.message


# --- a clerk's own sheet: the title in a merged row above the tables, last year's figures hidden ---------------

CLERK_TITLE = "杭州市拱墅区小河街道2023年政府信息公开工作年度报告"


def clerk_sheet(values=None):
    """Seed 004 as a clerk keeps it (tests/fixtures/xlsx_render.clerk_workbook): last year's figures are this
    year's plus 3, hidden in a 「上年同期」 column and in a copy of table 三's first row."""
    report, this_year = clerk_values()
    last_year = {cid: str(int(v) + 3) for cid, v in this_year.items() if cid.startswith("t3:") and v.isdigit()}
    return report, clerk_workbook(values or this_year, CLERK_TITLE, last_year)


def _read(workbook, name: str = "年报.xlsx"):
    out = io.BytesIO()
    workbook.save(out)
    return build_report(read_xlsx(name, out.getvalue(), "x"))


def test_the_title_row_gives_the_body_and_the_year_and_hidden_figures_are_not_read(tmp_path):
    report, workbook = clerk_sheet()
    ws = workbook["年报"]
    hidden_rows = [n for n, d in ws.row_dimensions.items() if d.hidden]
    hidden_columns = [k for k, d in ws.column_dimensions.items() if d.hidden]
    assert len(hidden_rows) == 1 and hidden_columns == ["K"]
    assert ws.cell(hidden_rows[0], 1).value == "一、本年新收政府信息公开申请数量" == ws.cell(hidden_rows[0] + 1, 1).value
    assert ws.cell(hidden_rows[0] - 2, 11).value == LAST_YEAR  # beside 总计, in table 三's second header row
    assert ws.cell(hidden_rows[0] + 1, 11).value == int(report.cells["t3:1/total"].raw) + 3
    back = _read(workbook)
    assert (back.meta.title, back.year, back.agency) == (CLERK_TITLE, 2023, "杭州市拱墅区小河街道")
    assert back.layout.name == "2021" and not back.notes
    assert cell_differences(report, back) == []
    on_sheet = [c.loc for c in back.cells.values() if c.loc and c.loc.sheet == "年报"]
    assert on_sheet and all(loc.row + 1 not in hidden_rows and loc.col != 10 for loc in on_sheet)  # K is col 10
    result = check(back)
    assert result.verdict.level == "ok", [f.message for f in result.problems]


@pytest.mark.slow
def test_one_changed_number_in_a_clerks_sheet_is_caught_and_named():
    report, workbook = clerk_sheet()
    back = _read(workbook)
    cells = [c for cid, c in back.cells.items() if cid.startswith(("t3:", "t4:"))]
    assert len(cells) == len(back.layout.t3.cell_ids) + 15
    missed = []
    for cell in cells:
        sheet_cell = workbook[cell.loc.sheet].cell(cell.loc.row + 1, cell.loc.col + 1)
        assert str(sheet_cell.value) == cell.raw, cell.id
        sheet_cell.value = (cell.value or 0) + 1
        result = check(_read(workbook))
        sheet_cell.value = cell.value
        assert result.report.value(cell.id) == (cell.value or 0) + 1, cell.id
        if not any(f.is_error and cell.id in f.cells for f in result.findings):
            missed.append(cell.id)
    assert missed == []
