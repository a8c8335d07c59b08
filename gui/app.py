"""Starting the window: `python main.py [REPORT] [--screenshot OUT.png]`.

Sets up what every clerk's PC needs before the first window shows: a font that has
Chinese characters, Qt's own dialogs in Chinese, and a last-resort handler so that an
unexpected error becomes a Chinese message, never a dead window.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from core.platform.logs import ASK_SUPPORT
from core.platform.paths import resource
from gui import APP_NAME
from gui.input_method import reach_input_method
from gui.settings import Settings

log = logging.getLogger(__name__)

# Fonts with Chinese characters, the first one present wins: Windows, macOS, then Linux.
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "SimSun",
)
BODY_POINTS = 10.5  # 五号字: what a clerk reads in every official document
QT_GAPS = ("translations", "qt_gaps_zh_CN.qm")  # under resources/ (core.platform.paths finds it, frozen or not)
SCREENSHOT_TIMEOUT_MS = 120_000
SCREENSHOT_SIZE = (1480, 920)
EXIT_OK, EXIT_UNREADABLE, EXIT_TIMEOUT = 0, 2, 3


def choose_font(app: QApplication) -> QFont:
    """The application font: the first CJK family installed, at 五号 (10.5 pt) or larger."""
    installed = set(QFontDatabase.families())
    font = QFont(app.font())
    families = [f for f in CJK_FAMILIES if f in installed]
    if families:
        font.setFamilies(families + [font.family()])
    font.setPointSizeF(max(font.pointSizeF(), BODY_POINTS))
    app.setFont(font)
    return font


def chinese_dates() -> None:
    """Dates in Qt's file dialog (its 修改日期 column) written the Chinese way, 「2026/12/5 09:30」, on a Linux PC
    whose locale is not Chinese: Qt formats them by the system's locale, which it reads from LC_ALL, LC_TIME or
    LANG once, before the first window. Only LC_TIME is set: LC_ALL or LC_CTYPE would change how Python
    encodes file names in this process's workers. Windows' own dialogs follow the system's settings."""
    if os.environ.get("LC_ALL"):
        return
    current = os.environ.get("LC_TIME") or os.environ.get("LANG") or ""
    if not current.startswith("zh_"):
        os.environ["LC_TIME"] = "zh_CN.UTF-8"


def load_translations(app: QApplication) -> bool:
    """Qt's own words (dialog buttons, the file dialog) in Simplified Chinese, from the qm files PySide6 ships."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", folder):
        log.warning("Qt's Chinese translations were not found in %s", folder)
        return False
    app.installTranslator(translator)
    gaps = QTranslator(app)  # the few words Qt's own catalogue leaves in English (resources/translations)
    if gaps.load(str(resource(*QT_GAPS))):
        app.installTranslator(gaps)
    app._translators = (translator, gaps)  # type: ignore[attr-defined]  # kept alive with the app
    return True


def application(argv: list[str] | None = None) -> QApplication:
    """The program's QApplication: the one running, else a new one (`argv`: its arguments, the program's name by default)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    chinese_dates()  # read by Qt once, as the application is made
    reach_input_method()  # likewise: which input-method plugin Qt loads
    return QApplication(sys.argv[:1] if argv is None else argv)


def setup(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("nianbao")
    app.setApplicationDisplayName(APP_NAME)
    icon = resource("icon.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    choose_font(app)
    load_translations(app)


def _report_unexpected(kind, value, tb) -> None:
    """Whatever escapes a slot: logged, and said in Chinese; the window carries on."""
    log.error("unexpected error", exc_info=(kind, value, tb))
    app = QApplication.instance()
    if isinstance(app, QApplication) and not getattr(app, "_reporting", False):
        app._reporting = True  # type: ignore[attr-defined]
        try:
            QMessageBox.warning(
                app.activeWindow(),
                APP_NAME,
                f"程序出现了意外问题（{kind.__name__}），刚才的操作没有完成，已记入日志。您可以继续使用；如果问题反复出现，{ASK_SUPPORT}。",
            )
        finally:
            app._reporting = False  # type: ignore[attr-defined]


def save_screenshot(window, out: str, source: str | None) -> None:
    """The window as a PNG, written whole or not at all (and never over the report it shows)."""
    from core.platform.fileio import atomic_write

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    window.grab().save(buffer, "PNG")
    buffer.close()
    atomic_write(out, bytes(data.data()), source=source)


def _screenshot_when_done(app: QApplication, window, out: str, source: str | None) -> None:
    from core.platform.fileio import WriteError

    def take(code: int, said: str = "") -> None:
        def later() -> None:
            app.processEvents()  # the report page lays itself out and paints before it is pictured
            if said:
                print(said, flush=True)  # the moment it is on screen (the benchmark reads this line)
            try:
                save_screenshot(window, out, source)
            except WriteError as error:
                print(error.message, file=sys.stderr)
                app.exit(EXIT_UNREADABLE)
                return
            app.exit(code)

        QTimer.singleShot(0, later)

    if source is None:
        take(EXIT_OK)
    else:
        window.report_shown.connect(lambda: take(EXIT_OK, f"{source}：{window.session.result.verdict.text}"))
        def unreadable(message: str) -> None:
            print(message, file=sys.stderr)
            take(EXIT_UNREADABLE)

        window.read_failed.connect(unreadable)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: (print("读取超时", file=sys.stderr), app.exit(EXIT_TIMEOUT)))


def run(args: argparse.Namespace, begun=None) -> int:
    """The window, as main.py's `window_arguments` asked for it; `begun`: the worker already reading the report named."""
    app = application()
    setup(app)
    if args.screenshot:
        return _screenshot(app, args.report, args.screenshot, begun)
    from gui.loader import SPARES
    from gui.main_window import MainWindow

    sys.excepthook = _report_unexpected
    window = MainWindow()
    if args.report:
        window.open_path(args.report, begun)  # read while the window comes up
    else:
        SPARES.warm()  # a worker with the readers loaded, ready before the first file is chosen
    window.show()
    return app.exec()


def _screenshot(app: QApplication, report: str | None, out: str, begun=None) -> int:
    """A picture of the window at its standard size, without touching the clerk's settings, recent files or saved work."""
    import tempfile

    from core.work.autosave import WorkStore
    from gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:  # no saved work is offered, none is written
        window = MainWindow(Settings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)), WorkStore(Path(folder)))
        if report:
            window.open_path(report, begun)
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        _screenshot_when_done(app, window, out, report)
        return app.exec()
