"""Parse + check time per seed (text reader), and the whole `check` process for one file."""
from __future__ import annotations

import sys

from bench.common import ROOT, SEEDS, median_ms, process_ms, row

TITLE = "核心引擎：解析+检查（文本）"


def run() -> list[str]:
    from core.api import open_report
    from core.check import check

    lines = []
    for path in SEEDS:
        ms = median_ms(lambda: check(open_report(str(path))), runs=100)
        lines.append(row(f"seed {path.name[:3]} parse+check", ms, target="< 10 ms"))
    empty = process_ms([sys.executable, "-c", "pass"])
    whole = process_ms([sys.executable, str(ROOT / "main.py"), "check", str(SEEDS[4])])
    lines.append(row("python -c pass (interpreter start)", empty))
    lines.append(row("main.py check seed 004 (whole process)", whole, target="< 500 ms", note=f"{whole / empty:.1f}× bare interpreter"))
    return lines
