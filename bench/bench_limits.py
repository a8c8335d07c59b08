"""What the limits cost on good files, and what the bad ones cost.

Good files: the package checks (entries, sizes, no DTD) on a seed's .docx and an exported
workbook, the stream check on a seed's PDF, beside reading the same file. Bad files: every
file of the bad-input corpus (tests/badfiles.py) checked by `main.py check` in a process of
its own, its wall time and peak memory (wait4).
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
    from core.readers.limits import check_pdf_streams, open_package
    from tests import badfiles
    from tests.conftest import SAMPLE

    docx, pdf = badfiles.seed_docx("001").read_bytes(), badfiles.seed_pdf("001").read_bytes()
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
        ("pdf seed 001 (7 pages): stream check", median_ms(lambda: check_pdf_streams(pdf), runs=20), read_pdf),
    ):
        lines.append(row(name, cost, note=f"{cost / whole:.0%} of reading the file ({whole:.0f} ms)"))
    return lines


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
    return _good() + _bad()
