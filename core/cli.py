"""The command line: `check PATH… [--json]`, `export PATH --xlsx OUT [--pdf OUT]`, `template --year Y --xlsx OUT`."""
from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from core import __version__
from core.api import check_file, open_report
from core.check import CheckResult, check as check_report
from core.fileio import WriteError
from core.findings import Outcome, Severity
from core.formats import FORMAT_NAMES, required_format
from core.readers.errors import ReadError
from core.serialize import dumps, error_dict, result_dict

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE, EXIT_UNWRITTEN = 0, 1, 2, 3

# Prints a check report to PDF: `gui.printout.write_pdf`, handed in by main.py so that core never
# imports Qt; called only when a PDF is asked for.
PdfWriter = Callable[[CheckResult, str], None]

_MARKS = {Severity.ERROR: "【错误】", Severity.WARNING: "【核实】", Severity.INFO: "【提示】"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="政府信息公开工作年度报告检查")
    parser.add_argument("--version", action="version", version=f"年报检查 {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查一份或多份年度报告")
    check.add_argument("paths", nargs="+", metavar="PATH", help="报告文件（.txt .md .docx .pdf .xlsx .html）")
    check.add_argument("--json", action="store_true", help="以JSON输出每份报告的读取结果和检查结论")
    export = commands.add_parser("export", help="把报告的表格导出为Excel工作簿，或把检查结果打印为PDF")
    export.add_argument("path", metavar="PATH", help="报告文件")
    export.add_argument("--xlsx", metavar="OUT.xlsx", help="按官方格式导出表格（合计为公式），附检查结果和说明")
    export.add_argument("--pdf", metavar="OUT.pdf", help="可打印、供审核签字的检查单")
    template = commands.add_parser("template", help="生成某一年度格式的空白Excel模板")
    template.add_argument("--year", type=int, required=True, help="报告年度，如2024")
    template.add_argument("--xlsx", metavar="OUT.xlsx", required=True, help="模板保存位置")
    return parser


def _summary(path: str, result: CheckResult) -> str:
    report = result.report
    required = required_format(report.year)
    lines = [f"━━ {path}", report.meta.title or "（没有标题）"]
    lines.append(
        f"机关：{report.agency or '未识别'}　年度：{report.year or '未识别'}　"
        f"表格格式：{FORMAT_NAMES.get(report.layout.name, report.layout.name)}"
        + (f"（{report.year}年度应为{FORMAT_NAMES[required]}）" if required else "")
    )
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


def run_export(path: str, xlsx: str | None, pdf: str | None, pdf_writer: Callable[[], PdfWriter] | None) -> int:
    from core.export.xlsx import export_xlsx  # openpyxl only for an export

    try:
        result = check_report(open_report(path))
    except ReadError as error:
        print(f"━━ {path}\n无法读取：{error.message}")
        return EXIT_UNREADABLE
    print(f"━━ {path}\n结论：{result.verdict.text}")
    code = EXIT_OK
    outputs = [(xlsx, lambda target: export_xlsx(result, target)), (pdf, lambda target: _write_pdf(pdf_writer, result, target))]
    for target, write in outputs:
        if not target:
            continue
        try:
            write(target)
        except WriteError as error:
            print(f"没有保存「{target}」：{error.message}")
            code = EXIT_UNWRITTEN
            continue
        print(f"已保存：{target}")
    if code == EXIT_OK and not result.ok:
        print(f"报告还有{result.verdict.errors}处错误，已在导出的检查结果中列出，请核对后再提交。")
    return code


def _write_pdf(pdf_writer: Callable[[], PdfWriter] | None, result: CheckResult, target: str) -> None:
    if pdf_writer is None:
        raise WriteError("no_pdf", "这个版本的程序不能生成PDF。")
    try:
        write = pdf_writer()
    except ImportError as error:  # Qt's libraries missing on this PC
        raise WriteError("no_pdf", f"无法加载生成PDF所需的图形组件（{error}）。请重新安装本程序。") from None
    write(result, target)


def run_template(year: int, target: str) -> int:
    from core.export.xlsx import export_template

    if year < 2019:
        print(f"{year}年度没有现行格式：现行的年度报告格式自2019年度起适用（国办公开办函〔2019〕60号）。")
        return EXIT_UNREADABLE
    try:
        export_template(year, target)
    except WriteError as error:
        print(f"没有保存「{target}」：{error.message}")
        return EXIT_UNWRITTEN
    print(f"已保存{year}年度（{FORMAT_NAMES[str(required_format(year))]}格式）的空白模板：{target}")
    return EXIT_OK


def main(argv: Sequence[str], pdf_writer: Callable[[], PdfWriter] | None = None) -> int:
    """`pdf_writer` returns the function that prints a check report to PDF (it loads Qt)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a GBK console must not fail on a rare character
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        if args.json and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8")
        return run_check(args.paths, args.json)
    if args.command == "export":
        if not (args.xlsx or args.pdf):
            parser.error("export 需要 --xlsx OUT.xlsx 或 --pdf OUT.pdf（或两者）")
        return run_export(args.path, args.xlsx, args.pdf, pdf_writer)
    if args.command == "template":
        return run_template(args.year, args.xlsx)
    return EXIT_UNREADABLE
