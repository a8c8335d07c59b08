"""The right side of the window: every check the core made, grouped as the catalogue groups them.

Group → rule (its catalogue title) → one line per finding, each with its mark (通过 /
未通过 / 需核实 / 无法判断) and its numbers (「应为27，实为21」). A rule that found
nothing wrong is folded away; 「只看问题」 hides everything that passed; 「下一个问题」
walks the problems in the order they are listed. The list is rebuilt from the session
after every check, keeping the clerk's place.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QRect, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.findings import Finding, Outcome
from core.rules.balances import balances
from core.rules.catalogue import CATALOGUE, GROUP_NAMES
from core.text.numbers import format_number
from gui.marks import PASSED, Mark, finding_mark, numbers
from gui.session import ReportSession

FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 1  # indices into result.findings under this line
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2  # True on a finding's line when it is a problem
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # a stable name for the line: group, rule or finding key


@dataclass
class RuleEntry:
    rule: str
    title: str
    findings: list[int] = field(default_factory=list)


@dataclass
class GroupEntry:
    key: str
    name: str
    rules: list[RuleEntry] = field(default_factory=list)


def arrange(findings: list[Finding]) -> list[GroupEntry]:
    """The checklist's order: the catalogue's groups, rules as first met, findings as found."""
    groups = {key: GroupEntry(key, name) for key, name in GROUP_NAMES.items()}
    for n, finding in enumerate(findings):
        info = CATALOGUE.get(finding.rule)
        group = groups[info.group if info and info.group in groups else "other"]
        entry = next((r for r in group.rules if r.rule == finding.rule), None)
        if entry is None:
            entry = RuleEntry(finding.rule, info.title if info else finding.rule)
            group.rules.append(entry)
        entry.findings.append(n)
    return [g for g in groups.values() if g.rules]


def checklist_order(findings: list[Finding]) -> list[int]:
    return [n for group in arrange(findings) for rule in group.rules for n in rule.findings]


def _icon(mark: Mark, cache: dict[str, QIcon] = {}) -> QIcon:  # noqa: B006 (a deliberate cache)
    if mark.word not in cache:
        pixmap = QPixmap(40, 40)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(mark.colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(2, 2, 36, 36)
        font = QFont()
        font.setPixelSize(26)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, mark.symbol)
        painter.end()
        cache[mark.word] = QIcon(pixmap)
    return cache[mark.word]


class _ProblemsOnly(QSortFilterProxyModel):
    """Hides the lines that passed; a group or rule stays while any of its lines is a problem."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.only_problems = False
        self.setRecursiveFilteringEnabled(True)

    def set_only_problems(self, on: bool) -> None:
        self.beginFilterChange()
        self.only_problems = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not self.only_problems:
            return True
        return bool(self.sourceModel().index(row, 0, parent).data(PROBLEM_ROLE))


class _WrappingLines(QStyledItemDelegate):
    """Lines as tall as their wrapped text at the list's current width (a tree view does not measure that itself)."""

    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() != 0:
            return size
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self.tree.columnWidth(0) - depth * self.tree.indentation() - self.tree.iconSize().width() - 16
        text = QFontMetrics(item.font).boundingRect(QRect(0, 0, max(width, 60), 100000), Qt.TextFlag.TextWordWrap, item.text)
        return QSize(size.width(), max(size.height(), text.height() + 8))


class _Tree(QTreeView):
    pressed_again = Signal(QModelIndex)  # the clerk clicked the line that was already current

    def __init__(self):
        super().__init__()
        self.setItemDelegate(_WrappingLines(self))
        self.header().sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def mousePressEvent(self, event) -> None:
        before = self.currentIndex()
        super().mousePressEvent(event)
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.siblingAtColumn(0) == before.siblingAtColumn(0):
            self.pressed_again.emit(index)


class ChecklistPanel(QWidget):
    findings_chosen = Signal(list)  # indices into session.result.findings

    def __init__(self, session: ReportSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = QStandardItemModel(self)
        self.proxy = _ProblemsOnly(self)
        self.proxy.setSourceModel(self.model)
        self.tree = _Tree()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setIconSize(QSize(18, 18))
        self.tree.setIndentation(16)
        self.only_problems = QCheckBox("只看问题")
        self.only_problems.toggled.connect(self.set_only_problems)
        heading = QLabel("检查清单")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.only_problems)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self._quiet = False  # set while the list moves itself (rebuilding), not the clerk
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.pressed_again.connect(self._chosen)
        session.checked.connect(self.rebuild)
        self.rebuild()

    # --- building ---------------------------------------------------------------------------
    def rebuild(self) -> None:
        current = self.tree.currentIndex().data(KEY_ROLE)
        self._quiet = True
        try:
            self._fill()
        finally:
            self._quiet = False
        if current:
            self.select_key(current, emit=False)

    def _fill(self) -> None:
        findings = self.session.result.findings
        balance_rules = {b.rule for b in balances(self.session.report.layout)}
        self._problems = {id(f) for f in self.session.result.problems}
        self.model.clear()
        self.model.setColumnCount(2)
        for group in arrange(findings):
            group_items = self._line(group.name, [n for r in group.rules for n in r.findings], f"group:{group.key}", bold=True)
            for rule in group.rules:
                if len(rule.findings) == 1:
                    n = rule.findings[0]
                    text = f"{rule.title}\n{self._finding_text(findings[n], balance_rules)}"
                    group_items[0].appendRow(self._finding_line(text, n))
                    continue
                rule_items = self._line(rule.title, rule.findings, f"rule:{rule.rule}")
                for n in rule.findings:
                    rule_items[0].appendRow(self._finding_line(self._finding_text(findings[n], balance_rules), n))
                group_items[0].appendRow(rule_items)
            self.model.appendRow(group_items)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._fold()

    def _finding_text(self, finding: Finding, balance_rules: set[str]) -> str:
        if finding.rule in balance_rules and finding.subject:
            if finding.outcome is Outcome.FAILED:
                return f"{finding.subject}：{numbers(finding)}"
            if finding.outcome is Outcome.PASSED and finding.actual is not None:
                return f"{finding.subject}：{format_number(finding.actual)}，相符"
        return finding.message

    def _finding_line(self, text: str, n: int) -> list[QStandardItem]:
        finding = self.session.result.findings[n]
        mark = finding_mark(finding)
        item = QStandardItem(_icon(mark), text)
        item.setData([n], FINDINGS_ROLE)
        item.setData(id(finding) in self._problems, PROBLEM_ROLE)
        item.setData(finding.key, KEY_ROLE)
        item.setToolTip(self._tooltip(finding))
        word = QStandardItem(mark.word)
        word.setForeground(QBrush(QColor(mark.colour)))
        bold = QFont()
        bold.setBold(True)
        word.setFont(bold)
        word.setData([n], FINDINGS_ROLE)
        word.setData(finding.key, KEY_ROLE)
        word.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [item, word]

    def _line(self, text: str, members: list[int], key: str, bold: bool = False) -> list[QStandardItem]:
        """A group's or a rule's line: its name and how its findings came out."""
        findings = self.session.result.findings
        problems = [n for n in members if findings[n].is_problem]
        marks = {finding_mark(findings[n]) for n in problems}
        worst = max(marks, key=lambda m: m.rank) if marks else PASSED
        item = QStandardItem(_icon(worst), text)
        font = QFont()
        font.setBold(True)
        if bold:
            font.setPointSizeF(font.pointSizeF() * 1.1)
        item.setFont(font)
        item.setData(problems or members, FINDINGS_ROLE)
        item.setData(False, PROBLEM_ROLE)
        item.setData(key, KEY_ROLE)
        if not problems:
            summary = "通过" if len(members) == 1 else f"{len(members)}项全部通过"
        elif len(marks) == 1:
            summary = f"{len(problems)}项{worst.word}"
        else:
            summary = f"{len(problems)}项问题"
        word = QStandardItem(summary)
        word.setForeground(QBrush(QColor(worst.colour)))
        word.setFont(font)
        word.setData(problems or members, FINDINGS_ROLE)
        word.setData(key, KEY_ROLE)
        word.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [item, word]

    def _tooltip(self, finding: Finding) -> str:
        info = CATALOGUE.get(finding.rule)
        lines = [finding.message]
        if info:
            lines += [f"规则：{info.title}（{finding.rule}）", f"依据：{info.reference}"]
        return "\n".join(lines)

    def _fold(self) -> None:
        """Only what holds a problem is open: a group or rule where everything passed is one folded line."""

        def has_problem(index: QModelIndex) -> bool:
            return any(
                self.proxy.index(r, 0, index).data(PROBLEM_ROLE) or has_problem(self.proxy.index(r, 0, index))
                for r in range(self.proxy.rowCount(index))
            )

        for g in range(self.proxy.rowCount()):
            group = self.proxy.index(g, 0)
            self.tree.setExpanded(group, has_problem(group))
            for r in range(self.proxy.rowCount(group)):
                rule = self.proxy.index(r, 0, group)
                self.tree.setExpanded(rule, has_problem(rule))

    # --- moving about -------------------------------------------------------------------------
    def set_only_problems(self, on: bool) -> None:
        if self.only_problems.isChecked() != on:
            self.only_problems.setChecked(on)  # comes back here through `toggled`
            return
        self.proxy.set_only_problems(on)
        self._fold()

    def lines(self) -> list[QModelIndex]:
        """Every visible line (column 0), top to bottom as listed, folded or not."""
        found: list[QModelIndex] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                found.append(index)
                walk(index)

        walk(QModelIndex())
        return found

    def problem_lines(self) -> list[QModelIndex]:
        return [i for i in self.lines() if i.data(PROBLEM_ROLE)]

    def next_problem(self, step: int = 1) -> bool:
        """Go to the next (or, with step -1, the previous) problem after the current line; wraps around."""
        lines = self.lines()
        problems = [i for i in lines if i.data(PROBLEM_ROLE)]
        if not problems:
            return False
        current = self.tree.currentIndex().siblingAtColumn(0)
        position = next((n for n, i in enumerate(lines) if i == current), -1)
        if step > 0:
            target = next((i for i in problems if lines.index(i) > position), problems[0])
        else:
            before = [i for i in problems if position == -1 or lines.index(i) < position]
            target = before[-1] if before else problems[-1]
        self._go(target)
        return True

    def select_key(self, key: str, emit: bool = True) -> bool:
        for index in self.lines():
            if index.data(KEY_ROLE) == key:
                self._go(index, emit)
                return True
        return False

    def _go(self, index: QModelIndex, emit: bool = True) -> None:
        """Make `index` the current line; going to the line already current still points at it again."""
        self._quiet = not emit
        try:
            if index == self.tree.currentIndex().siblingAtColumn(0):
                self._chosen(index)
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        finally:
            self._quiet = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._chosen(current)

    def _chosen(self, index: QModelIndex) -> None:
        if not self._quiet and index.isValid():
            self.findings_chosen.emit(list(index.siblingAtColumn(0).data(FINDINGS_ROLE) or []))
