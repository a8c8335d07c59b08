"""The window on a clerk's screen: 1366×768 at 100% and 125%, 1920×1080 at 150% (issue 16).

Qt lays the window out in device-independent pixels, so a screen at a scale factor is, to the window, a
smaller screen: these tests give the window the area `gui.screens` works out for each, and check from the
widgets' geometry what the clerk would see. Screenshots of the same under Xvfb with QT_SCALE_FACTOR:
docs/screenshots/screen-*.png (docs/screenshots/take.py --screen).
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from gui.screens import PREFERRED, clamped, first_geometry, logical
from tests.conftest import SAMPLE
from tests.gui.conftest import in_view, open_in

SCREENS = [(QSize(1366, 768), 1.0), (QSize(1366, 768), 1.25), (QSize(1920, 1080), 1.5)]


def visible_lines(window) -> int:
    """The checklist's lines wholly inside its list, as the list stands."""
    tree = window.checklist.tree
    inside, index = 0, tree.indexAt(QPoint(4, 1))
    while index.isValid() and tree.viewport().rect().contains(tree.visualRect(index)):
        inside += 1
        index = tree.indexBelow(index)
    return inside


@pytest.mark.parametrize(("physical", "ratio"), SCREENS, ids=["1366x768-100", "1366x768-125", "1920x1080-150"])
def test_the_window_fits_the_screen_with_table_three_whole_and_eight_checklist_lines(qtbot, window, physical, ratio):
    available = QRect(QPoint(0, 0), logical(physical, ratio))
    geometry = first_geometry(available)
    assert available.contains(geometry) and geometry.top() > 0  # the window manager's title bar fits above it
    window.setGeometry(geometry)
    open_in(qtbot, window, SAMPLE)
    view, table = window.report_view, window.report_view.tables["t3"]
    qtbot.waitUntil(lambda: table.mapTo(view.viewport(), QPoint(table.width(), 0)).x() <= view.viewport().width())
    left = table.mapTo(view.viewport(), QPoint(0, 0)).x()
    assert left >= 0  # the whole width of 表三, its label columns to its 总计
    total = table.visualRect(table.form().index_of("t3:1/total"))
    right_edge = table.viewport().mapTo(view.viewport(), total.topRight()).x()
    assert 0 < right_edge < view.viewport().width()
    assert view.zoom >= 0.6  # and not shrunk past reading
    chosen = window.session.problem_cell(window.session.result.findings[window.checklist.tree.currentIndex().data(0x0101)[0]])
    qtbot.waitUntil(lambda: in_view(window, chosen))
    qtbot.waitUntil(lambda: visible_lines(window) >= 8)
    status = window.statusBar().mapTo(window, QPoint(0, window.statusBar().height()))
    assert status.y() <= window.height()  # nothing below the window's edge
    assert window.minimumSizeHint().height() <= geometry.height() and window.minimumSizeHint().width() <= geometry.width()


def test_a_remembered_window_is_brought_onto_the_smaller_screen_it_opens_on():
    small = QRect(QPoint(0, 0), logical(QSize(1366, 768), 1.25))
    from_large = QRect(1800, 900, 1480, 920)  # left where a second, larger monitor was
    placed = clamped(from_large, small)
    assert small.contains(placed) and placed.size() == first_geometry(small).size()
    assert clamped(QRect(100, 100, 800, 500), small) == QRect(100, 100, 800, 500)  # a window that fits stays as it was
    assert first_geometry(QRect(0, 0, 2560, 1440)).size() == PREFERRED


def test_the_report_zooms_by_keys_and_wheel_remembers_it_and_fits_the_width_again(qtbot, window, settings):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    from gui.report_view import FIT_WIDTH
    from gui.settings import REPORT_ZOOM

    open_in(qtbot, window, SAMPLE)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.wait(200)  # the pane at its size, 表三 fitted to it
    view, table = window.report_view, window.report_view.tables["t3"]
    fitted, width = view.zoom, table.width()
    assert window.fit_action.isChecked() and window.zoom_label.text() == f"{round(fitted * 100)}%"
    qtbot.keyClick(window.checklist.tree, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > fitted and table.width() > width and not window.fit_action.isChecked()
    assert settings[REPORT_ZOOM] == view.zoom
    bigger = view.zoom
    qtbot.keyClick(window.checklist.tree, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.checklist.tree, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < bigger and settings[REPORT_ZOOM] == view.zoom
    smaller = view.zoom
    wheel = QWheelEvent(QPointF(50, 50), QPointF(view.mapToGlobal(QPoint(50, 50))), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom > smaller and settings[REPORT_ZOOM] == view.zoom
    open_in(qtbot, window, SAMPLE)  # the next report opens at the zoom the clerk chose
    assert window.report_view.zoom == settings[REPORT_ZOOM] and not window.report_view.fit_width
    window.fit_action.trigger()
    assert window.report_view.zoom == fitted and settings[REPORT_ZOOM] == FIT_WIDTH and window.fit_action.isChecked()


def test_the_right_pane_hides_and_comes_back_by_its_button_and_f9(qtbot, window, settings):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from gui.settings import SIDE_PANE

    open_in(qtbot, window, SAMPLE)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    width = window.report_view.width()
    assert window.side_button.text() == "隐藏右栏 ▸"
    window.side_button.click()
    assert not window.right_pane.isVisible()
    qtbot.waitUntil(lambda: window.report_view.width() > width + 300)
    assert window.side_button.text() == "◂ 显示右栏" and settings[SIDE_PANE] is False
    qtbot.keyClick(window.report_view, Qt.Key.Key_F9)
    assert window.right_pane.isVisible() and window.checklist.isVisible() and settings[SIDE_PANE] is True
    qtbot.waitUntil(lambda: window.report_view.width() == width)


def picture_in_view(window) -> QRect:
    """The part of the original's picture the clerk sees, in the picture's pixels."""
    source = window.details.source
    return source.page_area.viewport().rect().translated(-source.picture.pos())


@pytest.mark.parametrize(("physical", "ratio"), SCREENS, ids=["1366x768-100", "1366x768-125", "1920x1080-150"])
def test_a_pdf_cell_s_original_is_legible_under_the_report(qtbot, window, pdf_corpus, physical, ratio):
    """The page's crop under the report, as wide as the report's column: the cell, the rows around it and its
    header at a size one reads. Seed 004's checklist lines are two rows each on these screens: the list stops at a
    little over half its pane (four lines and more, the rest scrolled to) so that the explanation has the rest."""
    from tests.gui.test_navigation import click_cell

    window.setGeometry(first_geometry(QRect(QPoint(0, 0), logical(physical, ratio))))
    open_in(qtbot, window, pdf_corpus.seeds()["004"].path("pdf"))  # a real report, made a PDF from its Word file
    click_cell(qtbot, window, "t3:3.1/natural")
    source = window.details.source
    assert window.tabs.currentWidget() is window.details and source.box is not None
    report = window.report_view
    assert source.mapTo(window, QPoint(0, 0)).y() >= report.mapTo(window, QPoint(0, report.height())).y()  # under it
    assert source.width() >= report.width() - 4
    qtbot.waitUntil(lambda: picture_in_view(window).contains(source.box))  # the cell's box whole, its digits legible
    assert source.page_area.viewport().height() >= 3 * source.box.height()  # with the rows around it, not a strip
    assert source.box.height() >= 14
    assert visible_lines(window) >= 4


def drag_up(qtbot, pane, by: int) -> None:
    """The clerk drags the pane's split `by` pixels up."""
    from PySide6.QtCore import Qt

    handle = pane.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start - QPoint(0, by))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start - QPoint(0, by))


def test_the_splits_the_clerk_drags_are_kept_for_the_next_report_and_run(qtbot, window, settings, pdf_corpus):
    from gui.settings import CHECKLIST_SPLIT, REPORT_SPLIT

    window.setGeometry(first_geometry(QRect(QPoint(0, 0), logical(QSize(1366, 768), 1.25))))  # the shortest screen
    pdf = pdf_corpus.seeds()["004"].path("pdf")
    open_in(qtbot, window, pdf)
    right, left = window.right_pane.sizes(), window.left_pane.sizes()
    drag_up(qtbot, window.right_pane, 120)  # more room for the explanation
    drag_up(qtbot, window.left_pane, 60)  # and for the original, under the report
    qtbot.waitUntil(lambda: window.right_pane.sizes()[1] >= right[1] + 100 and window.left_pane.sizes()[1] >= left[1] + 50)
    assert 0 < settings[CHECKLIST_SPLIT] < right[0] / sum(right) and 0 < settings[REPORT_SPLIT] < left[0] / sum(left)
    open_in(qtbot, window, pdf)  # the next report (and the next run: the same settings) opens as dragged
    qtbot.waitUntil(lambda: window.right_pane.sizes()[1] >= right[1] + 100 and window.left_pane.sizes()[1] >= left[1] + 50)
