"""Structure: the six sections (ST-1), the tables (ST-2), the form's labels (ST-3),
the 「由…部分组成」 intro (ST-4), the title (ST-5), what 总体情况 covers (ST-6),
and the format the year requires (FMT-1)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from core.document import Doubt
from core.findings import Finding, Outcome, Severity
from core.formats import FORMAT_DOCS, FORMAT_NAMES, TABLE_NAMES, required_format
from core.formats.sections import SECTION_BY_ID, SECTIONS, TITLE_CORE
from core.formats.spec import Column, Row
from core.model import Report
from core.rules.entry import ART_50, FORM, RuleEntry
from core.rules.examples import INTRO, Example, Fragment
from core.rules.unread import unread_message
from core.text.normalize import label_key, split_numbering, to_simplified

# --- ST-1: the six sections -------------------------------------------------------------


def check_sections(report: Report) -> Iterator[Finding]:
    if report.kind == "xlsx":
        # A workbook holds the tables only (the program's own export, a clerk's sheet): no sections to look for.
        yield ST_1.finding(Outcome.NOT_APPLICABLE, "Excel工作簿只含表格，不检查法定六部分。", ST_1.key(), subject="法定六部分")
        return
    numbers_seen: dict[str, str] = {}
    for spec in SECTIONS:
        section = report.sections[spec.id]
        key = ST_1.key(spec.id)
        if not section.found:
            doubt = report.unsure("text")
            if doubt:
                message = unread_message(f"第{spec.official[0]}部分「{spec.official}」的标题", doubt)
                yield ST_1.finding(Outcome.NOT_ASSESSABLE, message, key, section=spec.id, subject=spec.heading)
            else:
                yield ST_1.finding(Outcome.FAILED, f"缺少第{spec.official[0]}部分「{spec.official}」。", key, section=spec.id, subject=spec.heading)
            continue
        problems = []
        numbering = section.numbering or ""
        expected = spec.official.split("、")[0] + "、"
        if numbering != expected:
            if numbering in numbers_seen.values():
                problems.append(f"编号「{numbering}」与前面的部分重复，应为「{expected}」")
            elif numbering:
                problems.append(f"编号为「{numbering}」，应为「{expected}」")
            else:
                problems.append(f"没有编号，应为「{expected}」")
        numbers_seen[spec.id] = numbering
        body = split_numbering(label_key(section.heading or ""))[1].rstrip("。.:")
        if body != label_key(spec.heading):
            problems.append(f"标题措辞与格式不同，格式规定为「{spec.official}」")
        if problems:
            message = f"第{spec.official[0]}部分标题「{section.heading}」：" + "；".join(problems) + "。"
            yield ST_1.finding(Outcome.FAILED, message, key, Severity.WARNING, section=spec.id, subject=spec.heading, quote=section.heading)
        else:
            yield ST_1.finding(Outcome.PASSED, f"第{spec.official[0]}部分「{spec.official}」齐全、编号正确。", key, section=spec.id, subject=spec.heading)


# --- ST-2: the tables under their sections ---------------------------------------------


def check_tables_present(report: Report) -> Iterator[Finding]:
    lines = [label_key(line) for paragraph in (*report.paragraphs, *_inferred_cells(report)) for line in paragraph.splitlines()]
    unread = {t: _table_words_in(lines, report, t) for t in TABLE_NAMES if not report.tables_found.get(t)}
    for spec in SECTIONS:
        if not spec.table:
            continue
        table, name = spec.table, TABLE_NAMES[spec.table]
        key = ST_2.key(table)
        cells = report.layout.table(table).cell_ids
        if not report.tables_found.get(table):
            words = unread[table]
            doubt = report.unsure("any")
            if doubt:
                # Read with doubts: the reason is the reading, whatever else is seen of the table.
                message = unread_message(f"{name}「{spec.heading}」", doubt)
                if words:
                    message += f"文件的文字中有{name}的行名或列名（「{'」「'.join(words[:3])}」），但读不出表格。"
                elif report.picture_tables:
                    message += f"文件中有{report.picture_tables}张图片，表格也可能是以图片形式插入的。"
                yield ST_2.finding(Outcome.NOT_ASSESSABLE, message, key, section=spec.id, subject=name, cells=cells)
                continue
            if words or any(unread.values()):
                # The table is there (its labels are in the text) but not read: not assessable, never missing.
                seen = f"文件的文字中有{name}的行名或列名（「{'」「'.join(words[:3])}」）" if words else "文件中的其他表格也是这样"
                message = (
                    f"没有读出{name}「{spec.heading}」：{seen}，但读不出表格——表格可能没有框线，或被排成了普通文字，"
                    "无法可靠地分辨每个数字属于哪一行哪一列（为免读错，不做猜测）。"
                    "请提供含可编辑表格的Word或Excel原件，或从Word直接“另存为PDF”后再检查。"
                )
                yield ST_2.finding(Outcome.NOT_ASSESSABLE, message, key, section=spec.id, subject=name, cells=cells)
                continue
            if report.picture_tables:
                message = f"没有读到{name}「{spec.heading}」：文件中有{report.picture_tables}张图片，表格可能是以图片形式插入的，无法核对。请提供含可编辑表格的Word或Excel原件。"
            elif report.sections[spec.id].found:
                message = f"第{spec.official[0]}部分「{report.sections[spec.id].heading}」下没有{name}。请按格式补上表格。"
            else:
                message = f"没有找到{name}「{spec.heading}」。"
            yield ST_2.finding(Outcome.FAILED, message, key, section=spec.id, subject=name, cells=cells)
            continue
        where = report.table_sections.get(table)
        if where not in (spec.id, "s6") and report.sections[spec.id].found:
            where_text = f"第{SECTION_BY_ID[where].official[0]}部分" if where else "报告开头"
            yield ST_2.finding(
                Outcome.FAILED,
                f"{name}「{spec.heading}」出现在{where_text}，应放在第{spec.official[0]}部分之下。",
                key,
                Severity.WARNING,
                section=spec.id,
                subject=name,
            )
        else:
            yield ST_2.finding(Outcome.PASSED, f"{name}「{spec.heading}」已找到。", key, section=spec.id, subject=name)


def _inferred_cells(report: Report) -> list[str]:
    """The text of tables whose columns a reader inferred from positions (a PDF table without column rules): a
    table whose labels are there but whose columns the header did not tell apart is unread, not missing."""
    document = report.document
    grids = getattr(document, "grids", [])
    return [c.text for g in grids if g.doubt is Doubt.INFERRED_COLUMNS for row in g.rows for c in row if c.text]


# This many of a table's own row and column labels beginning lines of the report, when its grid was not
# read: the table is there, drawn without rules or flattened into text (a PDF of a borderless table), not missing.
TABLE_WORDS_SEEN = 3
_SHORTEST_WORDS = 4  # shorter labels (规章, 总计, 其他) are everyday words of the narrative too


def _table_words_in(lines: list[str], report: Report, table: str) -> list[str]:
    """The labels of `table` that begin one of `lines` (normalised), if there are enough of them."""
    spec = report.layout.table(table)
    items: tuple[Row | Column, ...] = (*spec.rows, *spec.columns)
    labels = {label_key(item.label): item.label for item in items}
    seen = [label for key, label in labels.items() if len(key) >= _SHORTEST_WORDS and any(key in line[: len(key) + 4] for line in lines)]
    return seen if len(seen) >= TABLE_WORDS_SEEN else []


# --- ST-3: the form's blocks, rows and columns ------------------------------------------

_NOTE_TEXT = {
    "missing_block": ("{t}缺少「{label}」整个项目。", Severity.ERROR),
    "missing_block_label": ("{t}缺少「{label}」项目标题行。", Severity.ERROR),
    "missing_row": ("{t}缺少「{label}」行。", Severity.ERROR),
    "misspelled": ("{t}的「{label}」与格式规定的「{official}」不一致（按后者读取）。", Severity.WARNING),
    "extra": ("{t}有格式中没有的项目「{label}」。", Severity.WARNING),
    "short_row": ("{t}「{label}」行{detail}，缺少的格没有读到。", Severity.WARNING),
    "long_row": ("{t}「{label}」行{detail}，多出的数没有读取。", Severity.WARNING),
    # Text copied from a PDF: numbers that cannot be told to their columns are left unread, never guessed.
    "unplaced": ("未能读出{t}「{label}」行的{count}格：{detail}，无法确定各数属于哪一列（为免读错，不做猜测）。"
                 "请打开这份报告的Word原件（.docx）再检查。", Severity.WARNING),
}


_ABSENT = ("missing_block", "missing_block_label", "missing_row")


def check_labels(report: Report) -> Iterator[Finding]:
    for table in ("t2", "t3", "t4"):
        if not report.tables_found.get(table):
            continue
        notes = [n for n in report.notes if n.table == table]
        name = TABLE_NAMES[table]
        doubt = report.unsure(table)
        if doubt:
            # Rows not found in a table read with doubts may be there unread: one line for them all.
            absent = [n for n in notes if n.kind in _ABSENT]
            notes = [n for n in notes if n.kind not in _ABSENT]
            if absent:
                labels = "」「".join(n.label for n in absent[:3]) + ("」等" if len(absent) > 3 else "」")
                unit = "行" if all(n.kind == "missing_row" for n in absent) else "处"
                what = f"{name}的{len(absent)}{unit}（「{labels}）"
                cells = tuple(dict.fromkeys(c for n in absent for c in n.cells))
                yield ST_3.finding(Outcome.NOT_ASSESSABLE, unread_message(what, doubt), ST_3.key(table, "unread"), cells=cells, subject=name)
        for note in notes:
            template, severity = _NOTE_TEXT[note.kind]
            message = template.format(t=name, label=note.label, official=note.official or "", detail=note.detail, count=len(note.cells))
            outcome = Outcome.NOT_ASSESSABLE if note.kind == "unplaced" else Outcome.FAILED
            yield ST_3.finding(outcome, message, ST_3.key(table, note.kind, note.label), severity, cells=note.cells, subject=name, quote=note.label)
        if not notes and not (doubt and any(n.kind in _ABSENT for n in report.notes if n.table == table)):
            variant = report.layout.table(table).variant
            form = FORMAT_NAMES.get(variant, "格式")
            yield ST_3.finding(Outcome.PASSED, f"{name}的项目、行和列与{form if variant != 'both' else '格式'}一致。", ST_3.key(table), subject=name)


# --- ST-4: 「本报告由…等六部分组成」 ----------------------------------------------------

_INTRO_RE = re.compile(r"由(.{4,200}?)[等共]*([一二三四五六七八九十\d]+)(?:个)?部分(?:内容)?组成")
_CN_NUM = {c: n for n, c in enumerate("一二三四五六七八九十", 1)}


def check_intro(report: Report) -> Iterator[Finding]:
    for paragraph in report.paragraphs[:15]:
        match = _INTRO_RE.search(to_simplified(paragraph))
        if not match:
            continue
        listed, number = match.group(1), match.group(2)
        stated = int(number) if number.isdigit() else _CN_NUM.get(number, 0)
        items = [i for i in re.split(r"[，,；;]", listed) if i.strip()]
        if len(items) == 1:
            items = [i for i in re.split(r"[、]|以及", listed) if i.strip()]
        found = sum(1 for s in report.sections.values() if s.found)
        quote = match.group(0)
        if stated != 6 or (len(items) > 1 and len(items) != stated):
            problem = f"说由{number}部分组成" if stated != 6 else f"说由{number}部分组成，却只列出{len(items)}项"
            yield ST_4.finding(Outcome.FAILED, f"开头{problem}，法定内容为六部分，正文实有{found}部分。", ST_4.key(), quote=quote, subject="开头说明")
        else:
            yield ST_4.finding(Outcome.PASSED, "开头所述的六部分与正文一致。", ST_4.key(), quote=quote, subject="开头说明")
        return


# --- ST-5: the title ---------------------------------------------------------------------


def check_title(report: Report) -> Iterator[Finding]:
    meta = report.meta
    example = f"{report.agency or 'XX街道办事处'}{report.year or 2024}年{TITLE_CORE}"
    if not meta.title:
        yield ST_5.finding(Outcome.FAILED, f"报告没有标题。应写明机关名称和年度，如「{example}」。", ST_5.key(), subject="标题")
        return
    missing = []
    if meta.agency_source != "title":
        missing.append("机关名称")
    if meta.title_year is None:
        missing.append("年度")
    if missing:
        yield ST_5.finding(
            Outcome.FAILED,
            f"标题「{meta.title}」没有写明{'和'.join(missing)}，应如「{example}」。",
            ST_5.key(),
            subject="标题",
            quote=meta.title,
        )
    else:
        yield ST_5.finding(Outcome.PASSED, f"标题「{meta.title}」写明了机关名称和年度。", ST_5.key(), subject="标题", quote=meta.title)


# --- ST-6: what 总体情况 covers ---------------------------------------------------------

_TOPICS = (("主动公开", r"主动公开"), ("依申请公开", r"依申请"), ("政府信息管理", r"信息管理"), ("平台建设", r"平台"), ("监督保障", r"监督|保障|考核|培训"))


def check_overview(report: Report) -> Iterator[Finding]:
    section = report.sections["s1"]
    if not section.found:
        return
    text = to_simplified(section.text)
    missing = [name for name, pattern in _TOPICS if not re.search(pattern, text)]
    if missing:
        yield ST_6.finding(Outcome.FAILED, f"总体情况没有提到：{'、'.join(missing)}。格式要求总体情况涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障。", ST_6.key(), section="s1", subject="总体情况")
    else:
        yield ST_6.finding(Outcome.PASSED, "总体情况涵盖了主动公开、依申请公开、政府信息管理、平台建设、监督保障。", ST_6.key(), section="s1", subject="总体情况")


# --- FMT-1: the format the year requires -------------------------------------------------


def check_format(report: Report) -> Iterator[Finding]:
    required = required_format(report.year)
    layout = report.layout
    if not any(report.tables_found.get(t) for t in ("t2", "t3")) or not any(report.table_variants.values()):
        yield FMT_1.finding(Outcome.NOT_ASSESSABLE, "没有读到表二、表三，无法判断表格格式。", FMT_1.key(), subject="表格格式")
        return
    if required is None:
        yield FMT_1.finding(Outcome.NOT_ASSESSABLE, "无法确定报告年度，不能判断应使用哪一版格式。请在标题中写明年度。", FMT_1.key(), subject="表格格式")
        return
    doc = FORMAT_DOCS[required]
    doubt = report.unsure("t3") or report.unsure("t2")
    if layout.name != required and doubt:
        # The format is told by rows only one format has; in a reading with doubts they may be there unread.
        found = "新旧格式混用" if layout.name == "hybrid" else f"使用的是{FORMAT_NAMES[layout.name]}格式"
        message = (
            f"按读出的行名，表格似乎{found}，{report.year}年度报告应使用{FORMAT_NAMES[required]}格式（{doc}）。"
            + unread_message("全部行名", doubt)
        )
        yield FMT_1.finding(Outcome.NOT_ASSESSABLE, message, FMT_1.key(), subject="表格格式")
        return
    if layout.name == "hybrid":
        message = (
            f"表二使用{FORMAT_NAMES[layout.t2.variant]}格式，表三使用{FORMAT_NAMES[layout.t3.variant]}格式"
            f"（{'（六）其他处理只有一行' if layout.t3.variant == '2019' else '（六）其他处理分为三行'}），新旧格式混用。"
            f"{report.year}年度报告应统一使用{FORMAT_NAMES[required]}格式（{doc}）。"
        )
        yield FMT_1.finding(Outcome.FAILED, message, FMT_1.key(), subject="表格格式")
    elif layout.name != required:
        message = f"表格使用的是{FORMAT_NAMES[layout.name]}格式，{report.year}年度报告应使用{FORMAT_NAMES[required]}格式（{doc}）。"
        yield FMT_1.finding(Outcome.FAILED, message, FMT_1.key(), subject="表格格式")
    else:
        yield FMT_1.finding(Outcome.PASSED, f"表格使用{FORMAT_NAMES[required]}格式，与{report.year}年度相符。", FMT_1.key(), subject="表格格式")


# --- the catalogue entries ---------------------------------------------------------------

ST_1 = RuleEntry(
    "ST-1",
    Severity.ERROR,
    "structure",
    "法定六部分齐全、顺序和编号正确",
    ART_50 + "；" + FORM,
    about="six sections present, in order, numbered 一…六 (a repeated or skipped number is a finding)",
    check=check_sections,
    examples=(
        Example("the six sections, numbered 一 to 六", Fragment(), Outcome.PASSED),
        Example("section 三 missing", Fragment(text={"s3": None}), Outcome.FAILED, ("s3",)),
        Example(
            "section 三 numbered 「3、」",
            Fragment(headings={"s3": "3、收到和处理政府信息公开申请情况"}),
            Outcome.FAILED,
            ("s3",),
            Severity.WARNING,
        ),
        Example("section 二 numbered 「一、」 again", Fragment(headings={"s2": "一、主动公开政府信息情况"}), Outcome.FAILED, ("s2",), Severity.WARNING),
        Example("section 五 reworded", Fragment(headings={"s5": "五、存在问题及改进举措"}), Outcome.FAILED, ("s5",), Severity.WARNING),
        Example(
            "section 三 not found in text laid out from a PDF page",
            Fragment(text={"s3": None}, doubt=Doubt.PDF_TEXT),
            Outcome.NOT_ASSESSABLE,
            ("s3",),
        ),
        Example("a workbook: the tables only", Fragment(kind="xlsx"), Outcome.NOT_APPLICABLE),
    ),
)
ST_2 = RuleEntry(
    "ST-2",
    Severity.ERROR,
    "structure",
    "表二、表三、表四齐全且位于相应部分",
    FORM,
    about="tables 二/三/四 present under their sections (or as 附表); a heading with no table is an error; "
    "a table that is only a picture, or whose labels are there but not its grid, cannot be checked: said so",
    check=check_tables_present,
    examples=(
        Example("the three tables under their sections", Fragment(), Outcome.PASSED),
        Example("no table under section 四", Fragment(without=("t4",)), Outcome.FAILED, ("t4",)),
        Example("no table 四, and a picture in the file", Fragment(without=("t4",), pictures=1), Outcome.FAILED, ("t4",)),
        Example("table 三 under section 一", Fragment(places={"t3": "s1"}), Outcome.FAILED, ("t3",), Severity.WARNING),
        Example("table 三 at the end, as 附表", Fragment(places={"t3": "s6"}), Outcome.PASSED, ("t3",)),
        Example(
            "table 四 not found in text laid out from a PDF page",
            Fragment(without=("t4",), doubt=Doubt.PDF_TEXT),
            Outcome.NOT_ASSESSABLE,
            ("t4",),
        ),
    ),
)
ST_3 = RuleEntry(
    "ST-3",
    Severity.ERROR,
    "structure",
    "表格的项目、行、列与格式一致",
    FORM,
    about="every block, row and column of the year's format present, matched by label; extra or misspelled labels reported",
    check=check_labels,
    examples=(
        Example("every block, row and column of the 2021 form", Fragment(), Outcome.PASSED),
        Example("every block, row and column of the 2019 form", Fragment(format="2019"), Outcome.PASSED),
        Example("table 二 without its row 行政处罚", Fragment(cells={"t2:penalty/decisions": None}), Outcome.FAILED, ("t2:missing_row",)),
        Example(
            "a label misspelt as real reports do (「只计这一情况」)",
            Fragment(labels={"（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只计这一情况，不计其他情况）"}),
            Outcome.FAILED,
            ("t3:misspelled",),
            Severity.WARNING,
        ),
        Example(
            "a row not found in a table laid out from a PDF page",
            Fragment(cells={"t2:penalty/decisions": None}, doubt=Doubt.PDF_TEXT),
            Outcome.NOT_ASSESSABLE,
            ("t2:unread",),
        ),
    ),
)
ST_4 = RuleEntry(
    "ST-4",
    Severity.WARNING,
    "structure",
    "开头所述“由…部分组成”与正文一致",
    ART_50,
    about="「本报告由…六部分组成」-style intros list what is really there",
    check=check_intro,
    examples=(
        Example("「本报告由…等六部分组成」 listing the six", Fragment(), Outcome.PASSED),
        Example("「…等五部分组成」", Fragment(intro=INTRO.replace("六部分", "五部分")), Outcome.FAILED),
        Example(
            "「…六部分组成」 listing five",
            Fragment(intro=INTRO.replace("政府信息公开行政复议和行政诉讼情况、", "")),
            Outcome.FAILED,
        ),
        Example("no such sentence", Fragment(intro=""), None),
    ),
)
ST_5 = RuleEntry(
    "ST-5",
    Severity.WARNING,
    "structure",
    "标题写明机关名称和年度",
    FORM + "（标题格式：XX2023年政府信息公开工作年度报告）",
    about="the title names the body and the year",
    check=check_title,
    examples=(
        Example("「青山街道办事处2023年政府信息公开工作年度报告」", Fragment(), Outcome.PASSED),
        Example("a title without the body", Fragment(title="2023年政府信息公开工作年度报告"), Outcome.FAILED),
        Example("a title without the year", Fragment(title="青山街道办事处政府信息公开工作年度报告"), Outcome.FAILED),
        Example("no title", Fragment(title=""), Outcome.FAILED),
    ),
)
ST_6 = RuleEntry(
    "ST-6",
    Severity.INFO,
    "structure",
    "总体情况涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障",
    FORM,
    about="总体情况 covers 主动公开, 依申请公开, 政府信息管理, 政府信息公开平台建设, 监督保障",
    check=check_overview,
    examples=(
        Example("总体情况 on all five", Fragment(), Outcome.PASSED),
        Example(
            "总体情况 on 主动公开 and 依申请公开 only",
            Fragment(text={"s1": "2023年，本街道认真做好主动公开和依申请公开工作。"}),
            Outcome.FAILED,
        ),
        Example("no section 一", Fragment(text={"s1": None}), None),
    ),
)
FMT_1 = RuleEntry(
    "FMT-1",
    Severity.ERROR,
    "format",
    "表格格式与报告年度相符",
    FORM,
    about="the tables are in the format the year requires (2019 format for 2019–2020, 2021 format from 2021 on); "
    "a hybrid of the two is found and reported",
    check=check_format,
    examples=(
        Example("a 2023 report in the 2021 format", Fragment(), Outcome.PASSED),
        Example("a 2020 report in the 2019 format", Fragment(format="2019"), Outcome.PASSED),
        Example("a 2023 report in the 2019 format", Fragment(format="2019", year=2023), Outcome.FAILED),
        Example("a 2020 report in the 2021 format", Fragment(year=2020), Outcome.FAILED),
        Example("table 二 of 2021, table 三 of 2019 (one row of （六）其他处理)", Fragment(t3_format="2019"), Outcome.FAILED),
        Example("no table 二 or 三 read", Fragment(without=("t2", "t3")), Outcome.NOT_ASSESSABLE),
    ),
)
