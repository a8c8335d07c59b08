"""Where the selected number stood in the original file.

For a PDF: the part of the page around the cell — its row's label and its column's header in view
(`core.source.context_box`) — at a size one can read, the cell's box drawn on it (the page is rendered by
`core.pdfpage`, the box comes from `Location.bbox`); Ctrl+wheel or the buttons zoom, a double-click opens
the whole page in a dialog. A scan's page picture is shown alike (its cells' boxes are in the page's points
too), with how sure the recogniser was. `crop_picture` makes the shown part from any page picture and its box.
For a text file, a Word file or a web page: the place named in words (「第34行 表格2 第5行第1列」) and the lines or table
rows around it (`core.source.excerpt`), the place itself marked.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.model import Location, Report
from core.readers.errors import ReadError

BOX_PEN = "#d32f2f"
BOX_FILL = QColor(255, 235, 59, 70)
FOCUS_FILL = "#fff3bf"
PAGES_KEPT = 6  # rendered pages kept, so moving between cells of one page is instant
MIN_HEIGHT = 200  # pixels: the part of the page shown is at least this tall
ZOOMS = (0.5, 0.65, 0.8, 1.0, 1.25, 1.5, 2.0)  # of the page as rendered (core.pdfpage: 144 dpi; 1.0: digits as the window's)
FIT_LEAST, FIT_MOST = 0.65, 1.0  # until the clerk zooms: the cell's context fitted to the pane's width, within these


@dataclass(frozen=True)
class Crop:
    """A part of a page picture as shown: the picture, and the cell's box in its pixels (None: no box)."""

    image: QImage
    box: QRect | None
    region: QRect  # the part of the page picture shown, in its pixels
    zoom: float  # pixels shown per pixel of the page picture


def crop_picture(page: QImage, region: QRect, box: QRect | None, zoom: float, min_height: int = MIN_HEIGHT) -> Crop:
    """`region` of the page picture (the box already drawn on it), taller when needed so that, at `zoom`,
    it is at least `min_height` pixels (rows above and below come into view), scaled by `zoom`; the box
    in the result's pixels. A PDF page and a scanned page's picture are cropped alike."""
    need = round(min_height / zoom) + 1
    if region.height() < need:
        grow = need - region.height()
        region = region.adjusted(0, -(grow // 2), 0, grow - grow // 2)
    region = region.intersected(page.rect())
    if region.height() < need:  # at the page's top or bottom: take the rows on the other side
        region = QRect(region.left(), max(0, min(region.top(), page.height() - need)), region.width(), need).intersected(page.rect())
    part = page.copy(region)
    shown = part.scaled(
        round(part.width() * zoom), round(part.height() * zoom), Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    if box is None:
        return Crop(shown, None, region, zoom)
    moved = box.translated(-region.left(), -region.top())
    scaled = QRect(round(moved.left() * zoom), round(moved.top() * zoom), round(moved.width() * zoom), round(moved.height() * zoom))
    return Crop(shown, scaled, region, zoom)


class _Picture(QLabel):
    """The shown part of the page: Ctrl+wheel zooms, a double-click asks for the whole page."""

    zoom_by = Signal(int)
    whole_page = Signal()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
        else:
            super().wheelEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        self.whole_page.emit()


class PageDialog(QDialog):
    """The whole page, large, the cell's box on it and scrolled into view."""

    def __init__(self, image: QImage, box: QRect | None, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        size = QSize(min(1100, screen.width() - 40), screen.height() - 60)
        self.picture = QLabel()
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.picture.resize(image.size())
        area = QScrollArea()
        area.setWidget(self.picture)
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        layout.addWidget(buttons)
        self.resize(size)
        self.box = box
        if box is not None:
            area.ensureVisible(box.center().x(), box.center().y(), size.width() // 2 - 20, size.height() // 2 - 60)


def page_with_box(png: bytes, box: tuple[int, int, int, int] | None) -> QImage:
    """The page picture with the cell's box (left, top, width, height in pixels) drawn on it."""
    # PySide6's stub says the format is bytes; the binding takes only str.
    image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format.Format_RGB32)  # type: ignore[arg-type]
    if box is not None:
        painter = QPainter(image)
        rect = QRect(*box).adjusted(-3, -3, 3, 3)  # around the text, not over it
        painter.fillRect(rect, BOX_FILL)
        painter.setPen(QPen(QColor(BOX_PEN), 3))
        painter.drawRect(rect)
        painter.end()
    return image


class _PageCache:
    def __init__(self) -> None:
        self._pages: OrderedDict[tuple[str, int], object] = OrderedDict()

    def get(self, path: str, page: int, scan: bool = False):
        from core.pdfpage import render_any, render_page  # pypdfium2 only when a PDF page is shown

        key = (path, page)
        if key not in self._pages:
            self._pages[key] = render_any(path, page) if scan else render_page(path, page)
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        self._pages.move_to_end(key)
        return self._pages[key]


class SourceView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.picture = _Picture()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.picture.setToolTip("Ctrl+滚轮 放大或缩小；双击 查看整页")
        self.picture.zoom_by.connect(self.zoom_by)
        self.picture.whole_page.connect(self.show_whole_page)
        self.page_area = QScrollArea()
        self.page_area.setWidget(self.picture)
        self.page_area.setWidgetResizable(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.text)
        self.stack.addWidget(self.page_area)
        self.zoom_out, self.zoom_in, self.page_button = (QToolButton() for _ in range(3))
        for button, text, tip, act in (
            (self.zoom_out, "−", "缩小（Ctrl+滚轮）", lambda: self.zoom_by(-1)),
            (self.zoom_in, "+", "放大（Ctrl+滚轮）", lambda: self.zoom_by(1)),
            (self.page_button, "整页…", "查看整页（双击图像）", self.show_whole_page),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(act)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        for button in (self.zoom_out, self.zoom_in, self.page_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._pages = _PageCache()
        self.zoom: float | None = None  # None: fit the cell's context to the pane; once the clerk zooms, one of ZOOMS
        self.box: QRect | None = None  # the drawn box, in the shown picture's pixels (for tests)
        self.crop: Crop | None = None  # what part of the page is shown, at which zoom
        self._page: tuple[QImage, QRect | None, QRect, str] | None = None  # the page with its box, the part shown, its name
        self.clear()

    def clear(self, message: str = "选中表格中的一格，这里会显示它在原文中的位置。") -> None:
        self.where.setText(message)
        self.text.clear()
        self.picture.clear()
        self.box = None
        self._page = None
        self._page_shown(False)
        self.stack.setCurrentWidget(self.text)

    def _page_shown(self, shown: bool) -> None:
        """The zoom buttons, only while a page is shown."""
        for button in (self.zoom_out, self.zoom_in, self.page_button):
            button.setVisible(shown)

    def _zoom_now(self) -> float:
        if self.zoom is not None:
            return self.zoom
        return round(self._fitted() or 1.0, 3)

    def show_location(self, report: Report, loc: Location | None, name: str = "") -> None:
        if loc is None:
            self.clear(f"{name}：报告中没有这一处，无法显示原文位置。" if name else "没有原文位置。")
            return
        file = loc.file.replace("\\", "/").rsplit("/", 1)[-1]
        sure = f"　扫描件，文字识别把握{round(loc.confidence * 100)}%" if loc.kind == "scan" and loc.confidence is not None else ""
        self.where.setText(f"{name + '　' if name else ''}原文位置：{file}　{loc.describe()}{sure}")
        if loc.kind in ("pdf", "scan") and loc.page is not None:
            self._show_page(report, loc, loc.page)
        else:
            self._show_excerpt(report, loc)

    def _show_page(self, report: Report, loc: Location, page: int) -> None:
        from core.source import context_box

        kind = "扫描件" if loc.kind == "scan" else "PDF"
        try:
            picture = self._pages.get(loc.file, page, scan=loc.kind == "scan")
        except ReadError as error:
            self.clear(error.message)
            return
        box = picture.box(loc.bbox) if loc.bbox else None
        image = page_with_box(picture.png, box)
        if image.isNull() or image.width() < 1:  # a picture Qt would not load: say so, never divide by its width
            self.clear(f"无法显示{kind}第{page}页的图像。请用其他软件打开原文件核对这一处。")
            return
        context = context_box(report, loc)
        region = QRect(*picture.box(context)) if context else image.rect()
        self._page = (image, QRect(*box) if box else None, region, f"{kind}第{page}页")
        self._page_shown(True)
        self.stack.setCurrentWidget(self.page_area)
        self._draw_page()

    def _draw_page(self) -> None:
        assert self._page is not None
        image, box, region, _ = self._page
        zoom = self._zoom_now()
        crop = crop_picture(image, region, box, zoom)
        self.picture.setPixmap(QPixmap.fromImage(crop.image))
        self.picture.resize(crop.image.size())
        self.zoom_out.setEnabled(zoom > ZOOMS[0])
        self.zoom_in.setEnabled(zoom < ZOOMS[-1])
        self.box = crop.box
        self.crop = crop
        if crop.box is not None:
            b = crop.box
            view = self.page_area.viewport().size()
            self.page_area.horizontalScrollBar().setValue(0)  # the row's label, on the left, in view when it fits
            margin_x = max(view.width() - b.width() - 8, 0) if b.right() + 8 > view.width() else 0
            margin_y = max((view.height() - b.height()) // 2, 0)
            self.page_area.ensureVisible(b.center().x(), b.center().y(), margin_x // 2 if margin_x else 0, margin_y)

    def _fitted(self) -> float | None:
        """The zoom that fits the cell's context to the pane's width (None: no page shown)."""
        if self._page is None:
            return None
        width = max(self.page_area.viewport().width() - 4, 100)
        return min(max(width / max(self._page[2].width(), 1), FIT_LEAST), FIT_MOST)

    def zoom_by(self, steps: int) -> None:
        """One step larger (steps > 0) or smaller, among ZOOMS and the fitted zoom (so + then − comes back); kept for
        the next cell."""
        now = self._zoom_now()
        fitted = self._fitted()
        zooms = sorted(set(ZOOMS) | ({round(fitted, 3)} if fitted else set()))
        if steps > 0:
            zoom = next((z for z in zooms if z > now + 1e-6), zooms[-1])
        else:
            zoom = next((z for z in reversed(zooms) if z < now - 1e-6), zooms[0])
        if zoom != now:
            self.zoom = zoom
            if self._page is not None:
                self._draw_page()

    def show_whole_page(self) -> PageDialog | None:
        """The whole page in a dialog (the dialog, once closed; None when no page is shown)."""
        if self._page is None:
            return None
        image, box, _, name = self._page
        dialog = PageDialog(image, box, f"原文：{name}", self)
        dialog.exec()
        return dialog

    def _show_excerpt(self, report: Report, loc: Location) -> None:
        from core.source import excerpt

        found = excerpt(report, loc)
        if not found.lines:
            self.text.setHtml("<p>（原文中的这一处已无法找到：文件可能已被修改或移动。）</p>")
            self.stack.setCurrentWidget(self.text)
            return
        rows = []
        for n, (margin, line) in enumerate(found.lines):
            style = f" style='background:{FOCUS_FILL}; font-weight:bold'" if n == found.focus else ""
            anchor = "<a name='focus'></a>" if n == found.focus else ""
            rows.append(
                f"<tr{style}><td style='color:#8a8a8a; padding-right:10px' align='right'>{anchor}{escape(margin)}</td>"
                f"<td style='white-space:pre-wrap'>{escape(line) or '&nbsp;'}</td></tr>"
            )
        self.text.setHtml("<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>")
        self.stack.setCurrentWidget(self.text)
        self.text.scrollToAnchor("focus")
