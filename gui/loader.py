"""Reading and checking away from the window: in a worker process (core/readers/worker), waited for by a thread.

`ReportLoader` reads one file in a worker process and checks it (or only reads it: last year's
report). Whatever the file does, the window goes on: the worker has its time and memory limits,
and a thread of the loader waits for it, handing its steps (how far a long file has got) and its
answer to the window's thread as signals. 取消 kills the worker at once. Every read has a ticket,
and only the answer to the latest ticket is taken.

Workers are started afresh ('spawn': a process running Qt's threads must not be forked) with the
readers loaded, and kept: after an answer the worker waits for the next file, so only the first
file of a session pays for starting one (`_Spares`, shared by every loader). One that was killed
is replaced at once, in the background.

`FolderChecker` checks every report under a folder (`core.batch`) in worker processes driven from a
thread of its own, saying how far it is after each file and how far a long file has got; 取消 kills
its workers at once.
"""
from __future__ import annotations

import logging
import threading
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from core.platform.logs import ASK_SUPPORT
from core.readers.errors import ReadError
from core.readers.worker import Cancelled, Worker
from core.readers.worker.process import worker_state

if TYPE_CHECKING:
    from core.readers.worker.pool import Stop

log = logging.getLogger(__name__)

UNEXPECTED = "检查这个文件时出现了意外问题（{}），已记入日志。请用Word或WPS打开后另存一份再试；如仍不行，" + ASK_SUPPORT + "。"
# Worker processes are started afresh, not forked: a process running Qt's threads must not be copied.
START_METHOD = "spawn"
PRELOAD = ("core.api",)  # what a warm worker loads before its first file: the readers, the assembly, the rules


def _close_later(worker: Worker) -> None:
    threading.Thread(target=worker.close, name="worker-close", daemon=True).start()


class _Spares:
    """Idle workers, warm (the readers loaded), for the next file of any loader; at most one is kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[Worker] = []

    def take(self) -> Worker:
        """A warm worker if there is one for this program's log and network guard, else a new one."""
        state = worker_state()
        with self._lock:
            idle, self._idle = self._idle, []
        found = next((w for w in idle if w.state == state), None)
        for worker in idle:
            if worker is not found:
                _close_later(worker)
        return found or Worker(START_METHOD, preload=PRELOAD)

    def give_back(self, worker: Worker) -> None:
        """Keep `worker` for the next file (started again in the background if it was killed), or let it go."""
        with self._lock:
            keep = not self._idle
            if keep:
                self._idle.append(worker)
        if keep:
            threading.Thread(target=self._warm, args=(worker,), name="worker-warm", daemon=True).start()
        else:
            _close_later(worker)

    def warm(self) -> None:
        """Have a worker ready before the first file comes (the window asks as it opens), in the background."""
        threading.Thread(target=lambda: self.give_back(self.take()), name="worker-warm", daemon=True).start()

    @staticmethod
    def _warm(worker: Worker) -> None:
        try:
            worker.start()
        except Exception:  # a worker that cannot start now is started again for the file, which then says why
            log.exception("a warm worker could not be started")


SPARES = _Spares()


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
        self._stop_running()
        self.cancelled.emit(path)

    def _stop_running(self) -> None:
        """End the running work at once (its worker killed)."""

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
    step = Signal(str, object)  # path, core.readers.progress.Step: how far the reading has got

    _done = Signal(int, object, object)  # ticket, result | None, ReadError | None (from the waiting thread)
    _stepped = Signal(int, object)  # ticket, Step (from the waiting thread)
    _returned = Signal(object)  # the worker, its file over (from the waiting thread)

    def __init__(self, parent: QObject | None = None, work: str = "core.api:check_file"):
        """`work`: the function the worker runs on the file, as module:name — core.api's check_file (a CheckResult)
        or open_report (a Report). Named, not given: the window loads the engine only when an answer comes."""
        super().__init__(parent)
        self.work = work
        self._running: Worker | None = None
        self._done.connect(self._answer)
        self._stepped.connect(self._step)
        self._returned.connect(self._returned_worker)

    def open(self, path: str, begun: Worker | None = None) -> None:
        """Read `path` in a worker; `begun`: a worker already reading it (main.py forks one for the file named on
        the command line before Qt is loaded, so the file is read while the window is built)."""
        ticket = self._begin(path)
        worker = begun or SPARES.take()
        self._running = worker
        threading.Thread(target=self._wait, args=(ticket, worker, path, begun is not None), name="report-reader", daemon=True).start()

    def _wait(self, ticket: int, worker: Worker, path: str, begun: bool) -> None:
        """In the waiting thread: the worker reads, the window is told."""
        try:
            if begun:
                result = worker.answer(on_step=lambda step: self._stepped.emit(ticket, step))
                self._done.emit(ticket, result, None)
                return
            module, name = self.work.split(":")
            work = getattr(import_module(module), name)
            if ticket != self._ticket:  # 取消 came while the engine loaded: the worker is not even handed the file
                return
            result = worker.run(work, path, on_step=lambda step: self._stepped.emit(ticket, step))
            self._done.emit(ticket, result, None)
        except Cancelled:
            pass  # 取消: nobody waits for this answer any more
        except ReadError as failure:
            self._done.emit(ticket, None, failure)
        except Exception as failure:  # the worker's pipe or a bug of ours must not reach the clerk as a traceback
            log.exception("reading %s failed", path)
            self._done.emit(ticket, None, ReadError("internal", UNEXPECTED.format(type(failure).__name__)))
        finally:
            self._returned.emit(worker)

    def _stop_running(self) -> None:
        if self._running is not None:
            self._running.kill()
            self._running = None

    def _returned_worker(self, worker: Worker) -> None:
        if worker is self._running:
            self._running = None
        SPARES.give_back(worker)

    def _step(self, ticket: int, step) -> None:
        if self._wanted(ticket):
            self.step.emit(self.path, step)

    def _answer(self, ticket: int, result, error) -> None:
        path = self._end(ticket)
        if path is None:
            return
        if error is not None:
            self.failed.emit(path, error)
        else:
            self.finished.emit(path, result)


class FolderChecker(_OneAtATime):
    progress = Signal(int, int, str)  # files done, files in all, the file just done ('' before the first)
    step = Signal(str, object)  # a file being read, core.readers.progress.Step: how far it has got
    finished = Signal(str, list)  # folder, an Item per file in name order (empty: no report files in it)
    failed = Signal(str, str)  # folder, why the run could not be made (Chinese)

    _done = Signal(int, object, str)  # ticket, items or None, why not (from the checking thread)
    _progressed = Signal(int, int, int, str)  # ticket, done, total, path (from the checking thread)
    _stepped = Signal(int, str, object)  # ticket, path, Step (from the checking thread)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._stop: Stop | None = None
        self._done.connect(self._finish)
        self._progressed.connect(self._progress)
        self._stepped.connect(self._step)

    def check(self, folder: str) -> None:
        from core.readers.worker.pool import Stop

        ticket = self._begin(folder)
        self._stop = Stop()
        threading.Thread(target=self._run, args=(ticket, folder, self._stop), name="folder-check", daemon=True).start()

    def _stop_running(self) -> None:
        if self._stop is not None:
            self._stop()  # every worker of the run killed at once
            self._stop = None

    def _run(self, ticket: int, folder: str, stop) -> None:
        from core.batch import check_many, report_files

        try:
            files = report_files([folder])  # a shared folder on the network can take a while to list
            self._progressed.emit(ticket, 0, len(files), "")
            items = check_many(
                files, progress=lambda done, total, item: self._progressed.emit(ticket, done, total, item.path),
                stepped=lambda index, step: self._stepped.emit(ticket, files[index], step),
                start_method=START_METHOD, stop=stop,
            )
        except Cancelled:
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

    def _step(self, ticket: int, path: str, step) -> None:
        if self._wanted(ticket):
            self.step.emit(path, step)

    def _finish(self, ticket: int, items, problem: str) -> None:
        folder = self._end(ticket)
        if folder is None:
            return
        if items is None:
            self.failed.emit(folder, problem)
        else:
            self.finished.emit(folder, items)
