"""The report open in the window: core's edit session (`core.work.session`), with its news as Qt
signals and its edits on Qt's undo stack — the one thing every view reads.

Views never keep findings of their own: they ask the session when they draw, and redraw when it
says `checked`. Each edit the session makes is one `StepCommand` on the undo stack (the 编辑 menu,
Ctrl+Z / Ctrl+Y, 「修改记录」), which takes it and takes it back through the session.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.check import CheckResult
from core.work.autosave import WorkStore
from core.work.session import Edit, EditSession
from gui.marks import Mark, cell_mark


class SessionSignals(QObject):
    checked = Signal()  # the findings changed: redraw from the session
    refused = Signal(str, str)  # what was typed into (a cell id, 'agency' or 'year'), and why it was not taken
    unexported_changed = Signal(bool)  # there is work not yet in an exported file (or no longer)
    autosave_failed = Signal(str)  # the Chinese reason the work could not be saved


class StepCommand(QUndoCommand):
    """One edit of the clerk's work on the undo stack."""

    def __init__(self, session: ReportSession, edit: Edit):
        super().__init__(edit.text)
        self.session, self.edit = session, edit

    def redo(self) -> None:
        self.session.do(self.edit)

    def undo(self) -> None:
        self.session.undo(self.edit)


class ReportSession(EditSession):
    def __init__(self, result: CheckResult, store: WorkStore | None = None, parent: QObject | None = None):
        self.signals = SessionSignals(parent)
        self.undo_stack = QUndoStack(self.signals)
        super().__init__(result, store)

    def push(self, edit: Edit) -> None:
        self.undo_stack.push(StepCommand(self, edit))  # the stack takes it

    def on_checked(self) -> None:
        self.signals.checked.emit()

    def on_refused(self, what: str, why: str) -> None:
        self.signals.refused.emit(what, why)

    def on_unexported_changed(self, unexported: bool) -> None:
        self.signals.unexported_changed.emit(unexported)

    def on_autosave_failed(self, why: str) -> None:
        self.signals.autosave_failed.emit(why)

    def mark_of(self, cid: str) -> Mark | None:
        """How the cell is marked: by its strongest problem that is not 已核实."""
        return cell_mark([f for f in self.findings_of(cid) if not self.is_confirmed(f)])
