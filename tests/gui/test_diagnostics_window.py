"""帮助 → 导出诊断信息 in the real window, and every "unexpected error" message pointing at it.

The dialogs are answered as a clerk answers them; the zip written is opened and read.
"""
from __future__ import annotations

import json
import logging
import re
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion

from core.platform import logs
from core.platform.diagnostics import FACTS_NAME, write_diagnostics
from core.platform.fileio import WriteError
from tests.conftest import SAMPLE
from tests.fixtures.folders import unwritable
from tests.gui.conftest import answer, fail_in, menu_titled, open_in, save_as

TITLE = "青山街道办事处2023年政府信息公开工作年度报告"  # the sample's own words: never in the diagnostics


@pytest.fixture
def program_log(data_dir, monkeypatch) -> Path:
    """The program's log, set up as main.py sets it up (in the test's data folder), and taken down after."""
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(logging, "raiseExceptions", logging.raiseExceptions)
    root = logging.getLogger()
    level = root.level
    path = logs.setup()
    assert path is not None
    yield path
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(path)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    logging.captureWarnings(False)


@pytest.fixture
def desktop(tmp_path, monkeypatch) -> Path:
    """A home folder of the clerk's with a desktop in it."""
    home = tmp_path / "home"
    (home / "Desktop").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home / "Desktop"


def _help_item(window, text: str):
    """The action of the 帮助 menu that reads `text`, as the clerk finds it."""
    helps = menu_titled(window, "帮助")
    return next(a for a in helps.actions() if a.text() == text)


def _export_diagnostics(qtbot, window, target: Path, button: str = "确定") -> tuple[dict, dict]:
    saved = save_as(qtbot, target)
    said = answer(qtbot, button)
    _help_item(window, "导出诊断信息…").trigger()
    qtbot.waitUntil(lambda: "texts" in said, timeout=20_000)
    return saved, said


def test_diagnostics_pack_the_log_and_the_windows_facts_and_say_what_the_file_is_for(
    qtbot, window, program_log, desktop, tmp_path
):
    bad = tmp_path / "报告 副本.docx"
    bad.write_bytes(b"PK\x03\x04 not a whole package")
    open_in(qtbot, window, SAMPLE)
    fail_in(qtbot, window, bad)  # what support will want to see: why a file could not be read
    target = tmp_path / "发给 技术支持.zip"
    saved, said = _export_diagnostics(qtbot, window, target)

    assert saved["title"] == "导出诊断信息（发给技术支持）"
    proposed = Path(saved["proposed"])
    assert proposed.parent == desktop and re.fullmatch(r"年报检查诊断信息-\d{8}-\d{4}\.zip", proposed.name)
    assert said["title"] == "诊断信息已导出"
    words = "\n".join(said["texts"])
    assert str(target) in words and "发给技术支持" in words and "日志" in words
    assert str(target) in window.statusBar().currentMessage()

    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        facts = json.loads(archive.read(FACTS_NAME))
        log = archive.read("日志/nianbao.log").decode("utf-8")
        everything = b"".join(archive.read(name) for name in names).decode("utf-8")
    assert names == [FACTS_NAME, "日志/nianbao.log"]
    assert facts["Qt"] == qVersion() and facts["Qt平台"] == "offscreen"
    assert re.fullmatch(r"\d+×\d+，缩放[\d.]+倍，\d+ DPI", facts["屏幕"])
    assert facts["打开的报告"] == SAMPLE.name and facts["报告文件类型"] == "text"
    assert f"{bad} cannot be read (corrupt)" in log
    assert TITLE not in everything and "青山街道" not in everything  # the file's name and kind, never what it says


def test_without_a_report_the_diagnostics_say_so(qtbot, window, desktop, tmp_path):
    target = tmp_path / "诊断.zip"
    _export_diagnostics(qtbot, window, target)
    with zipfile.ZipFile(target) as archive:
        facts = json.loads(archive.read(FACTS_NAME))
    assert facts["打开的报告"] == "（没有）" and "报告文件类型" not in facts


def test_diagnostics_that_cannot_be_written_say_why_in_chinese(qtbot, window, desktop, tmp_path):
    folder = tmp_path / "只读 文件夹"
    folder.mkdir()
    target = folder / "诊断.zip"
    with unwritable(folder):
        with pytest.raises(WriteError) as caught:
            write_diagnostics(target)  # what core says about this folder
        _saved, said = _export_diagnostics(qtbot, window, target)
    assert said["title"] == "没有保存"
    assert any(caught.value.message in text for text in said["texts"]), said["texts"]
    assert list(folder.iterdir()) == []
    assert "诊断信息" not in window.statusBar().currentMessage()


# --- every "unexpected error" names the menu item -------------------------------------------------------


def _names_the_menu_item(window, message: str) -> None:
    found = re.search(r"“帮助→(.+?)”", message)
    assert found, message
    assert _help_item(window, f"{found.group(1)}…").isEnabled()  # the item the message names is there


def test_a_bug_while_checking_is_said_with_the_way_to_support(qtbot, window, monkeypatch):
    monkeypatch.setattr(window.loader, "work", "tests.broken_engine:check_file")  # what the worker runs on the file
    message = fail_in(qtbot, window, SAMPLE)
    assert "意外问题（KeyError）" in message and "规则的细节" not in message
    _names_the_menu_item(window, message)


def test_the_last_resort_message_names_the_way_to_support(qtbot, window):
    from gui.app import _report_unexpected

    said = answer(qtbot, "确定")
    try:
        raise ZeroDivisionError("槽函数的细节")
    except ZeroDivisionError as error:
        _report_unexpected(ZeroDivisionError, error, error.__traceback__)
    assert said["title"] == "年报检查"
    message = "\n".join(said["texts"])
    assert "意外问题（ZeroDivisionError）" in message and "槽函数的细节" not in message
    _names_the_menu_item(window, message)
    assert window.isVisible()
