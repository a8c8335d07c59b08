"""「对比上年报告…」 in the real window: last year's report read off the window's thread, the comparisons
in the checklist under 与上年报告对照, their cells marked, and 「取消上年对照」. That the comparison is
made again with every recheck is the edit session's, tested without the window (tests/test_session.py)."""
from __future__ import annotations

from core.api import open_report
from core.check import check
from gui.marks import ERROR
from gui.table_model import MARK_ROLE
from tests.conftest import SAMPLE
from tests.fixtures.text_render import render_text
from tests.gui.conftest import READ_TIMEOUT_MS, open_in, save_as, type_into
from tests.gui.test_navigation import checklist_line
from tests.gui.test_window import listed
from tests.test_history import last_year_of_sample


def last_year(tmp_path):
    """The sample's 2022 report, carrying 3 requests of natural persons into 2023, where the sample took over 2."""
    data = last_year_of_sample()
    data.cells["t3:4/natural"], data.cells["t3:4/total"] = "3", "3"
    path = tmp_path / "青山街道 2022年 年报.txt"
    path.write_text(render_text(data), encoding="utf-8")
    return path


def compare(qtbot, window, path) -> dict:
    """Choose last year's report as a clerk does (检查 → 对比上年报告…) and wait until it is compared."""
    chosen = save_as(qtbot, path)
    with qtbot.waitSignal(window.last_year_loader.finished, timeout=READ_TIMEOUT_MS):
        window.compare_action.trigger()
    return chosen


def mark(window, cid: str):
    model = window.report_view.tables[cid.split(":")[0]].form()
    return model.data(model.index_of(cid), MARK_ROLE)


def rules_marking(window, cid: str) -> set[str]:
    return {f.rule for f in window.session.findings_of(cid)}


def test_a_carry_over_that_disagrees_is_shown_with_its_cells(qtbot, window, tmp_path):
    open_in(qtbot, window, SAMPLE)
    assert mark(window, "t3:2/natural") is None  # this year's table passes there
    path = last_year(tmp_path)
    chosen = compare(qtbot, window, path)
    assert chosen["title"] == "选择同一机关上一年度的报告"
    expected = check(open_report(str(SAMPLE)), previous=open_report(str(path)))
    assert window.verdict.text.text().endswith(expected.verdict.text) and expected.verdict.errors == 5
    assert "已与上年报告对照：青山街道 2022年 年报.txt" in window.verdict.detail.text()
    shown = {key: word for key, _, word in listed(window)}
    assert shown.keys() == {f.key for f in expected.findings}
    assert shown["X-1:natural"] == shown["X-1:total"] == "未通过" and shown["X-1:business"] == "通过"
    assert checklist_line(window, "X-1:natural").parent().parent().data() == "与上年报告对照"
    assert mark(window, "t3:2/natural") is ERROR and rules_marking(window, "t3:2/natural") == {"X-1"}
    assert "X-1" in rules_marking(window, "t3:2/total")
    assert window.report_view.selected_cells() == {"t3:2/natural"}  # the first problem of the comparison, chosen
    assert "表三「自然人」列：本报告“二、上年结转”为2，上年报告“四、结转下年度继续办理”为3" in window.details.text.toPlainText()
    assert "发现2项问题" in window.statusBar().currentMessage()


def test_the_comparison_follows_a_correction_and_is_taken_away(qtbot, window, tmp_path):
    open_in(qtbot, window, SAMPLE)
    compare(qtbot, window, last_year(tmp_path))
    type_into(qtbot, window, "t3:2/natural", "3")  # taken over from last year, as last year's report says
    assert {key: word for key, _, word in listed(window)}["X-1:natural"] == "通过"
    window.undo_action.trigger()
    assert {key: word for key, _, word in listed(window)}["X-1:natural"] == "未通过"
    assert rules_marking(window, "t3:2/natural") == {"X-1"} and mark(window, "t3:2/natural") is ERROR
    window.stop_compare_action.trigger()
    assert not any(key.startswith("X-") for key, _, _ in listed(window)) and mark(window, "t3:2/natural") is None
    assert "已与上年报告对照" not in window.verdict.detail.text() and not window.stop_compare_action.isEnabled()


def test_a_last_year_report_that_cannot_be_read_says_why_and_the_report_stays(qtbot, window, tmp_path):
    open_in(qtbot, window, SAMPLE)
    bad = tmp_path / "去年.txt"
    bad.write_bytes(b"")
    save_as(qtbot, bad)
    with qtbot.waitSignal(window.last_year_loader.failed, timeout=READ_TIMEOUT_MS):
        window.compare_action.trigger()
    assert window.pages.currentWidget() is window.report_page and window.verdict.isVisible()
    assert window.message.isVisible() and window.message.title.text() == "无法读取上年报告「去年.txt」"
    assert "这个文件是空的" in window.message.text.text()
    assert window.session.previous is None and not any(key.startswith("X-") for key, _, _ in listed(window))


def test_comparing_with_the_report_itself_is_said_in_the_checklist(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    compare(qtbot, window, SAMPLE)
    assert {key: word for key, _, word in listed(window)}["X-1:pair"] == "无法判断"
    assert "是同一个文件" in window.details.text.toPlainText()
