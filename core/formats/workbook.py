"""The sheets of the workbook the program exports, by name.

A sheet per table, named as the table is (表二, 表三, 表四), then two sheets for people: 检查结果 (the
findings, and the cells the export changed) and 说明 (the facts). The export writes them
(core/export/xlsx.py); the workbook reader (core/readers/xlsx.py) skips the two for people, so an
exported workbook reads back to exactly the cells exported.
"""
from __future__ import annotations

from core.formats import TABLE_NAMES

TABLE_SHEETS = dict(TABLE_NAMES)  # table id → its sheet's name
FINDINGS_SHEET = "检查结果"
ABOUT_SHEET = "说明"
NOTE_SHEETS = (FINDINGS_SHEET, ABOUT_SHEET)  # the sheets for people, not tables
