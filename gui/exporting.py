"""The window's exports, printing and the folder's summary: the questions asked, the files written.

Every file is written by core (`core.export`, `core.summary`, `gui.printout` — each through
`core.platform.fileio.atomic_write`, never over the report read); this module only asks where, in Qt's
own dialogs, and says what happened. A file that cannot be written (open in Excel or WPS,
read-only, a folder without rights) shows core's Chinese message and changes nothing: the
clerk's corrections stay in the window, still marked as not exported.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from core.batch import Item
from core.check import CheckResult
from core.export.names import export_path, summary_path
from core.model import Report
from core.platform.fileio import WriteError
from gui.file_dialogs import file_dialog
from gui.session import ReportSession

T = TypeVar("T")

KINDS = {  # what is written → the dialog's filter and the suffix added when the clerk types none
    "xlsx": ("Excel 工作簿 (*.xlsx)", "xlsx"),
    "docx": ("Word 文档 (*.docx)", "docx"),
    "pdf": ("PDF 文件 (*.pdf)", "pdf"),
    "zip": ("压缩文件 (*.zip)", "zip"),
}


SAVE_FOLDER = "last_save_folder"  # the window's property: the folder the clerk last saved a file in


def ask_save_path(parent: QWidget, title: str, proposed: str, kind: str) -> str | None:
    """Qt's save dialog, opened on the proposed file — in the folder the clerk last saved in, when they chose
    one this session (the Word copy goes where the workbook just went); None when the clerk cancels."""
    filters, suffix = KINDS[kind]
    last = parent.window().property(SAVE_FOLDER)
    if isinstance(last, str) and last and os.path.isdir(last):
        proposed = os.path.join(last, os.path.basename(proposed))
    dialog = file_dialog(parent, title, os.path.dirname(proposed), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(proposed)
    if not dialog.exec():
        return None
    chosen = dialog.selectedFiles()
    return chosen[0] if chosen else None


@contextmanager
def _working() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def not_saved(parent: QWidget, target: str, error: WriteError) -> None:
    QMessageBox.warning(parent, "没有保存", f"「{os.path.basename(target)}」没有保存。\n\n{error.message}")


def save(parent: QWidget, title: str, proposed: str, kind: str, write: Callable[[str], T]) -> tuple[str, T] | None:
    """Ask where (Qt's save dialog on `proposed`), then `write(target)`: the file and what `write` returned,
    or None when the clerk cancelled or the file could not be written (which is said)."""
    target = ask_save_path(parent, title, proposed, kind)
    if not target:
        return None
    try:
        with _working():
            made = write(target)
    except WriteError as error:
        not_saved(parent, target, error)
        return None
    parent.window().setProperty(SAVE_FOLDER, os.path.dirname(os.path.abspath(target)))
    return target, made


def export_report(parent: QWidget, session: ReportSession) -> list[str]:
    """Ask (errors left?), then where, and write the corrected workbook; a Word report's corrected copy
    after it. The files written (none when the clerk went back or nothing could be written)."""
    from core.export.xlsx import export_xlsx
    from gui.dialogs import ask_export_with_errors

    result, report = session.result, session.report
    if not result.ok and not ask_export_with_errors(parent, result.verdict.errors):
        return []
    workbook = save(parent, "导出更正后的Excel工作簿", export_path(report.source, "xlsx"), "xlsx", lambda t: export_xlsx(result, t))
    if workbook is None:
        return []
    written = [workbook[0]]
    if report.kind == "docx" and report.corrections:
        word = _export_word(parent, report)
        if word:
            written.append(word)
    return written


def _export_word(parent: QWidget, report: Report) -> str | None:
    """The corrected copy of the Word report: only the corrected cells changed. Says what could not be written."""
    from core.export.docx import export_docx

    title = "另存更正后的Word文档（原文档不会被改动）"
    saved = save(parent, title, export_path(report.source, "docx"), "docx", lambda t: export_docx(report, t))
    if saved is None:
        return None
    target, done = saved
    if done.message:
        QMessageBox.information(parent, "Word文档已保存，有更正没有写入", f"已保存「{os.path.basename(target)}」。\n\n{done.message}")
    return target


def save_check_pdf(parent: QWidget, result: CheckResult) -> str | None:
    """The check report as a PDF, for a supervisor's signature."""
    from gui.printout import write_pdf

    saved = save(parent, "导出检查单PDF", export_path(result.report.source, "pdf"), "pdf", lambda t: write_pdf(result, t))
    return saved[0] if saved else None


def print_check(parent: QWidget, result: CheckResult) -> bool:
    """Qt's print dialog (in Chinese), then the check report on the printer chosen."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from core.export.facts import report_title
    from gui.printout import a4_pages, print_report

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    a4_pages(printer)
    printer.setDocName(f"检查单：{report_title(result.report)}")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印检查单")
    if not dialog.exec():
        return False
    with _working():
        print_report(result, printer)
    return True


def save_summary(parent: QWidget, folder: str, items: Sequence[Item]) -> str | None:
    """The folder's summary workbook: a row per file, and every problem."""
    from core.summary import write_summary

    saved = save(parent, "导出汇总表", summary_path(folder), "xlsx", lambda t: write_summary(t, items))
    return saved[0] if saved else None
