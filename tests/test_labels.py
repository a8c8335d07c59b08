"""Label matching: normalisation, the spec's misspellings, and refusing to guess."""
from __future__ import annotations

import pytest

from core.assemble.labels import vocabulary
from core.formats import FORMATS
from core.model import Written
from core.text.normalize import label_key, split_numbering
from core.text.numbers import parse_value

T3 = FORMATS["2021"].t3
T2 = FORMATS["2021"].t2


@pytest.mark.parametrize(
    "text, row",
    [
        ("5.属于三类内部事务信息", "3.3.5"),
        ("5．属于三类内部事务信息", "3.3.5"),
        ("5.屬于三類內部事務信息", "3.3.5"),
        ("5. 属于 三类\n内部事务信息", "3.3.5"),
        ("3.危及“三安全一稳定”", "3.3.3"),
        ("3.危及\"三安全一稳定\"", "3.3.3"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3.2"),
        ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "3.2"),
        ("（七）总计", "3.7"),
        ("3.其他", "3.6.3"),
    ],
)
def test_rows_match_however_written(text, row):
    hits = vocabulary(T3).match(text)
    assert [h.ref.id for h in hits if h.kind == "row"] == [row]
    assert all(h.exact for h in hits)


@pytest.mark.parametrize(
    "text, label",
    [
        ("5.属于三类内容事务信息", "5.属于三类内部事务信息"),
        ("（二）部分公开（区分处理的，只计这一情况，不计其他情况）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        ("2.没有现成信息需另行制作", "2.没有现成信息需要另行制作"),
    ],
)
def test_misspellings_match_with_a_warning(text, label):
    (hit,) = vocabulary(T3).match(text)
    assert hit.official == label and not hit.exact


def test_misspelled_column_of_table_two():
    (hit,) = vocabulary(T2).match("本年处理绝对数量")
    assert hit.kind == "column" and hit.official == "本年处理决定数量" and not hit.exact


def test_a_label_close_to_two_labels_matches_neither():
    assert vocabulary(T3).match("1.属于XX事项信息") == []
    assert vocabulary(T3).match("总") == []


def test_column_and_row_with_the_same_words_are_told_apart_by_numbering():
    assert vocabulary(T3).match("其他")[0].kind == "column"
    assert vocabulary(T3).match("（3）其他")[0].kind == "row"
    assert vocabulary(T3).match("总计")[0].kind == "column"


def test_combined_cell_from_a_pdf_copy():
    hits = vocabulary(T3).match("三、本年度办理结果 （三）不予公开 1.属于国家秘密")
    assert [h.kind for h in hits][-1] == "row" and hits[-1].ref.id == "3.3.1"
    assert "（三）不予公开" in [h.official for h in hits]


def test_label_key_normalises_width_brackets_quotes_spaces_and_script():
    assert label_key("（三）不予公開 ") == label_key("(三)不予公开")
    assert split_numbering(label_key("1、 总体情况")) == ("1、", "总体情况")
    assert split_numbering(label_key("（3） 政府信息管理")) == ("(3)", "政府信息管理")


@pytest.mark.parametrize(
    "raw, value, written, unit",
    [
        (" 26", 26, Written.NUMBER, None),
        ("２６", 26, Written.NUMBER, None),
        ("0万元", 0, Written.NUMBER, "万元"),
        ("3件", 3, Written.NUMBER, "件"),
        ("1,200", 1200, Written.NUMBER, None),
        ("43.788", "43.788", Written.NUMBER, None),
        ("-3", -3, Written.NUMBER, None),
        ("/", 0, Written.NONE_MARK, None),
        ("／", 0, Written.NONE_MARK, None),
        ("-", 0, Written.NONE_MARK, None),
        ("—", 0, Written.NONE_MARK, None),
        ("", None, Written.BLANK, None),
        ("\u3000 ", None, Written.BLANK, None),
        ("约5", None, Written.UNREADABLE, None),
    ],
)
def test_cell_values(raw, value, written, unit):
    from decimal import Decimal

    parsed = parse_value(raw)
    expected = Decimal(value) if isinstance(value, str) else value
    assert (parsed.value, parsed.written, parsed.unit) == (expected, written, unit)
    assert not isinstance(parsed.value, float)
