"""Start-up of the window: from process start to the checked sample report on screen, beside a bare
PySide6 window showing one empty table, measured in the same run.

Both processes say a line on stdout the moment their window is laid out and painted (`--screenshot`
prints the verdict then); the time is taken from starting the process to reading that line.
Both run with their bytecode compiled (`compiled_env`; a warm-up run of each first).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, compiled_env, row

TITLE = "窗口：启动到显示检查完毕的示例报告"
SAMPLE = ROOT / "resources" / "samples" / "sample-2023.txt"
RUNS = 9

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(sys.argv[:1])
window = QMainWindow()
table = QTableView()
table.setModel(QStandardItemModel(0, 0))
window.setCentralWidget(table)
window.resize(1480, 920)
window.show()
QTimer.singleShot(0, lambda: (app.processEvents(), print("shown", flush=True), app.exit(0)))
sys.exit(app.exec())
"""


def _until_shown(args: list[str], env: dict[str, str]) -> float:
    """Seconds from starting the process to its first line on stdout."""
    start = time.perf_counter()
    with subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None  # stdout=PIPE
        line = process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.wait()
    if not line:
        raise RuntimeError(f"{args[1]} never said it was shown")
    return elapsed


def run() -> list[str]:
    bare, ours = [], []
    with tempfile.TemporaryDirectory() as folder:
        shot = str(Path(folder) / "shot.png")
        env = compiled_env(Path(folder))
        bare_args = [sys.executable, "-c", BARE]
        our_args = [sys.executable, str(ROOT / "main.py"), str(SAMPLE), "--screenshot", shot]
        _until_shown(bare_args, env), _until_shown(our_args, env)  # compiles the bytecode
        for _ in range(RUNS):  # interleaved, so both see the same machine
            bare.append(_until_shown(bare_args, env))
            ours.append(_until_shown(our_args, env))
    bare_ms, ours_ms = statistics.median(bare) * 1000, statistics.median(ours) * 1000
    return [
        row("bare PySide6 window, one empty table", bare_ms),
        row("main.py sample → checked report shown", ours_ms, target="< 1500 ms", note=f"{ours_ms / bare_ms:.2f}× bare (target ≤ 2×)"),
    ]
