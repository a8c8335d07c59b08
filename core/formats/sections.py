"""The six statutory sections (条例第五十条) and the headings real reports use for them."""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class SectionSpec:
    id: str  # 's1' … 's6'
    number: int
    heading: str  # official wording, without its number
    variants: tuple[str, ...]  # other wordings seen in real reports
    pattern: str  # regex on the simplified, normalised heading body; recognises rewordings
    table: str | None = None  # the table that belongs under it

    @property
    def official(self) -> str:
        return f"{CN_NUMERALS[self.number - 1]}、{self.heading}"

    def matches(self, body: str) -> bool:
        return re.search(self.pattern, body) is not None


SECTIONS = (
    SectionSpec("s1", 1, "总体情况", ("总体概况", "基本情况"), r"^(总体情况|总体概况|基本情况|概述)"),
    SectionSpec(
        "s2", 2, "主动公开政府信息情况", ("主动公开政府信息",), r"主动公开政府信息(的)?情况|^主动公开政府信息$", table="t2"
    ),
    SectionSpec(
        "s3",
        3,
        "收到和处理政府信息公开申请情况",
        ("收到和处理政府信息公开申请",),
        r"收到(和|及|与)处理.*申请|处理政府信息公开申请情况",
        table="t3",
    ),
    SectionSpec(
        "s4",
        4,
        "政府信息公开行政复议、行政诉讼情况",
        (
            "政府信息公开行政复议行政诉讼情况",
            "政府信息公开行政复议及行政诉讼情况",
            "政府信息公开行政复议和行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ),
        r"复议.*诉讼",
        table="t4",
    ),
    SectionSpec(
        "s5",
        5,
        "存在的主要问题及改进情况",
        ("存在的主要问题及改进举措", "存在问题及改进情况", "政府信息公开工作存在的主要问题和改进情况"),
        r"存在.*问题|问题.*改进",
    ),
    SectionSpec(
        "s6",
        6,
        "其他需要报告的事项",
        ("其他事项", "其他报告事项"),
        r"^其他(需要|需)?(报告|说明)?的?事项",
    ),
)

SECTION_BY_ID = {s.id: s for s in SECTIONS}

# The title of every report ends with this; the body and year come before it.
TITLE_CORE = "政府信息公开工作年度报告"
