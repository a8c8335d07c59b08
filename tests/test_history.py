"""This year's report against last year's (X-1, X-3, T2-4, T2-5), in core and on the command line.

Pairs of consecutive reports are made from the sample (2021 format) and from seed 001
(2019 format), rendered as the text files a clerk would bring and read back.
"""
from __future__ import annotations

import json

import pytest

from core.api import open_report
from core.assemble import build_report
from core.check import check
from core.findings import Outcome, Severity
from core.readers.text import parse_text
from core.rules.history import compare_years
from tests.conftest import seed
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import ReportData, from_report, render_text
from tests.test_cli import run

COLUMNS = ("natural", "business", "research", "ngo", "legal", "other", "total")

LAST_S1 = (
    "2022年，青山街道办事处围绕优化营商环境和基层治理，推进主动公开、依申请公开、政府信息管理、平台建设和监督保障。\n"
    "（一）主动公开\n全年在门户网站专栏发布政府信息298条，及时更新机构职能、规划计划和财政资金信息。\n"
    "（二）依申请公开\n全年共收到政府信息公开申请15件，办结13件，结转下年度继续办理2件。"
)
LAST_S5 = "一是公开栏目分类不够清晰；二是政策解读以文字为主。街道已调整栏目设置，增加图解和视频解读。"


def read(data: ReportData, name: str):
    """A report as read from its text file (`name` makes the fingerprint: two files, two reports)."""
    return build_report(parse_text(render_text(data), name, name))


def last_year_of_sample() -> ReportData:
    """The sample's 2022 report: carries into 2023 what the sample says it took over."""
    data = sample()
    data.title = data.title.replace("2023", "2022")
    data.sections[0] = ("s1", "一、总体情况", LAST_S1)
    data.sections[4] = ("s5", "五、存在的主要问题及改进情况", LAST_S5)
    for column in COLUMNS:  # the sample's 二、上年结转: 2 natural persons
        data.cells[f"t3:4/{column}"] = data.cells[f"t3:2/{column}"]
    data.cells["t2:normative/in_force"] = "8"  # 8 + 2 issued − 1 repealed = the sample's 9
    return data


def failed(findings):
    return {f.key: f for f in findings if f.outcome is Outcome.FAILED}


def test_consecutive_reports_that_agree():
    findings = compare_years(read(sample(), "2023.txt"), read(last_year_of_sample(), "2022.txt"))
    assert failed(findings) == {}
    x1 = [f for f in findings if f.rule == "X-1"]
    assert [f.key for f in x1] == [f"X-1:{c}" for c in COLUMNS] and all(f.outcome is Outcome.PASSED for f in x1)
    assert {f.key: f.outcome for f in findings if f.rule in ("X-3", "T2-4", "T2-5")} == {
        "X-3:s1": Outcome.PASSED,
        "X-3:s5": Outcome.PASSED,
        "T2-4:rules": Outcome.PASSED,
        "T2-4:normative": Outcome.PASSED,
        "T2-5": Outcome.NOT_APPLICABLE,  # the 2021 format has no 上一年项目数量
    }


def test_a_carry_over_that_does_not_agree_is_an_error_naming_the_column():
    last = last_year_of_sample()
    last.cells["t3:4/business"], last.cells["t3:4/total"] = "1", "3"
    result = check(read(sample(), "2023.txt"), previous=read(last, "2022.txt"))
    bad = failed(result.findings)
    assert set(bad) >= {"X-1:business", "X-1:total"} and "X-1:natural" not in bad
    x1 = bad["X-1:business"]
    assert x1.is_error and x1.cells == ("t3:2/business",) and (x1.expected, x1.actual) == (1, 0)
    assert x1.message == "表三「商业企业」列：本报告“二、上年结转”为0，上年报告“四、结转下年度继续办理”为1，应当相等。请核对本年或上年的表三。"
    assert result.verdict.errors == 3 + 2  # the sample's own three, and these two


def test_sections_copied_from_last_year_are_a_warning_quoting_the_passage():
    last = last_year_of_sample()
    last.sections[4] = sample().sections[4]  # 五 unchanged from last year
    this = sample()
    this.sections[0] = ("s1", "一、总体情况", LAST_S1.replace("2022", "2023").replace("298条", "326条"))  # only the figures updated
    findings = compare_years(read(this, "2023.txt"), read(last, "2022.txt"))
    bad = failed(findings)
    assert set(bad) == {"X-3:s1", "X-3:s5"}
    assert bad["X-3:s1"].severity is Severity.WARNING and bad["X-3:s1"].actual == 100
    assert "青山街道办事处围绕优化营商环境和基层治理" in bad["X-3:s1"].message
    assert bad["X-3:s5"].quote == sample().sections[4][2]


def test_a_few_shared_phrases_are_not_copying():
    last = last_year_of_sample()
    this = sample()  # shares 「主动公开、依申请公开、政府信息管理、平台建设和监督保障」 with last year's
    x3 = {f.key: f for f in compare_years(read(this, "2023.txt"), read(last, "2022.txt")) if f.rule == "X-3"}
    assert x3["X-3:s1"].outcome is Outcome.PASSED and x3["X-3:s1"].actual < 30


def test_table_two_documents_in_force_follow_from_last_year():
    last = last_year_of_sample()
    last.cells["t2:normative/in_force"] = "7"
    bad = failed(compare_years(read(sample(), "2023.txt"), read(last, "2022.txt")))
    t24 = bad["T2-4:normative"]
    assert t24.severity is Severity.WARNING and t24.cells == ("t2:normative/in_force",)
    assert (t24.expected, t24.actual) == (8, 9)
    assert "上年行政规范性文件·现行有效件数7加本年行政规范性文件·本年制发件数2减本年行政规范性文件·本年废止件数1" in t24.message


def _seed_001_last_year() -> ReportData:
    """Seed 001 (2020, 2019 format) and a 2019 report it follows from."""
    data = from_report(open_report(str(seed("001"))))
    data.title = data.title.replace("2020", "2019")
    data.sections = [(sid, heading, "") for sid, heading, _ in data.sections]
    for column in COLUMNS:
        data.cells[f"t3:4/{column}"] = {"natural": "1", "total": "1"}.get(column, "0")
    data.cells["t2:normative/total_published"] = "23"  # + 18 published in 2020 = 41
    data.cells["t2:penalty/prev_count"], data.cells["t2:penalty/change"] = "3", "-1"  # 2020's 上一年项目数量 would be 2
    return data


def test_2019_format_carried_counts():
    this = open_report(str(seed("001")))
    findings = compare_years(this, read(_seed_001_last_year(), "2019.txt"))
    bad = failed(findings)
    assert set(bad) == {"T2-5:penalty"}
    assert (bad["T2-5:penalty"].expected, bad["T2-5:penalty"].actual) == (2, 0)
    assert all(f.outcome is Outcome.PASSED for f in findings if f.rule == "X-1")
    assert next(f for f in findings if f.key == "T2-4:normative").outcome is Outcome.PASSED


def test_formats_that_differ_cannot_be_followed_row_by_row():
    last = _seed_001_last_year()
    last.title = last.title.replace("2019", "2020")
    this = sample()
    this.title = this.title.replace("2023", "2021")  # a 2021-format report after a 2019-format one
    last.title = "青山街道办事处2020年政府信息公开工作年度报告"
    findings = compare_years(read(this, "2021.txt"), read(last, "2020.txt"))
    assert not [f for f in findings if f.key == "X-1:pair"]
    assert {f.key: f.outcome for f in findings if f.rule.startswith("T2")} == {"T2-4": Outcome.NOT_APPLICABLE, "T2-5": Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: setattr(d, "title", d.title.replace("2023", "2021")), "不是相邻的两年"),
        (lambda d: setattr(d, "title", d.title.replace("青山街道办事处2023", "白水镇人民政府2022")), "不是同一机关"),
    ],
)
def test_reports_that_are_not_a_pair_are_said_so(change, words):
    last = sample()
    change(last)
    findings = compare_years(read(sample(), "2023.txt"), read(last, "other.txt"))
    assert len(findings) == 1 and findings[0].outcome is Outcome.NOT_ASSESSABLE and words in findings[0].message


def test_the_same_file_twice():
    report = read(sample(), "2023.txt")
    (finding,) = compare_years(report, report)
    assert "同一个文件" in finding.message


# --- the command line ---------------------------------------------------------------------


def write(tmp_path, name: str, data: ReportData) -> str:
    path = tmp_path / name
    path.write_text(render_text(data), encoding="utf-8")
    return str(path)


def test_check_with_previous_on_the_command_line(tmp_path):
    last = last_year_of_sample()
    last.cells["t3:4/natural"], last.cells["t3:4/total"] = "3", "3"
    this_path, last_path = write(tmp_path, "青山 2023.txt", sample()), write(tmp_path, "青山 2022.txt", last)
    done = run("check", this_path, "--previous", last_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "【错误】表三「自然人」列：本报告“二、上年结转”为2，上年报告“四、结转下年度继续办理”为3，应当相等。" in done.stdout
    assert "发现5处错误，暂不宜提交" in done.stdout
    (result,) = json.loads(run("check", this_path, "--previous", last_path, "--json").stdout)
    assert result["previous"] == {"file": last_path, "error": None}
    x1 = [f for f in result["findings"] if f["rule"] == "X-1" and f["outcome"] == "failed"]
    assert [(f["cells"], f["expected"], f["actual"]) for f in x1] == [(["t3:2/natural"], 3, 2), (["t3:2/total"], 3, 2)]


def test_an_unreadable_previous_report_is_said_and_this_years_still_checked(tmp_path):
    this_path = write(tmp_path, "2023.txt", sample())
    old = tmp_path / "2022.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    done = run("check", this_path, "--previous", str(old))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "发现3处错误" in done.stdout and "【无法对照】上年报告" in done.stdout and "另存为" in done.stdout


def test_previous_goes_with_one_report():
    done = run("check", str(seed("001")), str(seed("002")), "--previous", str(seed("000")))
    assert done.returncode == 2 and "只能与一份报告一起使用" in done.stderr
