"""What each cell may hold (T2-1, T2-2, T2-6, T3-4, T4-2).

Problems of the same kind in one table make one finding (「表三有118格填写「/」」):
a clerk fixes them together, and the window still marks every cell.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from core.findings import Finding, Outcome
from core.formats import TABLE_NAMES, cell_name, cell_names
from core.formats.spec import Kind
from core.model import Cell, Report, Written
from core.rules.catalogue import CATALOGUE
from core.text.numbers import format_number

DOMAIN_RULE = {"t2": "T2-1", "t3": "T3-4", "t4": "T4-2"}

# An amount of 100000 万元 is 10亿元: no 街道 or 局 collects fees or buys that much in a year.
IMPLAUSIBLE_WAN = 100_000


def _names(report: Report, cells: list[Cell], limit: int = 3) -> str:
    return cell_names(report.layout, (c.id for c in cells), limit)


def _examples(report: Report, cells: list[Cell]) -> str:
    return ("如" if len(cells) > 1 else "") + _names(report, cells, 2)


def _problem(cell: Cell, kind: Kind) -> str | None:
    """What is wrong with one cell's value, or None."""
    if cell.written in (Written.MISSING, Written.NONE_MARK, Written.BLANK, Written.UNREADABLE):
        return None  # reported in groups below (MISSING by ST-3)
    value = cell.value
    if value is None:
        return None
    if kind in (Kind.COUNT, Kind.SIGNED) and isinstance(value, Decimal) and value != value.to_integral_value():
        return "应为整数"
    if kind is not Kind.SIGNED and value < 0:
        return "不应为负数"
    return None


def check_domains(report: Report) -> Iterator[Finding]:
    for table in ("t2", "t3", "t4"):
        if report.tables_found.get(table):
            yield from _table_domain(report, table)


def _table_domain(report: Report, table: str) -> Iterator[Finding]:
    rule = DOMAIN_RULE[table]
    info = CATALOGUE[rule]
    spec = report.layout.table(table)
    cells = [report.cell(cid) for cid in spec.cell_ids]
    name = TABLE_NAMES[table]
    marks = [c for c in cells if c.written is Written.NONE_MARK]
    blanks = [c for c in cells if c.written is Written.BLANK]
    # a figure a scan's recogniser could not read for sure is no clerk's wrong writing: SC-1 lists those
    unreadable = [c for c in cells if c.written is Written.UNREADABLE and not (c.loc is not None and c.loc.kind == "scan")]
    with_unit = [c for c in cells if c.unit and c.written is Written.NUMBER]
    found = False

    def finding(key: str, message: str, group: list[Cell], **extra) -> Finding:
        return Finding(
            rule, info.severity, Outcome.FAILED, message, f"{rule}:{key}", tuple(c.id for c in group), subject=name, **extra
        )

    if marks:
        found = True
        written = "、".join(sorted({f"「{(c.raw or '').strip()}」" for c in marks}))
        yield finding(
            Written.NONE_MARK.value,  # the finding's key says which cells it is about: fixes.py offers its fix by it
            f"{name}有{len(marks)}格填写{written}（{_examples(report, marks)}）：已按0计算，但格式要求填数字0。",
            marks,
        )
    if blanks:
        found = True
        yield finding(
            Written.BLANK.value,
            f"{name}有{len(blanks)}格未填写（{_names(report, blanks)}）：需要这些格的核对无法进行，请填写数字（没有则填0）。",
            blanks,
        )
    for cell in unreadable:
        found = True
        yield finding(
            f"unreadable:{cell.id}",
            f"{cell_name(report.layout, cell.id)}填写的「{(cell.raw or '').strip()}」不是数字。",
            [cell],
            actual=None,
        )
    if with_unit and table != "t2":  # table 二's units are T2-2's business
        found = True
        yield finding(
            "unit",
            f"{name}有{len(with_unit)}格在数字后写了单位（{_examples(report, with_unit)}）：表格中只填数字。",
            with_unit,
        )
    for cell in cells:
        problem = _problem(cell, spec.kind_of(cell.id))
        if problem:
            found = True
            yield finding(
                f"value:{cell.id}",
                f"{cell_name(report.layout, cell.id)}填报为{format_number(cell.value)}，{problem}。",
                [cell],
                actual=cell.value,
            )
    if not found:
        yield Finding(
            rule, info.severity, Outcome.PASSED, f"{name}各格均为规范填写的数字。", f"{rule}:ok", subject=name
        )
    if table == "t2":
        yield from _t2_amounts(report, with_unit)
        yield from _t2_published(report)


def _t2_amounts(report: Report, with_unit: list[Cell]) -> Iterator[Finding]:
    info = CATALOGUE["T2-2"]
    spec = report.layout.t2
    problems = False
    if with_unit:
        problems = True
        units = "、".join(f"「{(c.raw or '').strip()}」" for c in with_unit[:3])
        yield Finding(
            "T2-2",
            info.severity,
            Outcome.FAILED,
            f"表二有{len(with_unit)}格在数字后写了单位（{units}）：表格中只填数字"
            + ("，金额单位按表头（万元）。" if spec.variant == "2021" else "，单位写在表头。"),
            "T2-2:unit",
            tuple(c.id for c in with_unit),
            subject="表二",
        )
    for cid in spec.cell_ids:
        kind = spec.kind_of(cid)
        cell = report.cell(cid)
        if kind not in (Kind.WAN, Kind.AMOUNT) or cell.value is None or cell.value < IMPLAUSIBLE_WAN:
            continue
        if kind is Kind.AMOUNT and cell.unit:
            continue  # the unit is written: nothing to guess
        problems = True
        value = Decimal(cell.value)
        as_wan = _money(value * 10000)
        as_yuan = _money(value)
        if kind is Kind.AMOUNT:
            text = f"{cell_name(report.layout, cid)}填报为{format_number(cell.value)}，没有写明单位：若单位为万元即{as_wan}，若为元即{as_yuan}。请在表中写明单位（建议以万元填报）。"
        else:
            text = f"{cell_name(report.layout, cid)}填报为{format_number(cell.value)}万元，即{as_wan}，数额异常，可能把“元”当成了“万元”。请核实。"
        yield Finding("T2-2", info.severity, Outcome.FAILED, text, f"T2-2:amount:{cid}", (cid,), actual=cell.value, subject="表二")
    if not problems:
        yield Finding("T2-2", info.severity, Outcome.PASSED, "表二金额单位明确、数额合理。", "T2-2:ok", subject="表二")


def _money(yuan: Decimal) -> str:
    """32123000 元 → '3212.3万元'; in 亿元 above 1亿."""
    if yuan >= 100_000_000:
        return f"{format_number((yuan / 100_000_000).quantize(Decimal('0.1')))}亿元"
    if yuan >= 10_000:
        return f"{format_number((yuan / 10_000).quantize(Decimal('0.1')))}万元"
    return f"{format_number(yuan)}元"


def _t2_published(report: Report) -> Iterator[Finding]:
    if report.layout.t2.variant != "2019":
        return
    info = CATALOGUE["T2-6"]
    for row, label in (("rules", "规章"), ("normative", "规范性文件")):
        new, total = f"t2:{row}/new_published", f"t2:{row}/total_published"
        a, b = report.value(new), report.value(total)
        cells = (new, total)
        if a is None or b is None:
            yield Finding("T2-6", info.severity, Outcome.NOT_ASSESSABLE, f"表二「{label}」：本年新公开数量或对外公开总数量未填写，无法比较。", f"T2-6:{row}", cells, subject=label)
        elif a > b:
            yield Finding("T2-6", info.severity, Outcome.FAILED, f"表二「{label}」：本年新公开数量{a}大于对外公开总数量{b}。", f"T2-6:{row}", cells, expected=b, actual=a, subject=label)
        else:
            yield Finding("T2-6", info.severity, Outcome.PASSED, f"表二「{label}」：本年新公开数量{a}不大于对外公开总数量{b}。", f"T2-6:{row}", cells, subject=label)
