"""Reading and checking away from the window's thread, so the window never freezes.

`ReportLoader` reads one file (and checks it, or only reads it: last year's report).
A read cannot be interrupted half-way (a reader is plain Python), so 「取消」 lets it run
out and throws its result away: every read has a ticket, and only the answer to the
latest ticket is taken.

`FolderChecker` checks every report under a folder (`core.batch`), in worker processes
driven from a thread of its own, saying how far it is after each file; 「取消」 stops it
after the file being finished (files not yet started are dropped).
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from core.logs import ASK_SUPPORT
from core.readers.errors import ReadError

log = logging.getLogger(__name__)

UNEXPECTED = "检查这个文件时出现了意外问题（{}），已记入日志。请用Word或WPS打开后另存一份再试；如仍不行，" + ASK_SUPPORT + "。"
# Worker processes are started afresh, not forked: a process running Qt's threads must not be copied.
START_METHOD = "spawn"


def read_and_check(path: str):
    """The report at `path`, read and checked: a `CheckResult`."""
    from core.api import open_report  # the engine loads here, off the window's thread (unless main.py loaded it first)
    from core.check import check

    return check(open_report(path))


def read_only(path: str):
    """The report at `path`, read: a `Report` (last year's, to compare with)."""
    from core.api import open_report

    return open_report(path)


class _Answer(QObject):
    done = Signal(int, object, object)  # ticket, result | None, ReadError | None


class _ReadTask(QRunnable):
    def __init__(self, ticket: int, path: str, work: Callable[[str], object], answer: _Answer):
        super().__init__()
        self.ticket, self.path, self.work, self.answer = ticket, path, work, answer

    def run(self) -> None:
        try:
            result, error = self.work(self.path), None
        except ReadError as failure:
            result, error = None, failure
        except Exception as failure:  # a rule's bug must not reach the clerk as a traceback
            log.exception("checking %s failed", self.path)
            result, error = None, ReadError("internal", UNEXPECTED.format(type(failure).__name__))
        self.answer.done.emit(self.ticket, result, error)


class _OneAtATime(QObject):
    """Work done one at a time, by ticket: 取消 (or starting again) makes the running work's answer be ignored."""

    started = Signal(str)  # the file or folder
    cancelled = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ticket = 0
        self.path: str | None = None  # the file or folder being worked on, None when idle

    @property
    def busy(self) -> bool:
        return self.path is not None

    def cancel(self) -> None:
        if self.path is None:
            return
        path, self.path = self.path, None
        self._ticket += 1  # the running work's answer will be ignored
        self.cancelled.emit(path)

    def _begin(self, path: str) -> int:
        self._ticket += 1
        self.path = path
        self.started.emit(path)
        return self._ticket

    def _wanted(self, ticket: int) -> bool:
        return ticket == self._ticket and self.path is not None

    def _end(self, ticket: int) -> str | None:
        """The work this ticket was for is over: its file or folder, or None when its answer is not wanted."""
        if not self._wanted(ticket):
            return None
        path, self.path = self.path, None
        return path


class ReportLoader(_OneAtATime):
    finished = Signal(str, object)  # path, what `work` returned (a CheckResult unless told otherwise)
    failed = Signal(str, object)  # path, ReadError

    def __init__(self, parent: QObject | None = None, work: Callable[[str], object] = read_and_check):
        super().__init__(parent)
        self.work = work
        self._answer = _Answer(self)
        self._answer.done.connect(self._done)

    def open(self, path: str) -> None:
        ticket = self._begin(path)
        QThreadPool.globalInstance().start(_ReadTask(ticket, path, self.work, self._answer))

    def _done(self, ticket: int, result, error) -> None:
        path = self._end(ticket)
        if path is None:
            return
        if error is not None:
            self.failed.emit(path, error)
        else:
            self.finished.emit(path, result)


class _Stopped(Exception):
    """Raised from the progress callback of a run that was cancelled: `check_many` drops what is left."""


class FolderChecker(_OneAtATime):
    progress = Signal(int, int, str)  # files done, files in all, the file just done ('' before the first)
    finished = Signal(str, list)  # folder, an Item per file in name order (empty: no report files in it)
    failed = Signal(str, str)  # folder, why the run could not be made (Chinese)

    _done = Signal(int, object, str)  # ticket, items or None, why not (from the checking thread)
    _step = Signal(int, int, int, str)  # ticket, done, total, path (from the checking thread)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._done.connect(self._finish)
        self._step.connect(self._progress)

    def check(self, folder: str) -> None:
        ticket = self._begin(folder)
        threading.Thread(target=self._run, args=(ticket, folder), name="folder-check", daemon=True).start()

    def _run(self, ticket: int, folder: str) -> None:
        from core.batch import check_many, report_files

        def progress(done: int, total: int, item) -> None:
            if ticket != self._ticket:  # 取消: the run sees it at its next file and stops
                raise _Stopped
            self._step.emit(ticket, done, total, item.path)

        try:
            files = report_files([folder])  # a shared folder on the network can take a while to list
            self._step.emit(ticket, 0, len(files), "")
            items = check_many(files, progress=progress, start_method=START_METHOD)
        except _Stopped:
            return
        except Exception as error:  # every file's own failure is an item; this is the folder or the processes
            log.exception("checking the folder %s failed", folder)
            self._done.emit(
                ticket, None,
                f"检查文件夹时出现了意外问题（{type(error).__name__}），没有完成。请稍后再试，或一次检查较少的文件；如仍不行，{ASK_SUPPORT}。",
            )
            return
        self._done.emit(ticket, items, "")

    def _progress(self, ticket: int, done: int, total: int, path: str) -> None:
        if self._wanted(ticket):
            self.progress.emit(done, total, path)

    def _finish(self, ticket: int, items, problem: str) -> None:
        folder = self._end(ticket)
        if folder is None:
            return
        if items is None:
            self.failed.emit(folder, problem)
        else:
            self.finished.emit(folder, items)
