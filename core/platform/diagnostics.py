"""帮助 → 导出诊断信息: the log, the program's version and the system's facts, packed into one zip to send to support.

Plain functions for the window's menu (which adds what only it knows, such as Qt's version,
as `extra`). Nothing of the clerk's reports goes in besides what the log says about them
(their file names, and why one could not be read).
"""
from __future__ import annotations

import io
import json
import locale
import os
import platform
import sys
import zipfile
from collections.abc import Mapping
from datetime import datetime
from importlib import metadata
from pathlib import Path

from core import __version__
from core.platform import logs
from core.platform.fileio import atomic_write

# The libraries whose versions support asks for first (the rest of requirements.txt matters less).
PACKAGES = (
    "PySide6-Essentials", "openpyxl", "python-docx", "pdfplumber", "pdfminer.six", "pypdfium2", "lxml", "defusedxml", "opencc",
    "numpy", "onnxruntime", "rapidocr_onnxruntime",  # reading scans (the last carries the recognition model)
)
FACTS_NAME = "系统信息.json"


def default_name(now: datetime | None = None) -> str:
    """The file name the window offers: 年报检查诊断信息-20240301-0930.zip."""
    return f"年报检查诊断信息-{(now or datetime.now()):%Y%m%d-%H%M}.zip"


def facts(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The program and the system it runs on, as support needs them; `extra` adds the window's own (Qt …)."""
    from core.platform.paths import data_dir, is_portable

    found = {
        "程序版本": __version__,
        "时间": datetime.now().astimezone().isoformat(timespec="seconds"),
        "运行方式": "打包程序" if getattr(sys, "frozen", False) else "源代码",
        "便携版": "是" if is_portable() else "否",
        "操作系统": platform.platform(),
        "处理器": platform.machine(),
        "处理器核数": str(os.cpu_count()),
        "Python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "区域设置": ".".join(filter(None, locale.getlocale())) or "未知",
        "文字编码": f"{locale.getpreferredencoding(False)}；文件名 {sys.getfilesystemencoding()}",
        "数据文件夹": str(data_dir()),
        "日志文件": str(logs.current_log() or "（没有日志）"),
    }
    for package in PACKAGES:
        found[package] = _version(package)
    found.update(extra or {})
    return found


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "未知"  # a frozen build may leave the packages' metadata out


def pack(extra: Mapping[str, str] | None = None, log_folder: Path | None = None) -> bytes:
    """The zip: 系统信息.json and the log files, as they are now."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(FACTS_NAME, json.dumps(facts(extra), ensure_ascii=False, indent=2))
        for path in logs.log_files(log_folder):
            try:
                archive.writestr(f"日志/{path.name}", path.read_bytes())
            except OSError as error:  # a log file being rotated away this instant
                archive.writestr(f"日志/{path.name}.无法读取.txt", str(error))
    return out.getvalue()


def write_diagnostics(target: str | os.PathLike, extra: Mapping[str, str] | None = None, log_folder: Path | None = None) -> None:
    """Write the diagnostics zip to `target` all at once (core/platform/fileio.atomic_write: WriteError says why it could not)."""
    atomic_write(target, pack(extra, log_folder))
