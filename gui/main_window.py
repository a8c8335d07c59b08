"""The main window: the verdict on top, the report on the left, the checklist on the right.

Opening a file (menu, toolbar, Ctrl+O, dragging it in, recent files, the command line)
always goes through `ReportLoader`: read and checked in a worker process with its time and
memory limits, off the window's thread, with 取消 ending it at once; what cannot be read is
said in a bar above the window's content, and whatever was shown before stays usable.

A folder (「打开文件夹…」, or dropped in) is checked by `FolderChecker` in worker processes;
its reports are listed a row each (`batch_list.py`), a row opens its report, and
「返回报告列表」 goes back. Last year's report (「对比上年报告…」) is read the same way and
kept with the session, so every check after it compares the two years.

Corrections go through the session's undo stack (编辑 menu, Ctrl+Z / Ctrl+Y, 「修改记录」);
each is saved at once in the data folder. A report opened again offers its saved work back,
and leaving a report whose corrections are not exported asks first. 「导出」 (Ctrl+E), 「打印」
(Ctrl+P) and 「导出检查单PDF」 ask where and write through core (`exporting.py`).
"""
from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence, QPalette, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.platform.logs import MENU_ITEM
from core.platform.paths import dropped_paths, resource, shown
from core.readers import picture_folder
from core.readers.kinds import READERS, kind_names
from gui import APP_NAME
from gui.file_dialogs import open_file, open_folder
from gui.panels import FocusFrame, Panel, splitter, tint
from gui.settings import (
    CHECKLIST_SPLIT,
    ONLY_PROBLEMS,
    RECENT_FILES,
    REPORT_SPLIT,
    REPORT_ZOOM,
    SIDE_PANE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    FloatOption,
    Settings,
)

if TYPE_CHECKING:
    from core.check import CheckResult
    from core.model import Report
    from core.readers.errors import ReadError
    from core.readers.progress import Step
    from core.work.autosave import WorkStore
    from core.work.fixes import Fix
    from gui.batch_list import BatchPage
    from gui.session import ReportSession

# The report page's modules (and, through them, the rules) are imported when a report
# arrives: by then the engine is loaded (by the reading thread, or by main.py when a report
# was named on the command line), and an empty window came up sooner.

SAMPLE = resource("samples", "sample-2023.txt")
CHECKLIST_LINES = 9  # lines of the checklist the right pane makes room for first, on any screen (issue 16: eight at least)
CHECKLIST_SHARE = 0.5  # of the right pane, the checklist's at least (a tall screen: more lines, and room below)
CHECKLIST_MOST = 0.55  # of the right pane, the most the checklist takes when most of its lines are two rows each
PANEL_MINIMUM = 40  # the least height of the explanation's tabs and of the original's place, in pixels
SOURCE_SHARE, SOURCE_LEAST, SOURCE_MOST = 0.3, 150, 300  # the original's place under the report: its part, in pixels
COMPACT_BELOW = 800  # a window less tall (1366×768, or any screen at 125% and more): the verdict in one band

# The open dialogs' filter: every extension a reader declares (core/readers/kinds.py).
REPORT_FILTER = f"年度报告 ({' '.join(f'*{ext}' for ext in READERS)});;所有文件 (*)"


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
        self.layout_ = layout
        self.compact = False

    def set_compact(self, compact: bool) -> None:
        """On a short screen: the verdict in smaller letters, its facts on one line, so the lists below keep their lines."""
        if compact == self.compact:
            return
        self.compact = compact
        self.text.setFont(_point(self, 1.35 if compact else 1.9))
        self.detail.setWordWrap(not compact)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored if compact else QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.layout_.setContentsMargins(*((16, 4, 16, 4) if compact else (20, 10, 20, 10)))

    def show_result(self, result: CheckResult, last_year: str | None = None) -> None:
        """The verdict of `result`; `last_year`: the file of last year's report it was compared with."""
        from core.check import describe_report
        from core.presentation import META_NAMES
        from gui.marks import VERDICT_COLOURS, VERDICT_SYMBOLS

        verdict = result.verdict
        background, colour = VERDICT_COLOURS[verdict.level]
        self.text.setText(f"{VERDICT_SYMBOLS[verdict.level]}  {verdict.text}")
        report = result.report
        corrected = "、".join(
            f"{name}原为{getattr(report.meta, key) or '未识别'}" for key, name in META_NAMES.items() if key in report.meta_corrections
        )
        self.detail.setText(
            f"{report.meta.title or '（报告没有标题）'}　　{describe_report(report)}"
            + (f"　（已更正：{corrected}）" if corrected else "")
            + (f"\n已与上年报告对照：{os.path.basename(last_year)}" if last_year else "")
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

    def show_message(self, title: str, text: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.show()

    def show_error(self, path: str, error: ReadError, what: str = "") -> None:
        """A file that could not be read; `what` names it when it is not the report itself (「上年报告」)."""
        self.show_message(f"无法读取{what}「{shown(os.path.basename(path))}」", error.message)

    def show_problem(self, message: str) -> None:
        """The clerk's work could not be saved: why, and that it is still in the window."""
        self.show_message(
            "修改没有能自动保存",
            f"{message}\n修改仍在窗口中，请不要关闭程序；腾出磁盘空间或换一个数据文件夹后，下一次修改会再次保存全部内容。",
        )


class EmptyPage(QWidget):
    """What a clerk sees before any report is open: what the program does, and two big buttons."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        title = QLabel("检查政府信息公开工作年度报告")
        title.setFont(_point(self, 2.0))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        kinds = "、".join(kind_names())
        intro = QLabel(
            "打开一份年度报告，程序会检查法定六部分是否齐全、表格格式是否与年度相符、表格的勾稽关系是否成立，"
            f"并指出每一处问题。\n可以打开的文件：{kinds}。也可以把文件（或整个文件夹）直接拖到这个窗口里。"
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFont(_point(self, 1.1, bold=False))
        intro.setFixedWidth(760)
        self.open_button = QPushButton("打开报告…")
        self.folder_button = QPushButton("检查整个文件夹…")
        self.folder_button.setToolTip("一次检查一个文件夹（包括子文件夹）中的全部报告，列出每份报告的结论")
        self.sample_button = QPushButton("打开示例报告")
        self.open_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for n, (button, action) in enumerate(
            ((self.open_button, window.choose_file), (self.folder_button, window.choose_folder), (self.sample_button, window.open_sample))
        ):
            button.setFont(_point(self, 1.25))
            button.setMinimumSize(220, 56)
            button.clicked.connect(action)
            if n:
                buttons.addSpacing(24)
            buttons.addWidget(button)
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
        self.bar.setFixedWidth(420)
        self.file = QLabel()  # the file a folder's check has just done
        self.file.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tint(self.file, "#555555")
        self.cancel = QPushButton("取消")
        self.cancel.setMinimumWidth(120)
        self.cancel.clicked.connect(window.stop_work)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.file)
        layout.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_path(self, path: str, doing: str = "正在读取并检查") -> None:
        self.label.setText(f"{doing}「{shown(os.path.basename(path))}」……")
        self._moving()

    def show_folder(self, folder: str) -> None:
        self.label.setText(f"正在查找「{os.path.basename(folder.rstrip(os.sep)) or folder}」中的报告……")
        self._moving()

    def show_progress(self, done: int, total: int, path: str) -> None:
        """A folder's check: how many files are done, of how many, and the last one."""
        self.label.setText(f"正在检查文件夹中的报告：已完成{done}份，共{total}份")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setTextVisible(True)
        self.file.setText(shown(os.path.basename(path)))

    def show_step(self, step: Step) -> None:
        """How far the file being read has got (a long PDF's pages, a scan's recognition): counted when it can be."""
        if step.total:
            self.bar.setRange(0, step.total)
            self.bar.setValue(step.done)
            self.bar.setTextVisible(True)
        self.file.setText(step.text)

    def show_file_step(self, path: str, step: Step) -> None:
        """A folder's check: how far the file now being read has got, under the bar of the folder's files."""
        self.file.setText(f"{shown(os.path.basename(path))}：{step.text}")

    def _moving(self) -> None:
        self.bar.setRange(0, 0)  # a read has no steps to count: a moving bar says it is working
        self.bar.setTextVisible(False)
        self.file.clear()


class MainWindow(QMainWindow):
    report_shown = Signal()  # a report was read, checked and is on screen
    read_failed = Signal(str)  # the Chinese message of a file that could not be read
    batch_shown = Signal()  # a folder was checked and its list is on screen

    def __init__(self, settings: Settings | None = None, store: WorkStore | None = None, parent=None):
        super().__init__(parent)
        from gui.loader import FolderChecker, ReportLoader

        self.settings = settings or Settings()
        self._store = store
        self.session: ReportSession | None = None
        self.undo_group = QUndoGroup(self)
        self.loader = ReportLoader(self)
        self.loader.started.connect(self._reading)
        self.loader.finished.connect(self._read)
        self.loader.failed.connect(self._not_read)
        self.loader.cancelled.connect(lambda _path: self._back())
        self.loader.step.connect(lambda _path, step: self.loading.show_step(step))
        self.last_year_loader = ReportLoader(self, work="core.api:open_report")
        self.last_year_loader.started.connect(lambda path: self._busy(path, "正在读取上年报告"))
        self.last_year_loader.finished.connect(self._last_year_read)
        self.last_year_loader.failed.connect(self._last_year_not_read)
        self.last_year_loader.cancelled.connect(lambda _path: self._back())
        self.last_year_loader.step.connect(lambda _path, step: self.loading.show_step(step))
        self.folder_checker = FolderChecker(self)
        self.folder_checker.started.connect(self._checking_folder)
        self.folder_checker.progress.connect(lambda done, total, path: self.loading.show_progress(done, total, path))
        self.folder_checker.finished.connect(self._folder_checked)
        self.folder_checker.failed.connect(self._folder_not_checked)
        self.folder_checker.cancelled.connect(self._folder_cancelled)
        self.folder_checker.step.connect(lambda path, step: self.loading.show_file_step(path, step))
        self.batch_page: BatchPage | None = None
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_corner()
        self.message = MessageBar()
        self.verdict = VerdictBanner()
        self.verdict.correct_button.clicked.connect(self.correct_meta)
        self.verdict.hide()
        self.pages = QStackedWidget()
        self.empty = EmptyPage(self)
        self.loading: LoadingPage = LoadingPage(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.loading)
        self.pages.currentChanged.connect(lambda _n: self._page_changed())
        self.report_page: QWidget | None = None
        self._previous: QWidget = self.empty
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 8)
        self.central_layout = layout
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
        action.setIconText(text.removesuffix("…"))  # the toolbar's words, without the menu's 「…」 (Qt 6.9 keeps it)
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
        self.folder_action = self._action("打开文件夹…", self.choose_folder, "Ctrl+Shift+O", sp.SP_DirOpenIcon)
        self.folder_action.setToolTip("检查一个文件夹（包括子文件夹）中的全部报告，列出每份报告的结论")
        self.list_action = self._action("返回报告列表", self.show_batch, None, sp.SP_FileDialogListView)
        self.list_action.setToolTip("回到刚才检查的文件夹的报告列表")
        self.sample_action = self._action("打开示例报告", self.open_sample, None, sp.SP_FileIcon)
        self.export_action = self._action("导出…", self.export, "Ctrl+E", sp.SP_DialogSaveButton)
        self.export_action.setToolTip("导出更正后的Excel工作簿（Word报告还可另存一份更正后的Word文档）；原文件不会被改动")
        self.print_action = self._action("打印检查单…", self.print_check, QKeySequence.StandardKey.Print, sp.SP_FileDialogDetailedView)
        self.print_action.setIconText("打印")
        self.print_action.setToolTip("打印检查单：结论、六个部分、每项勾稽关系、全部问题和更正，供审核签字（Ctrl+P）")
        self.pdf_action = self._action("导出检查单PDF…", self.save_check_pdf)
        self.compare_action = self._action("对比上年报告…", self.choose_last_year, None, sp.SP_FileDialogContentsView)
        self.compare_action.setToolTip("选择同一机关上一年度的报告：核对上年结转、表二的衔接和照搬上年的文字")
        self.stop_compare_action = self._action("取消上年对照", self.stop_comparing)
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
        self.diagnostics_action = self._action(f"{MENU_ITEM}…", self.export_diagnostics)
        self.diagnostics_action.setToolTip("把程序的日志、版本和系统信息存为一个文件，发给技术支持查明问题")
        self.zoom_in_action = self._action("放大", lambda: self._zoom(1), "Ctrl+=")
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = self._action("缩小", lambda: self._zoom(-1), "Ctrl+-")
        self.fit_action = self._action("适合宽度", self._fit_width, "Ctrl+0")
        self.fit_action.setCheckable(True)  # shows whether the zoom follows the pane; choosing it (not toggling) fits
        self.fit_action.setToolTip("缩放报告，使表三的整个宽度正好显示在左栏中（Ctrl+0）；Ctrl+滚轮可自行缩放")
        self.side_action = self._action("显示右栏", self.show_side, "F9", None, checkable=True)
        self.side_action.setToolTip("显示或隐藏右边的检查清单、说明和修改记录，让报告占满窗口（F9）")
        self.zoom_in_action.setToolTip("放大报告（Ctrl+=，或按住Ctrl向上滚动滚轮）")
        self.zoom_out_action.setToolTip("缩小报告（Ctrl+−，或按住Ctrl向下滚动滚轮）")

    def _make_menus(self) -> None:
        files = self.menuBar().addMenu("文件(&F)")
        files.addAction(self.open_action)
        files.addAction(self.folder_action)
        files.addAction(self.sample_action)
        self.recent_menu = files.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        files.addAction(self.list_action)
        files.addSeparator()
        files.addAction(self.export_action)
        files.addAction(self.pdf_action)
        files.addAction(self.print_action)
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
        check.addSeparator()
        check.addAction(self.compare_action)
        check.addAction(self.stop_compare_action)
        view = self.menuBar().addMenu("视图(&V)")
        view.addAction(self.zoom_in_action)
        view.addAction(self.zoom_out_action)
        view.addAction(self.fit_action)
        view.addSeparator()
        view.addAction(self.side_action)
        helps = self.menuBar().addMenu("帮助(&H)")
        helps.addAction(self.guide_action)
        helps.addAction(self.diagnostics_action)
        helps.addSeparator()
        helps.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        bar = self.addToolBar("工具栏")
        self.toolbar, self.toolbar_icons = bar, bar.iconSize()
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.open_action)
        bar.addAction(self.folder_action)
        bar.addAction(self.list_action)
        bar.addSeparator()
        bar.addAction(self.export_action)
        bar.addAction(self.print_action)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addAction(self.recompute_action)
        bar.addSeparator()
        bar.addAction(self.previous_action)
        bar.addAction(self.next_action)
        bar.addAction(self.only_problems_action)
        bar.addSeparator()
        bar.addAction(self.compare_action)

    def _make_corner(self) -> None:
        """The status bar's right end: the report's zoom, and the control that hides and brings back the right pane."""
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("100%") + 8)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setToolTip("报告的缩放比例")
        self.side_button = QToolButton()  # its words say what it does: 隐藏右栏 ▸ / ◂ 显示右栏
        self.side_button.setAutoRaise(True)
        self.side_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.side_button.setToolTip(self.side_action.toolTip())
        self.side_button.clicked.connect(self.side_action.toggle)
        for widget in (self._corner_button(self.zoom_out_action), self.zoom_label, self._corner_button(self.zoom_in_action),
                       self._corner_button(self.fit_action), self.side_button):
            self.statusBar().addPermanentWidget(widget)

    @staticmethod
    def _corner_button(action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes between the window's areas, not to these
        return button

    def _zoom(self, steps: int) -> None:
        if self.session is not None:
            self.report_view.zoom_by(steps)

    def _fit_width(self) -> None:
        if self.session is not None:
            self.report_view.fit_to_width()
        self.fit_action.setChecked(True)  # 适合宽度 stays chosen until the clerk zooms

    def _zoomed(self, zoom: float) -> None:
        """Keep the zoom the clerk chose for the next report and the next start (FIT_WIDTH: 适合宽度)."""
        self.settings[REPORT_ZOOM] = zoom
        self._show_zoom()

    def _show_zoom(self) -> None:
        shown_ = self.session is not None and self.report_page is not None
        self.zoom_label.setText(f"{round(self.report_view.zoom * 100)}%" if shown_ else "")
        self.fit_action.setChecked(shown_ and self.report_view.fit_width)

    def show_side(self, on: bool) -> None:
        """The right pane (checklist, explanation, history) shown, or hidden so the report has the whole width."""
        self.settings[SIDE_PANE] = on
        self.side_button.setText("隐藏右栏 ▸" if on else "◂ 显示右栏")
        if self.side_action.isChecked() != on:
            self.side_action.setChecked(on)  # comes back here through `toggled`
            return
        if self.session is None or self.report_page is None:
            return
        focused = QApplication.focusWidget()
        had_keyboard = focused is not None and self.right_pane.isAncestorOf(focused)
        self.right_pane.setVisible(on)
        if had_keyboard and not on:  # the keyboard goes to the report, not wherever Qt's focus chain leads
            self.report_view.focus_table().setFocus(Qt.FocusReason.OtherFocusReason)

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
        for action in (
            self.next_action,
            self.previous_action,
            self.only_problems_action,
            self.recompute_action,
            self.meta_action,
            self.export_action,
            self.print_action,
            self.pdf_action,
            self.compare_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.side_action,
        ):
            action.setEnabled(has_report)
        self.side_button.setEnabled(has_report)
        self._show_zoom()
        self.stop_compare_action.setEnabled(has_report and self.session is not None and self.session.previous is not None)
        self.list_action.setVisible(self.batch_page is not None and self.pages.currentWidget() is not self.batch_page)
        self.list_action.setEnabled(not self.loader.busy and not self.folder_checker.busy)

    def _page_changed(self) -> None:
        """The verdict is about the report: shown over the report, not over a folder's list or a read."""
        self.verdict.setVisible(self.session is not None and self.pages.currentWidget() is self.report_page)
        self._update_actions()

    # --- opening ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        folder = os.path.dirname(self.settings[RECENT_FILES][0]) if self.settings[RECENT_FILES] else ""
        path = open_file(self, "打开年度报告", folder, REPORT_FILTER)
        if path:
            self.open_path(path)

    def open_sample(self) -> None:
        self.open_path(str(SAMPLE))

    def open_path(self, path: str, begun=None) -> None:
        """Read and check `path` (`begun`: a worker already reading it, see ReportLoader.open)."""
        path = os.path.abspath(path)
        if self.session is not None and self.report_page is not None and path == self.session.report.source and self.batch_page is not None:
            self.pages.setCurrentWidget(self.report_page)  # back from the folder's list to the report still open
            return
        if not self._may_leave("打开另一份报告"):
            return
        self.stop_work()
        self.loader.open(path, begun)

    def stop_work(self) -> None:
        """「取消」, or something else asked for: whatever is being read or checked is given up."""
        for work in (self.loader, self.last_year_loader, self.folder_checker):
            work.cancel()

    def _reading(self, path: str) -> None:
        self._busy(path, "正在读取并检查")

    def _busy(self, path: str, doing: str) -> None:
        if self.pages.currentWidget() is not self.loading:
            self._previous = self.pages.currentWidget()
        self.message.hide()
        self.loading.show_path(path, doing)
        self.pages.setCurrentWidget(self.loading)
        self.statusBar().showMessage(f"{doing} {shown(path)}")
        self._update_actions()

    def _back(self) -> None:
        """Back to what was shown before the read began (the last report, a folder's list, or the empty page)."""
        self.pages.setCurrentWidget(self._previous)
        self.statusBar().showMessage(shown(self.session.report.source) if self.session and self._previous is self.report_page else "")
        self._update_actions()

    def _not_read(self, path: str, error: ReadError) -> None:
        self._back()
        self.message.show_error(path, error)
        if error.code == "not_found":
            self.settings.forget_recent(path)
            self.empty.show_recent(self.settings[RECENT_FILES])
        self.read_failed.emit(error.message)

    def _read(self, path: str, result: CheckResult) -> None:
        if shown(path) == path:  # a name that is not UTF-8 would not survive the settings file
            self.settings.add_recent(path)
        self.empty.show_recent(self.settings[RECENT_FILES])
        self.show_result(result)

    def show_result(self, result: CheckResult) -> None:
        from gui.checklist import ChecklistPanel
        from gui.details import DetailsPanel
        from gui.history import HistoryPanel
        from gui.lower import LowerTabs
        from gui.report_view import ReportView
        from gui.session import ReportSession
        from gui.source_view import SourceView

        old_page, old_session = self.report_page, self.session
        session = ReportSession(result, self.store, self)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.report_view = ReportView(session, self.settings[REPORT_ZOOM])
        self.report_view.zoom_chosen.connect(self._zoomed)
        self.report_view.zoomed.connect(lambda _zoom: self._show_zoom())
        self.checklist = ChecklistPanel(session)
        self.checklist.set_only_problems(self.settings[ONLY_PROBLEMS])
        self.checklist.only_problems.toggled.connect(self.only_problems_action.setChecked)
        source = SourceView()
        self.details = DetailsPanel(source)
        self.details.attach(session)
        self.history = HistoryPanel(self.undo_group)
        self.tabs = LowerTabs(self.details, self.history, self.undo_group)
        self.focus_frames = [FocusFrame(area) for area in (self.report_view, self.checklist, self.details, self.history)]
        self.details.text.setTabChangesFocus(True)  # Tab leaves the explanation, not walks its links
        self.checklist.findings_chosen.connect(self.point_at)
        self.report_view.cell_chosen.connect(self._cell_chosen)
        for panel in (self.checklist, self.details):
            panel.fix_chosen.connect(self.offer_fix)
            panel.confirm_chosen.connect(self.confirm_finding)
            panel.unconfirm_chosen.connect(session.unconfirm)
        self.details.revert_chosen.connect(session.revert_cell)
        session.signals.checked.connect(lambda: self._show_verdict(session))
        session.signals.refused.connect(self._refused)
        session.signals.autosave_failed.connect(self.message.show_problem)
        session.signals.unexported_changed.connect(lambda _unexported: self._show_title())
        page = self._report_page(source)
        self._show_verdict(session)  # its words first: the page is laid out once, with them
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self._previous = page
        if old_page is not None:
            self.pages.removeWidget(old_page)
            old_page.deleteLater()
        if old_session is not None:
            self.undo_group.removeStack(old_session.undo_stack)
            old_session.signals.deleteLater()
        self.message.hide()
        self._show_title()
        self.statusBar().showMessage(shown(result.report.source))
        self._update_actions()
        self._offer_saved_work(session)
        self.checklist.next_problem(1)  # the walk's first problem (errors first) selected, its cells shown
        self.report_view.focus_table().setFocus(Qt.FocusReason.OtherFocusReason)  # and the keyboard in its cell
        for frame in self.focus_frames:
            frame.follow()
        self.report_shown.emit()

    def _report_page(self, source: QWidget) -> QSplitter:
        """The report above the original's place (left; the page's crop is wide, as the report is), the checklist
        above the tabs of the explanation and the history (right). Each split is shared out when it first has its
        size (`_share_left`, `_share_right`), and from then on as the clerk last dragged it."""
        left = splitter(Qt.Orientation.Vertical, {self.report_view: 3, source: 1})
        right = splitter(Qt.Orientation.Vertical, {self.checklist: 1, self.tabs: 1})
        page = splitter(Qt.Orientation.Horizontal, {left: 3, right: 2})
        self.left_pane, self.right_pane, self.report_page = left, right, page
        right.setVisible(self.settings[SIDE_PANE])
        self.tabs.setMinimumHeight(PANEL_MINIMUM)  # on a short screen it gives way to the checklist (below)
        source.setMinimumHeight(PANEL_MINIMUM)
        for pane, option in ((left, REPORT_SPLIT), (right, CHECKLIST_SPLIT)):
            pane.installEventFilter(self)
            pane.splitterMoved.connect(partial(self._dragged, pane, option))
        return page

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and not event.oldSize().isValid():  # a pane's first size: after its own layout
            if watched is getattr(self, "right_pane", None):
                QTimer.singleShot(0, lambda: self._share_right(self.right_pane.height()))
            elif watched is getattr(self, "left_pane", None):
                QTimer.singleShot(0, lambda: self._share_left(self.left_pane.height()))
        return super().eventFilter(watched, event)

    def _dragged(self, pane: QSplitter, option: FloatOption, *_moved) -> None:
        """Kept as the upper part's share, not pixels: the next report, the next run, another screen keep the clerk's choice."""
        upper, lower = pane.sizes()
        self.settings[option] = round(upper / max(upper + lower, 1), 3)

    def _share_left(self, height: int) -> None:
        """The report's column: the original's place below it SOURCE_SHARE of the height, within SOURCE_LEAST and
        SOURCE_MOST pixels (the cell's row, its neighbours and its column's header), or as the clerk last dragged it."""
        room = height - self.left_pane.handleWidth()
        dragged = self.settings[REPORT_SPLIT]
        source = room - round(room * dragged) if 0 < dragged < 1 else min(max(round(room * SOURCE_SHARE), SOURCE_LEAST), SOURCE_MOST)
        source = min(max(source, PANEL_MINIMUM), room - PANEL_MINIMUM)
        self.left_pane.setSizes([room - source, source])

    def _share_right(self, height: int) -> None:
        """The right pane's height shared out as the clerk last dragged it, else: the checklist room for
        CHECKLIST_LINES lines as they stand (a line of two rows, a little more) and at least half, the rest to
        the explanation and the original's picture below it, read with every problem. (On 1366×768 at 125% the
        eight lines leave the picture a strip: dragging the split, once, gives it more from then on.)"""
        room = height - self.right_pane.handleWidth()
        dragged = self.settings[CHECKLIST_SPLIT]
        checklist = round(room * dragged) if 0 < dragged < 1 else self._checklist_height(room)
        checklist = min(max(checklist, PANEL_MINIMUM), room - PANEL_MINIMUM)
        self.right_pane.setSizes([checklist, room - checklist])
        # The line the report opened at, chosen before the list had its size: in the middle, its group's lines above it.
        self.checklist.tree.scrollTo(self.checklist.tree.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _checklist_height(self, room: int) -> int:
        tree = self.checklist.tree
        rows: list[int] = []
        index = tree.indexAt(QPoint(0, 0))
        while index.isValid() and len(rows) < CHECKLIST_LINES:
            rows.append(tree.visualRect(index).height() or tree.sizeHintForRow(0))
            index = tree.indexBelow(index)
        one_row = min(rows, default=30)
        chrome = self.checklist.height() - tree.viewport().height() + 12
        wanted = sum(rows) + (CHECKLIST_LINES - len(rows)) * one_row + chrome  # the lines as they stand
        if rows and sorted(rows)[len(rows) // 2] > one_row:  # most lines two rows tall: room for them would leave none below
            wanted = min(wanted, max(round(room * CHECKLIST_MOST), CHECKLIST_LINES * one_row + chrome))
        return max(wanted, round(room * CHECKLIST_SHARE))

    def resizeEvent(self, event) -> None:
        """A short window (1366×768, any laptop at 125% and more) spends less height on the bands around the report."""
        super().resizeEvent(event)
        compact = event.size().height() < COMPACT_BELOW
        self.verdict.set_compact(compact)
        self.central_layout.setContentsMargins(*([4, 2, 4, 2] if compact else [8, 8, 8, 8]))
        self.toolbar.setIconSize(QSize(18, 18) if compact else self.toolbar_icons)

    def _show_verdict(self, session: ReportSession) -> None:
        self.verdict.show_result(session.result, session.previous.source if session.previous else None)
        self._update_actions()

    @property
    def store(self) -> WorkStore:
        """Where the clerk's work is saved (the data folder's, unless given); made when a report first needs it."""
        if self._store is None:
            from core.work.autosave import WorkStore

            self._store = WorkStore()
        return self._store

    def _show_title(self) -> None:
        if self.session is None:
            return
        name = shown(os.path.basename(self.session.report.source))
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
            self.statusBar().showMessage(f"已恢复上次的修改：{work.summary()}（可在“修改记录”中逐步撤销）。", 8000)
        else:
            self.store.discard(session.report.fingerprint)
            self.statusBar().showMessage("已放弃上次的修改，报告按原样显示。", 8000)

    def _may_leave(self, doing: str) -> bool:
        """True when the open report can be left: nothing unexported, or the clerk says so."""
        if self.session is None or not self.session.unexported:
            return True
        from gui.dialogs import ask_leave

        return ask_leave(self, doing)

    # --- a folder of reports ------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = os.path.dirname(self.settings[RECENT_FILES][0]) if self.settings[RECENT_FILES] else ""
        folder = open_folder(self, "选择要检查的文件夹（包括其中的子文件夹）", start)
        if folder:
            self.open_folder(folder)

    def open_folder(self, folder: str) -> None:
        """Check every report under `folder` off the window's thread, then list them; a folder of page
        pictures (a scanned report) is one report, opened as one."""
        if picture_folder(folder):
            self.open_path(folder)
            return
        self.stop_work()
        self.folder_checker.check(os.path.abspath(folder))

    def _checking_folder(self, folder: str) -> None:
        if self.pages.currentWidget() is not self.loading:
            self._previous = self.pages.currentWidget()
        self.message.hide()
        self.loading.show_folder(folder)
        self.pages.setCurrentWidget(self.loading)
        self.statusBar().showMessage(f"正在检查文件夹 {shown(folder)}")
        self._update_actions()

    def _folder_checked(self, folder: str, items: list) -> None:
        if not items:
            self._back()
            self.message.show_message(
                f"「{os.path.basename(folder) or folder}」中没有找到报告",
                f"这个文件夹（包括子文件夹）中没有可以检查的文件。可以检查的文件：{'、'.join(kind_names())}。",
            )
            return
        from core.batch import totals
        from gui.batch_list import BatchPage

        old = self.batch_page
        self.batch_page = BatchPage(folder, items)
        self.batch_page.report_chosen.connect(self.open_path)
        self.batch_page.summary_chosen.connect(self.save_summary)
        self.pages.addWidget(self.batch_page)
        self.pages.setCurrentWidget(self.batch_page)
        if old is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self.statusBar().showMessage(totals(items))
        self.batch_shown.emit()

    def _folder_not_checked(self, folder: str, message: str) -> None:
        self._back()
        self.message.show_message(f"没有检查完「{os.path.basename(folder) or folder}」", message)

    def _folder_cancelled(self, folder: str) -> None:
        self._back()
        self.statusBar().showMessage(f"已取消检查文件夹「{folder}」。", 8000)

    def show_batch(self) -> None:
        """Back to the list of the folder last checked (the report stays open behind it)."""
        if self.batch_page is not None:
            self.pages.setCurrentWidget(self.batch_page)

    def save_summary(self) -> None:
        from gui.exporting import save_summary

        assert self.batch_page is not None
        if save_summary(self, self.batch_page.folder, self.batch_page.items):
            self.statusBar().showMessage("汇总表已保存。", 8000)

    # --- exporting and printing -------------------------------------------------------------------
    def export(self) -> None:
        """The corrected workbook (and the corrected Word copy of a Word report); the work is then safe."""
        from gui.exporting import export_report

        if self.session is None:
            return
        written = export_report(self, self.session)
        if written:
            self.session.mark_exported(written[0])
            self.statusBar().showMessage("已导出：" + "；".join(written), 15000)

    def print_check(self) -> None:
        from gui.exporting import print_check

        if self.session is not None and print_check(self, self.session.result):
            self.statusBar().showMessage("检查单已送去打印。", 8000)

    def save_check_pdf(self) -> None:
        from gui.exporting import save_check_pdf

        if self.session is None:
            return
        written = save_check_pdf(self, self.session.result)
        if written:
            self.statusBar().showMessage(f"检查单已保存：{written}", 15000)

    # --- last year's report -----------------------------------------------------------------------
    def choose_last_year(self) -> None:
        if self.session is None:
            return
        path = open_file(self, "选择同一机关上一年度的报告", os.path.dirname(self.session.report.source), REPORT_FILTER)
        if path:
            self.compare_with(path)

    def compare_with(self, path: str) -> None:
        """Read last year's report off the window's thread; the open report is then checked against it."""
        if self.session is not None:
            self.stop_work()
            self.last_year_loader.open(os.path.abspath(path))

    def _last_year_read(self, path: str, last: Report) -> None:
        self._back()
        if self.session is None:
            return
        self.session.compare_with(last)
        from core.presentation import tally
        from core.rules.catalogue import CATALOGUE

        self.checklist.go_to_group("history")
        result = self.session.result
        counted = tally((f for f in result.findings if f.rule in CATALOGUE and CATALOGUE[f.rule].group == "history"), result.confirmed)
        said = f"{counted}，已在清单“与上年报告对照”中列出" if counted else "没有发现问题"
        self.statusBar().showMessage(f"已与上年报告「{shown(os.path.basename(path))}」对照：{said}。", 15000)

    def _last_year_not_read(self, path: str, error: ReadError) -> None:
        self._back()
        self.message.show_error(path, error, "上年报告")

    def stop_comparing(self) -> None:
        if self.session is not None and self.session.previous is not None:
            self.session.compare_with(None)
            self.statusBar().showMessage("已取消与上年报告的对照。", 8000)

    # --- correcting -------------------------------------------------------------------------------
    def offer_fix(self, fix: Fix) -> None:
        """Show every cell the fix changes (old → new); change them, as one undoable step, only when the clerk agrees."""
        from gui.dialogs import FixDialog

        assert self.session is not None
        if FixDialog(fix, self.session.report, self).exec():
            self.session.apply_fix(fix)
            self.statusBar().showMessage(f"{fix.title}：已修改并重新检查。", 8000)

    def recompute_totals(self) -> None:
        """Every 总计 from its parts — looked at first: when that would make a balance fail, the dialog says so."""
        from core.work.fixes import look_before_recomputing
        from gui.dialogs import ask_recompute, tell

        if self.session is None:
            return
        look = look_before_recomputing(self.session.report)
        if look.fix is None:
            said = "每个总计都等于其各项之和（或有未填的格无法计算），不需要重算。"
            self.statusBar().showMessage(said, 8000)
            tell(self, "重算全部合计", said)
            return
        fix = ask_recompute(self, look) if look.breaks else look.fix
        if fix is not None:
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
            focus = self.session.problem_cell(findings[0]) if len(findings) == 1 else None
            self.report_view.show_cells(cells, focus if focus in cells else None)
        elif sections:
            self.report_view.show_section(sections[0])
        else:
            self.report_view.show_top()
        self.details.show_findings(indices)
        self.tabs.show_details()

    def _cell_chosen(self, cid: str) -> None:
        assert self.session is not None
        self.details.show_cell(cid)
        self.tabs.show_details()
        problems = self.session.findings_of(cid)
        if problems:
            self.checklist.select_key(problems[0].key, emit=False)

    def next_problem(self, step: int = 1) -> None:
        """F8 / Shift+F8: the next problem chosen, and the keyboard in its cell (typing a digit or F2 edits it);
        a problem without a cell leaves the keyboard on its checklist line."""
        if self.session is None:
            return
        if not self.checklist.next_problem(step):
            self.statusBar().showMessage("没有需要处理的问题。", 5000)
        elif not self.report_view.focus_cell():
            self.checklist.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def areas(self) -> list[tuple[QWidget, QWidget]]:
        """The areas Tab goes between, each with where it takes the keyboard: the report (in the table last
        chosen in), the checklist, the explanation, the history (the last two: tabs of one place, `self.tabs`)."""
        if self.session is None or self.pages.currentWidget() is not self.report_page:
            return []
        areas: list[tuple[QWidget, QWidget]] = [
            (self.report_view, self.report_view.focus_table()),
            (self.checklist, self.checklist.tree),
            (self.details, self.details.text),
            (self.history, self.history.view),
        ]
        return areas if self.right_pane.isVisible() else areas[:1]

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab and Shift+Tab go from area to area of the report page, not through every cell and button."""
        areas = self.areas()
        focused = QApplication.focusWidget()
        here = next((n for n, (area, _) in enumerate(areas) if focused is not None and (focused is area or area.isAncestorOf(focused))), None)
        if here is None:
            return super().focusNextPrevChild(forward)
        area, target = areas[(here + (1 if forward else -1)) % len(areas)]
        if area in (self.details, self.history):
            self.tabs.setCurrentWidget(area)
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        return True

    def _set_only_problems(self, on: bool) -> None:
        self.settings[ONLY_PROBLEMS] = on
        if self.session is not None:
            self.checklist.set_only_problems(on)

    def show_guide(self) -> None:
        from gui.help import GuideDialog

        GuideDialog(kind_names(), self).exec()

    def show_about(self) -> None:
        from gui.help import about

        about(self)

    def export_diagnostics(self) -> None:
        from gui.help import export_diagnostics

        written = export_diagnostics(self, self.session.report if self.session is not None else None)
        if written:
            self.statusBar().showMessage(f"诊断信息已保存：{written}", 15000)

    # --- dropping a file in ----------------------------------------------------------------------
    @staticmethod
    def _dropped_file(event) -> str | None:
        """The first file or folder dropped; a name that is not UTF-8 read from the drag's own bytes (Qt's reading
        of it names no file: `dropped_paths`)."""
        mime = event.mimeData()
        urls = mime.urls() if mime.hasUrls() else []
        files = [u.toLocalFile() for u in urls if u.isLocalFile()]
        if files and not os.path.exists(files[0]) and mime.hasFormat("text/uri-list"):
            files = dropped_paths(bytes(mime.data("text/uri-list").data())) or files
        return files[0] if files else None

    def dragEnterEvent(self, event) -> None:
        if self._dropped_file(event):
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event) -> None:
        path = self._dropped_file(event)
        if path:
            event.acceptProposedAction()
            if os.path.isdir(path):
                self.open_folder(path)
            else:
                self.open_path(path)

    # --- keeping the window's place ------------------------------------------------------------
    def _restore(self) -> None:
        """The window as it was left, brought wholly onto the screen it opens on; the first time, as large as that
        screen allows (gui/screens.py)."""
        from gui.screens import clamped, first_geometry

        geometry = self.settings[WINDOW_GEOMETRY]
        if geometry and self.restoreGeometry(QByteArray(geometry)):
            self.restoreState(QByteArray(self.settings[WINDOW_STATE]))
            screen = QGuiApplication.screenAt(self.geometry().center()) or self.screen()
            self.setGeometry(clamped(self.geometry(), screen.availableGeometry()))
        else:
            self.setGeometry(first_geometry(self.screen().availableGeometry()))
        self.side_action.setChecked(self.settings[SIDE_PANE])
        self.show_side(self.settings[SIDE_PANE])  # the corner button's words, whether or not that toggled it

    def closeEvent(self, event) -> None:
        if not self._may_leave("关闭"):
            event.ignore()
            return
        self.settings[WINDOW_GEOMETRY] = bytes(self.saveGeometry().data())
        self.settings[WINDOW_STATE] = bytes(self.saveState().data())
        self.stop_work()
        super().closeEvent(event)
