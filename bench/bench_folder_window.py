"""The window's 「打开文件夹…」: 500 reports checked off the window's thread and listed.

Measured in one process: from `open_folder` to the list on screen, the window's longest pause
meanwhile (a 10 ms timer's largest gap: what a clerk would feel as a freeze), building the list
alone, and `check_many` as `check FOLDER` runs it (forked workers, no window) for comparison —
the window starts its workers afresh ('spawn'), which costs each worker the engine's imports.
The folder is bench_batch's (`BENCH_BATCH_COUNT` changes the number of reports).
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.bench_batch import make_folder
from bench.common import median_ms, row

TITLE = "窗口：打开文件夹，500份报告在窗口外检查并列出"
TARGET_PAUSE_MS = 100  # a pause a clerk does not notice as the window hanging


def _shown(app, window, folder: Path) -> tuple[float, float]:
    """Seconds from `open_folder` to the list on screen; the window's longest pause meanwhile (ms)."""
    from PySide6.QtCore import QEventLoop

    from tests.fixtures.pauses import Pauses

    loop = QEventLoop()
    window.batch_shown.connect(loop.quit)
    with Pauses(interval_ms=10) as pauses:
        start = time.perf_counter()
        window.open_folder(str(folder))
        loop.exec()
        shown = time.perf_counter() - start
    window.batch_shown.disconnect(loop.quit)
    return shown, max(pauses.gaps[:-1], default=0)  # the last gap holds the list being built


def run() -> list[str]:
    from PySide6.QtCore import QSettings

    from core.batch import check_many, report_files
    from core.work.autosave import WorkStore
    from gui.app import application, setup
    from gui.batch_list import BatchPage
    from gui.main_window import MainWindow
    from gui.settings import Settings

    count = int(os.environ.get("BENCH_BATCH_COUNT", "500"))
    app = application([])
    setup(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "各单位年报"
        folder.mkdir()
        make_folder(folder, "txt", count)
        files = report_files([str(folder)])
        window = MainWindow(Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)), WorkStore(Path(tmp)))
        window.show()
        app.processEvents()
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        shown, pauses, forked = [], [], []
        for _ in range(3):  # alternated, so a change in the machine's load hits both alike
            seconds, pause = _shown(app, window, folder)
            shown.append(seconds)
            pauses.append(pause)
            start = time.perf_counter()
            check_many(files)
            forked.append(time.perf_counter() - start)
        assert window.batch_page is not None  # the folder's list, shown above
        items = window.batch_page.items
        list_ms = median_ms(lambda: BatchPage(str(folder), items).deleteLater(), runs=5, warmup=1)
        window.close()
    rows = len(items)
    return [
        row(f"{rows} reports: open_folder → list shown", statistics.median(shown), "s", note=f"load average {load:.2f} (other users of the cores)"),
        row("  the same checks as `check FOLDER` (forked)", statistics.median(forked), "s", note="check_many in this process, no window"),
        row("longest pause of the window while checking", max(pauses), "ms", target=f"< {TARGET_PAUSE_MS} ms", note="worst of 3 runs"),
        row(f"building the list of {rows} rows", list_ms, "ms"),
    ]
