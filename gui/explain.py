"""What a finding or a cell says, as rich text: the same words in a cell's tooltip and in the details panel."""
from __future__ import annotations

from html import escape

from core.findings import Finding
from core.formats import cell_name
from core.presentation import correction_note, numbers, written_note
from core.rules.catalogue import CATALOGUE
from core.work.confirmations import Confirmation
from gui.marks import finding_mark
from gui.session import ReportSession

CORRECTED_COLOUR = "#1b5e20"


def finding_html(finding: Finding, mark: Confirmation | None = None) -> str:
    """【未通过】 the message, 「应为27，实为21」, the rule and where it comes from; 已核实 and its note."""
    shown = finding_mark(finding, confirmed=mark is not None)
    info = CATALOGUE.get(finding.rule)
    parts = [f"<span style='color:{shown.colour}; font-weight:bold'>【{shown.word}】</span>{escape(finding.message)}"]
    if numbers(finding):
        parts.append(f"<b>{numbers(finding)}</b>")
    if mark is not None:
        when = mark.at.replace("T", " ")[:16]
        parts.append(f"<span style='color:{shown.colour}'>已核实（{escape(when)}）" + (f"：{escape(mark.note)}" if mark.note else "") + "</span>")
    if info:
        parts.append(f"<span style='color:#555'>规则：{escape(info.title)}（{finding.rule}）<br>依据：{escape(info.reference)}</span>")
    return "<p>" + "<br>".join(parts) + "</p>"


def session_finding_html(session: ReportSession, finding: Finding) -> str:
    return finding_html(finding, session.marks.get(finding.key) if session.is_confirmed(finding) else None)


def cell_html(session: ReportSession, cid: str) -> str:
    """A cell's name, what was written in it, what the clerk changed, and every problem that names it."""
    report = session.report
    parts = [f"<p><b>{escape(cell_name(report.layout, cid))}</b></p>"]
    original = report.cells[cid]
    if session.is_corrected(cid):
        parts.append(f"<p style='color:{CORRECTED_COLOUR}'><b>{escape(correction_note(original, report.cell(cid)))}</b>（您的更正）</p>")
    if original.raw is not None and original.raw.strip():
        parts.append(f"<p>原文填写：「{escape(original.raw.strip())}」</p>")
    note = written_note(report.cell(cid))
    if note:
        parts.append(f"<p>{escape(note)}</p>")
    parts += [session_finding_html(session, f) for f in session.findings_of(cid)]
    return "".join(parts)
