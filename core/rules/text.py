"""The narrative against the tables: TX-1, TX-2, TX-3, TX-5, TX-7.

What the text says is read with the phrases of `core/rules/phrases.py`; a sentence
they cannot read gives no finding. A mismatch is a warning that quotes the
sentence and names the cells it was compared with.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from core.findings import Finding, Outcome, Severity
from core.formats import TABLE_NAMES, cell_id, cell_name, split_cell_id
from core.formats.spec import Layout
from core.model import Number, Report
from core.rules import phrases as ph
from core.rules.entry import ART_50, FEE, FORM, RuleEntry
from core.rules.examples import Example, Fragment
from core.text.numbers import format_number
from core.text.sentences import Sentence, sentences, simple_aligned

EXCERPT = 80  # characters of a sentence quoted in a message
# A report's longest sentence has a few hundred characters; a longer one (a file made to be long) is read by no
# rule, so no pattern's work on it can grow past what this length costs.
MAX_SENTENCE = 2_000


# --- reading the text ------------------------------------------------------------------


def _about_this_year(text: str, year: int | None) -> bool:
    """False when the text names a year other than the report's (a comparison, a plan)."""
    return year is None or all(int(y) == year for y in ph.YEAR.findall(text))


def report_sentences(report: Report) -> Iterator[Sentence]:
    """The sentences of the running text the text rules read: this body's, this year's, no longer than MAX_SENTENCE."""
    for paragraph in report.paragraphs:
        for sentence in sentences(paragraph):
            if len(sentence.simple) > MAX_SENTENCE or ph.SCOPE.search(sentence.simple):
                continue
            opening = ph.CLAUSE_BREAK.search(sentence.simple)
            if not _about_this_year(sentence.simple[: opening.start() if opening else None], report.year):
                continue  # 「2022年，…」: last year's figures
            yield sentence


def clause(text: str, start: int, end: int) -> str:
    """The clause (between commas, semicolons, full stops) that holds text[start:end]."""
    before = [m.end() for m in ph.CLAUSE_BREAK.finditer(text, 0, start)]
    after = ph.CLAUSE_BREAK.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def excerpt(sentence: Sentence, start: int = 0, end: int = 0) -> str:
    """The sentence as written, or the part of it around [start, end) when it is long."""
    text = sentence.text
    if len(text) <= EXCERPT:
        return text
    half = (EXCERPT - (end - start)) // 2
    lo, hi = max(0, start - half), min(len(text), end + half)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


@dataclass(frozen=True)
class Claim:
    count: ph.Count
    number: int
    who: str | None
    sentence: Sentence
    start: int
    end: int

    @property
    def words(self) -> str:
        """As written."""
        return self.sentence.text[self.start : self.end]

    @property
    def key(self) -> str:
        """Stable whether the report is in Simplified or Traditional characters."""
        return self.rule.key(self.count.id, self.sentence.simple[self.start : self.end])

    @property
    def rule(self) -> RuleEntry:
        return TX_1 if self.count.table == "t3" else TX_3


def count_claims(report: Report) -> Iterator[Claim]:
    """Every count the text states that the phrases can read."""
    for sentence in report_sentences(report):
        text = sentence.simple
        taken: list[tuple[int, int]] = []
        for count in ph.COUNTS:
            if count.needs_context and not ph.CONTEXT.search(text):
                continue
            for pattern in count.patterns:
                for match in pattern.finditer(text):
                    start, end = match.span()
                    if any(start < b and a < end for a, b in taken):
                        continue
                    around = clause(text, start, end)
                    if ph.ASIDE.search(around) or not _about_this_year(around, report.year):
                        continue
                    if ph.APPROXIMATE_AFTER.match(text[end:]):
                        continue
                    taken.append((start, end))
                    who = match.groupdict().get("who")
                    yield Claim(count, int(match.group("n").replace(",", "")), who, sentence, start, end)


# --- cells the text is compared with ------------------------------------------------------


@dataclass(frozen=True)
class Applicants:
    """The table 三 columns a sentence speaks of, from its 「公民」「法人」…"""

    columns: tuple[str, ...]
    name: str  # for messages: '总计', '自然人', '法人或其他组织'


def applicants(layout: Layout, who: str | None) -> Applicants:
    t3 = layout.t3
    natural = who is not None and any(w in who for w in ph.NATURAL_WORDS)
    legal = who is not None and any(w in who for w in ph.LEGAL_WORDS)
    everyone = who is None or any(w in who for w in ph.ALL_WORDS) or natural == legal
    if everyone:
        total = t3.column("total")
        return Applicants((total.id,), total.name)
    if natural:
        column = t3.column("natural")
        return Applicants((column.id,), column.name)
    legal_columns = [c for c in t3.columns if c.parents]
    return Applicants(tuple(c.id for c in legal_columns), legal_columns[0].parents[0])


def expand(layout: Layout, template: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """Cells of a template: a row or a group's rows, in the given columns ('{col}') or its own."""
    table, row, col = split_cell_id(template)
    rows = [r.id for r in layout.table(table).rows if r.id == row or r.id.startswith(row + ".")]
    cols = columns if col == "{col}" else (col,)
    return tuple(cell_id(table, r, c) for r in rows for c in cols)


def part_name(layout: Layout, template: str, who: Applicants) -> str:
    table, row, col = split_cell_id(template)
    if col != "{col}":
        return cell_name(layout, template)
    spec = layout.table(table)
    group = next((g.label for g in spec.groups if g.id == row), None)
    label = group or spec.row(row).name
    return f"{TABLE_NAMES[table]}{label}·{who.name}"


@dataclass(frozen=True)
class Reading:
    name: str  # 「表三一、本年新收·总计」, 「…加…之和」
    cells: tuple[str, ...]
    value: Number | None  # None when a cell is blank, unreadable or missing


def readings(report: Report, count: ph.Count, who: str | None) -> list[Reading]:
    layout = report.layout
    columns = applicants(layout, who)
    found = []
    for templates in count.readings:
        cells = tuple(c for t in templates for c in expand(layout, t, columns.columns))
        names = [part_name(layout, t, columns) for t in templates]
        name = names[0] if len(names) == 1 else "加".join(names) + "之和"
        found.append(Reading(name, cells, _sum(report, cells)))
    return found


def _sum(report: Report, cells: tuple[str, ...]) -> Number | None:
    total: Number = 0
    for cid in cells:
        value = report.value(cid)
        if value is None:
            return None
        total += value
    return total


def _table_read(report: Report, cells: tuple[str, ...]) -> bool:
    return bool(cells) and all(report.tables_found.get(c.split(":", 1)[0]) for c in cells)


# --- TX-1 and TX-3: counts ---------------------------------------------------------------


def check_counts(report: Report) -> Iterator[Finding]:
    seen: set[str] = set()
    for claim in count_claims(report):
        key = claim.key
        if key in seen:
            continue
        seen.add(key)
        options = [r for r in readings(report, claim.count, claim.who) if r.value is not None and _table_read(report, r.cells)]
        if not options:
            continue  # the table cannot say: T3-4/T4-2 report the blank cells
        quote = excerpt(claim.sentence, claim.start, claim.end)
        n = claim.number
        common: dict[str, Any] = dict(key=key, subject=claim.count.what, quote=claim.sentence.text, actual=n)
        match = next((r for r in options if r.value == n), None)
        if match:
            message = f"正文「{claim.words}」与{match.name}（{format_number(match.value)}）一致。"
            yield claim.rule.finding(Outcome.PASSED, message, cells=match.cells, expected=match.value, **common)
            continue
        first, others = options[0], options[1:]
        also = "、".join(f"{r.name}{format_number(r.value)}" for r in others)
        message = (
            f"正文「{quote}」中{claim.count.what}为{n}，{first.name}为{format_number(first.value)}"
            + (f"（也不等于{also}）" if also else "")
            + "，两者不一致。请核对正文或表格。"
        )
        yield claim.rule.finding(Outcome.FAILED, message, cells=first.cells, expected=first.value, **common)


# --- TX-2: 「未收到政府信息公开申请」 -------------------------------------------------------


def check_no_requests(report: Report) -> Iterator[Finding]:
    if not report.tables_found.get("t3"):
        return
    seen: set[str] = set()
    for sentence in report_sentences(report):
        for match in ph.NO_REQUESTS.finditer(sentence.simple):
            if ph.ASIDE.search(clause(sentence.simple, *match.span())):
                continue
            columns = applicants(report.layout, match.group("who"))
            key = TX_2.key(columns.name)
            if key in seen:
                continue
            seen.add(key)
            cells = expand(report.layout, "t3:1/{col}", columns.columns)
            value = _sum(report, cells)
            if value is None:
                continue
            name = part_name(report.layout, "t3:1/{col}", columns)
            common: dict[str, Any] = dict(cells=cells, expected=0, actual=value, subject="未收到申请", quote=sentence.text)
            words = sentence.text[match.start() : match.end()]
            if value == 0:
                yield TX_2.finding(Outcome.PASSED, f"正文「{words}」与{name}（0）一致。", key, **common)
            else:
                message = f"正文「{excerpt(sentence, *match.span())}」说没有收到申请，但{name}为{format_number(value)}。请核对正文或表格。"
                yield TX_2.finding(Outcome.FAILED, message, key, **common)


# --- TX-3: 「未发生…行政复议、行政诉讼」 ---------------------------------------------------


def denials(text: str) -> Iterator[tuple[int, int, list[tuple[str, str, tuple[str, ...]]]]]:
    """(start, end, the kinds denied) for each 「未发生…行政复议…」 the text states."""
    for match in ph.NO_APPEALS.finditer(text):
        rest = text[match.start() :]
        stop = ph.DENIAL_END.search(rest, 1)
        region = rest[: stop.start()] if stop else rest
        if len(region) < match.end() - match.start() or ph.NOT_A_DENIAL.search(region):
            continue
        if _caused(text, match.start()) or re.search(r"\d", clause(text, match.start(), match.end())):
            continue  # a cause, or a clause that states a count: not a denial
        kinds: list[tuple[str, str, tuple[str, ...]]] = [kind for kind in ph.APPEAL_KINDS if kind[1] in region]
        yield match.start(), match.start() + len(region), kinds


def _caused(text: str, start: int) -> bool:
    """Whether a cause word (因, 由于) stands earlier in the clause that reaches `start`.

    Looked for from the clause's start only: a search back from every place (a pattern ending in
    「[^，]*$」) would cost the square of the sentence's length.
    """
    clause_start = max(text.rfind(end, 0, start) for end in ph.CAUSE_CLAUSE_ENDS) + 1
    return ph.CAUSE.search(text, clause_start, start) is not None


def check_no_appeals(report: Report) -> Iterator[Finding]:
    if not report.tables_found.get("t4"):
        return
    seen: set[str] = set()
    for sentence in report_sentences(report):
        for start, end, kinds in denials(sentence.simple):
            for kind, word, cells in kinds:
                key = TX_3.key("none", kind)
                value = _sum(report, cells)
                if key in seen or value is None:
                    continue
                seen.add(key)
                name = "、".join(cell_name(report.layout, c) for c in cells) + ("合计" if len(cells) > 1 else "")
                words = sentence.text[start:end]
                common: dict[str, Any] = dict(cells=cells, expected=0, actual=value, subject=f"未发生行政{word}", quote=sentence.text)
                if value == 0:
                    yield TX_3.finding(Outcome.PASSED, f"正文「{words}」与{name}（0）一致。", key, **common)
                else:
                    message = f"正文「{excerpt(sentence, start, end)}」说没有行政{word}，但{name}为{format_number(value)}。请核对正文或表格。"
                    yield TX_3.finding(Outcome.FAILED, message, key, **common)


# --- TX-5: 信息处理费 ------------------------------------------------------------------------


def check_fee(report: Report) -> Iterator[Finding]:
    """2021 on: the report says whether 信息处理费 was charged; fee notices go with a statement."""
    if report.year is None or report.year < 2021 or not report.sections["s6"].found:
        return
    # In section 六, where the form asks for it, any word of charging counts; elsewhere only the fee's name.
    statement = _first_sentence([report.sections["s6"].text], ph.FEE_STATEMENT) or _first_sentence(report.paragraphs, ph.FEE_NAMED)
    if statement:
        yield TX_5.finding(Outcome.PASSED, f"报告说明了信息处理费的收取情况：「{statement}」", TX_5.key("fee"), subject="信息处理费", quote=statement)
    else:
        message = (
            "报告没有说明收取信息处理费的情况。2021版格式要求在第六部分写明依据《政府信息公开信息处理费管理办法》"
            "收取信息处理费的情况，没有收取也应说明，如「本年度未收取信息处理费」。"
        )
        yield TX_5.finding(Outcome.FAILED, message, TX_5.key("fee"), subject="信息处理费", section="s6")
    fee_rows = [r.id for r in report.layout.t3.rows if r.id == "3.6.2"]
    if not fee_rows or not report.tables_found.get("t3"):
        return
    cid = cell_id("t3", fee_rows[0], "total")
    value = report.value(cid)
    if not value:
        return
    name = cell_name(report.layout, cid)
    notice = _first_sentence(report.paragraphs, ph.FEE_NOTICE) or _first_sentence(report.paragraphs, ph.FEE_COLLECTED)
    if notice:
        yield TX_5.finding(Outcome.PASSED, f"{name}为{format_number(value)}，报告说明了收费通知：「{notice}」", TX_5.key("notice"), cells=(cid,), subject="收费通知", quote=notice)
    else:
        message = f"{name}为{format_number(value)}，说明本年度发出过收费通知，但报告没有说明收费通知和信息处理费的情况。"
        yield TX_5.finding(Outcome.FAILED, message, TX_5.key("notice"), cells=(cid,), actual=value, subject="收费通知")


def _first_sentence(paragraphs: list[str], pattern: re.Pattern[str]) -> str | None:
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            if pattern.search(sentence.simple):
                return sentence.text
    return None


# --- TX-7: 「共…N条，其中a条、b条…」 -------------------------------------------------------


@dataclass(frozen=True)
class ListClaim:
    total: int
    unit: str
    parts: tuple[tuple[str, int], ...]  # (label, number)
    quote: str


def list_claims(text: str) -> Iterator[ListClaim]:
    """Every 「N条，其中a条、b条…」 in a paragraph whose parts all read cleanly.

    A list's sentence is found among the places the paragraph's sentences end, found once (bisected, not
    searched again for each list: a paragraph made of lists costs in proportion to its length); a list
    longer than MAX_SENTENCE is not read.
    """
    simple = simple_aligned(text)
    ends = [m.start() for m in ph.LIST_END.finditer(simple)]
    for match in ph.LIST_TOTAL.finditer(simple):
        after = bisect_left(ends, match.end())
        end = ends[after] if after < len(ends) else len(simple)
        if end - match.end() > MAX_SENTENCE:
            continue
        items = simple[match.end() : end]
        if ph.LIST_PARTIAL.match(items) or "其中" in items:
            continue
        parts: list[tuple[str, int]] = []
        for segment in (s.strip() for s in ph.LIST_SEPARATOR.split(items)):
            item = ph.LIST_ITEM.match(segment)
            if not item or item.group("unit") != match.group("unit") or ph.LIST_OUTCOME.search(item.group("label")):
                parts = []
                break
            parts.append((item.group("label"), int(item.group("n").replace(",", ""))))
        if len(parts) < 2:
            continue
        before = bisect_left(ends, match.start())
        begin = ends[before - 1] + 1 if before else 0
        quote = text[begin:end].strip()
        yield ListClaim(int(match.group("total").replace(",", "")), match.group("unit"), tuple(parts), quote)


def check_lists(report: Report) -> Iterator[Finding]:
    seen: set[str] = set()
    for paragraph in report.paragraphs:
        for claim in list_claims(paragraph):
            parts = sum(n for _, n in claim.parts)
            key = TX_7.key(f"{claim.total}{claim.unit}", claim.parts[0][0], str(parts))
            if key in seen:
                continue
            seen.add(key)
            common: dict[str, Any] = dict(expected=claim.total, actual=parts, subject="其中各项之和", quote=claim.quote)
            shown = claim.quote if len(claim.quote) <= EXCERPT else claim.quote[:EXCERPT] + "…"
            if parts == claim.total:
                message = f"「其中」所列{len(claim.parts)}项之和{parts}{claim.unit}等于总数{claim.total}{claim.unit}。"
                yield TX_7.finding(Outcome.PASSED, message, key, **common)
            else:
                message = (
                    f"正文「{shown}」：总数为{claim.total}{claim.unit}，「其中」所列{len(claim.parts)}项之和为"
                    f"{parts}{claim.unit}，相差{abs(claim.total - parts)}{claim.unit}。请核对各项数字；如只列举了一部分，请写明“等”。"
                )
                yield TX_7.finding(Outcome.FAILED, message, key, **common)


def check_text(report: Report) -> Iterator[Finding]:
    """The narrative against the tables: the text rules one after the other (a count of appeals is TX-3 as
    much as a sentence denying any is, so the rules are checked as one family)."""
    for check in (check_counts, check_no_requests, check_no_appeals, check_fee, check_lists):
        yield from check(report)


# --- the catalogue entries ---------------------------------------------------------------

TX_1 = RuleEntry(
    "TX-1",
    Severity.WARNING,
    "text",
    "正文所写的申请数量和办理结果与表三一致",
    FORM + "表三",
    about="counts written in the text equal table 三: 「收到/受理/新收…申请N件」 ↔ 一 总计 (or 一 + 二); 「办结N件」 ↔ "
    "（七）总计; 「结转…N件」 ↔ 四; 「予以公开X件、部分公开Y件…」 ↔ those rows; 「答复N件」 is not compared",
    check=check_text,
    examples=(
        Example("收到18件, 上年结转3件, 办结18件, 结转下年度3件, as in table 三", Fragment(), Outcome.PASSED),
        Example("「收到…申请20件」, table 三 18", Fragment(text={"s1": "全年共收到政府信息公开申请20件。"}), Outcome.FAILED, ("received",)),
        Example("「收到…申请21件」: last year's 3 counted in", Fragment(text={"s1": "全年共收到政府信息公开申请21件。"}), Outcome.PASSED),
        Example(
            "「予以公开9件」, table 三 10",
            Fragment(text={"s3": "申请办理结果中，予以公开9件，部分公开3件。"}),
            Outcome.FAILED,
            ("granted",),
        ),
        Example("「答复15件」: a reply is one outcome of several", Fragment(text={"s1": "全年共答复政府信息公开申请15件。"}), None),
        Example("last year's figure", Fragment(text={"s1": "2022年收到政府信息公开申请10件。"}), None),
    ),
)
TX_2 = RuleEntry(
    "TX-2",
    Severity.WARNING,
    "text",
    "正文“未收到申请”与表三第一项一致",
    FORM + "表三",
    about="「未收到政府信息公开申请」 ↔ 一 总计 = 0",
    check=check_text,
    examples=(
        Example("「本年度未收到…申请」, table 三 0", Fragment(text={"s3": "本年度未收到政府信息公开申请。"}, cells={"t3:1/total": "0"}), Outcome.PASSED),
        Example("「本年度未收到…申请」, table 三 18", Fragment(text={"s3": "本年度未收到政府信息公开申请。"}), Outcome.FAILED),
        Example("no such sentence", Fragment(), None),
    ),
)
TX_3 = RuleEntry(
    "TX-3",
    Severity.WARNING,
    "text",
    "正文所写的行政复议、行政诉讼情况与表四一致",
    FORM + "表四",
    about="「未发生…行政复议、行政诉讼」 ↔ table 四 all 0; 「行政复议N件」 ↔ its 总计",
    check=check_text,
    examples=(
        Example("「行政复议1件，未发生行政诉讼」, as in table 四", Fragment(), Outcome.PASSED),
        Example("「行政复议2件」, table 四 1", Fragment(text={"s4": "全年发生政府信息公开行政复议2件，未发生行政诉讼。"}), Outcome.FAILED, ("reviews",)),
        Example(
            "「未发生行政诉讼」, table 四 one",
            Fragment(cells={"t4:1/direct.upheld": "1", "t4:1/direct.total": "1"}),
            Outcome.FAILED,
            ("none:lawsuits",),
        ),
    ),
)
TX_5 = RuleEntry(
    "TX-5",
    Severity.WARNING,
    "text",
    "说明信息处理费的收取情况（2021年度起）",
    FEE,
    about="2021 on: section 六 states the 信息处理费 (any word of charging there, or 「信息处理费」 anywhere); a （六）2 "
    "count > 0 (逾期未按收费通知缴纳费用) goes with a statement on fee notices (收费通知, 缴纳)",
    check=check_text,
    examples=(
        Example("「本年度未收取信息处理费」 in section 六", Fragment(), Outcome.PASSED),
        Example("section 六 silent on the fee", Fragment(text={"s6": "无。"}), Outcome.FAILED, ("fee",)),
        Example("a fee notice counted in （六）2, nothing said of notices", Fragment(cells={"t3:3.6.2/total": "1"}), Outcome.FAILED, ("notice",)),
        Example(
            "a fee notice counted and 「收费通知」 said",
            Fragment(cells={"t3:3.6.2/total": "1"}, text={"s6": "本年度发出收费通知1件，申请人逾期未缴纳，未收取信息处理费。"}),
            Outcome.PASSED,
            ("notice",),
        ),
        Example("a 2020 report", Fragment(format="2019"), None),
    ),
)
TX_7 = RuleEntry(
    "TX-7",
    Severity.WARNING,
    "text",
    "“共…，其中…”各项之和等于总数",
    ART_50,
    about="「共…N条，其中a条、b条…」 adds up",
    check=check_text,
    examples=(
        Example("「326条，其中政策文件12条、工作动态214条、重点领域信息100条」", Fragment(), Outcome.PASSED),
        Example(
            "「326条，其中…12条、…214条、…90条」",
            Fragment(text={"s1": "全年主动公开政府信息326条，其中政策文件12条、工作动态214条、重点领域信息90条。"}),
            Outcome.FAILED,
        ),
        Example(
            "「其中…等」: only some of them listed",
            Fragment(text={"s1": "全年主动公开政府信息326条，其中政策文件12条、工作动态214条等。"}),
            None,
        ),
    ),
)
