"""Below the checklist: what the chosen line or cell means, in full, and where it stood in the original."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from core.findings import Finding
from core.formats import cell_name
from core.model import Location
from gui.explain import cell_html, finding_html
from gui.panels import splitter
from gui.session import ReportSession
from gui.source_view import SourceView

SHOWN_AT_MOST = 30  # findings listed for one line (a group can hold a hundred)


class DetailsPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.source = SourceView()
        split = splitter(Qt.Orientation.Vertical, {self.text: 2, self.source: 3})
        heading = QLabel("说明与原文")
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(split, 1)
        self.clear()

    def attach(self, session: ReportSession) -> None:
        self.session = session
        self.clear()

    def clear(self) -> None:
        self.text.setHtml("<p style='color:#666'>点击右上方清单中的一项，左边会选中它涉及的表格或部分；点击表格中的一格，这里会说明它的问题。</p>")
        self.source.clear()

    def show_findings(self, indices: list[int]) -> None:
        assert self.session is not None
        findings = [self.session.result.findings[n] for n in indices]
        html = "".join(finding_html(f) for f in findings[:SHOWN_AT_MOST])
        if len(findings) > SHOWN_AT_MOST:
            html += f"<p>……另有{len(findings) - SHOWN_AT_MOST}项，请展开清单查看。</p>"
        self.text.setHtml(html)
        self._show_source(findings)

    def show_cell(self, cid: str) -> None:
        assert self.session is not None
        report = self.session.report
        parts = [cell_html(self.session, cid)]
        if not self.session.findings_of(cid):
            parts.append("<p style='color:#2e7d32'><b>这一格没有发现问题。</b></p>")
        passed = [f for f in self.session.result.findings if cid in f.cells and not f.is_problem]
        if passed:
            parts.append("<p style='color:#555'>已通过的核对：" + "；".join(escape(f.message) for f in passed[:5]) + "</p>")
        self.text.setHtml("".join(parts))
        self.source.show_location(report, report.cells[cid].loc, cell_name(report.layout, cid))

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
        loc: Location | None = report.meta.title_loc
        if loc is not None:
            self.source.show_location(report, loc, "标题")
        else:
            self.source.clear("这一项没有对应的原文位置。")
