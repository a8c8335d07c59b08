"""How the pictures of the README and docs/window.md were made: the real window under Xvfb, with the CJK font.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take.py

and the window as it opens on a clerk's screen, pictured with the whole screen (with a window manager, such as
openbox, running on the display), at each size and scale factor the window must fit:

    DISPLAY=:1 QT_SCALE_FACTOR=1.25 .venv/bin/python docs/screenshots/take.py --screen   # → screen-1366x768-125.png
    DISPLAY=:1 .venv/bin/python docs/screenshots/take.py --screen-pdf   # → screen-1366x768-100-pdf.png: a PDF, its original

Each picture opens a report (or checks a folder) and does what a clerk would first — presses
「下一个问题」 a number of times, corrects the report, exports it, compares it with last year's — then
pictures the window (or the dialog it opened); `main.py REPORT --screenshot OUT.png` takes the plain ones.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox  # noqa: E402

from core.rules.scan import SC_1  # noqa: E402
from core.work.autosave import WorkStore  # noqa: E402
from core.work.fixes import recompute_totals  # noqa: E402
from gui.app import SCREENSHOT_SIZE, chinese_dates, save_screenshot, setup  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.settings import Settings  # noqa: E402

HERE = Path(__file__).parent
SAMPLE = ROOT / "resources/samples/sample-2023.txt"
SEEDS = ROOT / "tests/data/seeds"


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


def picture_dialog(out: Path) -> None:
    """In a moment, when the dialog is up: picture it and close it as 取消 / 返回 would."""

    def picture() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        QApplication.processEvents()
        save_screenshot(dialog, str(out), None)
        dialog.reject()

    QTimer.singleShot(300, picture)


def saved_work(folder: str, name: str, exported_to: str = "") -> None:
    """Yesterday's corrections of the sample (exported to a workbook, or not), in the store the picture `name`
    opens with (see `take`)."""
    from core.api import check_file
    from core.work.session import EditSession

    session = EditSession(check_file(str(SAMPLE)), WorkStore(Path(folder) / name / "autosave"))
    session.edit_cell("t3:4/business", "1")
    session.edit_cell("t4:1/review.total", "2")
    if exported_to:
        session.mark_exported(exported_to)


def answer_restore(go_on: str, out: Path | None = None) -> None:
    """When the report, read, asks about yesterday's work: picture the question (to `out`), then answer `go_on`."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QMessageBox):  # the report is still being read
            QTimer.singleShot(100, answer)
            return
        if out is not None:
            QApplication.processEvents()
            save_screenshot(dialog, str(out), None)
        next(b for b in dialog.buttons() if b.text() == go_on).click()

    QTimer.singleShot(100, answer)


def restored(window: MainWindow) -> None:
    """The work restored: each correction a line of 修改记录 (its tab brought to the front), 撤销 enabled."""
    window.tabs.setCurrentWidget(window.history)


REOPENED = HERE / "reopen-after-export.png"


def reopened_after_export(window: MainWindow) -> Path:
    """The question on reopening a report whose corrections were exported (when, and to which workbook), pictured
    as it was asked (`answer_restore`)."""
    return REOPENED


def recompute_dialog(window: MainWindow) -> Path:
    type_into(window, "t3:4/business", "1")
    out = HERE / "recompute-totals.png"
    picture_dialog(out)
    fix = recompute_totals(window.session.report)
    assert fix is not None
    window.offer_fix(fix)
    return out


def recompute_looks_first(window: MainWindow) -> Path:
    """重算全部合计 on the 2020 report with one outcome mistyped: it would only move the error, and says so."""
    out = HERE / "recompute-looks-first.png"
    picture_dialog(out)
    window.recompute_totals()
    return out


def whole_page(window: MainWindow) -> Path:
    """A cell of a report read from a PDF, then its whole page (整页…), the cell's box on it."""
    cid = "t3:3.1/natural"
    window.report_view.show_cells([cid])
    view = window.report_view.tables["t3"]
    view.setCurrentIndex(view.form().index_of(cid))
    window._cell_chosen(cid)
    out = HERE / "source-whole-page.png"
    picture_dialog(out)
    window.details.source.show_whole_page()
    return out


def export_question(window: MainWindow) -> Path:
    """导出 (Ctrl+E) on the sample, one number corrected and three errors left: the window asks first."""
    type_into(window, "t3:4/business", "1")
    out = HERE / "export-question.png"
    picture_dialog(out)
    window.export_action.trigger()
    return out


def last_year(folder: Path) -> Path:
    """The sample's 2022 report, which carried 3 requests of natural persons into 2023 (the sample took over 2)."""
    from tests.fixtures.text_render import render_text
    from tests.test_history import last_year_of_sample

    data = last_year_of_sample()
    data.cells["t3:4/natural"], data.cells["t3:4/total"] = "3", "3"
    path = folder / "青山街道 2022年 年报.txt"
    path.write_text(render_text(data), encoding="utf-8")
    return path


def compared(folder: str):
    def steps(window: MainWindow) -> None:
        loop = QEventLoop()
        window.last_year_loader.finished.connect(lambda *_: QTimer.singleShot(0, loop.quit))
        window.compare_with(str(last_year(Path(folder))))
        loop.exec()

    return steps


def district_folder(folder: str) -> Path:
    """A district office's folder: the sample and the five real reports under their bodies' names, one sub-folder
    per kind of office, and an old .doc that cannot be read."""
    root = Path(folder) / "2023年 各单位年报"
    names = {
        "000": "街道/五常街道 2020年报.txt",
        "001": "区政府部门/富阳区政府办 2020年报.txt",
        "002": "街道/拱宸桥街道 2020年报.txt",
        "003": "区政府部门/高新区（滨江）行政服务中心 2021年报.txt",
        "004": "街道/小河街道 2023年报.txt",
    }
    for seed, name in names.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(next(SEEDS.glob(f"{seed}_*.txt")), target)
    shutil.copy(SAMPLE, root / "街道" / "青山街道 2023年报.txt")
    (root / "区政府部门" / "区民政局 2023年报.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 200)
    return root


def mistyped_outcome(folder: str) -> Path:
    """Seed 000 (a 2020 report) with （一）予以公开·自然人 typed 20 for 14."""
    from tests.test_fixes import seed_with

    return Path(seed_with(Path(folder), "000", "t3:3.1/natural", 20).source)


def seed_pdf(seed: str = "004") -> Path:
    """A seed as a PDF, made from its Word file by LibreOffice (tests/fixtures)."""
    from tests.fixtures import corpus, files

    files.make(corpus.all_pdfs(), ("docx", "pdf"))
    return corpus.seeds()[seed].path("pdf")


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


def keyboard(window: MainWindow) -> None:
    """The keyboard alone: F8 from the first error to the second, the keyboard in its cell (the dashed frame) and the
    report framed as the area that has it."""
    window.activateWindow()
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)  # the window manager gives the window the keyboard
    loop.exec()
    window.next_action.trigger()


def file_dialog(window: MainWindow) -> Path:
    """Qt's own file dialog (as on Linux), in a folder with a sub-folder: its header, a folder's type and the dates."""
    out = HERE / "file-dialog.png"
    picture_dialog(out)
    window.settings.add_recent(str(ROOT / "resources" / "icon.png"))  # it opens in the folder of the file opened last
    window.choose_file()
    return out


def table_three_cell(window: MainWindow) -> None:
    """A cell of table 三 chosen (as a click would), its place in the original below the checklist."""
    window.report_view.show_cells(["t3:1/natural"])
    table = window.report_view.tables["t3"]
    table.setCurrentIndex(table.form().index_of("t3:1/natural"))


def scan_cell(window: MainWindow) -> None:
    """The scanned sample: the checklist's SC-1 line, and a cell of table 三 chosen, its scanned picture below."""
    window.checklist.select_key(SC_1.key())
    window.report_view.show_cells(["t3:1/natural"])
    table = window.report_view.tables["t3"]
    table.setCurrentIndex(table.form().index_of("t3:1/natural"))


def shots(folder: str) -> list:
    """(picture or None when the steps picture a dialog, report or folder, what is done first)."""
    return [
        ("sample-first-error.png", SAMPLE, press_f8(0)),  # a report opens at its first error
        ("seed-000-missing-row.png", ROOT / "tests/data/seeds/000_1b5c19fb5e1087b0.txt", press_f8(2)),
        ("seed-004-to-verify.png", ROOT / "tests/data/seeds/004_b1421571a2d6552b.txt", press_f8(0)),
        ("sample-corrected.png", SAMPLE, corrected),
        ("sample-ready.png", SAMPLE, ready),
        (None, SAMPLE, recompute_dialog),
        (None, mistyped_outcome(folder), recompute_looks_first),
        (None, seed_pdf(), whole_page),
        (None, SAMPLE, export_question),
        ("sample-last-year.png", SAMPLE, compared(folder)),
        ("district-folder.png", district_folder(folder), None),
        ("keyboard-f8.png", SAMPLE, keyboard),
        (None, SAMPLE, file_dialog),
        ("scan-cell-source.png", ROOT / "resources/samples/sample-2023-scan.pdf", scan_cell),
        ("restored-work-undoable.png", SAMPLE, restored),
        (None, SAMPLE, reopened_after_export),
    ]


def screen_name(app: QApplication) -> str:
    """「screen-1366x768-125.png」: the screen's size in pixels and the scale factor Qt runs at (QT_SCALE_FACTOR)."""
    screen = app.primaryScreen()
    ratio = screen.devicePixelRatio()
    size = screen.geometry().size()
    return f"screen-{round(size.width() * ratio)}x{round(size.height() * ratio)}-{round(ratio * 100)}.png"


def take(app: QApplication, out: Path | None, report: Path, steps, folder: str, whole_screen: bool = False) -> Path:
    """`whole_screen`: the window at the size it gives itself on this screen, pictured with the whole screen."""
    name = out.stem if out else steps.__name__  # each its own settings and saved work: none is offered back
    window = MainWindow(
        Settings(QSettings(str(Path(folder) / f"{name}.ini"), QSettings.Format.IniFormat)), WorkStore(Path(folder) / name / "autosave")
    )
    if not whole_screen:
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    taken: list[Path] = []
    loop = QEventLoop()

    def shown() -> None:
        made = steps(window) if steps else None
        app.processEvents()
        if out is not None and whole_screen:
            QTimer.singleShot(500, loop.quit)  # the window manager has drawn its frame
            loop.exec()
            window.screen().grabWindow(0).save(str(out))
        elif out is not None:
            save_screenshot(window, str(out), None if report.is_dir() else str(report))
        taken.append(out or made)
        if window.session is not None:
            window.session.mark_exported()
        window.close()
        app.quit()

    if report.is_dir():
        window.batch_shown.connect(lambda: QTimer.singleShot(0, shown))
        window.open_folder(str(report))
    else:
        window.report_shown.connect(lambda: QTimer.singleShot(0, shown))
        if steps is restored:
            saved_work(folder, name)
            answer_restore("恢复修改")
        elif steps is reopened_after_export:
            saved_work(folder, name, exported_to=str(Path(folder) / "青山街道办事处2023年报（更正）.xlsx"))
            answer_restore("接着修改", REOPENED)
        window.open_path(str(report))
    app.exec()
    return taken[0]


def main() -> None:
    chinese_dates()
    app = QApplication(sys.argv[:1])
    setup(app)
    wanted = set(sys.argv[1:])  # picture names to take again; none: all of them
    with tempfile.TemporaryDirectory() as folder:
        if "--screen" in wanted:  # the sample as it opens on this screen, at this scale factor: see the module's doc
            print(take(app, HERE / screen_name(app), SAMPLE, None, folder, whole_screen=True))
            return
        if "--screen-pdf" in wanted:  # a PDF on this screen: a cell of 表三 chosen, the page's crop below the checklist
            out = HERE / screen_name(app).replace(".png", "-pdf.png")
            print(take(app, out, seed_pdf("000"), table_three_cell, folder, whole_screen=True))
            return
        for name, report, steps in shots(folder):
            if wanted and (name or steps.__name__) not in wanted:
                continue
            print(take(app, HERE / name if name else None, report, steps, folder))


if __name__ == "__main__":
    main()
