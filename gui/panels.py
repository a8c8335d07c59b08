"""Small drawing helpers the window's parts share: a rounded panel and coloured text.

Painted directly rather than with style sheets: a style sheet on every section box and
label costs more to apply than all the rest of the report page, and slows start-up.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFrame, QSplitter, QWidget

FOCUS_FRAME = "#1565c0"  # the frame round the area that has the keyboard


def tint(widget: QWidget, colour: str, role: QPalette.ColorRole = QPalette.ColorRole.WindowText) -> None:
    """Draw a widget's text (or another palette role) in `colour`."""
    palette = widget.palette()
    palette.setColor(role, QColor(colour))
    widget.setPalette(palette)


class Panel(QFrame):
    """A frame with a rounded background and border, in colours that can change (a verdict, a chosen section)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fill: str | None = None
        self.border: str | None = None
        self.border_width = 2
        self.dashed = False
        self.left_bar: str | None = None  # a thick bar down the left edge (a message)

    def paint_as(self, fill: str | None, border: str | None = None, dashed: bool = False, left_bar: str | None = None) -> None:
        self.fill, self.border, self.dashed, self.left_bar = fill, border, dashed, left_bar
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if self.fill:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.fill))
            painter.drawRoundedRect(rect, 6, 6)
        if self.left_bar:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.left_bar))
            painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 6, rect.height()), 3, 3)
        if self.border:
            pen = QPen(QColor(self.border), self.border_width)
            pen.setStyle(Qt.PenStyle.DashLine if self.dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6, 6)
        painter.end()


def splitter(orientation: Qt.Orientation, parts: dict[QWidget, int]) -> QSplitter:
    """Widgets side by side (or one above the other) sharing the space in the given proportions; none can vanish."""
    split = QSplitter(orientation)
    for n, (widget, share) in enumerate(parts.items()):
        split.addWidget(widget)
        split.setStretchFactor(n, share)
    split.setChildrenCollapsible(False)
    split.setSizes([share * 1000 for share in parts.values()])  # the proportions from the first showing on
    return split


class FocusFrame(QWidget):
    """A frame drawn over an area of the window (the report, the checklist, …) while the keyboard is in it:
    the clerk who moves with Tab always sees where typing goes. It lets the mouse through."""

    def __init__(self, area: QWidget):
        super().__init__(area)
        self.area = area
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        area.installEventFilter(self)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a frame is made in a window, so there is one
        app.focusChanged.connect(self.follow)  # a bound slot: let go of when the frame goes
        self.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.area.rect())
        return False

    def follow(self, *_moved) -> None:
        """Shown while the window's keyboard is in the area — the window's, active or not yet, so that what is
        drawn does not depend on when the window manager makes the window active."""
        focused = self.area.window().focusWidget()
        inside = focused is not None and (focused is self.area or self.area.isAncestorOf(focused))
        if inside:
            self.setGeometry(self.area.rect())
            self.raise_()
        self.setVisible(inside)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(QColor(FOCUS_FRAME), 3))
        painter.drawRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5))
        painter.end()
