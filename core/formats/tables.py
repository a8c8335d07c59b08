"""Tables 二, 三 and 四 of the two official formats, as data.

2019: 国办公开办函〔2019〕60号 (reports of 2019 and 2020).
2021: 国办公开办函〔2021〕30号 (reports of 2021 and later).
Labels are exactly as printed on the forms; `variants` are other wordings seen in
real reports that mean the same, `misspellings` are wordings accepted with a warning.
"""
from __future__ import annotations

from typing import Any

from core.formats.spec import Block, Column, Group, Kind, Row, TableSpec

# --- Table 二: 主动公开政府信息情况 -----------------------------------------------------

_NUMERALS = "一二三四五六七八九"

# The 2019 form asks the same three things of items (五), (六) and (八); the 2021 form one thing of (五), (六).
_PREV_COUNT = Column("prev_count", "上一年项目数量")
_CHANGE = Column("change", "本年增/减", kind=Kind.SIGNED, variants=("本年增减", "本年增加/减少"))
_DECISIONS_2019 = Column("decisions", "处理决定数量")
_DECISIONS_2021 = Column("decisions", "本年处理决定数量", misspellings=("本年处理绝对数量",))


def _item(number: int, rows: tuple[Row, ...], columns: tuple[Column, ...]) -> Block:
    """The block of table 二 for what 第二十条 of the 条例 lists under item `number`."""
    return Block(
        id=f"20.{number}",
        label=f"第二十条第（{_NUMERALS[number - 1]}）项",
        header="信息内容",
        rows=rows,
        columns=columns,
    )


T2_2019 = TableSpec(
    id="t2",
    variant="2019",
    title="主动公开政府信息情况",
    blocks=(
        _item(
            1,
            (Row("rules", "规章"), Row("normative", "规范性文件", variants=("行政规范性文件",))),
            (
                Column("new_made", "本年新制作数量"),
                Column("new_published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
        ),
        _item(5, (Row("license", "行政许可"), Row("other_service", "其他对外管理服务事项")),
              (_PREV_COUNT, _CHANGE, _DECISIONS_2019)),
        _item(6, (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), (_PREV_COUNT, _CHANGE, _DECISIONS_2019)),
        _item(8, (Row("fee", "行政事业性收费"),), (_PREV_COUNT, _CHANGE)),
        _item(9, (Row("procurement", "政府集中采购"),),
              (Column("count", "采购项目数量"), Column("amount", "采购总金额", kind=Kind.AMOUNT))),
    ),
)

T2_2021 = TableSpec(
    id="t2",
    variant="2021",
    title="主动公开政府信息情况",
    blocks=(
        _item(
            1,
            (Row("rules", "规章"), Row("normative", "行政规范性文件", variants=("规范性文件",))),
            (
                Column("issued", "本年制发件数"),
                Column("repealed", "本年废止件数"),
                Column("in_force", "现行有效件数"),
            ),
        ),
        _item(5, (Row("license", "行政许可"),), (_DECISIONS_2021,)),
        _item(6, (Row("penalty", "行政处罚"), Row("coercion", "行政强制")), (_DECISIONS_2021,)),
        _item(
            8,
            (Row("fee", "行政事业性收费"),),
            (
                Column(
                    "amount",
                    "本年收费金额（单位：万元）",
                    kind=Kind.WAN,
                    variants=("本年收费金额", "本年收费金额（万元）"),
                ),
            ),
        ),
    ),
)

# --- Table 三: 收到和处理政府信息公开申请情况 -------------------------------------------

_LEGAL = "法人或其他组织"
T3_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "商业企业", parents=(_LEGAL,)),
    Column("research", "科研机构", parents=(_LEGAL,)),
    Column("ngo", "社会公益组织", parents=(_LEGAL,)),
    Column("legal", "法律服务机构", parents=(_LEGAL,)),
    Column("other", "其他", parents=(_LEGAL,), short="其他（法人或其他组织）"),
    Column("total", "总计"),
)

_RESULT = "三、本年度办理结果"
_G3, _G4, _G5, _G6 = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

T3_GROUPS = (
    Group("3", _RESULT),
    Group("3.3", _G3, parent="3"),
    Group("3.4", _G4, parent="3"),
    Group("3.5", _G5, parent="3"),
)


def _child(row_id: str, label: str, group: str, **kw: Any) -> Row:
    number = group[: group.index("）") + 1]
    return Row(row_id, label, group=group, short=f"{number}{label}", **kw)


_T3_HEAD = (
    Row("1", "一、本年新收政府信息公开申请数量", short="一、本年新收"),
    Row("2", "二、上年结转政府信息公开申请数量", short="二、上年结转"),
    Row("3.1", "（一）予以公开", group=_RESULT),
    Row(
        "3.2",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        group=_RESULT,
        variants=("（二）部分公开",),
        misspellings=("（二）部分公开（区分处理的，只计这一情况，不计其他情况）",),
        short="（二）部分公开",
    ),
    _child("3.3.1", "1.属于国家秘密", _G3),
    _child("3.3.2", "2.其他法律行政法规禁止公开", _G3),
    _child("3.3.3", "3.危及“三安全一稳定”", _G3),
    _child("3.3.4", "4.保护第三方合法权益", _G3),
    _child("3.3.5", "5.属于三类内部事务信息", _G3, misspellings=("5.属于三类内容事务信息",)),
    _child("3.3.6", "6.属于四类过程性信息", _G3),
    _child("3.3.7", "7.属于行政执法案卷", _G3),
    _child("3.3.8", "8.属于行政查询事项", _G3),
    _child("3.4.1", "1.本机关不掌握相关政府信息", _G4),
    _child("3.4.2", "2.没有现成信息需要另行制作", _G4),
    _child("3.4.3", "3.补正后申请内容仍不明确", _G4),
    _child("3.5.1", "1.信访举报投诉类申请", _G5),
    _child("3.5.2", "2.重复申请", _G5),
    _child("3.5.3", "3.要求提供公开出版物", _G5),
    _child("3.5.4", "4.无正当理由大量反复申请", _G5),
    _child("3.5.5", "5.要求行政机关确认或重新出具已获取信息", _G5),
)
_T3_TAIL = (
    Row("3.7", "（七）总计", group=_RESULT),
    Row("4", "四、结转下年度继续办理", short="四、结转下年度"),
)
_T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_T3_HEADERS = ("申请人情况", _LEGAL)

T3_2019 = TableSpec(
    id="t3",
    variant="2019",
    title="收到和处理政府信息公开申请情况",
    blocks=(
        Block(
            id="t3",
            label=None,
            rows=_T3_HEAD + (Row("3.6", _G6, group=_RESULT),) + _T3_TAIL,
            columns=T3_COLUMNS,
        ),
    ),
    groups=T3_GROUPS,
    corner=_T3_CORNER,
    header_labels=_T3_HEADERS,
)

T3_2021 = TableSpec(
    id="t3",
    variant="2021",
    title="收到和处理政府信息公开申请情况",
    blocks=(
        Block(
            id="t3",
            label=None,
            rows=_T3_HEAD
            + (
                _child("3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", _G6),
                _child("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", _G6),
                _child("3.6.3", "3.其他", _G6),
            )
            + _T3_TAIL,
            columns=T3_COLUMNS,
        ),
    ),
    groups=T3_GROUPS + (Group("3.6", _G6, parent="3"),),
    corner=_T3_CORNER,
    header_labels=_T3_HEADERS,
)

# The rows whose sum is （七）总计, in the form's order.
T3_OUTCOME_ROWS = {
    spec.variant: tuple(r.id for r in spec.rows if r.id.startswith("3.") and r.id != "3.7")
    for spec in (T3_2019, T3_2021)
}

# --- Table 四: 政府信息公开行政复议、行政诉讼情况 ------------------------------------------

_REVIEW, _SUIT = "行政复议", "行政诉讼"
_DIRECT, _AFTER = "未经复议直接起诉", "复议后起诉"
T4_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
T4_BLOCKS = (("review", (_REVIEW,)), ("direct", (_SUIT, _DIRECT)), ("after", (_SUIT, _AFTER)))


def _t4_columns() -> tuple[Column, ...]:
    columns = []
    for prefix, parents in T4_BLOCKS:
        for key, label in T4_OUTCOMES + (("total", "总计"),):
            columns.append(Column(f"{prefix}.{key}", label, parents=parents, short=f"{parents[-1]}·{label}"))
    return tuple(columns)


T4 = TableSpec(
    id="t4",
    variant="both",
    title="政府信息公开行政复议、行政诉讼情况",
    blocks=(Block(id="t4", label=None, rows=(Row("1", "（数据行）", short=""),), columns=_t4_columns()),),
    header_labels=(_REVIEW, _SUIT, _DIRECT, _AFTER),
)
