"""Run as a program by the crash test: the real window, offscreen, opens a report, types a number over
one cell as a clerk does, says `edited` on stdout, and keeps running until it is killed.

    python tests/gui/clerk_edits.py REPORT CELL TEXT SETTINGS.ini
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.app import setup  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.settings import Settings  # noqa: E402


def main(report: str, cid: str, text: str, settings: str) -> int:
    app = QApplication(sys.argv[:1])
    setup(app)
    window = MainWindow(Settings(QSettings(settings, QSettings.Format.IniFormat)))
    window.show()

    def edit() -> None:
        view = window.report_view.tables[cid.split(":", 1)[0]]
        index = view.form().index_of(cid)
        view.setCurrentIndex(index)
        view.setFocus()
        QTest.keyClick(view, text[0])  # typing over the cell opens its editor
        editor = view.indexWidget(index)
        QTest.keyClicks(editor, text[1:])
        QTest.keyClick(editor, Qt.Key.Key_Return)

        def committed() -> None:
            if window.session.report.corrections.get(cid) is None:
                QTimer.singleShot(10, committed)
                return
            print("edited", flush=True)  # the test kills the process as soon as it reads this

        committed()

    window.report_shown.connect(lambda: QTimer.singleShot(0, edit))
    window.open_path(report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
