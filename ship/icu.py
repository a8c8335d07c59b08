"""Replacing Qt's 31 MB ICU data library by an empty one in the Linux build (see icu_stub.c for why)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

STUB_SOURCE = Path(__file__).with_name("icu_stub.c")
_DATA_RE = re.compile(r"(^|/)libicudata\.so\.(\d+)$")


def with_stub_icu_data(binaries: list, build_dir: Path) -> list:
    """The TOC with libicudata.so.NN built from icu_stub.c; unchanged (and said) where no C compiler is found."""
    result = []
    for dest, source, kind in binaries:
        match = _DATA_RE.search(dest.replace("\\", "/"))
        if match:
            stub = _compile(int(match.group(2)), build_dir)
            if stub is not None:
                source = str(stub)
        result.append((dest, source, kind))
    return result


def _compile(major: int, build_dir: Path) -> Path | None:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        print("ship/icu.py: no C compiler, keeping ICU's full data library (31 MB)")
        return None
    build_dir.mkdir(parents=True, exist_ok=True)
    out = build_dir / f"libicudata.so.{major}"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", f"-DICU_MAJOR={major}", f"-Wl,-soname,libicudata.so.{major}", "-o", str(out), str(STUB_SOURCE)],
        check=True,
    )
    return out
