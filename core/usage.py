"""Command lines in Chinese: what argparse could not understand, said so a clerk can act on it.

Light on purpose (argparse and os only): main.py reads the window's command line with it before
anything else is loaded.
"""
from __future__ import annotations

import argparse
import os
from collections.abc import Sequence


class UsageError(Exception):
    """The command line could not be understood: argparse's complaint, said in Chinese by `usage_message`."""

    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser, self.message = parser, message


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints its English and exits: the caller says it in Chinese instead
        raise UsageError(self, message)


# argparse's complaints, in the words a clerk reads (the rest are shown as argparse words them).
_COMPLAINTS = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("expected one argument", "需要一个值"),
    ("invalid int value: ", "不是整数："),
    ("invalid choice: ", "没有这个命令："),
)


def usage_message(error: UsageError, argv: Sequence[str]) -> str:
    """What was wrong, in Chinese; a file named like an option (「-报告.docx」) gets how to name it; then the usage."""
    complaint = error.message
    for english, chinese in _COMPLAINTS:
        complaint = complaint.replace(english, chinese)
    lines = [f"命令行参数有误：{complaint}"]
    for arg in argv:
        if arg.startswith("-") and arg != "--" and os.path.exists(arg):
            lines.append(
                f"「{arg}」以“-”开头，会被当作选项。要打开这个文件，请把它写在“--”之后，"
                f"如：{error.parser.prog} -- {arg}，或写成 .{os.sep}{arg}。"
            )
    usage = error.parser.format_usage().replace("usage: ", "用法：", 1)
    return "\n".join(lines) + "\n" + usage.rstrip()
