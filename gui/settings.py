"""Every setting the window keeps between runs, declared once with its type and default.

QSettings hands values back as strings on some platforms and a one-item list as a bare
string; each option converts what it reads, so the rest of the window only ever sees
the declared type (Picard's way: `settings[RECENT_FILES]`).

Where they are kept follows `core.platform.paths`: the platform's place for the user (the registry
on Windows), or — in the portable build, a `portable.ini` beside the program — an INI file
in `data_dir()`, so the portable folder carries its settings with it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from core.platform.paths import data_dir, is_portable

T = TypeVar("T")

MAX_RECENT = 8
PORTABLE_SETTINGS = "settings.ini"


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T

    def load(self, raw: object) -> T:
        return raw  # type: ignore[return-value]  # the store gives back what it was given; subclasses convert

    def dump(self, value: T) -> object:
        return value


@dataclass(frozen=True)
class BoolOption(Option[bool]):
    def load(self, raw: object) -> bool:
        if isinstance(raw, str):
            return raw.lower() in ("true", "1", "yes")
        return bool(raw)


@dataclass(frozen=True)
class FloatOption(Option[float]):
    def load(self, raw: object) -> float:
        return float(str(raw))  # a number, or its text in an INI file; anything else raises, and the default is used


@dataclass(frozen=True)
class PathListOption(Option[tuple[str, ...]]):
    def load(self, raw: object) -> tuple[str, ...]:
        if isinstance(raw, str):
            return (raw,) if raw else ()
        if isinstance(raw, (list, tuple)):
            return tuple(str(item) for item in raw if item)
        return self.default

    def dump(self, value: tuple[str, ...]) -> object:
        return list(value)


@dataclass(frozen=True)
class BytesOption(Option[bytes]):
    def load(self, raw: object) -> bytes:
        if isinstance(raw, QByteArray):
            return bytes(raw.data())
        return raw if isinstance(raw, bytes) else self.default

    def dump(self, value: bytes) -> object:
        return QByteArray(value)


RECENT_FILES = PathListOption("files/recent", ())
WINDOW_GEOMETRY = BytesOption("window/geometry", b"")
WINDOW_STATE = BytesOption("window/state", b"")
ONLY_PROBLEMS = BoolOption("checklist/only_problems", False)
REPORT_ZOOM = FloatOption("report/zoom", 0.0)  # the report page's zoom; 0: 适合宽度 (gui.report_view.FIT_WIDTH)
CHECKLIST_SPLIT = FloatOption("window/checklist_split", 0.0)  # the checklist's part of the right pane as dragged; 0: as laid out
REPORT_SPLIT = FloatOption("window/report_split", 0.0)  # the report's part of its column (the original below) as dragged
SIDE_PANE = BoolOption("window/side_pane", True)  # the checklist's side of the window shown

OPTIONS: tuple[Option, ...] = (RECENT_FILES, WINDOW_GEOMETRY, WINDOW_STATE, ONLY_PROBLEMS, REPORT_ZOOM, SIDE_PANE, CHECKLIST_SPLIT, REPORT_SPLIT)


def default_store() -> QSettings:
    """The user's settings; in the portable build an INI file beside the program's other data."""
    if is_portable():
        return QSettings(str(data_dir() / PORTABLE_SETTINGS), QSettings.Format.IniFormat)
    return QSettings()


class Settings:
    """The typed view of one QSettings store (the user's, or a test's file)."""

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else default_store()

    def __getitem__(self, option: Option[T]) -> T:
        if not self.store.contains(option.key):
            return option.default
        try:
            return option.load(self.store.value(option.key))
        except (TypeError, ValueError):  # a hand-edited or foreign value: fall back, never fail
            return option.default

    def __setitem__(self, option: Option[T], value: T) -> None:
        self.store.setValue(option.key, option.dump(value))

    def add_recent(self, path: str) -> None:
        recent = [p for p in self[RECENT_FILES] if p != path]
        self[RECENT_FILES] = tuple([path] + recent)[:MAX_RECENT]

    def forget_recent(self, path: str | None = None) -> None:
        """Drop one path from the recent files, or all of them."""
        self[RECENT_FILES] = tuple(p for p in self[RECENT_FILES] if path is not None and p != path)
