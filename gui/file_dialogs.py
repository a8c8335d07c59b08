"""Every file dialog of the window (open a report, a folder, last year's report; save an export), made in one place.

Windows shows its own dialog. Elsewhere it is Qt's, which opens at 614×427: the places on its left read
「计…」, a size 「17….KiB」, and the dates are cut off. Here it opens large enough to read its columns
(within the screen it is on), in the detail view.
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QListView, QSplitter, QTreeView, QWidget

READABLE = QSize(900, 560)  # the places, the name, the size, the type and the date all whole
PLACES_WIDTH = 150  # the places on the left (「计算机」 and the home folder's name)
COLUMNS = (400, 90, 110)  # the name (a report's whole title), the size (「17.3 KiB」), the type; the date takes the rest
SCREEN_SHARE = 0.9  # of the screen's free area, at most (a 1366×768 screen at 125%: 983×552)


def file_dialog(parent: QWidget | None, title: str, folder: str, filters: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, folder, filters)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    dialog.resize(min(READABLE.width(), round(free.width() * SCREEN_SHARE)), min(READABLE.height(), round(free.height() * SCREEN_SHARE)))
    _widen_columns(dialog)
    return dialog


def _widen_columns(dialog: QFileDialog) -> None:
    """Qt's own dialog (its parts are named; a native dialog has none): the places and the columns whole — or as
    wide as the clerk made them (Qt keeps that in its own settings, QtProject.conf)."""
    places, split, files = dialog.findChild(QListView, "sidebar"), dialog.findChild(QSplitter, "splitter"), dialog.findChild(QTreeView, "treeView")
    if places is not None and split is not None and split.sizes() and split.sizes()[0] < PLACES_WIDTH:
        split.setSizes([PLACES_WIDTH, max(sum(split.sizes()) - PLACES_WIDTH, PLACES_WIDTH)])
    if files is not None:
        header = files.header()
        for column, width in enumerate(COLUMNS):
            header.resizeSection(column, max(width, header.sectionSize(column)))


def open_file(parent: QWidget | None, title: str, folder: str, filters: str) -> str:
    """The file the clerk chose ('' when cancelled)."""
    dialog = file_dialog(parent, title, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _chosen(dialog)


def open_folder(parent: QWidget | None, title: str, folder: str) -> str:
    """The folder the clerk chose ('' when cancelled)."""
    dialog = file_dialog(parent, title, folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _chosen(dialog)


def _chosen(dialog: QFileDialog) -> str:
    if not dialog.exec():
        return ""
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else ""
