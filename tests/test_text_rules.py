"""The narrative against the tables (TX-1, TX-2, TX-3, TX-5, TX-7) and the year (TX-6).

The seeds' and the sample's narratives agree with their tables: every count they
state is read and passes. A copy with one number of the narrative changed must be
caught, quoting the sentence and naming the cell; sentences that only look like
counts (答复, 纠错, another body's or another year's figures) give no finding.
"""
from __future__ import annotations

import re

import opencc
import pytest

from core.api import open_report
from core.assemble import build_report
from core.check import check
from core.findings import Outcome, Severity
from core.readers.text import parse_text
from tests.conftest import SAMPLE, SEEDS
from tests.fixtures.sample_data import sample
from tests.fixtures.text_render import from_report, render_text

TEXT_RULES = ("TX-1", "TX-2", "TX-3", "TX-5", "TX-7")

# What each narrative states, as read: a passed finding for each.
READ = {
    "000": {"TX-1:accepted:受理政府信息公开申请27件", "TX-3:reviews:行政复议2件", "TX-3:lawsuits:行政诉讼1件",
            "TX-7:766条:通过政务信息公开平台主动公开信息:766"},
    "001": {"TX-1:received:收到57件", "TX-1:carried_out:转结下一年度办理6件"},
    "002": {"TX-2:总计"},
    "003": {"TX-2:总计", "TX-3:none:reviews", "TX-3:none:lawsuits", "TX-5:fee", "TX-7:2186条:通过区政府门户网站公开政府信息:2186"},
    "004": {"TX-1:received:收到公民公开申请2件", "TX-3:none:reviews", "TX-3:none:lawsuits", "TX-5:fee", "TX-7:43条:政策文件:43"},
    "sample": {"TX-1:received:收到政府信息公开申请18件", "TX-1:carried_in:上年结转2件", "TX-1:completed:办结17件",
               "TX-1:carried_out:结转下年度继续办理2件", "TX-5:fee", "TX-7:326条:政策文件:326"},
}
FILES = {p.name[:3]: p for p in SEEDS} | {"sample": SAMPLE}


def text_findings(result):
    return [f for f in result.findings if f.rule in TEXT_RULES]


def read_text(text: str, name: str = "r.txt"):
    return build_report(parse_text(text, name, "x"))


def with_sentence(sentence: str, section: int = 0):
    """The sample with `sentence` added to a section's text."""
    data = sample()
    sid, heading, text = data.sections[section]
    data.sections[section] = (sid, heading, text + "\n" + sentence)
    return check(read_text(render_text(data)))


def failed(result, rules: tuple[str, ...] = TEXT_RULES) -> list:
    return [f for f in result.findings if f.rule in rules and f.outcome is Outcome.FAILED]


@pytest.mark.parametrize("name", sorted(READ))
def test_the_real_narratives_agree_with_their_tables(name):
    found = text_findings(check(open_report(str(FILES[name]))))
    assert [f.message for f in found if f.outcome is not Outcome.PASSED] == []
    assert {f.key for f in found} == READ[name]


def _bump(words: str) -> str:
    """The words with their (last) number changed: 「收到57件」 → 「收到157件」.

    By 100, not 1: 57+1 is also 一＋二 (58), which 「收到」 may rightly stand for.
    """
    numbers = list(re.finditer(r"\d+", words))
    last = numbers[-1]
    return words[: last.start()] + str(int(last.group()) + 100) + words[last.end() :]


@pytest.mark.parametrize("name", sorted(set(READ) - {"002"}))  # 002 states no count, only 「暂未收到」
def test_one_number_changed_in_the_narrative_is_caught(name):
    path = FILES[name]
    text = path.read_text(encoding="utf-8")
    passed = [f for f in text_findings(check(open_report(str(path)))) if f.rule in ("TX-1", "TX-3", "TX-7") and ":none:" not in f.key]
    assert passed, "every narrative here states at least one count"
    for finding in passed:
        words = finding.quote if finding.rule == "TX-7" else finding.key.split(":", 2)[2]
        if finding.rule != "TX-7":  # the key holds the words simplified; the file may be Traditional
            words = next(w for w in (words, opencc.OpenCC("s2t").convert(words)) if w in text)
        assert text.count(words) >= 1, words
        changed = text.replace(words, _bump(words), 1)
        result = check(read_text(changed, path.name))
        caught = [f for f in failed(result) if f.rule == finding.rule]
        assert len(caught) == 1, (finding.key, [f.message for f in failed(result)])
        assert _bump(words)[:20] in caught[0].quote
        assert caught[0].severity is Severity.WARNING
        if finding.rule != "TX-7":  # named: the form's own cell (受理 passed on （七）总计, fails naming 一)
            assert caught[0].cells and caught[0].cells[0][:3] == finding.cells[0][:3]
        assert result.verdict.level != "ok"


def test_a_changed_count_names_the_sentence_and_the_cell():
    result = with_sentence("全年共收到政府信息公开申请19件。")
    tx1 = next(f for f in failed(result) if f.key == "TX-1:received:收到政府信息公开申请19件")
    assert tx1.message.startswith("正文「全年共收到政府信息公开申请19件。」中收到的申请为19，表三一、本年新收·总计为18")
    assert tx1.cells == ("t3:1/total",) and (tx1.expected, tx1.actual) == (18, 19)


def test_the_tables_disagreeing_with_a_denial_in_the_text_are_caught():
    for name, key in (("002", "TX-2:总计"), ("003", "TX-2:总计"), ("003", "TX-3:none:reviews"), ("004", "TX-3:none:lawsuits")):
        data = from_report(open_report(str(FILES[name])))
        cells = ("t3:1/natural", "t3:1/total", "t3:3.1/natural", "t3:3.1/total", "t3:3.7/natural", "t3:3.7/total")
        if "reviews" in key:
            cells = ("t4:1/review.upheld", "t4:1/review.total")
        elif "lawsuits" in key:
            cells = ("t4:1/after.upheld", "t4:1/after.total")
        for cid in cells:
            data.cells[cid] = "1"
        result = check(read_text(render_text(data)))
        caught = [f for f in failed(result) if f.key == key]
        assert len(caught) == 1 and caught[0].actual == 1, (name, key)
        assert not any(f.is_error for f in result.findings if f.rule.startswith(("T3", "T4"))), "the tables still balance"


@pytest.mark.parametrize(
    "sentence, keys",
    [
        # counts read, and wrong
        ("本年度收到法人申请4件。", {"TX-1:received:收到法人申请4件"}),
        ("本年度未收到法人或其他组织提出的政府信息公开申请。", {"TX-2:法人或其他组织"}),
        ("本年度本机关没有收到政府信息公开申请，也没有发生行政复议和行政诉讼。", {"TX-2:总计", "TX-3:none:reviews"}),
        ("本年度未发生因政府信息公开引起的行政复议和行政诉讼。", {"TX-3:none:reviews"}),
        ("本年度没有因政府信息公开被申请行政复议的情况，但有1件行政诉讼。", {"TX-3:none:reviews"}),
        ("本年度發生行政復議2起。", {"TX-3:reviews:行政复议2起"}),
        ("其中予以公开11件，部分公开2件，不予公开1件，无法提供3件，不予处理1件。", {"TX-1:granted:予以公开11件"}),
        ("共公开信息326条，其中政策文件12条、工作动态214条、重点领域信息101条。", {"TX-7:326条:政策文件:327"}),
        ("收到申请18件，其中自然人15件、法人4件。", {"TX-7:18件:自然人:19"}),
        ("二〇二三年，共收到政府信息公开申请19件。", {"TX-1:received:收到政府信息公开申请19件"}),
        ("其中予以公开及部分公开10件，占一半。", {"TX-1:granted_partly:予以公开及部分公开10件"}),  # 10 + 2 in the table
        # not counts of this body's requests this year, or not read with confidence: nothing
        ("答复申请15件，办结17件。", set()),
        ("全区共收到政府信息公开申请300件。", set()),
        ("本年度收到群众来信57件，其中涉及申请的3件。", set()),
        ("2023年，比上年多收到申请3件。", set()),
        ("2022年，街道共收到政府信息公开申请15件，办结15件。", set()),
        ("本年度收到政府信息公开申请18件，较2022年增加3件。", set()),
        ("本年度收到申请约20件。", set()),
        ("本年度收到申请20件以上。", set()),
        ("本年度未收到行政复议申请。", set()),
        ("本年度未发生行政复议被纠错、行政诉讼败诉的情况。", set()),
        ("因没有及时答复被申请行政复议1件。", set()),
        ("检查有无因信息公开引发的行政复议。", set()),
        ("全年共收到申请18件，其中予以公开10件，部分公开2件，不予公开1件，无法提供3件，不予处理1件。", set()),
        ("其中予以公开和部分公开12件。", set()),
        ("共公开信息326条，其中主要包括政策文件12条、工作动态214条。", set()),
        ("共公开信息326条，其中政策文件12条、工作动态214条等。", set()),
        ("根据第3条，其中规定了2条、3条。", set()),
        ("协助区政府办理政府信息公开申请3件。", set()),
    ],
)
def test_real_world_sentences(sentence, keys):
    result = with_sentence(sentence)
    assert {f.key for f in failed(result)} == keys
    for finding in failed(result):
        assert finding.severity is Severity.WARNING and finding.quote


def test_traditional_narrative_reads_like_the_simplified_one():
    to_traditional = opencc.OpenCC("s2t").convert
    text = render_text(sample()).replace("办结17件", "办结16件")
    simplified = check(read_text(text))
    traditional = check(read_text(to_traditional(text)))
    assert traditional.report.meta.script == "traditional"
    keys = lambda r: sorted((f.key, f.outcome) for f in text_findings(r))  # noqa: E731
    assert keys(traditional) == keys(simplified)
    caught = next(f for f in failed(traditional) if f.rule == "TX-1")
    assert "辦結16件" in caught.message and caught.cells == ("t3:3.7/total",)


# --- TX-5: 信息处理费 ------------------------------------------------------------------------


def test_a_2021_format_report_must_state_the_fee():
    data = sample()
    data.sections[5] = ("s6", "六、其他需要报告的事项", "无其他需要报告的事项。")
    tx5 = next(f for f in check(read_text(render_text(data))).findings if f.key == "TX-5:fee")
    assert tx5.outcome is Outcome.FAILED and "信息处理费" in tx5.message and tx5.section == "s6"


def test_a_2020_report_is_not_asked_for_the_fee():
    assert not [f for f in check(open_report(str(FILES["002"]))).findings if f.rule == "TX-5"]


def test_requests_dropped_for_an_unpaid_fee_go_with_a_statement_on_fee_notices():
    data = sample()
    for cid in ("t3:3.6.2/natural", "t3:3.6.2/total", "t3:4/natural", "t3:4/total"):
        data.cells[cid] = str(int(data.cells[cid]) + 1) if cid.startswith("t3:3.6.2") else data.cells[cid]
    for cid in ("t3:3.7/natural", "t3:3.7/total"):
        data.cells[cid] = str(int(data.cells[cid]) + 1)
    result = check(read_text(render_text(data)))
    notice = next(f for f in result.findings if f.key == "TX-5:notice")
    assert notice.outcome is Outcome.FAILED and notice.cells == ("t3:3.6.2/total",) and "收费通知" in notice.message
    data.sections[5] = ("s6", "六、其他需要报告的事项", "本年度发出收费通知1件，申请人逾期未缴纳费用，未收取信息处理费。")
    result = check(read_text(render_text(data)))
    assert next(f for f in result.findings if f.key == "TX-5:notice").outcome is Outcome.PASSED


@pytest.mark.parametrize(
    "statement, answers",
    [
        ("全年收取政府信息公开信息处理费3940元。", True),  # a real city report's sentence
        ("本年度收取信息处理费0元。", True),
        ("信息处理费共计1,200元，已全部上缴财政。", True),
        ("本年度收取信息处理费合计0.39万元。", True),
        ("本年度未收取信息处理费。", False),  # says nothing of the notices the table counts
        ("无其他需要报告的事项。", False),
    ],
)
def test_a_statement_of_the_fees_collected_answers_for_the_fee_notices(statement, answers):
    """Table 三's （六）2 counts requests dropped for a fee left unpaid: fee notices were sent. What the report
    says was collected — any amount, 0 included — accounts for them."""
    data = sample()
    for cid in ("t3:3.6.2/natural", "t3:3.6.2/total", "t3:3.7/natural", "t3:3.7/total"):
        data.cells[cid] = str(int(data.cells[cid]) + 1)
    data.sections[5] = ("s6", "六、其他需要报告的事项", statement)
    result = check(read_text(render_text(data)))
    notice = next(f for f in result.findings if f.key == "TX-5:notice")
    assert notice.outcome is (Outcome.PASSED if answers else Outcome.FAILED)
    assert notice.quote == (statement if answers else None)


# --- TX-6: one year throughout ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("2022年，街道共办理依申请公开17件。", True),
        ("二〇二二年，街道组织业务培训2次。", True),
        ("2022年，街道組織業務培訓2次。", True),
        ("2022年收到申请15件，2023年收到申请18件。", False),  # a comparison with the report's own year
        ("2022年同期收到申请15件。", False),
        ("2024年，街道将进一步规范栏目。", False),  # a plan
        ("2022年12月，街道印发了工作方案。", False),  # a date, not the year reported on
    ],
)
def test_the_running_text_names_the_reports_year(sentence, flagged):
    result = with_sentence(sentence, section=4)
    odd = [f for f in result.findings if f.rule == "TX-6" and f.outcome is Outcome.FAILED]
    assert bool(odd) == flagged
    if flagged:
        assert odd[0].quote == sentence and odd[0].severity is Severity.WARNING
