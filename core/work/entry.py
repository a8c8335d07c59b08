"""What a clerk types into the window: a cell's number, the body's name, the year.

Each reader takes the text as typed and gives back the value, or a `Refusal` that says
in Chinese what is wrong and what to write instead. The window shows the refusal and
leaves the value as it was; nothing here knows of Qt.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.formats.spec import Kind
from core.model import Number, Written
from core.text.numbers import parse_value

WAN_PLACES = 4  # 万元 to the 元: more places than that is a slip of the finger
COUNT_UNITS = frozenset({"件", "条", "个", "项", "次", "人次", "份"})
FIRST_YEAR = 2019  # the first year the 2019 revision of the 条例 and its report formats apply to

# What a cell of each kind takes: the editor's hint, and the end of every refusal.
KIND_HINTS = {
    Kind.COUNT: "填0或正整数",
    Kind.SIGNED: "填整数，减少的填负数",
    Kind.WAN: "填金额（万元），可以有小数",
    Kind.AMOUNT: "填金额，可以有小数",
}


@dataclass(frozen=True)
class Refusal:
    """Why a text was not taken, in words a clerk understands."""

    message: str


def read_entry(kind: Kind, text: str) -> Number | Refusal:
    """The number a clerk typed into a cell of `kind`, or why it cannot go there."""
    typed = text.strip()
    hint = KIND_HINTS[kind]
    parsed = parse_value(typed)
    if parsed.written is Written.BLANK:
        return Refusal(f"没有填写数字（{hint}；没有的填0）。")
    if parsed.written is Written.NONE_MARK:
        return Refusal(f"「{typed}」不是数字，表格要求没有的填0。")
    if parsed.written is not Written.NUMBER or parsed.value is None:
        return Refusal(f"「{typed}」不是数字（{hint}）。")
    unit_problem = _unit_problem(kind, parsed.unit)
    if unit_problem:
        return Refusal(unit_problem)
    value = parsed.value
    if kind in (Kind.COUNT, Kind.SIGNED):
        if isinstance(value, Decimal):
            if value != value.to_integral_value():
                return Refusal(f"「{typed}」不是整数（{hint}）。")
            value = int(value)
    elif kind is Kind.WAN and isinstance(value, Decimal) and _places(value) > WAN_PLACES:
        return Refusal(f"「{typed}」的小数太多：以万元为单位最多保留{WAN_PLACES}位小数（即精确到元）。")
    if value < 0 and kind is not Kind.SIGNED:
        return Refusal(f"这一格不能填负数（{hint}）。")
    return value


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _unit_problem(kind: Kind, unit: str | None) -> str | None:
    if unit is None:
        return None
    if kind in (Kind.COUNT, Kind.SIGNED):
        return None if unit in COUNT_UNITS else f"这一格填的是数量，不能带「{unit}」。请只填数字。"
    if kind is Kind.WAN:
        return None if unit == "万元" else f"这一格以万元为单位，不能填「{unit}」：请换算成万元后只填数字。"
    return f"请只填数字，不要带「{unit}」。"


def read_year(text: str, this_year: int) -> int | Refusal:
    """The year a report is about, as the clerk corrects it: 2019 up to `this_year`."""
    typed = text.strip().removesuffix("年度").removesuffix("年").strip()
    parsed = parse_value(typed)
    value = parsed.value
    if parsed.written is not Written.NUMBER or parsed.unit or not isinstance(value, int) or typed.startswith(("+", "-")):
        return Refusal(f"「{text.strip()}」不是年份。请填四位数的年份，例如{this_year - 1}。")
    if not FIRST_YEAR <= value <= this_year:
        return Refusal(f"年度应在{FIRST_YEAR}年到{this_year}年之间（报告写的是哪一年的工作，就填哪一年）。")
    return value


def read_agency(text: str) -> str | Refusal:
    """The body's name as the clerk corrects it: one line, not empty."""
    name = " ".join(text.split())
    if not name:
        return Refusal("机关名称不能为空。请填写报告单位的全称，例如「青山街道办事处」。")
    if len(name) > 60:
        return Refusal("机关名称太长了（超过60个字）。请只填写单位的全称。")
    return name
