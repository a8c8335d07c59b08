"""What the limits cost on good files, what reading in a worker costs, and what the bad files cost.

Good files: the package checks (entries, sizes, no DTD) on a seed's .docx and an exported
workbook, the count of a PDF's rule crossings, beside reading the same file. The worker: a
report read and checked in the program's own process, in a worker forked for it (the command
line), in a worker started afresh (the window's first file) and in a warm one (its next files).
Bad files: every file of the bad-input corpus (tests/badfiles.py) checked by `main.py check` in a
process of its own, its wall time and peak memory (wait4).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import median_ms, row

TITLE = "安全限制：正常文件上的开销，坏文件的耗时与内存"


def _good() -> list[str]:
    from core.api import open_report
    from core.check import check
    from core.export.xlsx import export_xlsx
    from core.readers.limits import open_package
    from tests import badfiles
    from tests.conftest import SAMPLE

    docx = badfiles.seed_docx("001").read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "导出.xlsx"
        export_xlsx(check(open_report(str(SAMPLE))), str(workbook))
        xlsx = workbook.read_bytes()
        read_xlsx = median_ms(lambda: open_report(str(workbook)), runs=20)
    read_docx = median_ms(lambda: open_report(str(badfiles.seed_docx("001"))), runs=40)
    read_pdf = median_ms(lambda: open_report(str(badfiles.seed_pdf("001"))), runs=5)
    lines = []
    for name, cost, whole in (
        ("docx seed 001: package checks", median_ms(lambda: open_package(docx).close(), runs=100), read_docx),
        ("xlsx export: package checks", median_ms(lambda: open_package(xlsx).close(), runs=100), read_xlsx),
        ("pdf seed 001 (7 pages): rule crossings counted", _crossings_ms(badfiles.seed_pdf("001")), read_pdf),
    ):
        lines.append(row(name, cost, note=f"{cost / whole:.0%} of reading the file ({whole:.0f} ms)"))
    return lines


def _crossings_ms(path) -> float:
    """What counting every page's rule crossings costs (the pages laid out first, as the reader has them)."""
    import pdfplumber

    from core.readers.limits import PageBudget, deadline
    from core.readers.pdf_budget import interpret, rule_crossings, start_read

    start_read()
    total = 0.0
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            interpret(page, PageBudget(number, deadline()))
            total += median_ms(lambda: rule_crossings(page), runs=20)
    return total


def _worker() -> list[str]:
    """What reading in a worker adds: starting it (forked, or afresh with the engine loaded), and the answer's way back."""
    from core.api import check_file
    from core.readers.worker import Worker
    from tests.conftest import SAMPLE

    path = str(SAMPLE)
    check_file(path)  # this process's caches warm, as a warm worker's are
    alone = median_ms(lambda: check_file(path), runs=30)
    forked = median_ms(lambda: _once(Worker("fork"), _nothing, path), runs=20)
    afresh = median_ms(lambda: _once(Worker("spawn", preload=("core.api",)), _nothing, path), runs=5, warmup=1)
    with Worker("spawn", preload=("core.api",)) as warm:
        warm.run(check_file, path)
        answered = median_ms(lambda: warm.run(check_file, path), runs=30)
    return [
        row("worker forked, a file handed over and answered, ended (what check adds)", forked),
        row("worker started afresh, the engine loaded, answered, ended (the window's first file)", afresh),
        row("the sample checked in a warm worker", answered, note=f"in this process {alone:.1f} ms: the answer's way back +{answered - alone:.1f} ms"),
    ]


def _nothing(path: str) -> None:
    return None


def _once(worker, task, path: str):
    with worker:
        return worker.run(task, path)


def _bad() -> list[str]:
    from tests import badfiles
    from tests.fixtures import measure

    with tempfile.TemporaryDirectory() as folder:
        runs = {name: measure.run(["check", str(bad.path)], timeout=60) for name, bad in badfiles.make(Path(folder)).items()}
    slowest = sorted(runs.items(), key=lambda item: -item[1].seconds)[:3]
    largest = sorted(runs.items(), key=lambda item: -item[1].peak_mb)[:3]
    lines = [f"  {len(runs)} bad files, each `main.py check` in a process of its own:"]
    lines += [row(f"slowest: {name}", run.seconds * 1000, target="< 10 s") for name, run in slowest]
    lines += [row(f"most memory: {name}", run.peak_mb, unit="MB", target="< 1 GB") for name, run in largest]
    return lines


def run() -> list[str]:
    return _good() + _worker() + _bad()
