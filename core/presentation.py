"""How the program says what it read and what it found: one voice for the window, the command line,
the batch and its summary workbook, the printed check report and the exported workbook.

- What counts as a problem, and as an open one: a failed error always; a failed warning or a check that
  could not be made until a clerk marks it 已核实; a hint (提示) never counts toward the verdict.
- The order problems are listed and walked in (`problem_order`), and the order of a list of them by
  how bad they are (`worst_first`).
- The word for each outcome (通过 / 未通过 / 需核实 / 无法判断 / 提示 / 不适用 / 已核实), the kind of
  each problem (错误 / 需核实 / 提示), and the names of the report's facts a clerk may correct.
- How a cell is shown: the text as written, a clerk's number, or 「未填」 / 「缺」; a corrected cell says
  「原为 1，已改为 2」; a finding with numbers says 「应为27，实为21」; a note of 已核实 follows its finding.
- The colours of outcomes, verdicts and a clerk's numbers: the window's marks (gui/marks.py), the exported
  workbook and the folder's summary workbook all take them from here, so a failure looks alike in each.
"""
from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field

from core.findings import Finding, Outcome, Severity
from core.model import Cell, Written
from core.rules.catalogue import CATALOGUE, GROUP_NAMES
from core.text.normalize import clean_cell_text
from core.text.numbers import format_number

# --- what counts -------------------------------------------------------------------------------


def is_open(finding: Finding, confirmed: Container[str] = frozenset()) -> bool:
    """A problem the verdict counts: a failed error, or a failed warning or a check that could not be
    made whose key is not among the `confirmed` (已核实). Hints never count."""
    return finding.is_problem and finding.severity is not Severity.INFO and finding.key not in confirmed


def to_verify(finding: Finding) -> bool:
    """A problem the verdict asks a clerk to verify, which a clerk may mark 已核实 (an error has to be corrected)."""
    return is_open(finding) and not finding.is_error


# --- words -------------------------------------------------------------------------------------

PASSED = "通过"
FAILED = "未通过"  # a failed error
VERIFY = "需核实"  # a failed warning
UNASSESSABLE = "无法判断"  # a check that could not be made
HINT = "提示"  # a failed hint
NOT_APPLICABLE = "不适用"
CONFIRMED = "已核实"  # a problem a clerk has checked

ERROR_KIND = "错误"  # what a problem is to the verdict: 错误, 需核实 (VERIFY) or 提示 (HINT)

SEVERITY_NAMES = {Severity.ERROR: ERROR_KIND, Severity.WARNING: VERIFY, Severity.INFO: HINT}  # a rule's severity

# Before a problem's message in plain text (the command line), by its word.
TAGS = {FAILED: "【错误】", VERIFY: "【核实】", HINT: "【提示】", UNASSESSABLE: "【无法判断】"}

META_NAMES = {"agency": "机关名称", "year": "年度"}  # the facts a clerk may correct of what was read


def tally(findings: Iterable[Finding], confirmed: Container[str] = frozenset()) -> str:
    """The open problems counted by what they are: 「2项未通过、1项无法判断」 (a check that could not be
    made is not said to be a problem found); '' when none is open."""
    counts: dict[str, int] = {}
    for finding in findings:
        if is_open(finding, confirmed):
            word = outcome_word(finding)
            counts[word] = counts.get(word, 0) + 1
    return "、".join(f"{counts[word]}项{word}" for word in (FAILED, VERIFY, UNASSESSABLE) if word in counts)


def with_note(message: str, note: str) -> str:
    """A finding's message with the note the clerk gave when marking it 已核实."""
    return f"{message}（已核实：{note}）" if note else message


def outcome_word(finding: Finding, confirmed: bool = False) -> str:
    """How a finding came out, in the words every front end uses."""
    if confirmed and finding.is_problem:
        return CONFIRMED
    if finding.outcome is Outcome.PASSED:
        return PASSED
    if finding.outcome is Outcome.NOT_APPLICABLE:
        return NOT_APPLICABLE
    if finding.outcome is Outcome.NOT_ASSESSABLE:
        return UNASSESSABLE
    return {Severity.ERROR: FAILED, Severity.WARNING: VERIFY, Severity.INFO: HINT}[finding.severity]


def problem_kind(finding: Finding) -> str:
    """What a problem is to the verdict: 错误, 需核实, or 提示 (counted by neither)."""
    if finding.is_error:
        return ERROR_KIND
    return HINT if finding.severity is Severity.INFO else VERIFY


def tag(finding: Finding) -> str:
    """「【错误】」, 「【核实】」, 「【提示】」 or 「【无法判断】」 before a problem's message."""
    return TAGS[outcome_word(finding)]


# --- order -------------------------------------------------------------------------------------


@dataclass
class RuleEntry:
    rule: str
    title: str
    findings: list[int] = field(default_factory=list)  # indices into the findings


@dataclass
class GroupEntry:
    key: str
    name: str
    rules: list[RuleEntry] = field(default_factory=list)


def checklist(findings: Sequence[Finding]) -> list[GroupEntry]:
    """The checklist: the catalogue's groups in order, rules as first met, findings as found."""
    groups = {key: GroupEntry(key, name) for key, name in GROUP_NAMES.items()}
    for n, finding in enumerate(findings):
        info = CATALOGUE.get(finding.rule)
        group = groups[info.group if info and info.group in groups else "other"]
        entry = next((r for r in group.rules if r.rule == finding.rule), None)
        if entry is None:
            entry = RuleEntry(finding.rule, info.title if info else finding.rule)
            group.rules.append(entry)
        entry.findings.append(n)
    return [g for g in groups.values() if g.rules]


def checklist_order(findings: Sequence[Finding]) -> list[int]:
    """Indices of the findings in the order the checklist lists them."""
    return [n for group in checklist(findings) for rule in group.rules for n in rule.findings]


_KIND_RANK = {ERROR_KIND: 0, VERIFY: 1, HINT: 2}


def problem_order(findings: Sequence[Finding]) -> list[int]:
    """Indices of the problems (failed, or not assessable) in the order they are listed and walked: the
    window's 下一个问题 (F8) and the problem it selects on opening, the command line, the batch's lists,
    the summary workbook.

    Errors first, then what is to be verified, then hints (`worst_first`'s kinds), each kind in the
    checklist's order: a clerk corrects what stops the report before looking at what may be right. This is
    the one place that decides it.
    """
    problems = [n for n in checklist_order(findings) if findings[n].is_problem]
    return sorted(problems, key=lambda n: _KIND_RANK[problem_kind(findings[n])])


def worst_first(problems: Iterable[Finding]) -> list[Finding]:
    """Problems by what they are to the verdict — errors, what to verify, hints — each kind in the order
    given: a summary's 主要问题, the check report's list."""
    return sorted(problems, key=lambda f: _KIND_RANK[problem_kind(f)])


# --- cells -------------------------------------------------------------------------------------

# How a cell that holds no proper number is shown in a table, and said in its explanation.
WRITTEN_SHOWN = {Written.BLANK: "未填", Written.MISSING: "缺"}
WRITTEN_NOTES = {
    Written.BLANK: "这一格没有填写。",
    Written.MISSING: "报告中没有找到这一格（所在的行、列或项目缺失）。",
    Written.UNREADABLE: "这一格填写的不是数字。",
    Written.NONE_MARK: "这一格填写的是「{raw}」，按0计算。",
}


SCAN_UNREAD_SHOWN = "未识别"
SCAN_UNREAD_NOTE = "扫描件上这一格的数字未能可靠识别（识别结果为「{raw}」），没有参与核对。请对照原件填入这一格。"


def _scan_unread(cell: Cell) -> bool:
    """A figure on a scan the recogniser was not sure of: its raw reading (「。_156」) is no text the report has."""
    return cell.written is Written.UNREADABLE and cell.loc is not None and cell.loc.kind == "scan"


def cell_text(cell: Cell, corrected: bool = False) -> str:
    """What a table shows in a cell: the text as written, a clerk's number, 未填 / 缺, or 未识别 on a scan."""
    if corrected:
        return format_number(cell.value)
    if cell.written in WRITTEN_SHOWN:
        return WRITTEN_SHOWN[cell.written]
    if _scan_unread(cell):
        return SCAN_UNREAD_SHOWN
    return clean_cell_text(cell.raw or "")


def correction_note(read: Cell, now: Cell) -> str:
    """「原为 3，已改为 4」: a corrected cell says what was read there."""
    return f"原为 {cell_text(read)}，已改为 {format_number(now.value)}"


def written_note(cell: Cell) -> str:
    note = SCAN_UNREAD_NOTE if _scan_unread(cell) else WRITTEN_NOTES.get(cell.written, "")
    return note.format(raw=(cell.raw or "").strip())


def numbers(finding: Finding) -> str:
    """「应为27，实为21」 for a finding that has both, else ''."""
    if finding.expected is None or finding.actual is None:
        return ""
    return f"应为{format_number(finding.expected)}，实为{format_number(finding.actual)}"


# --- colours -----------------------------------------------------------------------------------

OUTCOME_COLOURS = {  # an outcome's word → (the word's colour, the fill of a cell a finding of it names)
    PASSED: ("#2e7d32", "#ffffff"),
    NOT_APPLICABLE: ("#757575", "#ffffff"),
    HINT: ("#1565c0", "#e3f2fd"),
    UNASSESSABLE: ("#5d6d7e", "#e3e8ee"),
    VERIFY: ("#b26a00", "#ffe0a3"),
    FAILED: ("#c62828", "#f8c4c4"),
    CONFIRMED: ("#00695c", "#ffffff"),
}
VERDICT_COLOURS = {  # a verdict's level (or a file that could not be read) → (background, text)
    "error": ("#c62828", "#ffffff"),
    "verify": ("#f0a30a", "#2b1d00"),
    "ok": ("#2e7d32", "#ffffff"),
    "unreadable": ("#616161", "#ffffff"),
}
CORRECTED_COLOURS = ("#1b5e20", "#e6f4ea")  # a clerk's number: (text, fill)
