"""A district's folder of 500 reports checked with `--summary`: wall time, and the speed-up of two processes over one.

The file kind is a parameter: `BENCH_BATCH_KIND=docx ./dev bench batch` (default txt);
`BENCH_BATCH_COUNT` changes the number of reports. The reports are the five seeds and
the sample, each copy under another body's name and with other numbers (balanced, so
the copies differ the way real reports do), rendered in every text layout, in
sub-folders of 50.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, SEEDS, process_ms, row

TITLE = "批量检查：文件夹中的500份报告（--summary）"
TARGET_S = 30
LAYOUTS = ("cells", "pipe", "tabs", "spaces")


def _bases():
    from core.api import open_report
    from tests.fixtures.text_render import from_report

    return [from_report(open_report(str(p))) for p in [*SEEDS, ROOT / "resources" / "samples" / "sample-2023.txt"]]


def _variant(base, n: int):
    """Copy n of a report: another body's name, a few more requests received and granted."""
    data = type(base)(**{**base.__dict__, "cells": dict(base.cells), "sections": list(base.sections)})
    if data.title:
        data.title = f"第{n}号" + data.title
    extra = n % 7
    for row_id in ("1", "3.1"):
        for col in ("natural", "total"):
            cid = f"t3:{row_id}/{col}"
            raw = data.cells.get(cid, "")
            if raw.strip().isdigit():
                data.cells[cid] = str(int(raw) + extra)
    return data


def _writer(kind: str):
    if kind == "txt":
        from tests.fixtures.text_render import render_text

        def write(data, path: Path, n: int) -> None:
            path.write_text(render_text(data, LAYOUTS[n % len(LAYOUTS)]), encoding="utf-8")

        return write
    if kind == "docx":
        from tests.fixtures.docx_render import render_docx  # the official template, filled

        def write(data, path: Path, n: int) -> None:
            path.write_bytes(render_docx(data))

        return write
    raise ValueError(f"unknown kind {kind!r}: txt or docx")


def make_folder(folder: Path, kind: str, count: int) -> None:
    bases = _bases()
    write = _writer(kind)
    for n in range(count):
        sub = folder / f"片区 {n // 50 + 1:02d}"
        sub.mkdir(exist_ok=True)
        write(_variant(bases[n % len(bases)], n), sub / f"{n:03d} 年度报告.{kind}", n)


def run() -> list[str]:
    kind = os.environ.get("BENCH_BATCH_KIND", "txt")
    count = int(os.environ.get("BENCH_BATCH_COUNT", "500"))
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "各单位年报"
        folder.mkdir()
        make_folder(folder, kind, count)
        summary = Path(tmp) / "汇总.xlsx"
        command = [sys.executable, str(ROOT / "main.py"), "check", str(folder), "--summary", str(summary)]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        times: dict[str, list[float]] = {"1": [], "2": []}
        for _ in range(3):  # alternated, so a change in the machine's load hits both alike
            for jobs in times:
                times[jobs].append(process_ms(command + ["--jobs", jobs], runs=1) / 1000)
        if not summary.exists():
            return ["  the summary workbook was not written: run the command by hand to see why"]
    one, two = statistics.median(times["1"]), statistics.median(times["2"])
    lines.append(row(f"{count} .{kind} reports, 1 process", one, "s", note=f"load average {load:.2f} (other users of the cores)"))
    lines.append(
        row(f"{count} .{kind} reports, 2 processes", two, "s", target=f"< {TARGET_S} s", note=f"{one / two:.2f}× one process, {two * 1000 / count:.1f} ms a report")
    )
    return lines
