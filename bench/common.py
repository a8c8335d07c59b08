"""Timing helpers shared by the benchmarks."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT))


def median_ms(fn: Callable[[], object], runs: int = 50, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def interleaved_ms(fns: dict[str, Callable[[], object]], runs: int = 50, warmup: int = 3) -> dict[str, float]:
    """Median time of each function, run in turn (one of each per round): a busy machine slows them all alike,
    so the ratios between them hold where separate medians, taken minutes apart, would not."""
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def compiled_env(folder: Path) -> dict[str, str]:
    """This environment, with Python free to keep compiled bytecode (in `folder`), as the frozen build has it:
    where PYTHONDONTWRITEBYTECODE is set, every start from source would compile all of the program again."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(folder / "bytecode")
    return env


def process_ms(args: list[str], runs: int = 7, env: dict[str, str] | None = None) -> float:
    """Median wall time of a whole process, start to exit."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def row(name: str, value: float, unit: str = "ms", target: str = "", note: str = "") -> str:
    return f"  {name:<44} {value:>9.2f} {unit:<3} {target:<14} {note}"
