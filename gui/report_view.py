"""The left side of the window: the report as it was read, one page that scrolls.

The title, then the six statutory sections in the form's order — each found one with its
heading as written and its text, a missing one as a red box with the heading it should
have (grey-blue, 「未能读出」, where the reader was unsure of the text: it may be there unread) — and tables 二, 三 and 四 drawn in the official layout under their sections.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

from core.formats import TABLE_NAMES
from core.formats.sections import SECTIONS, SectionSpec
from core.model import Section
from gui.marks import UNASSESSABLE
from gui.panels import Panel, tint
from gui.session import ReportSession
from gui.table_model import FormTableModel
from gui.table_view import FormTableView

CHOSEN_BORDER, CHOSEN_FILL = "#1565c0", "#f0f6ff"
# A section's text drawn at most this long: Qt lays a label out all at once (a paragraph of a million
# characters held the window for 9 s), and a report's longest section has a few thousand.
SHOWN_CHARS = 10_000
MISSING_BORDER, MISSING_FILL = "#c62828", "#fff5f5"
SCALE = "scale"  # a label's property: its text's size against the page's
# The page's zoom: Ctrl+wheel and Ctrl+= / Ctrl+− step through these; 适合宽度 fits 表三 to the pane within them.
ZOOMS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
FIT_WIDTH = 0.0  # the zoom remembered as 「适合宽度」
FIT_LIMITS = (0.6, 1.25)  # below, the text is too small to read; above, a wide pane makes it needlessly large
FITTED_TABLE = "t3"  # the widest table: the one fitted to the pane
UNREAD_BORDER, UNREAD_FILL = UNASSESSABLE.colour, UNASSESSABLE.fill


def _label(text: str, scale: float = 1.0, bold: bool = False, colour: str | None = None) -> QLabel:
    """A label of the page; `scale`: its size against the page's text, kept when the page is zoomed."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setProperty(SCALE, scale)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    if colour:
        tint(label, colour)
    return label


def _shortened(text: str) -> str:
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[:SHOWN_CHARS]}……\n（这一段共{len(text)}字，窗口中只显示前{SHOWN_CHARS}字）"


class SectionBox(Panel):
    """One statutory section: its heading as written (or the one it should have), its text, its table."""

    def __init__(self, spec: SectionSpec, section: Section, unread: bool = False, parent=None):
        super().__init__(parent)
        self.found = section.found
        self.unread = unread and not section.found  # not found where the reader was unsure of the text
        self.chosen = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        if section.found:
            layout.addWidget(_label(section.heading or spec.official, 1.25, bold=True))
            if section.text.strip():
                layout.addWidget(_label(_shortened(section.text.strip())))
        elif self.unread:
            layout.addWidget(_label(f"未能读出第{spec.official[0]}部分：{spec.official}", 1.25, True, UNREAD_BORDER))
        else:
            layout.addWidget(_label(f"缺少第{spec.official[0]}部分：{spec.official}", 1.25, True, "#c62828"))
        self.layout_ = layout
        self.set_chosen(False)

    def add_table(self, caption: str, view: FormTableView, note: str | None) -> None:
        self.layout_.addWidget(_label(caption, bold=True, colour="#37474f"))
        if note:
            self.layout_.addWidget(_label(note, colour="#c62828"))
        self.layout_.addWidget(view, 0, Qt.AlignmentFlag.AlignLeft)

    def set_chosen(self, chosen: bool) -> None:
        self.chosen = chosen
        if chosen:
            self.paint_as(CHOSEN_FILL, CHOSEN_BORDER)
        elif self.found:
            self.paint_as(None)
        elif self.unread:
            self.paint_as(UNREAD_FILL, UNREAD_BORDER, dashed=True)
        else:
            self.paint_as(MISSING_FILL, MISSING_BORDER, dashed=True)


class ReportView(QScrollArea):
    cell_chosen = Signal(str)
    zoom_chosen = Signal(float)  # the clerk chose a zoom (FIT_WIDTH: 适合宽度), to be remembered
    zoomed = Signal(float)  # the page is drawn at a new zoom (chosen, or fitted to the pane)

    def __init__(self, session: ReportSession, zoom: float = FIT_WIDTH, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        # Always there (the page is longer than any screen): its coming and going would change the width fitted to.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        page = QWidget()
        page.setAutoFillBackground(True)
        tint(page, "white", QPalette.ColorRole.Window)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 24)
        layout.setSpacing(10)
        report = session.report
        self.title = _label(report.meta.title or "（报告没有标题）", 1.5, True, None if report.meta.title else "#c62828")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        if report.preface.strip():
            layout.addWidget(_label(_shortened(report.preface.strip())))
        self.page_layout = layout
        self.sections: dict[str, SectionBox] = {}
        self.tables: dict[str, FormTableView] = {}
        self.table_boxes: dict[str, SectionBox] = {}  # the section each table stands in
        for spec in SECTIONS:
            box = SectionBox(spec, report.sections[spec.id], unread=report.unsure("text") is not None)
            if spec.table:
                self._add_table(box, spec.table)
            self.sections[spec.id] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(page)
        self._target: tuple[list[str], str | None] | str | None = None  # the cells (and focus) or the section last pointed at
        self._placed = False
        self._points = QApplication.font().pointSizeF()  # the page's text at 100%
        self.zoom = 1.0
        self.fit_width = zoom == FIT_WIDTH
        self._refit = QTimer(self, singleShot=True, interval=40)  # a pane dragged wider: fitted once it rests
        self._refit.timeout.connect(self._fit)
        if not self.fit_width:
            self.set_zoom(zoom)

    def _add_table(self, box: SectionBox, table: str) -> None:
        report = self.session.report
        view = FormTableView(FormTableModel(self.session, table, self), self)
        view.cell_chosen.connect(self._cell_chosen)
        caption = f"{TABLE_NAMES[table]}　{report.layout.table(table).title}"
        note = None if report.tables_found.get(table) else f"报告中没有读到{TABLE_NAMES[table]}，下面是格式规定的空表。"
        box.add_table(caption, view, note)
        self.tables[table] = view
        self.table_boxes[table] = box

    # --- pointing at things -------------------------------------------------------------------
    def show_cells(self, cids: tuple[str, ...] | list[str], focus: str | None = None) -> None:
        """Select exactly these cells (in whichever tables they are) and scroll to them; `focus`, the cell the
        problem puts the clerk in, is made its table's current cell and is always scrolled into view."""
        self._choose_section(None)
        by_table = self._by_table(cids)
        for table, view in self.tables.items():
            view.select_cells(by_table.get(table, []))
        if focus is not None:
            self.tables[focus.split(":", 1)[0]].set_current(focus)
        self._target = (list(cids), focus)
        self._scroll_to_cells(by_table, focus)

    def focus_table(self) -> FormTableView:
        """Where the report takes the keyboard: the table of the cell last pointed at, or last moved in, else 表三."""
        if isinstance(self._target, tuple) and self._target[1] is not None:
            return self.tables[self._target[1].split(":", 1)[0]]
        return next((view for view in self.tables.values() if view.currentIndex().isValid()), self.tables[FITTED_TABLE])

    def focus_cell(self) -> bool:
        """Put the keyboard in the cell last pointed at (F8): typing a digit or F2 then edits it."""
        if not isinstance(self._target, tuple) or self._target[1] is None:
            return False
        self.tables[self._target[1].split(":", 1)[0]].setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def show_section(self, sid: str) -> None:
        self.clear_cells()
        self._choose_section(sid)
        self._target = sid
        self._scroll_to_section(sid)

    def show_top(self) -> None:
        self.clear_cells()
        self._choose_section(None)
        self._target = None
        self.verticalScrollBar().setValue(0)

    def point_again(self) -> None:
        """Scroll to what was last pointed at again, the page laid out as it is now (first shown, zoomed)."""
        self.page_layout.activate()
        for box in self.sections.values():  # not shown yet, the boxes lay their tables out only when asked
            box.layout_.activate()
        if isinstance(self._target, tuple):
            self._scroll_to_cells(self._by_table(self._target[0]), self._target[1])
        elif isinstance(self._target, str):
            self._scroll_to_section(self._target)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._placed:  # pointed at before the page had its size (a report opens at its first problem)
            self._placed = True
            if self.fit_width:
                self._fit()
            self.point_again()
        elif self.fit_width and event.size().width() != event.oldSize().width():
            if QApplication.mouseButtons() == Qt.MouseButton.NoButton:
                self._fit()  # laid out by the window: at once, so what is shown next is fitted
            else:
                self._refit.start()  # a pane or the window dragged wider: once it rests

    # --- zoom: Ctrl+wheel, Ctrl+= / Ctrl+−, 适合宽度 ---------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        """Draw the page at `zoom` (1.0: the window's text size), the tables measured again at it."""
        zoom = round(min(max(zoom, ZOOMS[0]), ZOOMS[-1]), 3)
        if zoom == self.zoom:
            return
        self.zoom = zoom
        page = self.widget()
        page.setUpdatesEnabled(False)
        try:
            for label in page.findChildren(QLabel):
                font = QFont(label.font())
                font.setPointSizeF(self._points * float(label.property(SCALE) or 1.0) * zoom)
                label.setFont(font)
            for view in self.tables.values():
                font = QFont(view.font())
                font.setPointSizeF(self._points * zoom)
                view.setFont(font)
                view.fit()
            self.page_layout.activate()
        finally:
            page.setUpdatesEnabled(True)
        self.point_again()
        self.zoomed.emit(zoom)

    def zoom_by(self, steps: int) -> None:
        """One step larger (1) or smaller (-1) than now; the zoom is then the clerk's, not fitted."""
        if steps > 0:
            zoom = next((z for z in ZOOMS if z > self.zoom + 0.001), ZOOMS[-1])
        else:
            zoom = next((z for z in reversed(ZOOMS) if z < self.zoom - 0.001), ZOOMS[0])
        self.fit_width = False
        self.set_zoom(zoom)
        self.zoom_chosen.emit(self.zoom)

    def fit_to_width(self) -> None:
        """适合宽度: 表三's whole width in the pane, now and whenever the pane's width changes."""
        self.fit_width = True
        self._fit()
        self.zoom_chosen.emit(FIT_WIDTH)

    def _fit(self) -> None:
        """The largest zoom, within FIT_LIMITS, at which 表三 is as wide as the pane: tried by measuring its columns
        (font metrics only), then drawn once."""
        view = self.tables[FITTED_TABLE]
        # Where the table stands in the page, from the margins, not the laid-out page: fitted before the page is
        # first laid out, a long section's text is laid out once, at the zoom it is shown at.
        left = self.page_layout.contentsMargins().left() + self.table_boxes[FITTED_TABLE].layout_.contentsMargins().left()
        room = self.viewport().width() - 2 * left - 2
        if room <= 0:
            return
        low, high = FIT_LIMITS

        def fits(zoom: float) -> bool:
            return view.width_at(self._points * zoom) <= room

        zoom = round(min(max(room / view.width_at(self._points), low), high), 2)
        while zoom > low and not fits(zoom):  # widths are whole pixels and grow by steps
            zoom = round(zoom - 0.01, 2)
        while zoom + 0.01 <= high and fits(zoom + 0.01):
            zoom = round(zoom + 0.01, 2)
        self.set_zoom(zoom)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y():
                self.zoom_by(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    @staticmethod
    def _by_table(cids: tuple[str, ...] | list[str]) -> dict[str, list[str]]:
        by_table: dict[str, list[str]] = {}
        for cid in cids:
            by_table.setdefault(cid.split(":", 1)[0], []).append(cid)
        return by_table

    def _scroll_to_cells(self, by_table: dict[str, list[str]], focus: str | None = None) -> None:
        table = focus.split(":", 1)[0] if focus else next((t for t in self.tables if t in by_table), None)
        if table is None:
            return
        view = self.tables[table]
        self._scroll_to(view, view.cells_rect(by_table.get(table, [focus] if focus else [])))
        if focus is not None:  # however tall the problem, its cell is in view
            cell = view.cells_rect([focus])
            centre = view.mapTo(self.widget(), cell.center())
            self.ensureVisible(centre.x(), centre.y(), cell.width() // 2 + 16, cell.height() // 2 + 16)

    def _scroll_to_section(self, sid: str) -> None:
        box = self.sections[sid]
        self._scroll_to(box, QRect(QPoint(0, 0), box.size()), top=True)

    def clear_cells(self) -> None:
        for view in self.tables.values():
            view.selectionModel().clearSelection()

    def selected_cells(self) -> set[str]:
        return set().union(*(view.selected_cells() for view in self.tables.values()))

    def _choose_section(self, sid: str | None) -> None:
        for key, box in self.sections.items():
            box.set_chosen(key == sid)

    def _scroll_to(self, widget: QWidget, rect: QRect, top: bool = False) -> None:
        corner = widget.mapTo(self.widget(), rect.topLeft())
        if top:
            self.verticalScrollBar().setValue(max(corner.y() - 8, 0))
            return
        if rect.height() + 80 > self.viewport().height():  # taller than the view: its top, and the headers above it
            table_top = widget.mapTo(self.widget(), QPoint(0, 0)).y()
            near_top = corner.y() - table_top < self.viewport().height() // 2
            self.verticalScrollBar().setValue(max(table_top - 30 if near_top else corner.y() - 120, 0))
            self.ensureVisible(corner.x(), corner.y() + 40, 40, 0)
            return
        centre = corner + QPoint(rect.width() // 2, rect.height() // 2)
        self.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 40, rect.height() // 2 + 40)

    def _cell_chosen(self, cid: str) -> None:
        self._choose_section(None)
        sender = self.tables[cid.split(":", 1)[0]]
        for view in self.tables.values():
            if view is not sender:
                view.selectionModel().clearSelection()
        self.cell_chosen.emit(cid)
