"""This year's report against last year's: X-1, X-3, T2-4, T2-5.

`compare_years(this, last)` is the family of the four rules, run by `check(report,
previous=last)` (`check --previous`, the window's 「对比上年报告」) after the others. The
figures that carry over from one year to the next must agree; sections 一 and 五
written again, not copied.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from core.findings import Finding, Outcome, Severity
from core.formats import FORMAT_NAMES, cell_id, cell_name
from core.formats.sections import SECTION_BY_ID
from core.model import Number, Report
from core.rules.entry import ART_50, FORM, FORM_2019, RuleEntry
from core.rules.examples import TEXT, Example, Fragment
from core.text.normalize import squeeze
from core.text.numbers import format_number
from core.text.sentences import simple_aligned

SHINGLE = 12  # characters: long enough that shared boilerplate words do not count as copying
COPIED_PERCENT = 60  # this share of a section's text found in last year's → copied
MIN_CHARS = 40  # a shorter section cannot be judged
QUOTE = 120  # characters of the repeated passage quoted


def compare_years(this: Report, last: Report) -> list[Finding]:
    """Findings of comparing `this` report with `last` year's (X-1, X-3, T2-4, T2-5)."""
    problem = _not_a_pair(this, last)
    if problem:
        return [X_1.finding(Outcome.NOT_ASSESSABLE, problem, X_1.key("pair"), subject="上年报告")]
    return [*_carried_requests(this, last), *_copied_sections(this, last), *_carried(this, last, T2_4), *_carried_items(this, last)]


def _not_a_pair(this: Report, last: Report) -> str | None:
    if this.fingerprint == last.fingerprint:
        return "选择的上年报告与本报告是同一个文件，无法对照。请选择上一年度的报告。"
    if this.year and last.year and last.year != this.year - 1:
        return f"选择的上年报告是{last.year}年度的，本报告是{this.year}年度的，不是相邻的两年，无法对照。请选择{this.year - 1}年度的报告。"
    a, b = squeeze(this.agency or ""), squeeze(last.agency or "")
    if a and b and a not in b and b not in a:
        return f"上年报告的机关是「{last.agency}」，本报告是「{this.agency}」，不是同一机关的报告，无法对照。"
    return None


# --- 二、上年结转 = last year's 四、结转下年度继续办理 --------------------------------


def _carried_requests(this: Report, last: Report) -> Iterator[Finding]:
    if not (this.tables_found.get("t3") and last.tables_found.get("t3")):
        yield X_1.finding(Outcome.NOT_ASSESSABLE, "两份报告中有一份没有读到表三，无法核对上年结转。", X_1.key("t3"), subject="上年结转")
        return
    for column in this.layout.t3.columns:
        now, before = cell_id("t3", "2", column.id), cell_id("t3", "4", column.id)
        a, b = this.value(now), last.value(before)
        where = f"表三「{column.name}」列"
        common: dict[str, Any] = dict(key=X_1.key(column.id), cells=(now,), subject=column.name, expected=b, actual=a)
        if a is None or b is None:
            blank = "本报告的“上年结转”" if a is None else "上年报告的“结转下年度继续办理”"
            yield X_1.finding(Outcome.NOT_ASSESSABLE, f"{where}：{blank}未填写或无法识别，无法核对。", **common)
        elif a == b:
            yield X_1.finding(Outcome.PASSED, f"{where}：上年结转{format_number(a)}，与上年报告的结转下年度继续办理相同。", **common)
        else:
            message = (
                f"{where}：本报告“二、上年结转”为{format_number(a)}，上年报告“四、结转下年度继续办理”为{format_number(b)}，"
                "应当相等。请核对本年或上年的表三。"
            )
            yield X_1.finding(Outcome.FAILED, message, **common)


# --- sections 一 and 五 copied from last year ----------------------------------------


@dataclass(frozen=True)
class Repeated:
    percent: int  # of this year's section text found in last year's
    passage: str  # the longest repeated passage, as written this year


def _normal(text: str) -> tuple[str, list[int]]:
    """The text compared (simplified, digits as 0, no spaces) and where each character came from."""
    simple = simple_aligned(text)
    chars, places = [], []
    for place, char in enumerate(simple):
        if char.isspace():
            continue
        chars.append("0" if char.isdigit() else char)
        places.append(place)
    return "".join(chars), places


def repeated(this_text: str, last_text: str) -> Repeated | None:
    """How much of `this_text` is found in `last_text`, by shared runs of SHINGLE characters."""
    a, places = _normal(this_text)
    b, _ = _normal(last_text)
    if len(a) < MIN_CHARS or len(b) < SHINGLE:
        return None
    theirs = {b[i : i + SHINGLE] for i in range(len(b) - SHINGLE + 1)}
    covered = [False] * len(a)
    for i in range(len(a) - SHINGLE + 1):
        if a[i : i + SHINGLE] in theirs:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    best_start, best_len, start = 0, 0, None
    for i, hit in enumerate(covered + [False]):
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            if i - start > best_len:
                best_start, best_len = start, i - start
            start = None
    passage = ""
    if best_len:
        passage = this_text[places[best_start] : places[best_start + best_len - 1] + 1].strip()
    return Repeated(sum(covered) * 100 // len(a), passage)


def _copied_sections(this: Report, last: Report) -> Iterator[Finding]:
    for sid in ("s1", "s5"):
        mine, theirs = this.sections[sid], last.sections[sid]
        if not (mine.found and theirs.found):
            continue
        found = repeated(mine.text, theirs.text)
        if found is None:
            continue
        name = f"第{SECTION_BY_ID[sid].official[0]}部分「{SECTION_BY_ID[sid].heading}」"
        common: dict[str, Any] = dict(key=X_3.key(sid), section=sid, subject=SECTION_BY_ID[sid].heading, actual=found.percent)
        if found.percent >= COPIED_PERCENT:
            passage = re.sub(r"\s*\n\s*", " ", found.passage)
            passage = passage if len(passage) <= QUOTE else passage[:QUOTE] + "…"
            message = (
                f"{name}约{found.percent}%的文字与上年报告相同，可能照搬了上年报告。重复的段落如：「{passage}」"
                "请按本年度的实际情况撰写。"
            )
            yield X_3.finding(Outcome.FAILED, message, quote=found.passage, **common)
        else:
            yield X_3.finding(Outcome.PASSED, f"{name}与上年报告相同的文字约占{found.percent}%。", **common)


# --- T2-4, T2-5: table 二's carried counts -------------------------------------------------

_DOCUMENT_ROWS = ("rules", "normative")
_ITEM_ROWS = ("license", "other_service", "penalty", "coercion", "fee")


@dataclass(frozen=True)
class Carry:
    """One carried count: this year's `reported` cell should equal the sum of `parts`."""

    rule: RuleEntry
    key: str
    reported: str  # this year's cell
    parts: tuple[tuple[int, str, str], ...]  # (sign, 'this' | 'last', cell)


def _carries(variant: str) -> list[Carry]:
    carries = []
    for row in _DOCUMENT_ROWS:
        if variant == "2021":  # 现行有效件数 = last year's + 本年制发件数 − 本年废止件数
            parts: tuple[tuple[int, str, str], ...] = ((1, "last", f"t2:{row}/in_force"), (1, "this", f"t2:{row}/issued"), (-1, "this", f"t2:{row}/repealed"))
            carries.append(Carry(T2_4, T2_4.key(row), f"t2:{row}/in_force", parts))
        else:  # 对外公开总数量 = last year's + 本年新公开数量
            parts = ((1, "last", f"t2:{row}/total_published"), (1, "this", f"t2:{row}/new_published"))
            carries.append(Carry(T2_4, T2_4.key(row), f"t2:{row}/total_published", parts))
    if variant == "2019":  # 上一年项目数量 = last year's 上一年项目数量 + last year's 本年增/减
        for row in _ITEM_ROWS:
            parts = ((1, "last", f"t2:{row}/prev_count"), (1, "last", f"t2:{row}/change"))
            carries.append(Carry(T2_5, T2_5.key(row), f"t2:{row}/prev_count", parts))
    return carries


def _carried_items(this: Report, last: Report) -> Iterator[Finding]:
    if this.layout.t2.variant == "2021":
        message = "2021版格式的表二没有“上一年项目数量”，不适用。"
        yield T2_5.finding(Outcome.NOT_APPLICABLE, message, T2_5.key(), subject="上一年项目数量")
        return
    yield from _carried(this, last, T2_5)


def _carried(this: Report, last: Report, rule: RuleEntry) -> Iterator[Finding]:
    variant = this.layout.t2.variant
    if not (this.tables_found.get("t2") and last.tables_found.get("t2")):
        yield rule.finding(Outcome.NOT_ASSESSABLE, "两份报告中有一份没有读到表二，无法与上年衔接。", rule.key("t2"), subject="表二")
        return
    if last.layout.t2.variant != variant:
        message = (
            f"本报告表二为{FORMAT_NAMES[variant]}格式，上年报告为{FORMAT_NAMES[last.layout.t2.variant]}格式，"
            "两版的栏目口径不同，不能逐项衔接。"
        )
        yield rule.finding(Outcome.NOT_APPLICABLE, message, rule.key(), subject="表二")
        return
    reports = {"this": this, "last": last}
    for carry in _carries(variant):
        if carry.rule is rule:
            yield _carry_finding(carry, this, reports)


def _carry_finding(carry: Carry, this: Report, reports: dict[str, Report]) -> Finding:
    name = cell_name(this.layout, carry.reported)
    values: list[Number | None] = [reports[which].value(cid) for _, which, cid in carry.parts]
    reported = this.value(carry.reported)
    common: dict[str, Any] = dict(key=carry.key, cells=(carry.reported,), subject=name)
    known = [v for v in values if v is not None]
    if reported is None or len(known) < len(values):
        return carry.rule.finding(Outcome.NOT_ASSESSABLE, f"{name}：本年或上年报告中需要的格未填写，无法与上年衔接。", **common)
    expected: Number = 0
    for (sign, _, _), value in zip(carry.parts, known):
        expected += sign * value
    terms = "".join(
        f"{'' if n == 0 else ('加' if sign > 0 else '减')}{'上年' if which == 'last' else '本年'}{cell_name(this.layout, cid).removeprefix('表二')}{format_number(v)}"
        for n, ((sign, which, cid), v) in enumerate(zip(carry.parts, values))
    )
    if expected == reported:
        return carry.rule.finding(Outcome.PASSED, f"{name}为{format_number(reported)}，与上年衔接（{terms}）。", expected=expected, actual=reported, **common)
    message = f"{name}填报为{format_number(reported)}，按上年报告推算应为{format_number(expected)}（{terms}）。请核实（如有文件到期失效、项目调整，请在正文中说明）。"
    return carry.rule.finding(Outcome.FAILED, message, expected=expected, actual=reported, **common)


# --- the catalogue entries: the comparison family, run when last year's report is given ---------

# Last year's report to the base report (core/rules/examples.py): its own words in sections 一 and 五, its
# carried-on requests this year's carried-over ones, table 二 leading to this year's figures.
_LAST_YEARS_TEXT = {
    "s1": "本年度，青山街道以政务公开标准化规范化为抓手，扎实做好主动公开、依申请公开、政府信息管理、平台建设和监督保障工作。\n"
    "全年共收到政府信息公开申请12件，结转下年度继续办理3件。",
    "s5": "一是公开内容的规范性有待提高；二是政策解读的针对性不强。明年将加强业务培训，提升公开质量。",
}


def _last_year(form: str = "2021", text: dict[str, str] | None = None) -> Fragment:
    if form == "2021":  # 现行有效 9 = 8 + 2 制发 − 1 废止
        return Fragment(cells={"t2:normative/in_force": "8"}, text={**_LAST_YEARS_TEXT, **(text or {})}, year=2022)
    # 对外公开总数量 9 = 7 + 2 新公开; 上一年项目数量 10 = 9 + 1 (行政许可), 4 = 5 − 1 (行政事业性收费)
    cells = {"t2:normative/total_published": "7", "t2:license/prev_count": "9", "t2:fee/prev_count": "5"}
    return Fragment(cells=cells, text={**_LAST_YEARS_TEXT, **(text or {})}, year=2019, format="2019")


X_1 = RuleEntry(
    "X-1",
    Severity.ERROR,
    "history",
    "表三“上年结转”等于上年报告的“结转下年度继续办理”（各列）",
    FORM + "表三",
    about="with last year's report: this year's 二、上年结转 = last year's 四、结转下年度 per column; two reports that "
    "are not a body's two years running are said to be no pair",
    compare=compare_years,
    examples=(
        Example("上年结转 as last year's 结转下年度, column by column", Fragment(), Outcome.PASSED, previous=_last_year()),
        Example(
            "this year's 上年结转·商业企业 2, last year's 结转下年度 1",
            Fragment(cells={"t3:2/business": "2"}),
            Outcome.FAILED,
            ("business",),
            previous=_last_year(),
        ),
        Example("the same report twice", Fragment(), Outcome.NOT_ASSESSABLE, ("pair",), previous=Fragment()),
        Example("a report of two years before", Fragment(), Outcome.NOT_ASSESSABLE, ("pair",), previous=Fragment(year=2021)),
        Example("no table 三 last year", Fragment(), Outcome.NOT_ASSESSABLE, ("t3",), previous=Fragment(year=2022, without=("t3",))),
    ),
)
X_3 = RuleEntry(
    "X-3",
    Severity.WARNING,
    "history",
    "总体情况、存在的主要问题及改进情况不照搬上年报告",
    ART_50,
    about="with last year's report: sections 一 and 五 largely the same text as last year (copying), the passage quoted",
    compare=compare_years,
    examples=(
        Example("sections 一 and 五 written anew", Fragment(), Outcome.PASSED, previous=_last_year()),
        Example("section 五 as last year's", Fragment(), Outcome.FAILED, ("s5",), previous=_last_year(text={"s5": TEXT["s5"]})),
    ),
)
T2_4 = RuleEntry(
    "T2-4",
    Severity.WARNING,
    "history",
    "表二第（一）项与上年衔接：2021版 现行有效件数＝上年现行有效件数＋本年制发件数－本年废止件数；"
    "2019版 对外公开总数量＝上年对外公开总数量＋本年新公开数量",
    FORM + "表二",
    about="with last year's report, table 二 第（一）项 per row (规章, 规范性文件): 2021 format 现行有效件数 = last year's "
    "现行有效件数 + 本年制发件数 − 本年废止件数; 2019 format 对外公开总数量 = last year's 对外公开总数量 + 本年新公开数量 "
    "(only when both reports use the same format; documents that lapse without being repealed explain a difference)",
    compare=compare_years,
    examples=(
        Example("2021 format: 9 in force = last year's 8 + 2 issued − 1 repealed", Fragment(), Outcome.PASSED, ("normative",), previous=_last_year()),
        Example(
            "2021 format: 12 in force, last year's 8 + 2 − 1",
            Fragment(cells={"t2:normative/in_force": "12"}),
            Outcome.FAILED,
            ("normative",),
            previous=_last_year(),
        ),
        Example(
            "2019 format: 9 published in all = last year's 7 + 2 new",
            Fragment(format="2019"),
            Outcome.PASSED,
            ("normative",),
            previous=_last_year("2019"),
        ),
        Example(
            "last year's report in the 2019 format",
            Fragment(),
            Outcome.NOT_APPLICABLE,
            previous=Fragment(format="2019", year=2022, text=_LAST_YEARS_TEXT),
        ),
    ),
)
T2_5 = RuleEntry(
    "T2-5",
    Severity.WARNING,
    "history",
    "表二第（五）（六）（八）项与上年衔接（2019版）：上一年项目数量＝上年报告的上一年项目数量＋上年报告的本年增/减",
    FORM_2019 + "表二",
    about="with last year's report, 2019 format, 第（五）（六）（八）项 per row: 上一年项目数量 = last year's 上一年项目数量 "
    "+ last year's 本年增/减",
    compare=compare_years,
    examples=(
        Example(
            "行政许可's 上一年项目数量 10 = last year's 9 + 1",
            Fragment(format="2019"),
            Outcome.PASSED,
            previous=_last_year("2019"),
        ),
        Example(
            "行政许可's 上一年项目数量 12, last year's 9 + 1",
            Fragment(format="2019", cells={"t2:license/prev_count": "12"}),
            Outcome.FAILED,
            ("license",),
            previous=_last_year("2019"),
        ),
        Example("the 2021 format has no 上一年项目数量", Fragment(), Outcome.NOT_APPLICABLE, previous=_last_year()),
    ),
)
