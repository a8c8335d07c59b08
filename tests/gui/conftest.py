"""The real window, offscreen, with its settings in a temporary file (never the user's)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from gui.app import chinese_dates
from tests.conftest import ROOT, SAMPLE

chinese_dates()  # before pytest-qt makes the application, as gui.app.run does before the window's

GENERATED = ROOT / "tests" / "generated"
READ_TIMEOUT_MS = 20_000


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test in this folder drives the window: the `gui` tier (pyproject.toml), left out by `./dev test --fast`."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True, scope="session")
def qt_s_own_settings(tmp_path_factory):
    """What Qt keeps of its own (the file dialog's columns and folders: QtProject.conf) in a folder of the run's,
    never the user's: no test sees what an earlier one, or the developer, left there."""
    folder = str(tmp_path_factory.mktemp("qt-settings"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


@pytest.fixture
def settings(tmp_path):
    from gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, qapp, settings):
    from gui.app import setup
    from gui.main_window import MainWindow
    from gui.screens import PREFERRED

    setup(qapp)
    win = MainWindow(settings)
    win.resize(PREFERRED)  # the offscreen screen is 800×600: the tests' window is the size it has on a large screen
    # Closing after a test never stops to ask about corrections the test left.
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_may_leave", lambda _doing: True))
    win.show()
    qtbot.waitExposed(win)
    return win


def menu_titled(window, title: str):
    """The menu bar's menu whose title starts with `title`, as the clerk finds it.

    Found among the menu bar's children: PySide6 6.9 invalidates the menu that `QAction.menu()`
    returns as soon as that action's Python wrapper is gone (`next(a for a in actions()).menu()`).
    """
    from PySide6.QtWidgets import QMenu

    return next(m for m in window.menuBar().findChildren(QMenu) if m.title().startswith(title))


def open_in(qtbot, window, path: Path | str) -> None:
    """Open a report as the clerk would, and wait until it is checked and shown."""
    with qtbot.waitSignal(window.report_shown, timeout=READ_TIMEOUT_MS):
        window.open_path(str(path))


def in_view(window, cid: str) -> bool:
    """The cell lies wholly inside the report's viewport: the clerk sees it without scrolling."""
    from PySide6.QtCore import QRect

    view = window.report_view.tables[cid.split(":", 1)[0]]
    rect = view.visualRect(view.form().index_of(cid))
    corner = view.viewport().mapTo(window.report_view.viewport(), rect.topLeft())
    return window.report_view.viewport().rect().contains(QRect(corner, rect.size()))


def open_rendered(qtbot, window, folder: Path, data) -> Path:
    """Write report data (tests/fixtures) as a text export, as Word writes one, and open it."""
    from tests.fixtures.text_render import render_text

    path = folder / "report.txt"
    path.write_text(render_text(data), encoding="utf-8")
    open_in(qtbot, window, path)
    return path


def fail_in(qtbot, window, path: Path | str) -> str:
    """Open a file that cannot be read; the Chinese message the window shows."""
    with qtbot.waitSignal(window.read_failed, timeout=READ_TIMEOUT_MS) as blocker:
        window.open_path(str(path))
    return blocker.args[0]


def answer(qtbot, button: str, fill=None, within_ms: int = 20_000) -> dict:
    """Click `button` in the next dialog that has it, as a clerk would; first `fill(dialog)` if given.

    Returns a dict that, once answered, holds what the dialog said: its title, its texts, the rows of any
    table in it and its buttons. If no such dialog comes, nothing is clicked and the dict stays empty.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTableWidget

    seen: dict = {}

    def look(left: int = within_ms // 20) -> None:
        dialog = QApplication.activeModalWidget()
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()] if dialog is not None and dialog.isVisible() else []
        target = next((b for b in buttons if b.text() == button), None)
        if target is None:
            if left:
                QTimer.singleShot(20, lambda: look(left - 1))
            return
        seen["title"] = dialog.windowTitle()
        seen["texts"] = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
        seen["rows"] = [
            [t.item(r, c).text() for c in range(t.columnCount())] for t in dialog.findChildren(QTableWidget) for r in range(t.rowCount())
        ]
        seen["buttons"] = [b.text() for b in buttons]
        if fill is not None:
            fill(dialog)
        target.click()

    QTimer.singleShot(0, look)
    return seen


def type_into(qtbot, window, cid: str, text: str) -> None:
    """Choose a cell and type over it, then Enter — the way a clerk corrects a number."""
    view = window.report_view.tables[cid.split(":", 1)[0]]
    index = view.form().index_of(cid)
    window.report_view.show_cells([cid])
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, text[0])  # typing over a cell opens its editor with what was typed
    editor = view.indexWidget(index)
    assert editor is not None, f"typing did not open an editor on {cid}"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)  # Qt commits after the key, queued


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    """The bundled sample report as a PDF, made by LibreOffice from the text file."""
    out = GENERATED / "pdf"
    pdf = out / "sample-2023.pdf"
    if not pdf.exists() or pdf.stat().st_mtime < SAMPLE.stat().st_mtime:
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["soffice", "--headless", "--infilter=Text (encoded):UTF8", "--convert-to", "pdf", "--outdir", str(out), str(SAMPLE)],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return pdf


def save_as(qtbot, path: Path | str | None, within_ms: int = 20_000, replace: bool = True) -> dict:
    """Answer the next file dialog as a clerk would: type `path` as the file name and press 保存
    (None: press 取消); when the file is there already, answer Qt's question whether to replace it.

    Returns a dict that, once answered, holds the dialog's title and the file it proposed.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLineEdit, QMessageBox

    seen: dict = {}

    def click(dialog, starts: str) -> None:
        next(b for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.text().startswith(starts)).click()

    def replace_it(left: int = 50) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen["replace"] = box.text()
            click(box, "是" if replace else "否")
        elif left:
            QTimer.singleShot(20, lambda: replace_it(left - 1))

    def look(left: int = within_ms // 20) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            if left:
                QTimer.singleShot(20, lambda: look(left - 1))
            return
        seen["title"] = dialog.windowTitle()
        seen["proposed"] = dialog.selectedFiles()[0] if dialog.selectedFiles() else None
        if path is None:
            dialog.reject()
            return
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        if Path(path).exists():
            QTimer.singleShot(0, replace_it)
        click(dialog, "保存" if dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave else "打开")

    QTimer.singleShot(0, look)
    return seen
