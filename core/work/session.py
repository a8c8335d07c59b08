"""One report being corrected: its current check, and the clerk's work on it, step by step. No Qt.

Everything a clerk changes — a cell, the body's name or the year, a 「已核实」 mark — is an `Edit`:
a `core.work.corrections.Step` and the words that name it in 修改记录. A session makes the edit and
hands it to `push`; taking it (`do`) saves the work at once (`core.work.autosave`), checks the
report again and drops the 已核实 marks whose finding changed, so every view follows with no mark
left over from the check before; `undo` puts back everything the step touched, the marks its check
dropped included. Here `push` takes the edit at once. The window's session (gui/session.py) puts it
on Qt's undo stack instead, which takes it, and says the session's news as Qt signals.

Last year's report, once chosen (「对比上年报告」), stays with the session: every check after it —
after each edit, undo or restore — compares the two years again.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from core.check import CheckResult, check, failed_cells
from core.findings import Finding
from core.formats import cell_name
from core.formats.spec import split_cell_id
from core.model import Number, Report
from core.platform.fileio import WriteError
from core.presentation import META_NAMES, cell_text
from core.text.numbers import format_number
from core.work.autosave import Work, WorkStore
from core.work.confirmations import Confirmation, confirm, confirmable, sort_out
from core.work.corrections import Step, apply, cells_step, meta_step, undoing
from core.work.entry import Refusal, read_agency, read_entry, read_year
from core.work.fixes import Fix, suggest_fix

log = logging.getLogger(__name__)


@dataclass
class Edit:
    """One step of the clerk's work as an undo stack keeps it: what it sets and what it is called; once
    taken, the step that puts back everything it touched, and the marks its check dropped."""

    text: str  # 「表四行政复议·总计：1 → 2」, as 修改记录 and 撤销 name it
    step: Step
    back: Step | None = None
    dropped: dict[str, Confirmation] = field(default_factory=dict)


def cells_that_differ(before: CheckResult, after: CheckResult) -> set[str]:
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


class EditSession:
    def __init__(self, result: CheckResult, store: WorkStore | None = None):
        self.store = store
        self.marks: dict[str, Confirmation] = {}
        self.previous: Report | None = None  # last year's report, when the clerk chose one
        self._since_export = False
        self.result: CheckResult
        self.cell_findings: dict[str, list[Finding]]
        self.touched: set[str]  # the cells a view must redraw after a step
        self._take(result)

    @property
    def report(self) -> Report:
        return self.result.report

    # --- what a session tells whoever shows it: nobody here; the window says each as a Qt signal --
    def on_checked(self) -> None:
        """The findings changed: redraw from the session (`touched` says which cells)."""

    def on_refused(self, what: str, why: str) -> None:
        """What was typed into (a cell id, 'agency' or 'year') was not taken, and why."""

    def on_unexported_changed(self, unexported: bool) -> None:
        """There is work not yet in an exported file (or no longer)."""

    def on_autosave_failed(self, why: str) -> None:
        """The work could not be saved: the Chinese reason."""

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
            self.touched = set(cells) | cells_that_differ(before, result)
        self.on_checked()
        return dropped

    def compare_with(self, last: Report | None) -> None:
        """Check against last year's report from now on (None: no longer)."""
        self.previous = last
        if self.recheck():
            self.save()  # marks on findings that went with the comparison are gone

    def _take(self, result: CheckResult) -> None:
        self.result = result
        self.cell_findings = failed_cells(result.findings)
        self.touched = set(self.report.layout.cell_ids)  # before any recheck: everything is new

    def findings_of(self, cid: str) -> list[Finding]:
        """The problems that name a cell (passed checks are not listed)."""
        return self.cell_findings.get(cid, [])

    def is_confirmed(self, finding: Finding) -> bool:
        return finding.key in self.result.confirmed

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

    # --- what the clerk does: each is one edit, handed to `push` ---------------------------------
    def edit_cell(self, cid: str, text: str) -> bool:
        """Put what the clerk typed into a cell. Refused text leaves the value as it was and says why."""
        kind = self.report.layout.table(split_cell_id(cid)[0]).kind_of(cid)
        entry = read_entry(kind, text)
        if isinstance(entry, Refusal):
            self.on_refused(cid, f"{cell_name(self.report.layout, cid)}：{entry.message}原来的数没有改动。")
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
            self.on_refused(name, value.message)
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

    def _push_cells(self, values: dict[str, Number], text: str) -> None:
        self._push(cells_step(self.report, values), text)

    def _push(self, step: Step, text: str) -> None:
        if step:  # a change to what is already there is no step
            self.push(Edit(text, step))

    def _shown(self, cid: str) -> str:
        return cell_text(self.report.cell(cid), self.is_corrected(cid))

    # --- taking an edit, and taking it back ----------------------------------------------------
    def push(self, edit: Edit) -> None:
        """A new edit: taken at once here; the window's session puts it on its undo stack, which takes it."""
        self.do(edit)

    def do(self, edit: Edit) -> None:
        """Take an edit (again, after it was undone)."""
        if edit.back is None:
            edit.back = undoing(self.report, self.marks, edit.step)
        edit.dropped = self.take(edit.step)

    def undo(self, edit: Edit) -> None:
        """Put back everything the edit touched, and the marks its check dropped."""
        assert edit.back is not None, "an edit is undone only after it was taken"
        self.take(Step(edit.back.cells, edit.back.meta, {**edit.back.marks, **edit.dropped}))

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
            self.on_unexported_changed(self.unexported)
        return dropped

    def restore(self, work: Work) -> None:
        """Start from work saved before (not a step: undo does not go behind it)."""
        step = work.step(self.report, date.today().year)
        apply(self.report, self.marks, step)
        self._since_export = work.unexported
        self.recheck(step.cells)
        self.save()
        self.on_unexported_changed(self.unexported)

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
            self.on_autosave_failed(error.message)
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
            self.on_unexported_changed(False)
