"""The shapes in which a format is described: tables, blocks, rows, columns.

The data itself lives in `core/formats/tables.py`; every reader, rule, view and
exporter takes the form's labels and cell ids from there.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property


class Kind(enum.Enum):
    """What a cell may hold."""

    COUNT = "count"  # whole number ≥ 0
    SIGNED = "signed"  # whole number, may be negative (2019 本年增/减)
    WAN = "wan"  # amount in 万元, decimal ≥ 0 (2021 本年收费金额)
    AMOUNT = "amount"  # amount with no unit on the form (2019 采购总金额)


@dataclass(frozen=True)
class Column:
    id: str
    label: str  # exactly as on the form
    parents: tuple[str, ...] = ()  # header labels above it, outermost first
    kind: Kind = Kind.COUNT
    variants: tuple[str, ...] = ()  # other wordings accepted silently
    misspellings: tuple[str, ...] = ()  # wordings accepted with a warning
    short: str | None = None  # a short name for messages, e.g. '结果维持（行政复议）'

    @property
    def name(self) -> str:
        return self.label if self.short is None else self.short


@dataclass(frozen=True)
class Row:
    id: str
    label: str  # exactly as on the form
    group: str | None = None  # label of the group it sits in: '（三）不予公开'
    variants: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    short: str | None = None  # for messages: '（三）1.属于国家秘密'

    @property
    def name(self) -> str:
        return self.label if self.short is None else self.short


@dataclass(frozen=True)
class Group:
    """A row heading that holds other rows (三、本年度办理结果, （三）不予公开)."""

    id: str
    label: str
    parent: str | None = None
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A part of a table with its own header: table 二's 第二十条第（X）项 blocks."""

    id: str
    label: str | None  # '第二十条第（一）项'; None for tables of one block
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    header: str | None = None  # the corner cell: '信息内容'


@dataclass(frozen=True)
class TableSpec:
    id: str  # 't2' | 't3' | 't4'
    variant: str  # '2019' | '2021' | 'both'
    title: str  # the section heading the table belongs to
    blocks: tuple[Block, ...]
    groups: tuple[Group, ...] = ()
    corner: str | None = None  # table 三's 「（本列数据的勾稽关系为：…）」
    header_labels: tuple[str, ...] = ()  # other header texts: '申请人情况', '行政诉讼'

    @cached_property
    def cell_ids(self) -> tuple[str, ...]:
        return tuple(cell_id(self.id, r.id, c.id) for b in self.blocks for r in b.rows for c in b.columns)

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for b in self.blocks for r in b.rows)

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """Every distinct column, in the order first met."""
        seen: dict[str, Column] = {}
        for b in self.blocks:
            for c in b.columns:
                seen.setdefault(c.id, c)
        return tuple(seen.values())

    def block_of(self, row_id: str) -> Block:
        for b in self.blocks:
            if any(r.id == row_id for r in b.rows):
                return b
        raise KeyError(row_id)

    def row(self, row_id: str) -> Row:
        for r in self.rows:
            if r.id == row_id:
                return r
        raise KeyError(row_id)

    def column(self, col_id: str) -> Column:
        for c in self.columns:
            if c.id == col_id:
                return c
        raise KeyError(col_id)

    def __reduce__(self):
        """One of the forms' own tables travels by name (a batch's worker processes send reports back)."""
        from core.formats import table_variants

        if any(spec is self for spec in table_variants(self.id)):
            return (_form_table, (self.id, self.variant))
        return super().__reduce__()

    def kind_of(self, cid: str) -> Kind:
        _, row_id, col_id = split_cell_id(cid)
        block = self.block_of(row_id)
        return next(c.kind for c in block.columns if c.id == col_id)


@dataclass(frozen=True)
class Layout:
    """The format variant each table of one report uses (they can differ: a hybrid)."""

    t2: TableSpec
    t3: TableSpec
    t4: TableSpec

    @property
    def tables(self) -> tuple[TableSpec, ...]:
        return (self.t2, self.t3, self.t4)

    def table(self, table_id: str) -> TableSpec:
        return {"t2": self.t2, "t3": self.t3, "t4": self.t4}[table_id]

    @property
    def name(self) -> str:
        """'2019', '2021' or 'hybrid' (tables of both formats in one report)."""
        variants = {self.t2.variant, self.t3.variant} - {"both"}
        return variants.pop() if len(variants) == 1 else "hybrid"

    @property
    def cell_ids(self) -> tuple[str, ...]:
        return self.t2.cell_ids + self.t3.cell_ids + self.t4.cell_ids


def _form_table(table_id: str, variant: str) -> TableSpec:
    from core.formats import table_variants

    return next(spec for spec in table_variants(table_id) if spec.variant == variant)


def cell_id(table: str, row: str, col: str) -> str:
    return f"{table}:{row}/{col}"


def split_cell_id(cid: str) -> tuple[str, str, str]:
    table, rest = cid.split(":", 1)
    row, col = rest.split("/", 1)
    return table, row, col
