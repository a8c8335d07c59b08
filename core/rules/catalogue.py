"""The rule catalogue: every rule's entry, in checklist order, and the checklist's groups.

Each entry (`core/rules/entry.RuleEntry`: id, severity, group, title, reference, its function, its examples) is
written beside the function that checks it, at the end of its rule module; this list puts them in the order the
checklist, the guide and the docs show them. What `check()` runs is derived from it (`core/rules/__init__.py`).
"""
from __future__ import annotations

from core.rules.balances import T3_1, T3_2, T3_3, T4_1
from core.rules.domains import T2_1, T2_2, T2_6, T3_4, T4_2
from core.rules.entry import RuleEntry
from core.rules.history import T2_4, T2_5, X_1, X_3
from core.rules.scan import SC_1
from core.rules.structure import FMT_1, ST_1, ST_2, ST_3, ST_4, ST_5, ST_6
from core.rules.text import TX_1, TX_2, TX_3, TX_5, TX_7
from core.rules.year import TX_6

ENTRIES: tuple[RuleEntry, ...] = (
    SC_1,
    ST_1,
    ST_2,
    ST_3,
    ST_4,
    ST_5,
    ST_6,
    FMT_1,
    TX_6,
    T2_1,
    T2_2,
    T2_6,
    T3_1,
    T3_2,
    T3_3,
    T3_4,
    T4_1,
    T4_2,
    TX_1,
    TX_2,
    TX_3,
    TX_5,
    TX_7,
    # With last year's report at hand (`check --previous`, 「对比上年报告」).
    X_1,
    X_3,
    T2_4,
    T2_5,
)

CATALOGUE: dict[str, RuleEntry] = {entry.id: entry for entry in ENTRIES}

GROUP_NAMES = {
    "structure": "法定六部分与表格结构",
    "format": "格式与年份",
    "t2": "表二 主动公开政府信息情况",
    "t3": "表三 收到和处理政府信息公开申请情况",
    "t4": "表四 行政复议、行政诉讼情况",
    "text": "正文与表格一致",
    "history": "与上年报告对照",
    "other": "其他发现",  # findings of a rule not listed above: shown, never lost
}
