"""A table of the report drawn in full, as on the form: merged header cells, no scroll bars
of its own (the report scrolls as one page), marks that stay visible when selected, and
numbers a clerk can type over (double-click, F2, or just start typing)."""
from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

from core.formats.grid import Spot
from core.formats.spec import split_cell_id
from core.model import Written
from core.work.entry import KIND_HINTS
from gui.panels import tint
from gui.table_model import CELL_ID_ROLE, CORRECTED_ROLE, FormTableModel

SELECTED_FRAME = "#1565c0"
GRID_LINES = "#9aa5b1"
MISSING_HATCH = "#b0b0b0"
CORRECTED_CORNER = "#2e7d32"  # the corner mark of a number the clerk changed
CORNER = 12  # its size in pixels
REFUSAL_SHOWN_MS = 8000


class _CellDelegate(QStyledItemDelegate):
    """Draws a selected cell with a thick frame instead of a fill, so its red or amber stays seen, and a
    corrected cell with a green corner; edits a number in a plain line, hinting what the cell takes."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        # PySide6's stub leaves out QStyleOption's members (state, rect…): they are there at run time.
        state, rect = option.state, option.rect  # type: ignore[attr-defined]
        selected = bool(state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state = state & ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)  # type: ignore[attr-defined]
        super().paint(painter, plain, index)
        cid = index.data(CELL_ID_ROLE)
        model = index.model()
        if cid and isinstance(model, FormTableModel) and model.session.report.cell(cid).written is Written.MISSING:
            painter.fillRect(rect, QBrush(QColor(MISSING_HATCH), Qt.BrushStyle.BDiagPattern))
        if selected:
            painter.save()
            painter.setPen(QPen(QColor(SELECTED_FRAME), 3))
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
            painter.restore()
        if cid and index.data(CORRECTED_ROLE):  # over the frame: a changed number stays marked when chosen
            corner = rect.topRight() + QPoint(0, 1)
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CORRECTED_CORNER))
            painter.drawPolygon(QPolygon([corner, corner - QPoint(CORNER, 0), corner + QPoint(0, CORNER)]))
            painter.restore()

    def createEditor(self, parent, option: QStyleOptionViewItem, index) -> QLineEdit:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cid = index.data(CELL_ID_ROLE)
        model = index.model()
        if cid and isinstance(model, FormTableModel):
            hint = KIND_HINTS[model.session.report.layout.table(split_cell_id(cid)[0]).kind_of(cid)]
            editor.setPlaceholderText(hint)
            editor.setToolTip(f"{hint}。按回车确认，按Esc放弃。")
        return editor


class FormTableView(QTableView):
    cell_chosen = Signal(str)  # a value cell the clerk clicked or moved to

    def __init__(self, model: FormTableModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(_CellDelegate(self))
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.hide()
            header.setMinimumSectionSize(8)  # else the hidden headers' minimum overrides the form's widths
        self.setWordWrap(True)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        tint(self, GRID_LINES, QPalette.ColorRole.Mid)  # the style draws the grid in the palette's Mid
        for spot in model.grid.spots:
            if spot.rowspan > 1 or spot.colspan > 1:
                self.setSpan(spot.row, spot.col, spot.rowspan, spot.colspan)
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.dataChanged.connect(self._data_changed)
        self.fit()

    def form(self) -> FormTableModel:
        model = self.model()
        assert isinstance(model, FormTableModel)  # the only model a form table is given
        return model

    # --- size: the whole form, columns by the length of their labels ---------------------------
    def _column_widths(self) -> list[int]:
        grid = self.form().grid
        em = QFontMetrics(self.font()).horizontalAdvance("中")
        bold = QFont(self.font())
        bold.setBold(True)
        value_cols = grid.cols - grid.label_cols
        lines = 2 if value_cols > 4 else 1  # many narrow columns: headers wrap to two lines, as printed
        headers = [s.text for s in grid.spots if s.role == "header" and s.colspan == 1 and s.col >= grid.label_cols]
        longest = max((QFontMetrics(bold).horizontalAdvance(t) for t in headers), default=0)
        value = max(math.ceil(longest / lines) + em, 3 * em)
        labels = [5.5 * em] * grid.label_cols
        if labels:
            labels[-1] = (12 if grid.label_cols > 1 else 9) * em
        return [round(w) for w in labels + [value] * value_cols]

    def _row_heights(self, widths: list[int]) -> list[int]:
        grid = self.form().grid
        plain = QFontMetrics(self.font())
        heights = [plain.height() + plain.height() // 2 + 8] * grid.rows
        need = self._measurer(widths)
        for spot in grid.spots:
            if spot.rowspan == 1:
                heights[spot.row] = max(heights[spot.row], need(spot))
        for spot in grid.spots:
            if spot.rowspan > 1:
                have = sum(heights[spot.row : spot.row + spot.rowspan])
                heights[spot.row + spot.rowspan - 1] += max(need(spot) - have, 0)
        return heights

    def _measurer(self, widths: list[int]) -> Callable[[Spot], int]:
        """The height a place's text needs at the given column widths (wrapped, with its padding).

        One font metrics for each weight, and each (text, weight, width) measured once: a form has
        hundreds of places, most of them the same few numbers.
        """
        fonts = {False: QFont(self.font()), True: QFont(self.font())}
        metrics = {}
        for bold, font in fonts.items():
            font.setBold(bold)
            metrics[bold] = QFontMetrics(font)
        padding = QFontMetrics(self.font()).height() // 2 + 4
        measured: dict[tuple[str, bool, int], int] = {}

        def need(spot: Spot) -> int:
            heading = spot.role in ("title", "header")
            width = max(sum(widths[spot.col : spot.col + spot.colspan]) - 10, 10)
            text = str(self.form().data(self.form().index(spot.row, spot.col)) or "")
            key = (text, heading, width)
            if key not in measured:
                box = metrics[heading].boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text)
                measured[key] = box.height() + padding
            return measured[key]

        return need

    def _data_changed(self, top_left, bottom_right, roles=()) -> None:
        """A new text can need a taller row (a number rarely does): measure again only then."""
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return
        spot = self.form().spot(top_left)
        widths = [self.columnWidth(c) for c in range(self.form().columnCount())]
        if top_left != bottom_right or spot is None or self.rowHeight(spot.row) < self._measurer(widths)(spot):
            self.fit()

    def fit(self) -> None:
        widths = self._column_widths()
        heights = self._row_heights(widths)
        for col, width in enumerate(widths):
            self.setColumnWidth(col, width)
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)
        frame = 2 * self.frameWidth()
        self.setFixedSize(sum(widths) + frame + 1, sum(heights) + frame + 1)

    # --- selection ------------------------------------------------------------------------
    def select_cells(self, cids: list[str] | tuple[str, ...]) -> None:
        selection = QItemSelection()
        for cid in cids:
            index = self.form().index_of(cid)
            selection.select(index, index)
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_cells(self) -> set[str]:
        return {i.data(CELL_ID_ROLE) for i in self.selectionModel().selectedIndexes() if i.data(CELL_ID_ROLE)}

    def cells_rect(self, cids: list[str] | tuple[str, ...]) -> QRect:
        """The rectangle, in this view's coordinates, that holds all the given cells."""
        rect = QRect()
        for cid in cids:
            cell = self.visualRect(self.form().index_of(cid))
            rect = cell if rect.isNull() else rect.united(cell)
        return rect.translated(self.viewport().pos())

    def show_refusal(self, cid: str, message: str) -> None:
        """Say by the cell why what was typed was not taken."""
        rect = self.visualRect(self.form().index_of(cid))
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport(), rect, REFUSAL_SHOWN_MS)

    def _current_changed(self, current, _previous) -> None:
        cid = current.data(CELL_ID_ROLE)
        if cid:
            self.cell_chosen.emit(cid)

    def mousePressEvent(self, event) -> None:
        before = self.currentIndex()
        super().mousePressEvent(event)
        cid = self.indexAt(event.position().toPoint()).data(CELL_ID_ROLE)
        if cid and self.currentIndex() == before:  # clicking the current cell again still shows its findings
            self.cell_chosen.emit(cid)
