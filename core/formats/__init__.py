"""The two official formats, and which one a year requires."""
from __future__ import annotations

from functools import cache

from core.formats.spec import Layout, TableSpec, cell_id, split_cell_id
from core.formats.tables import T2_2019, T2_2021, T3_2019, T3_2021, T3_OUTCOME_ROWS, T4

FORMATS: dict[str, Layout] = {
    "2019": Layout(t2=T2_2019, t3=T3_2019, t4=T4),
    "2021": Layout(t2=T2_2021, t3=T3_2021, t4=T4),
}

FORMAT_DOCS = {
    "2019": "国办公开办函〔2019〕60号",
    "2021": "国办公开办函〔2021〕30号",
}

FORMAT_NAMES = {"2019": "2019版", "2021": "2021版", "hybrid": "新旧格式混用"}


def required_format(year: int | None) -> str | None:
    """The format a report of `year` must use: 2019 for 2019–2020, 2021 from 2021 on."""
    if year is None:
        return None
    return "2019" if year <= 2020 else "2021"


@cache
def table_variants(table_id: str) -> tuple[TableSpec, ...]:
    """Every known variant of a table, newest first."""
    return tuple({FORMATS[f].table(table_id).variant: FORMATS[f].table(table_id) for f in ("2021", "2019")}.values())


__all__ = [
    "FORMATS",
    "FORMAT_DOCS",
    "FORMAT_NAMES",
    "TABLE_NAMES",
    "cell_name",
    "cell_names",
    "Layout",
    "TableSpec",
    "T3_OUTCOME_ROWS",
    "cell_id",
    "required_format",
    "split_cell_id",
    "table_variants",
]


TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def cell_name(layout: Layout, cid: str) -> str:
    """A cell's name for messages: 「表三（七）总计·自然人」, 「表四行政复议·总计」."""
    table_id, row_id, col_id = split_cell_id(cid)
    table = layout.table(table_id)
    row = table.row(row_id)
    column = table.column(col_id)
    row_part = f"{row.name}·" if row.name else ""
    return f"{TABLE_NAMES[table_id]}{row_part}{column.name}"


def cell_names(layout: Layout, cids, limit: int = 3) -> str:
    """Several cells' names for messages: the first `limit`, then 「等N格」."""
    cids = list(cids)
    names = "、".join(cell_name(layout, c) for c in cids[:limit])
    return names + (f"等{len(cids)}格" if len(cids) > limit else "")
