"""Exports and autosaves are atomic: a process killed at any moment of writing leaves the old file or the complete new one.

A writer process exports a real report with `export_xlsx` and writes a large self-checking
file with `atomic_write`, over and over; it is killed with SIGKILL after a random delay, many
times. After every kill both files are whole: the workbook opens with openpyxl and reads back
to the report's cells, the large file's checksum holds. Another writer saves a clerk's work on
a report with the autosave store (`core/work/autosave.py`) over and over, and is killed the same way:
the store's own reader finds one whole version every time.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.api import open_report
from core.check import check
from core.export.xlsx import export_xlsx
from core.work.autosave import Work, WorkStore
from tests.conftest import ROOT, seed

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="killed with SIGKILL")]

ROUNDS = 16
LARGE = 64 * 1024 * 1024  # long enough to write (~0.1 s with its fsync) that many kills land in the middle of it

WRITER = """
import sys
sys.path.insert(0, {root!r})
from core.api import open_report
from core.check import check
from core.export.xlsx import export_xlsx
from core.platform.fileio import atomic_write

result = check(open_report({report!r}))
print("ready", flush=True)
n = 0
while True:
    export_xlsx(result, {workbook!r})
    for _ in range(4):  # most of the time spent writing: where a kill is most telling
        n += 1
        atomic_write({large!r}, b"version %d\\n" % n + bytes([n % 251]) * {size})
"""


MARKS = 1000  # warnings marked 已核实, each with a note: 1.3 MB, so that many kills land while the file is written
NOTE = "已与业务科室核实" * 40

AUTOSAVE_WRITER = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from core.work.autosave import Work, WorkStore
from core.work.confirmations import Confirmation

store = WorkStore(Path({folder!r}))
n = 0
while True:  # version n: every cell corrected to n, every note and the time saved saying so
    n += 1
    said = "第%d版" % n
    marks = {{key: Confirmation(key, "0123456789abcdef", said + {note!r}) for key in ("TX-%d:received" % i for i in range({marks}))}}
    store.save(Work({fingerprint!r}, {source!r}, dict.fromkeys({cells!r}, n), {{"year": 2023}}, marks, True, said))
    if n == 1:
        print("ready", flush=True)  # one whole version is there: from now on a kill finds the old one or the new one
"""


def _delays(choices: list[float]):
    """(round, delay) for the kills: ROUNDS of them, then more while `_enough` is not yet true, each further batch
    waiting longer — on a slow or busy machine each write takes longer, and the kills must still land both in
    the middle of writing and between writes."""
    rng = random.Random(8)
    for n in range(ROUNDS * 3):
        yield n, rng.choice(choices) * (1 + n // ROUNDS)


def _enough(n: int, interrupted: int, versions: set) -> bool:
    return n + 1 >= ROUNDS and interrupted >= 1 and len(versions) >= 3


def _killed_after(script: str, delay: float, cwd: Path) -> None:
    """Start a writer, let it write for `delay` seconds, kill it with SIGKILL."""
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=cwd)
    assert writer.stdout.readline() == b"ready\n"
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL


def _temporary_files(folder: Path) -> list[Path]:
    """What a kill in the middle of `atomic_write` leaves beside the target: a hidden temporary file."""
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


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
    versions, interrupted = set(), 0
    for n, delay in _delays([n / 100 for n in range(10, 80)]):
        _killed_after(script, delay, tmp_path)
        load_workbook(workbook).close()  # opens: a zip with its central directory, every part whole
        assert _values(workbook) == expected
        data = large.read_bytes()
        assert _whole(data), f"broken after a kill at {delay} s"
        versions.add(data.split(b"\n", 1)[0])
        leftovers = _temporary_files(tmp_path)
        interrupted += bool(leftovers)
        for leftover in leftovers:
            assert leftover.name.startswith((".导出 结果.xlsx.", ".大文件.bin."))
            leftover.unlink()
        if _enough(n, interrupted, versions):
            break
    assert interrupted >= 1  # kills did land in the middle of writing …
    assert len(versions) >= 3  # … and between writes, when new versions had replaced old ones


def _one_version(work: Work, cells: list[str]) -> bool:
    """The work as one save wrote it: every cell, every mark and its note, and the time saved of the same version."""
    said = work.saved_at
    return (
        list(work.corrections) == cells
        and {f"第{value}版" for value in work.corrections.values()} == {said}
        and len(work.marks) == MARKS
        and {mark.note for mark in work.marks.values()} == {said + NOTE}
        and work.meta_corrections == {"year": 2023}
    )


def test_an_autosave_killed_while_writing_leaves_the_old_work_or_the_new(tmp_path):
    report = open_report(str(seed("000")))
    folder = tmp_path / "autosave"
    store = WorkStore(folder)
    cells = list(report.layout.cell_ids)
    script = AUTOSAVE_WRITER.format(root=str(ROOT), folder=str(folder), fingerprint=report.fingerprint, source=report.source,
                                    cells=cells, marks=MARKS, note=NOTE)
    versions, interrupted = set(), 0
    for n, delay in _delays([n / 200 for n in range(2, 80)]):
        _killed_after(script, delay, tmp_path)
        leftovers = _temporary_files(folder)
        work = store.load(report.fingerprint)  # the store's own reader: a broken file would be set aside, and None
        assert work is not None and _one_version(work, cells), f"broken after a kill at {delay} s"
        assert sorted(p.name for p in folder.iterdir()) == sorted([f"{report.fingerprint}.json", *(p.name for p in leftovers)])
        versions.add(work.saved_at)
        interrupted += bool(leftovers)
        for leftover in leftovers:
            assert leftover.name.startswith(f".{report.fingerprint}.json.")
            leftover.unlink()
        if _enough(n, interrupted, versions):
            break
    assert interrupted >= 1  # kills did land in the middle of writing …
    assert len(versions) >= 3  # … and between writes, when new versions had replaced old ones
