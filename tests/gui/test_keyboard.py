"""The keyboard alone (issue 16, 2): F8 into the problem's cell, a number typed and Enter, F8 on, Ctrl+E; Tab from
area to area with the area that has the keyboard framed. Keys go to the widget that has the focus, as a
clerk's would; nothing is clicked."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui.table_model import CELL_ID_ROLE
from tests.conftest import SAMPLE
from tests.gui.conftest import in_view, open_in


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def current_problem(window):
    from gui.checklist import KEY_ROLE

    key = window.checklist.tree.currentIndex().data(KEY_ROLE)
    return next(f for f in window.session.result.findings if f.key == key)


def opened(qtbot, window) -> None:
    open_in(qtbot, window, SAMPLE)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.checklist.tree.setFocus()  # where a clerk's first click would leave it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.checklist.tree)


def test_f8_type_enter_f8_and_ctrl_e_with_the_keys_alone(qtbot, window):
    opened(qtbot, window)
    press(qtbot, Qt.Key.Key_F8)  # the report opened at its first error; F8 goes on to the second
    problem = current_problem(window)
    assert problem.is_error
    cid = window.session.problem_cell(problem)
    table = window.report_view.tables[cid.split(":", 1)[0]]
    assert QApplication.focusWidget() is table and table.currentIndex().data(CELL_ID_ROLE) == cid
    assert window.focus_frames[0].isVisible() and not window.focus_frames[1].isVisible()
    qtbot.waitUntil(lambda: in_view(window, cid))
    fix = window.session.fix_for(problem.key)
    typed = str(fix.changes[0].new) if fix is not None else "1"
    for key in typed:
        press(qtbot, key)  # the first digit opens the cell's editor with it; the rest go to the editor
    assert QApplication.focusWidget() is not table  # the editor
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.report.value(cid) == int(typed))
    assert window.session.is_corrected(cid) and window.undo_action.isEnabled()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    press(qtbot, Qt.Key.Key_F8)
    after = current_problem(window)
    assert after.key != problem.key
    if window.session.problem_cell(after):
        assert QApplication.focusWidget() is window.report_view.tables[window.session.problem_cell(after).split(":", 1)[0]]
    asked: list[str] = []
    flow_over = []  # the export's dialogs are answered only while Ctrl+E's flow runs: a poll left behind would
    # answer a later test's dialog (it closed test_source's whole-page dialog before that test could look at it)

    def answer_export() -> None:
        if flow_over:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer_export)
            return
        asked.append(type(dialog).__name__)
        dialog.reject()  # 取消: the flow started, nothing written
        if isinstance(dialog, QMessageBox):
            QTimer.singleShot(20, answer_export)

    QTimer.singleShot(0, answer_export)
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    flow_over.append(True)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0] in (QMessageBox.__name__, QFileDialog.__name__)


def test_tab_goes_from_area_to_area_and_the_area_with_the_keyboard_is_framed(qtbot, window):
    opened(qtbot, window)
    press(qtbot, Qt.Key.Key_F8)
    areas = [window.report_view.focus_table(), window.checklist.tree, window.details.text, window.history.view]
    assert QApplication.focusWidget() is areas[0]
    cell = areas[0].currentIndex()
    for n in (1, 2, 3, 0):
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is areas[n]
        assert [frame.isVisible() for frame in window.focus_frames] == [m == n for m in range(4)]
        if n in (2, 3):  # the explanation and the history are tabs of one place: Tab brings each to the front
            assert window.tabs.currentWidget() is (window.details, window.history)[n - 2]
    assert areas[0].currentIndex() == cell  # back in the table, at the same cell: Tab did not walk its cells
    press(qtbot, Qt.Key.Key_F8)  # the next problem: explained, in front of the history
    assert window.tabs.currentWidget() is window.details
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is areas[3] and window.tabs.currentWidget() is window.history
    press(qtbot, Qt.Key.Key_F9)  # the right pane hidden: Tab stays in the report (in the table F8 went to)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.report_view.focus_table()


def test_going_back_through_the_history_by_keys_keeps_the_history_in_front(qtbot, window):
    opened(qtbot, window)
    press(qtbot, Qt.Key.Key_F8)
    press(qtbot, "9")  # a correction typed into the problem's cell
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.history.lines()) == 2)
    assert window.tabs.tabText(window.tabs.indexOf(window.history)) == "修改记录（1）"
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.history.view and window.tabs.currentWidget() is window.history
    press(qtbot, Qt.Key.Key_Up)  # back to the report as opened: the checks run again, the checklist follows
    qtbot.waitUntil(lambda: not window.undo_action.isEnabled())
    assert window.tabs.currentWidget() is window.history and QApplication.focusWidget() is window.history.view
