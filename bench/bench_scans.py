"""Scanned reports: seconds a page, and per cell of tables 二/三/四 read, unread and wrong, against reading the same
report's text PDF; a 6-page 200-dpi scan's time and peak memory in a process of its own; what checking a .txt and a
text PDF loads (never the recogniser).

The scans are the test fixtures (tests/fixtures/scans.py): each seed's LibreOffice PDF and a report of every digit
(`figures`) printed, stamped and scanned at 200 and 150 dpi, askew, speckled, JPEG-compressed. Each is read in this
process, one after the other, as a worker reads it.
"""
from __future__ import annotations

import subprocess
import sys
import time

from bench.common import ROOT, row

TITLE = "扫描件：每页耗时、表格数字读出/未读出/读错（与同一报告的文字PDF对比），6页扫描件的耗时与内存，检查文本和文字PDF不加载识别"

NAMES = ("000", "001", "002", "003", "004", "figures")


def _scans(dpi: int):
    from tests.fixtures import files, scans
    from tests.test_scan_reader import options, rendering

    files.make([rendering(n) for n in NAMES], ("docx", "pdf"))
    return {name: (rendering(name).path("pdf"), scans.scanned(rendering(name), options(name, dpi))) for name in NAMES}


def _pages(path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _accuracy(dpi: int) -> list[str]:
    from core.api import open_report
    from core.check import check
    from tests.fixtures.scans import measure

    lines, totals = [], {"read": 0, "unread": 0, "wrong": 0, "missing": 0}
    seconds = pages = 0.0
    for name, (text_pdf, scan_pdf) in _scans(dpi).items():
        start = time.perf_counter()
        check(text := open_report(str(text_pdf)))
        text_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        scan = open_report(str(scan_pdf))
        check(scan)
        took = time.perf_counter() - start
        n = _pages(scan_pdf)
        seconds, pages = seconds + took, pages + n
        counts = measure(text, scan)
        t34 = {k: counts["t3"][k] + counts["t4"][k] for k in totals}
        for k in totals:
            totals[k] += t34[k]
        cells = sum(t34.values())
        lines.append(row(
            f"{dpi} dpi {name} ({n} pages): s a page", took / n, "s",
            note=f"表三+表四 {t34['read']}/{cells} read ({t34['read'] / cells:.1%}), {t34['unread']} unread, {t34['wrong']} wrong, "
                 f"{t34['missing']} missing; 表二 {counts['t2']['read']}/{sum(counts['t2'].values())} read, {counts['t2']['wrong']} wrong; "
                 f"the text PDF: {text_ms:.0f} ms ({took * 1000 / text_ms:.0f}×)",
        ))
    cells = sum(totals.values())
    lines.append(row(f"{dpi} dpi, all {len(NAMES)} scans: s a page", seconds / pages, "s", target="≥ 98 %, 0 wrong" if dpi == 200 else "0 wrong",
                     note=f"表三+表四 {totals['read']}/{cells} read ({totals['read'] / cells:.1%}), {totals['unread']} unread, {totals['wrong']} wrong"))
    return lines


def timed_check(path: str) -> None:
    """Read and check `path` as a worker does, and print its seconds, the recognition model's seconds alone (the
    onnxruntime session's runs: the floor no change outside the model can go under), the seconds around them in
    the recogniser (scaling the crops, decoding), and the peak resident memory and address space in MB.
    Run in a fresh process: `python -c "from bench.bench_scans import timed_check; timed_check(PATH)"`."""
    import re

    from core.api import open_report
    from core.check import check
    from core.ocr import engine

    spent = {"model": 0.0, "recogniser": 0.0}
    run = engine.Recogniser._run

    def timed_run(self, *args):
        session_run = self.session.run

        def timed_session(*a, **k):
            start = time.perf_counter()
            try:
                return session_run(*a, **k)
            finally:
                spent["model"] += time.perf_counter() - start

        self.session.run = timed_session
        start = time.perf_counter()
        try:
            return run(self, *args)
        finally:
            spent["recogniser"] += time.perf_counter() - start
            del self.session.run

    engine.Recogniser._run = timed_run  # type: ignore[method-assign]
    start = time.perf_counter()
    check(open_report(path))
    seconds = time.perf_counter() - start
    with open("/proc/self/status") as handle:
        status = handle.read()
    rss, vm = (int(re.findall(key + r":\s+(\d+)", status)[0]) / 1024 for key in ("VmHWM", "VmPeak"))
    print(seconds, spent["model"], spent["recogniser"] - spent["model"], rss, vm)


def _six_pages() -> list[str]:
    """The 6-page report of the reader benchmark (seed 000 with filler), scanned at 200 dpi: read and checked in a fresh
    process as a worker reads it; its time, what of it the recognition model takes alone, peak resident memory and
    peak address space (the worker's limit counts it)."""
    from tests.fixtures import corpus, files, scans
    from tests.fixtures.docx_render import Options
    from tests.fixtures.files import Rendering
    from tests.fixtures.scan_render import ScanOptions

    six = Rendering("bench-6-pages", corpus.seed_data()["000"], Options(filler=32))
    files.make([six], ("docx", "pdf"))
    scan = scans.scanned(six, ScanOptions(dpi=200, skew=1.1, seed=23))
    pages = _pages(scan)
    code = f"from bench.bench_scans import timed_check; timed_check({str(scan)!r})"
    lines = []
    for _ in range(2):
        with open("/proc/loadavg") as load:
            before = load.read().split()[0]
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        seconds, model, around, rss, vm = map(float, done.stdout.split())
        lines.append(row(
            f"scan 200 dpi, {pages} pages: read + check, fresh process", seconds, "s", target="≤ 20 s, < 1 GB",
            note=f"{seconds / pages:.1f} s a page; the recognition model alone {model:.1f} s (the floor), scaling and decoding "
                 f"its crops {around:.1f} s, the rest (rendering, straightening, finding rules and lines, placing, checking) "
                 f"{seconds - model - around:.1f} s; peak memory {rss:.0f} MB, address space {vm:.0f} MB; load average {before}",
        ))
    start = time.perf_counter()
    from core.api import open_report
    from core.check import check

    check(open_report(str(six.path("pdf"))))
    lines.append(row(f"the same report's text PDF ({_pages(six.path('pdf'))} pages): read + check", (time.perf_counter() - start) * 1000))
    return lines


def _no_recogniser() -> list[str]:
    """`check` on a .txt and on a text PDF never imports numpy, onnxruntime or core.ocr (reading them costs no more)."""
    from tests.conftest import SAMPLE

    code = (
        "import sys, time\nstart = time.perf_counter()\nfrom core.api import check_file\n"
        "check_file(sys.argv[1])\n"
        "print(time.perf_counter() - start, sum(1 for m in sys.modules if m.split('.')[0] in ('numpy', 'onnxruntime') or m.startswith('core.ocr')))\n"
    )
    lines = []
    for path in (SAMPLE, ROOT / "resources" / "samples" / "sample-2023.pdf"):
        done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
        seconds, loaded = done.stdout.split()
        lines.append(row(f"{path.suffix}: import + read + check", float(seconds) * 1000, note=f"recogniser modules loaded: {loaded}"))
    return lines


def run() -> list[str]:
    return [*_no_recogniser(), *_six_pages(), *_accuracy(200), *_accuracy(150)]
