"""Change any one number of tables 三 and 四 by one: the check must fail and name that cell.

Run on every seed as it is (text), so a misplaced cell anywhere shows up as a
mutation that is not caught or is blamed on the wrong cell.
"""
from __future__ import annotations

import pytest

from core.assemble import build_report
from core.check import check
from core.readers.text import parse_text
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


def mutate_line(line: str, cell) -> str:
    """The line with this cell's number raised by one (「/」, meaning 0, becomes 1)."""
    value = cell.value if cell.value is not None else 0
    new = str(value + 1)
    if "|" in line:  # a row a line: replace the cell in its column
        parts = line.split("|")
        parts[cell.loc.col] = f" {new} "
        return "|".join(parts)
    head, _, raw = line.partition("\t")
    assert raw.strip() == cell.raw.strip()
    return f"{head}\t{new}"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_one_changed_number_is_caught_and_named(path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    report = build_report(parse_text(text, str(path), "x"))
    assert not any(f.rule in ("T3-1", "T3-2", "T3-3", "T4-1") and f.is_error for f in check(report).findings)
    cells = [c for cid, c in report.cells.items() if cid.startswith(("t3:", "t4:"))]
    assert len(cells) == len(report.layout.t3.cell_ids) + 15
    missed = []
    for cell in cells:
        mutated = list(lines)
        mutated[cell.loc.line - 1] = mutate_line(lines[cell.loc.line - 1], cell)
        result = check(build_report(parse_text("\n".join(mutated), str(path), "x")))
        assert result.report.value(cell.id) == (cell.value or 0) + 1, cell.id
        if not any(f.is_error and cell.id in f.cells for f in result.findings):
            missed.append(cell.id)
    assert missed == []
