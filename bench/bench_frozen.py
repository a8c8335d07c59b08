"""The frozen program: built as `./dev deb` builds it (in the Debian 11 root), its size unpacked and packed,
the build's time, the highest glibc/libstdc++ versions it needs, and its --self-test time next to the same
from source."""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, compiled_env, process_ms, row

TITLE = "安装包：大小、构建时间与自检时间（Debian 11 构建根中的 PyInstaller 单文件夹）"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run() -> list[str]:
    from ship import elf
    from ship.buildroot import FLOOR
    from ship.deb import build_in_root
    from ship.portable import build_zip

    bundle, deb, times = build_in_root(log=lambda *args: None)
    highest: dict[str, tuple[int, ...]] = {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and elf.is_elf(path):
            versions = set().union(set(), *elf.read(path).versions.values())
            for prefix in FLOOR:
                found = elf.highest(versions, prefix)
                if found and found > highest.get(prefix, ()):
                    highest[prefix] = found
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
    root_note = "made now (first build)" if times["root"] > 60 else "reused (a later build)"
    return [
        row("bundle unpacked (dist/nianbao)", _size(bundle) / mb, "MB", "≤ 135 MB"),
        row(".deb (xz)", deb.stat().st_size / mb, "MB"),
        row("portable zip (deflate)", packed_zip / mb, "MB"),
        row("build root (Debian 11, CPython compiled)", times["root"], "s", "", root_note),
        row("bundle and .deb in the root", times["build"], "s"),
        row("build in all (./dev deb)", times["root"] + times["build"], "s"),
        *[row(f"highest {prefix} needed", 0, "", f"≤ {elf.dotted(FLOOR[prefix])}", elf.dotted(highest.get(prefix))) for prefix in FLOOR],
        row("--self-test from source", source),
        row("--self-test frozen", frozen, target="≤ 1.2× source", note=f"{frozen / source:.2f}× source"),
    ]
