"""The exported workbook as Excel shows it: labels, values, formulas, merged cells, print setup, safety."""
from __future__ import annotations

import os
import zipfile
from datetime import datetime

import openpyxl
import pytest

from core import __version__
from core.api import open_report
from core.assemble import build_report
from core.check import check
from core.export.cells import report_contents, total_formulas
from core.export.xlsx import export_template, export_xlsx
from core.formats import FORMATS
from core.platform.fileio import WriteError
from core.presentation import SEVERITY_NAMES, outcome_word
from core.readers.text import parse_text
from core.rules.catalogue import CATALOGUE
from tests.conftest import SAMPLE, seed
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import render_text

NOW = datetime(2024, 1, 15, 9, 30)


def exported(tmp_path, result, name="导出.xlsx"):
    target = tmp_path / name
    export_xlsx(result, str(target), now=NOW)
    return target


def read_data(data):
    return build_report(parse_text(render_text(data), "报告.txt", "x"))


def texts(ws) -> set[str]:
    return {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def form_labels(spec) -> set[str]:
    labels = {g.label for g in spec.groups} | set(spec.header_labels) | ({spec.corner} if spec.corner else set())
    for block in spec.blocks:
        labels |= {r.label for r in block.rows if r.name} | {c.label for c in block.columns}
        labels |= {p for c in block.columns for p in c.parents}
        labels |= {x for x in (block.label, block.header) if x}
    return labels


@pytest.mark.parametrize("path, fmt", [(SAMPLE, "2021"), (seed("001"), "2019")])
def test_every_label_of_the_form_is_on_its_sheet(tmp_path, path, fmt):
    wb = openpyxl.load_workbook(exported(tmp_path, check(open_report(str(path)))))
    assert wb.sheetnames == ["表二", "表三", "表四", "检查结果", "说明"]
    layout = FORMATS[fmt]
    for spec, name in zip(layout.tables, ("表二", "表三", "表四")):
        missing = form_labels(spec) - texts(wb[name])
        assert not missing, (name, missing)
    other = FORMATS["2019" if fmt == "2021" else "2021"]
    assert not (form_labels(other.t2) - form_labels(layout.t2)) & texts(wb["表二"])


@pytest.mark.parametrize("year", [2020, 2024])
def test_each_sheet_is_the_form_the_window_draws_spot_for_spot(tmp_path, year):
    """core/formats/grid.form_grid lays out the window's tables and the workbook's sheets alike: every text and
    value place at the same row and column (below the title rows), merged over the same span."""
    from core.export.xlsx import TABLE_TOP
    from core.formats import required_format
    from core.formats.grid import form_grid

    target = tmp_path / "模板.xlsx"
    export_template(year, str(target))
    wb = openpyxl.load_workbook(target)
    for spec, name in zip(FORMATS[required_format(year)].tables, ("表二", "表三", "表四")):
        ws = wb[name]
        merged = {(r.min_row, r.min_col): (r.max_row - r.min_row + 1, r.max_col - r.min_col + 1) for r in ws.merged_cells.ranges}
        for spot in form_grid(spec).spots:
            row, col = TABLE_TOP + spot.row, 1 + spot.col
            assert merged.get((row, col), (1, 1)) == (spot.rowspan, spot.colspan), (name, spot)
            if spot.cell is None:
                assert (ws.cell(row, col).value or "") == spot.text, (name, spot)


def test_table_three_2021_is_merged_and_filled_as_on_the_form(tmp_path):
    wb = openpyxl.load_workbook(exported(tmp_path, check(open_report(str(SAMPLE)))))
    ws = wb["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged >= {
        "A4:C6", "D4:J4", "D5:D6", "E5:I5", "J5:J6",  # corner, 申请人情况, 自然人, 法人或其他组织, 总计
        "A7:C7", "A8:C8", "A9:A30", "B9:C9", "B10:C10",  # 一、二、, 三、本年度办理结果, （一）（二）
        "B11:B18", "B19:B21", "B22:B26", "B27:B29", "B30:C30", "A31:C31",  # （三）…（六）, （七）总计, 四、
    }
    assert (ws["A7"].value, ws["D7"].value, ws["E7"].value) == ("一、本年新收政府信息公开申请数量", 15, 3)
    assert (ws["B11"].value, ws["C11"].value) == ("（三）不予公开", "1.属于国家秘密")
    assert ws["J7"].value == '=IF(COUNT(D7:I7)=6,SUM(D7:I7),"")'  # each row's 总计
    assert ws["D30"].value == '=IF(COUNT(D9:D29)=21,SUM(D9:D29),"")'  # （七）总计: the outcome rows
    formulas = [c for row in ws.iter_rows(min_row=7, max_row=31) for c in row if c.data_type == "f"]
    assert len(formulas) == 25 + 6  # 25 rows' totals, and （七）总计 of the six applicant columns


def test_table_three_2019_has_one_row_of_other_handling(tmp_path):
    ws = openpyxl.load_workbook(exported(tmp_path, check(open_report(str(seed("001"))))))["表三"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"B27:C27", "A9:A28", "B28:C28"} <= merged
    assert ws["B27"].value == "（六）其他处理" and ws["D27"].value == 5
    assert ws["D28"].value == '=IF(COUNT(D9:D27)=19,SUM(D9:D27),"")'


def test_table_four_totals_are_formulas(tmp_path):
    ws = openpyxl.load_workbook(exported(tmp_path, check(open_report(str(SAMPLE)))))["表四"]
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A4:E4", "F4:O4", "A5:A6", "F5:J5", "K5:O5"}
    assert [ws.cell(7, n).value for n in (1, 2, 3, 4)] == [1, 0, 0, 1]
    assert ws["E7"].value == '=IF(COUNT(A7:D7)=4,SUM(A7:D7),"")'
    assert ws["J7"].value == '=IF(COUNT(F7:I7)=4,SUM(F7:I7),"")'
    assert ws["O7"].value == '=IF(COUNT(K7:N7)=4,SUM(K7:N7),"")'


def test_formula_results_are_saved_with_the_formulas(tmp_path):
    """What the workbook shows without recalculating: the totals as the formulas give them."""
    wb = openpyxl.load_workbook(exported(tmp_path, check(open_report(str(SAMPLE)))), data_only=True)
    t3, t4 = wb["表三"], wb["表四"]
    assert [t3.cell(30, n).value for n in range(4, 11)] == [15, 2, 0, 0, 0, 0, 17]
    assert t3["J7"].value == 18
    assert t4["E7"].value == 2  # the form said 1: the pending case was left out of 行政复议's 总计
    assert [t3.cell(33, n).value for n in range(4, 11)] == ["相符", "不符", "相符", "相符", "相符", "相符", "不符"]


def test_a_blank_part_leaves_its_totals_blank_never_counted_as_0(tmp_path):
    data = sample()
    data.cells["t3:3.1/natural"] = ""
    wb = openpyxl.load_workbook(exported(tmp_path, check(read_data(data))), data_only=True)
    ws = wb["表三"]
    assert ws["D9"].value is None
    assert ws["J9"].value is None and ws["D30"].value is None and ws["J30"].value is None
    assert ws["D33"].value == "待填写" and ws["F33"].value == "相符"


def test_check_row_turns_red_when_a_column_does_not_balance(tmp_path):
    ws = openpyxl.load_workbook(exported(tmp_path, check(open_report(str(SAMPLE)))))["表三"]
    assert ws["A33"].value == CATALOGUE["T3-1"].title
    assert ws["E33"].value == '=IF(COUNT(E7:E8,E30:E31)=4,IF(SUM(E7:E8)=SUM(E30:E31),"相符","不符"),"待填写")'
    rules = [(str(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]
    assert len(rules) == 1
    sqref, rule = rules[0]
    assert sqref == "D33:J33" and (rule.type, rule.operator, rule.formula) == ("cellIs", "equal", ['"不符"'])
    assert rule.dxf.fill.fgColor.rgb.endswith("FFC7CE")


def test_print_setup_is_a4_with_repeated_title_rows(tmp_path):
    wb = openpyxl.load_workbook(exported(tmp_path, check(open_report(str(SAMPLE)))))
    expected = {"表二": ("$1:$2", "portrait", "$A$1:$D$17"), "表三": ("$1:$6", "portrait", "$A$1:$J$33"), "表四": ("$1:$6", "landscape", "$A$1:$O$7")}
    for name, (titles, orientation, area) in expected.items():
        ws = wb[name]
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.orientation == orientation
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight), ws.sheet_properties.pageSetUpPr.fitToPage) == (1, 0, True)
        assert ws.print_title_rows == titles
        assert ws.print_area == f"'{name}'!{area}"
    t3 = wb["表三"]
    assert t3.column_dimensions["C"].width >= 25 and t3.column_dimensions["D"].width >= 8
    assert t3.row_dimensions[27].height >= 40  # （六）1's long label wraps over three lines
    assert t3["C27"].alignment.wrap_text


def test_values_are_exported_as_corrected(tmp_path):
    report = open_report(str(SAMPLE))
    # The business request that was neither answered nor carried over was in fact answered.
    fixes = {"t3:3.1/business": 3, "t3:3.1/total": 11, "t3:3.7/business": 3, "t3:3.7/total": 18, "t4:1/review.total": 2}
    report.corrections.update(fixes)
    result = check(report)
    assert result.ok
    wb = openpyxl.load_workbook(exported(tmp_path, result), data_only=True)
    t3 = wb["表三"]
    assert (t3["E9"].value, t3["J9"].value, t3["E30"].value, t3["J30"].value) == (3, 11, 3, 18)
    assert [t3.cell(33, n).value for n in range(4, 11)] == ["相符"] * 7
    assert wb["表四"]["E7"].value == 2
    assert wb["检查结果"]["A2"].value == f"结论：{result.verdict.text}"


def findings_rows(ws):
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "序号")
    rows = []
    for row in ws.iter_rows(min_row=header + 1, values_only=True):
        if row[0] is None:
            break
        rows.append(row)
    return rows


def changes_rows(ws):
    start = next(row[0].row for row in ws.iter_rows() if isinstance(row[0].value, str) and row[0].value.startswith("导出时改动的格"))
    return [row for row in ws.iter_rows(min_row=start + 2, values_only=True) if row[0] is not None]


def test_findings_sheet_lists_every_finding_and_every_change(tmp_path):
    report = open_report(str(SAMPLE))
    report.corrections["t3:3.1/business"] = 3
    result = check(report)
    ws = openpyxl.load_workbook(exported(tmp_path, result))["检查结果"]
    assert ws["A2"].value == f"结论：{result.verdict.text}"
    rows = findings_rows(ws)
    assert len(rows) == len(result.findings)
    for row, finding in zip(rows, result.findings):
        assert row[1] == finding.rule and row[6] == finding.message
        assert (row[3], row[4]) == (SEVERITY_NAMES[finding.severity], outcome_word(finding))  # the window's words
    assert next(r for r in rows if r[1] == "T2-1")[4] == "需核实"  # a failed warning, as on screen
    changes = {(r[1], r[3], r[4], r[5]) for r in changes_rows(ws)}
    assert changes == {
        ("表三（一）予以公开·商业企业", "2", "3", "人工更正"),
        # the totals that part is in follow it
        ("表三（一）予以公开·总计", "10", "11", "合计改为公式：按各项之和计算"),
        ("表三（七）总计·商业企业", "2", "3", "合计改为公式：按各项之和计算"),
        ("表三（七）总计·总计", "17", "18", "合计改为公式：按各项之和计算"),
        ("表四行政复议·总计", "1", "2", "合计改为公式：按各项之和计算"),
        ("表二行政事业性收费·本年收费金额（单位：万元）", "/", "0", "「/」按0填写"),
    }


def test_about_sheet_names_body_year_format_source_version_and_time(tmp_path):
    result = check(open_report(str(SAMPLE)))
    ws = openpyxl.load_workbook(exported(tmp_path, result))["说明"]
    facts = {row[0]: row[1] for row in ws.iter_rows(min_row=3, values_only=True) if row[0]}
    assert facts["机关"] == "青山街道办事处" and facts["年度"] == "2023年"
    assert facts["表格格式"] == "2021版（国办公开办函〔2021〕30号）"
    assert facts["原文件"] == str(SAMPLE) and facts["原文件指纹（SHA-256）"] == result.report.fingerprint
    assert facts["程序版本"] == f"年报检查 {__version__}" and facts["检查时间"] == "2024-01-15 09:30"
    assert facts["检查结论"] == "发现3处错误，暂不宜提交"


def test_a_2020_report_in_the_2021_format_says_which_it_should_use(tmp_path):
    data = sample()
    data.title = "青山街道办事处2020年政府信息公开工作年度报告"
    ws = openpyxl.load_workbook(exported(tmp_path, check(read_data(data))))["说明"]
    facts = {row[0]: row[1] for row in ws.iter_rows(min_row=3, values_only=True) if row[0]}
    assert facts["表格格式"] == "2021版（2020年度应使用2019版，国办公开办函〔2019〕60号）"


INJECTIONS = {
    "t3:1/research": '=HYPERLINK("http://example.com","点此")',
    "t3:1/ngo": "+1+1",
    "t3:1/legal": "-2-2",
    "t3:1/other": "@SUM(A1)",
}


def test_text_from_the_report_never_becomes_a_formula(tmp_path):
    data = sample()
    data.cells.update(INJECTIONS)
    report = read_data(data)
    report.meta_corrections["agency"] = "=1+1街道"
    target = exported(tmp_path, check(report))
    ws = openpyxl.load_workbook(target)["表三"]
    cells = {"t3:1/research": ws["F7"], "t3:1/ngo": ws["G7"], "t3:1/legal": ws["H7"], "t3:1/other": ws["I7"]}
    for cid, cell in cells.items():
        assert (cell.value, cell.data_type, cell.quotePrefix) == (INJECTIONS[cid], "s", True)
    title = ws["A1"]
    assert (title.value, title.data_type, title.quotePrefix) == ("=1+1街道2023年政府信息公开工作年度报告", "s", True)
    with zipfile.ZipFile(target) as package:
        xml = b"".join(package.read(n) for n in package.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>HYPERLINK" not in xml and b"<f>1+1" not in xml and b"<f>SUM(A1)" not in xml
    back = open_report(str(target))
    assert {cid: back.cell(cid).raw for cid in INJECTIONS} == INJECTIONS


def test_never_writes_over_the_file_it_read(tmp_path):
    first = exported(tmp_path, check(open_report(str(SAMPLE))))
    before = first.read_bytes()
    result = check(open_report(str(first)))
    with pytest.raises(WriteError) as caught:
        export_xlsx(result, str(first))
    assert caught.value.code == "would_overwrite_source" and "不能覆盖原始文件" in caught.value.message
    assert first.read_bytes() == before


def test_a_read_only_target_is_a_message_and_is_left_alone(tmp_path):
    target = tmp_path / "上报.xlsx"
    target.write_bytes(b"the clerk's own file")
    target.chmod(0o444)
    try:
        with pytest.raises(WriteError) as caught:
            export_xlsx(check(open_report(str(SAMPLE))), str(target))
        assert caught.value.code == "read_only" and "只读" in caught.value.message
        assert target.read_bytes() == b"the clerk's own file"
        assert os.listdir(tmp_path) == ["上报.xlsx"]
    finally:
        target.chmod(0o644)


@pytest.mark.parametrize("year, fmt, t3_rows", [(2020, "2019", 23), (2024, "2021", 25)])
def test_blank_template_of_the_format_the_year_requires(tmp_path, year, fmt, t3_rows):
    target = tmp_path / f"模板{year}.xlsx"
    export_template(year, str(target), now=NOW)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["表二", "表三", "表四", "说明"]
    layout = FORMATS[fmt]
    for spec, name in zip(layout.tables, ("表二", "表三", "表四")):
        assert not form_labels(spec) - texts(wb[name])
    t3 = wb["表三"]
    assert t3["A1"].value == f"{year}年政府信息公开工作年度报告"
    cells = [t3.cell(r, c) for r in range(7, 7 + t3_rows) for c in range(4, 11)]
    assert all(c.value is None for c in cells if c.data_type != "f")
    totals = [c for row in t3.iter_rows(min_row=7, max_row=6 + t3_rows) for c in row if c.data_type == "f"]
    assert len(totals) == t3_rows + 6
    facts = {row[0]: row[1] for row in wb["说明"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert facts["年度"] == f"{year}年" and facts["表格格式"].startswith(f"{fmt}版")
    shown = openpyxl.load_workbook(target, data_only=True)["表三"]
    assert shown.cell(7 + t3_rows + 1, 4).value == "待填写"
    report = open_report(str(target))
    assert (report.year, report.layout.name) == (year, fmt)
    assert all(report.value(cid) is None for cid in layout.cell_ids)
    assert all(report.tables_found.values())


def test_exported_totals_come_from_the_one_list_of_balances():
    layout = FORMATS["2021"]
    totals = total_formulas(layout)
    assert totals["t3:3.7/natural"][0] == "t3:3.1/natural" and len(totals["t3:3.7/natural"]) == 21
    assert totals["t3:1/total"] == tuple(f"t3:1/{c}" for c in ("natural", "business", "research", "ngo", "legal", "other"))
    assert totals["t4:1/after.total"] == tuple(f"t4:1/after.{k}" for k in ("upheld", "corrected", "other", "pending"))
    contents, changes = report_contents(check(open_report(str(SAMPLE))).report)
    assert contents["t4:1/review.total"] == 2 and contents["t3:3.7/total"] == 17
