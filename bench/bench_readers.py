"""Parse + check per kind of file, against the bare library doing only its own part on the same file.

Word: python-docx opening the document. PDF: pdfplumber extracting the text and the
tables of every page. Web page: lxml parsing it. The files are the test fixtures
(the official template filled in with a seed, LibreOffice's PDF and HTML of it),
made by tests/fixtures/files.py. Peak memory is measured in a fresh process reading
a 50-page PDF.
"""
from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace

from bench.common import ROOT, interleaved_ms, median_ms, row

TITLE = "读取器：解析+检查（Word / PDF / 网页），与所用库本身的耗时之比"


def _files():
    from tests.fixtures import corpus, files
    from tests.fixtures.docx_render import Options
    from tests.fixtures.files import Rendering

    data = corpus.seed_data()
    six = Rendering("bench-6-pages", data["000"], Options(filler=32))
    long_text = data["001"].sections[0][2]
    sections = [(sid, heading, long_text * 14 if sid == "s1" else text) for sid, heading, text in data["001"].sections]
    fifty = Rendering("bench-50-pages", replace(data["001"], sections=sections))
    seed = corpus.seeds()["001"]
    files.make([seed, six, fifty], ("docx", "pdf", "html"))
    return seed, six, fifty


def _pages(path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return len(pdf.pages)


def _docx(path) -> list[str]:
    import docx

    from core.api import open_report
    from core.check import check
    from core.readers.docx import read

    data = path.read_bytes()
    times = interleaved_ms({
        "ours": lambda: check(open_report(str(path))),
        "parse": lambda: read(str(path), data, "x"),
        "bare": lambda: docx.Document(io.BytesIO(data)),
    }, runs=100)
    ours, parse, bare = times["ours"], times["parse"], times["bare"]
    return [
        row("docx seed 001: parse+check", ours, target="< 50 ms", note=f"{ours / bare:.2f}× python-docx open (target ≤ 1.5×)"),
        row("docx seed 001: reader alone (file → Document)", parse, note=f"{parse / bare:.2f}× python-docx open"),
        row("docx seed 001: python-docx open only", bare),
    ]


def _pdf(path, label: str) -> list[str]:
    import pdfplumber

    from core.api import open_report
    from core.check import check

    def bare():
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()

    times = interleaved_ms({"ours": lambda: check(open_report(str(path))), "plain": bare}, runs=7, warmup=1)
    ours, plain = times["ours"], times["plain"]
    return [
        row(f"pdf {label} ({_pages(path)} pages): parse+check", ours, target="< 1000 ms",
            note=f"{ours / plain:.2f}× pdfplumber text+tables (target ≤ 1.3×)"),
        row(f"pdf {label}: pdfplumber text+tables only", plain),
    ]


def _html(path) -> list[str]:
    import lxml.html

    from core.api import open_report
    from core.check import check

    data = path.read_bytes()
    times = interleaved_ms({"ours": lambda: check(open_report(str(path))), "bare": lambda: lxml.html.document_fromstring(data)}, runs=30)
    ours, bare = times["ours"], times["bare"]
    return [
        row("html seed 001 (portal page): parse+check", ours, note=f"{ours / bare:.2f}× lxml.html parse"),
        row("html seed 001: lxml.html parse only", bare),
    ]


def _peak_memory_mb(path) -> tuple[float, float]:
    """Peak resident memory (VmHWM) of a fresh process: with the libraries loaded, and after reading and checking.

    VmHWM, not getrusage: a child's ru_maxrss starts from its parent's peak at fork.
    """
    code = (
        "import re\n"
        "def peak():\n"
        "    return int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "import pdfplumber\n"
        "from core.api import open_report\nfrom core.check import check\n"
        "before = peak()\n"
        f"check(open_report({str(path)!r}))\n"
        "print(before, peak())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    before, after = map(int, done.stdout.split())
    return before / 1024, after / 1024  # kB → MB


def run() -> list[str]:
    from core.api import open_report

    seed, six, fifty = _files()
    lines = _docx(seed.path("docx"))
    lines += _pdf(six.path("pdf"), "seed 000 + filler")
    lines += _pdf(seed.path("pdf"), "seed 001")
    lines += _html(seed.path("html"))
    pages = _pages(fifty.path("pdf"))
    before, after = _peak_memory_mb(fifty.path("pdf"))
    lines.append(row(f"pdf {pages} pages: peak memory of the process", after, "MB", target="< 200 MB",
                     note=f"{before:.0f} MB before reading (Python and the libraries)"))
    lines.append(row(f"pdf {pages} pages: parse", median_ms(lambda: open_report(str(fifty.path("pdf"))), runs=3, warmup=0)))
    return lines
