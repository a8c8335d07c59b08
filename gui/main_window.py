"""The main window: the verdict on top, the report on the left, the checklist on the right.

Opening a file (menu, toolbar, Ctrl+O, dragging it in, recent files, the command line)
always goes through `ReportLoader`, off the window's thread; what cannot be read is said
in a bar above the window's content, and whatever was shown before stays usable.

Corrections go through the session's undo stack (编辑 menu, Ctrl+Z / Ctrl+Y, 「修改记录」);
each is saved at once in the data folder. A report opened again offers its saved work back,
and leaving a report whose corrections are not exported asks first.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.readers import READERS
from gui import APP_NAME
from gui.panels import Panel, splitter, tint
from gui.settings import ONLY_PROBLEMS, RECENT_FILES, WINDOW_GEOMETRY, WINDOW_STATE, Settings

if TYPE_CHECKING:
    from core.autosave import WorkStore
    from core.check import CheckResult
    from core.fixes import Fix
    from core.readers.errors import ReadError
    from gui.session import ReportSession

# The report page's modules (and, through them, the rules) are imported when a report
# arrives: by then the reading thread has loaded the engine, and the window came up sooner.

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "sample-2023.txt"

VERDICT_COLOURS = {  # verdict level → (background, text)
    "error": ("#c62828", "#ffffff"),
    "verify": ("#f0a30a", "#2b1d00"),
    "ok": ("#2e7d32", "#ffffff"),
}
KIND_NAMES = {  # a reader's extension → how a clerk names that kind of file
    ".docx": "Word（.docx）",
    ".pdf": "PDF",
    ".xlsx": "Excel（.xlsx）",
    ".html": "网页（.html）",
    ".htm": "网页（.html）",
    ".txt": "文本（.txt）",
    ".md": "文本（.txt）",
    ".text": "文本（.txt）",
}


def readable_kinds() -> list[str]:
    """The kinds of file the readers on hand can read, as a clerk names them."""
    names = []
    for ext in READERS:
        name = KIND_NAMES.get(ext)
        if name and name not in names:
            names.append(name)
    return names


def _point(widget: QWidget, factor: float, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class VerdictBanner(Panel):
    """The verdict, big and coloured: red 暂不宜提交, amber 需要核实, green 可以提交."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QLabel()
        self.text.setFont(_point(self, 1.9))
        self.detail = QLabel()
        self.detail.setFont(_point(self, 1.05, bold=False))
        self.detail.setWordWrap(True)
        self.correct_button = QPushButton("更正机关或年度…")
        self.correct_button.setToolTip("程序读错了机关名称或年度时，在这里更正；应使用的表格格式随年度重新判断。")
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.text)
        words.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.addLayout(words, 1)
        layout.addWidget(self.correct_button, 0, Qt.AlignmentFlag.AlignBottom)

    def show_result(self, result: CheckResult) -> None:
        from core.check import describe_report
        from core.corrections import META_NAMES

        verdict = result.verdict
        background, colour = VERDICT_COLOURS[verdict.level]
        symbol = {"error": "✗", "verify": "!", "ok": "✓"}[verdict.level]
        self.text.setText(f"{symbol}  {verdict.text}")
        report = result.report
        corrected = "、".join(
            f"{name}原为{getattr(report.meta, key) or '未识别'}" for key, name in META_NAMES.items() if key in report.meta_corrections
        )
        self.detail.setText(
            f"{report.meta.title or '（报告没有标题）'}　　{describe_report(report)}" + (f"　（已更正：{corrected}）" if corrected else "")
        )
        tint(self.text, colour)
        tint(self.detail, colour)
        self.paint_as(background)
        self.show()


class MessageBar(Panel):
    """A file that could not be read: its name, the reader's Chinese message, and a way to close it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.paint_as("#fdecea", "#e57373", left_bar="#c62828")
        self.border_width = 1
        self.title = QLabel()
        self.title.setFont(_point(self, 1.1))
        tint(self.title, "#8e0000")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("关闭")
        close.clicked.connect(self.hide)
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 8, 10, 8)
        layout.addLayout(words, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_error(self, path: str, error: ReadError) -> None:
        self.title.setText(f"无法读取「{os.path.basename(path)}」")
        self.text.setText(error.message)
        self.show()

    def show_problem(self, message: str) -> None:
        """The clerk's work could not be saved: why, and that it is still in the window."""
        self.title.setText("修改没有能自动保存")
        self.text.setText(f"{message}\n修改仍在窗口中，请不要关闭程序；腾出磁盘空间或换一个数据文件夹后，下一次修改会再次保存全部内容。")
        self.show()


class EmptyPage(QWidget):
    """What a clerk sees before any report is open: what the program does, and two big buttons."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        title = QLabel("检查政府信息公开工作年度报告")
        title.setFont(_point(self, 2.0))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kinds = "、".join(readable_kinds())
        intro = QLabel(
            "打开一份年度报告，程序会检查法定六部分是否齐全、表格格式是否与年度相符、表格的勾稽关系是否成立，"
            f"并指出每一处问题。\n可以打开的文件：{kinds}。也可以把文件直接拖到这个窗口里。"
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFont(_point(self, 1.1, bold=False))
        intro.setFixedWidth(760)
        self.open_button = QPushButton("打开报告…")
        self.sample_button = QPushButton("打开示例报告")
        for button, action in ((self.open_button, window.choose_file), (self.sample_button, window.open_sample)):
            button.setFont(_point(self, 1.25))
            button.setMinimumSize(220, 56)
            button.clicked.connect(action)
        self.open_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(16)
        centred = QHBoxLayout()  # not an alignment flag: an aligned label loses its wrapped height
        centred.addStretch(1)
        centred.addWidget(intro)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addSpacing(32)
        layout.addLayout(buttons)
        layout.addSpacing(32)
        self.recent = QVBoxLayout()
        self.recent.setSpacing(2)
        layout.addLayout(self.recent)
        layout.addStretch(3)
        self.window_ = window

    def show_recent(self, paths: tuple[str, ...]) -> None:
        """The files opened last, one click each."""
        while self.recent.count():
            item = self.recent.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if not paths:
            return
        heading = QLabel("最近打开的报告")
        tint(heading, "#555555")
        self.recent.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        for path in paths[:5]:
            button = QPushButton(f"{os.path.basename(path)}　（{os.path.dirname(path)}）")
            button.setFlat(True)
            tint(button, "#1565c0", QPalette.ColorRole.ButtonText)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(path)
            button.clicked.connect(lambda _checked=False, p=path: self.window_.open_path(p))
            self.recent.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)


class LoadingPage(QWidget):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.label = QLabel()
        self.label.setFont(_point(self, 1.3))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # a read has no steps to count: a moving bar says it is working
        self.bar.setMaximumWidth(420)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton("取消")
        self.cancel.setMinimumWidth(120)
        self.cancel.clicked.connect(window.loader_cancel)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_path(self, path: str) -> None:
        self.label.setText(f"正在读取并检查「{os.path.basename(path)}」……")


class MainWindow(QMainWindow):
    report_shown = Signal()  # a report was read, checked and is on screen
    read_failed = Signal(str)  # the Chinese message of a file that could not be read

    def __init__(self, settings: Settings | None = None, store: WorkStore | None = None, parent=None):
        super().__init__(parent)
        from gui.loader import ReportLoader

        self.settings = settings or Settings()
        self._store = store
        self.session: ReportSession | None = None
        self.undo_group = QUndoGroup(self)
        self.loader = ReportLoader(self)
        self.loader.started.connect(self._reading)
        self.loader.finished.connect(self._read)
        self.loader.failed.connect(self._not_read)
        self.loader.cancelled.connect(lambda _path: self._back())
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.resize(1480, 920)
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self.message = MessageBar()
        self.verdict = VerdictBanner()
        self.verdict.correct_button.clicked.connect(self.correct_meta)
        self.verdict.hide()
        self.pages = QStackedWidget()
        self.empty = EmptyPage(self)
        self.loading = LoadingPage(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.loading)
        self.report_page: QWidget | None = None
        self._previous: QWidget = self.empty
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.message)
        layout.addWidget(self.verdict)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage("请打开一份年度报告。")
        self.empty.show_recent(self.settings[RECENT_FILES])
        self._restore()
        self._update_actions()

    # --- actions, menus, toolbar -------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, icon: QStyle.StandardPixmap | None = None, checkable=False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = self._action("打开报告…", self.choose_file, QKeySequence.StandardKey.Open, sp.SP_DialogOpenButton)
        self.sample_action = self._action("打开示例报告", self.open_sample, None, sp.SP_FileIcon)
        self.quit_action = self._action("退出", self.close, QKeySequence.StandardKey.Quit)
        self.next_action = self._action("下一个问题", lambda: self.next_problem(1), Qt.Key.Key_F8, sp.SP_ArrowDown)
        self.previous_action = self._action("上一个问题", lambda: self.next_problem(-1), "Shift+F8", sp.SP_ArrowUp)
        self.only_problems_action = self._action("只看问题", self._set_only_problems, None, None, checkable=True)
        self.only_problems_action.setChecked(self.settings[ONLY_PROBLEMS])
        # Short words on the buttons; what would be undone or redone is in their tooltips and 「修改记录」.
        self.undo_action = self._action("撤销", self.undo_group.undo, QKeySequence.StandardKey.Undo, sp.SP_ArrowBack)
        self.redo_action = self._action("重做", self.undo_group.redo, "Ctrl+Y", sp.SP_ArrowForward)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action, word, can, said in (
            (self.undo_action, "撤销", self.undo_group.canUndoChanged, self.undo_group.undoTextChanged),
            (self.redo_action, "重做", self.undo_group.canRedoChanged, self.undo_group.redoTextChanged),
        ):
            action.setEnabled(False)
            can.connect(action.setEnabled)
            said.connect(lambda text, a=action, w=word: a.setToolTip(f"{w}：{text}" if text else w))
        self.recompute_action = self._action("重算全部合计…", self.recompute_totals, None, sp.SP_BrowserReload)
        self.recompute_action.setToolTip("把表三、表四的每个总计改为其各项之和（改之前先列出要改的格）")
        self.meta_action = self._action("更正机关名称和年度…", self.correct_meta)
        self.guide_action = self._action("使用说明", self.show_guide, QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action(f"关于{APP_NAME}", self.show_about)

    def _make_menus(self) -> None:
        files = self.menuBar().addMenu("文件(&F)")
        files.addAction(self.open_action)
        files.addAction(self.sample_action)
        self.recent_menu = files.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        files.addSeparator()
        files.addAction(self.quit_action)
        edit = self.menuBar().addMenu("编辑(&E)")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.recompute_action)
        edit.addAction(self.meta_action)
        check = self.menuBar().addMenu("检查(&C)")
        check.addAction(self.next_action)
        check.addAction(self.previous_action)
        check.addAction(self.only_problems_action)
        helps = self.menuBar().addMenu("帮助(&H)")
        helps.addAction(self.guide_action)
        helps.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        bar = self.addToolBar("工具栏")
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.open_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addAction(self.recompute_action)
        bar.addSeparator()
        bar.addAction(self.previous_action)
        bar.addAction(self.next_action)
        bar.addAction(self.only_problems_action)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings[RECENT_FILES]
        for n, path in enumerate(recent, 1):
            action = self.recent_menu.addAction(f"&{n}  {os.path.basename(path)}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            self.recent_menu.addAction("（没有）").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("清除列表", self._forget_recent)

    def _forget_recent(self) -> None:
        self.settings.forget_recent()
        self.empty.show_recent(())

    def _update_actions(self) -> None:
        has_report = self.session is not None and self.pages.currentWidget() is self.report_page
        for action in (self.next_action, self.previous_action, self.only_problems_action, self.recompute_action, self.meta_action):
            action.setEnabled(has_report)

    # --- opening ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in READERS)
        folder = os.path.dirname(self.settings[RECENT_FILES][0]) if self.settings[RECENT_FILES] else ""
        path, _ = QFileDialog.getOpenFileName(self, "打开年度报告", folder, f"年度报告 ({patterns});;所有文件 (*)")
        if path:
            self.open_path(path)

    def open_sample(self) -> None:
        self.open_path(str(SAMPLE))

    def open_path(self, path: str) -> None:
        if not self._may_leave("打开另一份报告"):
            return
        if self.loader.busy:
            self.loader.cancel()
        self.loader.open(os.path.abspath(path))

    def loader_cancel(self) -> None:
        self.loader.cancel()

    def _reading(self, path: str) -> None:
        if self.pages.currentWidget() is not self.loading:
            self._previous = self.pages.currentWidget()
        self.message.hide()
        self.loading.show_path(path)
        self.pages.setCurrentWidget(self.loading)
        self.statusBar().showMessage(f"正在读取 {path}")
        self._update_actions()

    def _back(self) -> None:
        """Back to what was shown before the read began (the last report, or the empty page)."""
        self.pages.setCurrentWidget(self._previous)
        self.statusBar().showMessage(self.session.report.source if self.session and self._previous is self.report_page else "")
        self._update_actions()

    def _not_read(self, path: str, error: ReadError) -> None:
        self._back()
        self.message.show_error(path, error)
        if error.code == "not_found":
            self.settings.forget_recent(path)
            self.empty.show_recent(self.settings[RECENT_FILES])
        self.read_failed.emit(error.message)

    def _read(self, path: str, result: CheckResult) -> None:
        self.settings.add_recent(path)
        self.empty.show_recent(self.settings[RECENT_FILES])
        self.show_result(result)

    def show_result(self, result: CheckResult) -> None:
        from gui.checklist import ChecklistPanel
        from gui.details import DetailsPanel
        from gui.history import HistoryPanel
        from gui.report_view import ReportView
        from gui.session import ReportSession

        old_page, old_session = self.report_page, self.session
        session = ReportSession(result, self.store, self)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.report_view = ReportView(session)
        self.checklist = ChecklistPanel(session)
        self.checklist.set_only_problems(self.settings[ONLY_PROBLEMS])
        self.checklist.only_problems.toggled.connect(self.only_problems_action.setChecked)
        self.details = DetailsPanel()
        self.details.attach(session)
        self.history = HistoryPanel(self.undo_group)
        self.checklist.findings_chosen.connect(self.point_at)
        self.report_view.cell_chosen.connect(self._cell_chosen)
        for panel in (self.checklist, self.details):
            panel.fix_chosen.connect(self.offer_fix)
            panel.confirm_chosen.connect(self.confirm_finding)
            panel.unconfirm_chosen.connect(session.unconfirm)
        self.details.revert_chosen.connect(session.revert_cell)
        session.checked.connect(lambda: self.verdict.show_result(session.result))
        session.refused.connect(self._refused)
        session.autosave_failed.connect(self.message.show_problem)
        session.unexported_changed.connect(lambda _unexported: self._show_title())
        right = splitter(Qt.Orientation.Vertical, {self.checklist: 8, self.details: 6, self.history: 2})
        page = splitter(Qt.Orientation.Horizontal, {self.report_view: 3, right: 2})
        self.report_page = page
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self._previous = page
        if old_page is not None:
            self.pages.removeWidget(old_page)
            old_page.deleteLater()
        if old_session is not None:
            self.undo_group.removeStack(old_session.undo_stack)
            old_session.deleteLater()
        self.verdict.show_result(result)
        self.message.hide()
        self._show_title()
        self.statusBar().showMessage(result.report.source)
        self._update_actions()
        self._offer_saved_work(session)
        self.report_shown.emit()

    @property
    def store(self) -> WorkStore:
        """Where the clerk's work is saved (the data folder's, unless given); made when a report first needs it."""
        if self._store is None:
            from core.autosave import WorkStore

            self._store = WorkStore()
        return self._store

    def _show_title(self) -> None:
        if self.session is None:
            return
        name = os.path.basename(self.session.report.source)
        mark = "（有未导出的修改）" if self.session.unexported else ""
        self.setWindowTitle(f"{name}{mark} — {APP_NAME}")

    # --- the clerk's work: saved at once, offered back, never lost by leaving ---------------------
    def _offer_saved_work(self, session: ReportSession) -> None:
        work = self.store.load(session.report.fingerprint)
        if work is None:
            return
        from gui.dialogs import ask_restore

        if ask_restore(self, work):
            session.restore(work)
            self.statusBar().showMessage(f"已恢复上次的修改：{work.summary()}。", 8000)
        else:
            self.store.discard(session.report.fingerprint)
            self.statusBar().showMessage("已放弃上次的修改，报告按原样显示。", 8000)

    def _may_leave(self, doing: str) -> bool:
        """True when the open report can be left: nothing unexported, or the clerk says so."""
        if self.session is None or not self.session.unexported:
            return True
        from gui.dialogs import ask_leave

        return ask_leave(self, doing)

    # --- correcting -------------------------------------------------------------------------------
    def offer_fix(self, fix: Fix) -> None:
        """Show every cell the fix changes (old → new); change them, as one undoable step, only when the clerk agrees."""
        from gui.dialogs import FixDialog

        assert self.session is not None
        if FixDialog(fix, self.session.report, self).exec():
            self.session.apply_fix(fix)
            self.statusBar().showMessage(f"{fix.title}：已修改并重新检查。", 8000)

    def recompute_totals(self) -> None:
        from core.fixes import recompute_totals

        if self.session is None:
            return
        fix = recompute_totals(self.session.report)
        if fix is None:
            self.statusBar().showMessage("每个总计都等于其各项之和（或有未填的格无法计算），不需要重算。", 8000)
            return
        self.offer_fix(fix)

    def confirm_finding(self, key: str) -> None:
        from gui.dialogs import ConfirmDialog

        assert self.session is not None
        finding = next(f for f in self.session.result.findings if f.key == key)
        dialog = ConfirmDialog(finding, self)
        if dialog.exec():
            self.session.confirm(key, dialog.note.text())

    def correct_meta(self) -> None:
        """The body's name and the year as read, corrected: one undoable step; FMT-1 follows the year."""
        from gui.dialogs import MetaDialog

        if self.session is None:
            return
        dialog = MetaDialog(self.session.report, self)
        if not dialog.exec() or not dialog.values:
            return
        stack = self.session.undo_stack
        stack.beginMacro("更正机关名称和年度")
        for name, value in dialog.values.items():
            self.session.correct_meta(name, str(value))
        stack.endMacro()

    def _refused(self, what: str, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        table = self.report_view.tables.get(what.split(":", 1)[0]) if ":" in what else None
        if table is not None:
            table.show_refusal(what, message)

    # --- pointing at problems ------------------------------------------------------------------
    def point_at(self, indices: list[int]) -> None:
        """A checklist line was chosen: select the cells (or the section) it is about, explain it."""
        assert self.session is not None
        findings = [self.session.result.findings[n] for n in indices]
        cells = list(dict.fromkeys(cid for f in findings for cid in f.cells))
        sections = [f.section for f in findings if f.section]
        if cells:
            self.report_view.show_cells(cells)
        elif sections:
            self.report_view.show_section(sections[0])
        else:
            self.report_view.show_top()
        self.details.show_findings(indices)

    def _cell_chosen(self, cid: str) -> None:
        assert self.session is not None
        self.details.show_cell(cid)
        problems = self.session.findings_of(cid)
        if problems:
            self.checklist.select_key(problems[0].key, emit=False)

    def next_problem(self, step: int = 1) -> None:
        if self.session is not None and not self.checklist.next_problem(step):
            self.statusBar().showMessage("没有需要处理的问题。", 5000)

    def _set_only_problems(self, on: bool) -> None:
        self.settings[ONLY_PROBLEMS] = on
        if self.session is not None:
            self.checklist.set_only_problems(on)

    def show_guide(self) -> None:
        from gui.help import GuideDialog

        GuideDialog(readable_kinds(), self).exec()

    def show_about(self) -> None:
        from gui.help import about

        about(self)

    # --- dropping a file in ----------------------------------------------------------------------
    @staticmethod
    def _dropped_file(event) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return files[0] if files else None

    def dragEnterEvent(self, event) -> None:
        if self._dropped_file(event):
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event)
        if path:
            event.acceptProposedAction()
            self.open_path(path)

    # --- keeping the window's place ------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings[WINDOW_GEOMETRY]
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
            self.restoreState(QByteArray(self.settings[WINDOW_STATE]))

    def closeEvent(self, event) -> None:
        if not self._may_leave("关闭"):
            event.ignore()
            return
        self.settings[WINDOW_GEOMETRY] = self.saveGeometry().data()
        self.settings[WINDOW_STATE] = self.saveState().data()
        self.loader.cancel()
        super().closeEvent(event)
