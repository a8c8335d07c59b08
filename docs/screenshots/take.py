"""How the README's pictures were made: the real window under Xvfb, with the CJK font.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take.py

Each picture opens a report and, for some, presses 「下一个问题」 a number of times first,
exactly as a clerk would; `main.py REPORT --screenshot OUT.png` takes the plain ones.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.app import SCREENSHOT_SIZE, save_screenshot, setup  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.settings import Settings  # noqa: E402

HERE = Path(__file__).parent
SHOTS = [  # (picture, report, times F8 is pressed)
    ("sample-first-error.png", ROOT / "resources/samples/sample-2023.txt", 2),
    ("seed-000-missing-row.png", ROOT / "tests/data/seeds/000_1b5c19fb5e1087b0.txt", 3),
    ("seed-004-to-verify.png", ROOT / "tests/data/seeds/004_b1421571a2d6552b.txt", 1),
]


def take(app: QApplication, out: Path, report: Path, presses: int, folder: str) -> None:
    window = MainWindow(Settings(QSettings(str(Path(folder) / out.stem), QSettings.Format.IniFormat)))
    window.resize(*SCREENSHOT_SIZE)
    window.show()

    def shown() -> None:
        for _ in range(presses):
            window.next_action.trigger()
        app.processEvents()
        save_screenshot(window, str(out), str(report))
        window.close()
        app.quit()

    window.report_shown.connect(lambda: QTimer.singleShot(0, shown))
    window.open_path(str(report))
    app.exec()


def main() -> None:
    app = QApplication(sys.argv[:1])
    setup(app)
    with tempfile.TemporaryDirectory() as folder:
        for name, report, presses in SHOTS:
            take(app, HERE / name, report, presses, folder)
            print(HERE / name)


if __name__ == "__main__":
    main()
