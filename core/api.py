"""The engine's front door: a path in, a checked report out. The command line and the window both use it."""
from __future__ import annotations

import logging

from core.assemble import build_report
from core.check import CheckResult, check
from core.model import Report
from core.platform.logs import ASK_SUPPORT
from core.readers import read_document
from core.readers.errors import ReadError
from core.readers.limits import MAX_WORK_MEMORY, past_memory_limit

log = logging.getLogger(__name__)


def open_report(path: str) -> Report:
    """Read and assemble one report. Every failure is a `ReadError` with a Chinese message."""
    try:
        return build_report(read_document(path))
    except ReadError as error:
        # What the clerk is told, and for support what lay behind it (the library's own error, if any).
        log.warning("%s cannot be read (%s): %s", path, error.code, error.message, exc_info=error.__cause__ or error.__context__)
        raise
    except MemoryError:  # in a worker: past its memory limit (core/readers/worker)
        log.error("%s: out of memory while reading", path)
        raise past_memory_limit(MAX_WORK_MEMORY) from None
    except RecursionError:
        log.error("%s: nested too deep to read", path)
        raise ReadError("corrupt", "文件结构异常（嵌套过深），无法读取。请用Word或WPS打开后另存一份再试。") from None
    except Exception as error:  # a reader's bug must not reach the clerk as a traceback
        log.exception("unexpected error reading %s", path)
        raise ReadError(
            "internal",
            f"读取这个文件时出现了意外问题（{type(error).__name__}），已记入日志。"
            f"请用Word或WPS打开后另存为.docx或PDF再试；如仍不行，{ASK_SUPPORT}。",
        ) from error


def check_file(path: str) -> CheckResult:
    return check(open_report(path))
