"""The left side of the window: the report as it was read, one page that scrolls.

The title, then the six statutory sections in the form's order — each found one with its
heading as written and its text, a missing one as a red box with the heading it should
have (grey-blue, 「未能读出」, where the reader was unsure of the text: it may be there unread) — and tables 二, 三 and 四 drawn in the official layout under their sections.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

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
UNREAD_BORDER, UNREAD_FILL = UNASSESSABLE.colour, UNASSESSABLE.fill


def _label(text: str, size: float | None = None, bold: bool = False, colour: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    if size:
        font.setPointSizeF(size)
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
        point = self.font().pointSizeF()
        if section.found:
            layout.addWidget(_label(section.heading or spec.official, point * 1.25, bold=True))
            if section.text.strip():
                layout.addWidget(_label(_shortened(section.text.strip())))
        elif self.unread:
            layout.addWidget(_label(f"未能读出第{spec.official[0]}部分：{spec.official}", point * 1.25, True, UNREAD_BORDER))
        else:
            layout.addWidget(_label(f"缺少第{spec.official[0]}部分：{spec.official}", point * 1.25, True, "#c62828"))
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

    def __init__(self, session: ReportSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        page = QWidget()
        page.setAutoFillBackground(True)
        tint(page, "white", QPalette.ColorRole.Window)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 24)
        layout.setSpacing(10)
        report = session.report
        point = self.font().pointSizeF()
        self.title = _label(report.meta.title or "（报告没有标题）", point * 1.5, True, None if report.meta.title else "#c62828")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        if report.preface.strip():
            layout.addWidget(_label(_shortened(report.preface.strip())))
        self.sections: dict[str, SectionBox] = {}
        self.tables: dict[str, FormTableView] = {}
        for spec in SECTIONS:
            box = SectionBox(spec, report.sections[spec.id], unread=report.unsure("text") is not None)
            if spec.table:
                self._add_table(box, spec.table)
            self.sections[spec.id] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self.setWidget(page)

    def _add_table(self, box: SectionBox, table: str) -> None:
        report = self.session.report
        view = FormTableView(FormTableModel(self.session, table, self), self)
        view.cell_chosen.connect(self._cell_chosen)
        caption = f"{TABLE_NAMES[table]}　{report.layout.table(table).title}"
        note = None if report.tables_found.get(table) else f"报告中没有读到{TABLE_NAMES[table]}，下面是格式规定的空表。"
        box.add_table(caption, view, note)
        self.tables[table] = view

    # --- pointing at things -------------------------------------------------------------------
    def show_cells(self, cids: tuple[str, ...] | list[str]) -> None:
        """Select exactly these cells (in whichever tables they are) and scroll to them."""
        self._choose_section(None)
        by_table: dict[str, list[str]] = {}
        for cid in cids:
            by_table.setdefault(cid.split(":", 1)[0], []).append(cid)
        for table, view in self.tables.items():
            view.select_cells(by_table.get(table, []))
        for table, view in self.tables.items():
            if table in by_table:
                self._scroll_to(view, view.cells_rect(by_table[table]))
                break

    def show_section(self, sid: str) -> None:
        self.clear_cells()
        self._choose_section(sid)
        box = self.sections[sid]
        self._scroll_to(box, QRect(QPoint(0, 0), box.size()), top=True)

    def show_top(self) -> None:
        self.clear_cells()
        self._choose_section(None)
        self.verticalScrollBar().setValue(0)

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
