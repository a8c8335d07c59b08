"""The rule table of docs/annual-report-format.md and the page docs/rules.md, written from the rule catalogue.

    .venv/bin/python docs/rule_table.py

The table (id, what it checks, severity) stands between the two markers in docs/annual-report-format.md; the
page has each rule's checklist line, reference and examples, every example run here so that the message a
clerk reads is shown as the program gives it. tests/test_catalogue.py checks that both are current: after a
change to the catalogue, run this and commit what it writes.
"""
from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import fields
from enum import Enum
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.findings import Finding, Outcome, Severity  # noqa: E402
from core.rules.catalogue import ENTRIES, GROUP_NAMES  # noqa: E402
from core.rules.entry import RuleEntry  # noqa: E402
from core.rules.examples import Example, Fragment, named, run_example  # noqa: E402

FORMAT_DOC = ROOT / "docs/annual-report-format.md"
RULES_DOC = ROOT / "docs/rules.md"
BEGIN = "<!-- rule table: written by docs/rule_table.py from core/rules/catalogue.py; do not edit by hand -->"
END = "<!-- end of the rule table -->"

SEVERITIES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
OUTCOMES = {
    Outcome.PASSED: "passed",
    Outcome.FAILED: "failed",
    Outcome.NOT_ASSESSABLE: "not assessable",
    Outcome.NOT_APPLICABLE: "not applicable",
    None: "no finding",
}
LONGEST = 30  # characters of a fragment's text shown


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def severity(entry: RuleEntry) -> str:
    """The rule's severity, and the examples whose findings have another: 'error (warning: section 五 reworded)'."""
    others: dict[Severity, list[str]] = {}
    for example in entry.examples:
        if example.severity and example.severity is not entry.severity:
            others.setdefault(example.severity, []).append(example.shows)
    exceptions = "; ".join(f"{SEVERITIES[s]}: {', '.join(shows)}" for s, shows in others.items())
    return SEVERITIES[entry.severity] + (f" ({exceptions})" if exceptions else "")


def table() -> str:
    rows = ["| id | what | severity |", "|---|---|---|"]
    rows += [f"| {entry.id} | {cell(entry.about)} | {cell(severity(entry))} |" for entry in ENTRIES]
    return "\n".join(rows)


def shown(value: object) -> str:
    """A value of a fragment as the catalogue writes it, a long text cut short."""
    if isinstance(value, Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key!r}: {shown(item)}" for key, item in value.items()) + "}"
    if isinstance(value, str) and len(value) > LONGEST:
        return repr(value[: LONGEST - 1] + "…")
    return repr(value)


def fragment(given: Fragment) -> str:
    """What a fragment says differently from the base report, as written in the catalogue."""
    base = Fragment()
    parts = [f"{f.name}={shown(getattr(given, f.name))}" for f in fields(Fragment) if getattr(given, f.name) != getattr(base, f.name)]
    return ", ".join(parts) or "the base report"


def finds(entry: RuleEntry, example: Example) -> str:
    outcome = OUTCOMES[example.outcome]
    if example.outcome in (Outcome.FAILED, Outcome.NOT_ASSESSABLE):
        outcome += f" ({SEVERITIES[example.severity or entry.severity]})"
    return outcome + "".join(f" `{entry.key(part)}`" for part in example.parts)


def message(entry: RuleEntry, example: Example, findings: list[Finding]) -> str:
    """What the clerk reads: the message of the first finding the example names."""
    if example.outcome is None:
        return "—"
    return next((f.message for f in findings if named(entry, example, f) and f.outcome is example.outcome), "")


def examples(entry: RuleEntry) -> str:
    rows = ["| example | the report | finds | the message |", "|---|---|---|---|"]
    for example in entry.examples:
        report = fragment(example.report)
        if example.previous is not None:
            report += f"; last year's: {fragment(example.previous)}"
        found = run_example(entry, example)
        rows.append(f"| {cell(example.shows)} | {cell(report)} | {finds(entry, example)} | {cell(message(entry, example, found))} |")
    return "\n".join(rows)


def page() -> str:
    parts = [
        "# The rules",
        "",
        "<!-- Written by docs/rule_table.py from core/rules/catalogue.py: do not edit by hand. -->",
        "",
        "Every rule the program checks, grouped and ordered as the checklist shows them, with the examples each rule "
        "carries (`core/rules/catalogue.py`; how a rule is added: [ARCHITECTURE.md](ARCHITECTURE.md#adding-a-rule)). "
        "An example's report is what it says differently from the base report of `core/rules/examples.py` (a "
        "complete, balanced 2021-format report of 2023; with `format='2019'` one of 2020), which passes every rule; "
        "the findings it names have the outcome shown, every other finding of the rule passes. "
        "`tests/test_catalogue.py` runs every example.",
    ]
    for group, name in GROUP_NAMES.items():
        members = [entry for entry in ENTRIES if entry.group == group]
        if not members:
            continue
        parts += ["", f"## {name}"]
        for entry in members:
            parts += [
                "",
                f"### {entry.id} {entry.title}",
                "",
                f"{entry.about[0].upper()}{entry.about[1:]}. Severity: {severity(entry)}. Reference: {entry.reference}.",
                "",
                examples(entry),
            ]
    return "\n".join(parts) + "\n"


def format_doc(text: str) -> str:
    """docs/annual-report-format.md with the table between its markers written anew."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n\n" + table() + "\n\n" + text[end:]


def main() -> None:
    FORMAT_DOC.write_text(format_doc(FORMAT_DOC.read_text(encoding="utf-8")), encoding="utf-8")
    RULES_DOC.write_text(page(), encoding="utf-8")
    print(f"wrote {FORMAT_DOC.relative_to(ROOT)} (the table) and {RULES_DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
