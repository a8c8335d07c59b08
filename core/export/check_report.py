"""The printable check report: what a supervisor reads and signs.

The body, year and format, the verdict, the six sections, every balance with its numbers, every
finding, every correction a clerk made, and lines for the signatures. Plain HTML of the kind Qt's
rich text lays out (`gui/printout.py` prints it to PDF or to a printer); built here, without Qt, so
its content is tested as text.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from core.check import CheckResult
from core.export.facts import report_facts, report_title
from core.findings import Finding
from core.formats import TABLE_NAMES, cell_name
from core.formats.sections import SECTIONS
from core.model import Report
from core.presentation import META_NAMES, SEVERITY_NAMES, is_open, outcome_word, problem_order, worst_first
from core.rules.balances import balances
from core.rules.catalogue import CATALOGUE
from core.rules.structure import ST_1
from core.text.numbers import format_number

HEADING = "政府信息公开工作年度报告检查单"

_STYLE = """
body { font-size: 10.5pt; }
h1 { font-size: 18pt; text-align: center; margin-bottom: 2pt; }
h2 { font-size: 13pt; margin-top: 10pt; margin-bottom: 4pt; }
h3 { font-size: 11pt; margin-top: 8pt; margin-bottom: 2pt; }
p.title { font-size: 12pt; text-align: center; margin-top: 0; }
p.verdict { font-size: 14pt; font-weight: bold; }
th { background-color: #eeeeee; font-weight: bold; }
.failed { color: #b00000; font-weight: bold; }
.pending { color: #8a5a00; }
td, th { line-height: 18px; }
"""
# One line height for every font: Qt moves each cell's lines to the next page on its own, and
# Chinese and Latin lines of different heights would tear a row apart at a page break.


def check_report_html(result: CheckResult, now: datetime) -> str:
    report = result.report
    parts = [
        f"<html><head><meta charset='utf-8'><title>{escape(HEADING)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(HEADING)}</h1>",
        f"<p class='title'>{escape(report_title(report))}</p>",
        _table(("项目", "内容"), [(name, escape(value)) for name, value in report_facts(result, now)], widths=(22, 78)),
        "<h2>一、检查结论</h2>",
        f"<p class='verdict {_verdict_class(result)}'>{escape(result.verdict.text)}</p>",
        _sections(result),
        _balances(result),
        _findings(result),
        _corrections(report),
        _signatures(),
        "</body></html>",
    ]
    return "\n".join(parts)


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple[int, ...] = ()) -> str:
    """A table; `rows` hold HTML already escaped."""
    widths = widths or (0,) * len(header)
    cols = "".join(f"<th width='{w}%'>{escape(h)}</th>" if w else f"<th>{escape(h)}</th>" for h, w in zip(header, widths))
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>{cols}</tr>{body}</table>"


def _verdict_class(result: CheckResult) -> str:
    return {"error": "failed", "verify": "pending"}.get(result.verdict.level, "")


def _outcome(finding: Finding, result: CheckResult) -> str:
    text = outcome_word(finding, finding.key in result.confirmed)
    if finding.is_error:
        return f"<span class='failed'>{escape(text)}</span>"
    if is_open(finding, result.confirmed):
        return f"<span class='pending'>{escape(text)}</span>"
    return escape(text)


def _sections(result: CheckResult) -> str:
    report = result.report
    by_section = {f.section: f for f in result.findings if f.rule == ST_1.id}
    rows = []
    for spec in SECTIONS:
        section = report.sections[spec.id]
        finding = by_section.get(spec.id)
        written = escape(section.heading) if section.found and section.heading else "<span class='failed'>缺少</span>"
        message = escape(finding.message) if finding and finding.is_problem else ""
        rows.append((escape(spec.official), written, _outcome(finding, result) if finding else "", message))
    return "<h2>二、法定六部分</h2>" + _table(("部分", "报告中的标题", "结果", "说明"), rows, widths=(30, 30, 10, 30))


def _balances(result: CheckResult) -> str:
    report = result.report
    rules = list(dict.fromkeys(b.rule for b in balances(report.layout)))
    parts = ["<h2 style='page-break-before: always'>三、勾稽关系</h2>"]  # the first page: facts, verdict, sections
    for rule in rules:
        findings = [f for f in result.findings if f.rule == rule]
        parts.append(f"<h3>{escape(rule)} {escape(CATALOGUE[rule].title)}</h3>")
        if not findings:
            table = next(b for b in balances(report.layout) if b.rule == rule).cells[0].split(":", 1)[0]
            parts.append(f"<p>没有读到{TABLE_NAMES[table]}，无法核对。</p>")
            continue
        rows = [
            (escape(f.subject), _number(f.expected), _number(f.actual), _outcome(f, result), escape(f.message) if f.is_problem else "")
            for f in findings
        ]
        parts.append(_table(("核对对象", "各项之和", "填报数", "结果", "说明"), rows, widths=(18, 9, 9, 10, 54)))
    return "\n".join(parts)


def _number(value) -> str:
    return "—" if value is None or isinstance(value, str) else escape(format_number(value))


def _findings(result: CheckResult) -> str:
    balance_rules = {b.rule for b in balances(result.report.layout)}
    findings = result.findings
    others = {n for n, f in enumerate(findings) if f.rule not in balance_rules and f.rule != ST_1.id}
    problems = [findings[n] for n in problem_order(findings) if n in others]
    passed = [f for n, f in enumerate(findings) if n in others and not f.is_problem]
    parts = ["<h2>四、其他检查发现</h2>"]
    if problems:
        rows = [
            (str(n), escape(SEVERITY_NAMES[f.severity]), escape(f.rule), _outcome(f, result), escape(f.message))
            for n, f in enumerate(worst_first(problems), 1)
        ]
        parts.append(_table(("序号", "严重程度", "规则", "结果", "说明"), rows, widths=(6, 10, 8, 12, 64)))
    else:
        parts.append("<p>没有其他需要处理的问题。</p>")
    if passed:
        parts.append("<h3>已通过的检查</h3>")
        passed_rows = [(escape(f.rule), _outcome(f, result), escape(f.message)) for f in passed]
        parts.append(_table(("规则", "结果", "说明"), passed_rows, widths=(8, 12, 80)))
    return "\n".join(parts)


def _corrections(report: Report) -> str:
    rows = []
    for cid, value in report.corrections.items():
        read = report.cells[cid]
        written = escape(read.raw.strip()) if read.raw and read.raw.strip() else "空"
        rows.append((escape(cell_name(report.layout, cid)), written, escape(format_number(value))))
    for key, fact in report.meta_corrections.items():
        was = getattr(report.meta, key, None)
        rows.append((escape(META_NAMES.get(key, key)), escape(str(was) if was is not None else "未识别"), escape(str(fact))))
    if not rows:
        return "<h2>五、人工更正</h2><p>没有人工更正：以上结果均按报告原文检查。</p>"
    return "<h2>五、人工更正</h2>" + _table(("更正的格", "报告原值", "更正为"), rows, widths=(50, 25, 25))


def _signatures() -> str:
    blank = "&nbsp;" * 24
    rows = [
        (f"检查人（签字）：{blank}", f"日期：{'&nbsp;' * 6}年{'&nbsp;' * 4}月{'&nbsp;' * 4}日"),
        (f"审核人（签字）：{blank}", f"日期：{'&nbsp;' * 6}年{'&nbsp;' * 4}月{'&nbsp;' * 4}日"),
    ]
    body = "".join(f"<tr><td height='48' valign='bottom'>{a}</td><td valign='bottom'>{b}</td></tr>" for a, b in rows)
    return f"<h2>六、签字</h2><table cellpadding='6' width='100%'>{body}</table>"
