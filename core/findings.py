"""What a rule says about a report: one `Finding` per thing checked, passed or not."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from core.model import Number


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Outcome(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_ASSESSABLE = "not_assessable"  # a needed cell is blank, unreadable or missing
    NOT_APPLICABLE = "not_applicable"


# Their words, and what counts as a problem still open, are core/presentation.py's.


@dataclass(frozen=True)
class Finding:
    rule: str  # catalogue id: 'T3-1'
    severity: Severity
    outcome: Outcome
    message: str  # plain Chinese, numbers filled in
    key: str  # stable identity of what was checked: 'T3-1:natural'; confirmations hang on it
    cells: tuple[str, ...] = ()  # every cell involved
    expected: Number | None = None
    actual: Number | None = None
    section: str | None = None  # 's1'…'s6' for structural findings
    subject: str = ""  # what was checked, short: '自然人列'
    quote: str | None = None  # text quoted from the report

    @property
    def is_problem(self) -> bool:
        """Something for the clerk to act on or look at (failed, or could not be checked)."""
        return self.outcome in (Outcome.FAILED, Outcome.NOT_ASSESSABLE)

    @property
    def is_error(self) -> bool:
        return self.outcome is Outcome.FAILED and self.severity is Severity.ERROR
