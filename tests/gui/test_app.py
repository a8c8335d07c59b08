"""Starting the window: the command line, the screenshot mode, Chinese fonts and dialogs, settings, help."""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication, QSettings, Qt
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


def test_qts_file_dialog_lists_files_with_chinese_headers_types_and_dates(qtbot, qapp, tmp_path):
    """Qt's own file dialog (Linux): its list's header, a folder's type and the dates, none of it in English."""
    import re

    from PySide6.QtCore import QDateTime, QLocale
    from PySide6.QtWidgets import QTreeView

    from gui.app import setup

    setup(qapp)
    assert QLocale().language() is QLocale.Language.Chinese
    (tmp_path / "子文件夹").mkdir()
    (tmp_path / "报告.txt").write_text("年度报告", encoding="utf-8")
    dialog = QFileDialog(None, "打开年度报告", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.findChild(QTreeView, "treeView").model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["名称", "大小", "类型", "修改日期"]
    assert not any(re.search("[A-Za-z]", h) for h in headers)
    folder = model.index(str(tmp_path / "子文件夹"))
    qtbot.waitUntil(lambda: model.index(folder.row(), 3, folder.parent()).data() not in (None, ""))
    assert model.index(folder.row(), 2, folder.parent()).data() == "文件夹"
    shown = model.index(folder.row(), 3, folder.parent()).data()
    year = str(QDateTime.currentDateTime().date().year())
    assert shown.startswith(year + "/") and not re.search("[A-Za-z]", shown)  # 「2026/12/5 09:30」


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


def test_the_file_dialog_opens_with_its_places_names_and_sizes_whole(qtbot, qapp, tmp_path):
    """Qt's dialog opened at 614×427, its places 「计…」 and a size 「17….KiB」 (gui/file_dialogs.py)."""
    from PySide6.QtWidgets import QListView, QTreeView

    from gui.app import setup
    from gui.file_dialogs import file_dialog
    from gui.main_window import REPORT_FILTER

    setup(qapp)
    report = tmp_path / "青山街道办事处2023年政府信息公开工作年度报告.txt"
    report.write_bytes(b"0" * 18_096)  # 「17.67 KiB」
    dialog = file_dialog(None, "打开年度报告", str(tmp_path), REPORT_FILTER)
    qtbot.addWidget(dialog)
    dialog.show()
    free = dialog.screen().availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height()
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    qtbot.waitUntil(lambda: model.index(str(report)).isValid() and bool(model.index(str(report)).siblingAtColumn(1).data()))
    row = model.index(str(report))
    metrics = view.fontMetrics()
    assert metrics.horizontalAdvance(row.data()) + max(view.iconSize().width(), 16) + 16 <= view.header().sectionSize(0)  # the name
    for column in (1, 2):  # the size, the type
        assert metrics.horizontalAdvance(row.siblingAtColumn(column).data()) + 8 <= view.header().sectionSize(column)
    places = dialog.findChild(QListView, "sidebar")
    widest = max(metrics.horizontalAdvance(places.model().index(r, 0).data()) for r in range(places.model().rowCount()))
    assert widest + max(places.iconSize().width(), 16) + 12 <= places.viewport().width()  # 「计算机」, the home folder
