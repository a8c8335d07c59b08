"""「已核实」: a warning a clerk has looked into and accepts, with an optional note.

A mark names the finding by its key and by a digest of what it says. Both must match
the finding the check makes now: when an edit changes what the finding says (other
numbers, other cells) or the finding goes away, the mark no longer applies and is
dropped — the clerk verified something else. The verdict counts only the warnings
without a mark (`core.check.check(report, confirmed=…)`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from core.findings import Finding
from core.presentation import to_verify


@dataclass(frozen=True)
class Confirmation:
    key: str  # the finding's key: 'TX-1:received'
    digest: str  # what the finding said when it was marked
    note: str = ""  # the clerk's own words, may be empty
    at: str = ""  # when it was marked, ISO 8601 local time


def digest(finding: Finding) -> str:
    """A short fingerprint of what a finding says: its outcome, words, cells and numbers."""
    said = "\x1f".join(
        (
            finding.rule,
            finding.outcome.value,
            finding.message,
            ",".join(finding.cells),
            str(finding.expected),
            str(finding.actual),
        )
    )
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:16]


def confirmable(finding: Finding) -> bool:
    """A problem the verdict asks to verify: a failed warning or a check that could not be made.

    A failed error cannot be marked: it has to be corrected.
    """
    return to_verify(finding)


def confirm(finding: Finding, note: str = "", at: str = "") -> Confirmation:
    return Confirmation(finding.key, digest(finding), " ".join(note.split()), at)


def sort_out(
    marks: dict[str, Confirmation], findings: list[Finding]
) -> tuple[dict[str, Confirmation], dict[str, Confirmation]]:
    """(marks that still apply, marks dropped because their finding changed or went away)."""
    current = {f.key: f for f in findings if confirmable(f)}
    kept: dict[str, Confirmation] = {}
    dropped: dict[str, Confirmation] = {}
    for key, mark in marks.items():
        finding = current.get(key)
        if finding is not None and digest(finding) == mark.digest:
            kept[key] = mark
        else:
            dropped[key] = mark
    return kept, dropped
