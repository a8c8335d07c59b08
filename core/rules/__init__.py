"""Running every rule of the catalogue over a report."""
from __future__ import annotations

from core.findings import Finding
from core.model import Report
from core.rules.catalogue import ENTRIES
from core.rules.entry import Check

# Each function once, in the catalogue's order: structure, format and year, the tables, then the text against the
# tables. In each table its cells (blank, 「/」, not a number) come before its balances: a blank cell is why the
# balances that need it could not be made, and its line offers the table filled in — the first line a clerk
# should come to (F8). A family (the cells' kinds, the balances, the text) runs where its first rule stands.
RULES: tuple[Check, ...] = tuple(dict.fromkeys(entry.check for entry in ENTRIES if entry.check is not None))


def run_rules(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report))
    return findings
