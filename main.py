"""年报检查 — checks a 政府信息公开工作年度报告 before it is submitted.

    python main.py                 open the window
    python main.py REPORT          open the window on a report
    python main.py check PATH…     check on the command line (see `check --help`)
    python main.py export PATH [--xlsx OUT.xlsx] [--docx OUT.docx] [--pdf OUT.pdf]
    python main.py template --year 2024 --xlsx OUT.xlsx
    python main.py --self-test     prove this copy of the program works on this PC
"""
from __future__ import annotations

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
    from gui.app import run  # imported only for the window: `check` never loads Qt

    return run(argv)


def _start(argv: list[str]) -> None:
    """First of all, for the command line and the window alike: the log, and the guard that keeps the network out."""
    from core import logs, nonet

    logs.setup()
    nonet.forbid_network()
    logs.started(argv[0] if argv and (argv[0] in CLI_COMMANDS or argv[0] == "--self-test") else "window")


def _pdf_writer():
    from gui.printout import write_pdf  # Qt is loaded only when a PDF is asked for

    return write_pdf


if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # the Windows build: `check FOLDER`'s worker processes start here
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
