"""Every layout that copying a report out of Word, a web page or a PDF produces, in every encoding."""
from __future__ import annotations

import pytest

from core.api import open_report
from core.assemble import build_report
from core.model import Written
from core.readers.errors import ReadError
from core.readers.text import parse_text
from tests.conftest import SEEDS
from tests.fixtures.compare import cell_differences
from tests.fixtures.text_render import from_report, render_text


@pytest.mark.parametrize("layout", ["cells", "pipe", "tabs", "spaces"])
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_layout_reads_to_the_same_cells(path, layout):
    report = open_report(str(path))
    text = render_text(from_report(report), layout)
    again = build_report(parse_text(text, "copy.txt", "x"))
    assert again.layout.name == report.layout.name
    differ = cell_differences(report, again)
    if layout == "spaces":
        # Copied from a PDF: a row short of numbers does not say which of its cells is the blank one, so it is
        # left unread (seed 000's rows cut short in Word), never read into the first columns.
        short = {cid.rsplit("/", 1)[0] for cid, cell in report.cells.items() if cell.written is Written.MISSING}
        assert all(again.cells[c].written is Written.MISSING and c.rsplit("/", 1)[0] in short for c in differ)
        assert bool(differ) == bool(short)
    else:
        assert differ == []
    assert [s.found for s in again.sections.values()] == [True] * 6
    assert (again.year, again.agency) == (report.year, report.agency)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk"])
def test_encodings_are_detected(tmp_path, encoding):
    source = SEEDS[4].read_text(encoding="utf-8")
    path = tmp_path / f"报告 {encoding}.txt"
    path.write_bytes(source.encode(encoding))
    report = open_report(str(path))
    assert report.meta.title.startswith("杭州市拱墅区")
    assert report.value("t2:penalty/decisions") == 623


def test_markdown_table_with_separator_row_and_headings():
    text = "\n".join(
        [
            "# 某某镇人民政府2024年政府信息公开工作年度报告",
            "## 一、总体情况",
            "2024年，某某镇人民政府依法做好政府信息公开工作。",
            "## 四、政府信息公开行政复议、行政诉讼情况",
            "| 行政复议 | | | | | 行政诉讼 |",
            "|---|---|---|---|---|---|",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        ]
    )
    report = build_report(parse_text(text, "r.md", "x"))
    assert report.meta.title == "某某镇人民政府2024年政府信息公开工作年度报告"
    assert report.sections["s4"].found and report.tables_found["t4"]
    assert report.value("t4:1/review.upheld") == 1 and report.value("t4:1/review.total") == 1


def test_values_with_spaces_full_width_digits_and_units():
    text = "\n".join(
        [
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量\t２６\t 3件\t0\t0\t0\t0\t29",
        ]
    )
    report = build_report(parse_text(text, "r.txt", "x"))
    assert report.value("t3:1/natural") == 26
    assert report.cell("t3:1/business").unit == "件"
    assert report.value("t3:1/total") == 29


def test_bookmark_residue_is_ignored(seed_reports):
    assert "[bookmark" not in seed_reports["002"].sections["s1"].text
    assert "[bookmark" not in seed_reports["004"].sections["s1"].text


def test_a_report_without_tables_or_sections_is_refused(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("王科长：\n您好！下周一上午九点在三楼会议室开会，请准时参加。\n办公室", encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        open_report(str(path))
    assert caught.value.code == "not_a_report"
    assert "年度报告" in caught.value.message


def test_a_report_whose_tables_are_missing_says_so(tmp_path):
    text = SEEDS[4].read_text(encoding="utf-8")
    start, end = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    path = tmp_path / "no-t3.txt"
    path.write_text(text[:start] + "三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n" + text[end:], encoding="utf-8")
    from core.check import check

    result = check(open_report(str(path)))
    missing = next(f for f in result.findings if f.key == "ST-2:t3")
    assert missing.is_error and "表三" in missing.message
    assert not any(f.rule == "T3-1" for f in result.findings)


@pytest.mark.parametrize("written", ["八", "约8", "8？", "十二件", "20件以上"])
@pytest.mark.parametrize("cid", ["t3:3.1/natural", "t3:1/natural", "t3:3.3.2/natural"])
def test_a_first_number_written_as_text_stays_in_its_column(written, cid):
    """A row's first cell holding text a clerk meant as a number: the cell is unreadable and said to be,
    and every number after it stays under its own column (skipped, it moved them all one to the left)."""
    from core.check import check
    from tests.fixtures.sample_data import sample

    data = sample()
    expected = build_report(parse_text(render_text(data), "a.txt", "x"))
    data.cells[cid] = written
    report = build_report(parse_text(render_text(data), "a.txt", "x"))
    assert cell_differences(expected, report) == [cid]
    assert report.cell(cid).raw == written and report.cell(cid).value is None
    assert not [n for n in report.notes if n.kind in ("short_row", "long_row", "extra")]
    assert f"T3-4:unreadable:{cid}" in {f.key for f in check(report).problems}
