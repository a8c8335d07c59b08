"""A folder's reports, a row each: what a district reviewer sees after 「打开文件夹…」.

The columns and their contents are the summary workbook's 「汇总」 sheet (`core.summary`):
file, body, year, format, verdict (in its colour), errors, items to verify, the first problems;
a file that could not be read has its Chinese message in place of its problems. Every column
sorts (numbers as numbers, verdicts worst first); double-clicking a row opens that report.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.batch import Item, totals
from core.summary import SUMMARY_COLUMNS, summary_rows
from gui.marks import VERDICT_COLOURS
from gui.panels import tint

PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # the file of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what the column sorts by
FILE, VERDICT, PROBLEMS = 0, 4, 7  # columns of SUMMARY_COLUMNS the list treats apart
NUMBERS = (2, 5, 6)  # 年度, 错误, 需核实: shown centred, sorted as numbers
LEVEL_ORDER = {"error": 0, "unreadable": 1, "verify": 2, "ok": 3}  # 结论 sorts the worst first
WIDTHS = {FILE: 300, 1: 200, 2: 60, 3: 90, VERDICT: 190, 5: 50, 6: 60}  # pixels at 五号; 主要问题 takes the rest

Index = QModelIndex | QPersistentModelIndex


class BatchModel(QAbstractTableModel):
    def __init__(self, folder: str, items: list[Item], parent=None):
        super().__init__(parent)
        self.folder = folder
        self.items = items
        self.rows = [summary_rows(item) for item in items]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(SUMMARY_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return SUMMARY_COLUMNS[section][0]
        return None

    def shown_path(self, item: Item) -> str:
        """The file as the reviewer knows it: its place under the folder checked."""
        return os.path.relpath(item.path, self.folder)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, value, col = self.items[index.row()], self.rows[index.row()][index.column()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == FILE:
                return self.shown_path(item)
            if col == PROBLEMS:
                return "　".join((value or "").splitlines())
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.path if col == FILE else value if col == PROBLEMS else None
        if role == SORT_ROLE:
            if col == VERDICT:
                return (LEVEL_ORDER[item.level], -item.errors, -item.to_verify)
            if col == FILE:
                return index.row()  # the folder's order: name order, each folder's files before its sub-folders
            return value if value is not None else (-1 if col in NUMBERS else "")
        if role == PATH_ROLE:
            return item.path
        if col == VERDICT and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = VERDICT_COLOURS[item.level]
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole else text))
        if col == VERDICT and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and (col in NUMBERS or col == VERDICT):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class _Sorted(QSortFilterProxyModel):
    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class BatchPage(QWidget):
    report_chosen = Signal(str)  # the file of the row double-clicked (or opened with the button)
    summary_chosen = Signal()  # 「导出汇总表…」

    def __init__(self, folder: str, items: list[Item], parent=None):
        super().__init__(parent)
        self.folder, self.items = folder, items
        self.model = BatchModel(folder, items, self)
        self.proxy = _Sorted(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # as checked, until a heading is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for col, width in WIDTHS.items():
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)  # Enter on a row, as a double-click
        title = QLabel(f"「{os.path.basename(folder.rstrip(os.sep)) or folder}」中的报告")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        where = QLabel(f"文件夹：{folder}（包括子文件夹）")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tint(where, "#555555")
        self.tally = QLabel(totals(items))
        bold = QFont(self.tally.font())
        bold.setBold(True)
        self.tally.setFont(bold)
        hint = QLabel("双击一行，打开那份报告查看和改正问题；之后点击工具栏上的「返回报告列表」回到这里。点击列标题可以排序。")
        hint.setWordWrap(True)
        tint(hint, "#555555")
        self.open_button = QPushButton("打开选中的报告")
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.summary_button = QPushButton("导出汇总表…")
        self.summary_button.setToolTip("把每份报告的结论和全部问题写入一个Excel工作簿（“汇总”和“问题清单”两张表）")
        self.summary_button.clicked.connect(self.summary_chosen)
        buttons = QHBoxLayout()
        buttons.addWidget(self.tally, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.summary_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        if items:
            self.table.selectRow(0)

    def shown_rows(self) -> list[list[str]]:
        """What the list shows, row by row as sorted (the tests read it as a reviewer would)."""
        return [
            [str(self.proxy.index(r, c).data() or "") for c in range(self.proxy.columnCount())] for r in range(self.proxy.rowCount())
        ]

    def row_of(self, path: str) -> QModelIndex:
        """The shown row of a file (its first column)."""
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, FILE).data(PATH_ROLE) == path:
                return self.proxy.index(r, FILE)
        return QModelIndex()

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.report_chosen.emit(index.data(PATH_ROLE))
