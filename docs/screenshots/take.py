"""How the README's pictures were made: the real window under Xvfb, with the CJK font.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take.py

Each picture opens a report and does what a clerk would first — presses 「下一个问题」 a number of
times, or corrects the report — then pictures the window (or the dialog it opened);
`main.py REPORT --screenshot OUT.png` takes the plain ones.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from core.autosave import WorkStore  # noqa: E402
from core.fixes import recompute_totals  # noqa: E402
from gui.app import SCREENSHOT_SIZE, save_screenshot, setup  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.settings import Settings  # noqa: E402

HERE = Path(__file__).parent
SAMPLE = ROOT / "resources/samples/sample-2023.txt"


def press_f8(times: int):
    def steps(window: MainWindow) -> None:
        for _ in range(times):
            window.next_action.trigger()

    return steps


def type_into(window: MainWindow, cid: str, text: str) -> None:
    """What the cell's editor does when the clerk presses Enter."""
    model = window.report_view.tables[cid.split(":", 1)[0]].form()
    model.setData(model.index_of(cid), text)


def corrected(window: MainWindow) -> None:
    """The sample: the request carried over typed in, the fix the window offers taken, the cell chosen."""
    type_into(window, "t3:4/business", "1")
    session = window.session
    fix = session.fix_for("T3-3:4")
    assert fix is not None
    session.apply_fix(fix)
    window.checklist.select_key("T4-1:review")
    window.report_view.show_cells(["t3:4/business"])
    window.report_view.tables["t3"].setCurrentIndex(window.report_view.tables["t3"].form().index_of("t3:4/business"))


def recompute_dialog(window: MainWindow) -> Path:
    type_into(window, "t3:4/business", "1")
    out = HERE / "recompute-totals.png"

    def picture() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        QApplication.processEvents()
        save_screenshot(dialog, str(out), None)
        dialog.reject()

    QTimer.singleShot(300, picture)
    fix = recompute_totals(window.session.report)
    assert fix is not None
    window.offer_fix(fix)
    return out


def ready(window: MainWindow) -> None:
    """Taken to 检查通过: the fixes, 重算全部合计, 0 for 「/」, and the one sentence left marked 已核实."""
    corrected(window)
    session = window.session
    fix = recompute_totals(session.report)
    assert fix is not None
    session.apply_fix(fix)
    type_into(window, "t2:fee/amount", "0")
    left = next(f for f in session.result.findings if f.is_problem and not session.is_confirmed(f))
    session.confirm(left.key, "正文“结转下年度继续办理2件”将改为3件")
    window.checklist.select_key(left.key)
    window.point_at([session.result.findings.index(left)])


SHOTS = [  # (picture, report, what is done first)
    ("sample-first-error.png", SAMPLE, press_f8(2)),
    ("seed-000-missing-row.png", ROOT / "tests/data/seeds/000_1b5c19fb5e1087b0.txt", press_f8(3)),
    ("seed-004-to-verify.png", ROOT / "tests/data/seeds/004_b1421571a2d6552b.txt", press_f8(1)),
    ("sample-corrected.png", SAMPLE, corrected),
    ("sample-ready.png", SAMPLE, ready),
    (None, SAMPLE, recompute_dialog),  # pictures its dialog, not the window
]


def take(app: QApplication, out: Path | None, report: Path, steps, folder: str) -> Path:
    name = out.stem if out else "dialog"
    window = MainWindow(
        Settings(QSettings(str(Path(folder) / name), QSettings.Format.IniFormat)), WorkStore(Path(folder) / name / "autosave")
    )
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    taken: list[Path] = []

    def shown() -> None:
        made = steps(window)
        app.processEvents()
        if out is not None:
            save_screenshot(window, str(out), str(report))
        taken.append(out or made)
        window.session.mark_exported()
        window.close()
        app.quit()

    window.report_shown.connect(lambda: QTimer.singleShot(0, shown))
    window.open_path(str(report))
    app.exec()
    return taken[0]


def main() -> None:
    app = QApplication(sys.argv[:1])
    setup(app)
    with tempfile.TemporaryDirectory() as folder:
        for name, report, steps in SHOTS:
            print(take(app, HERE / name if name else None, report, steps, folder))


if __name__ == "__main__":
    main()
