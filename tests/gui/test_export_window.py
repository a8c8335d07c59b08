"""导出, 打印 and 导出检查单PDF in the real window: the question when errors remain, Qt's own dialogs
answered as a clerk answers them, the files read back, and nothing lost when a file cannot be written."""
from __future__ import annotations

import shutil
import stat
import zipfile
from decimal import Decimal

import openpyxl
import pdfplumber
import pytest
from PySide6.QtCore import Qt

from core.api import open_report
from core.export.cells import total_formulas
from core.formats.workbook import FINDINGS_SHEET
from tests.conftest import SAMPLE
from tests.gui.conftest import answer, open_in, save_as, type_into
from tests.test_check_report import as_read, chinese_font_map


def export(qtbot, window, target, errors: str | None = "仍然导出", word=None) -> tuple[dict, dict, dict]:
    """Press Ctrl+E and answer what comes: the question about errors, the workbook's dialog, the Word copy's."""
    asked = answer(qtbot, errors) if errors else {}
    saved = save_as(qtbot, target)
    copied = save_as(qtbot, word, within_ms=5000) if word is not None else {}
    window.activateWindow()  # as the clerk's click on it does after a dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, "e", modifier=Qt.KeyboardModifier.ControlModifier)
    return asked, saved, copied


@pytest.fixture
def sample_copy(tmp_path):
    """The sample in a folder of the clerk's (the exports are proposed beside it)."""
    path = tmp_path / "青山街道 2023年报.txt"
    shutil.copy(SAMPLE, path)
    return path


def test_the_exported_workbook_holds_the_windows_corrected_values(qtbot, window, sample_copy, tmp_path):
    open_in(qtbot, window, sample_copy)
    type_into(qtbot, window, "t3:4/business", "1")
    type_into(qtbot, window, "t2:fee/amount", "0.5")
    target = tmp_path / "交给区政府办.xlsx"
    asked, saved, _ = export(qtbot, window, target)
    qtbot.waitUntil(lambda: target.exists(), timeout=20_000)
    assert asked["title"] == "报告还有错误" and asked["buttons"] == ["仍然导出", "返回修改"]
    assert saved["title"] == "导出更正后的Excel工作簿"
    assert saved["proposed"] == str(tmp_path / "青山街道 2023年报（更正）.xlsx")  # beside the report, never the report
    back = open_report(str(target))
    report = window.session.report
    assert back.value("t3:4/business") == 1 and back.value("t2:fee/amount") == Decimal("0.5")
    totals = total_formulas(report.layout)  # every 总计 is a formula: the sum of its parts as corrected
    for cid in report.layout.cell_ids:
        parts = totals.get(cid)
        assert back.value(cid) == (sum(report.value(p) for p in parts) if parts else report.value(cid)), cid
    assert back.value("t3:4/total") == 3  # the corrected part counted in its total
    listed = [row[0].value for row in openpyxl.load_workbook(target)[FINDINGS_SHEET].iter_rows()]
    assert any(value and "错误" in str(value) for value in listed)
    assert not window.session.unexported and "（有未导出的修改）" not in window.windowTitle()
    assert "已导出" in window.statusBar().currentMessage() and str(target) in window.statusBar().currentMessage()


def test_exporting_a_report_with_errors_asks_and_going_back_writes_nothing(qtbot, window, sample_copy, tmp_path):
    open_in(qtbot, window, sample_copy)
    type_into(qtbot, window, "t3:4/business", "1")
    asked = answer(qtbot, "返回修改")
    window.export_action.trigger()
    errors = window.session.result.verdict.errors
    assert window.verdict.text.text().endswith(f"发现{errors}处错误，暂不宜提交")
    assert f"这份报告还有{errors}处错误，暂不宜提交。" in asked["texts"]  # the number the verdict says
    assert any(FINDINGS_SHEET in text for text in asked["texts"])
    assert not list(tmp_path.glob("*.xlsx"))
    assert window.session.unexported


def test_a_report_without_errors_is_exported_without_a_question(qtbot, window, tmp_path):
    from tests.fixtures.folders import clean_report

    path = tmp_path / "合格.txt"
    path.write_text(clean_report(), encoding="utf-8")
    open_in(qtbot, window, path)
    assert window.session.result.ok
    seen = answer(qtbot, "仍然导出", within_ms=1500)
    saved = save_as(qtbot, tmp_path / "合格 导出.xlsx")
    window.export_action.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "合格 导出.xlsx").exists(), timeout=20_000)
    assert seen == {} and saved["proposed"] == str(tmp_path / "合格（更正）.xlsx")


def test_a_read_only_target_says_why_and_nothing_is_lost(qtbot, window, sample_copy, tmp_path):
    open_in(qtbot, window, sample_copy)
    type_into(qtbot, window, "t3:4/business", "1")
    locked = tmp_path / "已打开的表.xlsx"
    locked.write_bytes(b"the workbook a colleague has open")
    locked.chmod(stat.S_IRUSR)
    warned = answer(qtbot, "确定")
    asked, saved, _ = export(qtbot, window, locked)
    qtbot.waitUntil(lambda: "texts" in warned, timeout=20_000)
    assert warned["title"] == "没有保存"
    assert any("「已打开的表.xlsx」是只读文件，没有覆盖它。请换一个文件名保存" in text for text in warned["texts"])
    assert locked.read_bytes() == b"the workbook a colleague has open"
    assert window.session.report.corrections == {"t3:4/business": 1}
    assert window.session.unexported and "（有未导出的修改）" in window.windowTitle()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left behind


def test_the_report_itself_is_never_written_over(qtbot, window, tmp_path):
    report = tmp_path / "自己.xlsx"
    from core.check import check
    from core.export.xlsx import export_xlsx

    export_xlsx(check(open_report(str(SAMPLE))), str(report))
    before = report.read_bytes()
    open_in(qtbot, window, report)
    warned = answer(qtbot, "确定")
    export(qtbot, window, report)
    qtbot.waitUntil(lambda: "texts" in warned, timeout=20_000)
    assert any("不能覆盖原始文件「自己.xlsx」" in text for text in warned["texts"])
    assert report.read_bytes() == before


def test_a_word_report_is_also_saved_as_a_corrected_word_copy(qtbot, window, docx_corpus, tmp_path):
    source = tmp_path / "拱墅区 2020年报.docx"
    shutil.copy(docx_corpus.seeds()["001"].path("docx"), source)
    open_in(qtbot, window, source)
    cid = "t4:1/review.upheld"
    before = window.session.report.value(cid)
    type_into(qtbot, window, cid, str(before + 7))
    workbook, word = tmp_path / "更正.xlsx", tmp_path / "更正.docx"
    errors = None if window.session.result.ok else "仍然导出"
    _, _, copied = export(qtbot, window, workbook, errors, word)
    qtbot.waitUntil(lambda: word.exists(), timeout=20_000)
    assert copied["title"] == "另存更正后的Word文档（原文档不会被改动）"
    assert copied["proposed"] == str(tmp_path / "拱墅区 2020年报（更正）.docx")
    assert open_report(str(word)).value(cid) == before + 7
    assert open_report(str(workbook)).value(cid) == before + 7
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(word) as copy:
        changed = [n for n in original.namelist() if original.read(n) != copy.read(n)]
    assert changed == ["word/document.xml"]
    assert not window.session.unexported


def test_a_correction_the_word_original_has_no_cell_for_is_said(qtbot, window, docx_corpus, tmp_path):
    """Seed 000's table 二 lacks a row: a number typed into it goes to the workbook, and the Word copy says so."""
    source = tmp_path / "五常 2020.docx"
    shutil.copy(docx_corpus.seeds()["000"].path("docx"), source)
    open_in(qtbot, window, source)
    report = window.session.report
    missing = next(cid for cid, cell in report.cells.items() if cell.written.name == "MISSING" and window.session.is_editable(cid))
    type_into(qtbot, window, missing, "2")
    told = answer(qtbot, "确定")
    word = tmp_path / "五常 更正.docx"
    export(qtbot, window, tmp_path / "五常 更正.xlsx", "仍然导出", word)
    qtbot.waitUntil(lambda: "texts" in told, timeout=20_000)
    assert told["title"] == "Word文档已保存，有更正没有写入"
    assert any("在原Word文档中没有对应的单元格" in text for text in told["texts"])
    assert word.exists() and open_report(str(tmp_path / "五常 更正.xlsx")).value(missing) == 2


def test_after_an_export_closing_asks_nothing(qtbot, window, sample_copy, tmp_path):
    open_in(qtbot, window, sample_copy)
    type_into(qtbot, window, "t3:4/business", "1")
    asked = answer(qtbot, "取消")
    window.close()
    assert asked["title"] == "还有未导出的修改" and window.isVisible()
    target = tmp_path / "导出.xlsx"
    export(qtbot, window, target)
    qtbot.waitUntil(lambda: target.exists() and not window.session.unexported, timeout=20_000)
    seen = answer(qtbot, "取消", within_ms=1000)
    window.close()
    assert not window.isVisible() and seen == {}


def test_the_check_report_is_saved_as_a_pdf(qtbot, window, sample_copy, tmp_path):
    open_in(qtbot, window, sample_copy)
    target = tmp_path / "检查单.pdf"
    saved = save_as(qtbot, target)
    window.pdf_action.trigger()
    qtbot.waitUntil(lambda: target.exists(), timeout=20_000)
    assert saved["title"] == "导出检查单PDF" and saved["proposed"] == str(tmp_path / "青山街道 2023年报（检查单）.pdf")
    fonts = chinese_font_map()
    with pdfplumber.open(target) as pdf:
        text = as_read("".join(page.extract_text() or "" for page in pdf.pages), fonts)
    assert as_read("发现3处错误，暂不宜提交", fonts) in text and as_read("青山街道办事处", fonts) in text


def test_printing_goes_through_qts_print_dialog_in_chinese(qtbot, window, sample_copy, tmp_path):
    """No printer here: Qt's dialog offers a PDF file, which the clerk names, as on a PC with only a PDF printer."""
    from PySide6.QtWidgets import QLineEdit

    open_in(qtbot, window, sample_copy)
    target = tmp_path / "打印.pdf"

    def to_file(dialog) -> None:
        edits = [e for e in dialog.findChildren(QLineEdit) if e.isVisible() and e.isEnabled()]
        edits[-1].setText(str(target))

    printed = answer(qtbot, "打印(&P)", fill=to_file)
    qtbot.keyClick(window, "p", modifier=Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 1000, timeout=20_000)
    assert printed["title"] == "打印检查单" and "取消" in printed["buttons"]
    with pdfplumber.open(target) as pdf:
        assert pdf.pages[0].width == pytest.approx(595, abs=2)  # A4
        fonts = chinese_font_map()
        assert as_read("发现3处错误，暂不宜提交", fonts) in as_read(pdf.pages[0].extract_text() or "", fonts)
    assert window.statusBar().currentMessage() == "检查单已送去打印。"


def test_the_guide_names_each_button_as_the_toolbar_shows_it(window):
    from PySide6.QtWidgets import QToolBar

    from gui.help import guide_html

    guide = guide_html(["文本（.txt）"])
    buttons = {action.iconText() for action in window.findChild(QToolBar).actions() if not action.isSeparator()}
    for words in ("导出", "打开文件夹", "返回报告列表", "对比上年报告"):
        assert words in buttons and f"「{words}」" in guide, words
    assert "打印" in buttons and "Ctrl+P" in guide and "Ctrl+E" in guide
    assert window.export_action.shortcut().toString() == "Ctrl+E" and window.print_action.shortcut().toString() == "Ctrl+P"
