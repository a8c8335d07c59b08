"""What each cell may hold (T2-1, T2-2, T2-6, T3-4, T4-2).

Problems of the same kind in one table make one finding (「表三有118格填写「/」」):
a clerk fixes them together, and the window still marks every cell.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from core.findings import Finding, Outcome, Severity
from core.formats import TABLE_NAMES, cell_name, cell_names
from core.formats.spec import Kind
from core.model import Cell, Report, Written
from core.rules.entry import FORM, FORM_2019, RuleEntry
from core.rules.examples import Example, Fragment
from core.text.numbers import format_number

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
    rule = _DOMAIN_ENTRIES[table]
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
        return rule.finding(Outcome.FAILED, message, rule.key(key), cells=tuple(c.id for c in group), subject=name, **extra)

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
        yield rule.finding(Outcome.PASSED, f"{name}各格均为规范填写的数字。", rule.key("ok"), subject=name)
    if table == "t2":
        yield from _t2_amounts(report, with_unit)
        yield from _t2_published(report)


def _t2_amounts(report: Report, with_unit: list[Cell]) -> Iterator[Finding]:
    spec = report.layout.t2
    problems = False
    if with_unit:
        problems = True
        units = "、".join(f"「{(c.raw or '').strip()}」" for c in with_unit[:3])
        yield T2_2.finding(
            Outcome.FAILED,
            f"表二有{len(with_unit)}格在数字后写了单位（{units}）：表格中只填数字"
            + ("，金额单位按表头（万元）。" if spec.variant == "2021" else "，单位写在表头。"),
            T2_2.key("unit"),
            cells=tuple(c.id for c in with_unit),
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
        yield T2_2.finding(Outcome.FAILED, text, T2_2.key("amount", cid), cells=(cid,), actual=cell.value, subject="表二")
    if not problems:
        yield T2_2.finding(Outcome.PASSED, "表二金额单位明确、数额合理。", T2_2.key("ok"), subject="表二")


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
    for row, label in (("rules", "规章"), ("normative", "规范性文件")):
        new, total = f"t2:{row}/new_published", f"t2:{row}/total_published"
        a, b = report.value(new), report.value(total)
        cells = (new, total)
        if a is None or b is None:
            yield T2_6.finding(Outcome.NOT_ASSESSABLE, f"表二「{label}」：本年新公开数量或对外公开总数量未填写，无法比较。", T2_6.key(row), cells=cells, subject=label)
        elif a > b:
            yield T2_6.finding(Outcome.FAILED, f"表二「{label}」：本年新公开数量{a}大于对外公开总数量{b}。", T2_6.key(row), cells=cells, expected=b, actual=a, subject=label)
        else:
            yield T2_6.finding(Outcome.PASSED, f"表二「{label}」：本年新公开数量{a}不大于对外公开总数量{b}。", T2_6.key(row), cells=cells, subject=label)


# --- the catalogue entries ---------------------------------------------------------------

T2_1 = RuleEntry(
    "T2-1",
    Severity.WARNING,
    "t2",
    "表二各项为规范的数字",
    FORM + "表二",
    about="counts whole ≥ 0; 本年增/减 (2019) may be negative; 万元 amounts decimal ≥ 0; 「/」 counted as 0 with a "
    "warning; a blank cell was not filled",
    check=check_domains,
    examples=(
        Example("every cell a number", Fragment(), Outcome.PASSED),
        Example("a negative 本年增/减 (2019)", Fragment(format="2019", cells={"t2:license/change": "-3"}), Outcome.PASSED),
        Example("「/」 for none", Fragment(cells={"t2:fee/amount": "/"}), Outcome.FAILED, ("none_mark",)),
        Example("a blank cell", Fragment(cells={"t2:penalty/decisions": ""}), Outcome.FAILED, ("blank",)),
        Example("words, not a number", Fragment(cells={"t2:penalty/decisions": "三十七"}), Outcome.FAILED, ("unreadable",)),
        Example("a fraction of a count", Fragment(cells={"t2:penalty/decisions": "37.5"}), Outcome.FAILED, ("value",)),
    ),
)
T2_2 = RuleEntry(
    "T2-2",
    Severity.WARNING,
    "t2",
    "表二金额单位明确、数额合理",
    FORM + "表二",
    about="unit text inside a cell (「43.788万元」「79000.1元」); an amount that looks like 元 entered as 万元, "
    "or (2019, no unit on the form) one too large to tell",
    check=check_domains,
    examples=(
        Example("amounts without units, of a plausible size", Fragment(), Outcome.PASSED),
        Example("「0万元」 in the cell", Fragment(cells={"t2:fee/amount": "0万元"}), Outcome.FAILED, ("unit",)),
        Example("320000 万元 of fees (32亿元)", Fragment(cells={"t2:fee/amount": "320000"}), Outcome.FAILED, ("amount",)),
        Example(
            "采购总金额 32123000 with no unit (2019)",
            Fragment(format="2019", cells={"t2:procurement/amount": "32123000"}),
            Outcome.FAILED,
            ("amount",),
        ),
    ),
)
T2_6 = RuleEntry(
    "T2-6",
    Severity.WARNING,
    "t2",
    "本年新公开数量不大于对外公开总数量",
    FORM_2019 + "表二",
    about="2019: 本年新公开数量 ≤ 对外公开总数量",
    check=check_domains,
    examples=(
        Example("2 newly published of 9", Fragment(format="2019"), Outcome.PASSED, ("normative",)),
        Example("12 newly published of 9", Fragment(format="2019", cells={"t2:normative/new_published": "12"}), Outcome.FAILED, ("normative",)),
        Example("a blank 对外公开总数量", Fragment(format="2019", cells={"t2:rules/total_published": ""}), Outcome.NOT_ASSESSABLE, ("rules",)),
        Example("the 2021 format has no such columns", Fragment(), None),
    ),
)
T3_4 = RuleEntry(
    "T3-4",
    Severity.WARNING,
    "t3",
    "表三各格为非负整数",
    FORM + "表三",
    about="every cell a whole number ≥ 0; 「/」 and 「-」 mean none: counted as 0 with a warning that the form wants 0; "
    "a blank cell was not filled (the sums that need it are not assessable, never a silent 0)",
    check=check_domains,
    examples=(
        Example("every cell a whole number", Fragment(), Outcome.PASSED),
        Example("「/」 for none", Fragment(cells={"t3:3.3.1/natural": "/"}), Outcome.FAILED, ("none_mark",)),
        Example("a blank cell", Fragment(cells={"t3:3.1/research": ""}), Outcome.FAILED, ("blank",)),
        Example("「15件」: a unit in the cell", Fragment(cells={"t3:1/natural": "15件"}), Outcome.FAILED, ("unit",)),
        Example("a negative count", Fragment(cells={"t3:3.3.1/natural": "-1"}), Outcome.FAILED, ("value",)),
    ),
)
T4_2 = RuleEntry(
    "T4-2",
    Severity.WARNING,
    "t4",
    "表四各格为非负整数",
    FORM + "表四",
    about="whole numbers ≥ 0, as in table 三",
    check=check_domains,
    examples=(
        Example("every cell a whole number", Fragment(), Outcome.PASSED),
        Example("「-」 for none", Fragment(cells={"t4:1/after.upheld": "-"}), Outcome.FAILED, ("none_mark",)),
        Example("a blank cell", Fragment(cells={"t4:1/review.other": ""}), Outcome.FAILED, ("blank",)),
    ),
)

_DOMAIN_ENTRIES = {"t2": T2_1, "t3": T3_4, "t4": T4_2}
DOMAIN_RULE = {table: entry.id for table, entry in _DOMAIN_ENTRIES.items()}  # a table's cells → the rule that reads them
