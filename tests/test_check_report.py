"""The printable check report: its content as HTML, and the PDF Qt prints, read back with pdfplumber."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from datetime import datetime

import pdfplumber
import pytest

from core.api import open_report
from core.check import check
from core.export.check_report import check_report_html
from core.formats.sections import SECTIONS
from core.platform.fileio import WriteError
from tests.conftest import ROOT, SAMPLE

NOW = datetime(2024, 1, 15, 9, 30)
BUSINESS = "表三「商业企业」列：第一项加第二项之和为3，第三项（七）总计加第四项之和为2，相差1。"


def corrected_result():
    report = open_report(str(SAMPLE))
    report.corrections["t4:1/review.total"] = 2  # the pending case belongs in 行政复议's 总计
    return check(report)


def test_the_content_names_everything_a_supervisor_signs_for():
    result = corrected_result()
    html = check_report_html(result, NOW)
    for text in ("政府信息公开工作年度报告检查单", "青山街道办事处", "2023年", "发现2处错误，暂不宜提交", "2024-01-15 09:30"):
        assert text in html
    for spec in SECTIONS:
        assert spec.official in html
    assert BUSINESS in html  # a failed balance with its numbers
    assert re.search(r"<td>商业企业</td><td>3</td><td>2</td><td><span class='failed'>未通过</span>", html)
    assert re.search(r"<td>自然人</td><td>17</td><td>17</td><td>通过</td>", html)
    assert "表二有1格填写「/」" in html  # every other finding
    assert "<td>表四行政复议·总计</td><td>1</td><td>2</td>" in html  # the correction, value read and corrected
    assert "检查人（签字）" in html and "审核人（签字）" in html


def test_a_failed_warning_reads_to_verify_as_on_screen_not_failed():
    """The window marks a failed warning 「需核实」 (amber): the printed check report says the same, not 「未通过」."""
    result = check(open_report(str(SAMPLE)))
    assert next(f for f in result.findings if f.key == "T2-1:none_mark").severity.value == "warning"
    html = check_report_html(result, NOW)
    assert "<td>T2-1</td><td><span class='pending'>需核实</span></td><td>表二有1格填写「/」" in html
    assert "<span class='failed'>未通过</span>" in html  # a failed error is 未通过, as on screen
    assert "pending'>未通过" not in html
    result.confirmed = frozenset({"T2-1:none_mark"})  # marked 已核实: said so, no longer pending
    assert "<td>T2-1</td><td>已核实</td>" in check_report_html(result, NOW)


def test_report_text_is_escaped():
    report = open_report(str(SAMPLE))
    report.meta_corrections["agency"] = "<b>青山</b>街道"
    html = check_report_html(check(report), NOW)
    assert "<b>青山</b>" not in html and "&lt;b&gt;青山&lt;/b&gt;街道" in html


def chinese_font_map() -> dict[int, str]:
    """Characters a CJK font draws with an ideograph's own glyph → that ideograph.

    Qt's PDF names each glyph by the lowest code point the font maps to it, so 青 and 工 come out
    of the text layer as the radicals ⻘ and ⼯ when the font shares their glyphs (Noto CJK does);
    the page shows the right characters. Kangxi radicals NFKC maps back; the supplement needs the font.
    """
    from PySide6.QtGui import QFont, QFontDatabase, QRawFont

    from gui.printout import CHINESE_FAMILIES

    family = next(f for f in CHINESE_FAMILIES if f in QFontDatabase.families())
    font = QRawFont.fromFont(QFont(family))
    ideographs = "".join(chr(c) for c in range(0x4E00, 0xA000))
    by_glyph: dict[int, str] = {}
    for char, glyph in zip(ideographs, font.glyphIndexesForString(ideographs)):
        by_glyph.setdefault(glyph, char)
    radicals = "".join(chr(c) for c in range(0x2E80, 0x2F00))
    return {ord(r): by_glyph[g] for r, g in zip(radicals, font.glyphIndexesForString(radicals)) if g in by_glyph}


def as_read(text: str, fonts: dict[int, str]) -> str:
    """Text compared as a reader sees it on the page: no line breaks or spaces, one form per character."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text.translate(fonts)))


def test_the_pdf_shows_the_report_with_chinese_fonts_embedded(qapp, tmp_path):
    from gui.printout import write_pdf

    result = corrected_result()
    target = tmp_path / "检查单.pdf"
    write_pdf(result, str(target), now=NOW)
    fonts_map = chinese_font_map()
    with pdfplumber.open(target) as pdf:
        assert pdf.metadata["Title"].startswith("政府信息公开工作年度报告检查单")
        text = as_read("".join(page.extract_text() for page in pdf.pages), fonts_map)
        rows = [[as_read(c or "", fonts_map) for c in row] for page in pdf.pages for table in page.extract_tables() for row in table]
        fonts = {char["fontname"] for page in pdf.pages for char in page.chars}
    assert all(re.match(r"^[A-Z]{6}\+", name) for name in fonts), fonts  # subsets embedded in the file
    for expected in ("政府信息公开工作年度报告检查单", "发现2处错误，暂不宜提交", "检查人（签字）", "审核人（签字）"):
        assert as_read(expected, fonts_map) in text, expected
    facts = {row[0]: row[1] for row in rows if len(row) == 2}
    assert facts["机关"] == "青山街道办事处" and facts["年度"] == "2023年"
    sections = {row[0]: row[2] for row in rows if len(row) == 4 and row[0] != "部分"}
    assert sections == {as_read(spec.official, fonts_map): "通过" for spec in SECTIONS}
    assert ["商业企业", "3", "2", "未通过", as_read(BUSINESS, fonts_map)] in rows
    assert [as_read("表四行政复议·总计", fonts_map), "1", "2"] in rows


def test_the_pdf_is_never_written_over_the_report(qapp):
    from gui.printout import write_pdf

    result = check(open_report(str(SAMPLE)))
    before = SAMPLE.read_bytes()
    with pytest.raises(WriteError):
        write_pdf(result, str(SAMPLE))
    assert SAMPLE.read_bytes() == before


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120
    )


def test_export_on_the_command_line_writes_the_workbook_and_the_pdf(tmp_path):
    xlsx, pdf = tmp_path / "青山.xlsx", tmp_path / "青山检查单.pdf"
    done = run("export", str(SAMPLE), "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"已保存：{xlsx}" in done.stdout and f"已保存：{pdf}" in done.stdout
    assert "报告还有3处错误" in done.stdout and "Traceback" not in done.stderr
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        assert len(document.pages) >= 2
    again = run("check", str(xlsx), "--json")
    assert '"agency": "青山街道办事处"' in again.stdout


@pytest.mark.slow
def test_export_and_template_on_the_command_line_explain_what_went_wrong(tmp_path):
    done = run("export", str(SAMPLE), "--pdf", str(SAMPLE))
    assert done.returncode == 3 and "不能覆盖原始文件" in done.stdout
    done = run("export", str(tmp_path / "没有.txt"), "--xlsx", str(tmp_path / "x.xlsx"))
    assert done.returncode == 2 and "找不到文件" in done.stdout
    done = run("template", "--year", "2018", "--xlsx", str(tmp_path / "t.xlsx"))
    assert done.returncode == 2 and "2019年度起" in done.stdout
    done = run("template", "--year", "2024", "--xlsx", str(tmp_path / "模板.xlsx"))
    assert done.returncode == 0 and "2021版" in done.stdout and (tmp_path / "模板.xlsx").exists()
    assert "Traceback" not in done.stderr
