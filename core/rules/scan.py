"""SC-1: tables recognised from a scanned picture are checked, but a person must hold them against the paper.

Recognition never guesses a figure (an unsure one is left unread), yet a figure it read can still differ from
the paper in a way no balance shows (two errors that cancel). So a report whose tables come from a scan is at
best 「还有N项需要核实」 until the clerk has compared them with the original once and marked this line 已核实
(a failed warning: what counts as open, and the words for it, are core/presentation.py's, as for any rule).
"""
from __future__ import annotations

from collections.abc import Iterator

from core.document import Doubt, Grid
from core.findings import Finding, Outcome, Severity
from core.formats import cell_name
from core.model import Report, Written
from core.rules.entry import RuleEntry
from core.rules.examples import Example, Fragment

TITLE = "表格由扫描图片识别，请对照原件核实"


def check_scanned(report: Report) -> Iterator[Finding]:
    blocks = getattr(report.document, "blocks", None) or []
    if not any(isinstance(b, Grid) and b.doubt is Doubt.SCAN for b in blocks):
        return
    unread = [cid for cid, cell in report.cells.items() if cell.written is Written.UNREADABLE and cid not in report.corrections
              and cell.loc is not None and cell.loc.kind == "scan"]  # in the form's order (report.cells is laid out so)
    names = "、".join(cell_name(report.layout, cid) for cid in unread[:2]) + ("等" if len(unread) > 2 else "")
    detail = f"（{len(unread)}个数字未能可靠识别：{names}，已标为无法判断，请照原件填入）" if unread else ""
    yield SC_1.finding(
        Outcome.FAILED,
        f"{TITLE}{detail}。识别出的数字都已参与核对；核对无误后请标记“已核实”。",
        SC_1.key(),
        cells=tuple(unread),
        subject="扫描件",
    )


SC_1 = RuleEntry(
    "SC-1",
    Severity.WARNING,
    "structure",
    TITLE,
    "本程序的文字识别（离线）",
    about="a report whose tables were recognised from a scan is to be held against the paper once (已核实); "
          "the figures not read for certain are named",
    check=check_scanned,
    examples=(
        Example("a report read from Word: nothing to hold against a paper", Fragment(), None),
        Example("every figure of a scan read", Fragment(doubt=Doubt.SCAN, kind="scan"), Outcome.FAILED),
        Example("a scan whose 表三 new requests by persons were not read for certain",
                Fragment(cells={"t3:1/natural": "1·5"}, doubt=Doubt.SCAN, kind="scan"), Outcome.FAILED),
    ),
)
