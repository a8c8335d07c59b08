"""The program's side of a worker: start it, hand it a file, hear its steps and answer, kill it past its time."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.readers.errors import ReadError
from core.readers.limits import MAX_GRANTED_SECONDS, MAX_WORK_MEMORY, MAX_WORK_SECONDS, past_time_limit
from core.readers.progress import Step
from core.readers.worker.messages import Answer, Bounds, Job, Refusal

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)

LIMITS = Bounds(MAX_WORK_SECONDS, MAX_WORK_MEMORY)
CRASHED = "读取这个文件时程序异常退出，文件可能已损坏。请用Word或WPS打开后另存一份再试。"
STOP_SECONDS = 2  # how long a worker asked to stop may take before it is killed


class Cancelled(Exception):
    """The file's worker was killed on purpose (`Worker.kill`: the window's 取消): there is no answer."""


@dataclass(frozen=True)
class Done:
    """The end of a job: the task's value, or why there is none (its ReadError, a limit's, a crash's)."""

    value: Any = None
    error: ReadError | None = None
    cancelled: bool = False


def safe_start_method() -> str:
    """'fork' where it is safe, and cheapest (the engine is loaded already): a process of one thread without Qt,
    as the command line is. Else 'spawn': a fork copies one thread of many, and a lock another held stays held
    in the copy for ever (a process running Qt's threads must never be forked)."""
    import multiprocessing
    import sys

    one_thread = threading.active_count() == 1 and not any(name.startswith("PySide6") for name in sys.modules)
    return "fork" if one_thread and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def worker_state() -> tuple[str | None, bool]:
    """What a worker takes over from the program: its log folder, and whether the network is refused."""
    from core.platform import logs, nonet

    log_file = logs.current_log()
    return (str(log_file.parent) if log_file else None, nonet.forbidden())


class Worker:
    """One worker process, reading one file at a time within `bounds`; started when first needed.

    `run` is for one caller at a time; `kill` may come from any thread.
    """

    def __init__(self, start_method: str | None = None, bounds: Bounds = LIMITS, preload: tuple[str, ...] = ()):
        """`start_method`: 'fork', 'spawn'; None: `safe_start_method()`."""
        import multiprocessing

        self.context = multiprocessing.get_context(start_method or safe_start_method())
        self.bounds = bounds
        self.preload = preload
        self.state = worker_state()
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._deadline: float | None = None  # when the file being read must be answered; None when idle
        self._latest = 0.0  # the latest the deadline may be moved to by the reader's steps (Step.seconds)
        self._killed = False  # `kill` was called: the file being read ends as Cancelled
        self._path = ""
        self._lock = threading.Lock()  # the process and its pipe, as `kill` (from any thread) and the rest see them
        self._starting = threading.Lock()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- one file ------------------------------------------------------------------------------

    def run(self, task: Callable[[str], Any], path: str, on_step: Callable[[Step], None] | None = None) -> Any:
        """`task(path)` in the worker: its value, or its ReadError (or a limit's, a crash's) raised; Cancelled if killed."""
        self.begin(task, path)
        return self.answer(on_step)

    def answer(self, on_step: Callable[[Step], None] | None = None) -> Any:
        """The answer to the file begun (`begin`), waited for: as `run`."""
        from multiprocessing.connection import wait

        path = self._path
        while True:
            wait(self.waitables(), timeout=max(0.0, self.deadline - time.monotonic()))
            for event in self.collect():
                if isinstance(event, Step):
                    if on_step is not None:
                        on_step(event)
                    continue
                if event.cancelled:
                    raise Cancelled(path)
                if event.error is not None:
                    raise event.error
                return event.value

    def kill(self) -> None:
        """End the file being read at once (from any thread): its run raises Cancelled."""
        with self._lock:
            self._killed = True
            if self._process is not None:
                self._process.kill()

    # --- the pieces `run` is made of, for a pool waiting on several workers at once -----------------

    @property
    def busy(self) -> bool:
        return self._deadline is not None

    @property
    def deadline(self) -> float:
        return self._deadline if self._deadline is not None else time.monotonic()

    def start(self) -> None:
        """Start the worker process now, unless one is running (a warm worker reads its first file sooner)."""
        from core.readers.worker.child import serve

        with self._starting:  # a warm-up in the background and a file's read may both ask: one process is started
            with self._lock:
                if self._process is not None and self._process.is_alive() and not self._killed:
                    return
            self._stop()
            mine, theirs = self.context.Pipe()
            process = self.context.Process(  # type: ignore[attr-defined]  # typeshed's BaseContext lacks it; every context has it
                target=serve, args=(theirs, self.bounds, *self.state, self.preload), name="nianbao-reader", daemon=True
            )
            process.start()
            theirs.close()
            with self._lock:
                self._process, self._connection, self._killed = process, mine, False

    def begin(self, task: Callable[[str], Any], path: str) -> None:
        """Hand the worker a file (started first if need be); its steps and end come from `collect`."""
        self.start()
        self._path = path
        self._deadline = time.monotonic() + self.bounds.seconds
        self._latest = self._deadline + MAX_GRANTED_SECONDS
        assert self._connection is not None  # start() made it
        try:
            self._connection.send(Job(task, path))
        except OSError:  # the worker died before it could be told: `collect` says so
            pass

    def waitables(self) -> list:
        """What `multiprocessing.connection.wait` should watch for this worker's news."""
        with self._lock:
            return [self._connection, self._process.sentinel] if self._process is not None else []

    def collect(self) -> list[Step | Done]:
        """What the worker said since (its steps, then the job's end if it came); kills it past its deadline."""
        deadline, connection, process = self._deadline, self._connection, self._process
        if deadline is None or connection is None or process is None:  # (a file being read has its worker)
            return []
        events: list[Step | Done] = []
        try:
            while connection.poll():
                message = connection.recv()
                if isinstance(message, Step):
                    if message.seconds > 0 and self._deadline is not None:  # a step of its own seconds (a scanned page): granted, within bounds
                        self._deadline = max(self._deadline, min(time.monotonic() + message.seconds, self._latest))
                    events.append(message)
                    continue
                self._deadline = None
                if isinstance(message, Answer):
                    events.append(Done(message.value))
                elif isinstance(message, Refusal):
                    events.append(Done(error=ReadError(message.code, message.message)))
                    if message.leaving:
                        self._stop()
                return events
        except (EOFError, OSError):
            pass  # the worker is gone: below
        if self._killed or not process.is_alive():
            events.append(self._lost())
        elif time.monotonic() >= deadline:
            log.warning("%s: past the worker's %g s, killed", self._path, self.bounds.seconds)
            self._stop()
            events.append(Done(error=past_time_limit(self.bounds.seconds)))
        return events

    def _lost(self) -> Done:
        """The worker ended without an answer: killed on purpose, or it crashed (the log says how)."""
        killed = self._killed
        code = self._stop()
        if killed:
            return Done(cancelled=True)
        log.error("%s: the worker ended without an answer (exit code %s)", self._path, code)
        return Done(error=ReadError("crashed", CRASHED))

    def _stop(self) -> int | None:
        """Kill the worker now and forget it (its file, if any, is given up); its exit code."""
        self._deadline = None
        with self._lock:
            process, connection = self._process, self._connection
            self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is None:
            return None
        process.kill()
        process.join()
        return process.exitcode  # not closed: at exit multiprocessing joins what it started, from another thread

    def close(self) -> None:
        """Done with the worker: an idle one is asked to leave (and killed if it will not), a busy one is killed."""
        if self.busy:
            self._stop()
            return
        with self._lock:
            process, connection = self._process, self._connection
            self._process = self._connection = None
        if connection is not None:
            try:
                connection.send(None)  # not only the pipe closed: a forked worker holds this end too, and would never see it close
            except OSError:
                pass
            connection.close()
        if process is not None:
            process.join(STOP_SECONDS)
            if process.exitcode is None:
                process.kill()
                process.join()
