"""Running every rule of the catalogue over a report."""
from __future__ import annotations

from typing import Callable, Iterable

from core.findings import Finding
from core.model import Report
from core.rules.balances import check_balances
from core.rules.domains import check_domains
from core.rules.scan import check_scanned
from core.rules.structure import (
    check_format,
    check_intro,
    check_labels,
    check_overview,
    check_sections,
    check_tables_present,
    check_title,
)
from core.rules.text import check_counts, check_fee, check_lists, check_no_appeals, check_no_requests
from core.rules.year import check_year

Rule = Callable[[Report], Iterable[Finding]]

# In checklist order: structure, format and year, the tables, then the text against the tables. In each table
# its cells (blank, 「/」, not a number) come before its balances: a blank cell is why the balances that need it
# could not be made, and its line offers the table filled in — the first line a clerk should come to (F8).
RULES: tuple[Rule, ...] = (
    check_scanned,
    check_sections,
    check_tables_present,
    check_labels,
    check_intro,
    check_title,
    check_overview,
    check_format,
    check_year,
    check_domains,
    check_balances,
    check_counts,
    check_no_requests,
    check_no_appeals,
    check_fee,
    check_lists,
)


def run_rules(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report))
    return findings
