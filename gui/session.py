"""The report open in the window and its current check: the one thing every view reads.

Views never keep findings of their own: they ask the session when they draw, and
redraw when it says `checked`. A correction (issue 5) changes `report.corrections`
and calls `recheck()`; the highlights, the checklist and the verdict then follow,
with no mark left over from the check before.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.check import CheckResult, check, failed_cells
from core.findings import Finding
from core.model import Report


class ReportSession(QObject):
    checked = Signal()  # the findings changed: redraw from the session

    def __init__(self, result: CheckResult, parent: QObject | None = None):
        super().__init__(parent)
        self._take(result)

    @property
    def report(self) -> Report:
        return self.result.report

    def recheck(self) -> None:
        self._take(check(self.report, self.result.confirmed))
        self.checked.emit()

    def _take(self, result: CheckResult) -> None:
        self.result = result
        self.cell_findings: dict[str, list[Finding]] = failed_cells(result.findings)

    def findings_of(self, cid: str) -> list[Finding]:
        """The problems that name a cell (passed checks are not listed)."""
        return self.cell_findings.get(cid, [])

    def is_corrected(self, cid: str) -> bool:
        return cid in self.report.corrections
