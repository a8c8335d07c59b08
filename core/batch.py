"""Checking many reports at once: a district office's folder of every department's report.

Plain functions the command line and the window share: `report_files` finds the
reports under the paths given, `check_many` checks them in worker processes (core/readers/worker:
each file within the time and memory limits) and reports each as it is done. Results
come back in the order of the files, whatever order the workers finish in. A file that
cannot be read becomes an item with its Chinese message; it never stops the run.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from core.api import open_report
from core.check import CheckResult, Verdict, check
from core.findings import Finding
from core.formats.spec import Layout
from core.platform.fileio import same_file
from core.platform.logs import ASK_SUPPORT
from core.platform.paths import shown
from core.presentation import problem_order
from core.readers import UNSUPPORTED, picture_folder
from core.readers.errors import ReadError
from core.readers.kinds import PICTURES, READERS
from core.readers.worker.messages import Bounds
from core.readers.worker.pool import Stepped, Stop, run_each
from core.readers.worker.process import LIMITS
from core.serialize import error_dict, result_dict

log = logging.getLogger(__name__)

# What a folder may hold besides reports, and what a checker must leave alone:
# Office's lock files (~$报告.docx), LibreOffice's (.~lock.报告.docx#), hidden files.
TEMP_PREFIXES = ("~$", ".~", ".")
MAX_WORKERS = 4  # each process holds a report's libraries; a clerk's PC has memory for a few


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
    problems: tuple[Finding, ...] = ()  # failed or not assessable, in problem order (core.presentation)
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


def item_of(path: str, result: CheckResult, with_data: bool = False) -> Item:
    report = result.report
    return Item(
        path,
        title=report.meta.title,
        agency=report.agency,
        year=report.year,
        layout=report.layout,
        verdict=result.verdict,
        problems=tuple(result.findings[n] for n in problem_order(result.findings)),
        data=result_dict(path, result) if with_data else None,
    )


def unreadable(path: str, error: ReadError, with_data: bool = False) -> Item:
    return Item(path, error_code=error.code, error_message=error.message, data=error_dict(path, error) if with_data else None)


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
    """A folder's reports: its files, and each folder of page pictures (a scanned report) as one report.
    Pictures beside other reports are not reports of their own (a logo, a photo of the office)."""
    files: list[str] = []
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


def check_against(path: str, previous: str, with_data: bool = False) -> tuple[Item, str | None]:
    """This year's check with last year's comparisons (X-1, X-3, T2-4, T2-5); the second value: why last year's
    report could not be read (this year's is checked all the same). Runs in a worker process."""
    try:
        report = open_report(path)
    except ReadError as error:
        return unreadable(path, error, with_data), None
    try:
        last = open_report(previous)
    except ReadError as error:
        return item_of(path, check(report), with_data), f"上年报告「{shown(previous)}」无法读取：{error.message}"
    return item_of(path, check(report, previous=last), with_data), None


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
    stepped: Stepped | None = None,
    stop: Stop | None = None,
    bounds: Bounds = LIMITS,
) -> list[Item]:
    """Check every file, each in a worker process within `bounds` (core/readers/worker); the items in the order of `paths`.

    `with_data`: each item also carries its `check --json` object. `progress` is told of each file as it is
    done (and may raise to stop the run: the files being read are given up); `stepped` of how far a file's
    reading has got (a long PDF, a scan); `stop`, called from another thread, ends the run at once (the
    window's 取消: Cancelled is raised). A file past a limit, or whose worker died, is an unreadable item
    with the reason; its worker is replaced and the run goes on. `start_method`: how workers start
    ('spawn' from the window: a process running Qt's threads must not be forked); None: fork where that is
    safe (the command line), else spawn.
    """
    task = partial(check_one, with_data=with_data)
    workers = default_workers() if workers is None else max(1, workers)
    items: list[Item | None] = [None] * len(paths)
    done = 0

    def finished(index: int, item: Item | None, error: ReadError | None) -> None:
        nonlocal done
        entry = item if error is None else unreadable(paths[index], error, with_data)
        assert entry is not None  # the pool gives each file an item or an error
        items[index] = entry
        done += 1
        if progress:
            progress(done, len(paths), entry)

    if paths:
        run_each(paths, task, workers, finished, stepped, start_method, bounds, stop)
    return [item for item in items if item is not None]
