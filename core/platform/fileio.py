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


def atomic_write(target: str | os.PathLike, data: bytes, *, source: str | os.PathLike | None = None, private: bool = False) -> None:
    """Write `data` to `target` all at once. `source`: the file the report was read from, never overwritten.

    The file gets the permissions any program of the user's gives a new file (0644 under umask 022:
    a district office shares exports on a network folder), or keeps those of the file it replaces;
    `private` (the clerk's autosaved work): readable by the user alone, as the temporary file is made.
    """
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
        if not private:
            _give_normal_permissions(handle, target)
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


def _give_normal_permissions(handle: int, target: Path) -> None:
    """mkstemp makes the file 0600; a new file of the user's is 0666 less the umask (POSIX; Windows has ACLs)."""
    if os.name != "posix":
        return
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o666 & ~current_umask()
    os.fchmod(handle, mode)


def current_umask() -> int:
    """The process's umask, read without changing it where Linux says it (/proc), else set and put back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
