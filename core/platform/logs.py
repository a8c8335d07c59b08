"""The program's log: every error with its details, for support. The clerk sees only the Chinese message.

`setup()` is called once, from main.py, for the command line and the window alike: every
record of the program (and of its libraries, from warnings up) goes to a rotating file in
the user's data folder (`core/platform/paths.data_dir()`/logs/nianbao.log and up to three older ones
of 1 MB). Nothing is printed: a log that cannot be written is silently skipped, never a
traceback on the clerk's screen. 帮助 → 导出诊断信息 packs these files (core/platform/diagnostics.py).
"""
from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "nianbao.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"
MENU_ITEM = "导出诊断信息"  # the window's 帮助 menu item that packs the log for support (core/platform/diagnostics.py)
# How every "unexpected error" message ends, in the window and in core: the way to support.
ASK_SUPPORT = f"请通过“帮助→{MENU_ITEM}”把日志发给技术支持"
# Libraries that explain every odd byte of a damaged file: only their errors are worth keeping.
QUIET = ("pdfminer", "pdfplumber", "PIL", "docx", "openpyxl")

_handler: RotatingFileHandler | None = None


def log_folder() -> Path:
    from core.platform.paths import data_dir

    return data_dir() / "logs"


def log_files(folder: Path | None = None) -> list[Path]:
    """The log files, newest first (nianbao.log, nianbao.log.1, …)."""
    folder = folder or log_folder()
    files = [folder / LOG_NAME] + [folder / f"{LOG_NAME}.{n}" for n in range(1, BACKUPS + 1)]
    return [f for f in files if f.is_file()]


def current_log() -> Path | None:
    """The file the log is written to, if `setup` made one."""
    return Path(_handler.baseFilename) if _handler else None


def setup(folder: Path | None = None, max_bytes: int = MAX_BYTES, rotate: bool = True) -> Path | None:
    """Send the program's log to the rotating file in `folder` (the data folder's logs/); returns the file.

    Called again it replaces the file it set up before. `rotate=False`: a worker process of a
    batch only appends; the program rotates the file (Windows lets no process rename a file
    another holds open: a worker rotating would lose the records instead). None: the folder
    cannot be written (a locked-down PC); the program runs on without a log.
    """
    global _handler
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        folder = folder or log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_NAME, maxBytes=max_bytes if rotate else 0, backupCount=BACKUPS, encoding="utf-8", delay=True,
            errors="backslashreplace",  # a file name that is not UTF-8 is logged with its bytes escaped, not dropped
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.ERROR)
    logging.raiseExceptions = False  # a full disk or a locked log file must never show the clerk a traceback
    logging.captureWarnings(True)  # Python's warnings go to the log, not to the console
    threading.excepthook = _log_thread_error
    _handler = handler
    return Path(handler.baseFilename)


def _log_thread_error(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is not SystemExit:
        logging.getLogger("core.thread").error(
            "unexpected error in thread %s", args.thread.name if args.thread else "?",
            exc_info=args.exc_value,  # the exception carries its traceback
        )


def started(what: str) -> None:
    """One line at the start of each run: which program, which version, what it was asked to do."""
    from core import __version__

    logging.getLogger("core").info("年报检查 %s %s (Python %s, %s)", __version__, what, sys.version.split()[0], sys.platform)
