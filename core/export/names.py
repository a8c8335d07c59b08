"""What an export is called when the window proposes a name: beside what it came from, never over it.

「青山街道2023年报.docx」 → 「青山街道2023年报（更正）.xlsx」 (the corrected workbook), 「…（更正）.docx」
(the corrected Word copy), 「…（检查单）.pdf」 (the check report); a folder 「2023年 各单位年报」 →
「2023年 各单位年报（检查汇总）.xlsx」 beside it, where checking the folder again will not find it.
A report that is itself an export (「…（更正）.xlsx」) is not given its own name back.
"""
from __future__ import annotations

import os

from core.platform.fileio import same_file

CORRECTED = "（更正）"
CHECK_REPORT = "（检查单）"
SUMMARY = "（检查汇总）"

KINDS = {  # what is exported → (the word added to the name, the extension)
    "xlsx": (CORRECTED, ".xlsx"),
    "docx": (CORRECTED, ".docx"),
    "pdf": (CHECK_REPORT, ".pdf"),
}


def export_path(source: str, kind: str) -> str:
    """The proposed file for exporting the report read from `source` as `kind` ('xlsx', 'docx' or 'pdf')."""
    word, ext = KINDS[kind]
    folder, name = os.path.split(os.path.abspath(source))
    stem = os.path.splitext(name)[0]
    return _free_of(source, folder, stem if stem.endswith(word) else stem + word, ext)


def summary_path(folder: str) -> str:
    """The proposed summary workbook for a folder's reports: beside the folder, named after it."""
    folder = os.path.abspath(folder)
    parent, name = os.path.split(folder.rstrip(os.sep)) if folder.rstrip(os.sep) else (folder, "")
    if not name:  # a drive or the root: nothing beside it, so inside
        return os.path.join(folder, f"年度报告{SUMMARY}.xlsx")
    return os.path.join(parent, f"{name}{SUMMARY}.xlsx")


def _free_of(source: str, folder: str, stem: str, ext: str) -> str:
    """`stem + ext` in `folder`, numbered when that would be the source itself."""
    path, n = os.path.join(folder, stem + ext), 2
    while os.path.exists(path) and same_file(path, source):
        path, n = os.path.join(folder, f"{stem}（{n}）{ext}"), n + 1
    return path
