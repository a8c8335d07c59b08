"""Where the selected number stood in the original file.

For a PDF: the page itself, with the cell's box drawn on it (the page is rendered by
`core.pdfpage`, the box comes from `Location.bbox`). For a scan: the part of the scanned page around
the cell, the cell framed, and how sure the recogniser was. For a text file, a Word file or a
web page: the place named in words (「第34行 表格2 第5行第1列」) and the lines or table
rows around it (`core.source.excerpt`), the place itself marked.
"""
from __future__ import annotations

from collections import OrderedDict
from html import escape

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from core.model import Location, Report
from core.readers.errors import ReadError

BOX_PEN = "#d32f2f"
BOX_FILL = QColor(255, 235, 59, 70)
FOCUS_FILL = "#fff3bf"
PAGES_KEPT = 6  # rendered pages kept, so moving between cells of one page is instant


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
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.page_area = QScrollArea()
        self.page_area.setWidget(self.picture)
        self.page_area.setWidgetResizable(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.text)
        self.stack.addWidget(self.page_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.where)
        layout.addWidget(self.stack, 1)
        self._pages = _PageCache()
        self.box: QRect | None = None  # the drawn box, in the shown picture's pixels (for tests)
        self.clear()

    def clear(self, message: str = "选中表格中的一格，这里会显示它在原文中的位置。") -> None:
        self.where.setText(message)
        self.text.clear()
        self.picture.clear()
        self.box = None
        self.stack.setCurrentWidget(self.text)

    def show_location(self, report: Report, loc: Location | None, name: str = "") -> None:
        if loc is None:
            self.clear(f"{name}：报告中没有这一处，无法显示原文位置。" if name else "没有原文位置。")
            return
        file = loc.file.replace("\\", "/").rsplit("/", 1)[-1]
        sure = f"　扫描件，文字识别把握{round(loc.confidence * 100)}%" if loc.kind == "scan" and loc.confidence is not None else ""
        self.where.setText(f"{name + '　' if name else ''}原文位置：{file}　{loc.describe()}{sure}")
        if loc.kind == "scan" and loc.page is not None and loc.bbox is not None:
            self._show_scan(loc, loc.page, loc.bbox)
        elif loc.kind in ("pdf", "scan") and loc.page is not None:
            self._show_page(loc, loc.page)
        else:
            self._show_excerpt(report, loc)

    def _show_scan(self, loc: Location, number: int, bbox: tuple[float, float, float, float]) -> None:
        """The part of the scanned page around the cell (3 × 1 inches), as the recogniser read it, the cell framed,
        as wide as the panel: the clerk holds the reading against the picture."""
        from core.pdfpage import around

        try:
            page = self._pages.get(loc.file, number, scan=True)
        except ReadError as error:
            self.clear(error.message)
            return
        part, box = around(page, bbox, width=3.0, height=1.0)
        image = page_with_box(part.png, box)
        if image.isNull() or image.width() < 1:
            self.clear(f"无法显示扫描件第{number}页的图像。请用其他软件打开原文件核对这一处。")
            return
        width = max(self.page_area.viewport().width() - 4, 300)
        factor = min(max(width / image.width(), 0.65), 2.0)  # the panel's width, the digits kept legible
        shown = image.scaledToWidth(round(image.width() * factor), Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(shown))
        self.picture.resize(shown.size())
        self.stack.setCurrentWidget(self.page_area)
        left, top, w, h = (round(v * factor) for v in box)
        self.box = QRect(left, top, w, h)
        view = self.page_area.viewport().size()
        self.page_area.ensureVisible(left + w // 2, top + h // 2, max((view.width() - w) // 2, 0), max((view.height() - h) // 2, 0))

    def _show_page(self, loc: Location, page: int) -> None:
        try:
            picture = self._pages.get(loc.file, page)
        except ReadError as error:
            self.clear(error.message)
            return
        box = picture.box(loc.bbox) if loc.bbox else None
        image = page_with_box(picture.png, box)
        if image.isNull() or image.width() < 1:  # a picture Qt would not load: say so, never divide by its width
            self.clear(f"无法显示PDF第{loc.page}页的图像。请用其他软件打开原文件核对这一处。")
            return
        width = max(self.page_area.viewport().width() - 4, 300)
        factor = min(max(width / image.width(), 0.65), 1.0)  # fit the panel, but keep the digits legible
        shown = image.scaledToWidth(round(image.width() * factor), Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(shown))
        self.picture.resize(shown.size())
        self.stack.setCurrentWidget(self.page_area)
        if box is not None:
            left, top, w, h = (round(v * factor) for v in box)
            self.box = QRect(left, top, w, h)
            view = self.page_area.viewport().size()
            margin_x, margin_y = max((view.width() - w) // 2, 0), max((view.height() - h) // 2, 0)
            self.page_area.ensureVisible(left + w // 2, top + h // 2, margin_x, margin_y)  # the box in the middle
        else:
            self.box = None

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
