"""The tab 「修改记录」 below the checklist (gui/lower.py): every change the clerk made to the open report,
oldest first, each one undoable.

Qt's own undo view over the window's undo group: clicking a line goes back (or forward)
to just after that change; the first line is the report as it was opened.
"""
from __future__ import annotations

from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QLabel, QUndoView, QVBoxLayout, QWidget

from gui.panels import tint

OPENED = "打开时的原样"


class HistoryPanel(QWidget):
    def __init__(self, group: QUndoGroup, parent: QWidget | None = None):
        super().__init__(parent)
        hint = QLabel("点击一条可退回到那一步（Ctrl+Z 撤销，Ctrl+Y 重做）。原文件不会被改动。")
        hint.setWordWrap(True)
        tint(hint, "#666666")
        self.view = QUndoView(group)
        self.view.setEmptyLabel(OPENED)
        self.view.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)

    def lines(self) -> list[str]:
        """What the list shows, top to bottom."""
        model = self.view.model()
        return [model.index(row, 0).data() for row in range(model.rowCount())]
