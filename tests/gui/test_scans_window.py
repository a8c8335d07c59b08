"""A scanned report in the window: read in a worker page by page (取消 ends it at once), checked like any other,
and a cell's source shown as the part of the scanned page around it, as the recogniser read it.

The scans are the seeds' PDFs printed, stamped and scanned (tests/fixtures/scan_render.py). Slow: each
page is recognised in seconds.
"""
from __future__ import annotations

import sys
import time

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDropEvent

from core.model import Written
from tests.fixtures import scans
from tests.fixtures.corpus import seeds
from tests.fixtures.scan_render import ScanOptions
from tests.gui.test_navigation import click_cell
from tests.gui.test_reading_in_a_worker import _gone_within

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="processes are watched by their ids (POSIX)")]

SCAN_TIMEOUT_MS = 120_000
OPTIONS = ScanOptions(dpi=200, skew=-0.9, seed=11)


@pytest.fixture(scope="module")
def scanned_001(scan_corpus):
    return scans.scanned(seeds()["001"], OPTIONS)


def test_a_scan_shows_its_pages_and_cancel_ends_its_worker_at_once(qtbot, window, scanned_001):
    window.open_path(str(scanned_001))
    qtbot.waitUntil(lambda: "正在识别扫描件的页面（2/" in window.loading.file.text(), timeout=SCAN_TIMEOUT_MS)
    assert window.pages.currentWidget() is window.loading and window.loading.bar.maximum() == 7
    worker = window.loader._running._process.pid
    qtbot.mouseClick(window.loading.cancel, Qt.MouseButton.LeftButton)
    assert _gone_within(worker, 0.5), "the worker went on recognising after 取消"
    assert window.session is None and window.pages.currentWidget() is not window.loading


def test_a_scan_is_checked_and_a_cell_shows_the_scanned_picture_around_it(qtbot, window, scanned_001):
    with qtbot.waitSignal(window.report_shown, timeout=SCAN_TIMEOUT_MS):
        window.open_path(str(scanned_001))
    report = window.session.report
    assert "还有" in window.verdict.text.text() and "需要核实" in window.verdict.text.text()  # never red on a correct report
    cid = "t3:1/total"
    assert report.cells[cid].written is Written.NUMBER
    click_cell(qtbot, window, cid)
    source = window.details.source
    assert source.stack.currentWidget() is source.page_area
    assert "扫描件，文字识别把握" in source.where.text() and "第5页" in source.where.text()
    shown = source.picture.pixmap()
    assert 300 <= shown.width() <= 2 * 3 * 200 and shown.height() < shown.width() / 2  # a part of the page, not all of it
    assert source.box is not None and shown.rect().contains(source.box)


def test_a_folder_of_page_pictures_dropped_on_the_window_is_one_report(qtbot, window, scan_corpus):
    folder = scans.pictures(seeds()["004"], ScanOptions(dpi=200, skew=1.2, seed=9), "png")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(window.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    started = time.monotonic()
    with qtbot.waitSignal(window.report_shown, timeout=SCAN_TIMEOUT_MS):
        window.dropEvent(drop)
    assert window.session.report.source == str(folder) and window.batch_page is None
    assert window.session.report.meta.agency == "杭州市拱墅区人民政府小河街道办事处"
    assert time.monotonic() - started < SCAN_TIMEOUT_MS / 1000
