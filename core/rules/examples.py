"""The examples a catalogue entry carries: a report fragment, and what the rule finds in it.

A `Fragment` is what a report says differently from the base report: a complete, balanced 2021-format
report of 2023 (or a 2019-format one of 2020) built from the format data, which passes every rule. So an
example shows exactly what its difference does: `Fragment(cells={"t3:1/business": "4"})` is the base with one
number changed. The fragment becomes a `Document` as a Word file would give it (paragraphs; each table drawn as
the official form, `core/formats/grid.form_grid`) and is read by the assembler like any file: the sections,
the title, the year and the cells are found as in a real reading.

`run_example(entry, example)` is every finding of the entry's function on the example; `differences(entry,
example, findings)` says where they are not what the example expects (tests/test_catalogue.py runs every example;
docs/rule_table.py shows them, with the message each gives, in docs/rules.md).
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.document import Block, Document, Doubt, Grid, GridCell, Para
from core.findings import Finding, Outcome, Severity
from core.formats import FORMATS, T3_OUTCOME_ROWS, cell_id
from core.formats.grid import form_grid
from core.formats.sections import SECTIONS
from core.formats.spec import Layout, TableSpec
from core.formats.tables import T4_BLOCKS, T4_OUTCOMES
from core.model import Location, Report

if TYPE_CHECKING:
    from core.rules.entry import RuleEntry


@dataclass(frozen=True)
class Fragment:
    """What a report says differently from the base report; everything not named here is the base's."""

    cells: Mapping[str, str | None] = field(default_factory=dict)  # cell id → as written: 「12」「/」「」「3万元」; None: absent
    text: Mapping[str, str | None] = field(default_factory=dict)  # section id → its text; None: no heading, no text
    headings: Mapping[str, str] = field(default_factory=dict)  # section id → its heading as written, number and all
    labels: Mapping[str, str] = field(default_factory=dict)  # a label of the form → as the table writes it
    title: str | None = None  # the title as written ('' none); None: the base's, 「青山街道办事处2023年政府信息公开工作年度报告」
    intro: str | None = None  # the paragraph after the title (「本报告由…六部分组成。」); '' none; None the base's
    period: str | None = None  # the 统计期限 sentence after it; '' none; None the base's
    year: int | None = None  # the year the base is written for; None: 2023 (2021 format), 2020 (2019 format)
    format: str = "2021"  # the format of the tables: '2019' | '2021'
    t3_format: str | None = None  # table 三 in another format than table 二 (a hybrid)
    without: tuple[str, ...] = ()  # tables not in the report: ('t4',)
    places: Mapping[str, str] = field(default_factory=dict)  # table → the section it stands in, when not its own
    doubt: Doubt | None = None  # every block read with this doubt (a PDF's text, a copy, a scan)
    pictures: int = 0  # pictures in the body
    kind: str = "docx"  # the reader's kind: a workbook ('xlsx') holds the tables only


@dataclass(frozen=True)
class Example:
    """A case the rule is shown and tested on: a report (and last year's, for a comparison) and what the rule finds.

    The findings named by `parts` (by their key after the rule's id: 's3' for 'ST-1:s3', 'received' for
    'TX-1:received:…'), or every finding of the rule when none is named, have `outcome` (None: the rule finds
    nothing) and, when it is a problem, `severity` (None: the rule's own); every other finding of the rule passes
    or does not apply.
    """

    shows: str  # what the case is, in a few words
    report: Fragment
    outcome: Outcome | None
    parts: tuple[str, ...] = ()
    severity: Severity | None = None
    previous: Fragment | None = None  # last year's report: needed by a comparison (`RuleEntry.compare`)


# --- the base report -----------------------------------------------------------------------

AGENCY = "青山街道办事处"

# Table 三 by row: (自然人, 商业企业); the other applicants 0, 总计 and （七）总计 their sums. New requests
# equal those completed and carried over equals carried on, so last year's base (one year earlier) joins it.
_T3 = {"1": (15, 3), "2": (2, 1), "3.1": (8, 2), "3.2": (2, 1), "3.3.4": (1, 0), "3.4.1": (3, 0), "3.5.2": (1, 0), "4": (2, 1)}
# Table 四 by block: (结果维持, 结果纠正, 其他结果, 尚未审结); 总计 their sum.
_T4 = {"review": (1, 0, 0, 0), "direct": (0, 0, 0, 0), "after": (0, 0, 0, 0)}
_T2 = {
    "2021": {
        "rules": ("0", "0", "0"),
        "normative": ("2", "1", "9"),
        "license": ("156",),
        "penalty": ("37",),
        "coercion": ("2",),
        "fee": ("0",),
    },
    "2019": {
        "rules": ("0", "0", "0"),
        "normative": ("2", "2", "9"),
        "license": ("10", "1", "156"),
        "other_service": ("5", "0", "20"),
        "penalty": ("3", "0", "37"),
        "coercion": ("2", "0", "2"),
        "fee": ("4", "-1"),
        "procurement": ("3", "12.5"),
    },
}

INTRO = (
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项等六部分组成。"
)
PERIOD = "本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
TEXT = {  # each section's text ('{year}' the report's year); a line a paragraph
    "s1": (
        "{year}年，青山街道办事处认真贯彻落实《中华人民共和国政府信息公开条例》，推进主动公开、依申请公开、"
        "政府信息管理、平台建设和监督保障各项工作。\n"
        "（一）主动公开\n全年通过区政府门户网站主动公开政府信息326条，其中政策文件12条、工作动态214条、重点领域信息100条。\n"
        "（二）依申请公开\n全年共收到政府信息公开申请18件，上年结转3件，办结18件，结转下年度继续办理3件。\n"
        "（三）政府信息管理\n严格落实信息发布审核制度，做好公开前保密审查。\n"
        "（四）政府信息公开平台建设\n依托区政府门户网站“青山街道”专栏发布信息，及时更新栏目内容。\n"
        "（五）监督保障\n将政务公开纳入年度考核，全年组织业务培训2次。"
    ),
    "s2": "",
    "s3": "",
    "s4": "全年发生政府信息公开行政复议1件，未发生行政诉讼。",
    "s5": "一是政策解读形式比较单一；二是部分栏目更新不够及时。下一步，街道将丰富解读形式，建立栏目定期自查机制。",
    "s6": "本年度未收取信息处理费。",
}


def base_year(fragment: Fragment) -> int:
    return fragment.year or (2023 if fragment.format == "2021" else 2020)


def layout_of(fragment: Fragment) -> Layout:
    layout = FORMATS[fragment.format]
    if fragment.t3_format:
        layout = Layout(t2=layout.t2, t3=FORMATS[fragment.t3_format].t3, t4=layout.t4)
    return layout


def base_cells(layout: Layout) -> dict[str, str]:
    """Every cell of the base report as written: each table balanced, each number as its cell's kind takes it."""
    cells: dict[str, str] = {}
    for block in layout.t2.blocks:
        for row in block.rows:
            for column, value in zip(block.columns, _T2[layout.t2.variant][row.id]):
                cells[cell_id("t2", row.id, column.id)] = value
    t3 = layout.t3
    outcomes = T3_OUTCOME_ROWS[t3.variant]
    by_row = {row.id: dict(zip(("natural", "business"), _T3.get(row.id, (0, 0)))) for row in t3.rows}
    by_row["3.7"] = {col: sum(by_row[row].get(col, 0) for row in outcomes) for col in ("natural", "business")}
    for row in t3.rows:
        for column in t3.columns:
            number = sum(by_row[row.id].values()) if column.id == "total" else by_row[row.id].get(column.id, 0)
            cells[cell_id("t3", row.id, column.id)] = str(number)
    for part, _ in T4_BLOCKS:
        values = dict(zip((key for key, _ in T4_OUTCOMES), _T4[part]))
        for key, count in {**values, "total": sum(values.values())}.items():
            cells[cell_id("t4", "1", f"{part}.{key}")] = str(count)
    return cells


# --- a fragment as a document, read -------------------------------------------------------


def build(fragment: Fragment) -> Report:
    """The report a fragment describes, read by the assembler as a Word file's would be."""
    # Only examples are built: the program itself need not load the assembler here.
    from core.assemble import build_report

    return build_report(document(fragment))


def document(fragment: Fragment) -> Document:
    source = f"example.{fragment.kind}"
    year = base_year(fragment)
    layout = layout_of(fragment)
    cells = {**base_cells(layout), **fragment.cells}
    blocks: list[Block] = []

    def para(text: str) -> None:
        blocks.append(Para(text, Location(source, fragment.kind, paragraph=len(blocks)), doubt=fragment.doubt))

    title = f"{AGENCY}{year}年政府信息公开工作年度报告" if fragment.title is None else fragment.title
    for line in (title, _or(fragment.intro, INTRO), _or(fragment.period, PERIOD.format(year=year))):
        if line:
            para(line)
    tables_in = {spec.table: spec.id for spec in SECTIONS if spec.table}
    tables_in.update(fragment.places)
    for spec in SECTIONS:
        text = fragment.text.get(spec.id, TEXT[spec.id].format(year=year))
        if text is not None:  # a section left out: its heading and text; a table of its stays where it was
            para(fragment.headings.get(spec.id, spec.official))
            for line in text.split("\n"):
                if line:
                    para(line)
        for table in ("t2", "t3", "t4"):
            if tables_in[table] == spec.id and table not in fragment.without:
                blocks.append(_grid(layout.table(table), cells, fragment, len(blocks)))
    fingerprint = hashlib.sha256(repr(fragment).encode()).hexdigest()
    return Document(source, fragment.kind, fingerprint, blocks, pictures=fragment.pictures)


def _or(given: str | None, base: str) -> str:
    return base if given is None else given


def _grid(spec: TableSpec, cells: Mapping[str, str | None], fragment: Fragment, index: int) -> Grid:
    """The table drawn as the form draws it, each value cell as written; a row whose cells are all absent is left out."""
    drawn = form_grid(spec)
    source = f"example.{fragment.kind}"
    rows: list[list[GridCell]] = []
    for r in range(drawn.rows):
        spots = [drawn.at(r, c) for c in range(drawn.cols)]
        values = [cells.get(s.cell) for s in spots if s is not None and s.cell]
        if values and all(v is None for v in values):
            continue
        row = []
        for c, spot in enumerate(spots):
            loc = Location(source, fragment.kind, table=index, row=len(rows), col=c)
            if spot is None:
                row.append(GridCell("", loc, col=c, covered=True))
            elif spot.cell:
                row.append(GridCell(cells.get(spot.cell) or "", loc, col=c, span=spot.colspan))
            else:
                row.append(GridCell(fragment.labels.get(spot.text, spot.text), loc, col=c, span=spot.colspan))
        rows.append(row)
    return Grid(rows, Location(source, fragment.kind, table=index), has_grid=True, doubt=fragment.doubt)


# --- running an example --------------------------------------------------------------------


def run_example(entry: RuleEntry, example: Example) -> list[Finding]:
    """Every finding of the entry's function (its whole family: a rule's findings and its siblings') on the example."""
    report = build(example.report)
    if entry.compare is not None:
        if example.previous is None:
            raise ValueError(f"{entry.id}「{example.shows}」: a comparison needs last year's report (previous)")
        return list(entry.compare(report, build(example.previous)))
    assert entry.check is not None, entry.id
    return list(entry.check(report))


def _about(entry: RuleEntry, part: str, finding: Finding) -> bool:
    """Whether `finding`'s key is the rule's id followed by `part` (and maybe more): 'received' for 'TX-1:received:…'."""
    return finding.key == entry.key(part) or finding.key.startswith(entry.key(part) + ":")


def named(entry: RuleEntry, example: Example, finding: Finding) -> bool:
    """Whether `finding` is one the example names (every one of the rule's, when it names none)."""
    return finding.rule == entry.id and (not example.parts or any(_about(entry, part, finding) for part in example.parts))


def differences(entry: RuleEntry, example: Example, findings: list[Finding]) -> list[str]:
    """Where the findings of the rule are not what the example expects (nothing: as expected)."""
    mine = [f for f in findings if f.rule == entry.id]
    chosen = [f for f in mine if named(entry, example, f)]
    problems = []
    if example.outcome is None:
        problems += [f"{f.key}: {f.outcome.value}, expected no finding" for f in chosen]
    else:
        severity = example.severity or entry.severity
        missing = [entry.key(p) for p in example.parts if not any(_about(entry, p, f) for f in chosen)]
        if not chosen and not example.parts:
            missing.append(entry.id)
        problems += [f"no finding {key}" for key in missing]
        for f in chosen:
            if f.outcome is not example.outcome:
                problems.append(f"{f.key}: {f.outcome.value}, expected {example.outcome.value}")
            elif f.is_problem and f.severity is not severity:
                problems.append(f"{f.key}: {f.severity.value}, expected {severity.value}")
    for f in mine:
        if f not in chosen and f.outcome not in (Outcome.PASSED, Outcome.NOT_APPLICABLE):
            problems.append(f"{f.key}: {f.outcome.value} as well")
    return problems
