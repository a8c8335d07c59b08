"""Export time per report: the Excel workbook, the corrected Word copy and the PDF check report;
reading a workbook back against openpyxl's bare load_workbook of the same file. The Word copy is
timed on seed 001 in the official template (tests/fixtures) against python-docx opening and saving it."""
from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, SEEDS, median_ms, process_ms, row

TITLE = "导出：Excel工作簿、更正后的Word文档、PDF检查单；读回工作簿"


def run() -> list[str]:
    from openpyxl import load_workbook

    from core.api import open_report
    from core.check import check
    from core.export.xlsx import report_workbook
    from gui.printout import pdf_bytes

    lines = []
    results = {path.name[:3]: check(open_report(str(path))) for path in SEEDS}
    for name, result in results.items():
        ms = median_ms(lambda: report_workbook(result), runs=20)
        lines.append(row(f"seed {name} xlsx export (build + save)", ms))
    for name in ("000", "004"):
        ms = median_ms(lambda: pdf_bytes(results[name]), runs=10)
        lines.append(row(f"seed {name} PDF check report", ms))
    with tempfile.TemporaryDirectory() as folder:
        for name in ("000", "004"):
            target = Path(folder) / f"{name}.xlsx"
            data = report_workbook(results[name])
            target.write_bytes(data)
            ours = median_ms(lambda: check(open_report(str(target))), runs=20)
            bare = median_ms(lambda: load_workbook(io.BytesIO(data), data_only=True), runs=20)
            lines.append(row(f"seed {name} .xlsx read + check", ours, note=f"{ours / bare:.2f}× openpyxl load_workbook ({bare:.1f} ms)"))
        out = Path(folder) / "out.xlsx"
        whole = process_ms([sys.executable, str(ROOT / "main.py"), "export", str(SEEDS[4]), "--xlsx", str(out)], runs=5)
        lines.append(row("main.py export seed 004 --xlsx (whole process)", whole))
        lines += _docx(Path(folder))
    return lines


def _docx(folder: Path) -> list[str]:
    import docx

    from core.api import open_report
    from core.export.docx import corrected_docx
    from tests.fixtures import corpus, files

    seed = corpus.seeds()["001"]
    files.make([seed])
    path = seed.path("docx")
    report = open_report(str(path))
    data = path.read_bytes()

    def python_docx():
        document = docx.Document(io.BytesIO(data))
        document.save(io.BytesIO())

    bare = median_ms(python_docx, runs=20)
    lines = []
    located = [cid for cid, cell in report.cells.items() if cell.loc is not None]
    for label, cells in (("no corrections", []), ("3 corrections", located[::70]), ("every cell corrected", located)):
        report.corrections = {cid: 1 for cid in cells}
        ms = median_ms(lambda: corrected_docx(report), runs=20)
        lines.append(row(f"seed 001 docx copy, {label} ({len(cells)})", ms, note=f"{ms / bare:.2f}× python-docx open + save"))
    lines.append(row("seed 001: python-docx open + save", bare))
    whole = process_ms([sys.executable, str(ROOT / "main.py"), "export", str(path), "--docx", str(folder / "out.docx")], runs=5)
    lines.append(row("main.py export seed 001.docx --docx (whole process)", whole))
    return lines
