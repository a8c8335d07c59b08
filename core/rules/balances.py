"""The balances (勾稽关系) of tables 三 and 四, as equations over cell ids.

`balances(layout)` is the one list of every equation a layout has: the rules
check them, the window suggests fixes from them, the workbook writes them as
formulas.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from core.findings import Finding, Outcome, Severity
from core.formats import FORMATS, T3_OUTCOME_ROWS, cell_id, cell_names
from core.formats.spec import Layout
from core.formats.tables import T4_BLOCKS, T4_OUTCOMES
from core.model import Number, Report
from core.rules.entry import FORM, RuleEntry
from core.rules.examples import Example, Fragment
from core.text.numbers import format_number


@dataclass(frozen=True)
class Balance:
    entry: RuleEntry
    key: str
    subject: str  # '自然人' (a column), '（一）予以公开' (a row), '行政复议'
    parts: tuple[str, ...]  # cells whose sum is expected …
    reported: tuple[str, ...]  # … to equal the sum of these

    @property
    def rule(self) -> str:
        return self.entry.id

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
                T3_1,
                T3_1.key(col),
                column.name,
                (cell_id("t3", "1", col), cell_id("t3", "2", col)),
                (cell_id("t3", "3.7", col), cell_id("t3", "4", col)),
            )
        )
    for column in t3.columns:
        col = column.id
        found.append(
            Balance(
                T3_2,
                T3_2.key(col),
                column.name,
                tuple(cell_id("t3", row, col) for row in outcome_rows),
                (cell_id("t3", "3.7", col),),
            )
        )
    applicants = [c.id for c in t3.columns if c.id != "total"]
    for row in t3.rows:
        found.append(
            Balance(
                T3_3,
                T3_3.key(row.id),
                row.name,
                tuple(cell_id("t3", row.id, col) for col in applicants),
                (cell_id("t3", row.id, "total"),),
            )
        )
    for prefix, parents in T4_BLOCKS:
        found.append(
            Balance(
                T4_1,
                T4_1.key(prefix),
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
    blank = [c for c in balance.cells if report.value(c) is None]
    common: dict[str, Any] = dict(cells=balance.cells, subject=balance.subject)
    if blank:
        names = cell_names(report.layout, blank)
        return balance.entry.finding(Outcome.NOT_ASSESSABLE, f"{_where(balance)}无法核对：{names}未填写或无法识别。", balance.key, **common)
    expected = _sum([report.value(c) for c in balance.parts])  # type: ignore[misc]  # none blank (above)
    actual = _sum([report.value(c) for c in balance.reported])  # type: ignore[misc]  # none blank (above)
    outcome = Outcome.PASSED if expected == actual else Outcome.FAILED
    return balance.entry.finding(outcome, _message(balance, expected, actual), balance.key, expected=expected, actual=actual, **common)


def balance_words(balance: Balance) -> str:
    """The balance itself, as a clerk reads it on the form: 「表三「自然人」列：一＋二＝（七）总计＋四」."""
    return f"{_where(balance)}：{WORDS[balance.rule].equation}"


def _where(balance: Balance) -> str:
    return WORDS[balance.rule].where.format(subject=balance.subject)


def _message(balance: Balance, expected: Number, actual: Number) -> str:
    gap = expected - actual if expected > actual else actual - expected
    verdict = "，相符。" if expected == actual else f"，相差{format_number(gap)}。"
    said = WORDS[balance.rule].checked.format(subject=balance.subject, expected=format_number(expected), actual=format_number(actual))
    return said + verdict


def check_balances(report: Report) -> Iterator[Finding]:
    for balance in balances(report.layout):
        table = balance.cells[0].split(":", 1)[0]
        if report.tables_found.get(table):
            yield evaluate(report, balance)


# --- the catalogue entries ---------------------------------------------------------------

T3_1 = RuleEntry(
    "T3-1",
    Severity.ERROR,
    "t3",
    "各列：第一项＋第二项＝第三项（七）总计＋第四项",
    FORM + "表三「本列数据的勾稽关系」",
    about="per column: 一 + 二 = （七）总计 + 四 (the rule printed in the table)",
    check=check_balances,
    examples=(
        Example("every column balances", Fragment(), Outcome.PASSED),
        Example("「/」 counted as 0", Fragment(cells={"t3:1/research": "/"}), Outcome.PASSED, ("research",)),
        Example(
            "one business request neither completed nor carried on (the 总计 column still balances)",
            Fragment(cells={"t3:1/business": "4"}),
            Outcome.FAILED,
            ("business",),
        ),
        Example("a blank 上年结转", Fragment(cells={"t3:2/natural": ""}), Outcome.NOT_ASSESSABLE, ("natural",)),
        Example("no table 三", Fragment(without=("t3",)), None),
    ),
)
T3_2 = RuleEntry(
    "T3-2",
    Severity.ERROR,
    "t3",
    "各列：（七）总计＝各项办理结果之和",
    FORM + "表三",
    about="per column: （七）总计 = the sum of all outcome rows",
    check=check_balances,
    examples=(
        Example("（七）总计 the sum of the outcomes", Fragment(), Outcome.PASSED),
        Example(
            "one more 予以公开 than （七）总计 counts",
            Fragment(cells={"t3:3.1/natural": "9", "t3:3.1/total": "11"}),
            Outcome.FAILED,
            ("natural", "total"),
        ),
        Example("a blank 予以公开", Fragment(cells={"t3:3.1/natural": ""}), Outcome.NOT_ASSESSABLE, ("natural",)),
    ),
)
T3_3 = RuleEntry(
    "T3-3",
    Severity.ERROR,
    "t3",
    "各行：总计＝各类申请人之和",
    FORM + "表三",
    about="per row: 总计 = the six applicant columns",
    check=check_balances,
    examples=(
        Example("every row's 总计 its applicants' sum", Fragment(), Outcome.PASSED),
        Example("部分公开's 总计 4, its applicants 3", Fragment(cells={"t3:3.2/total": "4"}), Outcome.FAILED, ("3.2",)),
        Example("a blank 总计", Fragment(cells={"t3:3.2/total": ""}), Outcome.NOT_ASSESSABLE, ("3.2",)),
    ),
)
T4_1 = RuleEntry(
    "T4-1",
    Severity.ERROR,
    "t4",
    "总计＝结果维持＋结果纠正＋其他结果＋尚未审结",
    FORM + "表四",
    about="per block (行政复议, 未经复议直接起诉, 复议后起诉): 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    check=check_balances,
    examples=(
        Example("each 总计 its outcomes' sum", Fragment(), Outcome.PASSED),
        Example("the pending review left out of 总计", Fragment(cells={"t4:1/review.pending": "1"}), Outcome.FAILED, ("review",)),
        Example("a blank 总计", Fragment(cells={"t4:1/direct.total": ""}), Outcome.NOT_ASSESSABLE, ("direct",)),
    ),
)


@dataclass(frozen=True)
class Words:
    """How a balance of one rule is said: where it stands, its equation as the form prints it, and what was found."""

    where: str  # {subject}: the column, row or block
    equation: str
    checked: str  # {subject}, {expected} (the parts' sum), {actual} (what was reported)


WORDS = {
    T3_1.id: Words("表三「{subject}」列", "一＋二＝（七）总计＋四", "表三「{subject}」列：第一项加第二项之和为{expected}，第三项（七）总计加第四项之和为{actual}"),
    T3_2.id: Words("表三「{subject}」列", "（七）总计＝各项办理结果之和", "表三第（七）项总计：「{subject}」列各项办理结果之和为{expected}，填报为{actual}"),
    T3_3.id: Words("表三「{subject}」行", "总计＝各类申请人之和", "表三「{subject}」行：各类申请人之和为{expected}，总计填报为{actual}"),
    T4_1.id: Words("表四「{subject}」", "总计＝各项结果之和", "表四「{subject}」：结果维持、结果纠正、其他结果、尚未审结之和为{expected}，总计填报为{actual}"),
}
