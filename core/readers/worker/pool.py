"""Many files, a few workers: each worker reads one file at a time, the next file as soon as it answers.

A file whose worker is killed past its time, or dies, costs that worker only: the next file gets
a new one, and every other file is read as usual.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from core.readers.errors import ReadError
from core.readers.progress import Step
from core.readers.worker.messages import Bounds
from core.readers.worker.process import LIMITS, Cancelled, Worker

Finished = Callable[[int, Any, "ReadError | None"], None]  # (index of the file, the task's value, or why there is none)
Stepped = Callable[[int, Step], None]  # (index of the file, how far its reading has got)


class Stop:
    """Stops a run from another thread at once (the window's 取消): every worker of the run is killed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers: list[Worker] = []
        self.requested = False

    def watch(self, workers: Sequence[Worker]) -> None:
        with self._lock:
            self._workers.extend(workers)
            if self.requested:
                for worker in workers:
                    worker.kill()

    def __call__(self) -> None:
        with self._lock:
            self.requested = True
            for worker in self._workers:
                worker.kill()


def run_each(
    paths: Sequence[str],
    task: Callable[[str], Any],
    workers: int,
    finished: Finished,
    stepped: Stepped | None = None,
    start_method: str | None = None,
    bounds: Bounds = LIMITS,
    stop: Stop | None = None,
) -> None:
    """`task(path)` for every path, in `workers` worker processes; `finished` is told of each as it ends.

    `finished` and `stepped` run in the calling thread and may raise to end the run (the files still
    being read are given up, their workers killed). Raises Cancelled when `stop` was called.
    """
    from multiprocessing.connection import wait

    pool = [Worker(start_method, bounds) for _ in range(max(1, min(workers, len(paths))))]
    if stop is not None:
        stop.watch(pool)
    waiting = iter(range(len(paths)))
    running: dict[Worker, int] = {}

    def hand(worker: Worker) -> None:
        if stop is not None and stop.requested:
            raise Cancelled()
        index = next(waiting, None)
        if index is not None:
            worker.begin(task, paths[index])
            running[worker] = index

    try:
        for worker in pool:
            hand(worker)
        while running:
            soonest = min(worker.deadline for worker in running)
            wait([w for worker in running for w in worker.waitables()], timeout=max(0.0, soonest - time.monotonic()))
            for worker in list(running):
                for event in worker.collect():
                    index = running[worker]
                    if isinstance(event, Step):
                        if stepped is not None:
                            stepped(index, event)
                        continue
                    del running[worker]
                    if event.cancelled:
                        raise Cancelled(paths[index])
                    finished(index, event.value, event.error)
                    hand(worker)
    finally:
        for worker in pool:
            worker.close()
