"""年报检查 — checks a 政府信息公开工作年度报告 before it is submitted.

    python main.py                 open the window
    python main.py REPORT          open the window on a report
    python main.py check PATH…     check on the command line (see `check --help`)
    python main.py export PATH [--xlsx OUT.xlsx] [--docx OUT.docx] [--pdf OUT.pdf]
    python main.py template --year 2024 --xlsx OUT.xlsx
    python main.py --self-test     prove this copy of the program works on this PC
"""
from __future__ import annotations

import argparse
import sys

CLI_COMMANDS = {"check", "export", "template", "--version", "-h", "--help"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _start(argv)
    if argv[:1] == ["--self-test"]:
        from gui.selftest import run_self_test

        return run_self_test()
    if argv and argv[0] in CLI_COMMANDS:
        from core.cli import main as cli_main

        return cli_main(argv, pdf_writer=_pdf_writer)
    args = window_arguments(argv)
    begun = _begin_reading(args.report) if args.report else None  # forked before anything of Qt is loaded
    from gui.startup import check_window_platform

    check_window_platform()  # a missing X library or no screen: said in Chinese, not Qt's abort
    from gui.app import run  # imported only for the window: `check` never loads Qt

    return run(args, begun)


def window_arguments(argv: list[str]) -> argparse.Namespace:
    """`main.py [REPORT] [--screenshot OUT.png]`, read before Qt is loaded: a report to open has the engine loaded first.

    A command line it cannot understand is said in Chinese, and the program exits with 2.
    """
    from core.usage import Parser, UsageError, usage_message
    from gui import APP_NAME

    parser = Parser(prog="main.py", description=f"{APP_NAME}：打开窗口检查政府信息公开工作年度报告")
    parser.add_argument("report", nargs="?", help="要打开的报告文件")
    parser.add_argument("--screenshot", metavar="OUT.png", help="打开报告、检查完毕后把窗口保存为图片并退出")
    try:
        return parser.parse_args(argv)
    except UsageError as error:
        print(usage_message(error, argv), file=sys.stderr)
        raise SystemExit(2) from None


def _start(argv: list[str]) -> None:
    """First of all, for the command line and the window alike: the log, and the guard that keeps the network out."""
    from core.platform import logs, nonet

    logs.setup()
    nonet.forbid_network()
    logs.started(argv[0] if argv and (argv[0] in CLI_COMMANDS or argv[0] == "--self-test") else "window")


def _load_engine() -> None:
    """The engine, loaded before Qt when the window is to open a report at once.

    The reading thread would load it a moment later anyway, and cost more: once PySide is loaded it
    reads the source of every module imported after it (looking for `from __feature__ import`),
    0.2–0.3 ms a module. Loaded first, the sample's start reads 71 sources instead of 116 (15 ms
    instead of 34). A thread gains nothing by loading the engine while the window is built: both
    need the GIL. The empty window (no report named) still comes up without it.
    """
    import core.api  # noqa: F401  (the readers, the assembly and the rules)
    import core.work.autosave  # noqa: F401  (the clerk's saved work, looked for when the report is shown)
    import core.work.fixes  # noqa: F401


def _begin_reading(report: str):
    """The named report's worker, forked while this process has neither Qt nor its threads (afterwards the window
    starts its workers afresh): the report is read while the window is built, and the worker, the engine loaded
    with it, stays for the next file. None if it cannot be forked (Windows): the window starts one as usual."""
    import multiprocessing
    import os

    _load_engine()
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    from core.api import check_file
    from core.readers.worker import Worker

    worker = Worker("fork")
    worker.begin(check_file, os.path.abspath(report))
    return worker


def _pdf_writer():
    from gui.printout import write_pdf  # Qt is loaded only when a PDF is asked for

    return write_pdf


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the Windows build: `check FOLDER`'s worker processes start here
        import multiprocessing

        multiprocessing.freeze_support()
    from gui.startup import guarded  # whatever escapes: a Chinese sentence, the log's path, exit status 4

    sys.exit(guarded(main, window=not set(sys.argv[1:2]) & (CLI_COMMANDS | {"--self-test"})))
