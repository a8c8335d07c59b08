"""The worker process: its limits set first, then one file after another read as the program asks.

Imported by a worker started afresh before anything else of the program, so it imports little
itself: the readers are loaded by `preload` (the window's warm worker) or by the first job's task.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from importlib import import_module
from multiprocessing.connection import Connection

from core.platform.logs import ASK_SUPPORT
from core.readers import progress
from core.readers.errors import ReadError
from core.readers.limits import past_memory_limit
from core.readers.worker.messages import Answer, Bounds, Job, Refusal

log = logging.getLogger(__name__)

STEP_SECONDS = 0.05  # steps closer together than this are not sent: a window redraws no faster


def serve(
    connection: Connection, bounds: Bounds, log_folder: str | None, no_network: bool, preload: tuple[str, ...] = ()
) -> None:
    """The worker's life: read each job's file and answer, until the program closes the pipe or goes away."""
    _settle(bounds, log_folder, no_network)
    for module in preload:
        import_module(module)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the program closed its end: nothing more to read
            return
        if not isinstance(job, Job):
            return
        if not _answer(connection, job, bounds):
            return  # out of memory once: a fresh worker reads the next file


def _answer(connection: Connection, job: Job, bounds: Bounds) -> bool:
    """Read one file and send the answer; False when this worker should not read another."""
    sent = [0.0]

    def tell(step: progress.Step) -> None:
        now = time.monotonic()
        if now - sent[0] >= STEP_SECONDS or (step.total and step.done >= step.total) or step.seconds:
            sent[0] = now
            connection.send(step)

    try:
        with progress.listening(tell):
            value = job.task(job.path)
        connection.send(Answer(value))
        return True
    except ReadError as error:
        connection.send(Refusal(error.code, error.message))
        return True
    except MemoryError:
        log.error("%s: past the worker's memory limit", job.path)
        past = past_memory_limit(bounds.memory)
        connection.send(Refusal(past.code, past.message, leaving=True))
        return False
    except Exception as error:  # the task's own bug: the program says so for this file and goes on
        log.exception("reading %s failed in the worker", job.path)
        message = f"读取这个文件时出现了意外问题（{type(error).__name__}），已记入日志。请用Word或WPS打开后另存一份再试；如仍不行，{ASK_SUPPORT}。"
        connection.send(Refusal("internal", message))
        return True


def _settle(bounds: Bounds, log_folder: str | None, no_network: bool) -> None:
    """What the worker takes over from the program (its log, no network), and its own limits."""
    from pathlib import Path

    from core.platform import logs, nonet

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches every process of the terminal: the program answers it
    if log_folder:
        logs.setup(Path(log_folder), rotate=False)  # appends; only the program rotates the file
    if no_network:
        nonet.forbid_network()
    limit_memory(bounds.memory)
    _end_with_parent()


def limit_memory(size: int) -> None:
    """No more than `size` bytes for this process: past it an allocation fails (Python: MemoryError)."""
    try:
        if sys.platform == "win32":
            _job_object_limit(size)
        else:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (size, size))
    except (OSError, ValueError) as error:  # the limit is a safeguard: reading goes on without it, and the log says so
        log.warning("the worker's memory limit could not be set: %s", error)


def _job_object_limit(size: int) -> None:
    """Windows: this process in a job object of its own that commits no more than `size` bytes.

    Nested jobs need Windows 8 or later (the program supports 10 and 11). Not run on this project's
    machines (Linux): kept small, and imported only here.
    """
    if sys.platform != "win32":  # called only there; this tells the type checker the rest is Windows code
        return
    import ctypes
    from ctypes import wintypes

    class Basic(ctypes.Structure):  # JOBOBJECT_BASIC_LIMIT_INFORMATION
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD), ("SchedulingClass", wintypes.DWORD),
        ]

    class Extended(ctypes.Structure):  # JOBOBJECT_EXTENDED_LIMIT_INFORMATION
        _fields_ = [
            ("BasicLimitInformation", Basic), ("IoInfo", ctypes.c_uint64 * 6), ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t), ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    process_memory, die_on_unhandled_exception, extended_limits = 0x100, 0x400, 9
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    job = kernel32.CreateJobObjectW(None, None)
    info = Extended()
    info.BasicLimitInformation.LimitFlags = process_memory | die_on_unhandled_exception  # and no crash dialog
    info.ProcessMemoryLimit = size
    if not job or not kernel32.SetInformationJobObject(
        wintypes.HANDLE(job), extended_limits, ctypes.byref(info), ctypes.sizeof(info)
    ) or not kernel32.AssignProcessToJobObject(wintypes.HANDLE(job), wintypes.HANDLE(kernel32.GetCurrentProcess())):
        raise OSError(ctypes.get_last_error(), "job object")


def _end_with_parent() -> None:
    """A thread that ends this worker when the program that started it is gone, even in the middle of a file."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None)
    if sentinel is None:
        return

    def watch() -> None:
        wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
