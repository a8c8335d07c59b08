"""What a finding or a cell says, as rich text: the same words in a cell's tooltip and in the details panel."""
from __future__ import annotations

from html import escape

from core.findings import Finding
from core.formats import cell_name
from core.rules.catalogue import CATALOGUE
from gui.marks import finding_mark, numbers, written_note
from gui.session import ReportSession


def finding_html(finding: Finding) -> str:
    """【未通过】 the message, 「应为27，实为21」, the rule and where it comes from."""
    mark = finding_mark(finding)
    info = CATALOGUE.get(finding.rule)
    parts = [f"<span style='color:{mark.colour}; font-weight:bold'>【{mark.word}】</span>{escape(finding.message)}"]
    if numbers(finding):
        parts.append(f"<b>{numbers(finding)}</b>")
    if info:
        parts.append(f"<span style='color:#555'>规则：{escape(info.title)}（{finding.rule}）<br>依据：{escape(info.reference)}</span>")
    return "<p>" + "<br>".join(parts) + "</p>"


def cell_html(session: ReportSession, cid: str) -> str:
    """A cell's name, what was written in it, and every problem that names it."""
    report = session.report
    parts = [f"<p><b>{escape(cell_name(report.layout, cid))}</b></p>"]
    original = report.cells[cid]
    if original.raw is not None and original.raw.strip():
        parts.append(f"<p>原文填写：「{escape(original.raw.strip())}」</p>")
    note = written_note(report.cell(cid))
    if note:
        parts.append(f"<p>{escape(note)}</p>")
    parts += [finding_html(f) for f in session.findings_of(cid)]
    return "".join(parts)
