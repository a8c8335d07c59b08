"""A clerk's corrections as steps: what one step sets, applying it, and the step that undoes it.

The report keeps what was read in `cells` and `meta`, and the clerk's values apart in
`corrections` and `meta_corrections`; marks of 「已核实」 are kept beside it. A `Step`
sets some of these at once (None: back to what was read, or no mark). Every edit, fix,
「重算全部合计」 and 「已核实」 is one step, so undoing any of them is applying the step
`undoing()` gave before it was applied.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.model import Number, Report, Written
from core.presentation import META_NAMES
from core.work.confirmations import Confirmation


@dataclass(frozen=True)
class Step:
    cells: dict[str, Number | None] = field(default_factory=dict)  # cell id → value; None: as read
    meta: dict[str, object | None] = field(default_factory=dict)  # 'agency' | 'year' → value; None: as read
    marks: dict[str, Confirmation | None] = field(default_factory=dict)  # finding key → mark; None: unmarked

    def __bool__(self) -> bool:
        return bool(self.cells or self.meta or self.marks)


def cells_step(report: Report, values: dict[str, Number]) -> Step:
    """Set cells to these values; a value equal to the number as read takes the correction away."""
    wanted: dict[str, Number | None] = {}
    for cid, value in values.items():
        read = report.cells[cid]
        as_read = read.written is Written.NUMBER and read.unit is None and read.value == value
        wanted[cid] = None if as_read else value
    return _only_changes(report, Step(cells=wanted))


def meta_step(report: Report, name: str, value: object) -> Step:
    """Correct the body's name or the year; the value as read takes the correction away."""
    assert name in META_NAMES
    return _only_changes(report, Step(meta={name: None if value == getattr(report.meta, name) else value}))


def apply(report: Report, marks: dict[str, Confirmation], step: Step) -> None:
    for cid, value in step.cells.items():
        _put(report.corrections, cid, value)
    for name, fact in step.meta.items():
        _put(report.meta_corrections, name, fact)
    for key, mark in step.marks.items():
        _put(marks, key, mark)


def undoing(report: Report, marks: dict[str, Confirmation], step: Step) -> Step:
    """The step that puts back, as it is now, everything `step` touches."""
    return Step(
        cells={cid: report.corrections.get(cid) for cid in step.cells},
        meta={name: report.meta_corrections.get(name) for name in step.meta},
        marks={key: marks.get(key) for key in step.marks},
    )


def _only_changes(report: Report, step: Step) -> Step:
    """The step without what it would set to what is already there."""
    return Step(
        cells={k: v for k, v in step.cells.items() if report.corrections.get(k) != v},
        meta={k: v for k, v in step.meta.items() if report.meta_corrections.get(k) != v},
    )


def _put(mapping: dict, key: str, value: object | None) -> None:
    if value is None:
        mapping.pop(key, None)
    else:
        mapping[key] = value
