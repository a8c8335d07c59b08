"""The command line: `python main.py check PATH… [--json]`."""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from core import __version__
from core.api import check_file
from core.check import CheckResult, describe_report
from core.findings import Outcome, Severity
from core.readers.errors import ReadError
from core.serialize import dumps, error_dict, result_dict

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2

_MARKS = {Severity.ERROR: "【错误】", Severity.WARNING: "【核实】", Severity.INFO: "【提示】"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="政府信息公开工作年度报告检查")
    parser.add_argument("--version", action="version", version=f"年报检查 {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查一份或多份年度报告")
    check.add_argument("paths", nargs="+", metavar="PATH", help="报告文件（.txt .md .docx .pdf .xlsx .html）")
    check.add_argument("--json", action="store_true", help="以JSON输出每份报告的读取结果和检查结论")
    return parser


def _summary(path: str, result: CheckResult) -> str:
    report = result.report
    lines = [f"━━ {path}", report.meta.title or "（没有标题）", describe_report(report)]
    lines.append(f"结论：{result.verdict.text}")
    for finding in result.findings:
        if finding.outcome in (Outcome.FAILED, Outcome.NOT_ASSESSABLE):
            mark = "【无法判断】" if finding.outcome is Outcome.NOT_ASSESSABLE else _MARKS[finding.severity]
            lines.append(f"  {mark}{finding.message}（{finding.rule}）")
    return "\n".join(lines)


def run_check(paths: Sequence[str], as_json: bool) -> int:
    outputs, code = [], EXIT_OK
    for path in paths:
        try:
            result = check_file(path)
        except ReadError as error:
            code = EXIT_UNREADABLE
            outputs.append(error_dict(path, error) if as_json else f"━━ {path}\n无法读取：{error.message}")
            continue
        if not result.ok and code == EXIT_OK:
            code = EXIT_FAILED
        outputs.append(result_dict(path, result) if as_json else _summary(path, result))
    if as_json:
        print(dumps(outputs))
    else:
        print("\n\n".join(outputs))
    return code


def main(argv: Sequence[str]) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a GBK console must not fail on a rare character
    args = _parser().parse_args(argv)
    if args.command == "check":
        if args.json and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8")
        return run_check(args.paths, args.json)
    return EXIT_UNREADABLE
