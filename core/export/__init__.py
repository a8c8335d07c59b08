"""Writing a checked report out: the corrected Excel workbook, the blank template, the printable check report.

`cells.py` decides what every cell of the form holds (a number, the text as written, or a formula and
its result); `xlsx.py` lays that out as the official tables with openpyxl; `check_report.py` builds the
printable check report's HTML, which `gui/printout.py` prints to PDF with Qt (the only part that needs Qt).
"""

# The sheets an exported workbook holds for people, not tables: the reader skips them.
FINDINGS_SHEET = "检查结果"
ABOUT_SHEET = "说明"
NOTE_SHEETS = (FINDINGS_SHEET, ABOUT_SHEET)
