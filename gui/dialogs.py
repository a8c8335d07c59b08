"""The questions the window asks before it changes something: each says exactly what will happen.

A suggested fix or 「重算全部合计」 lists every cell it will change (old → new); a 「已核实」
mark takes an optional note; the body's name and the year are corrected in one small
form that refuses, in words, what it cannot take; reopening a report with saved work
asks whether to go on with it; leaving a report whose corrections are not exported asks first;
exporting a report that still has errors asks whether to export it all the same.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpacerItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.findings import Finding
from core.formats import cell_name
from core.formats.workbook import FINDINGS_SHEET
from core.model import Report
from core.text.numbers import format_number
from core.work.autosave import Work
from core.work.entry import Refusal, read_agency, read_year
from core.work.fixes import Fix
from gui.panels import tint

REFUSAL_COLOUR = "#c62828"
QUESTION_WIDTH = 480  # pixels: a question's explanation in lines a clerk reads at a glance


def _label(text: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _buttons(dialog: QDialog, ok: str, cancel: str = "取消") -> QDialogButtonBox:
    box = QDialogButtonBox()
    accept = box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    accept.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class FixDialog(QDialog):
    """「将要做的修改」: every cell, its number now and the number it will get."""

    def __init__(self, fix: Fix, report: Report, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("确认修改")
        self.table = QTableWidget(len(fix.changes), 3)
        self.table.setHorizontalHeaderLabels(["表格中的格", "现在", "改为"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for row, change in enumerate(fix.changes):
            now = "未填" if change.old is None else format_number(change.old)
            for col, text in enumerate((cell_name(report.layout, change.cell), now, format_number(change.new))):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        count = len(fix.changes)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(f"{fix.title}。将修改下面{count}格：" if count > 1 else f"{fix.title}："))
        layout.addWidget(self.table)
        layout.addWidget(_label("修改后会立即重新检查；如需恢复，按“撤销”（Ctrl+Z）。原文件不会被改动。"))
        layout.addWidget(_buttons(self, "修改"))
        self.resize(620, min(160 + 34 * count, 560))


class ConfirmDialog(QDialog):
    """Mark a warning 已核实, with an optional note of what was checked."""

    def __init__(self, finding: Finding, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("标记为已核实")
        self.note = QLineEdit()
        self.note.setPlaceholderText("备注（可不填），例如：已与业务科室核对，数字无误")
        self.note.setMaxLength(200)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(finding.message))
        layout.addWidget(
            _label("如果您已经核对过，确认这一项没有问题（或已另行处理），可以标记为“已核实”。已核实的项不再计入“需要核实”的数量；这一项的内容变了，标记会自动取消。")
        )
        layout.addWidget(self.note)
        layout.addWidget(_buttons(self, "标记为已核实"))
        self.resize(560, 220)


class MetaDialog(QDialog):
    """The body's name and the year, as read and as the clerk corrects them. Refused text keeps the form open."""

    def __init__(self, report: Report, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("更正机关名称和年度")
        self.report = report
        self.agency = QLineEdit(report.agency or "")
        self.year = QLineEdit(str(report.year) if report.year else "")
        self.agency.setPlaceholderText("例如：青山街道办事处")
        self.year.setPlaceholderText(f"例如：{date.today().year - 1}")
        self.refusal = _label("")
        tint(self.refusal, REFUSAL_COLOUR)
        self.refusal.hide()
        form = QFormLayout()
        form.addRow("机关名称：", self.agency)
        form.addRow("", _label(f"报告中读到的：{report.meta.agency or '未识别'}"))
        form.addRow("年度：", self.year)
        form.addRow("", _label(f"报告中读到的：{report.meta.year or '未识别'}（年度决定表格应使用哪一版格式）"))
        layout = QVBoxLayout(self)
        layout.addWidget(_label("程序读错了机关名称或年度时，可以在这里更正。原文件不会被改动。"))
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(_buttons(self, "更正"))
        self.values: dict[str, object] = {}
        self.resize(560, 260)

    def accept(self) -> None:
        agency = read_agency(self.agency.text())
        year = read_year(self.year.text(), date.today().year)
        refusal = next((v for v in (agency, year) if isinstance(v, Refusal)), None)
        if refusal is not None:
            self.refusal.setText(refusal.message)
            self.refusal.show()
            (self.agency if isinstance(agency, Refusal) else self.year).setFocus()
            return
        self.values = {name: value for name, value in (("agency", agency), ("year", year)) if value != getattr(self.report, name)}
        super().accept()


def _ask(parent: QWidget | None, title: str, text: str, detail: str, yes: str, no: str, default_yes: bool) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    reject: QPushButton = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept if default_yes else reject)
    box.setEscapeButton(accept if default_yes else reject)
    grid = box.layout()  # a message box sizes itself to its shortest line: room for two short paragraphs
    assert isinstance(grid, QGridLayout)  # a QMessageBox lays itself out in a grid
    grid.addItem(QSpacerItem(QUESTION_WIDTH, 0), grid.rowCount(), 0, 1, grid.columnCount())
    box.exec()
    return box.clickedButton() is accept


def ask_restore(parent: QWidget | None, work: Work) -> bool:
    """Saved work for the report just opened: go on with it (True) or start from the report as it is."""
    when = work.saved_at.replace("T", " ")[:16]
    return _ask(
        parent,
        "恢复上次的修改",
        "这份报告有上次没有完成的修改。",
        f"上次（{when}）您{work.summary()}，这些修改已自动保存。\n\n"
        "恢复：接着上次的修改继续。\n放弃：从报告原样开始，上次的修改不再恢复。",
        "恢复修改",
        "放弃修改",
        default_yes=True,
    )


def ask_leave(parent: QWidget | None, doing: str) -> bool:
    """Corrections not exported yet: go on (True) or stay with the report."""
    return _ask(
        parent,
        "还有未导出的修改",
        "当前报告的修改还没有导出。",
        "修改已自动保存，下次打开这份报告时可以恢复；但它们还不在任何导出的文件里。",
        f"仍然{doing}",
        "取消",
        default_yes=False,
    )


def ask_export_with_errors(parent: QWidget | None, errors: int) -> bool:
    """The report still has errors: export it all the same (True), or go back and correct them."""
    return _ask(
        parent,
        "报告还有错误",
        f"这份报告还有{errors}处错误，暂不宜提交。",
        f"仍然导出：照常写出工作簿，这些错误列在工作簿的“{FINDINGS_SHEET}”表中，请改正后再提交。\n\n"
        "返回修改：回到报告先改正错误（清单中标为“未通过”的项，按F8逐个查看）。",
        "仍然导出",
        "返回修改",
        default_yes=False,
    )
