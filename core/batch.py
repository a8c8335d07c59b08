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
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from core.api import open_report
from core.check import CheckResult, Verdict, check
from core.fileio import same_file
from core.findings import Finding, Severity
from core.formats.spec import Layout
from core.logs import ASK_SUPPORT
from core.readers import PICTURES, READERS, UNSUPPORTED, picture_folder
from core.readers.errors import ReadError
from core.serialize import error_dict, result_dict

log = logging.getLogger(__name__)

# What a folder may hold besides reports, and what a checker must leave alone:
# Office's lock files (~$报告.docx), LibreOffice's (.~lock.报告.docx#), hidden files.
TEMP_PREFIXES = ("~$", ".~", ".")
MAX_WORKERS = 4  # each process holds a report's libraries; a clerk's PC has memory for a few
IN_FLIGHT_PER_WORKER = 4  # files handed to a worker ahead, so it never waits for the next


@dataclass(frozen=True)
class Item:
    """One file of a batch, as a list of reports shows it: what was read and found, or why it could not be.

    Plain, small data (what every worker process sends back, 500 times over): the
    report itself stays behind; the window opens the file again to show it.
    """

    path: str
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    layout: Layout | None = None  # the format each table is in; names cells in messages
    verdict: Verdict | None = None
    problems: tuple[Finding, ...] = ()  # failed or not assessable, in checklist order
    error_code: str | None = None
    error_message: str | None = None  # Chinese: why it could not be read, and what to do
    data: dict[str, Any] | None = None  # the `check --json` object, when asked for

    @property
    def readable(self) -> bool:
        return self.verdict is not None

    @property
    def level(self) -> str:
        """'error' | 'verify' | 'ok' (the verdict's), or 'unreadable'."""
        return self.verdict.level if self.verdict else "unreadable"

    @property
    def verdict_text(self) -> str:
        return self.verdict.text if self.verdict else "无法读取"

    @property
    def errors(self) -> int:
        return self.verdict.errors if self.verdict else 0

    @property
    def to_verify(self) -> int:
        return self.verdict.to_verify if self.verdict else 0

    def problems_first(self) -> list[Finding]:
        """Errors first, then what needs verifying, then hints; in checklist order within each."""
        order = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}
        return sorted(self.problems, key=lambda f: 0 if f.is_error else order[f.severity])


def item_of(path: str, result: CheckResult, with_data: bool = False) -> Item:
    report = result.report
    return Item(
        path,
        title=report.meta.title,
        agency=report.agency,
        year=report.year,
        layout=report.layout,
        verdict=result.verdict,
        problems=tuple(f for f in result.findings if f.is_problem),
        data=result_dict(path, result) if with_data else None,
    )


def unreadable(path: str, error: ReadError, with_data: bool = False) -> Item:
    return Item(path, error_code=error.code, error_message=error.message, data=error_dict(path, error) if with_data else None)


Progress = Callable[[int, int, Item], None]  # (files done, files in all, the item just done)
Task = partial  # check_one with its options, as handed to the worker processes


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
    """A folder's reports: its files, and each folder of page pictures (a scanned report) as one report.
    Pictures beside other reports are not reports of their own (a logo, a photo of the office)."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if picture_folder(root):
            files.append(root)
            continue
        files.extend(os.path.join(root, n) for n in sorted(names) if is_report_file(n) and not n.lower().endswith(PICTURES))
    return files


# --- checking --------------------------------------------------------------------------------


def check_one(path: str, with_data: bool = False) -> Item:
    """Read and check one file; never raises. Runs in a worker process."""
    try:
        return item_of(path, check(open_report(path)), with_data)
    except ReadError as error:
        return unreadable(path, error, with_data)
    except Exception as error:  # a rule's bug must not stop a batch of 500
        log.exception("checking %s failed", path)
        message = f"检查这个文件时出现了意外问题（{type(error).__name__}），已记入日志。如反复出现，{ASK_SUPPORT}。"
        return unreadable(path, ReadError("internal", message), with_data)


def totals(items: Sequence[Item]) -> str:
    """「共检查6份报告：2份有错误，1份需核实，1份检查通过，2份无法读取。」"""
    count = {level: sum(1 for i in items if i.level == level) for level in ("error", "verify", "ok", "unreadable")}
    return (
        f"共检查{len(items)}份报告：{count['error']}份有错误，{count['verify']}份需核实，"
        f"{count['ok']}份检查通过，{count['unreadable']}份无法读取。"
    )


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def check_many(
    paths: Sequence[str],
    workers: int | None = None,
    progress: Progress | None = None,
    with_data: bool = False,
    start_method: str | None = None,
) -> list[Item]:
    """Check every file, in `workers` processes; the items in the order of `paths`.

    `with_data`: each item also carries its `check --json` object. `progress` may raise to stop
    the run (the window's 「取消」): files not yet started are dropped and the exception goes on.
    `start_method`: how the worker processes start ('spawn' from the window: a process running
    Qt's threads must not be forked); None is the platform's default.
    """
    task = partial(check_one, with_data=with_data)
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
            finished(index, task(path))
    else:
        _in_processes(paths, min(workers, len(paths)), task, finished, start_method)
    return [item for item in items if item is not None]


def _in_processes(
    paths: Sequence[str], workers: int, task: Task, finished: Callable[[int, Item], None], start_method: str | None
) -> None:
    import multiprocessing

    context = multiprocessing.get_context(start_method)
    todo, suspects = list(range(len(paths))), []
    while todo:
        todo, lost = _pool_round(paths, todo, workers, task, finished, context)
        suspects.extend(lost)
    # A reader that brings its process down (a native library's crash) breaks the pool for the
    # files in flight with it: check those again one at a time, each alone, so only the culprit is lost.
    for index in sorted(suspects):
        finished(index, _alone(paths[index], task, context))


def _pool_round(
    paths: Sequence[str], todo: list[int], workers: int, task: Task, finished: Callable[[int, Item], None], context
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
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=_worker_state()
    )

    def hand_over() -> None:
        index = next(waiting, None)
        if index is not None:
            in_flight[pool.submit(task, paths[index])] = index

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


def _worker_state() -> tuple[str | None, bool]:
    """What a worker process takes over from the program: its log file, and whether the network is refused."""
    from core import logs, nonet

    log_file = logs.current_log()
    return (str(log_file.parent) if log_file else None, nonet.forbidden())


def _start_worker(log_folder: str | None = None, no_network: bool = False) -> None:
    """A worker started afresh (Windows) does not run main.py: it logs to the same file and refuses the network too.

    Ctrl-C reaches every process on the terminal: only the parent should answer it.
    """
    import signal

    from core import logs, nonet

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if log_folder:
        logs.setup(Path(log_folder), rotate=False)
    if no_network:
        nonet.forbid_network()


def _alone(path: str, task: Task, context) -> Item:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_worker, initargs=_worker_state()) as pool:
        try:
            return pool.submit(task, path).result()
        except BrokenProcessPool:
            message = "读取这个文件时程序异常退出，文件可能已损坏。请用Word或WPS打开后另存一份再试。"
            return unreadable(path, ReadError("crashed", message), task.keywords.get("with_data", False))
