"""The rules on reports made to show one thing each: hybrid format, wrong year, blank cells, numbering."""
from __future__ import annotations

from core.assemble import build_report
from core.check import check
from core.findings import Outcome, Severity
from core.readers.text import parse_text
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import render_text


def read(data, layout="cells"):
    return build_report(parse_text(render_text(data, layout), "r.txt", "x"))


def finding(result, key):
    return next(f for f in result.findings if f.key == key)


def test_the_sample_fails_exactly_where_it_was_made_wrong():
    result = check(read(sample()))
    errors = sorted(f.key for f in result.findings if f.is_error)
    assert errors == ["T3-1:business", "T3-1:total", "T4-1:review"]
    t31 = finding(result, "T3-1:business")
    assert (t31.expected, t31.actual) == (3, 2)
    assert t31.cells == ("t3:1/business", "t3:2/business", "t3:3.7/business", "t3:4/business")
    assert result.verdict.text == "发现3处错误，暂不宜提交"


def test_hybrid_2021_table_two_with_a_one_row_other_handling():
    data = sample()
    data.t3_variant = "2019"
    for key in [k for k in data.cells if k.startswith("t3:3.6.")]:
        del data.cells[key]
    for col in ("natural", "business", "research", "ngo", "legal", "other", "total"):
        data.cells[f"t3:3.6/{col}"] = "0"
    report = read(data)
    assert report.layout.name == "hybrid"
    assert (report.layout.t2.variant, report.layout.t3.variant) == ("2021", "2019")
    fmt = finding(check(report), "FMT-1")
    assert fmt.is_error and "新旧格式混用" in fmt.message and "2021版" in fmt.message


def test_a_2020_report_in_the_2021_format_is_wrong():
    data = sample()
    data.title = "青山街道办事处2020年政府信息公开工作年度报告"
    fmt = finding(check(read(data)), "FMT-1")
    assert fmt.is_error and "2020年度报告应使用2019版格式" in fmt.message


def test_a_blank_cell_is_not_assessable_never_a_false_failure():
    data = sample()
    data.cells["t3:3.1/natural"] = ""
    result = check(read(data))
    blank = result.report.cell("t3:3.1/natural")
    assert blank.value is None
    for key in ("T3-2:natural", "T3-3:3.1"):
        f = finding(result, key)
        assert f.outcome is Outcome.NOT_ASSESSABLE and "t3:3.1/natural" in f.cells
        assert "（一）予以公开·自然人" in f.message
    assert finding(result, "T3-4:blank").severity is Severity.WARNING
    assert finding(result, "T3-1:natural").outcome is Outcome.PASSED  # does not need that cell


def test_per_column_failure_while_the_total_column_balances():
    # 自然人 60+0 vs 61, 其他 1+0 vs 0, 总计 62 = 62: only the per-column rule catches it.
    data = sample()
    rows = {"1": (60, 0, 0, 0, 0, 1, 61), "2": (0,) * 7, "3.1": (61, 0, 0, 0, 0, 0, 61), "3.7": (61, 0, 0, 0, 0, 0, 61), "4": (0,) * 7}
    cols = ("natural", "business", "research", "ngo", "legal", "other", "total")
    for key in [k for k in data.cells if k.startswith("t3:")]:
        data.cells[key] = "0"
    for row, values in rows.items():
        for col, value in zip(cols, values):
            data.cells[f"t3:{row}/{col}"] = str(value)
    result = check(read(data))
    assert finding(result, "T3-1:total").outcome is Outcome.PASSED
    assert finding(result, "T3-1:natural").is_error and finding(result, "T3-1:other").is_error


def test_title_year_against_the_period_sentence():
    data = sample()
    data.sections[0] = ("s1", "一、总体情况", data.sections[0][2] + "\n本报告数据统计期限自2022年1月1日起至2022年12月31日止。")
    result = check(read(data))
    tx6 = finding(result, "TX-6:title")
    assert tx6.is_error and (tx6.expected, tx6.actual) == (2023, 2022)


def test_running_text_year_copied_from_last_year_is_a_warning_plans_are_not():
    data = sample()
    text = data.sections[4][2] + "\n2022年，街道共办理依申请公开17件。2024年，街道将进一步规范栏目。"
    data.sections[4] = ("s5", data.sections[4][1], text)
    result = check(read(data))
    odd = [f for f in result.findings if f.rule == "TX-6" and f.outcome is Outcome.FAILED]
    assert len(odd) == 1 and odd[0].severity is Severity.WARNING and "2022年" in odd[0].message


def test_repeated_and_missing_section_numbers():
    data = sample()
    data.sections[1] = ("s2", "一、主动公开政府信息情况", "")
    del data.sections[5]
    result = check(read(data))
    assert "重复" in finding(result, "ST-1:s2").message
    missing = finding(result, "ST-1:s6")
    assert missing.is_error and "六、其他需要报告的事项" in missing.message


def test_intro_that_claims_six_parts_and_lists_five():
    data = sample()
    data.extra_before_s1 = ["本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。"]
    st4 = finding(check(read(data)), "ST-4")
    assert st4.outcome is Outcome.FAILED and "只列出5项" in st4.message


def test_traditional_sample_reads_like_the_simplified_one():
    import opencc

    from core.text.normalize import to_simplified

    text = render_text(sample(), "pipe")
    traditional = opencc.OpenCC("s2t").convert(text)
    assert traditional != text and to_simplified(traditional) != traditional
    a = build_report(parse_text(text, "a.txt", "x"))
    b = build_report(parse_text(traditional, "b.txt", "x"))
    assert b.meta.script == "traditional"
    assert {k: c.value for k, c in a.cells.items()} == {k: c.value for k, c in b.cells.items()}


def test_a_title_over_two_lines_and_one_below_a_menu():
    """Word titles wrap after the body's name; a page copied from a portal has menu words above the title."""
    from dataclasses import replace

    data = sample()
    wrapped = read(replace(data, title="青山街道办事处\n2023年政府信息公开工作年度报告"))
    assert wrapped.meta.title == "青山街道办事处2023年政府信息公开工作年度报告"
    assert wrapped.agency == "青山街道办事处"
    below_menu = read(replace(data, title="互动交流\n政府信息公开年报\n2023年政府信息公开工作年度报告"))
    assert below_menu.meta.title == "2023年政府信息公开工作年度报告"


def test_a_pdf_title_cut_inside_a_word_is_one_title():
    """LibreOffice centres the sample's title and wraps it as 「…工作年度报」 / 「告」: one title, not 「没有标题」."""
    from core.api import open_report
    from tests.conftest import ROOT

    report = open_report(str(ROOT / "resources" / "samples" / "sample-2023.pdf"))
    assert report.meta.title == "青山街道办事处2023年政府信息公开工作年度报告"
    assert report.agency == "青山街道办事处" and report.year == 2023
    assert not [f for f in check(report).findings if f.rule == "ST-5" and f.is_problem]
