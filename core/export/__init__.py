"""Writing a checked report out: the corrected Excel workbook, the blank template, the printable check report.

`cells.py` decides what every cell of the form holds (a number, the text as written, or a formula and
its result); `xlsx.py` lays that out as the official tables with openpyxl; `check_report.py` builds the
printable check report's HTML, which `gui/printout.py` prints to PDF with Qt (the only part that needs Qt).
The workbook's sheet names are the form's (core/formats/workbook.py): the workbook reader, which stands
below the export, skips the sheets for people by them.
"""
