"""TX-6: one year throughout — the title, the 统计期限 sentence and the running text.

A sentence that opens with a year states what happened that year; one that looks
back (上年、同比) or ahead (将、计划、下一步) is left alone: comparing with last year
and planning next year are part of a good report.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from core.findings import Finding, Outcome, Severity
from core.model import Report
from core.rules.entry import FORM, RuleEntry
from core.rules.examples import AGENCY, Example, Fragment
from core.text.sentences import sentences

_OPENING_YEAR_RE = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.]\s*)?((?:19|20)\d{2})\s*年(?:度)?(?![\d一二三四五六七八九十]+月)")
_ASIDE_RE = re.compile(r"将|计划|拟|下一步|下一年|明年|来年|上年|去年|上一年|同比|同期|较|比上|相比|以来|之前|此前|截至|累计|至今")


def text_years(report: Report) -> list[tuple[int, str]]:
    """(year, sentence as written) for each sentence of the running text that opens with a year.

    A sentence that also names the report's own year compares the two years
    (「2022年收到15件，2023年收到18件」): it is set aside like 「同比」.
    """
    claims = []
    for paragraph in report.paragraphs:
        for sentence in sentences(paragraph):
            match = _OPENING_YEAR_RE.match(sentence.simple)
            if not match or _ASIDE_RE.search(sentence.simple):
                continue
            year = int(match.group(1))
            if year != report.year and f"{report.year}年" in sentence.simple:
                continue
            claims.append((year, sentence.text))
    return claims


def check_year(report: Report) -> Iterator[Finding]:
    meta = report.meta
    year = report.year
    if year is None:
        yield TX_6.finding(Outcome.NOT_ASSESSABLE, "标题、统计期限和正文都没有写明报告年度。", TX_6.key("title"), subject="年度")
        return
    if meta.title_year and meta.period_year and meta.title_year != meta.period_year:
        yield TX_6.finding(
            Outcome.FAILED,
            f"标题写的是{meta.title_year}年，统计期限写的是{meta.period_year}年，两者不一致。",
            TX_6.key("title"),
            Severity.ERROR,
            expected=meta.title_year,
            actual=meta.period_year,
            subject="标题与统计期限",
        )
    else:
        yield TX_6.finding(Outcome.PASSED, f"报告年度为{year}年。", TX_6.key("title"), Severity.ERROR, subject="标题与统计期限")
    odd = [(y, s) for y, s in text_years(report) if y != year]
    for other, sentence in odd[:5]:
        yield TX_6.finding(
            Outcome.FAILED,
            f"正文中写的是{other}年，与报告年度{year}年不一致：「{sentence[:60]}」",
            TX_6.key("text", str(other), sentence[:20]),
            Severity.WARNING,
            expected=year,
            actual=other,
            subject="正文年度",
            quote=sentence,
        )
    if not odd:
        yield TX_6.finding(Outcome.PASSED, "正文中的年度与报告年度一致。", TX_6.key("text"), Severity.WARNING, subject="正文年度")


TX_6 = RuleEntry(
    "TX-6",
    Severity.ERROR,
    "format",
    "标题、统计期限和正文的年度一致",
    FORM,
    about="one year throughout: title, 统计期限, running text (past-year comparisons and next-year plans aside)",
    check=check_year,
    examples=(
        Example("2023 in the title, the 统计期限 and the text", Fragment(), Outcome.PASSED),
        Example(
            "the 统计期限 of 2022 under a title of 2023",
            Fragment(period="本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"),
            Outcome.FAILED,
            ("title",),
        ),
        Example(
            "a sentence of the text opening with 2022",
            Fragment(text={"s5": "2022年，部分栏目更新不够及时。"}),
            Outcome.FAILED,
            ("text",),
            Severity.WARNING,
        ),
        Example(
            "last year named in a comparison",
            Fragment(text={"s5": "2022年同期收到申请12件，本年有所增加。"}),
            Outcome.PASSED,
            ("text",),
        ),
        Example(
            "no year anywhere",
            Fragment(title=f"{AGENCY}政府信息公开工作年度报告", period="", text={"s1": "本街道认真做好主动公开工作。"}),
            Outcome.NOT_ASSESSABLE,
            ("title",),
        ),
    ),
)
