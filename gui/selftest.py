"""`main.py --self-test` (and `nianbao-cli --self-test` in the installed program).

Proves that what a clerk needs works on this PC, from this copy of the program: the
window opens and checks the bundled sample, a Chinese PDF is read (including one that
needs pdfminer's CJK CMap data, which a frozen build can silently lose), a scan of the sample is
recognised in a worker (the recogniser, its model and numpy are bundled and load), a workbook
and a printable check report are written to a temporary folder, and a folder is checked
in worker processes started as the window starts them (a frozen program must answer them). Exit 0 only if all of it
worked; each step prints one Chinese line.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from core.platform.paths import resource

SAMPLE = ("samples", "sample-2023.txt")
SAMPLE_PDF = ("samples", "sample-2023.pdf")
SAMPLE_SCAN = ("samples", "sample-2023-scan.pdf")  # the sample printed, stamped and scanned at 200 dpi
SCAN_READ_SHARE = 0.95  # of table 三's and 四's figures at least this many read from the scan (none wrong)
CMAP_PROBE = ("selftest", "cmap-probe.pdf")
CMAP_PROBE_TEXT = "政府信息公开工作年度报告"  # what ship/cmap_probe.py wrote into the probe
WINDOW_TIMEOUT_MS = 60_000
# Qt's own file dialog (Linux) as Qt's catalogue and resources/translations put it in Chinese (PySide6 6.9).
FILE_DIALOG_LABELS = {"lookInLabel": "查找范围：", "fileNameLabel": "文件名称(&N)：", "fileTypeLabel": "文件类型："}
# Words of the window: each must be drawn from a font that has it, or it shows as a box.
UI_TEXT = "年报检查发现错误暂不宜提交还有需要核实检查通过可以表三总计导出打印帮助"
FONT_PACKAGES = "fonts-noto-cjk（或 fonts-wqy-microhei）"


class Failed(Exception):
    pass


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


# Qt's warnings that are no one's concern: the offscreen platform cannot honour window hints, and the file
# dialog's list finds no locale collation in the Linux bundle's empty ICU data (ship/icu_stub.c): it sorts plainly.
QUIET = ("does not support propagateSizeHints", "Could not create collator")


def _quiet_offscreen(kind, context, message: str) -> None:
    if not any(words in message for words in QUIET):
        print(message, file=sys.stderr)


def _application():
    from PySide6.QtCore import qInstallMessageHandler

    from gui.app import application, setup

    app = application()
    qInstallMessageHandler(_quiet_offscreen)
    setup(app)
    return app


def _chinese_can_be_drawn() -> str:
    """A font that has the window's Chinese characters; without one every character is a box."""
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    app = _application()
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    metrics = QFontMetrics(app.font())
    missing = [c for c in UI_TEXT if not metrics.inFontUcs4(ord(c))]
    if not chinese or missing:
        advice = f"请安装中文字体：sudo apt install {FONT_PACKAGES}" if sys.platform.startswith("linux") else "请安装“微软雅黑”等中文字体"
        raise Failed(f"找不到能显示中文的字体，窗口中的汉字会显示成方框。{advice}，然后再运行自检")
    return f"字体“{app.font().family()}”"


def _dialogs_speak_chinese() -> str:
    """Qt's own words (buttons, the file dialog) in Chinese: its catalogue and ours are in this copy."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog, QLabel

    _application()
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own dialog, as on Linux
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    dialog.deleteLater()
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    _expect(labels == FILE_DIALOG_LABELS and cancel == "取消", f"Qt的对话框不是中文：{', '.join(labels.values())}、{cancel}")
    return "、".join([*labels.values(), cancel])


def _window_checks_the_sample(folder: Path) -> str:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from gui.main_window import MainWindow
    from gui.settings import Settings

    _application()
    window = MainWindow(Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)))
    loop = QEventLoop()
    outcome: list[str] = []
    def answered(what: str) -> None:
        outcome.append(what)
        loop.quit()

    window.report_shown.connect(lambda: answered("shown"))
    window.read_failed.connect(answered)
    QTimer.singleShot(WINDOW_TIMEOUT_MS, loop.quit)
    window.show()
    window.open_path(str(resource(*SAMPLE)))
    loop.exec()
    _expect(outcome == ["shown"], f"示例报告没有在窗口中打开：{outcome[0] if outcome else '超时'}")
    assert window.session is not None  # the report was shown
    verdict = window.session.result.verdict.text
    _expect(verdict == "发现3处错误，暂不宜提交", f"示例报告的结论不对：{verdict}")
    window.close()
    return verdict


def _pdf_is_read() -> str:
    from core.api import open_report

    text = open_report(str(resource(*SAMPLE)))
    pdf = open_report(str(resource(*SAMPLE_PDF)))
    different = [cid for cid in text.cells if text.value(cid) != pdf.value(cid)]
    _expect(not different, f"PDF示例读出的数字与文本不同：{', '.join(different[:5])}")
    return f"{len(pdf.cells)}格数字与文本一致"


def _figures_of(path: str) -> dict[str, tuple]:
    """The figures of tables 三 and 四 as read from `path` (a worker's task: module-level, it is pickled)."""
    from core.api import open_report

    report = open_report(path)
    return {cid: (cell.value, cell.written.value) for cid, cell in report.cells.items() if cid.startswith(("t3:", "t4:"))}


def _scan_is_read() -> str:
    """The scanned sample recognised in a worker started as the window starts it: the recogniser, its model and
    numpy are in this copy and load there, and what they read is the text sample's figures."""
    from core.api import open_report
    from core.readers.worker import Worker
    from gui.loader import START_METHOD

    text = open_report(str(resource(*SAMPLE)))
    with Worker(START_METHOD) as worker:
        scanned = worker.run(_figures_of, str(resource(*SAMPLE_SCAN)))
    wrong = [cid for cid, (value, written) in scanned.items() if written == "number" and value != text.value(cid)]
    _expect(not wrong, f"扫描件示例识别出的数字与文本不同：{', '.join(wrong[:5])}")
    read = sum(1 for _, written in scanned.values() if written in ("number", "none_mark"))
    _expect(read >= SCAN_READ_SHARE * len(scanned), f"扫描件示例只识别出{read}格数字（共{len(scanned)}格）")
    return f"表三、表四{len(scanned)}格中识别出{read}格，都与文本一致"


def _cmap_data_is_bundled() -> str:
    import pdfplumber

    with pdfplumber.open(str(resource(*CMAP_PROBE))) as pdf:
        text = pdf.pages[0].extract_text() or ""
    _expect(CMAP_PROBE_TEXT in text.replace(" ", ""), f"缺少PDF中文字符映射数据（读出「{text[:20]}」）")
    return "中文字符映射数据齐全"


def _exports_work(folder: Path) -> str:
    from core.api import open_report
    from core.check import check
    from core.export.xlsx import export_xlsx
    from gui.printout import write_pdf

    result = check(open_report(str(resource(*SAMPLE))))
    workbook = folder / "自检 导出.xlsx"
    export_xlsx(result, str(workbook))
    back = open_report(str(workbook))
    _expect(back.value("t3:1/natural") == result.report.value("t3:1/natural"), "导出的工作簿读回后数字不一致")
    printout = folder / "自检 检查单.pdf"
    write_pdf(result, str(printout))
    _expect(printout.stat().st_size > 1000, "检查单PDF没有写出")
    return "工作簿和检查单已写出并读回"


def _folder_is_checked(folder: Path) -> str:
    """A folder checked as the window checks it: worker processes started afresh from this program."""
    import shutil

    from core.batch import check_many, report_files
    from gui.loader import START_METHOD

    reports = folder / "文件夹 检查"
    reports.mkdir()
    for n in range(3):
        shutil.copy(resource(*SAMPLE), reports / f"报告{n}.txt")
    items = check_many(report_files([str(reports)]), workers=2, start_method=START_METHOD)
    verdicts = {item.verdict_text for item in items}
    _expect(len(items) == 3 and verdicts == {"发现3处错误，暂不宜提交"}, f"文件夹中的报告没有都检查完：{sorted(verdicts)}")
    return f"{len(items)}份报告在另行启动的工作进程中检查完毕"


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    from core import __version__

    print(f"年报检查 {__version__} 自检（{'安装版' if getattr(sys, 'frozen', False) else '源代码'}）", flush=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="nianbao-selftest-") as temp:
        folder = Path(temp)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("中文字体", _chinese_can_be_drawn),
            ("Qt对话框的中文", _dialogs_speak_chinese),
            ("打开窗口并检查示例报告", lambda: _window_checks_the_sample(folder)),
            ("读取中文PDF", _pdf_is_read),
            ("PDF中文字符映射数据", _cmap_data_is_bundled),
            ("识别扫描件", _scan_is_read),
            ("导出Excel工作簿和检查单", lambda: _exports_work(folder)),
            ("检查整个文件夹", lambda: _folder_is_checked(folder)),
        ]
        for name, step in steps:
            start = time.perf_counter()
            try:
                said = step()
            except Failed as failure:
                failures += 1
                print(f"  × {name}：{failure}", flush=True)
                continue
            except Exception as error:  # a missing library in a frozen build shows up here
                failures += 1
                print(f"  × {name}：{type(error).__name__}: {error}", flush=True)
                traceback.print_exc(file=sys.stderr)
                continue
            print(f"  √ {name}：{said}（{(time.perf_counter() - start) * 1000:.0f} ms）", flush=True)
    print("自检通过" if not failures else f"自检失败：{failures}项没有通过", flush=True)
    return 0 if not failures else 1
