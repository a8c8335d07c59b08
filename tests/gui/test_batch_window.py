"""「打开文件夹…」 in the real window: every report under a folder checked off the window's thread,
listed a row each, sortable; a row opens its report and the list is one click away; 取消 stops the
run; 「导出汇总表」 writes the summary workbook."""
from __future__ import annotations

import os
import shutil
import threading

import openpyxl
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDropEvent

from core.api import open_report
from core.check import check
from gui.batch_list import VERDICT
from gui.marks import VERDICT_COLOURS
from tests.conftest import SAMPLE
from tests.fixtures.folders import EXPECTED, mixed_folder
from tests.gui.conftest import save_as
from tests.gui.test_window import listed

CHECK_TIMEOUT_MS = 60_000


def check_folder(qtbot, window, folder) -> None:
    with qtbot.waitSignal(window.batch_shown, timeout=CHECK_TIMEOUT_MS):
        window.open_folder(str(folder))


def test_a_folder_of_mixed_files_is_listed_a_row_each(qtbot, window, tmp_path):
    folder = mixed_folder(tmp_path)
    window.open_folder(str(folder))
    assert window.pages.currentWidget() is window.loading  # checked off the window's thread
    assert window.loading.cancel.isVisible()
    with qtbot.waitSignal(window.batch_shown, timeout=CHECK_TIMEOUT_MS):
        pass
    page = window.batch_page
    assert window.pages.currentWidget() is page and not window.verdict.isVisible()
    rows = page.shown_rows()
    assert [(row[0], row[4]) for row in rows] == EXPECTED
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "文件"
    by_file = {row[0]: row for row in rows}
    qingshan = by_file[os.path.join("乡镇 街道", "青山", "青山街道 2023年 年报.txt")]
    assert qingshan[1:4] == ["青山街道办事处", "2023", "2021版"] and qingshan[5:7] == ["3", "1"]
    assert qingshan[7].startswith("1. 表三「商业企业」列")
    assert by_file["旧格式.doc"][7].startswith("暂不能直接读取Word 97-2003 文档（.doc）")
    assert by_file["空白.txt"][7].startswith("这个文件是空的")
    assert page.tally.text() == "共检查6份报告：2份有错误，1份需核实，1份检查通过，2份无法读取。"
    assert window.statusBar().currentMessage() == page.tally.text()
    verdict = page.proxy.index(0, VERDICT)
    assert verdict.data(Qt.ItemDataRole.BackgroundRole).color().name() == VERDICT_COLOURS["error"][0]


def test_the_list_sorts_by_any_column(qtbot, window, tmp_path):
    check_folder(qtbot, window, mixed_folder(tmp_path))
    page = window.batch_page
    page.table.sortByColumn(VERDICT, Qt.SortOrder.AscendingOrder)  # the worst first
    assert [row[4] for row in page.shown_rows()] == [
        "发现3处错误，暂不宜提交",
        "发现2处错误，暂不宜提交",
        "无法读取",
        "无法读取",
        "还有1项需要核实",
        "检查通过，可以提交",
    ]
    page.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # 错误, as numbers
    assert [row[5] for row in page.shown_rows()][:2] == ["3", "2"]


def test_double_clicking_a_row_opens_its_report_and_the_list_is_one_click_away(qtbot, window, tmp_path):
    folder = mixed_folder(tmp_path)
    check_folder(qtbot, window, folder)
    page = window.batch_page
    path = str(folder / "乡镇 街道" / "青山" / "青山街道 2023年 年报.txt")
    index = page.row_of(path)
    table, where = page.table, page.table.visualRect(index).center()
    with qtbot.waitSignal(window.report_shown, timeout=CHECK_TIMEOUT_MS):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double-click's first press
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.pages.currentWidget() is window.report_page and window.session.report.source == path
    result = check(open_report(path))
    assert window.verdict.isVisible() and window.verdict.text.text().endswith(result.verdict.text)
    assert sorted(key for key, _, _ in listed(window)) == sorted(f.key for f in result.findings)
    assert window.list_action.isVisible() and window.list_action.isEnabled()
    window.list_action.trigger()
    assert window.pages.currentWidget() is page and not window.verdict.isVisible()
    assert not window.list_action.isVisible()
    window.batch_page.report_chosen.emit(path)  # the report still open: straight back to it, not read again
    assert window.pages.currentWidget() is window.report_page and not window.loader.busy


def test_an_unreadable_row_says_why_when_opened_and_the_list_stays(qtbot, window, tmp_path):
    folder = mixed_folder(tmp_path)
    check_folder(qtbot, window, folder)
    with qtbot.waitSignal(window.read_failed, timeout=CHECK_TIMEOUT_MS):
        window.batch_page.report_chosen.emit(str(folder / "旧格式.doc"))
    assert window.pages.currentWidget() is window.batch_page
    assert window.message.isVisible() and window.message.title.text() == "无法读取「旧格式.doc」"


def test_cancel_stops_the_run_and_goes_back(qtbot, window, tmp_path):
    folder = tmp_path / "很多报告"
    folder.mkdir()
    for n in range(300):
        shutil.copy(SAMPLE, folder / f"{n:03d} 报告.txt")
    with qtbot.waitSignal(window.folder_checker.progress, timeout=CHECK_TIMEOUT_MS, check_params_cb=lambda done, *_: done >= 1):
        window.open_folder(str(folder))
    assert window.loading.bar.maximum() == 300 and "共300份" in window.loading.label.text()
    with qtbot.assertNotEmitted(window.folder_checker._done):  # the run stops: it never reaches its end
        qtbot.mouseClick(window.loading.cancel, Qt.MouseButton.LeftButton)
        assert window.pages.currentWidget() is window.empty
        qtbot.waitUntil(lambda: not any(t.name == "folder-check" and t.is_alive() for t in threading.enumerate()), timeout=CHECK_TIMEOUT_MS)
    assert window.batch_page is None and not window.folder_checker.busy
    assert "已取消检查文件夹" in window.statusBar().currentMessage()


def test_a_folder_without_reports_says_so(qtbot, window, tmp_path):
    (tmp_path / "照片.heic").write_bytes(b"\0\0\0\x18ftypheic")  # a phone's photo in a kind not read (a .jpg would be a page)
    with qtbot.waitSignal(window.folder_checker.finished, timeout=CHECK_TIMEOUT_MS):
        window.open_folder(str(tmp_path))
    assert window.pages.currentWidget() is window.empty and window.batch_page is None
    assert window.message.isVisible() and "中没有找到报告" in window.message.title.text()


def test_the_summary_workbook_is_written(qtbot, window, tmp_path):
    folder = mixed_folder(tmp_path)
    check_folder(qtbot, window, folder)
    target = tmp_path / "区政府办 汇总.xlsx"
    saved = save_as(qtbot, target)
    qtbot.mouseClick(window.batch_page.summary_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert saved["title"] == "导出汇总表" and saved["proposed"] == str(tmp_path / "2023年 各单位年报（检查汇总）.xlsx")
    sheet = openpyxl.load_workbook(target)["汇总"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(os.path.relpath(r[0], folder), r[4]) for r in rows] == EXPECTED
    assert window.statusBar().currentMessage() == "汇总表已保存。"


def test_a_folder_dropped_on_the_window_is_checked(qtbot, window, tmp_path):
    folder = mixed_folder(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.batch_shown, timeout=CHECK_TIMEOUT_MS):
        window.dropEvent(drop)
    assert len(window.batch_page.shown_rows()) == len(EXPECTED)


def test_the_empty_window_offers_to_check_a_folder(window):
    assert window.empty.folder_button.text() == "检查整个文件夹…"
    assert window.folder_action.text() == "打开文件夹…" and window.folder_action.isEnabled()
