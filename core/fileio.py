"""Writing files safely: every export and every autosave goes through here.

A file is written to a temporary file in the target folder and renamed over the
target in one step, so a crash or a power cut leaves either the old file or the
complete new one, never half of one. The file a report was read from is never
written over.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file that could not be written; `message` says why and what to do, in Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def atomic_write(target: str | os.PathLike, data: bytes, *, source: str | os.PathLike | None = None) -> None:
    """Write `data` to `target` all at once. `source`: the file the report was read from, never overwritten."""
    target = Path(target)
    if source is not None and target.exists() and same_file(target, source):
        raise WriteError("would_overwrite_source", f"不能覆盖原始文件「{target.name}」。请换一个文件名保存。")
    if _read_only(target):
        # Windows refuses to replace a read-only file; POSIX would replace it silently. Refuse on both.
        raise WriteError("read_only", f"「{target.name}」是只读文件，没有覆盖它。请换一个文件名保存，或先取消该文件的只读属性。")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WriteError("no_folder", f"文件夹「{folder}」不存在。请选择另一个保存位置。") from None
    except PermissionError:
        raise WriteError("read_only", f"没有权限在「{folder}」中保存文件。请选择另一个文件夹（如“文档”或桌面）。") from None
    except OSError as error:
        raise WriteError("write_failed", f"无法在「{folder}」中保存文件（{error.strerror}）。请选择另一个位置。") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except PermissionError:
        _discard(temp)
        raise WriteError(
            "locked",
            f"无法写入「{target.name}」：文件可能正在Excel或WPS中打开，或者是只读的。请先关闭该文件，或换一个文件名保存。",
        ) from None
    except OSError as error:
        _discard(temp)
        if error.errno == 28:
            raise WriteError("disk_full", "磁盘空间不足，文件没有保存。请清理磁盘或换一个位置保存。") from None
        raise WriteError("write_failed", f"无法保存「{target.name}」（{error.strerror}）。请换一个位置保存。") from None
    _sync_folder(folder)


def _read_only(target: Path) -> bool:
    try:
        return target.is_file() and not target.stat().st_mode & stat.S_IWUSR
    except OSError:
        return False


def _discard(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
