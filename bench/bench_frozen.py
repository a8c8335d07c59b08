"""The frozen program: its size unpacked and packed, and its --self-test time next to the same from source."""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, compiled_env, process_ms, row

TITLE = "安装包：大小与自检时间（PyInstaller 单文件夹）"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run() -> list[str]:
    from ship.deb import build_bundle, build_deb
    from ship.portable import build_zip

    bundle = build_bundle()
    deb = build_deb(bundle, ROOT / "dist")
    with tempfile.TemporaryDirectory() as folder:
        packed_zip = build_zip(bundle, Path(folder) / "portable.zip").stat().st_size
        env = compiled_env(Path(folder))  # the source run with its bytecode compiled, as the frozen one has it
        process_ms([sys.executable, str(ROOT / "main.py"), "--self-test"], runs=1, env=env)  # compiles it
        frozen_runs, source_runs = [], []
        for _ in range(5):  # alternated, so a change in the machine's load hits both alike
            frozen_runs.append(process_ms([str(bundle / "nianbao-cli"), "--self-test"], runs=1))
            source_runs.append(process_ms([sys.executable, str(ROOT / "main.py"), "--self-test"], runs=1, env=env))
    frozen, source = statistics.median(frozen_runs), statistics.median(source_runs)
    mb = 1024 * 1024
    return [
        row("bundle unpacked (dist/nianbao)", _size(bundle) / mb, "MB", "< 150 MB"),
        row(".deb (xz)", deb.stat().st_size / mb, "MB"),
        row("portable zip (deflate)", packed_zip / mb, "MB"),
        row("--self-test from source", source),
        row("--self-test frozen", frozen, target="≤ 1.2× source", note=f"{frozen / source:.2f}× source"),
    ]
