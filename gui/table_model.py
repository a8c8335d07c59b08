"""One table of the report (二, 三 or 四) as a Qt model, drawn as the official form.

The grid — block titles, headers, row labels, merged cells — is `core.formats.grid`'s
drawing of `report.layout`; the values and their marks come from the session at the
moment they are drawn. Each place of the grid is one model index; a merged cell is
its top-left index (the view sets the spans).
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.formats.grid import FormGrid, Spot, form_grid
from gui.explain import cell_html
from gui.marks import cell_mark, cell_text
from gui.session import ReportSession

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell id of a value place, else None
SPOT_ROLE = Qt.ItemDataRole.UserRole + 2  # 'title' | 'header' | 'label' | 'value'
MARK_ROLE = Qt.ItemDataRole.UserRole + 3  # the value's Mark (or None)

HEADER_FILL = "#eef2f7"
TITLE_FILL = "#dde5ef"
CORRECTED_FILL = "#e6f4ea"  # a clerk's value (issue 5)
MISSING_TEXT = "#8a8a8a"

Index = QModelIndex | QPersistentModelIndex


class FormTableModel(QAbstractTableModel):
    def __init__(self, session: ReportSession, table: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.table = table
        self.grid: FormGrid = form_grid(session.report.layout.table(table))
        session.checked.connect(self.refresh)

    # --- the grid ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.grid.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.grid.cols

    def spot(self, index: Index) -> Spot | None:
        if not index.isValid():
            return None
        return self.grid.at(index.row(), index.column())

    def index_of(self, cid: str) -> QModelIndex:
        spot = self.grid.spot_of(cid)
        return self.index(spot.row, spot.col)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        spot = self.spot(index)
        if spot is not None and spot.cell:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def refresh(self) -> None:
        """The findings changed: every mark is drawn again from the session."""
        if self.grid.rows and self.grid.cols:
            self.dataChanged.emit(self.index(0, 0), self.index(self.grid.rows - 1, self.grid.cols - 1))

    # --- what each place shows -----------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        spot = self.spot(index)
        if spot is None:
            return None
        if role == SPOT_ROLE:
            return spot.role
        if spot.cell:
            return self._value(spot.cell, role)
        return self._form_text(spot, role)

    def _form_text(self, spot: Spot, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return spot.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(TITLE_FILL if spot.role == "title" else HEADER_FILL))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if spot.role == "label" and spot.rowspan == 1:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and spot.role in ("title", "header"):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _value(self, cid: str, role: int):
        report = self.session.report
        if role == CELL_ID_ROLE:
            return cid
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(report.cell(cid), self.session.is_corrected(cid))
        if role == MARK_ROLE:
            return cell_mark(self.session.findings_of(cid))
        if role == Qt.ItemDataRole.BackgroundRole:
            mark = cell_mark(self.session.findings_of(cid))
            if mark is not None:
                return QBrush(QColor(mark.fill))
            if self.session.is_corrected(cid):
                return QBrush(QColor(CORRECTED_FILL))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            mark = cell_mark(self.session.findings_of(cid))
            if mark is not None and mark.rank >= 3:
                return QBrush(QColor(mark.colour))
            if report.cell(cid).value is None and not report.cell(cid).raw:
                return QBrush(QColor(MISSING_TEXT))
            return None
        if role == Qt.ItemDataRole.FontRole:
            cell = report.cell(cid)
            if cell.value is None:  # 未填, 缺, or text that is not a number
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(cid)
        return None

    def tooltip(self, cid: str) -> str:
        """The cell's name, what was written, and every problem that names it: message, rule, reference, numbers."""
        return cell_html(self.session, cid)
