"""The report open in the window, its current check, and the clerk's work on it: the one thing every view reads.

Views never keep findings of their own: they ask the session when they draw, and
redraw when it says `checked`. Everything a clerk changes — a cell, the body's name or
the year, a 「已核实」 mark — is a `core.work.corrections.Step` pushed onto the session's
undo stack as one command; taking a step saves the work at once (`core.work.autosave`),
checks the report again and says `checked`, so highlights, the checklist and the
verdict follow with no mark left over from the check before.

Last year's report, once chosen (「对比上年报告」), stays with the session: every check
after it — after each edit, undo or restore — compares the two years again.
"""
from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.work.autosave import Work, WorkStore
from core.check import CheckResult, check, failed_cells
from core.work.confirmations import Confirmation, confirm, confirmable, sort_out
from core.work.corrections import META_NAMES, Step, apply, cells_step, meta_step, undoing
from core.work.entry import Refusal, read_agency, read_entry, read_year
from core.platform.fileio import WriteError
from core.findings import Finding
from core.work.fixes import Fix, suggest_fix
from core.formats import cell_name
from core.formats.spec import split_cell_id
from core.model import Report
from core.presentation import cell_text
from core.text.numbers import format_number
from gui.marks import Mark, cell_mark

log = logging.getLogger(__name__)


def _cells_that_differ(before: CheckResult, after: CheckResult) -> set[str]:
    """The cells of every finding that came out differently (or is new, or gone), 已核实 included."""
    old = {f.key: (f, f.key in before.confirmed) for f in before.findings}
    new = {f.key: (f, f.key in after.confirmed) for f in after.findings}
    cells: set[str] = set()
    for key in old.keys() | new.keys():
        if old.get(key) != new.get(key):
            for seen in (old.get(key), new.get(key)):
                if seen is not None:
                    cells.update(seen[0].cells)
    return cells


class StepCommand(QUndoCommand):
    """One step of the clerk's work, undoable. Marks the step's recheck drops come back with its undo."""

    def __init__(self, session: ReportSession, text: str, step: Step):
        super().__init__(text)
        self.session, self.step = session, step
        self.back: Step | None = None
        self.dropped: dict[str, Confirmation] = {}

    def redo(self) -> None:
        if self.back is None:
            self.back = undoing(self.session.report, self.session.marks, self.step)
        self.dropped = self.session.take(self.step)

    def undo(self) -> None:
        assert self.back is not None
        self.session.take(Step(self.back.cells, self.back.meta, {**self.back.marks, **self.dropped}))


class ReportSession(QObject):
    checked = Signal()  # the findings changed: redraw from the session
    refused = Signal(str, str)  # what was typed into (a cell id, 'agency' or 'year'), and why it was not taken
    unexported_changed = Signal(bool)  # there is work not yet in an exported file (or no longer)
    autosave_failed = Signal(str)  # the Chinese reason the work could not be saved

    def __init__(self, result: CheckResult, store: WorkStore | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.marks: dict[str, Confirmation] = {}
        self.previous: Report | None = None  # last year's report, when the clerk chose one
        self.undo_stack = QUndoStack(self)
        self._since_export = False
        self._take(result)

    @property
    def report(self) -> Report:
        return self.result.report

    # --- checking -----------------------------------------------------------------------------
    def recheck(self, cells: Iterable[str] | None = None) -> dict[str, Confirmation]:
        """Check the report as it stands now; marks whose finding changed are dropped (and returned).

        `cells`: the cells whose values just changed (None: any may have); with the cells of every
        finding that came out differently they are `touched`, all a view has to draw again.
        """
        before = self.result
        result = check(self.report, previous=self.previous)
        self.marks, dropped = sort_out(self.marks, result.findings)
        result.confirmed = frozenset(self.marks)
        self._take(result)
        if cells is not None:
            self.touched = set(cells) | _cells_that_differ(before, result)
        self.checked.emit()
        return dropped

    def compare_with(self, last: Report | None) -> None:
        """Check against last year's report from now on (None: no longer)."""
        self.previous = last
        if self.recheck():
            self.save()  # marks on findings that went with the comparison are gone

    def _take(self, result: CheckResult) -> None:
        self.result = result
        self.cell_findings: dict[str, list[Finding]] = failed_cells(result.findings)
        self.touched: set[str] = set(self.report.layout.cell_ids)  # before any recheck: everything is new

    def findings_of(self, cid: str) -> list[Finding]:
        """The problems that name a cell (passed checks are not listed)."""
        return self.cell_findings.get(cid, [])

    def is_confirmed(self, finding: Finding) -> bool:
        return finding.key in self.result.confirmed

    def mark_of(self, cid: str) -> Mark | None:
        """How the cell is marked: by its strongest problem that is not 已核实."""
        return cell_mark([f for f in self.findings_of(cid) if not self.is_confirmed(f)])

    def is_corrected(self, cid: str) -> bool:
        return cid in self.report.corrections

    def is_editable(self, cid: str) -> bool:
        """A cell of a table the report has (a table it lacks is not checked, so it is not corrected either)."""
        return bool(self.report.tables_found.get(split_cell_id(cid)[0]))

    def fix_for(self, key: str) -> Fix | None:
        """The suggested fix of a failed balance, when one cell is the likely culprit."""
        return suggest_fix(self.report, key)

    def fix_for_cell(self, cid: str) -> Fix | None:
        """The one suggested fix among the failed balances that name a cell (None when none or several)."""
        fixes = {fix.changes: fix for f in self.findings_of(cid) if (fix := self.fix_for(f.key)) is not None}
        return next(iter(fixes.values())) if len(fixes) == 1 else None

    def can_confirm(self, finding: Finding) -> bool:
        return confirmable(finding) and not self.is_confirmed(finding)

    # --- what the clerk does: each is one step on the undo stack --------------------------------
    def edit_cell(self, cid: str, text: str) -> bool:
        """Put what the clerk typed into a cell. Refused text leaves the value as it was and says why."""
        kind = self.report.layout.table(split_cell_id(cid)[0]).kind_of(cid)
        entry = read_entry(kind, text)
        if isinstance(entry, Refusal):
            self.refused.emit(cid, f"{cell_name(self.report.layout, cid)}：{entry.message}原来的数没有改动。")
            return False
        self._push_cells({cid: entry}, f"{cell_name(self.report.layout, cid)}：{self._shown(cid)} → {format_number(entry)}")
        return True

    def revert_cell(self, cid: str) -> None:
        """Back to the number as read."""
        if self.is_corrected(cid):
            original = cell_text(self.report.cells[cid])
            self._push(Step(cells={cid: None}), f"{cell_name(self.report.layout, cid)}：{self._shown(cid)} → 恢复原值 {original}")

    def apply_fix(self, fix: Fix) -> None:
        self._push_cells({c.cell: c.new for c in fix.changes}, fix.title)

    def correct_meta(self, name: str, text: str) -> bool:
        """Correct the body's name ('agency') or the year ('year') as read; the required format follows."""
        value = read_agency(text) if name == "agency" else read_year(text, date.today().year)
        if isinstance(value, Refusal):
            self.refused.emit(name, value.message)
            return False
        before = getattr(self.report, name)
        self._push(meta_step(self.report, name, value), f"{META_NAMES[name]}：{before or '未识别'} → {value}")
        return True

    def confirm(self, key: str, note: str = "") -> None:
        finding = next(f for f in self.result.findings if f.key == key)
        if not confirmable(finding):
            return
        mark = confirm(finding, note, datetime.now().isoformat(timespec="seconds"))
        self._push(Step(marks={key: mark}), f"已核实：{finding.subject or finding.rule}" + (f"（{mark.note}）" if mark.note else ""))

    def unconfirm(self, key: str) -> None:
        if key in self.marks:
            finding = next((f for f in self.result.findings if f.key == key), None)
            self._push(Step(marks={key: None}), f"取消已核实：{finding.subject if finding else key}")

    def _push_cells(self, values: dict, text: str) -> None:
        self._push(cells_step(self.report, values), text)

    def _push(self, step: Step, text: str) -> None:
        if step:  # a change to what is already there is no step
            self.undo_stack.push(StepCommand(self, text, step))

    def _shown(self, cid: str) -> str:
        return cell_text(self.report.cell(cid), self.is_corrected(cid))

    # --- taking a step (the commands call this) ----------------------------------------------
    def take(self, step: Step) -> dict[str, Confirmation]:
        """Apply a step, save the work at once, check again. Returns the marks the check dropped."""
        was = self.unexported
        apply(self.report, self.marks, step)
        self._since_export = True
        self.save()  # before the check: whatever happens next, the step is on disk
        dropped = self.recheck(step.cells)
        if dropped:
            self.save()
        if self.unexported != was:
            self.unexported_changed.emit(self.unexported)
        return dropped

    def restore(self, work: Work) -> None:
        """Start from work saved before (not a step: undo does not go behind it)."""
        step = work.step(self.report, date.today().year)
        apply(self.report, self.marks, step)
        self._since_export = work.unexported
        self.recheck(step.cells)
        self.save()
        self.unexported_changed.emit(self.unexported)

    # --- saving and exporting ------------------------------------------------------------------
    def work(self) -> Work:
        return Work.of(self.report, self.marks, self.unexported)

    def save(self) -> bool:
        if self.store is None:
            return True
        try:
            self.store.save(self.work())
        except WriteError as error:
            log.warning("autosave failed: %s", error.message)
            self.autosave_failed.emit(error.message)
            return False
        return True

    @property
    def unexported(self) -> bool:
        """There are corrections or marks not yet in an exported file."""
        return self._since_export and bool(self.report.corrections or self.report.meta_corrections or self.marks)

    def mark_exported(self) -> None:
        """The export calls this once the corrected report is written: nothing is left to lose."""
        if self._since_export:
            self._since_export = False
            self.save()
            self.unexported_changed.emit(False)
