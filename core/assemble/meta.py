"""The report's title, issuing body and year, from the title or, failing that, the text."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from core.document import Document, Para
from core.formats.sections import TITLE_CORE
from core.model import Location, Meta, Section
from core.text.normalize import arabic_years, is_traditional, squeeze, to_simplified

_YEAR_RE = re.compile(r"(?<![\d\[〔(（])((?:19|20)\d{2})\s*年")
_PERIOD_RE = re.compile(r"((?:19|20)\d{2})年(?:度)?1月1日.{0,4}?(?:至|到|-|—|~)\s*((?:19|20)\d{2})年(?:度)?12月31日")
# A quotation up to its close, never past another opening: an opening never closed would otherwise
# be searched to the end of the text from each of its places (the square of the text's length).
_QUOTED_RE = re.compile(r"《[^》《]*》|〔[^〕〔]*〕|\[[^\]\[]*\]|“[^”“]*”")
_TITLE_NOISE_RE = re.compile(r"((?:19|20)\d{2})\s*年度?|关于|的$")
_TITLE_CORES = (TITLE_CORE, "政府信息公开年度报告", "政务公开工作年度报告", "信息公开工作年度报告", "年度报告", "年报")
_AGENCY_SUFFIXES = (
    "街道办事处",
    "街道",
    "人民政府办公室",
    "人民政府",
    "办事处",
    "服务中心",
    "中心",
    "管理委员会",
    "委员会",
    "管委会",
    "办公室",
    "局",
    "镇",
    "乡",
)
_AGENCY_RE = re.compile(
    r"(?:19|20)\d{2}年度?[，,、]?\s*([^\s，,。；;：:“”《》、]{2,30}?(?:" + "|".join(_AGENCY_SUFFIXES) + "))"
)
_SENTENCE_RE = re.compile(r"[。；;：:，,！？]")


def _simple(text: str) -> str:
    return unicodedata.normalize("NFKC", to_simplified(text))


_TITLE_LINES = 6  # the title is among the first lines of a report …
_TITLE_REACH = 40  # … or, in a page copied from the browser, below the portal's banner and menus


def find_title(document: Document, sections: dict[str, Section]) -> tuple[str | None, Para | None]:
    """The title: a short paragraph with 报告 or 年报 before the first section (maybe over two lines).

    Where there are several, the first of the best: one marked as a heading (a web page's <h1>, Word's
    标题 style), then one with the words of the form's title, then one naming the body. A page saved or
    copied from the browser shows the portal's menus (「政府信息公开年报」) and whatever its scripts wrote
    (「2022年政府信息公开工作年度报告」) above the report; in a copy, where the report's own title may come
    further down, it is taken there only when it names 信息公开, the year and the body.
    """
    first = min((s.index for s in sections.values() if s.found and s.index is not None), default=len(document.blocks))
    before = list(_lines_before(document, first))[:_TITLE_REACH]
    candidates = [(n, c) for n in range(len(before)) if (c := _title_at(before, n)) is not None]
    candidates = [(n, c) for n, c in candidates if n < _TITLE_LINES or TITLE_CORE in _simple(c[0]) or _full_title(c[0])]
    if not candidates:
        return None, None

    def rank(candidate: tuple[int, tuple[str, Para]]) -> tuple:
        n, (text, para) = candidate
        return (para.heading_level is None, TITLE_CORE not in _simple(text), _agency_of_title(text) is None, n)

    return min(candidates, key=rank)[1]


def _lines_before(document: Document, first: int):
    """The paragraphs before block `first`, and the rows a table starts with that hold one text each: a title
    typed in a row merged across a workbook's tables, or in a Word table's first row."""
    for block in document.blocks[:first]:
        if isinstance(block, Para):
            if block.text.strip():
                yield block
            continue
        for row in block.rows:
            texts = [c for c in row if not c.covered and c.text.strip()]
            if len(texts) != 1:
                break
            yield Para(texts[0].text.strip(), texts[0].loc)


def _title_at(before: list[Para], n: int) -> tuple[str, Para] | None:
    """The title if it is paragraph `n` (joined to the line before it, when the title is split over two)."""
    text = squeeze(before[n].text)
    if not _may_be_title(text):
        return _wrapped_title(before, n, text)
    if n > 0 and not _full_title(text):  # a title naming 信息公开, the year and the body is whole
        previous = squeeze(before[n - 1].text)
        says_report = "报告" in _simple(previous) or "年报" in _simple(previous)  # a title, or a menu's 「…年报」
        # A title's first line names the body or the year (「XX街道办事处」「2023年」), not a menu's 「互动交流」.
        names = _simple(previous).endswith(_AGENCY_SUFFIXES) or _YEAR_RE.search(arabic_years(_simple(previous)))
        first_half = len(previous) <= 40 and not _SENTENCE_RE.search(previous) and not says_report and names
        if first_half and "政府信息公开" in _simple(previous + text):
            return previous + text, before[n - 1]
    return text, before[n]


def _wrapped_title(before: list[Para], n: int, text: str) -> tuple[str, Para] | None:
    """A title that a PDF's centred lines cut anywhere, even inside a word (「…工作年度报」 / 「告」): paragraph `n`
    joined to the short line after it, when only together they are a whole title (the body, the year, 信息公开)."""
    if n + 1 >= len(before) or _SENTENCE_RE.search(text):
        return None
    rest = squeeze(before[n + 1].text)
    joined = text + rest
    if len(rest) <= _TITLE_TAIL and _may_be_title(joined) and _full_title(joined):
        return joined, before[n]
    return None


_TITLE_TAIL = 12  # the part of a title that wraps onto the next line is short: a few characters, not a line


def _may_be_title(text: str) -> bool:
    """Short, no sentence, and 报告 in it, or 年报 with a year (without one it is a portal's menu: 「政府信息公开年报」)."""
    simple = _simple(text)
    says_report = "报告" in simple or ("年报" in simple and _year_of_title(text) is not None)
    return len(text) <= 60 and says_report and not _SENTENCE_RE.search(text)


def _full_title(text: str) -> bool:
    return "信息公开" in _simple(text) and _year_of_title(text) is not None and _agency_of_title(text) is not None


def _year_of_title(title: str) -> int | None:
    match = _YEAR_RE.search(arabic_years(_simple(title)))
    return int(match.group(1)) if match else None


def _agency_of_title(title: str) -> str | None:
    text = _simple(title)
    for core in _TITLE_CORES:
        if core in text:
            text = text[: text.index(core)]
            break
    text = _TITLE_NOISE_RE.sub("", arabic_years(text)).strip(" -—:：,，")
    text = re.sub(r"政府信息公开(工作)?$", "", text)
    return _full_width_brackets(text) if len(text) >= 2 else None


def _full_width_brackets(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")


def _prose(document: Document, sections: dict[str, Section]) -> list[str]:
    """The text before section 二: the preface and 总体情况, where the year and body are named."""
    end = sections["s2"].index if sections["s2"].found and sections["s2"].index is not None else len(document.blocks)
    return [_simple(b.text) for b in document.blocks[:end] if isinstance(b, Para)]


def _year_of_text(paragraphs: list[str]) -> int | None:
    counts: Counter[int] = Counter()
    for text in paragraphs:
        for match in _YEAR_RE.finditer(_QUOTED_RE.sub("", arabic_years(text))):
            counts[int(match.group(1))] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def period_year(document: Document) -> int | None:
    """The year of the 「统计期限自X年1月1日起至X年12月31日止」 sentence."""
    for para in document.paragraphs:
        match = _PERIOD_RE.search(squeeze(_simple(para.text)))
        if match and match.group(1) == match.group(2):
            return int(match.group(1))
    return None


def _agency_of_text(paragraphs: list[str]) -> str | None:
    for text in paragraphs:
        for match in _AGENCY_RE.finditer(text):
            name = match.group(1).lstrip("我本该")
            if not any(name == suffix for suffix in _AGENCY_SUFFIXES) and len(name) >= 3:
                return _full_width_brackets(name)
    return None


# Between a page's title and the portal's name in a web page's <title>: 「…年度报告_XX区人民政府」「… - 政务公开」.
_NAMED_TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜]|\s[-－—–]+\s|——)\s*")


def named_title(document: Document) -> tuple[str | None, Para | None]:
    """The title a web page names in its <title>, when its body shows none: the part that is a report's title
    naming the year or the body (a bare 「政府信息公开工作年度报告」 is the portal's label for any report)."""
    for part in _NAMED_TITLE_SPLIT_RE.split(document.named_title or ""):
        text = squeeze(part)
        if _may_be_title(text) and (_year_of_title(text) or _agency_of_title(text)):
            return text, Para(text, Location(document.source, document.kind))
    return None, None


def read_meta(document: Document, sections: dict[str, Section]) -> Meta:
    title, title_para = find_title(document, sections)
    if title is None:
        title, title_para = named_title(document)
    all_text = "".join(b.text for b in document.paragraphs[:40])
    meta = Meta(title=title, script="traditional" if is_traditional(all_text) else "simplified")
    meta.title_loc = title_para.loc if title_para else None
    prose = _prose(document, sections)
    meta.title_year = _year_of_title(title) if title else None
    meta.period_year = period_year(document)
    if meta.title_year:
        meta.year, meta.year_source = meta.title_year, "title"
    elif meta.period_year:
        meta.year, meta.year_source = meta.period_year, "period"
    else:
        year = _year_of_text(prose)
        meta.year, meta.year_source = year, ("text" if year else None)
    agency = _agency_of_title(title) if title else None
    if agency:
        meta.agency, meta.agency_source = agency, "title"
    else:
        agency = _agency_of_text(prose)
        meta.agency, meta.agency_source = agency, ("text" if agency else None)
    return meta
