"""What the program and a worker say to each other over their pipe (progress steps are core.readers.progress.Step)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Bounds:
    """What one file may take in a worker: seconds of wall clock (read and checked), bytes of memory."""

    seconds: float
    memory: int


@dataclass(frozen=True)
class Job:
    task: Callable[[str], Any]  # module-level (or a partial of one): it travels pickled
    path: str


@dataclass(frozen=True)
class Answer:
    value: Any


@dataclass(frozen=True)
class Refusal:
    """The ReadError the task raised (a Chinese message), or the worker's own when it ran out of memory."""

    code: str
    message: str
    leaving: bool = False  # the worker ends after it (it ran out of memory): the next file needs a new one
