"""The worker a file is read in (core/readers/worker): its time and memory limits, its steps, 取消, a crash, the program gone.

The tasks below stand for a reader that hangs, eats memory, reports its pages or brings its process
down: the worker runs any module-level function it is given, so these test its limits whatever a
file would make a reader do. The time limit is short here (1.5 s) so the tests are quick; the
program's own limits are in core/readers/limits.py.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from core.readers import progress
from core.readers.errors import ReadError
from core.readers.worker import Bounds, Cancelled, Worker
from core.readers.worker.pool import Stop, run_each
from tests.conftest import ROOT, SAMPLE
from tests.fixtures.clean import where_fork_is_safe

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS and POSIX signals (Windows: a job object, not run here)")

SMALL = Bounds(seconds=1.5, memory=768 * 1024 * 1024)  # a forked worker starts as large as the test process
ROOMY = Bounds(seconds=60, memory=SMALL.memory)  # for the memory limit alone: a slow machine's spawn and 768 MB of pages take their time
METHODS = ["fork", "spawn"]  # the command line's (Linux; in a clean process when this one is not), the window's


def hang(path: str) -> None:
    time.sleep(3600)


def eat_memory(path: str) -> None:
    hoard = []
    while True:
        hoard.append(bytearray(16 * 1024 * 1024))


def die(path: str) -> None:
    os._exit(3)


def pages(path: str) -> str:
    for page in range(1, 6):
        progress.report("正在读取PDF的页面", page, 5)
        time.sleep(0.06)
    return f"read {path}"


def slow_pages(path: str) -> str:
    """A scan's pages: each says it may take 1.2 s beyond the limit, and takes 0.9 s (5 pages: far past 1.5 s)."""
    for page in range(1, 6):
        progress.report("正在识别扫描件的页面", page, 5, seconds=1.2)
        time.sleep(0.9)
    return f"recognised {path}"


def greedy_pages(path: str) -> None:
    """A step asking for an hour: what it is granted is capped (limits.MAX_GRANTED_SECONDS, made small here)."""
    progress.report("正在识别扫描件的页面", 1, 1, seconds=3600)
    time.sleep(3600)


def refuse(path: str) -> None:
    raise ReadError("corrupt", "这个文件已损坏。请另存一份再检查。")


def pid(path: str) -> int:
    return os.getpid()


def _gone(process_id: int, within: float = 5.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            os.kill(process_id, 0)
        except ProcessLookupError:
            return True
        try:  # a child of ours is gone once reaped
            if os.waitpid(process_id, os.WNOHANG)[0] == process_id:
                return True
        except ChildProcessError:
            pass
        time.sleep(0.02)
    return False


def _time_limit(method: str) -> dict:
    with Worker(method, SMALL) as worker:
        first = worker.run(pid, "x")
        started = time.monotonic()
        try:
            worker.run(hang, "挂起.pdf")
        except ReadError as error:
            refused = error
        took = time.monotonic() - started
        return {"code": refused.code, "message": refused.message, "took": took, "first gone": _gone(first),
                "next": worker.run(pid, "x") != first, "sample": worker.run(_check_sample, str(SAMPLE))}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.slow
def test_a_file_past_the_time_limit_is_stopped_and_the_worker_replaced(method):
    seen = where_fork_is_safe(_time_limit, method)
    assert SMALL.seconds <= seen["took"] < SMALL.seconds + 1.0
    assert seen["code"] == "too_slow"
    assert "无法在限定时间内读取" in seen["message"] and "1.5秒" in seen["message"] and "请" in seen["message"]
    assert seen["first gone"]  # killed, not left running
    assert seen["next"]  # the next file gets a new worker
    assert seen["sample"] == "发现3处错误，暂不宜提交"


def _check_sample(path: str) -> str:
    from core.api import check_file

    return check_file(path).verdict.text


def _memory_limit(method: str) -> dict:
    with Worker(method, ROOMY) as worker:
        try:
            worker.run(eat_memory, "巨大.docx")
        except ReadError as error:
            return {"code": error.code, "message": error.message, "sample": worker.run(_check_sample, str(SAMPLE))}
    return {}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.slow
def test_a_file_past_the_memory_limit_gets_the_limit_named(method):
    seen = where_fork_is_safe(_memory_limit, method)
    assert seen["code"] == "too_large"
    assert "无法在限定内存内读取" in seen["message"] and "768 MB" in seen["message"]
    assert seen["sample"] == "发现3处错误，暂不宜提交"


def _death(method: str) -> dict:
    seen = {}
    with Worker(method, SMALL) as worker:
        for task in (die, refuse):  # the next file is read, and its reader's message comes as it said it
            try:
                worker.run(task, "损坏.pdf")
            except ReadError as error:
                seen[task.__name__] = (error.code, error.message)
    return seen


def test_a_worker_that_dies_costs_only_its_file():
    seen = where_fork_is_safe(_death, "fork")
    assert seen["die"][0] == "crashed" and "异常退出" in seen["die"][1]
    assert seen["refuse"] == ("corrupt", "这个文件已损坏。请另存一份再检查。")


def _steps(method: str) -> tuple[str, list]:
    steps = []
    with Worker(method, SMALL) as worker:
        return worker.run(pages, "长.pdf", on_step=steps.append), steps


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.slow
def test_a_reader_reports_its_steps_as_it_reads(method):
    answer, steps = where_fork_is_safe(_steps, method)
    assert answer == "read 长.pdf"
    assert steps[-1] == progress.Step("正在读取PDF的页面", 5, 5)  # the last one always comes
    assert [s.done for s in steps] == sorted(s.done for s in steps) and len(steps) >= 3
    assert steps[-1].text == "正在读取PDF的页面（5/5）"


def _kill(method: str) -> dict:
    with Worker(method, Bounds(60, SMALL.memory)) as worker:
        reader = worker.run(pid, "x")
        threading.Timer(0.3, worker.kill).start()
        started = time.monotonic()
        try:
            worker.run(hang, "x")
            cancelled = False
        except Cancelled:
            cancelled = True
        took = time.monotonic() - started
        return {"cancelled": cancelled, "took": took, "gone": _gone(reader, 1.0), "next": worker.run(pid, "x") != reader}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.slow
def test_kill_ends_the_file_being_read_at_once(method):
    seen = where_fork_is_safe(_kill, method)
    assert seen["cancelled"] and seen["took"] < 1.5 and seen["gone"]
    assert seen["next"]  # and the next file is read by a new one


def _many(method: str) -> dict[int, object]:
    results: dict[int, object] = {}
    run_each([f"{n}.txt" for n in range(6)], _as_named, 2, lambda i, value, error: results.__setitem__(i, error.code if error else value),
             start_method=method, bounds=SMALL)
    return results


@pytest.mark.slow
def test_a_run_of_many_files_goes_on_past_the_ones_that_fail():
    results = where_fork_is_safe(_many, "fork")
    assert results == {0: "0.txt", 1: "too_slow", 2: "2.txt", 3: "crashed", 4: "too_large", 5: "5.txt"}


def _as_named(path: str):
    """1.txt hangs, 3.txt brings its worker down, 4.txt eats memory; the others are read."""
    return {"1.txt": hang, "3.txt": die, "4.txt": eat_memory}.get(path, str)(path)


def test_the_program_forks_only_where_it_is_safe():
    """One thread and no Qt (the command line): fork, the engine already loaded; else a worker started afresh."""
    from core.readers.worker.process import safe_start_method

    assert where_fork_is_safe(safe_start_method) == "fork"
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert safe_start_method() == "spawn"
    finally:
        stop.set()
        helper.join()


def test_stop_kills_every_worker_of_a_run_at_once():
    stop = Stop()
    threading.Timer(0.3, stop).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_each(["a", "b", "c"], hang, 2, lambda *_: None, bounds=Bounds(60, SMALL.memory), stop=stop)
    assert time.monotonic() - started < 1.5


_PROGRAM = """
import sys, time
sys.path.insert(0, {root!r})
from core.readers.worker import Worker
from tests.test_worker import hang, pid
worker = Worker({method!r})
print(worker.run(pid, "x"), flush=True)
worker.run(hang, "x")
"""


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.slow
def test_a_worker_never_outlives_the_program(method):
    """The program killed (the window closed by the system, the terminal gone) while a worker reads: the worker goes too."""
    program = subprocess.Popen([sys.executable, "-c", _PROGRAM.format(root=str(ROOT), method=method)], stdout=subprocess.PIPE,
                               cwd=ROOT, text=True)
    reader = int(program.stdout.readline())
    os.kill(program.pid, signal.SIGKILL)
    program.wait()
    assert _gone(reader), "the worker was left reading"


def _granted(method: str) -> dict:
    from core.readers.worker import process

    seen = {}
    with Worker(method, SMALL) as worker:
        started = time.monotonic()
        seen["slow"] = worker.run(slow_pages, "扫描件.pdf")
        seen["slow took"] = time.monotonic() - started
        process.MAX_GRANTED_SECONDS, before = 2.0, process.MAX_GRANTED_SECONDS
        try:
            started = time.monotonic()
            worker.run(greedy_pages, "扫描件.pdf")
        except ReadError as error:
            seen["greedy"] = error.code
            seen["greedy took"] = time.monotonic() - started
        finally:
            process.MAX_GRANTED_SECONDS = before
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("method", METHODS)
def test_a_scans_pages_are_granted_their_seconds_within_a_cap(method):
    seen = where_fork_is_safe(_granted, method)
    assert seen["slow"] == "recognised 扫描件.pdf" and seen["slow took"] > 4 * SMALL.seconds / 1.5  # past 1.5 s, not killed
    assert seen["greedy"] == "too_slow"  # an hour asked for: only the cap granted
    assert SMALL.seconds + 2.0 <= seen["greedy took"] < SMALL.seconds + 3.0
