"""The tab 「说明」 below the checklist (gui/lower.py): what the chosen line or cell means, in full, and what
the clerk can do about it (the suggested fix, 已核实, back to the number as read); where it stood in the
original is shown by the SourceView it is given (under the report, gui/main_window.py).

It follows the session: after every check the same line or cell is explained again as it now stands.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from core.findings import Finding
from core.formats import cell_name
from core.work.fixes import Fix
from gui.explain import cell_html, session_finding_html
from gui.session import ReportSession
from gui.source_view import SourceView

SHOWN_AT_MOST = 30  # findings listed for one line (a group can hold a hundred)


class DetailsPanel(QWidget):
    fix_chosen = Signal(object)  # a Fix, to be confirmed and applied
    confirm_chosen = Signal(str)  # a finding's key, to be marked 已核实
    unconfirm_chosen = Signal(str)
    revert_chosen = Signal(str)  # a cell id, back to the number as read

    def __init__(self, source: SourceView, parent=None):
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.source = source
        self.fix_button = QPushButton()
        self.confirm_button = QPushButton("标记为已核实…")
        self.unconfirm_button = QPushButton("取消已核实")
        self.revert_button = QPushButton("恢复原值")
        self.fix_button.clicked.connect(self._choose_fix)
        self.confirm_button.clicked.connect(lambda: self.confirm_chosen.emit(self._key))
        self.unconfirm_button.clicked.connect(lambda: self.unconfirm_chosen.emit(self._key))
        self.revert_button.clicked.connect(lambda: self.revert_chosen.emit(self._cell))
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.fix_button, self.confirm_button, self.unconfirm_button, self.revert_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.text, 1)
        self._keys: list[str] = []  # what is explained: the findings of a line …
        self._cell: str = ""  # … or a cell
        self._key: str = ""  # the one finding the buttons act on
        self._fix: Fix | None = None
        self.clear()

    def _choose_fix(self) -> None:
        if self._fix is not None:
            self.fix_chosen.emit(self._fix)

    def attach(self, session: ReportSession) -> None:
        self.session = session
        session.signals.checked.connect(self._again)
        self.clear()

    def clear(self) -> None:
        self.text.setHtml("<p style='color:#666'>点击右上方清单中的一项，左边会选中它涉及的表格或部分；点击表格中的一格，这里会说明它的问题。双击一格（或选中后直接输入）可以改正其中的数。</p>")
        self.source.clear()
        self._keys, self._cell = [], ""
        self._offer(None, None, None)

    def show_findings(self, indices: list[int]) -> None:
        assert self.session is not None
        findings = [self.session.result.findings[n] for n in indices]
        self._keys, self._cell = [f.key for f in findings], ""
        self._explain_findings(findings)
        self._show_source(findings)

    def show_cell(self, cid: str) -> None:
        assert self.session is not None
        report = self.session.report
        self._keys, self._cell = [], cid
        self._explain_cell(cid)
        self.source.show_location(report, report.cells[cid].loc, cell_name(report.layout, cid))

    def _again(self) -> None:
        """After a check: the same findings or cell, as they are now (the original's place does not move)."""
        assert self.session is not None
        if self._cell:
            self._explain_cell(self._cell)
        elif self._keys:
            wanted = set(self._keys)
            self._explain_findings([f for f in self.session.result.findings if f.key in wanted])

    def _explain_findings(self, findings: list[Finding]) -> None:
        assert self.session is not None
        html = "".join(session_finding_html(self.session, f) for f in findings[:SHOWN_AT_MOST])
        if len(findings) > SHOWN_AT_MOST:
            html += f"<p>……另有{len(findings) - SHOWN_AT_MOST}项，请展开清单查看。</p>"
        self.text.setHtml(html)
        one = findings[0] if len(findings) == 1 else None
        self._offer(one, self.session.fix_for(one.key) if one else None, None)

    def _explain_cell(self, cid: str) -> None:
        assert self.session is not None
        parts = [cell_html(self.session, cid)]
        if not self.session.findings_of(cid):
            parts.append("<p style='color:#2e7d32'><b>这一格没有发现问题。</b></p>")
        passed = [f for f in self.session.result.findings if cid in f.cells and not f.is_problem]
        if passed:
            parts.append("<p style='color:#555'>已通过的核对：" + "；".join(escape(f.message.rstrip("。")) for f in passed[:5]) + "。</p>")
        self.text.setHtml("".join(parts))
        self._offer(None, self.session.fix_for_cell(cid), cid if self.session.is_corrected(cid) else None)

    def _offer(self, finding: Finding | None, fix: Fix | None, corrected: str | None) -> None:
        """Show the buttons that apply: the suggested fix, 已核实 for one finding, 恢复原值 for a corrected cell."""
        self._fix, self._key = fix, finding.key if finding else ""
        self.fix_button.setText(f"按建议修改：{fix.title}…" if fix else "")
        self.fix_button.setVisible(fix is not None)
        confirmed = finding is not None and self.session is not None and self.session.is_confirmed(finding)
        self.confirm_button.setVisible(finding is not None and self.session is not None and self.session.can_confirm(finding))
        self.unconfirm_button.setVisible(confirmed)
        self.revert_button.setVisible(corrected is not None)

    def _show_source(self, findings: list[Finding]) -> None:
        """The original place of the first finding that has one: a cell, a section heading, the title."""
        assert self.session is not None
        report = self.session.report
        for finding in findings:
            for cid in finding.cells:
                loc = report.cells[cid].loc
                if loc is not None:
                    self.source.show_location(report, loc, cell_name(report.layout, cid))
                    return
            if finding.section:
                section = report.sections[finding.section]
                if section.loc is None:
                    self.source.clear("报告中没有这一部分，无法显示原文位置。")
                else:
                    self.source.show_location(report, section.loc, section.heading or "")
                return
        loc = report.meta.title_loc
        if loc is not None:
            self.source.show_location(report, loc, "标题")
        else:
            self.source.clear("这一项没有对应的原文位置。")
