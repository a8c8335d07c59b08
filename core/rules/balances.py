"""The balances (勾稽关系) of tables 三 and 四, as equations over cell ids.

`balances(layout)` is the one list of every equation a layout has: the rules
check them, the window suggests fixes from them, the workbook writes them as
formulas.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from core.findings import Finding, Outcome
from core.formats import FORMATS, T3_OUTCOME_ROWS, cell_id, cell_names
from core.formats.spec import Layout
from core.formats.tables import T4_BLOCKS, T4_OUTCOMES
from core.model import Number, Report
from core.rules.catalogue import CATALOGUE
from core.text.numbers import format_number


@dataclass(frozen=True)
class Balance:
    rule: str
    key: str
    subject: str  # '自然人' (a column), '（一）予以公开' (a row), '行政复议'
    parts: tuple[str, ...]  # cells whose sum is expected …
    reported: tuple[str, ...]  # … to equal the sum of these

    @property
    def cells(self) -> tuple[str, ...]:
        return self.parts + self.reported


def balances(layout: Layout) -> tuple[Balance, ...]:
    return _balances(layout.t3.variant)


@lru_cache(maxsize=4)
def _balances(t3_variant: str) -> tuple[Balance, ...]:
    t3 = FORMATS[t3_variant].t3
    outcome_rows = T3_OUTCOME_ROWS[t3.variant]
    found: list[Balance] = []
    for column in t3.columns:
        col = column.id
        found.append(
            Balance(
                "T3-1",
                f"T3-1:{col}",
                column.name,
                (cell_id("t3", "1", col), cell_id("t3", "2", col)),
                (cell_id("t3", "3.7", col), cell_id("t3", "4", col)),
            )
        )
    for column in t3.columns:
        col = column.id
        found.append(
            Balance(
                "T3-2",
                f"T3-2:{col}",
                column.name,
                tuple(cell_id("t3", row, col) for row in outcome_rows),
                (cell_id("t3", "3.7", col),),
            )
        )
    applicants = [c.id for c in t3.columns if c.id != "total"]
    for row in t3.rows:
        found.append(
            Balance(
                "T3-3",
                f"T3-3:{row.id}",
                row.name,
                tuple(cell_id("t3", row.id, col) for col in applicants),
                (cell_id("t3", row.id, "total"),),
            )
        )
    for prefix, parents in T4_BLOCKS:
        found.append(
            Balance(
                "T4-1",
                f"T4-1:{prefix}",
                parents[-1],
                tuple(cell_id("t4", "1", f"{prefix}.{key}") for key, _ in T4_OUTCOMES),
                (cell_id("t4", "1", f"{prefix}.total"),),
            )
        )
    return tuple(found)


def _sum(values: list[Number]) -> Number:
    total: Number = 0
    for value in values:
        total += value
    return total


def evaluate(report: Report, balance: Balance) -> Finding:
    info = CATALOGUE[balance.rule]
    blank = [c for c in balance.cells if report.value(c) is None]
    common = dict(rule=balance.rule, severity=info.severity, key=balance.key, cells=balance.cells, subject=balance.subject)
    if blank:
        names = cell_names(report.layout, blank)
        return Finding(
            outcome=Outcome.NOT_ASSESSABLE,
            message=f"{_where(balance)}无法核对：{names}未填写或无法识别。",
            **common,
        )
    expected = _sum([report.value(c) for c in balance.parts])  # type: ignore[misc]
    actual = _sum([report.value(c) for c in balance.reported])  # type: ignore[misc]
    outcome = Outcome.PASSED if expected == actual else Outcome.FAILED
    return Finding(
        outcome=outcome,
        message=_message(balance, expected, actual),
        expected=expected,
        actual=actual,
        **common,
    )


def _where(balance: Balance) -> str:
    if balance.rule == "T4-1":
        return f"表四「{balance.subject}」"
    return f"表三「{balance.subject}」" + ("行" if balance.rule == "T3-3" else "列")


def _message(balance: Balance, expected: Number, actual: Number) -> str:
    e, a = format_number(expected), format_number(actual)
    diff = "" if expected == actual else f"，相差{format_number(abs(expected - actual))}"
    verdict = "，相符。" if expected == actual else f"{diff}。"
    if balance.rule == "T3-1":
        return f"表三「{balance.subject}」列：第一项加第二项之和为{e}，第三项（七）总计加第四项之和为{a}{verdict}"
    if balance.rule == "T3-2":
        return f"表三第（七）项总计：「{balance.subject}」列各项办理结果之和为{e}，填报为{a}{verdict}"
    if balance.rule == "T3-3":
        return f"表三「{balance.subject}」行：各类申请人之和为{e}，总计填报为{a}{verdict}"
    return f"表四「{balance.subject}」：结果维持、结果纠正、其他结果、尚未审结之和为{e}，总计填报为{a}{verdict}"


def check_balances(report: Report) -> Iterator[Finding]:
    for balance in balances(report.layout):
        table = balance.cells[0].split(":", 1)[0]
        if report.tables_found.get(table):
            yield evaluate(report, balance)
