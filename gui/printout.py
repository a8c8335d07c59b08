"""The printable check report, printed by Qt: to a PDF file, or to a printer (the window's 打印).

The content is `core.export.check_report.check_report_html`; this module only lays it out on A4
pages with a Chinese font. Qt embeds the fonts it uses in the PDF, so it prints right on any PC.
"""
from __future__ import annotations

import os
import sys
from datetime import datetime

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from core.check import CheckResult
from core.export.check_report import HEADING, check_report_html
from core.export.facts import PROGRAM, report_title
from core.platform.fileio import atomic_write

# Letters and digits in Times New Roman, Chinese in 宋体, as in official documents; on a PC without
# them, the first family it has. A Latin font first also keeps the PDF's text searchable: a CJK font's
# substituted digit glyphs come out of Qt's PDF without their Unicode.
LATIN_FAMILIES = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]
CHINESE_FAMILIES = ["SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Microsoft YaHei"]
FONT_FAMILIES = LATIN_FAMILIES + CHINESE_FAMILIES
FONT_POINTS = 10.5
PAGE_MARGINS_MM = (15, 15, 15, 15)

_app: QGuiApplication | None = None  # kept alive when the command line needs one


def check_document(result: CheckResult, now: datetime | None = None) -> QTextDocument:
    _ensure_application()
    document = QTextDocument()
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(FONT_POINTS)
    document.setDefaultFont(font)
    document.setHtml(check_report_html(result, now or datetime.now()))
    return document


def a4_pages(device: QPagedPaintDevice) -> None:
    """A4 with 15 mm margins: the PDF's pages, and what the print dialog offers first."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    device.setPageMargins(QMarginsF(*PAGE_MARGINS_MM), QPageLayout.Unit.Millimeter)


def print_report(result: CheckResult, device: QPagedPaintDevice, now: datetime | None = None) -> None:
    """Print the check report on a printer (or any paged device) the caller has set up."""
    check_document(result, now).print_(device)


def pdf_bytes(result: CheckResult, now: datetime | None = None) -> bytes:
    document = check_document(result, now)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    a4_pages(writer)
    writer.setTitle(f"{HEADING}：{report_title(result.report)}")
    writer.setCreator(PROGRAM)
    document.print_(writer)
    del writer  # the PDF is finished when the writer goes
    buffer.close()
    return bytes(buffer.data().data())


def write_pdf(result: CheckResult, target: str, now: datetime | None = None) -> None:
    """Write the check report to `target` as a PDF (never over the file the report was read from)."""
    atomic_write(target, pdf_bytes(result, now), source=result.report.source)


def _ensure_application() -> None:
    """Qt lays out text only inside an application; the command line has none, and maybe no screen."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else "年报检查"])
