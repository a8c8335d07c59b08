"""Never losing a correction, in the window: the work offered back on reopening (even after the program
was killed), 已核实 shown again with its note, a save that failed said, and leaving a report whose
corrections are not exported asks first. Every step on disk at once, restoring, and a mark dropped when
its finding changes are the edit session's, tested without the window (tests/test_session.py)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

from PySide6.QtCore import QSettings

from core.work.autosave import WorkStore
from gui.checklist import PROBLEM_ROLE
from gui.settings import PORTABLE_SETTINGS, Settings
from tests.conftest import ROOT, SAMPLE, seed
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import render_text
from tests.gui.conftest import answer, open_in, type_into
from tests.gui.test_navigation import checklist_line, click_line

KILL_TIMEOUT_S = 60


def two_none_marks(tmp_path):
    """The sample with 「/」 in two cells of table 二, so that correcting one changes what T2-1 says."""
    data = sample()
    data.cells["t2:penalty/decisions"] = "/"
    path = tmp_path / "青山街道2023.txt"
    path.write_text(render_text(data), encoding="utf-8")
    return path


def reopen(qtbot, window, path, restore: bool = True) -> dict:
    """Open the report again, as a clerk going on with it tomorrow: leave the one open, restore (or not)."""
    answer(qtbot, "仍然打开另一份报告")
    said = answer(qtbot, "恢复修改" if restore else "放弃修改")
    open_in(qtbot, window, path)
    return said


def test_a_confirmation_is_offered_back_on_reopening_and_shown_with_its_note(qtbot, window, tmp_path):
    path = two_none_marks(tmp_path)
    open_in(qtbot, window, path)
    type_into(qtbot, window, "t4:1/review.total", "2")
    click_line(qtbot, window, "T2-1:none_mark")
    answer(qtbot, "标记为已核实", lambda dialog: dialog.note.setText("两项均为0"))
    window.details.confirm_button.click()
    verdict = window.verdict.text.text()

    said = reopen(qtbot, window, path)
    assert said["title"] == "恢复上次的修改"
    assert any("改了1格数字，核实了1项" in text for text in said["texts"])
    assert window.session.report.corrections == {"t4:1/review.total": 2}
    assert checklist_line(window, "T2-1:none_mark").siblingAtColumn(1).data() == "已核实"
    assert checklist_line(window, "T2-1:none_mark").data().endswith("已核实：两项均为0")
    assert window.verdict.text.text() == verdict
    assert window.session.undo_stack.count() == 0  # the restored work is where undo starts

    type_into(qtbot, window, "t2:penalty/decisions", "37")  # 「表二有2格填写「/」」 becomes 「…1格…」: the mark goes
    changed = checklist_line(window, "T2-1:none_mark")
    assert changed.siblingAtColumn(1).data() == "需核实" and changed.data(PROBLEM_ROLE)
    window.undo_action.trigger()  # the edit undone: what was verified is back, and so is the mark
    assert checklist_line(window, "T2-1:none_mark").siblingAtColumn(1).data() == "已核实"


def test_the_clerk_can_start_again_from_the_report_as_it_is(qtbot, window, tmp_path):
    path = two_none_marks(tmp_path)
    open_in(qtbot, window, path)
    type_into(qtbot, window, "t4:1/review.total", "2")
    reopen(qtbot, window, path, restore=False)
    assert window.session.report.corrections == {}
    assert "已放弃上次的修改" in window.statusBar().currentMessage()
    seen = answer(qtbot, "恢复修改", within_ms=1500)
    open_in(qtbot, window, path)  # nothing is offered the next time
    qtbot.wait(1600)
    assert seen == {} and window.session.report.corrections == {}


def test_a_correction_is_offered_back_after_the_program_is_killed(qtbot, window, tmp_path, data_dir):
    """The real window in another process types a number and is killed (SIGKILL) the moment it says so."""
    path = tmp_path / "report.txt"
    path.write_bytes(SAMPLE.read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_DATA_DIR=str(data_dir))
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "gui" / "clerk_edits.py"), str(path), "t3:3.7/business", "3", str(tmp_path / "s.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        text=True,
    )
    try:
        said = child.stdout.readline()  # type: ignore[union-attr]
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(KILL_TIMEOUT_S)
    assert said == "edited\n" and child.returncode == -signal.SIGKILL
    offered = answer(qtbot, "恢复修改")
    open_in(qtbot, window, path)
    assert any("改了1格数字" in text for text in offered["texts"])
    assert window.session.report.corrections == {"t3:3.7/business": 3}
    model = window.report_view.tables["t3"].form()
    assert model.data(model.index_of("t3:3.7/business")) == "3"


def test_leaving_a_report_with_unexported_corrections_asks_first(qtbot, window):
    open_in(qtbot, window, SAMPLE)
    open_in(qtbot, window, seed("004"))  # nothing changed: no question
    type_into(qtbot, window, "t4:1/review.upheld", "1")
    assert window.windowTitle().startswith("004_b1421571a2d6552b.txt（有未导出的修改）")
    asked = answer(qtbot, "取消")
    window.open_path(str(SAMPLE))
    assert asked["title"] == "还有未导出的修改" and asked["buttons"] == ["仍然打开另一份报告", "取消"]
    assert not window.loader.busy and window.session.report.source == str(seed("004"))
    asked = answer(qtbot, "取消")
    window.close()
    assert asked["buttons"] == ["仍然关闭", "取消"] and window.isVisible()
    window.session.mark_exported()  # what the export does once the corrected report is written
    assert not window.windowTitle().startswith("004_b1421571a2d6552b.txt（")
    seen = answer(qtbot, "取消", within_ms=1000)
    window.close()
    assert not window.isVisible() and seen == {}


def test_a_correction_that_cannot_be_saved_is_said_and_stays_in_the_window(qtbot, qapp, settings, tmp_path):
    from gui.app import setup
    from gui.main_window import MainWindow

    setup(qapp)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    win = MainWindow(settings, WorkStore(blocked))
    qtbot.addWidget(win, before_close_func=lambda w: setattr(w, "_may_leave", lambda _doing: True))
    win.show()
    open_in(qtbot, win, SAMPLE)
    type_into(qtbot, win, "t4:1/review.total", "2")
    assert win.session.report.value("t4:1/review.total") == 2
    assert win.message.isVisible() and win.message.title.text() == "修改没有能自动保存"
    assert "无法建立保存修改的文件夹" in win.message.text.text()


def test_the_portable_build_keeps_its_settings_in_its_own_folder(tmp_path, monkeypatch):
    import core.platform.paths

    monkeypatch.delenv("NIANBAO_DATA_DIR")
    monkeypatch.setattr(core.platform.paths, "program_dir", lambda: tmp_path)
    assert Settings().store.fileName() != str(tmp_path / "data" / PORTABLE_SETTINGS)  # installed: the user's place
    (tmp_path / "portable.ini").write_text("")
    store = Settings().store
    assert store.format() is QSettings.Format.IniFormat
    assert store.fileName() == str(tmp_path / "data" / PORTABLE_SETTINGS)
    assert WorkStore().folder == tmp_path / "data" / "autosave"
