"""The five real reports, read from their text exports: every cell, section, year, format, finding."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.check import check
from core.findings import Outcome
from core.model import Written
from core.serialize import tables

Z7 = (0,) * 7


def t3(rows: dict[str, tuple[int, ...]], variant: str) -> dict[str, int]:
    from core.formats import FORMATS

    spec = FORMATS[variant].t3
    values = {}
    for row in spec.rows:
        for column, value in zip(spec.columns, rows.get(row.id, Z7)):
            values[f"{row.id}/{column.id}"] = value
    return values


def both(n: int) -> tuple[int, ...]:
    """A row with only natural persons: n in 自然人 and in 总计."""
    return (n, 0, 0, 0, 0, 0, n)


EXPECTED = {
    "000": {
        "title": "五常街道2020年政府信息公开工作年度报告",
        "agency": "五常街道",
        "year": 2020,
        "format": "2019",
        "script": "simplified",
        "headings": ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
        "t3": t3({"1": both(26), "2": both(5), "3.1": both(14), "3.2": both(4), "3.4.1": both(1),
                  "3.5.1": both(1), "3.6": both(7), "3.7": both(27), "4": both(4)}, "2019"),
        "t4": (1, 1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1),
        "t2": {"rules/new_made": 0, "rules/new_published": 0, "rules/total_published": None,
               "normative/new_made": 0, "normative/new_published": 0, "normative/total_published": 0,
               "license/prev_count": None, "license/change": None, "license/decisions": None,
               "other_service/prev_count": 0, "other_service/change": None, "other_service/decisions": None,
               "penalty/prev_count": 0, "penalty/change": 0, "penalty/decisions": 0,
               "coercion/prev_count": 0, "coercion/change": 0, "coercion/decisions": 0,
               "fee/prev_count": 0, "fee/change": 0, "procurement/count": 0, "procurement/amount": 0},
        "failed": {"ST-3:t2:missing_block_label:第二十条第（五）项", "ST-3:t2:missing_row:行政许可",
                   "ST-3:t2:short_row:规章", "ST-3:t2:short_row:其他对外管理服务事项",
                   "T2-1:none_mark", "T3-4:none_mark", "T4-2:none_mark"},
        "not_assessable": {"T2-6:rules"},
    },
    "001": {
        "title": "2020年杭州市富阳区人民政府办公室政府信息公开工作年度报告",
        "agency": "杭州市富阳区人民政府办公室",
        "year": 2020,
        "format": "2019",
        "script": "simplified",
        "headings": ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                     "五、政府信息公开工作存在的主要问题和改进情况", "六、其他需要报告的事项"],
        "t3": t3({"1": (49, 8, 0, 0, 0, 0, 57), "2": both(1), "3.1": (22, 3, 0, 0, 0, 0, 25), "3.2": both(3),
                  "3.3.8": both(1), "3.4.1": both(18), "3.6": both(5), "3.7": (49, 3, 0, 0, 0, 0, 52),
                  "4": (1, 5, 0, 0, 0, 0, 6)}, "2019"),
        "t4": (0,) * 15,
        "t2": {"rules/new_made": 0, "rules/new_published": 0, "rules/total_published": 0,
               "normative/new_made": 18, "normative/new_published": 18, "normative/total_published": 41,
               "license/prev_count": 0, "license/change": 0, "license/decisions": 0,
               "other_service/prev_count": 0, "other_service/change": 0, "other_service/decisions": 0,
               "penalty/prev_count": 0, "penalty/change": 0, "penalty/decisions": 0,
               "coercion/prev_count": 0, "coercion/change": 0, "coercion/decisions": 0,
               "fee/prev_count": 0, "fee/change": 0, "procurement/count": 0, "procurement/amount": 0},
        "failed": {"ST-1:s4", "ST-1:s5", "T2-1:none_mark", "T2-2:unit"},
        "not_assessable": set(),
    },
    "002": {
        "title": "政府信息公开工作年度报告",
        "agency": "拱宸桥街道",
        "year": 2020,
        "format": "2019",
        "script": "simplified",
        "headings": ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
        "t3": t3({}, "2019"),
        "t4": (0,) * 15,
        "t2": {**{f"{r}/{c}": 0 for r in ("rules", "normative") for c in ("new_made", "new_published", "total_published")},
               **{f"{r}/{c}": 0 for r in ("license", "other_service", "penalty", "coercion")
                  for c in ("prev_count", "change", "decisions")},
               "fee/prev_count": 0, "fee/change": 0, "procurement/count": 20, "procurement/amount": 32123000},
        "failed": {"ST-5", "ST-6", "T2-2:amount:t2:procurement/amount"},
        "not_assessable": set(),
    },
    "003": {
        "title": None,
        "agency": "杭州高新区（滨江）行政服务中心",
        "year": 2021,
        "format": "2021",
        "script": "traditional",
        "headings": ["一、總體情況", "二、主動公開政府信息情況", "三、收到和處理政府信息公開申請情況",
                     "四、政府信息公開行政復議、行政訴訟情況", "五、存在的主要問題及改進情況", "六、其他需要報告的事項"],
        "t3": t3({}, "2021"),
        "t4": (0,) * 15,
        "t2": {"rules/issued": 0, "rules/repealed": 0, "rules/in_force": 0, "normative/issued": 0,
               "normative/repealed": 0, "normative/in_force": 1, "license/decisions": 0, "penalty/decisions": 0,
               "coercion/decisions": 0, "fee/amount": 0},
        "failed": {"ST-5"},
        "not_assessable": set(),
    },
    "004": {
        "title": "杭州市拱墅区人民政府小河街道办事处2023年度政府信息公开工作年度报告",
        "agency": "杭州市拱墅区人民政府小河街道办事处",
        "year": 2023,
        "format": "2021",
        "script": "simplified",
        "headings": ["1、 总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
        "t3": t3({"1": both(2), "3.1": both(1), "3.4.3": both(1), "3.7": both(2)}, "2021"),
        "t4": (0,) * 15,
        "t2": {"rules/issued": 0, "rules/repealed": 0, "rules/in_force": 0, "normative/issued": 0,
               "normative/repealed": 0, "normative/in_force": 0, "license/decisions": 0, "penalty/decisions": 623,
               "coercion/decisions": 5, "fee/amount": 0},
        "failed": {"ST-1:s1"},
        "not_assessable": set(),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata_and_sections(seed_reports, name):
    report, want = seed_reports[name], EXPECTED[name]
    assert report.meta.title == want["title"]
    assert report.agency == want["agency"]
    assert report.year == want["year"]
    assert report.layout.name == want["format"]
    assert report.meta.script == want["script"]
    assert [s.heading for s in report.sections.values()] == want["headings"]
    assert all(s.found for s in report.sections.values())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_cells(seed_reports, name):
    report, want = seed_reports[name], EXPECTED[name]
    values = tables(report)
    assert values["t3"] == want["t3"]
    t4_columns = [c.id for c in report.layout.t4.columns]
    assert [values["t4"][f"1/{c}"] for c in t4_columns] == list(want["t4"])
    assert values["t2"] == want["t2"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_findings(seed_reports, name):
    result = check(seed_reports[name])
    failed = {f.key for f in result.findings if f.outcome is Outcome.FAILED}
    not_assessable = {f.key for f in result.findings if f.outcome is Outcome.NOT_ASSESSABLE}
    assert failed == EXPECTED[name]["failed"]
    assert not_assessable == EXPECTED[name]["not_assessable"]
    assert not any(f.rule in ("T3-1", "T3-2", "T3-3", "T4-1") and f.outcome is Outcome.FAILED for f in result.findings)


def test_seed_000_slashes_count_as_zero_with_a_warning(seed_reports):
    report = seed_reports["000"]
    cell = report.cell("t3:1/business")
    assert (cell.value, cell.written, cell.raw) == (0, Written.NONE_MARK, "/")
    warning = next(f for f in check(report).findings if f.key == "T3-4:none_mark")
    assert "t3:1/business" in warning.cells and "「/」" in warning.message


def test_seed_002_procurement_amount_named_in_both_units(seed_reports):
    finding = next(f for f in check(seed_reports["002"]).findings if f.key.startswith("T2-2:amount"))
    assert "3212.3亿元" in finding.message and "3212.3万元" in finding.message
    assert finding.cells == ("t2:procurement/amount",)


def test_seed_003_is_read_from_traditional_characters(seed_reports):
    report = seed_reports["003"]
    assert report.sections["s1"].heading == "一、總體情況"
    assert report.cell("t2:normative/in_force").value == 1
    assert report.cell("t2:normative/in_force").loc.line is not None


def test_every_cell_keeps_where_it_came_from(seed_reports):
    for report in seed_reports.values():
        for cell in report.cells.values():
            if cell.raw is not None:
                assert cell.loc is not None and cell.loc.line is not None and cell.loc.table is not None
                text = Path(report.source).read_text(encoding="utf-8").splitlines()[cell.loc.line - 1]
                assert cell.raw.split("\n")[0].strip() in text
