"""The names the window proposes for what it writes: beside the report, never the report itself."""
from __future__ import annotations

import os

from core.export.names import export_path, summary_path


def test_each_export_is_named_after_the_report_beside_it(tmp_path):
    report = tmp_path / "青山街道 2023年报.docx"
    report.write_bytes(b"")
    assert export_path(str(report), "xlsx") == str(tmp_path / "青山街道 2023年报（更正）.xlsx")
    assert export_path(str(report), "docx") == str(tmp_path / "青山街道 2023年报（更正）.docx")
    assert export_path(str(report), "pdf") == str(tmp_path / "青山街道 2023年报（检查单）.pdf")


def test_an_export_opened_again_is_not_offered_its_own_name(tmp_path):
    exported = tmp_path / "青山街道（更正）.xlsx"
    exported.write_bytes(b"the clerk's workbook")
    proposed = export_path(str(exported), "xlsx")
    assert proposed == str(tmp_path / "青山街道（更正）（2）.xlsx")
    assert export_path(str(exported), "pdf") == str(tmp_path / "青山街道（更正）（检查单）.pdf")
    word = tmp_path / "青山街道（更正）.docx"
    word.write_bytes(b"")
    assert export_path(str(word), "xlsx") == str(tmp_path / "青山街道（更正）.xlsx")  # another file: proposed, the dialog asks to replace
    assert export_path(str(word), "docx") == str(tmp_path / "青山街道（更正）（2）.docx")


def test_a_folders_summary_goes_beside_the_folder_where_checking_it_again_will_not_find_it(tmp_path):
    folder = tmp_path / "2023年 各单位年报"
    folder.mkdir()
    assert summary_path(str(folder)) == str(tmp_path / "2023年 各单位年报（检查汇总）.xlsx")
    assert summary_path(str(folder) + os.sep) == str(tmp_path / "2023年 各单位年报（检查汇总）.xlsx")
    assert summary_path(os.sep) == os.path.join(os.sep, "年度报告（检查汇总）.xlsx")
