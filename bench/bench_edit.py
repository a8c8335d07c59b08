"""From a clerk's edit to the window showing its consequences: the number typed into a cell is taken
(the same `setData` the cell's editor calls), saved to disk, the report checked again, and the table,
the checklist and the verdict repainted. Median of 100 edits, for every report we have; the largest
(the most bytes) is the headline. Target: one frame, 16 ms.

The autosave write (atomic: a temporary file, fsync, rename, fsync of the folder) is timed inside each
edit as well, and the time without it is given: it is the disk's share, and it varies with what else
the disk is doing. The check alone is timed apart.
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SEEDS, median_ms, row

TITLE = "编辑：从改一格到高亮更新（含自动保存）"
SAMPLE = ROOT / "resources" / "samples" / "sample-2023.txt"
EDITS = 100
CELL = "t3:3.7/natural"  # in three balances: every edit changes findings, lines and marks


class _TimedStore:
    """The window's store, with the time each save took."""

    def __init__(self, store):
        self.store, self.times = store, []

    def __getattr__(self, name):
        return getattr(self.store, name)

    def save(self, work) -> None:
        start = time.perf_counter()
        self.store.save(work)
        self.times.append(time.perf_counter() - start)


def _edit_times(app, window, path: Path) -> tuple[list[float], list[float]]:
    """(edit → repainted, of which the autosave) for each of EDITS edits."""
    from core.api import open_report
    from core.check import check

    window.show_result(check(open_report(str(path))))
    app.processEvents()
    view = window.report_view.tables["t3"]
    model = view.form()
    index = model.index_of(CELL)
    window.report_view.show_cells([CELL])  # the cell on screen, as when a clerk types into it
    app.processEvents()
    read = window.session.report.value(CELL) or 0
    totals, saves = [], []
    for n in range(EDITS + 3):
        window.store.times.clear()
        start = time.perf_counter()
        model.setData(index, str(read + 1 + n % 2))  # a new number each time, failing its balances
        app.processEvents()  # the check's redraw: table, checklist and verdict painted
        totals.append(time.perf_counter() - start)
        saves.append(sum(window.store.times))
    window.session.mark_exported()
    return totals[3:], saves[3:]


def run() -> list[str]:
    from PySide6.QtCore import QSettings

    from core.api import open_report
    from core.check import check
    from core.work.autosave import WorkStore
    from gui.app import SCREENSHOT_SIZE, application, setup
    from gui.main_window import MainWindow
    from gui.settings import Settings

    app = application([])
    setup(app)
    reports = sorted(SEEDS + [SAMPLE], key=lambda p: p.stat().st_size, reverse=True)
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        store = _TimedStore(WorkStore(Path(folder) / "autosave"))
        window = MainWindow(Settings(QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)), store)  # type: ignore[arg-type]  # a WorkStore that times its writes
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        app.processEvents()
        for n, path in enumerate(reports):
            totals, saves = _edit_times(app, window, path)
            ms = statistics.median(totals) * 1000
            name = f"{path.name[:3] if path in SEEDS else 'sample'} ({path.stat().st_size // 1024} KB)"
            if n == 0:
                lines.append(row(f"largest report, {name}: edit → repainted", ms, target="< 16 ms"))
                lines.append(row("  the same without the autosave write", statistics.median(t - s for t, s in zip(totals, saves)) * 1000))
                lines.append(row("  the autosave write (fsync) in it", statistics.median(saves) * 1000))
            else:
                lines.append(row(f"{name}: edit → repainted", ms))
        largest = open_report(str(reports[0]))
        lines.append(row("the check alone, largest report", median_ms(lambda: check(largest), runs=EDITS)))
        window.close()
    return lines
