"""What the rule catalogue holds: one `RuleEntry` per rule id.

An entry is a rule's id; what the clerk and the reviewer read of it (severity, checklist group, title, official
reference); what it checks, in a sentence, for the rule table in the docs; the function that checks it; and its
examples, report fragments with what the rule finds in each (`core/rules/examples.py`), which document the rule
and are run as its tests. Each rule module ends with the entries of the rules its functions check;
`core/rules/catalogue.py` lists them all in checklist order, and what `check()` runs is derived from that list.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.findings import Finding, Outcome, Severity
from core.model import Report
from core.rules.examples import Example

Check = Callable[[Report], Iterable[Finding]]  # this report alone
Comparison = Callable[[Report, Report], Iterable[Finding]]  # this report against last year's (`check --previous`)

# The official documents the entries cite.
FORM = "《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号；2019、2020年度为国办公开办函〔2019〕60号）"
FORM_2019 = "国办公开办函〔2019〕60号"
ART_50 = "《中华人民共和国政府信息公开条例》第五十条"
FEE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；" + "国办公开办函〔2021〕30号"


@dataclass(frozen=True, eq=False)  # an entry is itself: compared and hashed as the one object it is
class RuleEntry:
    id: str  # 'T3-1': what findings, keys, the JSON and the checklist call the rule
    severity: Severity  # of its findings, unless a finding says otherwise
    group: str  # checklist group: 'structure', 'format', 't2', 't3', 't4', 'text', 'history' (`GROUP_NAMES`)
    title: str  # the checklist's line for the rule
    reference: str  # where the requirement is written
    about: str  # what it checks, for the rule table in the docs (docs/rules.md)
    check: Check | None = None  # the function (or family of rules) that checks it on a report …
    compare: Comparison | None = None  # … or on a report and last year's
    examples: tuple[Example, ...] = ()

    def key(self, *parts: str) -> str:
        """A finding's key: the rule's id, then what was checked — 'T3-1:natural', 'ST-4'."""
        return ":".join((self.id, *parts))

    def finding(self, outcome: Outcome, message: str, key: str, severity: Severity | None = None, **kw) -> Finding:
        """A finding of this rule, with its severity unless another is given."""
        return Finding(self.id, severity or self.severity, outcome, message, key, **kw)
