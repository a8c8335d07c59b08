"""Correcting a report in the window: typing over a cell, undo and redo, suggested fixes, 重算全部合计,
已核实, the body's name and the year — each checked again at once, the marks and the verdict following.

What each step does to the report, its check and its marks is the edit session's, tested without the
window (tests/test_session.py); here is what only the window does: keys, editors, dialogs, menus, the
checklist's lines, the marks on the tables, 修改记录."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from core.check import failed_cells
from core.presentation import problem_order
from gui.checklist import PROBLEM_ROLE
from gui.table_model import CORRECTED_ROLE, MARK_ROLE
from tests.conftest import SAMPLE, seed
from tests.fixtures.sample_data import sample
from tests.gui.conftest import answer, menu_titled, open_in, open_rendered, type_into
from tests.gui.test_navigation import cell_marks, checklist_line, click_cell, click_line, finding


def state(window):
    """Everything a correction can change, as the window shows it: values, findings, marks, verdict."""
    session = window.session
    return (
        dict(session.report.corrections),
        dict(session.report.meta_corrections),
        [(f.key, f.outcome, f.message) for f in session.result.findings],
        cell_marks(window),
        window.verdict.text.text(),
    )


def test_typing_a_number_rechecks_at_once_and_the_failure_clears(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    model = window.report_view.tables["t4"].form()
    index = model.index_of("t4:1/review.total")
    assert model.data(index, MARK_ROLE) is not None
    type_into(qtbot, window, "t4:1/review.total", "2")
    assert window.session.report.value("t4:1/review.total") == 2
    assert model.data(index) == "2"
    assert model.data(index, MARK_ROLE) is None and model.data(index, CORRECTED_ROLE)
    assert checklist_line(window, "T4-1:review").siblingAtColumn(1).data() == "通过"
    assert window.verdict.text.text() == "✗  发现2处错误，暂不宜提交"
    assert "原为 1，已改为 2" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    click_cell(qtbot, window, "t4:1/review.total")
    assert "原为 1，已改为 2" in window.details.text.toPlainText()
    assert window.details.revert_button.isVisible()
    marked = {cid for cid, mark in cell_marks(window).items() if mark}
    assert marked == set(failed_cells(window.session.result.findings)) & set(cell_marks(window))
    assert window.history.lines() == ["打开时的原样", "表四行政复议·总计：1 → 2"]


def test_a_double_clicked_cell_opens_with_its_number_to_type_over(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    view = window.report_view.tables["t3"]
    index = view.form().index_of("t3:4/business")
    window.report_view.show_cells(["t3:4/business"])
    place = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=place)  # a double click begins with a click
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=place)
    editor = view.indexWidget(index)
    assert editor is not None and editor.text() == "0" and editor.placeholderText() == "填0或正整数"
    editor.selectAll()
    qtbot.keyClicks(editor, "1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.report.value("t3:4/business") == 1)


def test_refused_input_is_said_in_the_status_bar_and_the_number_stays(qtbot, window):
    """What is refused, and why, is the session's (tests/test_session.py); the window says it and keeps the cell."""
    open_in(qtbot, window, SAMPLE)
    before = state(window)
    type_into(qtbot, window, "t3:3.7/business", "abc")
    message = window.statusBar().currentMessage()
    assert message.startswith("表三（七）总计·商业企业：「abc」不是数字") and message.endswith("原来的数没有改动。")
    assert state(window) == before and window.session.undo_stack.count() == 0


def test_a_2019_report_takes_a_negative_change_where_its_form_allows_one(qtbot, window):
    open_in(qtbot, window, seed("001"))
    type_into(qtbot, window, "t2:license/change", "-3")
    assert window.session.report.value("t2:license/change") == -3
    type_into(qtbot, window, "t2:license/prev_count", "-3")
    assert "不能填负数" in window.statusBar().currentMessage()


def test_undo_and_redo_restore_exact_values_and_findings(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    opened = state(window)
    type_into(qtbot, window, "t3:4/business", "1")
    one = state(window)
    type_into(qtbot, window, "t2:fee/amount", "0.75")
    two = state(window)
    assert window.session.report.value("t2:fee/amount") == Decimal("0.75")
    window.activateWindow()
    qtbot.keyClick(window.checklist.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert state(window) == one
    window.undo_action.trigger()
    assert state(window) == opened
    assert not window.undo_action.isEnabled()
    qtbot.keyClick(window.checklist.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert state(window) == one
    window.redo_action.trigger()
    assert state(window) == two
    assert window.session.report.value("t2:fee/amount") == Decimal("0.75")
    assert window.undo_action.toolTip() == "撤销：表二行政事业性收费·本年收费金额（单位：万元）：/ → 0.75"
    window.history.view.setCurrentIndex(window.history.view.model().index(0, 0))  # back to the report as opened
    assert state(window) == opened


def test_a_suggested_fix_is_shown_before_it_is_applied_and_undoes_in_one_step(qtbot, window, tmp_path):
    data = sample()
    data.cells["t3:3.7/natural"] = "14"
    open_rendered(qtbot, window, tmp_path, data)
    before = state(window)
    click_line(qtbot, window, "T3-2:natural")
    button = window.details.fix_button
    assert button.isVisible() and button.text() == "按建议修改：将表三（七）总计·自然人改为15…"
    seen = answer(qtbot, "取消")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen["rows"] == [["表三（七）总计·自然人", "14", "15"]]
    assert state(window) == before  # cancelled: nothing changed
    answer(qtbot, "修改")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.session.report.value("t3:3.7/natural") == 15
    assert window.history.lines()[-1] == "将表三（七）总计·自然人改为15"
    assert not window.details.fix_button.isVisible()  # the line, explained again, has nothing left to fix
    window.undo_action.trigger()
    assert state(window) == before


def test_recomputing_every_total_lists_the_changes_and_is_one_undo_step(qtbot, window, tmp_path):
    data = sample()
    data.cells["t3:3.1/total"] = "11"
    data.cells["t3:4/total"] = "5"
    open_rendered(qtbot, window, tmp_path, data)
    before = state(window)
    seen = answer(qtbot, "修改")
    window.recompute_action.trigger()
    assert seen["title"] == "确认修改"
    assert seen["rows"] == [
        ["表三（一）予以公开·总计", "11", "10"],
        ["表三四、结转下年度·总计", "5", "2"],
        ["表四行政复议·总计", "1", "2"],
    ]
    assert any("重算全部合计（3格）。将修改下面3格" in t for t in seen["texts"])
    assert window.session.undo_stack.count() == 1
    assert window.history.lines() == ["打开时的原样", "重算全部合计（3格）"]
    window.undo_action.trigger()
    assert state(window) == before


def test_nothing_to_recompute_is_said_without_a_dialog(qtbot, window):
    open_in(qtbot, window, seed("004"))
    window.recompute_action.trigger()
    assert "不需要重算" in window.statusBar().currentMessage()


def test_a_metadata_correction_changes_the_required_format(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    assert finding(window, "FMT-1").outcome.value == "passed"

    def fill(year: str, agency: str | None = None):
        def do(dialog):
            dialog.year.setText(year)
            if agency is not None:
                dialog.agency.setText(agency)

        return do

    seen = answer(qtbot, "取消", fill("1999"))
    window.verdict.correct_button.click()
    assert any("报告中读到的：2023" in t for t in seen["texts"])
    answer(qtbot, "更正", fill("2020", "青山街道办事处（党政办）"))
    window.meta_action.trigger()
    assert finding(window, "FMT-1").outcome.value == "failed"
    assert window.session.report.year == 2020 and window.session.report.agency == "青山街道办事处（党政办）"
    assert "年度：2020" in window.verdict.detail.text() and "已更正：机关名称原为青山街道办事处、年度原为2023" in window.verdict.detail.text()
    assert window.verdict.text.text() == "✗  发现4处错误，暂不宜提交"
    assert window.session.undo_stack.count() == 1  # both corrections are one step
    window.undo_action.trigger()
    assert finding(window, "FMT-1").outcome.value == "passed" and window.session.report.year == 2023


def test_a_year_that_cannot_be_is_refused_and_the_form_stays_open(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    shown = {}

    def wrong_then_cancel(dialog):
        dialog.year.setText("2015")
        dialog.accept()  # 更正 with a wrong year: refused, the form stays
        shown["refusal"] = dialog.refusal.text()
        shown["open"] = dialog.isVisible()

    answer(qtbot, "取消", wrong_then_cancel)
    window.meta_action.trigger()
    assert shown["open"] and shown["refusal"].startswith("年度应在2019年到")
    assert window.session.report.year == 2023 and window.session.undo_stack.count() == 0


def test_a_warning_marked_as_checked_no_longer_counts_and_the_mark_undoes(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    type_into(qtbot, window, "t3:4/business", "1")
    type_into(qtbot, window, "t3:4/total", "3")
    type_into(qtbot, window, "t4:1/review.total", "2")
    assert window.verdict.text.text() == "!  还有2项需要核实"  # 「/」 in table 二, and the text's 结转2件 against 3
    click_line(qtbot, window, "T2-1:none_mark")
    assert window.details.confirm_button.isVisible()
    answer(qtbot, "标记为已核实", lambda dialog: dialog.note.setText("收费项目已取消，按0填报"))
    qtbot.mouseClick(window.details.confirm_button, Qt.MouseButton.LeftButton)
    assert window.verdict.text.text() == "!  还有1项需要核实"
    mark_line = checklist_line(window, "T2-1:none_mark")
    assert mark_line.siblingAtColumn(1).data() == "已核实"
    assert mark_line.data().endswith("已核实：收费项目已取消，按0填报")
    assert not mark_line.data(PROBLEM_ROLE)
    model = window.report_view.tables["t2"].form()
    assert model.data(model.index_of("t2:fee/amount"), MARK_ROLE) is None  # no longer amber
    assert window.details.unconfirm_button.isVisible() and "收费项目已取消" in window.details.text.toPlainText()
    window.undo_action.trigger()
    assert window.verdict.text.text() == "!  还有2项需要核实"
    window.redo_action.trigger()
    qtbot.mouseClick(window.details.unconfirm_button, Qt.MouseButton.LeftButton)
    assert window.verdict.text.text() == "!  还有2项需要核实"


def test_a_corrected_cell_goes_back_to_the_number_as_read(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    opened = state(window)
    type_into(qtbot, window, "t2:fee/amount", "0")
    click_cell(qtbot, window, "t2:fee/amount")
    assert "原为 /，已改为 0" in window.details.text.toPlainText()
    qtbot.mouseClick(window.details.revert_button, Qt.MouseButton.LeftButton)
    assert state(window) == opened
    assert not window.details.revert_button.isVisible()
    assert window.history.lines()[-1] == "表二行政事业性收费·本年收费金额（单位：万元）：0 → 恢复原值 /"
    window.undo_action.trigger()
    assert window.session.report.value("t2:fee/amount") == 0 and window.session.is_corrected("t2:fee/amount")


def test_a_table_the_report_lacks_is_not_typed_into(qtbot, window, tmp_path):
    data = sample()
    data.cells = {cid: raw for cid, raw in data.cells.items() if not cid.startswith("t4:")}
    open_rendered(qtbot, window, tmp_path, data)
    model = window.report_view.tables["t4"].form()
    index = model.index_of("t4:1/review.total")
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "2")
    assert window.session.report.corrections == {} and window.session.undo_stack.count() == 0
    t3 = window.report_view.tables["t3"].form()
    assert t3.flags(t3.index_of("t3:1/natural")) & Qt.ItemFlag.ItemIsEditable


def test_a_checklist_line_offers_its_fix_and_its_mark_on_right_click(qtbot, window, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    data = sample()
    data.cells["t3:3.7/natural"] = "14"
    open_rendered(qtbot, window, tmp_path, data)
    offered: dict[str, list[str]] = {}

    def right_click(key: str) -> None:
        tree = window.checklist.tree
        index = checklist_line(window, key)
        tree.scrollTo(index)

        def read_menu() -> None:
            menu = QApplication.activePopupWidget()
            if menu is not None:
                offered[key] = [a.text() for a in menu.actions()]
                menu.close()

        QTimer.singleShot(100, read_menu)
        tree.customContextMenuRequested.emit(tree.visualRect(index).center())
        qtbot.wait(200)  # no menu at all: nothing is left open

    right_click("T3-2:natural")
    right_click("T2-1:none_mark")
    right_click("T3-1:business")
    assert offered == {
        "T3-2:natural": ["按建议修改：将表三（七）总计·自然人改为15…"],
        "T2-1:none_mark": ["按建议修改：把表二填「/」的1格改为0…", "标记为已核实…"],
    }  # the sample's own slip in 商业企业: no fix to offer and not a warning, so no menu


def test_the_guide_tells_a_clerk_how_to_correct_with_what_the_edit_menu_offers(window):
    from gui.help import guide_html

    guide = guide_html(["文本（.txt）"])
    edit = menu_titled(window, "编辑(&E)")
    words = [a.text().rstrip("…") for a in edit.actions() if a.text()]
    assert words == ["撤销", "重做", "重算全部合计", "更正机关名称和年度"]
    assert all(word in guide for word in words)
    assert "Ctrl+Z" in guide and "Ctrl+Y" in guide and "已核实" in guide and "恢复上次的修改" in guide


def test_a_group_that_passed_opens_when_an_edit_makes_it_fail_and_folds_when_mended(qtbot, window):
    open_in(qtbot, window, seed("004"))
    assert not window.checklist.tree.isExpanded(checklist_line(window, "group:t4"))
    type_into(qtbot, window, "t4:1/review.upheld", "1")
    assert window.checklist.tree.isExpanded(checklist_line(window, "group:t4"))
    assert checklist_line(window, "T4-1:review").siblingAtColumn(1).data() == "未通过"
    window.undo_action.trigger()
    assert not window.checklist.tree.isExpanded(checklist_line(window, "group:t4"))


def test_blank_cells_are_filled_in_from_their_finding_in_one_undoable_step(qtbot, window, tmp_path):
    """Table 三 with a none left blank and two totals not written: the 「未填写」 line offers the table filled in,
    the dialog lists every cell, and the tables read as before the blanks — in one step of the undo stack."""
    data = sample()
    full = dict(data.cells)
    for cid in ("t3:3.3.1/natural", "t3:3.1/total", "t3:3.2/total"):
        data.cells[cid] = ""
    open_rendered(qtbot, window, tmp_path, data)
    findings = window.session.result.findings
    walk = [findings[n].key for n in problem_order(findings)]  # F8's order
    assert walk.index("T3-4:blank") < min(i for i, key in enumerate(walk) if key.startswith(("T3-1", "T3-2", "T3-3")))
    click_line(qtbot, window, "T3-4:blank")
    assert window.details.fix_button.text() == "按建议修改：填写表三的3个空白格…"
    said = answer(qtbot, "修改")
    qtbot.mouseClick(window.details.fix_button, Qt.MouseButton.LeftButton)
    assert [row[1:] for row in said["rows"]] == [["未填", "10"], ["未填", "2"], ["未填", "0"]]  # in the form's order
    report = window.session.report
    assert {cid: report.value(cid) for cid in ("t3:3.3.1/natural", "t3:3.1/total", "t3:3.2/total")} == {
        "t3:3.3.1/natural": int(full["t3:3.3.1/natural"]), "t3:3.1/total": 10, "t3:3.2/total": 2}
    assert window.verdict.text.text() == "✗  发现3处错误，暂不宜提交"  # the sample's own slips, as in the file without blanks
    window.undo_action.trigger()
    assert all(window.session.report.value(cid) is None for cid in ("t3:3.3.1/natural", "t3:3.1/total", "t3:3.2/total"))
