"""Running every rule of the catalogue over a report (and, with last year's report, the comparisons)."""
from __future__ import annotations

from core.findings import Finding
from core.model import Report
from core.rules.catalogue import ENTRIES
from core.rules.entry import Check, Comparison

# Each function once, in the catalogue's order: structure, format and year, the tables, then the text against the
# tables. In each table its cells (blank, 「/」, not a number) come before its balances: a blank cell is why the
# balances that need it could not be made, and its line offers the table filled in — the first line a clerk
# should come to (F8). A family (the cells' kinds, the balances, the text) runs where its first rule stands.
RULES: tuple[Check, ...] = tuple(dict.fromkeys(entry.check for entry in ENTRIES if entry.check is not None))
# The rules that need last year's report too (X-1, X-3, T2-4, T2-5: `rules/history.compare_years`), after the others.
COMPARISONS: tuple[Comparison, ...] = tuple(dict.fromkeys(entry.compare for entry in ENTRIES if entry.compare is not None))


def run_rules(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every rule's findings on `report`; with `previous` (last year's report) the comparisons' too."""
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report))
    if previous is not None:
        for compare in COMPARISONS:
            findings.extend(compare(report, previous))
    return findings
