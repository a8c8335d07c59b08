"""Starting the window: the command line, the screenshot mode, Chinese fonts and dialogs, settings, help."""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFontInfo, QImage
from PySide6.QtWidgets import QFileDialog, QLabel

from core import __version__
from core.rules.catalogue import CATALOGUE
from gui.selftest import FILE_DIALOG_LABELS
from gui.settings import MAX_RECENT, ONLY_PROBLEMS, RECENT_FILES, Settings
from tests.conftest import ROOT, SAMPLE
from tests.gui.conftest import menu_titled


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_screenshot_opens_the_report_waits_for_the_check_and_saves_the_window(tmp_path):
    from gui.app import SCREENSHOT_SIZE

    out = tmp_path / "shot.png"
    done = run_main(str(SAMPLE), "--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE
    verdict = image.pixelColor(60, 120)  # the red verdict bar under the toolbar
    assert verdict.red() > 150 and verdict.green() < 80


def test_screenshot_of_a_file_that_cannot_be_read_still_shows_the_window_and_exits_2(tmp_path):
    bad = tmp_path / "report.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "WordDocument".encode("utf-16-le"))  # an old .doc
    out = tmp_path / "shot.png"
    done = run_main(str(bad), "--screenshot", str(out))
    assert done.returncode == 2
    assert "暂不能直接读取Word 97-2003 文档" in done.stderr
    assert QImage(str(out)).width() > 0


def test_a_screenshot_is_never_written_over_the_report(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(SAMPLE.read_bytes())
    done = run_main(str(report), "--screenshot", str(report))
    assert done.returncode == 2
    assert "不能覆盖原始文件" in done.stderr
    assert report.read_bytes() == SAMPLE.read_bytes()


def test_the_app_uses_a_chinese_font_and_qts_dialogs_speak_chinese(qapp):
    from gui.app import CJK_FAMILIES, setup

    setup(qapp)
    assert QFontInfo(qapp.font()).family() in CJK_FAMILIES
    assert qapp.font().pointSizeF() >= 10.5
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own dialog, as on Linux
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels == FILE_DIALOG_LABELS


def test_settings_read_back_in_their_declared_types(tmp_path):
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    store.setValue(RECENT_FILES.key, "/only/one.txt")  # how QSettings returns a one-item list
    store.setValue(ONLY_PROBLEMS.key, "true")
    settings = Settings(store)
    assert settings[RECENT_FILES] == ("/only/one.txt",)
    assert settings[ONLY_PROBLEMS] is True
    for n in range(MAX_RECENT + 3):
        settings.add_recent(f"/r/{n}.txt")
    settings.add_recent("/r/5.txt")
    again = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again[RECENT_FILES][:2] == ("/r/5.txt", f"/r/{MAX_RECENT + 2}.txt")
    assert len(again[RECENT_FILES]) == MAX_RECENT


def test_the_guide_lists_every_check_with_its_source_and_about_names_the_version(window):
    from gui.help import about_html, guide_html

    guide = guide_html(["文本（.txt）"])
    for rule in CATALOGUE.values():
        assert rule.title in guide
    assert "国办公开办函〔2021〕30号" in guide and "F8" in guide
    assert __version__ in about_html()
    helps = menu_titled(window, "帮助(&H)")
    assert [a.text() for a in helps.actions() if not a.isSeparator()] == ["使用说明", "导出诊断信息…", "关于年报检查"]
    assert "帮助→导出诊断信息…" in guide  # the guide says where support's file is made
