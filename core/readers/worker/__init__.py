"""Every file is read in a worker process with hard limits: nothing a file does can hang or exhaust the program.

The readers keep their own limits (core/readers/limits.py) and stop what they know of with a close
message. Behind them the worker is the guarantee for what they do not know of: the program that waits
for a file (the command line, a folder's check, the window) kills the worker that took longer than
`Bounds.seconds` (wall clock, reading and checking), and the worker itself cannot take more memory than
`Bounds.memory` (Linux: RLIMIT_AS; Windows: a job object). Either way the file gets a Chinese
message naming the limit (`limits.past_time_limit`, `past_memory_limit`), and the program goes on.

The protocol, over a `multiprocessing` pipe, one file at a time:

    program → worker   Job(task, path)         read `path` by calling `task(path)` (a module-level
                                               function, or a partial of one: it is pickled)
    worker → program   Step(doing, done, total)   any number, while it reads (core/readers/progress.py)
                       Answer(value)            what `task` returned
                       Refusal(code, message)   the ReadError it raised

`Worker.run(task, path, on_step)` (one file: `check`, the window) sends a job and waits for its answer,
calling `on_step` with each step; `Worker.kill()`, from any thread, ends it at once (the window's 取消):
the run raises `Cancelled`. `run_each` (pool.py) keeps several workers busy over many files (a folder).
A worker lives on after an answer and reads the next file; one that was killed, or died, is replaced by
a new one for the next file. Workers start with the platform's method unless told: the window starts
them afresh ('spawn'), since a process running Qt's threads must not be copied.

A worker never outlives the program: it exits when the pipe closes, and a thread of its own ends it when
the program that started it is gone (even while it reads).

It lives beside the readers, as `progress` does: its limits are theirs (`limits.py`), what it answers
is a `ReadError` or a value, and the readers' progress is what it carries back. It knows nothing of the
task it runs: `core.api.check_file` and the batch's tasks are handed to it by name.
"""
from __future__ import annotations

from core.readers.worker.process import Bounds, Cancelled, Worker

__all__ = ["Bounds", "Cancelled", "Worker"]
