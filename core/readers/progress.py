"""How far the reading of one file has got: said by the reader, heard by whoever waits for the file.

A reader that works through a file a step at a time (a PDF page by page; text recognition of a
scan, page by page) says so with `report("正在读取第3页", 3, 12)`; a step that takes seconds of its own
(a scanned page recognised) says how long it may take, and the file's time limit grows by that much. Read in a worker process
(`core/readers/worker`), each step travels to the program waiting for the file: the window shows it under
its progress bar (with 取消, which ends the worker at once), the command line on its status line.
Read in the program's own process, nobody listens and a step costs a function call.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    doing: str  # what is being done, in the clerk's words: 「正在读取第3页」
    done: int = 0  # steps done …
    total: int = 0  # … of this many; 0 when no end is known
    seconds: float = 0.0  # the step may take this long beyond the file's time limit (a scanned page to recognise)

    @property
    def text(self) -> str:
        """「正在读取第3页（3/12）」, or what is being done alone when there is nothing to count."""
        return f"{self.doing}（{self.done}/{self.total}）" if self.total else self.doing


Listener = Callable[[Step], None]

_listener: Listener | None = None


def report(doing: str, done: int = 0, total: int = 0, seconds: float = 0.0) -> None:
    """Say how far the reading has got (called by readers; cheap when nobody listens). `seconds`: what the step
    about to begin may take beyond the file's time limit (the program grants it, within limits.MAX_GRANTED_SECONDS)."""
    if _listener is not None:
        _listener(Step(doing, done, total, seconds))


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Within the block, every step a reader reports goes to `listener`."""
    global _listener
    before, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = before
