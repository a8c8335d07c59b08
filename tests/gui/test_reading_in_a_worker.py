"""The window reads every file in a worker process: it shows how far a long file has got, 取消 ends the worker at
once, a folder's 取消 ends all of them, and whatever the file does the window goes on answering.

The long file is a real one: seed 001 printed to PDF by LibreOffice, its pages copied to 150 (the most a
PDF may have), which takes several seconds to read, a page at a time.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt

from tests import badfiles
from tests.conftest import ROOT, SAMPLE, seed
from tests.fixtures.pauses import Pauses
from tests.gui.conftest import open_in
from tests.gui.test_navigation import click_cell

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="processes are watched by their ids (POSIX)")

FROZEN_MS = 1000


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("长") / "一百五十页.pdf"
    path.write_bytes(badfiles.many_pages(badfiles.seed_pdf("001"), 150))
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return os.waitpid(pid, os.WNOHANG)[0] != pid
    except ChildProcessError:
        return True  # not ours to reap (a spawned worker is multiprocessing's): alive while kill(0) works


def _gone_within(pid: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not _alive(pid):
            return True
        time.sleep(0.01)
    return False


def test_a_long_file_shows_its_pages_and_cancel_ends_its_worker_at_once(qtbot, window, long_pdf):
    open_in(qtbot, window, seed("002"))
    with Pauses() as pauses:
        window.open_path(str(long_pdf))
        qtbot.waitUntil(lambda: "正在读取PDF的页面（" in window.loading.file.text(), timeout=30_000)
        assert window.pages.currentWidget() is window.loading
        assert window.loading.bar.maximum() == 150 and 1 <= window.loading.bar.value() < 150
        qtbot.waitUntil(lambda: window.loading.bar.value() >= 3, timeout=30_000)  # it moves on
        worker = window.loader._running._process.pid
        qtbot.mouseClick(window.loading.cancel, Qt.MouseButton.LeftButton)
        cancelled = time.monotonic()
        assert _gone_within(worker, 0.5), "the worker went on reading after 取消"
        assert time.monotonic() - cancelled < 0.5
    assert pauses.longest < FROZEN_MS
    assert window.pages.currentWidget() is window.report_page and window.session.report.meta.agency == "拱宸桥街道"
    open_in(qtbot, window, SAMPLE)  # the next file is read by a new worker
    assert "发现3处错误" in window.verdict.text.text()


def test_a_folders_cancel_ends_every_worker_at_once(qtbot, window, long_pdf, tmp_path):
    import shutil

    folder = tmp_path / "长报告"
    folder.mkdir()
    for n in range(3):
        shutil.copy(long_pdf, folder / f"{n}.pdf")
    with Pauses() as pauses:
        window.open_folder(str(folder))
        qtbot.waitUntil(lambda: "正在读取PDF的页面（" in window.loading.file.text(), timeout=30_000)
        stop = window.folder_checker._stop
        workers = [w._process.pid for w in stop._workers if w._process is not None]
        assert workers
        qtbot.mouseClick(window.loading.cancel, Qt.MouseButton.LeftButton)
        assert all(_gone_within(pid, 0.5) for pid in workers)
    assert pauses.longest < FROZEN_MS
    assert "已取消检查文件夹" in window.statusBar().currentMessage()


def test_a_page_200_inches_square_is_shown_in_the_source_view_without_a_pause(qtbot, window, bad_files):
    """It took 26 s and 5.7 GB to draw, then a ZeroDivisionError: now a picture of at most 8 million pixels."""
    from core.pdfpage import MAX_PIXELS

    open_in(qtbot, window, bad_files["二百英寸.pdf"].path)
    cid = next(cid for cid, cell in window.session.report.cells.items() if cell.loc is not None and cell.loc.page and cell.value)
    with Pauses() as pauses:
        click_cell(qtbot, window, cid)
        view = window.details.source
        qtbot.waitUntil(lambda: view.stack.currentWidget() is view.page_area, timeout=10_000)
    shown = view.picture.pixmap()
    assert pauses.longest < FROZEN_MS
    assert not shown.isNull() and shown.width() * shown.height() <= MAX_PIXELS


def test_a_name_that_is_not_utf8_is_shown_with_its_bytes_and_its_gbk_reading(qtbot, window, bad_files):
    open_in(qtbot, window, bad_files["GBK文件名.txt"].path)
    assert "（按GBK编码：年报2023.txt）" in window.windowTitle() and "\\xc4" in window.windowTitle()
    assert "发现3处错误" in window.verdict.text.text()


def test_a_name_that_is_not_utf8_dropped_from_a_file_manager_is_opened(qtbot, window, bad_files):
    """A file manager puts the name's bytes in the drag, percent-encoded; Qt reads them as UTF-8 (a U+FFFD, no
    such file): the window reads the drag's own bytes."""
    from urllib.parse import quote_from_bytes

    from PySide6.QtCore import QMimeData, Qt
    from PySide6.QtGui import QDropEvent

    path = bad_files["GBK文件名.txt"].path
    mime = QMimeData()
    mime.setData("text/uri-list", b"file://" + quote_from_bytes(os.fsencode(path)).encode() + b"\r\n")
    assert not os.path.exists(mime.urls()[0].toLocalFile())  # what Qt makes of it
    drop = QDropEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.report_shown, timeout=20_000):
        window.dropEvent(drop)
    assert "（按GBK编码：年报2023.txt）" in window.windowTitle() and "发现3处错误" in window.verdict.text.text()


def test_the_screenshot_of_a_pipe_named_like_a_report_exits_at_once(tmp_path):
    """Before, the window's reading thread waited on the pipe for ever: 「读取超时」 at 120 s, and no exit."""
    pipe = tmp_path / "管道.docx"
    os.mkfifo(pipe)
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), str(pipe), "--screenshot", str(tmp_path / "shot.png")],
                          capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=60)
    assert done.returncode == 2 and "命名管道" in done.stderr
    assert time.monotonic() - started < 20
