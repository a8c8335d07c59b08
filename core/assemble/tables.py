"""Placing the cells of tables 二, 三 and 四 by the form's labels.

Every row of every grid is first assigned to a table by the labels it holds (a
table may be split over several grids, and one grid may hold two tables). Then,
per table, the rows are walked cell by cell: a row label opens a record, the value
cells after it fill that record, any other label closes it. A record's values go
to the columns named by the header above them when the source has a real grid,
and in the form's column order when it has not (text copied out of Word).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.assemble.copied import Line, place_copied
from core.assemble.labels import Hit, block_id_of, vocabulary
from core.document import Document, Doubt, Grid, GridCell, Para
from core.formats import FORMATS, table_variants
from core.formats.spec import Block, Column, Row, TableSpec, cell_id
from core.model import Cell, LabelNote, Location, Written
from core.text.normalize import clean_cell_text, label_key, split_numbering
from core.text.numbers import looks_like_value, parse_value

TABLE_IDS = ("t2", "t3", "t4")


@dataclass
class _Run:
    """Consecutive rows that belong to one table."""

    table: str
    rows: list[tuple[Grid, list[GridCell]]] = field(default_factory=list)


@dataclass
class _Record:
    row: Row | None  # None: a row the form does not have (an extra row)
    label: GridCell
    grid: Grid
    values: list[GridCell] = field(default_factory=list)


@dataclass
class _HeaderCell:
    label: str  # official label
    col: int
    span: int


@dataclass
class PlacedTables:
    cells: dict[str, Cell]
    found: dict[str, bool]
    locs: dict[str, Location]
    block_index: dict[str, tuple[int, int]]  # table → (index in document.blocks of its first grid, first row there)
    notes: list[LabelNote]
    variants: dict[str, str | None]  # 't2'/'t3' → '2019' | '2021' | None (not decidable)
    grids: dict[str, list[Grid]] = field(default_factory=dict)  # table → the grids its rows were read from


# --- which table does a row belong to ---------------------------------------------------


def _row_score(row: list[GridCell], table: str) -> float:
    """How much the row's labels speak for `table`; 0 when only words every table has (其他, 总计) do."""
    score, own = 0.0, False
    for cell in row:
        if cell.covered or cell.unread or not cell.text.strip() or looks_like_value(cell.text):
            continue
        hits = _hits_any(cell.text, table)
        if hits:
            # 其他 and 总计 are column labels of more than one table: they weigh less, and alone they name no
            # table (table 四's header broken into 「总计 结果 结果 其他 尚未」 is not table 三's).
            generic = all(h.kind == "column" and len(h.official) <= 2 for h in hits)
            score += 0.5 if generic else 1.0
            own = own or not generic
    return score if own else 0.0


def _hits_any(text: str, table: str) -> list[Hit]:
    for spec in table_variants(table):
        hits = vocabulary(spec).match(text)
        if hits:
            return hits
    return []


def _split_runs(document: Document) -> list[_Run]:
    runs: list[_Run] = []
    current: str | None = None
    for block in document.blocks:
        if not isinstance(block, Grid):
            continue
        for row in block.rows:
            scores = {t: _row_score(row, t) for t in TABLE_IDS}
            best = max(scores, key=scores.__getitem__)
            if scores[best] >= 1 and sorted(scores.values())[-2] < scores[best]:
                current = best
            if current is None:
                continue
            if not runs or runs[-1].table != current:
                runs.append(_Run(current))
            runs[-1].rows.append((block, row))
    return runs


# --- walking the rows of tables 二 and 三 ------------------------------------------------


@dataclass
class _Walk:
    records: list[_Record] = field(default_factory=list)
    headers: dict[tuple[int, str | None], list[_HeaderCell]] = field(default_factory=dict)  # (grid id, block)
    blocks_seen: set[str] = field(default_factory=set)  # by their label or one of their rows
    labels_seen: set[str] = field(default_factory=set)  # by their label 「第二十条第（X）项」
    notes: list[LabelNote] = field(default_factory=list)


def _walk(table: str, rows: list[tuple[Grid, list[GridCell]]], spec: TableSpec) -> _Walk:
    vocab = vocabulary(spec)
    walk = _Walk()
    block: str | None = None
    for grid, row in rows:
        record: _Record | None = None
        for cell in row:
            if cell.covered:
                continue
            text = cell.text
            value_like = cell.unread or looks_like_value(text)  # a figure a scan's reader saw but could not read
            hits = [] if value_like else vocab.match(text)
            if hits:
                record = None
                for hit in hits:
                    block = _take_hit(hit, cell, grid, table, block, spec, walk)
                    if hit.kind == "row" and isinstance(hit.ref, Row):
                        record = _Record(hit.ref, cell, grid)
                        walk.records.append(record)
                continue
            if value_like:
                if record is not None:
                    record.values.append(cell)
                continue
            if record is not None and (record.values or _meant_as_number(text)):
                record.values.append(cell)  # text where a number belongs: unreadable
            elif _is_label_text(text):
                record = _Record(None, cell, grid)  # a row the form does not have
                walk.records.append(record)
    return walk


def _take_hit(hit: Hit, cell: GridCell, grid: Grid, table: str, block: str | None, spec: TableSpec, walk: _Walk):
    """Note what a label says about where we are; return the current block."""
    if not hit.exact:
        walk.notes.append(LabelNote(table, "misspelled", clean_cell_text(cell.text), hit.official, cell.loc))
    if hit.kind == "block":
        block = hit.ref.id if isinstance(hit.ref, Block) else str(hit.ref)
        walk.blocks_seen.add(block)
        walk.labels_seen.add(block)
        if not isinstance(hit.ref, Block):
            walk.notes.append(LabelNote(table, "extra", clean_cell_text(cell.text), None, cell.loc))
    elif hit.kind in ("column", "header", "corner") and cell.col is not None:
        walk.headers.setdefault((id(grid), block), []).append(_HeaderCell(hit.official, cell.col, cell.span))
    elif hit.kind == "row" and table == "t2" and isinstance(hit.ref, Row):
        block = spec.block_of(hit.ref.id).id
        walk.blocks_seen.add(block)
    return block


# A short text a clerk wrote for a number: 「八」「约8」「8？」「十二件」. Right after a row's label it is that row's
# first number, unreadable, not the label's next line: skipping it would move every number after it one column.
_NUMBER_ATTEMPT_RE = re.compile(
    r"^(?:约|近|逾|共|计|合计|为)?"
    r"(?:[^\u4e00-\u9fff]*[0-9０-９][^\u4e00-\u9fff]*|[零〇一二两三四五六七八九十百千万]+)"
    r"[件个条项次起宗份]?(?:左右|以上|以下|余|多)?[^\u4e00-\u9fff]*$"
)


def _meant_as_number(text: str) -> bool:
    stripped = "".join(text.split())
    numbered = split_numbering(label_key(stripped))[0]  # 「9.其他」: a row's label, not a number
    return 0 < len(stripped) <= 8 and not numbered and bool(_NUMBER_ATTEMPT_RE.match(stripped))


def _is_label_text(text: str) -> bool:
    key = label_key(text)
    return 2 <= len(key) <= 40 and not key.isdigit()


# --- columns --------------------------------------------------------------------------


def _column_map(
    headers: list[_HeaderCell], columns: tuple[Column, ...], partial: bool = False
) -> dict[int, tuple[str, int]] | None:
    """Grid column where a header starts → (column id, grid columns the header spans), from the header cells'
    labels; None unless every column is placed (with `partial`, unless at least one is and none is unclear)."""
    mapping: dict[int, tuple[str, int]] = {}
    for column in columns:
        candidates = [h for h in headers if h.label == column.label]
        if column.parents:
            parents = [h for h in headers if h.label == column.parents[-1]]
            candidates = [h for h in candidates if any(p.col <= h.col < p.col + p.span for p in parents)]
        candidates = list({h.col: h for h in candidates}.values())  # a header repeated after a page break
        if partial and not candidates:
            continue  # a column this part of the table does not have
        if len(candidates) != 1 or candidates[0].col in mapping:
            return None
        mapping[candidates[0].col] = (column.id, max(candidates[0].span, 1))
    return mapping or None


def _column_parts(walk: _Walk, spec: TableSpec, table: str) -> dict[tuple[int, str | None], dict[int, tuple[str, int]]]:
    """(grid id, block) → the part of the columns that grid holds, for a block split by columns over grids.

    A table too wide for the page is split into two (「（续表）」 between), each with all the row labels and
    some of the columns: table 三's 自然人 … 社会公益组织, then 法律服务机构, 其他, 总计. Each part's header
    names its own columns; together, with no column twice, they are all the block's columns. Anything else
    (a header repeated after a page break, a grid whose header names every column) is not a split.
    """
    parts: dict[tuple[int, str | None], dict[int, tuple[str, int]]] = {}
    grids = {id(r.grid): r.grid for r in walk.records}
    for block in spec.blocks:
        key = block.id if table == "t2" else None
        found = {}
        for grid_id, grid in grids.items():
            headers = walk.headers.get((grid_id, key), [])
            mapping = _column_map(headers, block.columns, partial=True) if grid.has_grid else None
            if mapping is not None:
                found[grid_id] = mapping
        ids = [[column for column, _ in m.values()] for m in found.values()]
        every = [c for part in ids for c in part]
        if len(found) >= 2 and len(every) == len(set(every)) == len(block.columns):
            parts.update({(grid_id, key): mapping for grid_id, mapping in found.items()})
    return parts


def _assign(values: list[GridCell], columns: tuple[Column, ...], mapping: dict[int, tuple[str, int]] | None):
    """Which value goes in which column; plus how many values were left over or missing."""
    if mapping is not None and all(v.col is not None for v in values):
        placed: dict[str, GridCell] = {}
        outside = 0  # text in no column of the header, or in a column already taken: a row longer than the form's
        for value in values:
            column = _column_under(value, mapping)
            if column is not None and (column not in placed or not placed[column].text.strip()):
                # A blank under a column that has a number too is the empty part of a cell merged over several
                # grid columns (in a table without column rules, the lanes beside the number): the number stands.
                placed[column] = value if value.text.strip() or column not in placed else placed[column]
            else:
                outside += 1 if value.text.strip() else 0
        # A column no cell stands under (a row cut short in Word, a cell deleted): the row is short.
        return placed, outside or len(placed) - len(columns)
    values = list(values)
    while len(values) > len(columns) and not values[-1].text.strip():
        values.pop()  # padding after the last column (merged cells, Markdown's trailing |)
    placed = {column.id: value for column, value in zip(columns, values)}
    return placed, len(values) - len(columns)


def _column_under(value: GridCell, mapping: dict[int, tuple[str, int]]) -> str | None:
    """The column whose header stands over the value's first grid column; else the first header the value's
    span reaches. Word lets a row's cells be merged otherwise than the header's (a real report: 「本年增/减」
    over grid columns 2–3, and below it a 0 merged over columns 1–2 and a 0 in column 3)."""
    col, span = value.col, value.span
    if col is None:  # no grid column: no header stands over it (the callers pass only placed values)
        return None
    for start, (column, width) in mapping.items():
        if start <= col < start + width:
            return column
    for start in sorted(mapping):
        if col <= start < col + span:
            return mapping[start][0]
    return None


# --- table 四: one row of fifteen numbers, no row label --------------------------------


def _t4_records(rows: list[tuple[Grid, list[GridCell]]], spec: TableSpec) -> tuple[list[GridCell], Grid | None, _Walk]:
    vocab = vocabulary(spec)
    walk = _Walk()
    values: list[GridCell] = []
    data_grid = None
    width = len(spec.blocks[0].columns)
    for grid, row in rows:
        cells = [c for c in row if not c.covered]
        hits = [(c, vocab.match(c.text)) for c in cells if c.text.strip() and not (c.unread or looks_like_value(c.text))]
        if any(h for _, h in hits):
            for cell, cell_hits in hits:
                for hit in cell_hits:
                    _take_hit(hit, cell, grid, "t4", None, spec, walk)
            continue
        value_cells = [c for c in cells if c.unread or looks_like_value(c.text)]
        if len(cells) >= 3 and len(value_cells) * 2 >= len(cells) and len(values) < width:
            values.extend(cells)
            data_grid = data_grid or grid
    return values, data_grid, walk


# --- putting it together ----------------------------------------------------------------


def _variant_score(rows: list[tuple[Grid, list[GridCell]]], spec: TableSpec, other: TableSpec) -> int:
    """How many cells are labels this variant has and the other has not."""
    mine, theirs = _official_keys(spec), _official_keys(other)
    score = 0
    for _, row in rows:
        for cell in row:
            key = label_key(cell.text)
            if key in mine and key not in theirs:
                score += 1
            elif block_id_of(key) and not any(b.id == block_id_of(key) for b in other.blocks if b.label):
                score += 1
    return score


def _official_keys(spec: TableSpec) -> set[str]:
    keys: set[str] = set()
    for block in spec.blocks:
        keys.update(label_key(r.label) for r in block.rows)
        keys.update(label_key(c.label) for c in block.columns)
    keys.update(label_key(g.label) for g in spec.groups)
    return keys


def _choose_variant(table: str, rows, fallback: str | None) -> tuple[TableSpec, str | None]:
    new, old = FORMATS["2021"].table(table), FORMATS["2019"].table(table)
    score_new, score_old = _variant_score(rows, new, old), _variant_score(rows, old, new)
    if table == "t3":
        # The 2019 form has （六）其他处理 as one row with numbers; the 2021 form splits it in three.
        old_walk = _walk(table, rows, old)
        if any(r.row is not None and r.row.id == "3.6" and _has_number(r.values) for r in old_walk.records):
            score_old += 2
    if score_new > score_old:
        return new, "2021"
    if score_old > score_new:
        return old, "2019"
    return FORMATS[fallback or "2021"].table(table), None


def _has_number(values: list[GridCell]) -> bool:
    return any(parse_value(v.text).written in (Written.NUMBER, Written.NONE_MARK) for v in values)


def _first_row(grid: Grid, rows: list[tuple[Grid, list[GridCell]]]) -> int:
    """The first of `grid`'s rows that belongs to a table (a grid may hold the end of one table and another)."""
    mine = {id(row) for g, row in rows if g is grid}
    return next((n for n, row in enumerate(grid.rows) if id(row) in mine), 0)


def place_tables(document: Document, fallback_format: str | None) -> tuple[PlacedTables, dict[str, TableSpec]]:
    runs = _split_runs(document)
    by_table: dict[str, list[tuple[Grid, list[GridCell]]]] = {t: [] for t in TABLE_IDS}
    for run in runs:
        by_table[run.table].extend(run.rows)
    grid_index = {id(block): n for n, block in enumerate(document.blocks)}
    block_index: dict[str, tuple[int, int]] = {}

    specs: dict[str, TableSpec] = {}
    variants: dict[str, str | None] = {}
    for table in ("t3", "t2"):
        fallback = variants.get("t3") or fallback_format
        specs[table], variants[table] = _choose_variant(table, by_table[table], fallback)
    specs["t4"] = FORMATS["2021"].t4

    cells: dict[str, Cell] = {}
    notes: list[LabelNote] = []
    found: dict[str, bool] = {}
    locs: dict[str, Location] = {}
    for table in TABLE_IDS:
        spec = specs[table]
        if any(grid.doubt is Doubt.PDF_COPY and not grid.has_grid for grid, _ in by_table[table]):
            lines = _copy_lines(document, by_table[table], grid_index)
            placed, table_notes, first_grid = _place_copied_table(table, lines, spec)
        else:
            placed, table_notes, first_grid = _place_table(table, by_table[table], spec)
        found[table] = any(c.written is not Written.MISSING for c in placed.values())
        if first_grid is not None:
            locs[table] = first_grid.loc
            block_index[table] = (grid_index[id(first_grid)], _first_row(first_grid, by_table[table]))
        notes.extend(table_notes)
        cells.update(placed)
    grids = {t: list({id(g): g for g, _ in by_table[t]}.values()) for t in TABLE_IDS}
    return PlacedTables(cells, found, locs, block_index, notes, variants, grids), specs


def _copy_lines(document: Document, rows: list[tuple[Grid, list[GridCell]]], grid_index: dict[int, int]) -> list[Line]:
    """A copied table's lines: its grids' rows, and the paragraphs between two of its grids (a numbered piece of
    a label, 「5.要求行政机关确认或重新出具已」, is read as a heading when no numbers follow it)."""
    lines: list[Line] = []
    previous: int | None = None
    for grid, row in rows:
        index = grid_index[id(grid)]
        if previous is not None and index > previous + 1:
            for block in document.blocks[previous + 1 : index]:
                if isinstance(block, Para):
                    lines.append((None, [GridCell(word, block.loc) for word in block.text.split()]))
        previous = index
        lines.append((grid, row))
    return lines


def _place_copied_table(table: str, lines: list[Line], spec: TableSpec) -> tuple[dict[str, Cell], list[LabelNote], Grid | None]:
    copied = place_copied(table, lines, spec)
    notes = list(copied.notes)
    if table != "t4":
        walk = _Walk(blocks_seen=copied.blocks_seen, labels_seen=copied.labels_seen)
        notes.extend(_missing_notes(table, spec, walk, copied.rows_seen))
    return _cells(table, spec, copied.placed), notes, copied.first_grid


def _place_table(table: str, rows, spec: TableSpec) -> tuple[dict[str, Cell], list[LabelNote], Grid | None]:
    """The table's cells, what differs from the form, and the grid where its data starts."""
    placed: dict[str, GridCell] = {}
    first_grid: Grid | None = None
    if table == "t4":
        values, grid, walk = _t4_records(rows, spec)
        first_grid = grid
        if values:
            block = spec.blocks[0]
            mapping = _column_map(walk.headers.get((id(grid), None), []), block.columns) if grid and grid.has_grid else None
            if not _columns_unknown(grid, mapping):
                assigned, surplus = _assign(values, block.columns, mapping)
                placed.update({cell_id("t4", "1", col): v for col, v in assigned.items()})
                walk.notes.extend(_length_note(table, "数据行", values[0], surplus, block, assigned))
    else:
        walk = _walk(table, rows, spec)
        parts = _column_parts(walk, spec, table)
        joined: dict[str, _Joined] = {}
        seen_rows: set[str] = set()
        for record in walk.records:
            if record.row is None:
                if any(parse_value(v.text).written is Written.NUMBER for v in record.values):
                    walk.notes.append(
                        LabelNote(table, "extra", clean_cell_text(record.label.text), None, record.label.loc)
                    )
                continue
            block_key = spec.block_of(record.row.id).id if table == "t2" else None
            part = parts.get((id(record.grid), block_key))
            if part is not None and record.row.id not in seen_rows:
                joined.setdefault(record.row.id, _Joined(record)).add(record.values, part)
                continue
            if record.row.id in seen_rows or record.row.id in joined:
                continue  # a repeated row (a header repeated after a page break): first one wins
            seen_rows.add(record.row.id)
            first_grid = first_grid or record.grid
            block = spec.block_of(record.row.id)
            block_key = block.id if table == "t2" else None
            headers = walk.headers.get((id(record.grid), block_key), [])
            mapping = _column_map(headers, block.columns) if record.grid.has_grid else None
            if _columns_unknown(record.grid, mapping):
                continue
            assigned, surplus = _assign(record.values, block.columns, mapping)
            placed.update({cell_id(table, record.row.id, col): v for col, v in assigned.items()})
            walk.notes.extend(_length_note(table, record.row.name, record.label, surplus, block, assigned))
        for row_id, join in joined.items():  # a row of a table split by columns: its parts joined by its label
            seen_rows.add(row_id)
            first_grid = first_grid or join.record.grid
            block = spec.block_of(row_id)
            placed.update({cell_id(table, row_id, col): v for col, v in join.placed.items()})
            surplus = join.outside or len(join.placed) - len(block.columns)
            row = join.record.row
            assert row is not None  # rows are joined by their form row's id
            walk.notes.extend(_length_note(table, row.name, join.record.label, surplus, block, join.placed))
        walk.notes.extend(_missing_notes(table, spec, walk, seen_rows))
    return _cells(table, spec, placed), walk.notes, first_grid


def _columns_unknown(grid: Grid | None, mapping) -> bool:
    """Columns inferred from the words' positions (a PDF table without column rules) that the header's labels do
    not tell apart: the row's values stay unread, never placed in the form's order."""
    return grid is not None and grid.doubt is Doubt.INFERRED_COLUMNS and mapping is None


@dataclass
class _Joined:
    """One row of a table split by columns: the values of each part under that part's columns."""

    record: _Record  # the row's first part
    placed: dict[str, GridCell] = field(default_factory=dict)
    outside: int = 0  # values under no column of their part's header
    parts: list[tuple[str, ...]] = field(default_factory=list)  # the parts taken, by their columns

    def add(self, values: list[GridCell], part: dict[int, tuple[str, int]]) -> None:
        columns = tuple(column for column, _ in part.values())
        if columns in self.parts:
            return  # this part's row again (a header repeated after a page break): the first one stands
        self.parts.append(columns)
        for value in values:
            column = _column_under(value, part) if value.col is not None else None
            if column is not None and column not in self.placed:
                self.placed[column] = value
            elif value.text.strip():
                self.outside += 1


def _length_note(table, name, label: GridCell, surplus: int, block: Block, assigned) -> list[LabelNote]:
    if surplus == 0:
        return []
    kind = "long_row" if surplus > 0 else "short_row"
    ids = tuple(cell_id(table, r.id, c.id) for r in block.rows for c in block.columns if r.name == name)
    found = len(assigned) + max(surplus, 0)
    expected = len(block.columns)
    if surplus > 0 and found <= expected:  # as many numbers as columns, but not each under a column of its own
        detail = f"有{surplus}个数不在表头的任何一列之下（{expected}列中对上了{len(assigned)}列）"
    else:
        detail = f"找到{found}个数，应为{expected}个"
    return [LabelNote(table, kind, name, None, label.loc, ids, detail)]


def _missing_notes(table: str, spec: TableSpec, walk: _Walk, seen_rows: set[str]) -> list[LabelNote]:
    notes = []
    for block in spec.blocks:
        rows_found = [r for r in block.rows if r.id in seen_rows]
        ids = tuple(cell_id(table, r.id, c.id) for r in block.rows for c in block.columns)
        if block.label and not rows_found and block.id not in walk.blocks_seen:
            notes.append(LabelNote(table, "missing_block", block.label, block.label, None, ids))
            continue
        if block.label and block.id not in walk.labels_seen:
            notes.append(LabelNote(table, "missing_block_label", block.label, block.label, None, ids))
        for row in block.rows:
            if row.id not in seen_rows:
                ids = tuple(cell_id(table, row.id, c.id) for c in block.columns)
                notes.append(LabelNote(table, "missing_row", row.name, row.label, None, ids))
    return notes


def _cells(table: str, spec: TableSpec, placed: dict[str, GridCell]) -> dict[str, Cell]:
    cells = {}
    for cid in spec.cell_ids:
        source = placed.get(cid)
        if source is None:
            cells[cid] = Cell(cid, None, Written.MISSING)
            continue
        if source.unread:  # a figure on a scan the recogniser was not sure of: not assessable, never a guess
            cells[cid] = Cell(cid, None, Written.UNREADABLE, source.text, None, source.loc)
            continue
        parsed = parse_value(source.text)
        cells[cid] = Cell(cid, parsed.value, parsed.written, source.text, parsed.unit, source.loc)
    return cells
