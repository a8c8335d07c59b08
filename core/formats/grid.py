"""A table of the form drawn as a grid: which text or cell stands where, and what is merged.

Everything comes from the `TableSpec`: block titles, column headers with their parents,
row labels inside their groups, the corner cell. The window draws this grid, and the
exported workbook lays its sheets out from it (core/export/xlsx.py). Rules of the drawing:

* the row labels take as many columns as the deepest row (a row inside （三）不予公开
  inside 三、本年度办理结果 needs three); a shallower row's label spans what is left;
* a header label that no column has as its parent (表三's 「申请人情况」) is a caption
  over all the value columns; a column's parents stand above it, and its own label
  spans down to the last header row;
* a block with fewer columns than the widest block spreads them over the width
  (表二's 第二十条第（五）项: one column over three);
* a row without a name (表四's single data row) gets no label cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.formats.spec import Block, Row, TableSpec, cell_id


@dataclass(frozen=True)
class Spot:
    """One drawn cell of the grid: its top-left place, its span, and what it shows."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    role: str = "value"  # 'title' (a block's label) | 'header' | 'label' (a row or group) | 'value'
    text: str = ""  # the form's text; empty for a value spot
    cell: str | None = None  # the cell id of a value spot

    @property
    def centred(self) -> bool:
        """Its text stands centred: a title, a header, a group's label over its rows; a row's own label
        reads from the left."""
        return not (self.role == "label" and self.rowspan == 1)


@dataclass(frozen=True)
class FormGrid:
    table: str
    rows: int
    cols: int
    label_cols: int  # columns taken by row labels, at the left
    spots: tuple[Spot, ...]
    _anchors: dict[tuple[int, int], Spot] = field(default_factory=dict, repr=False, compare=False)
    _places: dict[str, Spot] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for spot in self.spots:
            self._anchors[(spot.row, spot.col)] = spot
            if spot.cell:
                self._places[spot.cell] = spot

    def at(self, row: int, col: int) -> Spot | None:
        """The spot whose top-left place is (row, col); None where a merge covers it or nothing is drawn."""
        return self._anchors.get((row, col))

    def spot_of(self, cid: str) -> Spot:
        return self._places[cid]

    @property
    def cell_ids(self) -> tuple[str, ...]:
        return tuple(self._places)


class _Drawing:
    """Spots under construction (spans grow as rows are added)."""

    def __init__(self) -> None:
        self.spots: list[dict] = []
        self.row = 0

    def add(self, row: int, col: int, role: str, text: str = "", rowspan: int = 1, colspan: int = 1, cell: str | None = None) -> dict:
        spot = dict(row=row, col=col, rowspan=rowspan, colspan=colspan, role=role, text=text, cell=cell)
        self.spots.append(spot)
        return spot


def _group_path(spec: TableSpec, row: Row) -> list[str]:
    """The labels of the groups a row sits in, outermost first."""
    by_label = {g.label: g for g in spec.groups}
    by_id = {g.id: g for g in spec.groups}
    path: list[str] = []
    label = row.group
    while label is not None:
        path.insert(0, label)
        group = by_label.get(label)
        parent = by_id.get(group.parent) if group and group.parent else None
        label = parent.label if parent else None
    return path


def _label_path(spec: TableSpec, row: Row) -> list[str]:
    return _group_path(spec, row) + [row.label] if row.name else []


def _spread(count: int, width: int) -> list[int]:
    """Column spans for `count` columns over `width` grid columns: the last takes what is left."""
    if count == 0:
        return []
    base = max(width // count, 1)
    return [base] * (count - 1) + [width - base * (count - 1)]


def _captions(spec: TableSpec) -> list[str]:
    parents = {p for c in spec.columns for p in c.parents}
    return [h for h in spec.header_labels if h not in parents]


def _header(drawing: _Drawing, spec: TableSpec, block: Block, label_cols: int, width: int, captions: list[str]) -> None:
    columns = block.columns
    depth = len(captions) + max(len(c.parents) for c in columns) + 1
    top = drawing.row
    corner = block.header or (spec.corner if len(spec.blocks) == 1 else None)
    if label_cols:
        drawing.add(top, 0, "header", corner or "", rowspan=depth, colspan=label_cols)
    for n, caption in enumerate(captions):
        drawing.add(top + n, label_cols, "header", caption, colspan=width)
    spans = _spread(len(columns), width)
    starts = [label_cols + sum(spans[:n]) for n in range(len(columns))]
    level_top = top + len(captions)
    for level in range(max(len(c.parents) for c in columns)):
        run: tuple[str, ...] | None = None
        spot: dict | None = None
        for column, start, span in zip(columns, starts, spans):
            key = column.parents[: level + 1] if len(column.parents) > level else None
            if key is not None and key == run and spot is not None:
                spot["colspan"] += span
                continue
            run, spot = key, None
            if key is not None:
                spot = drawing.add(level_top + level, start, "header", key[-1], colspan=span)
    for column, start, span in zip(columns, starts, spans):
        row = level_top + len(column.parents)
        drawing.add(row, start, "header", column.label, rowspan=top + depth - row, colspan=span)
    drawing.row = top + depth


def _rows(drawing: _Drawing, spec: TableSpec, block: Block, label_cols: int, width: int) -> None:
    open_groups: list[tuple[str, dict]] = []  # the group spots the previous row sat in, by level
    spans = _spread(len(block.columns), width)
    for row in block.rows:
        r = drawing.row
        path = _label_path(spec, row)
        groups, label = path[:-1], path[-1:]
        kept: list[tuple[str, dict]] = []
        continuing = True  # a group continues only inside a continuing outer group
        for level, group in enumerate(groups):
            continuing = continuing and level < len(open_groups) and open_groups[level][0] == group
            if continuing:
                open_groups[level][1]["rowspan"] += 1
                kept.append(open_groups[level])
            else:
                kept.append((group, drawing.add(r, level, "label", group)))
        open_groups = kept
        if label:
            drawing.add(r, len(groups), "label", label[0], colspan=label_cols - len(groups))
        col = label_cols
        for column, span in zip(block.columns, spans):
            drawing.add(r, col, "value", cell=cell_id(spec.id, row.id, column.id), colspan=span)
            col += span
        drawing.row += 1


_GRIDS: dict[tuple[str, str], FormGrid] = {}


def form_grid(spec: TableSpec) -> FormGrid:
    """The table as the official form draws it."""
    key = (spec.id, spec.variant)  # by name: hashing a whole TableSpec costs more than a lookup
    if key not in _GRIDS:
        _GRIDS[key] = _draw(spec)
    return _GRIDS[key]


def _draw(spec: TableSpec) -> FormGrid:
    label_cols = max(len(_label_path(spec, r)) for r in spec.rows)
    width = max(len(b.columns) for b in spec.blocks)
    captions = _captions(spec)
    drawing = _Drawing()
    for block in spec.blocks:
        if block.label:
            drawing.add(drawing.row, 0, "title", block.label, colspan=label_cols + width)
            drawing.row += 1
        _header(drawing, spec, block, label_cols, width, captions)
        _rows(drawing, spec, block, label_cols, width)
    spots = tuple(Spot(**s) for s in drawing.spots)
    return FormGrid(spec.id, drawing.row, label_cols + width, label_cols, spots)


__all__ = ["FormGrid", "Spot", "form_grid"]
