"""Reading and checking a report away from the window's thread, so the window never freezes.

A read cannot be interrupted half-way (a reader is plain Python), so 「取消」 lets it run
out and throws its result away: every read has a ticket, and only the answer to the
latest ticket is taken.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.readers.errors import ReadError

log = logging.getLogger(__name__)


class _Answer(QObject):
    done = Signal(int, object, object)  # ticket, CheckResult | None, ReadError | None


class _ReadTask(QRunnable):
    def __init__(self, ticket: int, path: str, answer: _Answer):
        super().__init__()
        self.ticket, self.path, self.answer = ticket, path, answer

    def run(self) -> None:
        try:
            from core.api import open_report  # the engine loads here, off the window's thread
            from core.check import check

            result, error = check(open_report(self.path)), None
        except ReadError as failure:
            result, error = None, failure
        except Exception as failure:  # a rule's bug must not reach the clerk as a traceback
            log.exception("checking %s failed", self.path)
            result = None
            error = ReadError(
                "internal",
                f"检查这个文件时出现了意外问题（{type(failure).__name__}）。请用Word或WPS打开后另存一份再试；如仍不行，请联系技术支持。",
            )
        self.answer.done.emit(self.ticket, result, error)


class ReportLoader(QObject):
    started = Signal(str)  # path
    finished = Signal(str, object)  # path, CheckResult
    failed = Signal(str, object)  # path, ReadError
    cancelled = Signal(str)  # path

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._answer = _Answer(self)
        self._answer.done.connect(self._done)
        self._ticket = 0
        self.path: str | None = None  # the file being read, None when idle

    @property
    def busy(self) -> bool:
        return self.path is not None

    def open(self, path: str) -> None:
        self._ticket += 1
        self.path = path
        self.started.emit(path)
        QThreadPool.globalInstance().start(_ReadTask(self._ticket, path, self._answer))

    def cancel(self) -> None:
        if self.path is None:
            return
        path, self.path = self.path, None
        self._ticket += 1  # the running read's answer will be ignored
        self.cancelled.emit(path)

    def _done(self, ticket: int, result, error) -> None:
        if ticket != self._ticket or self.path is None:
            return
        path, self.path = self.path, None
        if error is not None:
            self.failed.emit(path, error)
        else:
            self.finished.emit(path, result)
