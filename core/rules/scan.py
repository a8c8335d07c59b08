"""SC-1: tables recognised from a scanned picture are checked, but a person must hold them against the paper.

Recognition never guesses a figure (an unsure one is left unread), yet a figure it read can still differ from
the paper in a way no balance shows (two errors that cancel). So a report whose tables come from a scan is at
best 「还有N项需要核实」 until the clerk has compared them with the original once and marked this line 已核实.
"""
from __future__ import annotations

from typing import Iterator

from core.document import Doubt, Grid
from core.findings import Finding, Outcome
from core.formats import cell_name
from core.model import Report, Written
from core.rules.catalogue import finding

MESSAGE = "表格由扫描图片识别，请对照原件核实"


def check_scanned(report: Report) -> Iterator[Finding]:
    blocks = getattr(report.document, "blocks", None) or []
    if not any(isinstance(b, Grid) and b.doubt is Doubt.SCAN for b in blocks):
        return
    unread = sorted(cid for cid, cell in report.cells.items() if cell.written is Written.UNREADABLE and cid not in report.corrections
                    and cell.loc is not None and cell.loc.kind == "scan")
    layout_order = {cid: n for n, cid in enumerate(report.cells)}
    unread.sort(key=layout_order.get)
    names = "、".join(cell_name(report.layout, cid) for cid in unread[:2]) + ("等" if len(unread) > 2 else "")
    detail = f"（{len(unread)}个数字未能可靠识别：{names}，已标为无法判断，请照原件填入）" if unread else ""
    yield finding(
        "SC-1",
        Outcome.FAILED,
        f"{MESSAGE}{detail}。识别出的数字都已参与核对；核对无误后请标记“已核实”。",
        "SC-1",
        cells=tuple(unread),
        subject="扫描件",
    )
