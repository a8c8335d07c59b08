"""The command line: `check PATH… [--json] [--previous LAST] [--summary OUT.xlsx]`,
`export PATH [--xlsx OUT] [--docx OUT] [--pdf OUT]`, `template --year Y --xlsx OUT`."""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TextIO

from core import __version__
from core.api import check_file
from core.batch import MAX_WORKERS, Item, check_against, check_many, report_files, totals, unreadable
from core.check import CheckResult, describe
from core.formats import FORMAT_NAMES, required_format
from core.platform.fileio import WriteError
from core.platform.paths import shown
from core.presentation import tag
from core.readers import READERS, UNSUPPORTED
from core.readers.errors import ReadError
from core.readers.kinds import main_extensions
from core.readers.progress import Step
from core.readers.worker import Worker
from core.serialize import dumps
from core.text.width import display_width
from core.usage import Parser, UsageError, usage_message

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE, EXIT_NOT_SAVED, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_USAGE = 2  # as argparse exits: the command line could not be understood
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl-C

# Prints a check report to PDF: `gui.printout.write_pdf`, handed in by main.py so that core never
# imports Qt; called only when a PDF is asked for.
PdfWriter = Callable[[CheckResult, str], None]

def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="main.py", description="政府信息公开工作年度报告检查")
    parser.add_argument("--version", action="version", version=f"年报检查 {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查一份或多份年度报告，或一个文件夹中的全部报告")
    check.add_argument("paths", nargs="+", metavar="PATH", help=f"报告文件（{' '.join(main_extensions())}）或文件夹（包括子文件夹）")
    check.add_argument("--json", action="store_true", help="以JSON输出每份报告的读取结果和检查结论")
    check.add_argument("--previous", metavar="LAST", help="同一机关上一年度的报告：核对上年结转、表二的衔接和照搬上年的文字")
    check.add_argument("--summary", metavar="OUT.xlsx", help="把每份报告的结论和全部问题写入一个Excel汇总表")
    check.add_argument("--jobs", type=int, metavar="N", help=f"同时检查的进程数（默认为CPU核数，最多{MAX_WORKERS}）")
    export = commands.add_parser("export", help="把报告的表格导出为Excel工作簿、更正后的Word文档，或把检查结果打印为PDF")
    export.add_argument("path", metavar="PATH", help="报告文件")
    export.add_argument("--xlsx", metavar="OUT.xlsx", help="按官方格式导出表格（合计为公式），附检查结果和说明")
    export.add_argument(
        "--docx", metavar="OUT.docx", help="原Word文档的副本，只改动更正过的单元格（命令行不做更正：内容与原文相同）"
    )
    export.add_argument("--pdf", metavar="OUT.pdf", help="可打印、供审核签字的检查单")
    template = commands.add_parser("template", help="生成某一年度格式的空白Excel模板")
    template.add_argument("--year", type=int, required=True, help="报告年度，如2024")
    template.add_argument("--xlsx", metavar="OUT.xlsx", required=True, help="模板保存位置")
    return parser


# --- what a clerk reads ------------------------------------------------------------------------


def _summary(item: Item) -> str:
    if not item.readable:
        return f"━━ {shown(item.path)}\n无法读取：{item.error_message}"
    layout = item.layout.name if item.layout else ""
    lines = [f"━━ {shown(item.path)}", item.title or "（没有标题）", describe(item.agency, item.year, layout)]
    lines.append(f"结论：{item.verdict_text}")
    for finding in item.problems:
        lines.append(f"  {tag(finding)}{finding.message}（{finding.rule}）")
    return "\n".join(lines)


def _exit_code(items: Sequence[Item]) -> int:
    if any(not i.readable for i in items):
        return EXIT_UNREADABLE
    if any(i.errors for i in items):
        return EXIT_FAILED
    return EXIT_OK


class ProgressBar:
    """「正在检查 [██████░░░░] 123/500 报告.docx」 on one terminal line, redrawn in place; a file being read
    says how far it has got after its name (「报告.pdf：正在读取第3页（3/12）」). One file: no bar, only that."""

    WIDTH = 24

    def __init__(self, stream: TextIO, files: Sequence[str]):
        self.stream = stream
        self.files = files
        self.done = 0
        self.shown = 0  # display width of the line now shown

    def update(self, done: int, total: int, item: Item) -> None:
        self.done = done
        if len(self.files) > 1:
            self._draw(os.path.basename(shown(item.path)))

    def step(self, index: int, step: Step) -> None:
        self._draw(f"{os.path.basename(shown(self.files[index]))}：{step.text}")

    def _draw(self, what: str) -> None:
        total = len(self.files)
        if total > 1:
            filled = self.WIDTH * self.done // total
            line = f"正在检查 [{'█' * filled}{'░' * (self.WIDTH - filled)}] {self.done}/{total} {what}"
        else:
            line = f"正在检查 {what}"
        line = _fit(line, shutil.get_terminal_size().columns - 1)
        width = display_width(line)
        self.stream.write("\r" + line + " " * max(0, self.shown - width))
        self.stream.flush()
        self.shown = width

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()


def _fit(text: str, columns: int) -> str:
    while display_width(text) > columns and text:
        text = text[:-1]
    return text


# --- running ---------------------------------------------------------------------------------


def _with_previous(path: str, previous: str, with_data: bool) -> tuple[Item, str | None]:
    """This year's check with last year's comparisons, both read in a worker; the second value: why last year's could not be read."""
    with Worker() as worker:
        try:
            return worker.run(partial(check_against, previous=previous, with_data=with_data), path)
        except ReadError as error:  # past a limit, or the worker died
            return unreadable(path, error, with_data), None


def run_check(args: argparse.Namespace) -> int:
    if args.summary and not args.summary.lower().endswith(".xlsx"):
        print("汇总表请保存为Excel文件，文件名以 .xlsx 结尾，如 --summary 汇总.xlsx", file=sys.stderr)
        return EXIT_NOT_SAVED
    files = report_files(args.paths, exclude=[args.summary] if args.summary else [])
    if not files:
        kinds = " ".join(sorted(set(READERS) | set(UNSUPPORTED)))
        print(f"在「{'」「'.join(args.paths)}」中没有找到报告文件（{kinds}）。请确认文件夹是否正确。")
        return EXIT_UNREADABLE
    previous_error = None
    if args.previous:
        if len(files) != 1:
            print("--previous（上年报告）只能与一份报告一起使用：请一次对照一个机关相邻两年的报告。", file=sys.stderr)
            return EXIT_UNREADABLE
        item, previous_error = _with_previous(files[0], args.previous, args.json)
        items = [item]
    else:
        bar = ProgressBar(sys.stderr, files) if sys.stderr.isatty() else None
        try:
            items = check_many(files, args.jobs, bar.update if bar else None, with_data=args.json, stepped=bar.step if bar else None)
        finally:
            if bar:
                bar.close()
    _print(items, args, previous_error)
    code = _exit_code(items)
    if previous_error:
        code = EXIT_UNREADABLE
    if args.summary:
        code = _save_summary(args.summary, items) or code
    return code


def _print(items: Sequence[Item], args: argparse.Namespace, previous_error: str | None) -> None:
    if args.json:
        results = [item.data for item in items]
        if args.previous and results[0] is not None:  # --json makes every item's data
            results[0]["previous"] = {"file": args.previous, "error": previous_error}
        print(dumps(results))
        return
    texts = [_summary(item) for item in items]
    if previous_error:
        texts[0] += f"\n  【无法对照】{previous_error}"
    if len(items) > 1:
        texts.append(totals(items))
    print("\n\n".join(texts))


def _save_summary(target: str, items: Sequence[Item]) -> int:
    from core.summary import write_summary  # openpyxl is loaded only for a summary

    try:
        write_summary(target, items)
    except WriteError as error:
        print(f"汇总表没有保存：{error.message}", file=sys.stderr)
        return EXIT_NOT_SAVED
    print(f"汇总表已保存：{target}", file=sys.stderr)
    return 0


def run_export(
    path: str, xlsx: str | None, docx: str | None, pdf: str | None, pdf_writer: Callable[[], PdfWriter] | None
) -> int:
    try:
        with Worker() as worker:
            result = worker.run(check_file, path)
    except ReadError as error:
        print(f"━━ {shown(path)}\n无法读取：{error.message}")
        return EXIT_UNREADABLE
    print(f"━━ {shown(path)}\n结论：{result.verdict.text}")
    code = EXIT_OK
    outputs = [
        (xlsx, lambda target: _write_xlsx(result, target)),
        (docx, lambda target: _write_docx(result, target)),
        (pdf, lambda target: _write_pdf(pdf_writer, result, target)),
    ]
    for target, write in outputs:
        if not target:
            continue
        try:
            note = write(target)  # what the clerk should know of what was written, if anything
        except WriteError as error:
            print(f"没有保存「{shown(target)}」：{error.message}")
            code = EXIT_NOT_SAVED
            continue
        print(f"已保存：{shown(target)}")
        if note:
            print(note)
    if code == EXIT_OK and not result.ok:
        listed = "，已在导出的检查结果中列出" if xlsx or pdf else ""  # the Word copy lists no findings
        print(f"报告还有{result.verdict.errors}处错误{listed}，请核对后再提交。")
    return code


def _write_xlsx(result: CheckResult, target: str) -> None:
    from core.export.xlsx import export_xlsx  # openpyxl only when a workbook is asked for

    export_xlsx(result, target)


def _write_docx(result: CheckResult, target: str) -> str:
    """The corrected Word copy; what the clerk should know of cells not written, if any."""
    from core.export.docx import export_docx

    return export_docx(result.report, target).message


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
        return EXIT_NOT_SAVED
    print(f"已保存{year}年度（{FORMAT_NAMES[str(required_format(year))]}格式）的空白模板：{target}")
    return EXIT_OK


def main(argv: Sequence[str], pdf_writer: Callable[[], PdfWriter] | None = None) -> int:
    """`pdf_writer` returns the function that prints a check report to PDF (it loads Qt)."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a GBK console must not fail on a rare character
    try:
        return _dispatch(argv, pdf_writer)
    except BrokenPipeError:  # `check … | head`: the reader went away; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C during an export or a template: files are written whole or not at all
        print("\n已中断。", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug of ours: the details to the log, a sentence to the clerk
        log.exception("unexpected error: %s", " ".join(argv))
        print(internal_error(error), file=sys.stderr)
        return EXIT_INTERNAL


def internal_error(error: BaseException) -> str:
    """What the clerk reads when the program itself went wrong: where the details are, and what to do."""
    from core.platform.logs import MENU_ITEM, current_log

    where = f"，详细情况已记入日志（{current_log()}）" if current_log() else ""
    return (
        f"程序出现了意外问题（{type(error).__name__}），没有完成{where}。"
        f"请再试一次；如仍不行，请把日志发给技术支持（窗口中“帮助→{MENU_ITEM}”可打包日志）。"
    )


def _dispatch(argv: Sequence[str], pdf_writer: Callable[[], PdfWriter] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        print(usage_message(error, argv), file=sys.stderr)
        return EXIT_USAGE
    if args.command == "check":
        if args.json and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")
        try:
            return run_check(args)
        except KeyboardInterrupt:
            print("\n已中断，没有检查完。", file=sys.stderr)
            return EXIT_INTERRUPTED
    if args.command == "export":
        if not (args.xlsx or args.docx or args.pdf):
            print("export 需要 --xlsx OUT.xlsx、--docx OUT.docx 或 --pdf OUT.pdf（至少一个）", file=sys.stderr)
            return EXIT_USAGE
        return run_export(args.path, args.xlsx, args.docx, args.pdf, pdf_writer)
    if args.command == "template":
        return run_template(args.year, args.xlsx)
    return EXIT_UNREADABLE
