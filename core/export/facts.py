"""What every export says about the report it came from: body, year, format, source, program, time."""
from __future__ import annotations

from datetime import datetime

from core import __version__
from core.check import CheckResult
from core.formats import FORMAT_DOCS, FORMAT_NAMES, required_format
from core.formats.sections import TITLE_CORE
from core.model import Report

PROGRAM = f"年报检查 {__version__}"


def report_title(report: Report) -> str:
    """「青山街道办事处2023年政府信息公开工作年度报告」 from the body and year as corrected."""
    if report.agency or report.year:
        return f"{report.agency or ''}{f'{report.year}年' if report.year else ''}{TITLE_CORE}"
    return report.meta.title or TITLE_CORE


def format_text(report: Report) -> str:
    """「2019版（2020年度应使用…）」: the tables' format, and the one the year requires when it differs."""
    name = report.layout.name
    required = required_format(report.year)
    text = FORMAT_NAMES.get(name, name)
    if required and required != name:
        return text + f"（{report.year}年度应使用{FORMAT_NAMES[required]}，{FORMAT_DOCS[required]}）"
    if name in FORMAT_DOCS:
        return text + f"（{FORMAT_DOCS[name]}）"
    return text


def when(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M")


def report_facts(result: CheckResult, now: datetime) -> list[tuple[str, str]]:
    report = result.report
    return [
        ("机关", report.agency or "未识别"),
        ("年度", f"{report.year}年" if report.year else "未识别"),
        ("表格格式", format_text(report)),
        ("报告标题", report.meta.title or "（报告没有标题）"),
        ("原文件", report.source),
        ("原文件指纹（SHA-256）", report.fingerprint),
        ("检查结论", result.verdict.text),
        ("程序版本", PROGRAM),
        ("检查时间", when(now)),
    ]
