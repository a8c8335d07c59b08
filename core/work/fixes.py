"""Fixes the window can offer: for failed balances (built on `rules.balances.balances(layout)`), and for
a table's blank cells and 「/」 (`fill_blanks`, `zero_marks`).

`suggest_fix` names one cell only when the other balances point at it: changing it must
make the failed balance hold without breaking a balance that holds now, and it must
mend more of the failed balances than any other cell would. In table 三 every number
stands in two balances (its column's and its row's), so a （七）总计 that disagrees with
parts that agree elsewhere is the one cell both failed balances share, and a miscounted
outcome is the one cell its column and its row share. Table 四's totals stand in one
balance only: whether the total or one of its parts is wrong cannot be told from the
numbers, so nothing is offered there — 「重算全部合计」 is the clerk's own choice to trust
the parts. Whenever no single cell fits, nothing is offered rather than a guess.

`recompute_totals` is 「重算全部合计」: every 总计 the balances define, from its parts.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.formats import TABLE_NAMES, cell_name
from core.formats.spec import split_cell_id
from core.model import Number, Report, Written
from core.rules.balances import Balance, balances
from core.rules.domains import DOMAIN_RULE
from core.text.numbers import format_number
from core.work.entry import Refusal, read_entry

Values = dict[str, "Number | None"]


@dataclass(frozen=True)
class Change:
    cell: str
    old: Number | None  # the value as it stands now (None: blank or unreadable)
    new: Number


@dataclass(frozen=True)
class Fix:
    title: str  # 「将表四行政复议·总计改为2」, 「重算全部合计（3格）」
    changes: tuple[Change, ...]


def suggest_fix(report: Report, key: str) -> Fix | None:
    """The fix offered for the finding `key`: for blank cells or 「/」 (T2-1, T3-4, T4-2) the table filled in;
    for a failed balance the one-cell change that makes it hold, when one cell is the likely culprit."""
    rule, _, what = key.partition(":")
    table = next((t for t, r in DOMAIN_RULE.items() if r == rule), None)
    if table is not None and what == Written.BLANK.value:  # 「T3-4:blank」: the table's blank cells
        return fill_blanks(report, table)
    if table is not None and what == Written.NONE_MARK.value:
        return zero_marks(report, table)
    return _balance_fix(report, key)


def _balance_fix(report: Report, key: str) -> Fix | None:
    checked = _checked(report)
    balance = next((b for b in checked if b.key == key), None)
    if balance is None:
        return None
    values = _values(report, checked)
    if _holds(balance, values) is not False:
        return None
    touching: dict[str, list[Balance]] = {}
    for other in checked:
        for cid in other.cells:
            touching.setdefault(cid, []).append(other)
    candidates: list[tuple[str, Number, int]] = []  # cell, new value, failed balances it mends
    for cid in dict.fromkeys(balance.cells):
        new = _solve(balance, values, cid)
        if not _allowed(report, cid, new):
            continue
        trial = {**values, cid: new}
        before_after = [(_holds(b, values), _holds(b, trial)) for b in touching[cid]]
        if any(before is True and after is False for before, after in before_after):
            continue
        candidates.append((cid, new, sum(1 for before, after in before_after if before is False and after is True)))
    chosen = _culprit(candidates)
    if chosen is None:
        return None
    cid, new = chosen
    return Fix(f"将{cell_name(report.layout, cid)}改为{format_number(new)}", (Change(cid, values[cid], new),))


def suggested_fixes(report: Report) -> dict[str, Fix]:
    """A suggestion for every failed balance that has one, by the balance's finding key."""
    found = {}
    for balance in _checked(report):
        fix = suggest_fix(report, balance.key)
        if fix is not None:
            found[balance.key] = fix
    return found


def fill_blanks(report: Report, table: str) -> Fix | None:
    """The cells of `table` left blank filled in: 0, or for a total its parts' sum once they are known.

    Offered for T3-4's 「有N格未填写」 (and T2-1's, T4-2's): many reports leave a none blank, and a
    blank total is a sum not written down. The clerk sees every cell it changes before it is made;
    a total whose parts include a number that cannot be read stays blank.
    """
    spec = report.layout.table(table)
    blanks = [cid for cid in spec.cell_ids if report.cell(cid).written is Written.BLANK]
    if not blanks:
        return None
    defining = {total: ways for total, ways in _defining(_checked(report)).items() if total in blanks}
    values: Values = {cid: report.value(cid) for cid in report.layout.cell_ids}
    values.update({cid: 0 for cid in blanks if cid not in defining})
    _settle(values, defining)
    changes = tuple(Change(cid, None, value) for cid in blanks if (value := values[cid]) is not None)
    # Short: it is the window's button (「按建议修改：…」); the dialog lists each cell and what it gets.
    return Fix(f"填写{TABLE_NAMES[table]}的{len(changes)}个空白格", changes) if changes else None


def zero_marks(report: Report, table: str) -> Fix | None:
    """The 「/」 and 「-」 of `table` (counted as 0 already) written as the 0 the form asks for."""
    spec = report.layout.table(table)
    marks = [cid for cid in spec.cell_ids if report.cell(cid).written is Written.NONE_MARK]
    changes = tuple(Change(cid, report.value(cid), 0) for cid in marks)
    return Fix(f"把{TABLE_NAMES[table]}填「/」的{len(changes)}格改为0", changes) if changes else None


def recompute_totals(report: Report) -> Fix | None:
    """Every 总计 set to the sum of its parts; None when all already agree.

    A total two balances define (表三 （七）总计·总计 is both its column's and its row's) is
    set once both sums agree, which they do once the totals they are made of are recomputed.
    A total with a blank part is left as it is.
    """
    checked = _checked(report)
    values = _values(report, checked)
    defining = _defining(checked)
    _settle(values, defining)
    order = {cid: n for n, cid in enumerate(report.layout.cell_ids)}
    changes = tuple(
        Change(cid, report.value(cid), values[cid])  # type: ignore[arg-type]  # one that differs was set by _settle: a number
        for cid in sorted(defining, key=order.__getitem__)
        if values[cid] != report.value(cid)
    )
    return Fix(f"重算全部合计（{len(changes)}格）", changes) if changes else None


# --- the arithmetic ------------------------------------------------------------------------


def _checked(report: Report) -> list[Balance]:
    """The balances the rules check for this report (those of the tables it has)."""
    return [b for b in balances(report.layout) if report.tables_found.get(split_cell_id(b.cells[0])[0])]


def _defining(checked: list[Balance]) -> dict[str, list[Balance]]:
    """Each total (a balance's one reported cell) → the balances that define it (two for a corner total)."""
    defining: dict[str, list[Balance]] = {}
    for balance in checked:
        if len(balance.reported) == 1:
            defining.setdefault(balance.reported[0], []).append(balance)
    return defining


def _settle(values: Values, defining: dict[str, list[Balance]]) -> None:
    """Each total of `defining` set to the sum of its parts, again while totals made of totals change."""
    for _ in range(len(defining) + 1):
        changed = False
        for total, ways in defining.items():
            sums = {_sum(values, b.parts) for b in ways}
            if None in sums or len(sums) != 1:
                continue
            value = sums.pop()
            if values[total] != value:
                values[total], changed = value, True
        if not changed:
            break


def _values(report: Report, checked: list[Balance]) -> Values:
    return {cid: report.value(cid) for b in checked for cid in b.cells}


def _sum(values: Values, cells: tuple[str, ...]) -> Number | None:
    total: Number = 0
    for cid in cells:
        value = values[cid]
        if value is None:
            return None
        total += value
    return total


def _holds(balance: Balance, values: Values) -> bool | None:
    """Whether the balance holds; None when a cell is blank (not assessable)."""
    parts, reported = _sum(values, balance.parts), _sum(values, balance.reported)
    if parts is None or reported is None:
        return None
    return parts == reported


def _solve(balance: Balance, values: Values, cid: str) -> Number:
    """The value of `cid` that makes the balance hold, the other cells as they are."""
    difference = _sum(values, balance.parts) - _sum(values, balance.reported)  # type: ignore[operator]  # the balance failed: all numbers
    now = values[cid]
    assert now is not None
    return now + difference if cid in balance.reported else now - difference


def _allowed(report: Report, cid: str, value: Number) -> bool:
    """A value the clerk could type into that cell (no negative count)."""
    kind = report.layout.table(split_cell_id(cid)[0]).kind_of(cid)
    return not isinstance(read_entry(kind, format_number(value)), Refusal)


def _culprit(candidates: list[tuple[str, Number, int]]) -> tuple[str, Number] | None:
    """The one cell that mends the most failed balances; None when none does, or several do as well."""
    if not candidates:
        return None
    most = max(mended for _, _, mended in candidates)
    best = [(cid, new) for cid, new, mended in candidates if mended == most]
    return best[0] if len(best) == 1 else None
