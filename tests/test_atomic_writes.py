"""Exports are atomic: a process killed at any moment of writing leaves the old file or the complete new one.

A writer process exports a real report with `export_xlsx` and writes a large self-checking
file with `atomic_write`, over and over; it is killed with SIGKILL after a random delay, many
times. After every kill both files are whole: the workbook opens with openpyxl and reads back
to the report's cells, the large file's checksum holds.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from openpyxl import load_workbook

from core.api import open_report
from core.check import check
from core.export.xlsx import export_xlsx
from tests.conftest import ROOT, seed

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="killed with SIGKILL")

ROUNDS = 16
LARGE = 64 * 1024 * 1024  # long enough to write (~0.1 s with its fsync) that many kills land in the middle of it

WRITER = """
import sys
sys.path.insert(0, {root!r})
from core.api import open_report
from core.check import check
from core.export.xlsx import export_xlsx
from core.fileio import atomic_write

result = check(open_report({report!r}))
print("ready", flush=True)
n = 0
while True:
    export_xlsx(result, {workbook!r})
    for _ in range(4):  # most of the time spent writing: where a kill is most telling
        n += 1
        atomic_write({large!r}, b"version %d\\n" % n + bytes([n % 251]) * {size})
"""


def _whole(data: bytes) -> bool:
    """The large file as one version wrote it: its header, then its byte LARGE times."""
    header, _, body = data.partition(b"\n")
    n = int(header.split()[1])
    return body == bytes([n % 251]) * (LARGE if n else 0)


def _values(path) -> dict:
    report = open_report(str(path))
    return {cid: cell.value for cid, cell in report.cells.items()}


def test_a_process_killed_while_writing_leaves_the_old_file_or_the_new_one(tmp_path):
    report = seed("000")  # 169 cells differ from what was read: the largest export of the seeds
    workbook, large = tmp_path / "导出 结果.xlsx", tmp_path / "大文件.bin"
    export_xlsx(check(open_report(str(report))), str(workbook))  # the old files
    expected = _values(workbook)
    large.write_bytes(b"version 0\n")
    script = WRITER.format(root=str(ROOT), report=str(report), workbook=str(workbook), large=str(large), size=LARGE)
    delays = random.Random(8).sample([n / 100 for n in range(10, 80)], ROUNDS)
    versions, interrupted = set(), 0
    for delay in delays:
        writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=tmp_path)
        assert writer.stdout.readline() == b"ready\n"
        time.sleep(delay)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        assert writer.returncode == -signal.SIGKILL
        load_workbook(workbook).close()  # opens: a zip with its central directory, every part whole
        assert _values(workbook) == expected
        data = large.read_bytes()
        assert _whole(data), f"broken after a kill at {delay} s"
        versions.add(data.split(b"\n", 1)[0])
        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        interrupted += bool(leftovers)
        for leftover in leftovers:  # what a kill mid-write leaves beside the target: a hidden temporary file
            assert leftover.name.startswith((".导出 结果.xlsx.", ".大文件.bin."))
            leftover.unlink()
    assert interrupted >= 1  # kills did land in the middle of writing …
    assert len(versions) >= 3  # … and between writes, when new versions had replaced old ones
