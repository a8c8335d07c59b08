"""One table of the report (二, 三 or 四) as a Qt model, drawn as the official form.

The grid — block titles, headers, row labels, merged cells — is `core.formats.grid`'s
drawing of `report.layout`; the values and their marks come from the session at the
moment they are drawn. Each place of the grid is one model index; a merged cell is
its top-left index (the view sets the spans). A value cell of a table the report has
can be typed into: `setData` hands the text to the session, which takes it as one
undoable step or refuses it.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from core.formats.grid import FormGrid, Spot, form_grid
from core.presentation import cell_text
from core.text.numbers import format_number
from gui.explain import cell_html
from gui.marks import Mark
from gui.session import ReportSession

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell id of a value place, else None
SPOT_ROLE = Qt.ItemDataRole.UserRole + 2  # 'title' | 'header' | 'label' | 'value'
MARK_ROLE = Qt.ItemDataRole.UserRole + 3  # the value's Mark (or None)
CORRECTED_ROLE = Qt.ItemDataRole.UserRole + 4  # True where the clerk changed the number
LOOK_ROLES = [  # what a recheck can change in a cell besides its text
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    MARK_ROLE,
    CORRECTED_ROLE,
]

HEADER_FILL = "#eef2f7"
TITLE_FILL = "#dde5ef"
CORRECTED_FILL = "#e6f4ea"  # a clerk's number: green, bold, and a corner mark (the view draws it)
CORRECTED_TEXT = "#1b5e20"
MISSING_TEXT = "#8a8a8a"

Index = QModelIndex | QPersistentModelIndex


class FormTableModel(QAbstractTableModel):
    def __init__(self, session: ReportSession, table: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.table = table
        self.grid: FormGrid = form_grid(session.report.layout.table(table))
        self._places = set(self.grid.cell_ids)
        self._shown = self._looks()
        session.signals.checked.connect(self.refresh)

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
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            return flags | Qt.ItemFlag.ItemIsEditable if self.session.is_editable(spot.cell) else flags
        return Qt.ItemFlag.ItemIsEnabled

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """What the clerk typed into a cell: one undoable step, or a refusal that leaves the number as it was."""
        spot = self.spot(index)
        if role != Qt.ItemDataRole.EditRole or spot is None or not spot.cell or not self.session.is_editable(spot.cell):
            return False
        return self.session.edit_cell(spot.cell, "" if value is None else str(value))

    def refresh(self) -> None:
        """The findings changed: the cells whose text, mark or correction changed are drawn again.

        Only those: repainting the whole form after every edit costs more than a frame. A tooltip is
        asked for when shown, so it is always the current one.
        """
        looks = self._looks(self.session.touched)
        for cid, look in looks.items():
            before = self._shown.get(cid)
            if before != look:
                index = self.index_of(cid)
                text_changed = before is None or before[0] != look[0]
                self.dataChanged.emit(index, index, ([Qt.ItemDataRole.DisplayRole] if text_changed else []) + LOOK_ROLES)
        self._shown.update(looks)

    def _looks(self, cells: Iterable[str] | None = None) -> dict[str, tuple[str, Mark | None, bool]]:
        """What value cells show (these, or all of the table): their text, their mark, whether the clerk changed them."""
        session = self.session
        report = session.report
        mine = self.grid.cell_ids if cells is None else [cid for cid in cells if cid in self._places]
        return {
            cid: (cell_text(report.cell(cid), session.is_corrected(cid)), session.mark_of(cid), session.is_corrected(cid))
            for cid in mine
        }

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
            if spot.centred:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
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
        if role == Qt.ItemDataRole.EditRole:  # what the editor starts from: the number as it stands
            value = report.value(cid)
            return "" if value is None else format_number(value)
        if role == MARK_ROLE:
            return self.session.mark_of(cid)
        if role == CORRECTED_ROLE:
            return self.session.is_corrected(cid)
        if role == Qt.ItemDataRole.BackgroundRole:
            mark = self.session.mark_of(cid)
            if mark is not None:
                return QBrush(QColor(mark.fill))
            if self.session.is_corrected(cid):
                return QBrush(QColor(CORRECTED_FILL))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            mark = self.session.mark_of(cid)
            if mark is not None and mark.rank >= 3:
                return QBrush(QColor(mark.colour))
            if self.session.is_corrected(cid):
                return QBrush(QColor(CORRECTED_TEXT))
            if report.cell(cid).value is None and not report.cell(cid).raw:
                return QBrush(QColor(MISSING_TEXT))
            return None
        if role == Qt.ItemDataRole.FontRole:
            cell = report.cell(cid)
            if cell.value is None or self.session.is_corrected(cid):  # 未填, 缺, text that is not a number; a clerk's number
                font = QFont()
                font.setItalic(cell.value is None)
                font.setBold(self.session.is_corrected(cid))
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
