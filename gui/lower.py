"""Below the checklist: 「说明」 and 「修改记录」 as two tabs of one area.

On a 768-pixel screen the right pane has about 560 pixels (a laptop at 150%: 440), and the checklist's
eight lines take half or more: stacked below it, the explanation and the history had two or three lines
each. The history is read now and then (Ctrl+Z and Ctrl+Y work without it), so it waits behind its tab,
which counts its lines; choosing a line or a cell brings the explanation back to the front, and Tab goes
from the explanation to the history (`MainWindow.areas`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QTabWidget, QWidget

from gui.details import DetailsPanel
from gui.history import HistoryPanel

DETAILS, HISTORY = "说明", "修改记录"


class LowerTabs(QTabWidget):
    def __init__(self, details: DetailsPanel, history: HistoryPanel, group: QUndoGroup, parent: QWidget | None = None):
        super().__init__(parent)
        self.details, self.history, self.group = details, history, group
        self.setDocumentMode(True)  # a tab bar over the pages, no frame of its own: the pages keep their width
        self.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click on a tab leaves the keyboard where it was; Tab reaches both
        self.addTab(details, DETAILS)
        self.addTab(history, HISTORY)
        group.indexChanged.connect(self._count)
        group.activeStackChanged.connect(self._count)
        self._count()

    def _count(self, *_changed) -> None:
        """「修改记录（3）」: the clerk sees there are changes without opening the tab."""
        stack = self.group.activeStack()
        count = stack.count() if stack is not None else 0
        self.setTabText(self.indexOf(self.history), f"{HISTORY}（{count}）" if count else HISTORY)

    def show_details(self) -> None:
        """The explanation to the front: a line or a cell was chosen (going through the history chooses neither)."""
        self.setCurrentWidget(self.details)
