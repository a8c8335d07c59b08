"""What a clerk may type: a number as the cell's kind allows, a year, a body's name — or a Chinese refusal."""
from __future__ import annotations

from decimal import Decimal

import pytest

from core.formats.spec import Kind
from core.work.entry import Refusal, read_agency, read_entry, read_year


@pytest.mark.parametrize(
    "kind, typed, value",
    [
        (Kind.COUNT, "27", 27),
        (Kind.COUNT, " ２７ ", 27),  # full-width digits, as a Chinese input method types them
        (Kind.COUNT, "1,200", 1200),
        (Kind.COUNT, "3件", 3),
        (Kind.COUNT, "4.0", 4),
        (Kind.SIGNED, "-3", -3),
        (Kind.SIGNED, "0", 0),
        (Kind.WAN, "12.5", Decimal("12.5")),
        (Kind.WAN, "0.0123万元", Decimal("0.0123")),
        (Kind.WAN, "3", 3),
        (Kind.AMOUNT, "79000.1", Decimal("79000.1")),
    ],
)
def test_a_number_the_cell_takes_is_read_exactly(kind, typed, value):
    read = read_entry(kind, typed)
    assert read == value and type(read) is type(value)


@pytest.mark.parametrize(
    "kind, typed, says",
    [
        (Kind.COUNT, "", "没有填写数字"),
        (Kind.COUNT, "/", "「/」不是数字，表格要求没有的填0"),
        (Kind.COUNT, "abc", "「abc」不是数字"),
        (Kind.COUNT, "2.5", "「2.5」不是整数"),
        (Kind.COUNT, "-1", "这一格不能填负数"),
        (Kind.COUNT, "3万元", "这一格填的是数量，不能带「万元」"),
        (Kind.SIGNED, "1.5", "「1.5」不是整数"),
        (Kind.WAN, "-2", "这一格不能填负数"),
        (Kind.WAN, "12.34567", "最多保留4位小数"),
        (Kind.WAN, "5000元", "请换算成万元后只填数字"),
        (Kind.AMOUNT, "3件", "请只填数字，不要带「件」"),
    ],
)
def test_what_the_cell_does_not_take_is_refused_with_a_reason(kind, typed, says):
    read = read_entry(kind, typed)
    assert isinstance(read, Refusal)
    assert says in read.message


def test_a_year_is_four_digits_from_2019_to_this_year():
    assert read_year("2023", 2026) == 2023
    assert read_year(" 2020年 ", 2026) == 2020
    assert read_year("2022年度", 2026) == 2022
    for typed, says in (("23", "年度应在2019年到2026年之间"), ("2018", "2019年到2026年"), ("2027", "2026年"), ("二〇二三", "不是年份"), ("2023.5", "不是年份")):
        refused = read_year(typed, 2026)
        assert isinstance(refused, Refusal) and says in refused.message, typed


def test_a_bodys_name_is_one_trimmed_line_and_not_empty():
    assert read_agency("  青山街道\n办事处 ") == "青山街道 办事处"
    assert isinstance(read_agency("   "), Refusal)
    assert "太长" in read_agency("街" * 61).message  # type: ignore[union-attr]
