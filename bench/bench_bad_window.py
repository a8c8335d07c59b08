"""The window on the bad-input corpus: how long each file takes to be answered, and whether the window hung.

Every file of tests/badfiles.py is opened with `open_path` over a report on screen, as a clerk
opens it (read off the window's thread): the time from the click to the message (or the report)
on screen, and the window's longest pause meanwhile (a 10 ms timer's largest gap).
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import row

TITLE = "窗口：打开坏文件，多久得到答复，窗口是否卡住"
TARGET_PAUSE_MS = 100  # a pause a clerk does not notice as the window hanging (as bench_folder_window)


def _answered(window, path: str) -> tuple[float, float]:
    """Seconds from `open_path` to the answer on screen; the window's longest pause meanwhile (ms)."""
    from PySide6.QtCore import QEventLoop

    from tests.fixtures.pauses import Pauses

    loop = QEventLoop()
    window.report_shown.connect(loop.quit)
    window.read_failed.connect(loop.quit)
    with Pauses(interval_ms=10) as pauses:
        start = time.perf_counter()
        window.open_path(path)
        loop.exec()
        seconds = time.perf_counter() - start
    window.report_shown.disconnect(loop.quit)
    window.read_failed.disconnect(loop.quit)
    return seconds, pauses.longest


def run() -> list[str]:
    from PySide6.QtCore import QSettings

    from core.work.autosave import WorkStore
    from gui.app import application, setup
    from gui.main_window import MainWindow
    from gui.settings import Settings
    from tests import badfiles
    from tests.conftest import SAMPLE

    app = application([])
    setup(app)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = badfiles.make(Path(tmp) / "corpus")
        window = MainWindow(Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)), WorkStore(Path(tmp)))
        window.show()
        _answered(window, str(SAMPLE))  # the report on screen, and the engine loaded
        measured = {}
        for name, bad in corpus.items():
            measured[name] = _answered(window, str(bad.path))
            _answered(window, str(SAMPLE))
        window.close()
    slowest = sorted(measured.items(), key=lambda item: -item[1][0])[:3]
    deafest = sorted(measured.items(), key=lambda item: -item[1][1])[:3]
    lines = [f"  {len(measured)} bad files opened in the window over the sample:"]
    lines += [row(f"slowest answer: {name}", seconds * 1000, target="< 10 s") for name, (seconds, _pause) in slowest]
    lines += [row(f"longest pause: {name}", pause, target=f"< {TARGET_PAUSE_MS} ms") for name, (_seconds, pause) in deafest]
    return lines
