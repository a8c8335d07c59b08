"""The right side of the window: every check the core made, grouped as the catalogue groups them.

Group → rule (its catalogue title) → one line per finding, each with its mark (通过 /
未通过 / 需核实 / 无法判断 / 已核实) and its numbers (「应为27，实为21」). A rule that found
nothing wrong is folded away; 「只看问题」 hides everything that passed or was marked
已核实; 「下一个问题」 walks the problems in the order they are listed. After every check
the lines follow the session — redrawn in place when the same checks were made, the
list built again when not — keeping the clerk's place. A right-click on a line offers
its suggested fix and 已核实.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPixmap,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from core.findings import Finding, Outcome
from core.presentation import checklist, is_open, numbers, problem_order
from core.rules.balances import balances
from core.rules.catalogue import CATALOGUE
from core.text.numbers import format_number
from core.work.fixes import Fix
from gui.marks import CONFIRMED, PASSED, Mark, finding_mark
from gui.session import ReportSession

FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 1  # indices into result.findings under this line
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2  # True on a finding's line when it is a problem
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # a stable name for the line: group, rule or finding key
_MARK_WORD_ROLE = Qt.ItemDataRole.UserRole + 4  # the word of the mark whose icon the line shows


def _set(item: QStandardItem, value: object, role: int) -> None:
    """Set only what differs: each set tells the tree to measure and draw the line again."""
    if item.data(role) != value:
        item.setData(value, role)


def _set_icon(item: QStandardItem, mark: Mark) -> None:
    if item.data(_MARK_WORD_ROLE) != mark.word:
        item.setData(mark.word, _MARK_WORD_ROLE)
        item.setIcon(_icon(mark))


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


def _within(index: QModelIndex, ancestor: QModelIndex) -> bool:
    parent = index.parent()
    while parent.isValid():
        if parent == ancestor:
            return True
        parent = parent.parent()
    return False


class _ProblemsOnly(QSortFilterProxyModel):
    """Hides the lines that passed; a group or rule stays while any of its lines is a problem."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.only_problems = False
        self.setRecursiveFilteringEnabled(True)

    def set_only_problems(self, on: bool) -> None:
        self.beginFilterChange()  # Qt 6.9: begin…, then invalidateRowsFilter() ends the change (6.10 adds endFilterChange)
        self.only_problems = on
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.only_problems:
            return True
        return bool(self.sourceModel().index(row, 0, parent).data(PROBLEM_ROLE))


class _WrappingLines(QStyledItemDelegate):
    """Lines as tall as their wrapped text at the list's current width (a tree view does not measure that itself)."""

    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() != 0:
            return size
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self.tree.columnWidth(0) - depth * self.tree.indentation() - self.tree.iconSize().width() - 16
        font, words = item.font, item.text  # type: ignore[attr-defined]  # PySide6's stub leaves out these members
        text = QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 60), 100000), Qt.TextFlag.TextWordWrap, words)
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
    fix_chosen = Signal(object)  # a line's suggested Fix, to be confirmed and applied
    confirm_chosen = Signal(str)  # the key of a finding to mark 已核实
    unconfirm_chosen = Signal(str)

    def __init__(self, session: ReportSession, parent=None):
        super().__init__(parent)
        self.session = session
        self._balance_rules = {b.rule for b in balances(session.report.layout)}
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
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        session.signals.checked.connect(self.refresh)
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

    def refresh(self) -> None:
        """After a recheck: when the same checks were made (the usual case after an edit), only the lines
        whose finding changed are redrawn, in place; otherwise the list is built again."""
        findings = self.session.result.findings
        if [f.key for f in findings] != [f.key for f in self._shown]:
            self.rebuild()
            return
        problems_before = self._shown_problems
        for n, finding in enumerate(findings):
            if finding != self._shown[n] or self._confirmed(n) != self._shown_confirmed[n]:
                item, word = self._lines[n]
                self._dress_finding(item, word, n)
        for item, word, members in self._summaries:
            self._dress_summary(item, word, members)
        self._remember()
        if self._problem_keys() != problems_before:
            self._fold()

    def _fill(self) -> None:
        findings = self.session.result.findings
        self._lines: dict[int, tuple[QStandardItem, QStandardItem]] = {}
        self._prefixes: dict[int, str] = {}  # a rule with one finding shows it on the rule's own line
        self._summaries: list[tuple[QStandardItem, QStandardItem, list[int]]] = []
        self.model.clear()
        self.model.setColumnCount(2)
        for group in checklist(findings):
            group_items = self._line(group.name, [n for r in group.rules for n in r.findings], f"group:{group.key}", bold=True)
            for rule in group.rules:
                if len(rule.findings) == 1:
                    n = rule.findings[0]
                    self._prefixes[n] = rule.title
                    group_items[0].appendRow(self._finding_line(n))
                    continue
                rule_items = self._line(rule.title, rule.findings, f"rule:{rule.rule}")
                for n in rule.findings:
                    rule_items[0].appendRow(self._finding_line(n))
                group_items[0].appendRow(rule_items)
            self.model.appendRow(group_items)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._remember()
        self._fold()

    def _remember(self) -> None:
        """What the list shows now, to tell what a recheck changed."""
        self._shown = list(self.session.result.findings)
        self._shown_confirmed = [self._confirmed(n) for n in range(len(self._shown))]
        self._shown_problems = self._problem_keys()

    def _confirmed(self, n: int) -> bool:
        return self.session.is_confirmed(self.session.result.findings[n])

    def _is_problem(self, n: int) -> bool:
        """A line 「下一个问题」 stops at and 「只看问题」 keeps: a problem still open (core.presentation)."""
        return is_open(self.session.result.findings[n], self.session.result.confirmed)

    def _problem_keys(self) -> set[str]:
        return {f.key for n, f in enumerate(self.session.result.findings) if self._is_problem(n)}

    def _finding_text(self, n: int) -> str:
        finding = self.session.result.findings[n]
        text = finding.message
        if finding.rule in self._balance_rules and finding.subject:
            if finding.outcome is Outcome.FAILED:
                text = f"{finding.subject}：{numbers(finding)}"
            elif finding.outcome is Outcome.PASSED and finding.actual is not None:
                text = f"{finding.subject}：{format_number(finding.actual)}，相符"
        if self._confirmed(n):
            note = self.session.marks[finding.key].note
            text += "\n已核实" + (f"：{note}" if note else "")
        prefix = self._prefixes.get(n)
        return f"{prefix}\n{text}" if prefix else text

    def _finding_line(self, n: int) -> list[QStandardItem]:
        finding = self.session.result.findings[n]
        item, word = QStandardItem(), QStandardItem()
        item.setData([n], FINDINGS_ROLE)
        item.setData(finding.key, KEY_ROLE)
        bold = QFont()
        bold.setBold(True)
        word.setFont(bold)
        word.setData([n], FINDINGS_ROLE)
        word.setData(finding.key, KEY_ROLE)
        word.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._dress_finding(item, word, n)
        self._lines[n] = (item, word)
        return [item, word]

    def _dress_finding(self, item: QStandardItem, word: QStandardItem, n: int) -> None:
        """A finding's line as the current check has it: mark, words, numbers, 已核实."""
        finding = self.session.result.findings[n]
        mark = finding_mark(finding, self._confirmed(n))
        _set_icon(item, mark)
        _set(item, self._finding_text(n), Qt.ItemDataRole.DisplayRole)
        _set(item, self._is_problem(n), PROBLEM_ROLE)
        _set(item, self._tooltip(finding), Qt.ItemDataRole.ToolTipRole)
        _set(word, mark.word, Qt.ItemDataRole.DisplayRole)
        _set(word, QBrush(QColor(mark.colour)), Qt.ItemDataRole.ForegroundRole)

    def _line(self, text: str, members: list[int], key: str, bold: bool = False) -> list[QStandardItem]:
        """A group's or a rule's line: its name and how its findings came out."""
        item = QStandardItem(text)
        font = QFont()
        font.setBold(True)
        if bold:
            font.setPointSizeF(font.pointSizeF() * 1.1)
        item.setFont(font)
        item.setData(False, PROBLEM_ROLE)
        item.setData(key, KEY_ROLE)
        word = QStandardItem()
        word.setFont(font)
        word.setData(key, KEY_ROLE)
        word.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._dress_summary(item, word, members)
        self._summaries.append((item, word, members))
        return [item, word]

    def _dress_summary(self, item: QStandardItem, word: QStandardItem, members: list[int]) -> None:
        findings = self.session.result.findings
        problems = [n for n in members if findings[n].is_problem and not self._confirmed(n)]
        confirmed = [n for n in members if findings[n].is_problem and self._confirmed(n)]
        marks = {finding_mark(findings[n]) for n in problems}
        worst = max(marks, key=lambda m: m.rank) if marks else (CONFIRMED if confirmed else PASSED)
        if not problems:
            summary = f"{len(confirmed)}项已核实" if confirmed else "通过" if len(members) == 1 else f"{len(members)}项全部通过"
        elif len(marks) == 1:
            summary = f"{len(problems)}项{worst.word}"
        else:
            summary = f"{len(problems)}项问题"
        _set_icon(item, worst)
        _set(item, problems or members, FINDINGS_ROLE)
        _set(word, summary, Qt.ItemDataRole.DisplayRole)
        _set(word, QBrush(QColor(worst.colour)), Qt.ItemDataRole.ForegroundRole)
        _set(word, problems or members, FINDINGS_ROLE)

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
        """The lines of the problems still open, in the order they are walked (core.presentation.problem_order)."""
        rank = {n: r for r, n in enumerate(problem_order(self.session.result.findings))}
        lines = [i for i in self.lines() if i.data(PROBLEM_ROLE)]
        return sorted(lines, key=lambda i: rank[i.data(FINDINGS_ROLE)[0]])

    def next_problem(self, step: int = 1) -> bool:
        """Go to the next (or, with step -1, the previous) problem in the walk; wraps around. From a line that
        is not a problem's (a group's, a rule's), to the first problem of the walk listed below it (or the last
        listed above it)."""
        problems = self.problem_lines()
        if not problems:
            return False
        current = self.tree.currentIndex().siblingAtColumn(0)
        if current in problems:
            self._go(problems[(problems.index(current) + step) % len(problems)])
            return True
        lines = self.lines()
        position = next((n for n, i in enumerate(lines) if i == current), -1)
        if step > 0:
            target = next((i for i in problems if lines.index(i) > position), problems[0])
        else:
            before = [i for i in problems if position == -1 or lines.index(i) < position]
            target = before[-1] if before else problems[-1]
        self._go(target)
        return True

    def go_to_group(self, group: str) -> int:
        """Open a group of the catalogue and go to its first problem (or to the group's line); how many problems it holds."""
        lines = self.lines()
        head = next((i for i in lines if i.data(KEY_ROLE) == f"group:{group}"), None)
        if head is None:
            return 0
        self.tree.expand(head)
        inside = [i for i in lines if _within(i, head) and i.data(PROBLEM_ROLE)]
        self._go(inside[0] if inside else head)
        return len(inside)

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

    def finding_at(self, index: QModelIndex) -> Finding | None:
        """The finding of a line that stands for exactly one."""
        indices = index.siblingAtColumn(0).data(FINDINGS_ROLE) or []
        key = index.data(KEY_ROLE) or ""
        if len(indices) != 1 or key.startswith(("group:", "rule:")):
            return None
        return self.session.result.findings[indices[0]]

    def _menu(self, pos) -> None:
        """Right-click on a line: its suggested fix, 标记为已核实 or 取消已核实."""
        finding = self.finding_at(self.tree.indexAt(pos))
        if finding is None:
            return
        menu = QMenu(self)
        fix: Fix | None = self.session.fix_for(finding.key)
        if fix is not None:
            menu.addAction(f"按建议修改：{fix.title}…", lambda: self.fix_chosen.emit(fix))
        if self.session.is_confirmed(finding):
            menu.addAction("取消已核实", lambda: self.unconfirm_chosen.emit(finding.key))
        elif self.session.can_confirm(finding):
            menu.addAction("标记为已核实…", lambda: self.confirm_chosen.emit(finding.key))
        if menu.actions():
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _chosen(self, index: QModelIndex) -> None:
        if not self._quiet and index.isValid():
            self.findings_chosen.emit(list(index.siblingAtColumn(0).data(FINDINGS_ROLE) or []))
