"""The window's size and place on the screen it opens on, worked out from the screen's available area.

Office PCs run 1366×768 at 100%; laptops 1920×1080 at 125–150%. Qt lays a window out in device-independent
pixels: a screen of 1920×1080 at 150% is, to the window, 1280×720. The first window fills the screen it
opens on up to the size it was designed at; a size and place remembered from another screen (a projector, a
larger monitor) are brought inside this one, never left off it.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize

PREFERRED = QSize(1480, 920)  # the window's size on a screen that has room for it
TITLE_BAR = 32  # the window manager's frame above the window's own area (not known before it is shown)
FRAME = 8  # and around it, left, right and below


def logical(physical: QSize, ratio: float) -> QSize:
    """A screen's size in Qt's device-independent pixels at a scale factor (1.25 for 125%)."""
    return QSize(int(physical.width() / ratio), int(physical.height() / ratio))


def first_geometry(available: QRect) -> QRect:
    """The window's own area at its first start: as large as it was designed, or as the screen allows, centred."""
    room = _room(available)
    size = PREFERRED.boundedTo(room.size())
    return _centred(size, room)


def clamped(geometry: QRect, available: QRect) -> QRect:
    """A remembered window area, shrunk to the screen it opens on and moved wholly onto it."""
    room = _room(available)
    size = geometry.size().boundedTo(room.size())
    left = min(max(geometry.left(), room.left()), room.right() + 1 - size.width())
    top = min(max(geometry.top(), room.top()), room.bottom() + 1 - size.height())
    return QRect(left, top, size.width(), size.height())


def _room(available: QRect) -> QRect:
    """Where the window's own area may go: the available area less the window manager's frame."""
    return available.adjusted(FRAME, TITLE_BAR, -FRAME, -FRAME)


def _centred(size: QSize, room: QRect) -> QRect:
    left = room.left() + (room.width() - size.width()) // 2
    top = room.top() + (room.height() - size.height()) // 2
    return QRect(left, top, size.width(), size.height())
