"""When the program cannot start: a Chinese sentence (on stderr, and in a message box for the window),
exit status 4 and where the log with the details is — never a Python traceback.

What goes wrong at start is the PC, not the report: a system library missing, a system too old for
the bundle, a screen that cannot be reached. Imports nothing of Qt at module level: Qt may be what failed.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from gui import APP_NAME

EXIT_CANNOT_START = 4
SUPPORTED = "麒麟V10 SP1、Ubuntu 20.04、Debian 11 或更新的系统"
REINSTALL = "请用“sudo apt install ./nianbao_版本_amd64.deb”重新安装年报检查（这样会同时装上它需要的系统软件包）"


class CannotStart(Exception):
    """A start-up problem already put in words for the clerk."""


def guarded(main: Callable[[], int], window: bool) -> int:
    """`main()`, with whatever escapes it turned into the clerk's sentence and exit status 4."""
    try:
        return main()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        return 130
    except BaseException as error:  # noqa: BLE001 — the last line of defence: nothing may show a traceback
        return cannot_start(error, window)


def cannot_start(error: BaseException, window: bool) -> int:
    where = _log(error)
    message = explain(error) + (f"详细情况已记入日志：{where}" if where else "")
    _say(message, window)
    return EXIT_CANNOT_START


def explain(error: BaseException) -> str:
    if isinstance(error, CannotStart):
        return str(error)
    text = " ".join(str(e) for e in _chain(error))  # a frozen program's loader wraps the system's own words
    missing = re.search(r"(lib[\w.+-]+?\.so[\d.]*): cannot open shared object file", text)
    if missing:
        return f"{APP_NAME}无法启动：找不到库文件 {missing.group(1)}。{REINSTALL}。"
    too_old = re.search(r"((?:GLIBC|GLIBCXX|CXXABI)_[\d.]+)'? not found", text)
    if too_old:
        return f"{APP_NAME}无法启动：这台电脑的系统太旧（缺少 {too_old.group(1)}），本程序需要{SUPPORTED}。"
    return f"{APP_NAME}无法启动（{type(error).__name__}）。请重新安装；如仍不行，请把日志发给技术支持。"


def _chain(error: BaseException | None):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def check_window_platform() -> None:
    """Before Qt starts the window on Linux: a screen to show it on, and every library Qt's X11
    platform links. Qt itself would abort with an English line and a core dump instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return
    if not os.environ.get("DISPLAY"):
        raise CannotStart(f"{APP_NAME}没有找到图形界面（没有设置 DISPLAY）。请在桌面上打开{APP_NAME}；在命令行中检查报告请用“nianbao-cli check 报告文件”。")
    import ctypes

    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if plugin.is_file():
        ctypes.CDLL(str(plugin))  # OSError names the first library the system lacks
    if not _x_server_answers():
        display = os.environ["DISPLAY"]
        raise CannotStart(f"{APP_NAME}无法连接到图形界面（DISPLAY={display}）。请在桌面上打开{APP_NAME}；在命令行中检查报告请用“nianbao-cli check 报告文件”。")


def _x_server_answers() -> bool:
    """Whether the X server of DISPLAY accepts a connection (libxcb, as Qt will connect); True if that cannot be asked."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # Qt's own loading says what is missing
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(None, None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def _log(error: BaseException) -> Path | None:
    """The details, in the program's log if it can be had, else in a file of their own in the temp folder."""
    try:
        from core.platform import logs

        where = logs.current_log() or logs.setup()
        if where is not None:
            logging.getLogger("startup").error("%s cannot start", APP_NAME, exc_info=error)
            for handler in logging.getLogger().handlers:
                handler.flush()
            return where
    except Exception:  # noqa: BLE001 — the log itself may be what cannot be loaded
        pass
    try:
        where = Path(tempfile.gettempdir()) / "nianbao-start-error.log"
        where.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        return where
    except OSError:
        return None


def _say(message: str, window: bool) -> None:
    if sys.stderr is not None:  # a windowed Windows program has none
        try:
            print(message, file=sys.stderr, flush=True)
        except (OSError, UnicodeError):
            pass
    if window and sys.platform == "win32":
        try:
            import ctypes

            ctypes.windll.user32.MessageBoxW(None, message, APP_NAME, 0x10)  # MB_ICONERROR
        except Exception:  # noqa: BLE001
            pass
