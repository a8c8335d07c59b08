"""Every file of the bad-input corpus, opened in the real window the way a clerk opens one.

Each is opened over a report already on screen (`open_path`, read off the window's thread):
the window shows the reader's own Chinese message (the words `check` prints), within the
time limit, never freezing while it reads; the report open before stays open; and the window
goes on working: the sample opens and is checked, the menus respond.
"""
from __future__ import annotations

import os
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.api import open_report
from core.check import check
from core.readers.errors import ReadError
from tests import badfiles
from tests.conftest import SAMPLE, seed
from tests.fixtures.pauses import Pauses
from tests.gui.conftest import fail_in, open_in

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the corpus's sparse and 4 GB files are made for POSIX")

SECONDS = badfiles.ANSWER_SECONDS
# The longest the window may stop answering while a file is read on another thread: a click
# in it must still be felt. Reading is plain Python and gives way to the window every few ms.
FROZEN_MS = 1000


def _shown(window) -> str:
    """What the window says about the open report: the verdict, and every checklist line with its tooltip
    (where a finding's whole message is, as `check` prints it)."""
    lines = window.checklist.lines()
    return "\n".join([window.verdict.text.text()] + [line.data() or "" for line in lines] + [line.data(Qt.ItemDataRole.ToolTipRole) or "" for line in lines])


def _menus_respond(qtbot, window) -> None:
    """Each menu of the menu bar opens, and F8 goes to the first problem of the report checked last."""
    for action in window.menuBar().actions():
        menu = action.menu()
        menu.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitUntil(menu.isVisible, timeout=2000)
        assert all(a.text() for a in menu.actions() if not a.isSeparator())
        menu.hide()
    assert window.next_action.isEnabled() and window.export_action.isEnabled()
    window.next_action.trigger()
    assert window.checklist.tree.currentIndex().isValid()


@pytest.mark.parametrize("name", badfiles.NAMES)
def test_the_window_answers_every_bad_file_and_stays_usable(qtbot, window, bad_files, name):
    bad = bad_files[name]
    open_in(qtbot, window, seed("002"))  # the report the clerk was working on
    before = window.session
    started = time.monotonic()
    with Pauses() as pauses:
        if bad.exit == 2:
            message = fail_in(qtbot, window, bad.path)
        else:
            open_in(qtbot, window, bad.path)
    seconds = time.monotonic() - started
    assert seconds < SECONDS, f"{name}: {seconds:.1f} s"
    assert pauses.longest < FROZEN_MS, f"{name}: the window did not answer for {pauses.longest:.0f} ms"

    if bad.exit == 2:
        with pytest.raises(ReadError) as caught:  # what `check` prints after 「无法读取：」
            open_report(str(bad.path))
        assert message == caught.value.message
        assert window.message.isVisible() and window.message.text.text() == message
        assert window.message.title.text() == f"无法读取「{os.path.basename(bad.path)}」"
        for words in bad.says:
            assert words in message
        assert "Traceback" not in message and "请" in message  # the problem, and what to do
        assert window.session is before and window.pages.currentWidget() is window.report_page
        assert window.verdict.isVisible() and window.session.report.meta.agency == "拱宸桥街道"
    else:  # readable: checked and shown as `check` says, in place of the report before
        verdict = check(open_report(str(bad.path))).verdict.text
        assert window.session.result.verdict.text == verdict and verdict in window.verdict.text.text()
        shown = _shown(window)
        for words in bad.says:
            assert words in shown or words == "结论", shown  # 「结论」 is only `check`'s heading
        assert not window.message.isVisible()

    open_in(qtbot, window, SAMPLE)
    assert "发现3处错误" in window.verdict.text.text()
    assert not window.message.isVisible()
    _menus_respond(qtbot, window)
    QApplication.processEvents()
