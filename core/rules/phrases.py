"""What the narrative says, as data: the phrases the text rules read, each with what it means.

Patterns are matched on a sentence's simple form (Simplified characters, ASCII
digits; see core/text/sentences.py). They are deliberately narrow: between the
verb and the number only the words listed here may stand, so 「收到群众来信57件」
or 「行政复议纠错0件」 are not read as counts of applications or of appeals. A
sentence the patterns cannot read gives no finding — a wrong warning costs a clerk
more than a missed one.

A count's `readings` are the table values it may stand for, each a sum of cells;
the text agrees when it equals any of them. Cell templates name a row of the form
(a group such as 「3.3」 stands for all its rows) and `{col}` the applicant column
the sentence speaks of (all applicants, 自然人, or the five 法人或其他组织 columns).

Not read, on purpose:
- 「答复N件」: a reply is one outcome among several; withdrawals (撤回), 不予补正 and
  cases still running are not replies, so a 答复 count legitimately differs from
  （七）总计 (seed 001: 收到57件，答复45件，转结下一年度6件，撤回5件).
- 「撤回」「不予补正」: the 2019 form has no row of their own (they go to （六）其他处理
  together with other cases), so no single cell holds them.
- numbers in Chinese characters (「一起」 is also the word "together", and a typo of 「引起」).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# --- building blocks -------------------------------------------------------------------

_N = r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*"  # a whole number, maybe with thousands commas
_APPLICATIONS = r"(?:件|宗|份|个)"  # units applications are counted in
_CASES = r"(?:件|起|宗|个|次)"  # units appeals and lawsuits are counted in
_TOTAL = r"(?:共|共计|合计|总计)?(?:为|有|达)?"
_KIND = r"(?:政府信息公开|信息公开|依申请公开|公开)?"

NATURAL_WORDS = ("公民", "群众", "个人", "自然人")
LEGAL_WORDS = ("法人", "企业", "社会组织", "其他组织", "组织", "单位")
ALL_WORDS = ("社会公众", "公众", "申请人")
_WHO_WORD = "(?:" + "|".join(sorted(NATURAL_WORDS + LEGAL_WORDS + ALL_WORDS, key=len, reverse=True)) + ")"
# Who applied: 「公民」「社会组织或群众个人」, optionally 「…提出的」.
_WHO = rf"(?:(?P<who>{_WHO_WORD}(?:(?:或者|或|和|及|与|、)?{_WHO_WORD})*)(?:提出|提交|递交)?(?:的)?)?"
_APPLICATION = rf"{_WHO}{_KIND}(?:的)?(?:申请)?(?:事项|件)?(?:数量|数)?"


@dataclass(frozen=True)
class Count:
    """A number the text states, and the table values it may stand for."""

    id: str
    table: str  # the table it is compared with: 't3' (rule TX-1) | 't4' (TX-3)
    what: str  # for messages: 「收到的申请」
    patterns: tuple[re.Pattern[str], ...]  # each has a group 'n' (the number), maybe 'who'
    readings: tuple[tuple[str, ...], ...]  # alternative sums of cell templates; the first is the form's own
    needs_context: bool = True  # the sentence must speak of applications (「申请」)


def _p(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _outcome(id_: str, words: str, row: str, what: str) -> Count:
    pattern = rf"(?:{words})(?:的)?(?:申请)?{_TOTAL}{_N}{_APPLICATIONS}"
    return Count(id_, "t3", what, _p(pattern), ((f"t3:{row}/{{col}}",),), needs_context=False)


_NEW, _CARRIED, _DONE, _NEXT = "t3:1/{col}", "t3:2/{col}", "t3:3.7/{col}", "t3:4/{col}"
_NEXT_YEAR = r"(?:下一?|次|明)年(?:度)?"

# In order of precedence: where two phrases claim the same words, the earlier wins
# (「结转下年度继续办理2件」 is a carry-over, not 「办理…2件」).
COUNTS: tuple[Count, ...] = (
    Count(
        "carried_out",
        "t3",
        "结转下年度继续办理的申请",
        _p(
            rf"(?:结转|转结|转入|转至)(?:到|至|入)?{_NEXT_YEAR}(?:继续)?(?:办理|处理)?(?:的)?(?:申请)?{_TOTAL}{_N}{_APPLICATIONS}",
            rf"{_N}{_APPLICATIONS}(?:申请)?(?:需)?(?:结转|转结|转入|转至)(?:到|至|入)?{_NEXT_YEAR}",
        ),
        ((_NEXT,),),
    ),
    Count(
        "carried_in",
        "t3",
        "上年结转的申请",
        _p(rf"(?:上一?年度?|去年)(?:度)?结转(?:的)?(?:{_KIND}申请)?{_TOTAL}{_N}{_APPLICATIONS}"),
        ((_CARRIED,),),
    ),
    Count(
        "received",
        "t3",
        "收到的申请",
        _p(rf"(?:新收|收到|接收|接到)(?:了)?(?:各类)?{_APPLICATION}{_TOTAL}{_N}{_APPLICATIONS}"),
        ((_NEW,), (_NEW, _CARRIED)),  # some count last year's carried-over requests in
    ),
    Count(
        "accepted",
        "t3",
        "受理的申请",
        # 受理 is used for "received" and for "dealt with" alike (seed 000: 受理27件 = （七）总计).
        _p(rf"受理(?:了)?(?:各类)?{_APPLICATION}{_TOTAL}{_N}{_APPLICATIONS}"),
        ((_NEW,), (_NEW, _CARRIED), (_DONE,)),
    ),
    Count(
        "completed",
        "t3",
        "办结的申请",
        _p(rf"(?:办结|办理完毕|办理完结|办理完成|处理完毕)(?:了)?{_APPLICATION}{_TOTAL}{_N}{_APPLICATIONS}"),
        ((_DONE,),),
    ),
    Count(
        "handled",
        "t3",
        "办理的申请",
        # 「办理」 alone could mean received or completed; only with its object named.
        _p(rf"办理(?:了)?(?:政府信息公开|依申请公开)(?:的)?(?:申请)?(?:事项|件)?{_TOTAL}{_N}{_APPLICATIONS}"),
        ((_DONE,), (_NEW,), (_NEW, _CARRIED)),
    ),
    Count(
        "granted_partly",
        "t3",
        "予以公开和部分公开",
        # 「予以公开及部分公开258件」 (a real report): one count of both rows, not 部分公开 alone.
        _p(rf"(?:予以公开|同意公开)(?:及|和|与|或|、|以及)部分公开(?:的)?(?:申请)?{_TOTAL}{_N}{_APPLICATIONS}"),
        (("t3:3.1/{col}", "t3:3.2/{col}"),),
        needs_context=False,
    ),
    _outcome("granted", "予以公开|同意公开", "3.1", "予以公开"),
    _outcome("partly", "(?<!不予)(?<!不)部分公开", "3.2", "部分公开"),
    _outcome("refused", "不予公开", "3.3", "不予公开"),
    _outcome("not_held", "本机关不掌握(?:相关)?(?:政府)?信息", "3.4.1", "本机关不掌握相关政府信息"),
    _outcome("unable", "无法提供", "3.4", "无法提供"),
    _outcome("not_processed", "不予处理", "3.5", "不予处理"),
    _outcome("other_handling", "其他处理", "3.6", "其他处理"),
    Count(
        "reviews",
        "t4",
        "行政复议",
        _p(rf"行政复议(?:案件|申请)?{_TOTAL}{_N}{_CASES}"),
        (("t4:1/review.total",),),
        needs_context=False,
    ),
    Count(
        "lawsuits",
        "t4",
        "行政诉讼",
        _p(rf"行政诉讼(?:案件)?{_TOTAL}{_N}{_CASES}"),
        (("t4:1/direct.total", "t4:1/after.total"),),
        needs_context=False,
    ),
)

# The sentence speaks of applications: a bare 「收到57件」 is read only then.
CONTEXT = re.compile(r"申请")

# After the unit: an approximate number is not a count to compare.
APPROXIMATE_AFTER = re.compile(r"^\s*(?:以上|左右|以下|上下|余|多)")

# A clause that compares with another year or speaks of change is not this year's count.
ASIDE = re.compile(
    r"同比|环比|较上年|比上年|较去年|比去年|较\d{4}年|比\d{4}年|增长|下降|增加|减少|上升|持平|历年|累计"
    r"|去年(?!度?结转)|上一?年(?!度?结转)"
)

# A sentence about other bodies' requests, or requests passed on, is not this body's table.
SCOPE = re.compile(r"全区|全市|全县|全省|全镇|全街道|全系统|各部门|各单位|各乡镇|各街道|各镇街|协助|转办|转交|转送|会办|配合")

# Clause boundaries (a comma between digits belongs to a number).
CLAUSE_BREAK = re.compile(r"[，；;。！？!?：:]|(?<!\d),|,(?!\d{3})")

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")

# --- 「未收到…申请」 (TX-2) --------------------------------------------------------------

NO_REQUESTS = re.compile(
    rf"(?:未|没有|暂未|尚未|均未|并未)(?:收到|接到|受理|接收)(?:过)?(?:任何)?{_WHO}"
    r"(?:政府信息公开|信息公开|依申请公开)?(?:的)?(?:申请|件)"
)

# --- 「未发生…行政复议、行政诉讼」 (TX-3) ------------------------------------------------

_NEGATION = r"(?:未发生|没有发生|未出现|未有|没有|未被|暂无|均无|并无|(?<!有)无(?!法|正当|论|需|偿|关|缝))"
NO_APPEALS = re.compile(rf"{_NEGATION}[^，,。；;]{{0,30}}?(?:复议|诉讼)")
# Where the denial ends: the next clause, or a turn (「但有1件行政诉讼」).
DENIAL_END = re.compile(r"[，,。；;！？]|但|而|仅|只有|\d")
# Not a denial that cases exist: denying an outcome (「未发生行政复议被纠错、行政诉讼败诉的情况」).
NOT_A_DENIAL = re.compile(r"纠错|纠正|败诉|撤销|确认违法|追责|问责|风险|被改变|责任")
# A negation inside a cause is not the sentence's claim: 「因没有及时答复被申请行政复议」 (a cause word earlier in
# the negation's clause, the clause ending at the first of CAUSE_CLAUSE_ENDS before it).
CAUSE = re.compile(r"因|由于")
CAUSE_CLAUSE_ENDS = "，,。；;"
APPEAL_KINDS = (  # word in the denial → the table 四 totals it says are 0
    ("reviews", "复议", ("t4:1/review.total",)),
    ("lawsuits", "诉讼", ("t4:1/direct.total", "t4:1/after.total")),
)

# --- 「共…N条，其中a条、b条…」 (TX-7) ----------------------------------------------------

LIST_UNITS = "条|件|篇|项|个"
LIST_TOTAL = re.compile(
    rf"(?<![\d.,约近逾余第])(?P<total>\d{{1,3}}(?:,\d{{3}})+|\d+)\s*(?P<unit>{LIST_UNITS})\s*[，,。；;：:]?\s*其中\s*[，,：:]?\s*"
)
LIST_END = re.compile(r"[。；;！？!?\n]")
LIST_SEPARATOR = re.compile(r"[，、]|(?<!\d),|,(?!\d{3})")
LIST_ITEM = re.compile(rf"^(?P<label>[^\d]{{1,40}}?)(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)\s*(?P<unit>{LIST_UNITS})$")
# A list that names only some parts: 「其中主要包括…」.
LIST_PARTIAL = re.compile(r"^(?:主要|包括|包含|含|如|例如|比如|有)")
# Outcomes listed after a count of requests need not add up to it (requests carried over,
# still running); TX-1 compares each of them with its own row instead.
LIST_OUTCOME = re.compile(r"^(?:予以|同意|部分|不予|无法|其他处理|办结|答复|结转|转结|撤回|申请人|补正)|复议|诉讼")

# --- 信息处理费 (TX-5) --------------------------------------------------------------------

FEE_NAMED = re.compile(r"信息处理费")  # anywhere in the report
FEE_STATEMENT = re.compile(r"处理费|收费|(?:收取|缴纳|减免|免收|免除)[^。；;]{0,20}?费")  # in section 六
FEE_NOTICE = re.compile(r"收费通知|缴费通知|缴纳")
# What was collected, any amount, 0 included: 「全年收取政府信息公开信息处理费3940元」「信息处理费共计0元」. It says
# what came of the fee notices as well as a sentence on them does; 「未收取…」 alone does not (nothing is stated
# of the notices the table counts).
FEE_COLLECTED = re.compile(
    r"(?<![未没不免])(?:收取|收缴|收到|共收|收入|收费)[^。；;]{0,20}?费[^。；;]{0,12}?\d[\d,，.]*\s*万?元"
    r"|信息处理费[^。；;]{0,12}?(?:共计|合计|总计|收入|金额|计)?\s*\d[\d,，.]*\s*万?元"
)
