"""Reports as government portals publish them: the report's HTML inside the portal's own page."""
from __future__ import annotations

import re

import pytest

from core.api import open_report
from core.assemble import build_report
from core.check import check
from core.findings import Outcome
from core.model import Written
from core.readers.html import layout_grid, read, read_page
from tests.conftest import SEEDS
from tests.fixtures.compare import cell_differences, reading

SEED_NAMES = [p.name[:3] for p in SEEDS]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_each_seed_as_a_portal_page_reads_like_its_text(html_corpus, seed_reports, name):
    text = seed_reports[name]
    page = open_report(str(html_corpus.seeds()[name].path("html")))
    assert page.kind == "html"
    assert reading(page) == reading(text)
    differ = cell_differences(text, page)
    # LibreOffice's HTML squares off a row a clerk cut short in Word: the missing cells come back empty.
    assert all(text.cells[c].written is Written.MISSING and page.cells[c].written is Written.BLANK for c in differ)
    assert len(differ) == (3 if name == "000" else 0)


def test_the_portals_own_page_is_not_the_report(html_corpus, seed_reports):
    page = open_report(str(html_corpus.seeds()["004"].path("html")))
    texts = [p.text for p in page.document.paragraphs]
    for furniture in ("首页", "政务服务", "当前位置", "分享到", "打印本页", "网站标识码", "请输入关键字", "2022年政府信息公开工作年度报告"):
        assert not any(furniture in t for t in texts), furniture
    assert page.meta.title == seed_reports["004"].meta.title
    assert page.document.paragraphs[0].heading_level == 1  # the portal's <h1> title
    assert page.preface.startswith("发布日期")  # the article's own line stays: it is on the page, not navigation
    raw = html_corpus.seeds()["004"].path("html").read_bytes()
    assert b'charset=gb2312' in raw and "街道".encode("gbk") in raw  # the test page really is GBK


def _open_bytes(data: bytes, name: str = "page.html"):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return open_report(str(path))


def _page(body: str, charset: str = "utf-8") -> bytes:
    return f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>'.encode(charset)


def test_rowspan_and_colspan_give_true_grid_columns():
    table = (
        "<table>"
        "<tr><td rowspan=2 colspan=2>申请人</td><td colspan=2>法人</td><td rowspan=3>总计</td></tr>"
        "<tr><td>商业</td><td>科研</td></tr>"
        "<tr><td>一、新收</td><td>x</td><td>1</td><td>2</td></tr>"
        "</table>"
    )
    grid = read("t.html", _page(table), "x").grids[0]
    assert grid.has_grid
    assert [[(c.text, c.col, c.span, c.covered) for c in row] for row in grid.rows] == [
        [("申请人", 0, 2, False), ("法人", 2, 2, False), ("总计", 4, 1, False)],
        [("", 0, 2, True), ("商业", 2, 1, False), ("科研", 3, 1, False), ("", 4, 1, True)],
        [("一、新收", 0, 1, False), ("x", 1, 1, False), ("1", 2, 1, False), ("2", 3, 1, False), ("", 4, 1, True)],
    ]
    assert (grid.rows[2][3].loc.table, grid.rows[2][3].loc.row, grid.rows[2][3].loc.col) == (0, 2, 3)


def test_layout_grid_clamps_spans_that_run_past_the_table():
    assert layout_grid([[("a", 1, 9)], [("b", 1, 1)]]) == [[(0, 1, "a")], [(0, 1, None), (1, 1, "b")]]


def test_a_page_laid_out_in_a_table_reads_its_paragraphs_and_headings():
    body = (
        "<table><tr><td>"
        "<p>某某镇人民政府2024年政府信息公开工作年度报告</p>一、总体情况<br>2024年，某某镇依法做好政府信息公开工作。"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
        "<table border=1><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
        "<tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td><td rowspan=2>尚未审结</td>"
        "<td rowspan=2>总计</td><td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>"
        "<tr>" + "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>" * 2 + "</tr>"
        "<tr>" + "<td>1</td>" + "<td>0</td>" * 3 + "<td>1</td>" + "<td>0</td>" * 10 + "</tr></table>"
        "</td></tr></table>"
    )
    report = _open_bytes(_page(body, "gbk"))
    assert report.meta.title == "某某镇人民政府2024年政府信息公开工作年度报告"
    assert report.sections["s1"].found and report.sections["s4"].found
    assert report.sections["s1"].text == "2024年，某某镇依法做好政府信息公开工作。"
    assert report.value("t4:1/review.upheld") == 1 and report.value("t4:1/review.total") == 1
    assert report.cell("t4:1/after.total").loc.col == 14


@pytest.mark.parametrize("encoding, declared", [("utf-8", "utf-8"), ("gbk", "gb2312"), ("gb18030", None), ("utf-16", None)])
def test_encodings(encoding, declared):
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    html = f"<html><head>{meta}</head><body><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></body></html>"
    document = read("p.html", html.encode(encoding), "x")
    assert [p.text for p in document.paragraphs] == ["六、其他需要报告的事项", "本年度未收取信息处理费。"]


def test_no_entity_of_the_page_is_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    html = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            "<html><body><p>六、其他需要报告的事项&xxe;</p><p>无&amp;</p></body></html>")
    texts = [p.text for p in read("p.html", html.encode("utf-8"), "x").paragraphs]
    assert not any("机密内容" in t for t in texts) and "无&" in texts


def test_control_characters_are_nothing_as_in_a_browser():
    """Found by fuzzing: lxml's HTML parser keeps them, then refuses them when the portal's furniture is cut out."""
    page = _page("<p>六、其他\x0b需要报告的事项</p>\x00<nav>首页</nav>\x0c本年度未收取信息处理费。\x01")
    texts = [p.text for p in read("p.html", page, "x").paragraphs]
    assert texts == ["六、其他需要报告的事项", "本年度未收取信息处理费。"]


def test_a_page_that_claims_utf16_but_is_not_is_read_as_it_is():
    html = '<html><head><meta charset="utf-16"></head><body><p>五、存在的主要问题及改进情况</p></body></html>'
    assert read("p.html", html.encode("utf-8"), "x").paragraphs[0].text == "五、存在的主要问题及改进情况"


def test_a_line_break_in_the_source_between_chinese_characters_is_no_space():
    document = read("p.html", _page("<p>政府信息\n  公开工作 2024\n年</p>"), "x")
    assert document.paragraphs[0].text == "政府信息公开工作 2024 年"


def test_a_page_with_only_navigation_is_not_a_report():
    from core.readers.errors import ReadError

    with pytest.raises(ReadError) as error:
        _open_bytes(_page("<div class='nav'><a href='/'>首页</a></div>"))
    assert error.value.code == "not_a_report"


def _cells(*texts: str | tuple[str, int]) -> str:
    """A row of <td>: a text, or (text, colspan)."""
    return "<tr>" + "".join(f"<td colspan={t[1]}>{t[0]}</td>" if isinstance(t, tuple) else f"<td>{t}</td>" for t in texts) + "</tr>"


def test_a_row_merged_otherwise_than_its_header_puts_each_number_under_its_header():
    """A real report (2019 format, a city government's office): over 行政许可's numbers the header reads
    上一年项目数量 | 本年增/减 (two grid columns) | 处理决定数量, but the row's cells are merged the other way:
    its first number spans the header's first two grid columns, its second stands in the third."""
    head = ("信息内容", "上一年项目数量", ("本年增/减", 2), "处理决定数量")
    table = (
        "<table>"
        + _cells(("第二十条第（一）项", 5))
        + _cells("信息内容", "本年新<br>制作数量", ("本年新<br>公开数量", 2), "对外公开总数量")
        + _cells("规章", "13", ("13", 2), "524")
        + _cells("规范性文件", "60", ("60", 2), "368")
        + _cells(("第二十条第（五）项", 5))
        + _cells(*head)
        + _cells("行政许可", ("3", 2), "-1", "57")
        + _cells("其他对外管理服务事项", ("0", 2), "0", "0")
        + "</table>"
    )
    report = _open_bytes(_page("<p>二、主动公开政府信息情况</p>" + table))
    values = {cid: report.value(cid) for cid in ("t2:license/prev_count", "t2:license/change", "t2:license/decisions")}
    assert values == {"t2:license/prev_count": 3, "t2:license/change": -1, "t2:license/decisions": 57}
    assert report.cell("t2:rules/total_published").value == 524
    assert not [n for n in report.notes if n.kind in ("long_row", "short_row")]


def test_a_page_whose_body_has_no_title_takes_it_from_its_title_element(html_corpus, seed_reports):
    """Some portals show the title only in the browser's tab: the page's <title>, after which they put their
    own name (「…年度报告_杭州市拱墅区人民政府」)."""
    page = html_corpus.seeds()["001"].path("html").read_bytes().decode("gbk")
    page = re.sub(r'<h1 class="title">.*?</h1>', "", page, flags=re.DOTALL)
    start = page.index('id="zoom">')
    first = re.compile(r'<p align="center".*?</p>', re.DOTALL).search(page, start)
    assert "政府信息公开工作年度报告" in re.sub("<[^>]+>", "", first.group(0))
    page = page[: first.start()] + page[first.end():]
    report = build_report(read_page("无标题.html", page, "x"))
    assert report.meta.title == seed_reports["001"].meta.title == "2020年杭州市富阳区人民政府办公室政府信息公开工作年度报告"
    assert (report.year, report.agency) == (2020, "杭州市富阳区人民政府办公室")
    assert next(f for f in check(report).findings if f.rule == "ST-5").outcome is Outcome.PASSED
