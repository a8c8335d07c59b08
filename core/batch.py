"""Checking many reports at once: a district office's folder of every department's report.

Plain functions the command line and the window share: `report_files` finds the
reports under the paths given, `check_many` checks them in parallel processes and
reports each as it is done. Results come back in the order of the files, whatever
order the processes finish in. A file that cannot be read becomes an item with its
Chinese message; it never stops the run.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from core.api import open_report
from core.check import CheckResult, check
from core.findings import Finding, Severity
from core.fileio import same_file
from core.readers import READERS, UNSUPPORTED
from core.readers.errors import ReadError

log = logging.getLogger(__name__)

# What a folder may hold besides reports, and what a checker must leave alone:
# Office's lock files (~$报告.docx), LibreOffice's (.~lock.报告.docx#), hidden files.
TEMP_PREFIXES = ("~$", ".~", ".")
MAX_WORKERS = 4  # each process holds a report's libraries; a clerk's PC has memory for a few
IN_FLIGHT_PER_WORKER = 4  # files handed to a worker ahead, so it never waits for the next


@dataclass(frozen=True)
class Item:
    """One file of a batch: its check, or why it could not be read."""

    path: str
    result: CheckResult | None = None
    error_code: str | None = None
    error_message: str | None = None  # Chinese: why, and what to do

    @property
    def level(self) -> str:
        """'error' | 'verify' | 'ok' (the verdict's), or 'unreadable'."""
        return self.result.verdict.level if self.result else "unreadable"

    @property
    def verdict(self) -> str:
        return self.result.verdict.text if self.result else "无法读取"

    @property
    def errors(self) -> int:
        return self.result.verdict.errors if self.result else 0

    @property
    def to_verify(self) -> int:
        return self.result.verdict.to_verify if self.result else 0

    @property
    def problems(self) -> list[Finding]:
        """Errors first, then what needs verifying, then hints; in checklist order within each."""
        if not self.result:
            return []
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        problems = [f for f in self.result.findings if f.is_problem]
        return sorted(problems, key=lambda f: (0 if f.is_error else 1 + order[f.severity]))


Progress = Callable[[int, int, Item], None]  # (files done, files in all, the item just done)


# --- which files ---------------------------------------------------------------------------


def is_report_file(name: str) -> bool:
    """A file in a folder worth checking: a kind the readers know (or name with advice), not a temp file."""
    if name.startswith(TEMP_PREFIXES):
        return False
    ext = os.path.splitext(name)[1].lower()
    return ext in READERS or ext in UNSUPPORTED


def report_files(paths: Iterable[str], exclude: Sequence[str] = ()) -> list[str]:
    """The files to check: a file as given, a folder's report files (sub-folders too) in name order.

    `exclude`: files never to check, such as the summary workbook being written.
    """
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found.extend(_folder_files(path))
        else:
            found.append(path)  # even an odd one: reading it says what is wrong in Chinese
    result, seen = [], set()
    for path in found:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen or any(os.path.exists(x) and os.path.exists(path) and same_file(path, x) for x in exclude):
            continue
        seen.add(key)
        result.append(path)
    return result


def _folder_files(folder: str) -> list[str]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(os.path.join(root, n) for n in sorted(names) if is_report_file(n))
    return files


# --- checking --------------------------------------------------------------------------------


def check_one(path: str) -> Item:
    """Read and check one file; never raises. Runs in a worker process."""
    try:
        report = open_report(path)
    except ReadError as error:
        return Item(path, error_code=error.code, error_message=error.message)
    try:
        result = check(report)
    except Exception as error:  # a rule's bug must not stop a batch of 500
        log.exception("checking %s failed", path)
        return Item(path, error_code="internal", error_message=f"检查这个文件时出现了意外问题（{type(error).__name__}），已记入日志。")
    # The reader's Document stays behind: it is large, and the window re-opens the file to show it.
    return Item(path, result=CheckResult(replace(report, document=None), result.findings))


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def check_many(paths: Sequence[str], workers: int | None = None, progress: Progress | None = None) -> list[Item]:
    """Check every file, in `workers` processes; the items in the order of `paths`."""
    workers = default_workers() if workers is None else max(1, workers)
    items: list[Item | None] = [None] * len(paths)
    done = 0

    def finished(index: int, item: Item) -> None:
        nonlocal done
        items[index] = item
        done += 1
        if progress:
            progress(done, len(paths), item)

    if workers == 1 or len(paths) <= 1:
        for index, path in enumerate(paths):
            finished(index, check_one(path))
    else:
        _in_processes(paths, min(workers, len(paths)), finished)
    return [item for item in items if item is not None]


def _in_processes(paths: Sequence[str], workers: int, finished: Callable[[int, Item], None]) -> None:
    todo, suspects = list(range(len(paths))), []
    while todo:
        todo, lost = _pool_round(paths, todo, workers, finished)
        suspects.extend(lost)
    # A reader that brings its process down (a native library's crash) breaks the pool for the
    # files in flight with it: check those again one at a time, each alone, so only the culprit is lost.
    for index in sorted(suspects):
        finished(index, _alone(paths[index]))


def _pool_round(
    paths: Sequence[str], todo: list[int], workers: int, finished: Callable[[int, Item], None]
) -> tuple[list[int], list[int]]:
    """Check files `todo` in a pool until done or the pool breaks: (not yet started, in flight when it broke).

    Only a few files are handed to the pool at a time, so Ctrl-C (or the window closing)
    stops the batch at once instead of after every queued file.
    """
    # Imported here: a single file is checked in this process, and starts faster without them.
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    waiting = iter(todo)
    in_flight: dict[Future[Item], int] = {}
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_leave_interrupts_to_the_parent)

    def hand_over() -> None:
        index = next(waiting, None)
        if index is not None:
            in_flight[pool.submit(check_one, paths[index])] = index

    try:
        for _ in range(workers * IN_FLIGHT_PER_WORKER):
            hand_over()
        while in_flight:
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                index = in_flight.pop(future)
                try:
                    item = future.result()
                except BrokenProcessPool:
                    lost = [index, *in_flight.values()]
                    pool.shutdown(wait=False, cancel_futures=True)
                    return list(waiting), lost
                finished(index, item)
                hand_over()
    except BaseException:  # Ctrl-C, or the window closing: drop what is still waiting
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [], []


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process on the terminal: only the parent should answer it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _alone(path: str) -> Item:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(check_one, path).result()
        except BrokenProcessPool:
            return Item(
                path,
                error_code="crashed",
                error_message="读取这个文件时程序异常退出，文件可能已损坏。请用Word或WPS打开后另存一份再试。",
            )
