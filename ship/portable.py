"""Packs the PyInstaller folder as a portable zip: unzip anywhere and run, settings stay beside the program.

    .venv/bin/python -m ship.portable dist/nianbao dist/nianbao-portable-0.1.0.zip

The marker file `portable.ini` beside the program tells it to keep its settings, autosaved
corrections and log in the `data` folder next to it instead of the user's profile
(see core/platform/paths.py), so the whole program moves on a USB stick.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

MARKER = "portable.ini"
MARKER_TEXT = "; 有这个文件时，年报检查把设置和自动保存的更正放在旁边的 data 文件夹里（便携版）。\n"


def build_zip(bundle: Path, out: Path, top: str = "年报检查") -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(bundle.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}/{path.relative_to(bundle).as_posix()}")
        archive.writestr(f"{top}/{MARKER}", MARKER_TEXT.encode("utf-8"))
    return out


if __name__ == "__main__":
    print(build_zip(Path(sys.argv[1]), Path(sys.argv[2])))
