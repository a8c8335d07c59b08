"""Checking a report: the findings, and the verdict a clerk reads first."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.findings import Finding
from core.formats import FORMAT_NAMES, required_format
from core.model import Report
from core.presentation import is_open
from core.rules import run_rules


@dataclass(frozen=True)
class Verdict:
    level: str  # 'error' | 'verify' | 'ok'
    errors: int  # failed errors
    to_verify: int  # failed warnings and checks that could not be made, not yet confirmed
    text: str


@dataclass
class CheckResult:
    report: Report
    findings: list[Finding]
    confirmed: frozenset[str] = field(default_factory=frozenset)  # keys of findings a clerk has checked

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if is_open(f)]

    @property
    def ok(self) -> bool:
        """No failed error: what `check --json` calls ok."""
        return not any(f.is_error for f in self.findings)

    @property
    def verdict(self) -> Verdict:
        errors = sum(1 for f in self.findings if f.is_error)
        to_verify = sum(1 for f in self.findings if is_open(f, self.confirmed) and not f.is_error)
        if errors:
            return Verdict("error", errors, to_verify, f"发现{errors}处错误，暂不宜提交")
        if to_verify:
            return Verdict("verify", 0, to_verify, f"还有{to_verify}项需要核实")
        return Verdict("ok", 0, 0, "检查通过，可以提交")


def check(report: Report, confirmed: frozenset[str] = frozenset(), previous: Report | None = None) -> CheckResult:
    """Every rule over `report`; with `previous` (last year's report) also the comparisons of the two years."""
    return CheckResult(report, run_rules(report, previous), confirmed)


def failed_cells(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Every cell named by a finding that is not passed, with those findings."""
    cells: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.is_problem:
            for cid in finding.cells:
                cells.setdefault(cid, []).append(finding)
    return cells


def describe(agency: str | None, year: int | None, layout_name: str) -> str:
    """The line under a verdict: 「机关：青山街道办事处　年度：2023　表格格式：2021版（2023年度应为2021版）」."""
    required = required_format(year)
    return (
        f"机关：{agency or '未识别'}　年度：{year or '未识别'}　"
        f"表格格式：{FORMAT_NAMES.get(layout_name, layout_name)}"
        + (f"（{year}年度应为{FORMAT_NAMES[required]}）" if required else "")
    )


def describe_report(report: Report) -> str:
    return describe(report.agency, report.year, report.layout.name)
